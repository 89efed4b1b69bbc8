"""A small hand-written gold page (two articles) and a builder of perfect predictions for it."""

from __future__ import annotations

import copy
from typing import Any

import pytest

BODY_A = (
    "近日，河西市召开文明城市创建工作推进会，河西市委书记王建国出席会议并讲话。\n"
    "会上，12个单位受到表彰。王建国说：“我们要把创建工作抓实抓细，久久为功。”\n"
    "今年以来，全市累计开展志愿服务活动3.5万场次。"
)
BODY_B = "今年以来，东山县实施乡村道路改造工程，新建农村公路120公里。\n“出门方便多了。”村民李春花说。"

ARTICLE_A: dict[str, Any] = {
    "key": "hexi",
    "headline": "河西市召开文明创建推进会",
    "subheadline": None,
    "byline": ["张晓"],
    "lead": "近日，河西市召开文明城市创建工作推进会",
    "body": BODY_A,
    "region": {"adcode": "620700", "aliases": ["620799"]},
    "persons": ["王建国"],
    "persons_optional": ["雷锋"],
    "organizations_core": ["河西市委"],
    "places_core": ["河西市"],
    "events_exhaustive": True,
    "events": [
        {
            "type": "meeting",
            "evidence": "召开文明城市创建工作推进会",
            "time": {"start": "2024-10-03", "end": "2024-10-10", "fuzzy": True},
            "adcode": "620700",
            "participants": ["王建国"],
        },
        {"type": "honor", "evidence": "12个单位受到表彰", "adcode": "620700"},
        {
            "type": "activity",
            "evidence": "全市累计开展志愿服务活动3.5万场次",
            "time": {"start": "2024-01-01", "end": "2024-10-10", "fuzzy": True},
        },
    ],
    "metrics": [
        {"text": "12个", "value": 12, "unit": "个"},
        {"text": "3.5万场次", "value": 35000, "unit": "场次"},
    ],
    "quotes": [{"speaker": "王建国", "text_prefix": "我们要把创建工作"}],
}
ARTICLE_B: dict[str, Any] = {
    "key": "dongshan",
    "headline": None,
    "subheadline": "东山县改善农村出行条件",
    "byline": None,
    "lead": "今年以来，东山县实施乡村道路改造工程",
    "region": {"adcode": "620721"},
    "persons": ["李春花"],
    "persons_optional": [],
    "organizations_core": [],
    "places_core": ["东山县"],
    "events_exhaustive": False,
    "events": [{"type": "construction", "evidence": "新建农村公路120公里", "adcode": "620721"}],
    "metrics": [{"text": "120公里", "value": 120, "unit": "公里"}],
    "quotes": [{"speaker": None, "text_prefix": "出门方便多了"}],
}
BODIES = {"hexi": BODY_A, "dongshan": BODY_B}

# the predicted event of each gold event: (trigger text, participants)
TRIGGERS = {"meeting": "召开", "honor": "受到表彰", "activity": "开展", "construction": "新建"}


def gold_page() -> dict[str, Any]:
    return {
        "id": "test-page",
        "kind": "page",
        "published": "2024-10-10",
        "text": "河西市召开文明创建推进会\n" + BODY_A + "\n\n" + BODY_B,
        "gold": {"articles": [copy.deepcopy(ARTICLE_A), copy.deepcopy(ARTICLE_B)]},
    }


def _span(body: str, text: str, after: int = 0) -> dict[str, Any]:
    start = body.index(text, after)
    return {"text": text, "start": start, "end": start + len(text)}


def perfect_article(gold: dict[str, Any], body: str) -> dict[str, Any]:
    """The contract JSON (FORMAT.md §4) a perfect extractor would print for ``gold``."""
    entities = [{**_span(body, n), "label": "person"} for n in gold["persons"]]
    entities += [{**_span(body, n), "label": "organization"} for n in gold["organizations_core"]]
    entities += [{**_span(body, n), "label": "location"} for n in gold["places_core"]]
    events = []
    for e in gold["events"]:
        at = body.index(e["evidence"])
        trigger = _span(body, TRIGGERS[e["type"]], at)
        event = {"type": e["type"], "trigger": trigger, "sentence": e["evidence"]}
        if "time" in e:
            event["time"] = {"text": "近日", **{k: e["time"][k] for k in ("start", "end")}}
        if "adcode" in e:
            event["location"] = {"text": "河西市", "adcode": e["adcode"]}
        event["participants"] = [{"name": n, "role": "participant"} for n in e.get("participants", [])]
        events.append(event)
    return {
        "headline": gold["headline"],
        "subheadline": gold["subheadline"],
        "byline": gold["byline"] or [],
        "body": body,
        "region": {"adcode": gold["region"]["adcode"], "province": "甘肃省"},
        "entities": entities,
        "events": events,
        "metrics": [{**_span(body, m["text"]), "value": m["value"], "unit": m["unit"]} for m in gold["metrics"]],
        "quotes": [
            {"speaker": q["speaker"], "text": q["text_prefix"] + "……", "start": 0, "end": 0} for q in gold["quotes"]
        ],
    }


def perfect_prediction(doc: dict[str, Any]) -> dict[str, Any]:
    articles = doc["gold"]["articles"]
    return {"id": doc["id"], "articles": [perfect_article(a, BODIES[a["key"]]) for a in articles]}


@pytest.fixture
def page() -> dict[str, Any]:
    return gold_page()


@pytest.fixture
def perfect() -> dict[str, Any]:
    return perfect_prediction(gold_page())
