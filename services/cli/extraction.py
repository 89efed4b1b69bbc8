"""`newsevents extract | eval | eval-ner`: run the extraction engine, and measure it against gold.

* ``extract FILE|- --published DATE`` prints one document's contract JSON (FORMAT.md §4);
  ``extract --input DOCS.jsonl`` prints one JSON line per gold-format document.
* ``eval GOLD.json[l]...`` scores the engine (or ``--predictions``) on gold documents.
* ``eval-ner BIO_FILE...`` scores the name tagger on BIO corpora (exact spans).

Exit status: 0 ok, 1 some document (or sentence) failed, 2 bad arguments or unreadable input.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import IO, Any, TypeVar

T = TypeVar("T")
KINDS = ("article", "page")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extract", help="extract the articles and events of a text file or of a JSONL of documents")
    p.add_argument("file", nargs="?", metavar="FILE|-", help="a UTF-8 text file, or - for standard input")
    p.add_argument(
        "--input", metavar="DOCS.jsonl", help="documents with id, kind, published, text[, headline]; - for stdin"
    )
    p.add_argument("--published", type=iso_date, metavar="DATE", help="publication date, YYYY-MM-DD")
    p.add_argument("--kind", choices=KINDS, default="article", help="a whole page or one article (default)")
    p.add_argument("--headline", help="the article's headline when it is not part of the text")
    p.add_argument("--output", metavar="FILE", help="write here instead of standard output")
    p.set_defaults(func=run_extract)

    p = sub.add_parser("eval", help="score extraction against gold documents (FORMAT.md §5)")
    p.add_argument("gold", nargs="+", metavar="GOLD.json[l]")
    p.add_argument("--predictions", metavar="PRED.jsonl", help="score these (extract --input output) instead")
    p.add_argument("--json", action="store_true", help="print machine-readable JSON")
    p.add_argument("--details", action="store_true", help="list, per gold article, what was missed")
    p.set_defaults(func=run_eval)

    p = sub.add_parser("eval-ner", help="score the name tagger on BIO corpora (PER/LOC/ORG, exact spans)")
    p.add_argument("files", nargs="+", metavar="BIO_FILE")
    p.add_argument("--limit", type=positive_int, metavar="N", help="only the first N sentences of each file")
    p.add_argument("--json", action="store_true", help="print machine-readable JSON")
    p.set_defaults(func=run_eval_ner)


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def positive_int(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"not a positive integer: {value!r}")
    return int(value)


# --- extract ---------------------------------------------------------------------------------


def run_extract(args: argparse.Namespace) -> int:
    from newsevents.extract.evaluation import gold, predict

    if (args.file is None) == (args.input is None):
        return _usage("extract", "give either FILE (or -) or --input DOCS.jsonl")
    if args.input is None and args.published is None:
        return _usage("extract", "--published DATE is required with FILE")
    source = args.file if args.input is None else args.input
    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return _usage("extract", f"cannot read {source}: {exc}")
    name = "-" if source == "-" else Path(source).name
    if args.input is None:
        docs: list[Any] = [gold.GoldDocument(name, args.kind, args.published, text, args.headline, ())]
    else:
        docs = list(_input_documents(text.splitlines(), name))
    extractor = _extractor()
    failed = 0
    try:
        with _output(args.output) as out:
            for doc in _progress(docs, "extract"):
                record = doc if isinstance(doc, dict) else predict(extractor, doc)
                failed += "error" in record
                indent = 2 if args.input is None else None
                out.write(json.dumps(record, ensure_ascii=False, indent=indent) + "\n")
    except OSError as exc:
        return _usage("extract", f"cannot write {args.output}: {exc}")
    return 1 if failed else 0


def _input_documents(lines: list[str], name: str) -> Iterator[Any]:
    """Documents of JSON lines; a bad line becomes its error record (``{"id", "articles": [], "error"}``)."""
    from newsevents.extract.evaluation import gold

    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{name}:{n}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield {"id": where, "articles": [], "error": f"{where}: not JSON ({exc})"}
            continue
        try:
            if not isinstance(obj, dict):
                raise gold.GoldFormatError(f"{where}: expected a JSON object")
            yield gold.parse_document({k: v for k, v in obj.items() if k != "gold"}, where)
        except gold.GoldFormatError as exc:
            doc_id = obj.get("id") if isinstance(obj, dict) else None
            yield {"id": str(doc_id or where), "articles": [], "error": str(exc)}


# --- eval ------------------------------------------------------------------------------------


def run_eval(args: argparse.Namespace) -> int:
    from newsevents.extract import evaluation as ev

    try:
        docs = ev.load_gold(args.gold)
        predictions = ev.load_predictions(args.predictions) if args.predictions else None
    except (ev.GoldFormatError, ev.PredictionFormatError) as exc:
        return _usage("eval", str(exc))
    if predictions is None:
        extractor = _extractor()
        predictions = {d.id: ev.parse_prediction(ev.predict(extractor, d)) for d in _progress(docs, "eval")}
    unknown = sorted(set(predictions) - {d.id for d in docs})
    if unknown:
        print(f"newsevents eval: warning: {len(unknown)} predictions match no gold id: {unknown[:5]}", file=sys.stderr)
    report = ev.aggregate(ev.score_document(d, predictions.get(d.id)) for d in docs)
    if args.json:
        print(json.dumps(ev.report_json(report, details=args.details), ensure_ascii=False, indent=2))
    else:
        print(ev.render_table(report))
        if args.details:
            print()
            print(ev.render_details(report))
    return 0


# --- eval-ner --------------------------------------------------------------------------------


def run_eval_ner(args: argparse.Namespace) -> int:
    from newsevents.extract.evaluation.bio import LABELS, read_bio, score_ner

    for path in args.files:
        if not Path(path).is_file():
            return _usage("eval-ner", f"no such file: {path}")
    tagger = _tagger()

    def tag(text: str) -> list[tuple[int, int, str]]:
        return [(e.start, e.end, e.label) for e in tagger.entities(text)]

    results = []
    for path in args.files:
        started = time.perf_counter()
        try:
            score = score_ner(read_bio(path), tag, args.limit)
        except (OSError, UnicodeDecodeError) as exc:
            return _usage("eval-ner", f"cannot read {path}: {exc}")
        results.append((path, score, time.perf_counter() - started))
    labels = [*LABELS.values(), "micro"]
    if args.json:
        print(json.dumps([_ner_json(p, s, t, labels) for p, s, t in results], ensure_ascii=False, indent=2))
    else:
        print("\n\n".join(_ner_table(p, s, t, labels) for p, s, t in results))
    return 1 if any(s.errors for _, s, _ in results) else 0


def _ner_json(path: str, score: Any, seconds: float, labels: list[str]) -> dict[str, Any]:
    r = score.tally.ratios
    return {
        "path": path,
        "sentences": score.sentences,
        "errors": score.errors,
        "first_error": score.first_error,
        "seconds": round(seconds, 3),
        "labels": {
            label: {
                "precision": r[f"{label}.precision"].value,
                "recall": r[f"{label}.recall"].value,
                "f1": r[f"{label}.f1"].value,
                "gold": int(r[f"{label}.recall"].den),
                "predicted": int(r[f"{label}.precision"].den),
            }
            for label in labels
        },
    }


def _ner_table(path: str, score: Any, seconds: float, labels: list[str]) -> str:
    rate = score.sentences / seconds if seconds else 0.0
    lines = [f"{path}: {score.sentences} sentences, {score.errors} errors, {seconds:.1f} s ({rate:.0f} sentences/s)"]
    if score.first_error:
        lines.append(f"  first error: {score.first_error}")
    lines.append(f"{'label':14}{'P':>7}{'R':>7}{'F1':>7}{'gold':>8}{'predicted':>11}")
    r = score.tally.ratios
    for label in labels:
        p, rc, f = (r[f"{label}.{m}"].value for m in ("precision", "recall", "f1"))
        lines.append(
            f"{label:14}{_f(p):>7}{_f(rc):>7}{_f(f):>7}"
            f"{r[f'{label}.recall'].den:>8.0f}{r[f'{label}.precision'].den:>11.0f}"
        )
    return "\n".join(lines)


def _f(x: float | None) -> str:
    return "—" if x is None else f"{x:.3f}"


# --- shared ----------------------------------------------------------------------------------


def _extractor() -> Any:
    from newsevents.extract.engine.pipeline import Extractor

    return Extractor()


def _tagger() -> Any:
    from newsevents.extract.engine.ner import NameTagger

    return NameTagger()


def _progress(items: list[T], desc: str) -> Iterable[T]:
    """A tqdm bar on standard error, only when standard error is a terminal."""
    if not sys.stderr.isatty():
        return items
    from tqdm import tqdm

    return tqdm(items, desc=desc, unit="doc", file=sys.stderr)


@contextmanager
def _output(path: str | None) -> Iterator[IO[str]]:
    if path is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    with open(path, "w", encoding="utf-8") as f:
        yield f


def _usage(command: str, message: str) -> int:
    print(f"newsevents {command}: error: {message}", file=sys.stderr)
    return 2
