"""The scorer on the real dev gold: gold turned into predictions must score perfectly."""

from __future__ import annotations

import dataclasses

import pytest

from newsevents.extract.evaluation import aggregate, load_gold, score_document
from newsevents.extract.evaluation.gold import GoldArticle
from newsevents.extract.evaluation.predicted import PredictedArticle, PredictedEvent, Prediction
from newsevents.extract.evaluation.scoring import foreign_evidence
from newsevents.extract.evaluation.text import SquashedText, squash

FILES = ("eval/dev/pages.jsonl", "eval/dev/articles.jsonl")
LOWER_IS_BETTER = {"body.contamination", "headline.spurious", "subheadline.spurious"}


@pytest.fixture(scope="module")
def dev_docs(shared_dir):
    return load_gold(shared_dir / f for f in FILES)


def _as_prediction(gold: GoldArticle) -> PredictedArticle:
    body = gold.body or ""
    events = []
    for e in gold.events or ():
        start, end = next(SquashedText(body).spans(e.evidence))
        events.append(
            PredictedEvent(
                e.type, start, end, e.evidence,
                e.time and e.time.start, e.time and e.time.end, e.adcode, tuple(e.participants or ()),
            )
        )  # fmt: skip
    entities = [("person", n) for n in gold.persons or ()]
    entities += [("organization", n) for n in gold.organizations_core or ()]
    entities += [("location", n) for n in gold.places_core or ()]
    return PredictedArticle(
        body=body,
        headline=gold.headline,
        subheadline=gold.subheadline,
        byline=tuple(gold.byline or ()),
        region=gold.region and gold.region.adcode,
        entities=tuple(entities),
        events=tuple(events),
        metrics=tuple((m.text, m.value, m.unit) for m in gold.metrics or ()),
        quotes=tuple((q.speaker, q.text_prefix + "……") for q in gold.quotes or ()),
    )


def test_gold_as_prediction_scores_one(dev_docs):
    scores = []
    for doc in dev_docs:
        assert all(a.body for a in doc.articles), doc.id
        prediction = Prediction(doc.id, tuple(_as_prediction(a) for a in doc.articles))
        scores.append(score_document(doc, prediction))
    report = aggregate(scores)
    assert report.counts["gold_articles"] == report.counts["matched_articles"] > 0
    for name, ratio in report.overall.items():
        assert ratio.value == (0.0 if name in LOWER_IS_BETTER else 1.0), name
    assert report.overall["body.contamination"].den > 0


def test_gold_lead_opens_gold_body(dev_docs):
    for doc in dev_docs:
        for article in doc.articles:
            assert squash(article.body).startswith(squash(article.lead)), article.label


def test_foreign_evidence_never_in_own_body(dev_docs):
    for doc in dev_docs:
        for own, article in enumerate(doc.articles):
            body = SquashedText(article.body)
            assert not [s for _, s in foreign_evidence(doc.articles, own) if s in body]


def test_one_article_missing_costs_its_items(dev_docs):
    page = next(d for d in dev_docs if d.kind == "page")
    predicted = [_as_prediction(a) for a in page.articles]
    predicted[0] = dataclasses.replace(predicted[0], body="（此处正文缺失）")
    report = aggregate([score_document(page, Prediction(page.id, tuple(predicted)))])
    n = len(page.articles)
    assert report.overall["segmentation.recall"].value == pytest.approx((n - 1) / n)
    assert report.overall["segmentation.precision"].value == pytest.approx((n - 1) / n)
    assert report.documents[0].articles[0].matched is False
