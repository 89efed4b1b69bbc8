"""Reading predictions leniently, counting offsets that do not hold."""

from __future__ import annotations

import json
from datetime import date

import pytest

from newsevents.extract.evaluation.predicted import PredictionFormatError, load_predictions, parse_prediction


def test_perfect_prediction_parses_without_offset_errors(perfect):
    prediction = parse_prediction(perfect)
    hexi = prediction.articles[0]
    assert hexi.offset_errors == 0
    assert ("person", "王建国") in hexi.entities
    assert hexi.region == "620700"
    assert hexi.events[0].time_start == date(2024, 10, 3)
    assert hexi.events[0].participants == ("王建国",)
    assert hexi.metrics[1] == ("3.5万场次", 35000.0, "场次")


@pytest.mark.parametrize(
    ("article", "errors"),
    [
        ({"body": "近日，某县召开会议。"}, 0),
        (
            {"body": "近日，某县召开会议。", "entities": [{"text": "某县", "start": 3, "end": 5, "label": "location"}]},
            0,
        ),
        (
            {"body": "近日，某县召开会议。", "entities": [{"text": "某县", "start": 0, "end": 2, "label": "location"}]},
            1,
        ),
        ({"body": "近日", "metrics": [{"text": "3人", "start": 0, "end": 2, "value": 3, "unit": "人"}]}, 1),
        ({"body": "召开", "events": [{"type": "meeting", "trigger": {"text": "召开", "start": 0, "end": 2}}]}, 0),
        ({"body": "召开", "events": [{"type": "meeting", "trigger": {"text": "召开", "start": 5, "end": 7}}]}, 1),
    ],
)
def test_offset_errors(article, errors):
    assert parse_prediction({"id": "x", "articles": [article]}).articles[0].offset_errors == errors


@pytest.mark.parametrize(
    "article",
    [
        {},
        {"body": None, "entities": None, "events": None, "region": None},
        {"body": "x", "events": [{"trigger": None, "time": "近日", "location": "某地", "participants": [{}]}]},
        {"body": "x", "metrics": [{"text": "3人", "value": "三", "unit": "人"}], "quotes": [{"text": None}]},
        {"body": "x", "events": [{"time": {"start": "2024-02-30", "end": None}}]},
    ],
)
def test_incomplete_articles_do_not_crash(article):
    parsed = parse_prediction({"id": "x", "articles": [article, "not an article"]})
    assert len(parsed.articles) == 1


def test_load_predictions(tmp_path, perfect):
    path = tmp_path / "pred.jsonl"
    failed = {"id": "broken", "articles": [], "error": "ExtractionError: too long"}
    path.write_text(json.dumps(perfect, ensure_ascii=False) + "\n\n" + json.dumps(failed) + "\n", encoding="utf-8")
    predictions = load_predictions(path)
    assert set(predictions) == {"test-page", "broken"}
    assert predictions["broken"].error.startswith("ExtractionError")


@pytest.mark.parametrize(("raw", "message"), [("{oops", "not JSON"), ('{"articles": []}', "with an 'id'")])
def test_bad_prediction_files(tmp_path, raw, message):
    path = tmp_path / "pred.jsonl"
    path.write_text(raw, encoding="utf-8")
    with pytest.raises(PredictionFormatError, match=message):
        load_predictions(path)
