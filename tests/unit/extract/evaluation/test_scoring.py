"""Scoring whole documents: perfect, empty, merged and partly wrong predictions."""

from __future__ import annotations

import copy

import pytest

from newsevents.extract.evaluation import aggregate, parse_prediction, score_document
from newsevents.extract.evaluation.gold import parse_document
from newsevents.extract.evaluation.scoring import foreign_evidence

LOWER_IS_BETTER = {"body.contamination", "headline.spurious", "subheadline.spurious"}


def figures(doc, prediction):
    gold = parse_document(doc, "test")
    report = aggregate([score_document(gold, None if prediction is None else parse_prediction(prediction))])
    return {name: ratio.value for name, ratio in report.overall.items()}, report


def test_perfect_prediction_scores_one_everywhere(page, perfect):
    values, report = figures(page, perfect)
    assert report.counts["matched_articles"] == 2
    assert report.counts["offset_errors"] == 0
    for name, value in values.items():
        assert value == (0.0 if name in LOWER_IS_BETTER else 1.0), name
    for name in ("segmentation.f1", "events.time", "events.location", "events.participants", "quotes.speaker"):
        assert values[name] == 1.0


@pytest.mark.parametrize("prediction", [{"id": "test-page", "articles": []}, None])
def test_empty_prediction_scores_zero_recall(page, prediction):
    values, report = figures(page, prediction)
    recall_like = [
        "segmentation.recall", "body.completeness", "body.similarity", "headline.exact", "subheadline.exact",
        "byline.recall", "region.exact", "region.city", "persons.recall", "organizations.recall",
        "places.recall", "events.detected", "events.typed_recall", "metrics.recall", "quotes.found",
    ]  # fmt: skip
    for name in recall_like:
        assert values[name] == 0.0, name
    for name in ("segmentation.precision", "persons.precision", "events.precision", "events.time"):
        assert values.get(name) is None, name
    assert report.counts["failed"] == (prediction is None)
    assert report.counts["gold_articles"] == 2 and report.counts["predicted_articles"] == 0


def test_whole_page_as_one_article_is_contaminated(page, perfect):
    merged = copy.deepcopy(perfect["articles"][0])
    merged["body"] = merged["body"] + "\n" + perfect["articles"][1]["body"]
    values, report = figures(page, {"id": "test-page", "articles": [merged]})
    assert values["segmentation.recall"] == 0.5
    assert values["segmentation.precision"] == 1.0
    assert values["body.contamination"] == 1.0
    assert values["body.similarity"] < 0.9
    notes = report.documents[0].articles[0].notes
    assert any("evidence strings of dongshan" in n for n in notes)


def test_foreign_evidence_skips_short_and_shared_strings(page):
    articles = parse_document(page, "test").articles
    strings = [s for _, s in foreign_evidence(articles, 0)]
    assert "新建农村公路120公里" in strings
    assert "出门方便多了" in strings
    assert "李春花" not in strings  # 3 characters: too short to prove anything
    assert "120公里" in strings


def _edit(perfect, index, **changes):
    out = copy.deepcopy(perfect)
    out["articles"][index].update(changes)
    return out


@pytest.mark.parametrize(
    ("adcode", "exact", "city"),
    [
        ("620700", 1.0, 1.0),
        ("620799", 1.0, 1.0),  # an alias
        ("620702", 0.0, 1.0),  # same city, another division
        ("620000", 0.0, 0.0),
        ("110105", 0.0, 0.0),
    ],
)
def test_region_aliases_and_city_level(page, perfect, adcode, exact, city):
    values, _ = figures(page, _edit(perfect, 0, region={"adcode": adcode}))
    # article B is right in every case: half of the figure comes from it
    assert values["region.exact"] == (exact + 1) / 2
    assert values["region.city"] == (city + 1) / 2


def test_region_missing_is_wrong(page, perfect):
    values, _ = figures(page, _edit(perfect, 0, region=None))
    assert values["region.exact"] == 0.5


@pytest.mark.parametrize(
    ("headline", "exact"),
    [
        ("河西市召开文明创建推进会", 1.0),
        ("河西市召开 文明创建推进会", 1.0),
        ("——河西市召开文明创建推进会", 1.0),
        ("河西市召开推进会", 0.0),
        (None, 0.0),
    ],
)
def test_headline_comparison(page, perfect, headline, exact):
    values, _ = figures(page, _edit(perfect, 0, headline=headline))
    assert values["headline.exact"] == exact  # only article A has a gold headline


@pytest.mark.parametrize(("subheadline", "exact"), [("——东山县改善农村出行条件", 1.0), ("东山县", 0.0)])
def test_subheadline_leading_dashes(page, perfect, subheadline, exact):
    values, _ = figures(page, _edit(perfect, 1, subheadline=subheadline))
    assert values["subheadline.exact"] == exact


@pytest.mark.parametrize(("headline", "spurious"), [("东山县修路", 1.0), ("", 0.0), (None, 0.0)])
def test_headline_predicted_where_gold_has_none(page, perfect, headline, spurious):
    values, _ = figures(page, _edit(perfect, 1, headline=headline))
    assert values["headline.spurious"] == spurious  # article B is the one with a null gold headline
    assert values["subheadline.spurious"] == 0.0  # article A: null gold, none predicted


@pytest.mark.parametrize(
    ("byline", "precision", "recall"),
    [(["张晓"], 1.0, 1.0), (["张晓", "李明"], 0.5, 1.0), ([], None, 0.0), (["李明"], 0.0, 0.0)],
)
def test_byline(page, perfect, byline, precision, recall):
    values, _ = figures(page, _edit(perfect, 0, byline=byline))
    assert values.get("byline.precision") == precision
    assert values["byline.recall"] == recall


def _person(body, name):
    start = body.index(name) if name in body else 0
    return {"text": name, "start": start, "end": start + len(name), "label": "person"}


@pytest.mark.parametrize(
    ("names", "precision", "recall"),
    [
        (["王建国"], 1.0, 1.0),
        (["王建国", "雷锋"], 1.0, 1.0),  # optional: never penalised
        (["王建国", "张晓"], 0.5, 1.0),
        (["王建"], 0.0, 0.0),  # persons are exact
        ([], None, 0.0),
    ],
)
def test_persons_exact_and_optional(page, perfect, names, precision, recall):
    body = perfect["articles"][0]["body"]
    others = [e for e in perfect["articles"][0]["entities"] if e["label"] != "person"]
    pred = _edit(perfect, 0, entities=others + [_person(body, n) for n in names])
    gold_b_only = copy.deepcopy(page)
    gold_b_only["gold"]["articles"][1]["persons"] = None  # score article A alone
    values, _ = figures(gold_b_only, pred)
    assert values.get("persons.precision") == precision
    assert values["persons.recall"] == recall


@pytest.mark.parametrize(
    ("text", "label", "found"),
    [
        ("河西市委", "organization", 1.0),
        ("中共河西市委", "organization", 1.0),  # contains the core name
        ("市委", "organization", 1.0),  # contained in it
        ("河西市委", "location", 0.0),  # wrong label
        ("委", "organization", 0.0),  # too short to count
    ],
)
def test_organisation_containment(page, perfect, text, label, found):
    entities = [e for e in perfect["articles"][0]["entities"] if e["label"] != "organization"]
    entities.append({"text": text, "start": 0, "end": 0, "label": label})
    values, report = figures(page, _edit(perfect, 0, entities=entities))
    assert values["organizations.recall"] == found
    assert report.counts["offset_errors"] == 1


@pytest.mark.parametrize(
    ("metric", "full", "text_only"),
    [
        ({"text": "3.5万场次", "value": 35000, "unit": "场次"}, 1.0, 1.0),
        ({"text": "3.5万场次", "value": 35000.0000001, "unit": "场次"}, 1.0, 1.0),
        ({"text": "3.5万场次", "value": 3.5, "unit": "场次"}, 0.0, 1.0),
        ({"text": "3.5万场次", "value": 35000, "unit": "次"}, 0.0, 1.0),
        ({"text": "3.5万", "value": 35000, "unit": "场次"}, 0.0, 0.0),
    ],
)
def test_metric_value_and_unit(page, perfect, metric, full, text_only):
    body = perfect["articles"][0]["body"]
    start = body.index(metric["text"])
    metrics = [perfect["articles"][0]["metrics"][0], {**metric, "start": start, "end": start + len(metric["text"])}]
    values, _ = figures(page, _edit(perfect, 0, metrics=metrics))
    # three gold metrics: 12个 and 120公里 are always right
    assert values["metrics.recall"] == pytest.approx((2 + full) / 3)
    assert values["metrics.text_recall"] == pytest.approx((2 + text_only) / 3)


@pytest.mark.parametrize(
    ("quote", "found", "speaker_ok"),
    [
        ({"speaker": "王建国", "text": "我们要把创建工作抓实抓细"}, 1.0, 1.0),
        ({"speaker": "王建国", "text": "我们要把 创建工作"}, 1.0, 1.0),
        ({"speaker": None, "text": "我们要把创建工作抓实抓细"}, 1.0, 0.0),
        ({"speaker": "王建国", "text": "创建工作抓实抓细"}, 0.0, None),
    ],
)
def test_quotes_found_and_speaker(page, perfect, quote, found, speaker_ok):
    values, _ = figures(page, _edit(perfect, 0, quotes=[{**quote, "start": 0, "end": 0}]))
    # article B's quote (speaker null, predicted null) is always found and right
    assert values["quotes.found"] == (found + 1) / 2
    assert values["quotes.speaker"] == (1.0 if speaker_ok is None else (speaker_ok + 1) / 2)


def test_macro_and_micro_differ_by_weighting(page, perfect):
    gold = parse_document(page, "test")
    single = copy.deepcopy(page)
    single.update(id="test-article", kind="article")
    single["gold"]["articles"] = single["gold"]["articles"][1:]
    scores = [
        score_document(gold, parse_prediction({"id": "test-page", "articles": []})),
        score_document(parse_document(single, "t"), parse_prediction(
            {"id": "test-article", "articles": perfect["articles"][1:]})),
    ]  # fmt: skip
    report = aggregate(scores)
    assert report.macro_by_kind["page"]["segmentation.recall"].value == 0.0
    assert report.macro_by_kind["article"]["segmentation.recall"].value == 1.0
    assert report.overall["segmentation.recall"].value == pytest.approx(1 / 3)
    assert report.counts_by_kind["article"]["documents"] == 1


@pytest.mark.parametrize(
    "body",
    [
        "",
        "，。！？……",
        "Hello world, no Chinese here.",
        "近日，河西市召開文明城市創建工作推進會",  # traditional characters: no lead match
        "\x00\x1b[31m\x7f近日\u200b",
        "近日，河西市召开文明城市创建工作推进会" + "文明" * 500_000,  # 1 MB
    ],
)
def test_odd_predicted_bodies_score_without_crashing(page, body):
    values, _ = figures(page, {"id": "test-page", "articles": [{"body": body, "entities": [{}], "events": [{}]}]})
    assert 0.0 <= values["segmentation.recall"] <= 0.5
    assert values["events.detected"] == 0.0
