"""Examples for the OpenAPI document, in Chinese like the data (tests validate each against its model)."""

from __future__ import annotations

import json

ARTICLE_ID = "0f3aff431e01ca79a4f88c60"
EVENT_ID = "b45baf870e5ad95acc36bca2"
BODY = (
    "10月9日，甘肃省张掖市甘州区举办2024年全民健身运动会，全区2000余名群众参加。"
    "甘州区体育中心主任李明说：“运动会让群众在家门口就能参与体育锻炼。”"
)
SENTENCE = "10月9日，甘肃省张掖市甘州区举办2024年全民健身运动会，全区2000余名群众参加。"
REGION = {"adcode": "620702", "province": "甘肃省", "city": "张掖市", "county": "甘州区"}

ARTICLE_IN = {
    "source": "张掖日报",
    "external_id": "zy-20241010-0007",
    "published": "2024-10-10",
    "headline": "甘州区举办全民健身运动会",
    "byline": "本报记者 王芳",
    "body": BODY,
}
PAGE_IN = {
    "kind": "page",
    "source": "张掖日报",
    "external_id": "zy-20241010-p02",
    "published": "2024-10-10",
    "text": "甘州区举办全民健身运动会\n本报记者 王芳\n10月9日，甘肃省张掖市甘州区举办2024年全民\n健身运动会，全区2000余名群众参加。\n……",
}
NDJSON = "\n".join(json.dumps(item, ensure_ascii=False) for item in (ARTICLE_IN, PAGE_IN)) + "\n"
NINJS = {
    "guid": "urn:newsml:zhangye.example:20241010:0007",
    "type": "text",
    "version": "1",
    "versioncreated": "2024-10-10T08:30:00+0000",
    "firstpublished": "2024-10-10T08:30:00+0000",
    "pubstatus": "usable",
    "language": "zh",
    "source": "张掖日报",
    "headline": "甘州区举办全民健身运动会",
    "byline": "本报记者 王芳",
    "body_html": "<p>10月9日，甘肃省张掖市甘州区举办2024年全民健身运动会，全区2000余名群众参加。</p>",
}

ACCEPTED = {"id": ARTICLE_ID, "kind": "article", "duplicate": False, "status": "accepted"}
BATCH_RESULT = {
    "accepted": 1,
    "duplicates": 0,
    "rejected": 1,
    "failed": 0,
    "lines": [
        {"line": 1, "status": 201, "id": ARTICLE_ID, "duplicate": False},
        {"line": 2, "status": 422, "error": {"code": "validation_error", "message": "the item is not valid",
                                             "details": [{"path": "line 2.published", "message": "Field required",
                                                          "type": "missing"}]}},
    ],
}


def error(code: str, message: str, path: str | None = None, detail: str | None = None) -> dict:
    details = [{"path": path, "message": detail or message}] if path else []
    return {"error": {"code": code, "message": message, "details": details}}


INVALID = error("validation_error", "the request is not valid", "query.limit", "Input should be less than or equal to 500")
NOT_FOUND = error("not_found", "no article 0f3aff431e01ca79a4f88c61")
UNAVAILABLE = error("unavailable", "the store service is unavailable; retry later")
TOO_MANY_STREAMS = error("unavailable", "too many open streams; retry later")

EVENT = {
    "id": EVENT_ID,
    "type": "competition",
    "trigger": {"text": "举办", "start": 15, "end": 17},
    "sentence": SENTENCE,
    "sentence_start": 0,
    "time": {"text": "10月9日", "start": "2024-10-09", "end": "2024-10-09", "fuzzy": False, "offset": 0},
    "location": {"text": "甘肃省张掖市甘州区", "adcode": "620702"},
    "participants": [{"name": "甘州区", "role": "organizer"}],
    "quantities": [{"text": "2000余名", "value": 2000, "unit": "名"}],
}
EVENT_RECORD = {
    **EVENT,
    "article_id": ARTICLE_ID,
    "document_id": ARTICLE_ID,
    "source": "张掖日报",
    "published": "2024-10-10",
    "headline": "甘州区举办全民健身运动会",
    "url": None,
    "region": REGION,
    "extractor_version": "0.1.0",
}
EVENT_MESSAGE = {**EVENT_RECORD, "schema_version": 1, "extracted_at": "2024-10-10T08:31:02Z"}
ARTICLE_SUMMARY = {
    "id": ARTICLE_ID,
    "document_id": ARTICLE_ID,
    "kind": "article",
    "source": "张掖日报",
    "external_id": "zy-20241010-0007",
    "url": None,
    "published": "2024-10-10",
    "headline": "甘州区举办全民健身运动会",
    "subheadline": None,
    "byline": ["王芳"],
    "region": REGION,
    "event_count": 1,
    "extractor_version": "0.1.0",
    "extracted_at": "2024-10-10T08:31:02Z",
}
ARTICLE_DETAIL = {
    **ARTICLE_SUMMARY,
    "body": BODY,
    "subheads": [],
    "entities": [
        {"text": "甘肃省张掖市甘州区", "start": 6, "end": 15, "label": "location", "adcode": "620702"},
        {"text": "甘州区体育中心", "start": 43, "end": 50, "label": "organization"},
        {"text": "李明", "start": 52, "end": 54, "label": "person"},
    ],
    "events": [EVENT_RECORD],
    "metrics": [{"text": "2000余名", "start": 32, "end": 38, "value": 2000, "unit": "名"}],
    "quotes": [{"speaker": "李明", "role": "甘州区体育中心主任", "text": "运动会让群众在家门口就能参与体育锻炼。", "start": 57, "end": 76}],
}
ARTICLE_PAGE = {"items": [ARTICLE_SUMMARY], "next_cursor": "eyJwIjoiMjAyNC0xMC0xMCJ9"}
EVENT_PAGE = {"items": [EVENT_RECORD], "next_cursor": None}
STATS = {
    "level": "city",
    "items": [
        {"type": "competition", "region": "620700", "month": "2024-10", "count": 3},
        {"type": "honor", "region": "620700", "month": "2024-10", "count": 1},
    ],
}
SSE = (
    "retry: 3000\n\n"
    f"event: event\nid: 1042\ndata: {json.dumps(EVENT_MESSAGE, ensure_ascii=False)}\n\n"
    ": heartbeat\n\n"
)
BATCH_FAILED = {
    "accepted": 1,
    "duplicates": 0,
    "rejected": 0,
    "failed": 1,
    "lines": [
        {"line": 1, "status": 201, "id": ARTICLE_ID, "duplicate": False},
        {"line": 2, "status": 503, "error": {"code": "unavailable", "message": "JetStream did not acknowledge in time",
                                             "details": []}},
    ],
}

# ---- admin ----------------------------------------------------------------------------------------

DEAD_LETTER = {
    "seq": 7,
    "consumer": "store",
    "subject": f"articles.620000.620700.{ARTICLE_ID}",
    "stream_sequence": 1042,
    "deliveries": 5,
    "error": "TransientError: database unavailable: database is locked",
    "failed_at": "2024-10-10T08:35:12Z",
    "message_id": "5c1a0e7d9b2f4e3a8c6d0b1f",
    "type": "org.newsevents.article.extracted.v1",
}
DEAD_LETTER_PAGE = {"items": [DEAD_LETTER], "next_cursor": None, "total": 1}
DEAD_LETTER_DETAIL = {
    **DEAD_LETTER,
    "headers": {
        "ce-specversion": "1.0", "ce-id": "5c1a0e7d9b2f4e3a8c6d0b1f", "ce-type": "org.newsevents.article.extracted.v1",
        "ce-source": "/newsevents/extract", "ce-time": "2024-10-10T08:31:02Z", "content-type": "application/json",
        "Nats-Msg-Id": "5c1a0e7d9b2f4e3a8c6d0b1f",
    },
    "data": json.dumps({"article_id": ARTICLE_ID, "headline": "甘州区举办全民健身运动会"}, ensure_ascii=False),
}
REPLAY_RESULT = {
    "seq": 7, "status": "replayed", "consumer": "store", "subject": DEAD_LETTER["subject"],
    "message_id": "5c1a0e7d9b2f4e3a8c6d0b1f.replay.7", "error": None,
}
REPLAY_BATCH = {"replayed": 1, "not_found": 1, "failed": 0,
                "items": [REPLAY_RESULT, {"seq": 8, "status": "not_found", "consumer": None, "subject": None,
                                          "message_id": None, "error": None}]}
REPROCESS_RESULT = {"run_id": "3f9c2a7b1d04", "dry_run": False, "documents": 120, "republished": 118,
                    "not_found": 2, "failed": 0, "missing": ["0f3aff431e01ca79a4f88c61", "77b0c1d2e3f4a5b6c7d8e9f0"]}
