"""Event matching: detection, type, fuzzy time tolerance, lenient location, participants."""

from __future__ import annotations

import copy
from datetime import date

import pytest

from newsevents.extract.evaluation import aggregate, parse_prediction, score_document
from newsevents.extract.evaluation.events import location_ok, match_events, time_ok
from newsevents.extract.evaluation.gold import GoldEvent, GoldTime, parse_document
from newsevents.extract.evaluation.predicted import PredictedEvent
from newsevents.extract.evaluation.text import SquashedText

D = date.fromisoformat
NEAR = GoldTime(D("2024-10-03"), D("2024-10-10"), fuzzy=True)
DAY = GoldTime(D("2024-03-05"), D("2024-03-05"))


@pytest.mark.parametrize(
    ("gold", "start", "end", "ok"),
    [
        (DAY, "2024-03-05", "2024-03-05", True),
        (DAY, "2024-03-04", "2024-03-05", False),  # exact dates must match
        (DAY, "2024-03-05", "2024-03-06", False),
        (NEAR, "2024-10-03", "2024-10-10", True),
        (NEAR, "2024-09-26", "2024-10-10", True),  # 7 days early at the start
        (NEAR, "2024-10-10", "2024-10-13", True),  # 7 days late / 3 days late
        (NEAR, "2024-09-25", "2024-10-10", False),  # 8 days
        (NEAR, "2024-10-03", "2024-10-14", False),  # 4 days at the end
        (NEAR, None, None, False),
    ],
)
def test_time_tolerance(gold, start, end, ok):
    assert time_ok(gold, start and D(start), end and D(end)) is ok


@pytest.mark.parametrize(
    ("gold", "predicted", "region", "ok"),
    [
        ("620800", "620800", (), True),
        ("620800", "620802", (), True),  # more specific, inside the city
        ("620000", "620800", (), True),  # a city inside the province
        ("620000", "620802", (), True),
        ("620802", "620800", (), False),  # less specific
        ("620800", "620000", (), False),
        ("620800", "621002", (), False),  # another city's district
        ("620802", "620803", (), False),
        ("630106", "630122", ("630106", "630122"), True),  # the region's alias
        ("630106", "630122", (), False),
        ("620800", None, (), False),
    ],
)
def test_location_lenient(gold, predicted, region, ok):
    assert location_ok(gold, predicted, region) is ok


BODY = "会上，1人入选“中国好人榜”，8人获评“河南好人”。全市召开推进会。"


def _pred(type_, trigger, sentence=""):
    start = BODY.index(trigger)
    return PredictedEvent(type_, start, start + len(trigger), sentence, None, None, None, ())


@pytest.mark.parametrize(
    ("predicted", "expected"),
    [
        # one event per trigger: two honor events in one sentence
        ([_pred("honor", "入选"), _pred("honor", "获评")], {0: 0, 1: 1}),
        ([_pred("honor", "获评"), _pred("honor", "入选")], {0: 1, 1: 0}),
        # one predicted event detects one gold event only
        ([_pred("honor", "入选")], {0: 0}),
        # trigger outside every evidence, sentence does not contain it: nothing
        ([_pred("meeting", "召开", "全市召开推进会。")], {}),
        # the sentence contains the evidence even though the trigger is elsewhere
        ([_pred("honor", "召开", "会上，1人入选“中国好人榜”，")], {0: 0}),
        # a same-type pair wins over a different-type pair
        ([_pred("publicity", "入选"), _pred("honor", "入选", "1人入选“中国好人榜”")], {0: 1}),
        ([], {}),
    ],
)
def test_match_events(predicted, expected):
    gold = (GoldEvent("honor", "1人入选“中国好人榜”"), GoldEvent("honor", "8人获评“河南好人”"))
    assert match_events(gold, tuple(predicted), SquashedText(BODY)) == expected


def _figures(page, prediction):
    report = aggregate([score_document(parse_document(page, "t"), parse_prediction(prediction))])
    return {name: r.value for name, r in report.overall.items()}, report


def test_wrong_type_is_detected_not_typed(page, perfect):
    perfect["articles"][0]["events"][0]["type"] = "activity"
    values, report = _figures(page, perfect)
    assert values["events.detected"] == 1.0
    assert values["events.typed_recall"] == 3 / 4
    assert values["events.typed_precision"] == 2 / 3  # article A is exhaustive: 3 predicted
    assert any("typed activity, gold meeting" in n for n in report.documents[0].articles[0].notes)


def test_spurious_event_lowers_precision_of_exhaustive_articles_only(page, perfect):
    extra = copy.deepcopy(perfect["articles"][0]["events"][0])
    at = perfect["articles"][0]["body"].index("讲话")
    extra["trigger"] = {"text": "讲话", "start": at, "end": at + 2}
    extra["sentence"] = "河西市委书记王建国出席会议并讲话。"
    perfect["articles"][0]["events"].append(extra)
    values, report = _figures(page, perfect)
    assert values["events.precision"] == 3 / 4
    assert values["events.detected"] == 1.0
    assert report.counts["offset_errors"] == 0
    extra_b = copy.deepcopy(perfect["articles"][1]["events"][0])
    extra_b["trigger"] = {"text": "说", "start": 0, "end": 1}
    extra_b["sentence"] = "村民李春花说"
    perfect["articles"][1]["events"].append(extra_b)
    values, _ = _figures(page, perfect)
    assert values["events.precision"] == 3 / 4  # article B is not exhaustive: not counted


@pytest.mark.parametrize(
    ("time", "location", "participants", "time_ok_", "location_ok_", "exact", "recall"),
    [
        ({"start": "2024-10-01", "end": "2024-10-12"}, "620702", ["王建国"], 1.0, 1.0, 0.0, 1.0),
        ({"start": "2024-09-20", "end": "2024-10-10"}, "620000", [], 0.0, 0.0, 0.0, 0.0),
        (None, None, ["市委书记王建国"], 0.0, 0.0, 0.0, 1.0),
    ],
)
def test_time_location_participants_of_typed_events(
    page, perfect, time, location, participants, time_ok_, location_ok_, exact, recall
):
    event = perfect["articles"][0]["events"][0]  # meeting, fuzzy time, adcode 620700, 王建国
    event["time"] = time and {"text": "近日", **time}
    event["location"] = location and {"text": "某地", "adcode": location}
    event["participants"] = [{"name": n, "role": "participant"} for n in participants]
    values, _ = _figures(page, perfect)
    # two timed gold events (meeting, activity); three placed ones (meeting, honor, construction)
    assert values["events.time"] == (time_ok_ + 1) / 2
    assert values["events.location"] == pytest.approx((location_ok_ + 2) / 3)
    assert values["events.location_exact"] == pytest.approx((exact + 2) / 3)
    assert values["events.participants"] == recall
