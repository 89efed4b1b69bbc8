"""`ArticleExtracted` test messages for the store: small realistic Chinese articles.

Offsets are computed from the body (``body[start:end] == text`` always holds). Every builder
takes a ``prefix`` so each test gets its own ids.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from newsevents.contract import cloudevents, ids, subjects
from newsevents.contract.messages import ArticleExtracted

T0 = datetime(2024, 5, 16, 8, 0, tzinfo=UTC)


def at(body: str, text: str, after: int = 0) -> dict:
    start = body.index(text, after)
    return {"text": text, "start": start, "end": start + len(text)}


def sentence_at(body: str, i: int) -> tuple[str, int]:
    """The sentence (ending in 。) around position ``i``, and where it starts."""
    start = max(body.rfind("。", 0, i), body.rfind("\n", 0, i)) + 1
    end = body.find("。", i)
    end = len(body) if end < 0 else end + 1
    return body[start:end], start


def event(body: str, type_: str, trigger: str, *, time=None, location=None, participants=(), quantities=(), anchor=None):
    """An event whose trigger is the first ``trigger`` at or after ``anchor`` (default: anywhere)."""
    trig = at(body, trigger, body.index(anchor) if anchor else 0)
    sentence, start = sentence_at(body, trig["start"])
    return {
        "type": type_,
        "trigger": trig,
        "sentence": sentence,
        "sentence_start": start,
        "time": time,
        "location": location,
        "participants": [{"name": n, "role": r} for n, r in participants],
        "quantities": list(quantities),
    }


def entity(body: str, text: str, label: str, adcode: str | None = None) -> dict:
    return {**at(body, text), "label": label, "adcode": adcode}


def metric(body: str, text: str, value, unit: str) -> dict:
    return {**at(body, text), "value": value, "unit": unit}


def message(
    prefix: str,
    name: str,
    *,
    body: str,
    headline: str | None = None,
    source: str = "恩施日报",
    published: date = date(2024, 5, 16),
    region: dict | None = None,
    events: list | None = None,
    entities: list | None = None,
    metrics: list | None = None,
    quotes: list | None = None,
    kind: str = "article",
    index: int = 0,
    count: int = 1,
    document: str | None = None,
    extracted_at: datetime = T0,
    extractor_version: str = "rules-1",
) -> ArticleExtracted:
    document_id = document or f"{prefix}-{name}"
    article_id = ids.article_id(document_id, index, kind)
    return ArticleExtracted(
        article_id=article_id,
        document_id=document_id,
        index=index,
        count=count,
        kind=kind,
        source=source,
        url=f"https://news.example.cn/{document_id}.html",
        published=published,
        headline=headline,
        body=body,
        region=region,
        events=events or [],
        entities=entities or [],
        metrics=metrics or [],
        quotes=quotes or [],
        extractor_version=extractor_version,
        extracted_at=extracted_at,
    )


ENSHI = (
    "3月5日，恩施市“学雷锋志愿服务月”启动仪式在市民广场举行，十二支志愿服务队现场认领服务项目。"
    "在宣恩县，退休教师向春兰和12名志愿者一起，利用周末为村里的留守儿童义务辅导功课。"
    "今年4月，向春兰入选2024年第一季度“湖北好人榜”。"
    "今年3月，恩施州文明委印发《恩施州深化移风易俗专项行动实施方案》。"
    "全州实名注册志愿者达42.6万人。"
    "5月10日，全州志愿服务工作推进会在武汉召开。"
    "“孙子跟着向老师学习，成绩上去了。”一位留守儿童的奶奶说。"
)

PINGLIANG = (
    "今年以来，平凉市崆峒区新建改造城市公园5个，打通断头路3条。"
    "4月28日，区住建局对全区在建工地开展安全生产督查。"
)

DAZHOU = (
    "近日，达州市第三届职工篮球比赛在达州市体育中心举行，市委市直机关工委组织23支队伍参赛。"
    "郭世财表示，将坚决扛起全民健身的责任。"
)

META = "本次检查达标率100%，编号a_b的设备由O'Brien负责，路径为C:\\data。"


def corpus(prefix: str) -> dict[str, ArticleExtracted]:
    """Four articles in three provinces, plus one whose text is full of SQL metacharacters."""
    enshi_region = {"adcode": "422801", "province": "湖北省", "city": "恩施土家族苗族自治州", "county": "恩施市"}
    b = ENSHI
    enshi = message(
        prefix,
        "enshi",
        headline="文明新风拂硒都",
        body=b,
        region=enshi_region,
        events=[
            event(b, "activity", "启动", time={"text": "3月5日", "start": "2024-03-05", "end": "2024-03-05"},
                  location={"text": "恩施市", "adcode": "422801"}),
            event(b, "good_deed", "义务辅导", anchor="向春兰和"),
            event(b, "honor", "入选", time={"text": "今年4月", "start": "2024-04-01", "end": "2024-04-30"},
                  participants=[("向春兰", "recipient")]),
            event(b, "policy", "印发", time={"text": "今年3月", "start": "2024-03-01", "end": "2024-03-31"},
                  participants=[("恩施州文明委", "organizer")]),
            event(b, "meeting", "召开", time={"text": "5月10日", "start": "2024-05-10", "end": "2024-05-10"},
                  location={"text": "武汉", "adcode": "420100"}),
        ],
        entities=[
            entity(b, "恩施市", "location", "422801"),
            entity(b, "向春兰", "person"),
            {**at(b, "向春兰", b.index("今年4月")), "label": "person", "adcode": None},
            entity(b, "恩施州文明委", "organization"),
            entity(b, "武汉", "location", "420100"),
        ],
        metrics=[metric(b, "42.6万人", 426000, "人"), metric(b, "12名", 12, "名")],
        quotes=[{"speaker": None, "role": "留守儿童的奶奶", **at(b, "孙子跟着向老师学习，成绩上去了。")}],
    )
    p = PINGLIANG
    pingliang = message(
        prefix,
        "pingliang",
        headline="崆峒区城市更新提速",
        body=p,
        source="平凉日报",
        published=date(2024, 5, 6),
        region={"adcode": "620802", "province": "甘肃省", "city": "平凉市", "county": "崆峒区"},
        events=[
            event(p, "construction", "新建改造", time={"text": "今年以来", "start": "2024-01-01", "end": "2024-05-06"},
                  quantities=[{"text": "5个", "value": 5, "unit": "个"}]),
            event(p, "inspection", "督查", time={"text": "4月28日", "start": "2024-04-28", "end": "2024-04-28"},
                  participants=[("区住建局", "organizer")]),
        ],
        entities=[entity(p, "平凉市崆峒区", "location", "620802"), entity(p, "区住建局", "organization")],
        metrics=[metric(p, "5个", 5, "个"), metric(p, "3条", 3, "条")],
    )
    d = DAZHOU
    dazhou = message(
        prefix,
        "dazhou",
        headline="职工篮球赛开赛",
        body=d,
        source="达州日报",
        published=date(2024, 10, 10),
        region={"adcode": "511700", "province": "四川省", "city": "达州市", "county": None},
        events=[
            event(d, "competition", "举行", time={"text": "近日", "start": "2024-10-03", "end": "2024-10-10", "fuzzy": True},
                  location={"text": "达州市", "adcode": "511700"},
                  participants=[("市委市直机关工委", "organizer")],
                  quantities=[{"text": "23支", "value": 23, "unit": "支"}]),
        ],
        entities=[entity(d, "郭世财", "person"), entity(d, "市委市直机关工委", "organization")],
        metrics=[metric(d, "23支", 23, "支")],
        quotes=[{"speaker": "郭世财", "role": None, **at(d, "将坚决扛起全民健身的责任")}],
    )
    meta = message(prefix, "meta", headline="设备检查", body=META, source="测试%源", published=date(2024, 1, 2))
    return {"enshi": enshi, "pingliang": pingliang, "dazhou": dazhou, "meta": meta}


def page(prefix: str, name: str, count: int, *, extracted_at: datetime = T0, version: str = "rules-1") -> list[ArticleExtracted]:
    """A newspaper page extracted into ``count`` articles (one event each)."""
    out = []
    for index in range(count):
        body = f"第{index + 1}篇：近日，临夏州第{index + 1}届农民运动会在临夏市举行。"
        out.append(
            message(
                prefix,
                name,
                body=body,
                headline=f"{name}第{index + 1}篇",
                kind="page",
                index=index,
                count=count,
                source="甘肃日报",
                published=date(2024, 10, 10),
                region={"adcode": "622901", "province": "甘肃省", "city": "临夏回族自治州", "county": "临夏市"},
                events=[event(body, "competition", "举行")],
                extracted_at=extracted_at,
                extractor_version=version,
            )
        )
    return out


def later(msg: ArticleExtracted, minutes: int = 5, **changes) -> ArticleExtracted:
    """A re-extraction of ``msg``: newer ``extracted_at`` and version, with ``changes`` applied."""
    data = msg.model_dump()
    data.update(
        extracted_at=msg.extracted_at + timedelta(minutes=minutes),
        extractor_version=f"{msg.extractor_version}+{minutes}",
        **changes,
    )
    for e in data["events"]:
        e["id"] = None
    return ArticleExtracted.model_validate(data)


def publishable(msg: ArticleExtracted, *, message_id: str | None = None) -> tuple[str, bytes, dict[str, str]]:
    """Subject, payload and CloudEvents headers, as the extract service publishes them."""
    adcode = msg.region.adcode if msg.region else None
    header = cloudevents.CloudEvent(
        id=message_id or ids.message_id("article", msg.article_id, msg.extracted_at.isoformat()),
        type=cloudevents.ARTICLE_EXTRACTED,
        source="/newsevents/extract",
        subject=msg.article_id,
        time=msg.extracted_at,
    )
    return subjects.article(adcode, msg.article_id), msg.model_dump_json().encode(), header.headers()
