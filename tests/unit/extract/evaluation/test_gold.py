"""Loading gold documents: *.json (one object), *.jsonl (one per line), clear errors."""

from __future__ import annotations

import json
from datetime import date

import pytest

from newsevents.extract.evaluation.gold import GoldFormatError, load_gold


def _write(tmp_path, name, *objects, raw=None):
    path = tmp_path / name
    if raw is not None:
        path.write_text(raw, encoding="utf-8")
    elif name.endswith(".json"):
        path.write_text(json.dumps(objects[0], ensure_ascii=False), encoding="utf-8")
    else:
        path.write_text("\n".join(json.dumps(o, ensure_ascii=False) for o in objects) + "\n\n", encoding="utf-8")
    return path


def test_json_and_jsonl(tmp_path, page):
    second = {**page, "id": "another", "kind": "article", "headline": "东山县修路"}
    docs = load_gold([_write(tmp_path, "a.json", page), _write(tmp_path, "b.jsonl", second)])
    assert [d.id for d in docs] == ["test-page", "another"]
    assert docs[0].published == date(2024, 10, 10)
    assert docs[1].headline == "东山县修路"
    hexi, dongshan = docs[0].articles
    assert hexi.region.codes == ("620700", "620799")
    assert hexi.events[0].time.fuzzy and not hexi.events[1].time
    assert dongshan.byline is None and dongshan.headline is None
    assert "新建农村公路120公里" in dongshan.evidence()
    assert "李春花" in dongshan.evidence()


def test_document_without_gold_has_no_articles(tmp_path):
    doc = {"id": "x", "kind": "article", "published": "2024-05-16", "text": "近日，某县开展活动。"}
    assert load_gold([_write(tmp_path, "x.jsonl", doc)])[0].articles == ()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"published": "2024-13-01"}, "not an ISO date"),
        ({"published": "昨天"}, "not an ISO date"),
        ({"kind": "magazine"}, "kind must be one of"),
        ({"text": None, "id": "x"}, None),
    ],
)
def test_bad_documents(tmp_path, page, change, message):
    doc = {**page, **change}
    if change.get("text", "") is None:
        del doc["text"]
        message = "missing 'text'"
    with pytest.raises(GoldFormatError, match=message):
        load_gold([_write(tmp_path, "bad.jsonl", doc)])


@pytest.mark.parametrize(
    ("raw", "message"),
    [("{not json", "not JSON"), ("[1, 2]", "expected a JSON object"), ("\xff", None)],
)
def test_unreadable_files(tmp_path, raw, message):
    path = tmp_path / "bad.jsonl"
    if message is None:
        path.write_bytes(b"\xff\xfe")
        message = "cannot read"
    else:
        path.write_text(raw, encoding="utf-8")
    with pytest.raises(GoldFormatError, match=message):
        load_gold([path])


def test_missing_file_and_duplicate_ids(tmp_path, page):
    with pytest.raises(GoldFormatError, match="cannot read"):
        load_gold([tmp_path / "absent.jsonl"])
    with pytest.raises(GoldFormatError, match="duplicate document id"):
        load_gold([_write(tmp_path, "a.jsonl", page, page)])


def test_article_without_lead(tmp_path, page):
    del page["gold"]["articles"][1]["lead"]
    with pytest.raises(GoldFormatError, match="article 1: missing 'lead'"):
        load_gold([_write(tmp_path, "a.json", page)])
