"""`newsevents extract | eval | eval-ner` and `bench extract`, end to end through `main`."""

from __future__ import annotations

import io
import json

import pytest

from newsevents.cli import bench_extract
from newsevents.cli import extraction as cli
from newsevents.cli.main import main
from newsevents.contract.analysis import ArticleAnalysis

ARTICLE = "近日，河西市召开文明城市创建工作推进会。\n会上，12个单位受到表彰。"


class FakeExtractor:
    """One article per document, its body the stripped text; ``BOOM`` in the text raises."""

    def extract(self, text, *, published, kind="article", headline=None):
        if "BOOM" in text:
            raise ValueError("cannot extract this")
        return [ArticleAnalysis(body=text.strip(), headline=headline)] if text.strip() else []


@pytest.fixture
def fake(monkeypatch):
    monkeypatch.setattr(cli, "_extractor", FakeExtractor)


def _docs(tmp_path, *docs, name="docs.jsonl"):
    path = tmp_path / name
    path.write_text("\n".join(d if isinstance(d, str) else json.dumps(d, ensure_ascii=False) for d in docs) + "\n")
    return path


def _doc(doc_id, text=ARTICLE, **extra):
    return {"id": doc_id, "kind": "article", "published": "2024-10-10", "text": text, **extra}


# --- extract ---------------------------------------------------------------------------------


def test_extract_file_with_the_real_engine(tmp_path, capsys):
    path = tmp_path / "news.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    assert main(["extract", str(path), "--published", "2024-10-10", "--headline", "河西市召开推进会"]) == 0
    out = capsys.readouterr().out
    assert "河西市" in out  # ensure_ascii=False
    result = json.loads(out)
    assert result["id"] == "news.txt"
    for article in result["articles"]:
        ArticleAnalysis.model_validate(article)
        for e in article["entities"]:
            assert article["body"][e["start"] : e["end"]] == e["text"]


def test_extract_stdin(fake, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO(ARTICLE))
    assert main(["extract", "-", "--published", "2024-10-10", "--kind", "page"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["id"] == "-" and result["articles"][0]["body"] == ARTICLE


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["extract", "x.txt", "--published", "2024-02-30"], "not a date"),
        (["extract", "x.txt", "--published", "10/10/2024"], "not a date"),
        (["extract", "x.txt", "--kind", "book", "--published", "2024-10-10"], "invalid choice"),
    ],
)
def test_extract_rejects_bad_arguments(argv, message, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["extract", "x.txt"], "--published DATE is required"),
        (["extract"], "give either FILE"),
        (["extract", "x.txt", "--input", "d.jsonl"], "give either FILE"),
        (["extract", "/nonexistent/x.txt", "--published", "2024-10-10"], "cannot read"),
        (["extract", "--input", "/nonexistent/d.jsonl"], "cannot read"),
        (["extract", "--input", "/"], "cannot read"),
    ],
)
def test_extract_usage_errors(fake, argv, message, capsys):
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_extract_input_continues_past_failures(fake, tmp_path, capsys):
    path = _docs(
        tmp_path,
        _doc("good", headline="河西市召开推进会"),
        _doc("boom", text="BOOM"),
        _doc("bad-date", published="2024-13-40"),
        "{not json",
        _doc("empty", text=""),
    )
    assert main(["extract", "--input", str(path)]) == 1
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["id"] for r in lines] == ["good", "boom", "bad-date", "docs.jsonl:4", "empty"]
    assert lines[0]["articles"][0]["headline"] == "河西市召开推进会" and "error" not in lines[0]
    assert "cannot extract this" in lines[1]["error"] and lines[1]["articles"] == []
    assert "not an ISO date" in lines[2]["error"]
    assert "not JSON" in lines[3]["error"]
    assert lines[4] == {"id": "empty", "articles": []}


def test_extract_input_from_stdin(fake, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(_doc("a")) + "\n" + json.dumps(_doc("b"))))
    assert main(["extract", "--input", "-"]) == 0
    assert [json.loads(line)["id"] for line in capsys.readouterr().out.splitlines()] == ["a", "b"]


def test_extract_output_file(fake, tmp_path, capsys):
    out = tmp_path / "pred.jsonl"
    assert main(["extract", "--input", str(_docs(tmp_path, _doc("a"), _doc("b"))), "--output", str(out)]) == 0
    assert capsys.readouterr().out == ""
    assert [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()] == ["a", "b"]
    assert main(["extract", "--input", str(tmp_path / "docs.jsonl"), "--output", str(tmp_path / "no/dir")]) == 2
    assert "cannot write" in capsys.readouterr().err


# --- eval ------------------------------------------------------------------------------------

GOLD = _doc(
    "g1",
    headline="河西市召开推进会",
    gold={"articles": [{"lead": "近日，河西市召开", "headline": "河西市召开推进会", "persons": [],
                        "events": [{"type": "meeting", "evidence": "召开文明城市创建工作推进会"}],
                        "metrics": [{"text": "12个", "value": 12, "unit": "个"}]}]},
)  # fmt: skip


def test_eval_runs_the_extractor(fake, tmp_path, capsys):
    assert main(["eval", str(_docs(tmp_path, GOLD, name="gold.jsonl"))]) == 0
    out = capsys.readouterr().out
    assert "documents 1" in out and "segmentation recall" in out
    row = next(line for line in out.splitlines() if line.startswith("headline exact"))
    assert row.split()[2] == "1.000"


def test_eval_predictions_json_and_details(tmp_path, capsys):
    gold = _docs(tmp_path, GOLD, {**GOLD, "id": "g2"}, name="gold.jsonl")
    prediction = {"id": "g1", "articles": [{"body": ARTICLE, "headline": "河西市召开推进会"}]}
    failed = {"id": "g2", "articles": [], "error": "ValueError: boom"}
    preds = _docs(tmp_path, prediction, failed, name="pred.jsonl")
    assert main(["eval", str(gold), "--predictions", str(preds), "--json", "--details"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["counts"]["documents"] == 2 and report["counts"]["failed"] == 1
    assert report["overall"]["segmentation.recall"]["value"] == 0.5
    assert report["macro_by_kind"]["article"]["headline.exact"] == {"value": 0.5, "num": 1.0, "documents": 2}
    details = {d["id"]: d for d in report["details"]}
    assert details["g2"]["articles"][0]["matched"] is False
    assert any("event missed [meeting]" in n for n in details["g1"]["articles"][0]["notes"])

    assert main(["eval", str(gold), "--predictions", str(preds), "--details"]) == 0
    out = capsys.readouterr().out
    assert "NOT FOUND" in out and "extraction failed: ValueError: boom" in out


def test_eval_warns_about_predictions_without_gold(tmp_path, capsys):
    gold = _docs(tmp_path, GOLD, name="gold.jsonl")
    preds = _docs(tmp_path, {"id": "g-other", "articles": []}, name="pred.jsonl")
    assert main(["eval", str(gold), "--predictions", str(preds)]) == 0
    captured = capsys.readouterr()
    assert "1 predictions match no gold id: ['g-other']" in captured.err
    assert "no prediction for this document" not in captured.out  # only with --details
    assert "failed 1" in captured.out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["eval", "/nonexistent/gold.jsonl"], "cannot read"),
        (["eval", "{gold}", "--predictions", "/nonexistent/pred.jsonl"], "cannot read"),
    ],
)
def test_eval_usage_errors(tmp_path, argv, message, capsys):
    gold = str(_docs(tmp_path, GOLD, name="gold.jsonl"))
    assert main([a.replace("{gold}", gold) for a in argv]) == 2
    assert message in capsys.readouterr().err


def test_eval_on_dev_gold_with_the_real_engine(shared_dir, capsys):
    dev = shared_dir / "eval/dev"
    assert main(["eval", str(dev / "seed-page.json"), str(dev / "articles.jsonl"), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["counts"]["documents"] == 22 and report["counts"]["gold_articles"] == 28
    assert set(report["macro_by_kind"]) == {"page", "article"}


# --- eval-ner --------------------------------------------------------------------------------

BIO = "我 O\n在 O\n北 B-LOC\n京 I-LOC\n见 O\n到 O\n王 B-PER\n刚 I-PER\n\n上\tB-LOC\n海\tI-LOC\n"


class FakeTagger:
    def entities(self, text):
        from newsevents.contract.analysis import Entity

        return [Entity(text="北京", start=2, end=4, label="location")] if text.startswith("我") else []


@pytest.mark.parametrize(("extra", "sentences"), [([], 2), (["--limit", "1"], 1)])
def test_eval_ner(monkeypatch, tmp_path, capsys, extra, sentences):
    monkeypatch.setattr(cli, "_tagger", FakeTagger)
    path = tmp_path / "corpus.bio"
    path.write_text(BIO, encoding="utf-8")
    assert main(["eval-ner", str(path), "--json", *extra]) == 0
    (result,) = json.loads(capsys.readouterr().out)
    assert result["sentences"] == sentences
    assert result["labels"]["location"]["precision"] == 1.0
    assert result["labels"]["person"]["recall"] == 0.0
    assert result["labels"]["micro"]["gold"] == 3 if sentences == 2 else 2
    assert main(["eval-ner", str(path)]) == 0
    assert "micro" in capsys.readouterr().out


def test_eval_ner_with_the_real_tagger(tmp_path, capsys):
    path = tmp_path / "corpus.bio"
    path.write_text(BIO, encoding="utf-8")
    assert main(["eval-ner", str(path), "--limit", "5"]) == 0
    assert "2 sentences" in capsys.readouterr().out


@pytest.mark.parametrize("argv", [["eval-ner", "/nonexistent.bio"], ["eval-ner", "x", "--limit", "0"]])
def test_eval_ner_usage_errors(argv, capsys):
    try:
        code = main(argv)
    except SystemExit as exc:
        code = exc.code
    assert code == 2


# --- bench extract ---------------------------------------------------------------------------


@pytest.fixture
def no_pinning(monkeypatch):
    monkeypatch.setattr(bench_extract, "pin_one_core", lambda: None)  # never pin the test process


def test_bench_extract(no_pinning, monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(bench_extract, "load_extractor", lambda: (FakeExtractor(), 0.1, 0.2))
    shared = tmp_path / "shared"
    (shared / "samples").mkdir(parents=True)
    (shared / "samples/page-2024-10-10.txt").write_text(ARTICLE, encoding="utf-8")
    monkeypatch.setenv("NEWSEVENTS_SHARED", str(shared))
    docs = _docs(tmp_path, _doc("a"), _doc("b"), _doc("c", text="BOOM"))
    assert main(["bench", "extract", "--docs", str(docs), "--repeat", "2", "--json"]) == 1  # one failed
    figures = json.loads(capsys.readouterr().out)
    assert figures["documents"] == 3 and figures["failed_documents"] == 1
    assert figures["chars_per_s"] > 0 and figures["p99_ms"] >= figures["p50_ms"]
    assert figures["sample_page"]["articles"] == 1 and figures["peak_rss_mb"] > 0
    docs = _docs(tmp_path, _doc("a"))
    assert main(["bench", "extract", "--docs", str(docs), "--repeat", "1"]) == 0
    out = capsys.readouterr().out
    assert "chars/s" in out and "p50" in out and "peak memory" in out


def test_bench_extract_without_docs(no_pinning, monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("NEWSEVENTS_SHARED", str(tmp_path / "absent"))
    assert main(["bench", "extract"]) == 2
    assert "pass --docs" in capsys.readouterr().err


@pytest.mark.parametrize(("values", "q", "expected"), [([3, 1, 2], 50, 2), ([1] * 99 + [100], 99, 1), ([5], 99, 5)])
def test_percentile(values, q, expected):
    assert bench_extract._percentile(values, q) == expected
