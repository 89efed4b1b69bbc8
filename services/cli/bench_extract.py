"""Extraction speed on one core: chars/s, articles/s, p50/p99 per article, start-up, peak memory.

Input: ``--docs FILE.jsonl`` (gold-format documents: id, kind, published, text[, headline]),
by default ``../shared/eval/dev/articles.jsonl`` next to the repository (or under
``$NEWSEVENTS_SHARED``). Every document is extracted once to warm up, then ``--repeat``
times timed. The sample page ``../shared/samples/page-2024-10-10.txt`` (kind=page, published
2024-10-10) is timed warm when present. The process is pinned to one CPU with
``os.sched_setaffinity`` before the engine loads, so the engine's own threads share that CPU.
Figures are wall-clock times of this machine; peak memory is ``ru_maxrss`` of the process.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

SAMPLE_PAGE = ("samples/page-2024-10-10.txt", date(2024, 10, 10))
DEFAULT_DOCS = "eval/dev/articles.jsonl"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--docs", metavar="FILE.jsonl", help=f"documents to extract (default: ../shared/{DEFAULT_DOCS})"
    )
    parser.add_argument("--repeat", type=_positive_int, default=3, metavar="N", help="timed passes (default 3)")
    parser.add_argument("--json", action="store_true", help="print machine-readable JSON")


def run(args: argparse.Namespace) -> int:
    from newsevents.extract.evaluation import GoldFormatError, load_gold

    shared = shared_dir()
    docs_path = Path(args.docs) if args.docs else shared / DEFAULT_DOCS
    if not docs_path.is_file():
        message = f"no such file: {docs_path}" if args.docs else f"{docs_path} is absent; pass --docs FILE.jsonl"
        print(f"newsevents bench extract: error: {message}", file=sys.stderr)
        return 2
    try:
        docs = load_gold([docs_path])
    except GoldFormatError as exc:
        print(f"newsevents bench extract: error: {exc}", file=sys.stderr)
        return 2
    if not docs:
        print(f"newsevents bench extract: error: {docs_path} holds no documents", file=sys.stderr)
        return 2
    figures: dict[str, Any] = {"docs_file": str(docs_path), "documents": len(docs), "repeat": args.repeat}
    figures["pinned_cpu"] = pin_one_core()

    extractor, figures["import_s"], figures["startup_s"] = load_extractor()

    failures = sum(_extract(extractor, d.text, d.published, d.kind, d.headline)[1] is not None for d in docs)
    latencies: list[float] = []
    out_articles = 0
    for _ in range(args.repeat):
        for d in docs:
            t0 = time.perf_counter()
            n, _err = _extract(extractor, d.text, d.published, d.kind, d.headline)
            latencies.append(time.perf_counter() - t0)
            out_articles += n
    total = sum(latencies) or 1e-9
    chars = args.repeat * sum(len(d.text) for d in docs)
    figures.update(
        failed_documents=failures,
        chars_per_s=round(chars / total),
        docs_per_s=round(len(latencies) / total, 1),
        output_articles_per_s=round(out_articles / total, 1),
        p50_ms=round(_percentile(latencies, 50) * 1000, 2),
        p99_ms=round(_percentile(latencies, 99) * 1000, 2),
        max_ms=round(max(latencies) * 1000, 2),
    )
    figures["sample_page"] = _sample_page(extractor, shared, args.repeat)
    figures["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(figures, ensure_ascii=False, indent=2) if args.json else render(figures, docs))
    return 1 if failures else 0


def load_extractor() -> tuple[Any, float, float]:
    """The engine, with the seconds its import and its ``Extractor()`` construction took."""
    started = time.perf_counter()
    from newsevents.extract.engine.pipeline import Extractor

    imported = time.perf_counter()
    extractor = Extractor()
    return extractor, round(imported - started, 3), round(time.perf_counter() - imported, 3)


def shared_dir() -> Path:
    """``$NEWSEVENTS_SHARED``, else ``shared/`` beside the repository holding this package."""
    if os.environ.get("NEWSEVENTS_SHARED"):
        return Path(os.environ["NEWSEVENTS_SHARED"])
    import newsevents

    return Path(newsevents.__file__).resolve().parents[1].parent / "shared"


def pin_one_core() -> int | None:
    """Pin this process to the first CPU it may use; the CPU, or None where unsupported."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return cpu


def render(f: dict[str, Any], docs: list[Any]) -> str:
    kinds = ", ".join(f"{k} {sum(d.kind == k for d in docs)}" for k in sorted({d.kind for d in docs}))
    pinned = "not pinned" if f["pinned_cpu"] is None else f"pinned to CPU {f['pinned_cpu']}"
    lines = [
        f"bench extract: {f['documents']} documents ({kinds}) from {f['docs_file']}, repeat {f['repeat']}, {pinned}",
        f"start-up     import {f['import_s']:.2f} s · Extractor() {f['startup_s']:.2f} s",
        f"throughput   {f['chars_per_s']:,} chars/s · {f['docs_per_s']} articles/s (input documents)"
        f" · {f['output_articles_per_s']} output articles/s",
        f"latency      p50 {f['p50_ms']} ms · p99 {f['p99_ms']} ms · max {f['max_ms']} ms per document",
    ]
    page = f["sample_page"]
    if page is None:
        lines.append("sample page  absent (../shared/samples/page-2024-10-10.txt)")
    else:
        lines.append(
            f"sample page  {page['chars']:,} chars: median {page['median_ms']} ms, max {page['max_ms']} ms warm "
            f"over {page['runs']} runs, {page['articles']} articles"
            + (f", FAILED: {page['error']}" if page["error"] else "")
        )
    lines.append(f"peak memory  {f['peak_rss_mb']} MB (ru_maxrss)")
    if f["failed_documents"]:
        lines.append(f"FAILED       {f['failed_documents']} documents raised an error")
    return "\n".join(lines)


def _sample_page(extractor: Any, shared: Path, repeat: int) -> dict[str, Any] | None:
    path = shared / SAMPLE_PAGE[0]
    if not path.is_file():
        return None
    text = path.read_text(encoding="utf-8")
    articles, error = _extract(extractor, text, SAMPLE_PAGE[1], "page", None)  # warm-up
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        _extract(extractor, text, SAMPLE_PAGE[1], "page", None)
        times.append(time.perf_counter() - t0)
    return {
        "path": str(path),
        "chars": len(text),
        "runs": repeat,
        "median_ms": round(statistics.median(times) * 1000, 1),
        "max_ms": round(max(times) * 1000, 1),
        "articles": articles,
        "error": error,
    }


def _extract(extractor: Any, text: str, published: date, kind: str, headline: str | None) -> tuple[int, str | None]:
    """(articles produced, error or None): a failing document is counted, not fatal."""
    try:
        return len(extractor.extract(text, published=published, kind=kind, headline=headline)), None
    except Exception as exc:  # noqa: BLE001 - reported in the figures
        return 0, f"{type(exc).__name__}: {exc}"


def _percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 100))
    return ordered[int(rank) - 1]


def _positive_int(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"not a positive integer: {value!r}")
    return int(value)
