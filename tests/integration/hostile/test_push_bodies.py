"""Hostile pushes through the api gateway: each gets its documented 4xx (a JSON error naming the
problem) and leaves no trace — no message in any stream, no row in the store.

Bodies: invalid UTF-8, NUL and control characters, 10 MB (declared and chunked), deeply nested
JSON, wrong content types, unknown fields, numbers JSON cannot hold, bad dates, odd top-level
values, and missing or wrong push keys.
"""

from __future__ import annotations

import json

import pytest

J = {"content-type": "application/json"}
NDJSON = {"content-type": "application/x-ndjson"}
ARTICLE = {"source": "人民日报", "published": "2024-10-10", "headline": "标题", "body": "兰州市召开会议。"}
PAGE = {"kind": "page", "source": "人民日报", "published": "2024-10-10", "text": "兰州市召开会议。"}
MB = 1024 * 1024


def js(value) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode()


def with_raw(field: str, raw: bytes) -> bytes:
    """The article as JSON with ``raw`` spliced (unescaped) into the value of ``field``."""
    marker = "\u2603"
    return js(ARTICLE | {field: marker}).replace(marker.encode(), raw)


async def refused(hostile, path: str, content, headers: dict, status: int, code: str, detail: str | None = None,
                  *, key: bool = True) -> dict:
    before = await hostile.trace()
    async with hostile.client(None if key else {}) as client:
        response = await client.post(path, content=content, headers=headers)
    assert response.status_code == status, response.text
    body = response.json()
    assert body["error"]["code"] == code, body
    if detail is not None:
        assert detail in [d["path"] for d in body["error"]["details"]], body
    await hostile.assert_no_trace(before)
    return body


INVALID_UTF8 = {
    "lone continuation byte": b"\x80",
    "0xff": b"\xff\xfe",
    "overlong /": b"\xc0\xaf",
    "truncated sequence": "人".encode()[:2],
    "UTF-8-encoded surrogate": b"\xed\xa0\x80",
    "beyond U+10FFFF": b"\xf4\x90\x80\x80",
    "GBK, not UTF-8": "人民日报".encode("gbk"),
}


@pytest.mark.parametrize("raw", INVALID_UTF8.values(), ids=INVALID_UTF8.keys())
async def test_invalid_utf8(hostile, raw):
    await refused(hostile, "/v1/articles", with_raw("body", raw), J, 400, "invalid_encoding", "body")
    await refused(hostile, "/v1/articles/batch", js(ARTICLE) + b"\n" + with_raw("source", raw), NDJSON,
                  400, "invalid_encoding", "body")
    ninjs = b'{"guid": "urn:x", "body_text": "' + raw + b'", "versioncreated": "2024-10-10T08:00:00+0000"}'
    await refused(hostile, "/v1/ninjs", ninjs, hostile.signed(ninjs), 400, "invalid_encoding", "body", key=False)


CONTROLS = [  # (field, value): JSON-escaped, so the JSON itself is valid
    ("body", "兰州\u0000市"), ("body", "\u0007"), ("body", "a\u001bb"), ("body", "a\u007fb"), ("body", "a\u000bb"),
    ("body", "\ud800"), ("headline", "标\u0000题"), ("byline", "记者\u0001"), ("source", "人民\u0000日报"),
    ("external_id", "a\u0000"), ("version", "1\u0000"), ("language", "zh\u0000"), ("url", "http://x/\u0000"),
]


@pytest.mark.parametrize(("field", "value"), CONTROLS, ids=[f"{f}={v!a}" for f, v in CONTROLS])
async def test_nul_and_control_characters_in_fields(hostile, field, value):
    escaped = json.dumps(ARTICLE | {field: value}).encode()  # \\u escapes: the JSON is valid, the text is not
    await refused(hostile, "/v1/articles", escaped, J, 422, "validation_error", f"body.{field}")


async def test_nul_and_control_characters_elsewhere(hostile):
    await refused(hostile, "/v1/articles", js(PAGE | {"text": "第一版\u0000"}), J, 422, "validation_error", "body.text")
    await refused(hostile, "/v1/articles", with_raw("body", b"\x01"), J, 400, "invalid_json", "body")  # raw, unescaped
    await refused(hostile, "/v1/articles", js(ARTICLE) + b"\x00", J, 400, "invalid_json", "body")
    ninjs = js({"guid": "urn:ctl", "body_text": "甲\u0000乙", "versioncreated": "2024-10-10T08:00:00+0000"})
    await refused(hostile, "/v1/ninjs", ninjs, hostile.signed(ninjs), 422, "validation_error", "body.body", key=False)
    before = await hostile.trace()
    async with hostile.client() as client:
        batch = await client.post("/v1/articles/batch", content=js(ARTICLE | {"body": "\u0000"}), headers=NDJSON)
    assert batch.status_code == 200 and batch.json()["rejected"] == 1, batch.text
    assert batch.json()["lines"][0]["error"]["details"][0]["path"] == "line 1.body"
    await hostile.assert_no_trace(before)


async def chunks(data: bytes, size: int = 64 * 1024):
    """The body streamed in chunks: no content-length, the size is known only by reading."""
    for start in range(0, len(data), size):
        yield data[start:start + size]


async def test_10_mb_bodies(hostile):
    big = js(ARTICLE | {"body": "兰" * (10 * MB // 3)})
    assert len(big) > 10 * MB
    await refused(hostile, "/v1/articles", big, J, 413, "payload_too_large")
    await refused(hostile, "/v1/articles", chunks(big), J, 413, "payload_too_large")  # no content-length
    lines = b"\n".join(js(ARTICLE | {"external_id": f"big-{i}"}) for i in range(10 * MB // 120))
    assert len(lines) > 10 * MB
    await refused(hostile, "/v1/articles/batch", lines, NDJSON, 413, "payload_too_large")  # no line published
    await refused(hostile, "/v1/articles/batch", chunks(lines), NDJSON, 413, "payload_too_large")
    await refused(hostile, "/v1/ninjs", big, hostile.signed(big), 413, "payload_too_large", key=False)
    many = b"\n".join(js(ARTICLE | {"external_id": f"line-{i}"}) for i in range(1001))
    await refused(hostile, "/v1/articles/batch", many, NDJSON, 413, "payload_too_large")


NESTED = {
    "arrays, 100 000 deep": b"[" * 100_000 + b"]" * 100_000,
    "arrays, 1 000 000 deep": b"[" * 1_000_000 + b"]" * 1_000_000,
    "objects, 10 000 deep": b'{"a":' * 10_000 + b"1" + b"}" * 10_000,
    "a field 40 deep": js(ARTICLE | {"body": json.loads("[" * 40 + "]" * 40)}),
}


@pytest.mark.parametrize("body", NESTED.values(), ids=NESTED.keys())
async def test_deeply_nested_json(hostile, body):
    await refused(hostile, "/v1/articles", body, J, 400, "invalid_json")
    await refused(hostile, "/v1/ninjs", body, hostile.signed(body), 400, "invalid_json", key=False)
    before = await hostile.trace()
    async with hostile.client() as client:
        batch = await client.post("/v1/articles/batch", content=body, headers=NDJSON)
    assert batch.status_code == 200 and batch.json()["lines"][0]["status"] == 400, batch.text[:500]
    await hostile.assert_no_trace(before)


CONTENT_TYPES = [
    ("/v1/articles", None), ("/v1/articles", "text/plain"), ("/v1/articles", "application/x-www-form-urlencoded"),
    ("/v1/articles", "multipart/form-data; boundary=x"), ("/v1/articles", "application/xml"),
    ("/v1/articles", "application/x-ndjson"), ("/v1/articles", "text/json"), ("/v1/articles", "application/jsonx"),
    ("/v1/articles/batch", "application/json"), ("/v1/articles/batch", "text/plain"),
    ("/v1/ninjs", "text/html"), ("/v1/ninjs", "application/x-ndjson"),
]


@pytest.mark.parametrize(("path", "content_type"), CONTENT_TYPES)
async def test_wrong_content_types(hostile, path, content_type):
    body = js(ARTICLE)
    headers = {"content-type": content_type} if content_type else {}
    if path == "/v1/ninjs":
        headers = hostile.signed(body) | headers
    await refused(hostile, path, body, headers, 415, "unsupported_media_type", "header.content-type",
                  key=path != "/v1/ninjs")


UNKNOWN_FIELDS = [
    (ARTICLE | {"foo": 1}, "body.foo"),
    (ARTICLE | {"kind": "video"}, "body.kind"),
    (PAGE | {"headline": "版面没有标题"}, "body.headline"),
    ({**{k: v for k, v in ARTICLE.items() if k != "source"}, "Source": "人民日报"}, "body.Source"),
    (ARTICLE | {"body": {"text": "兰州"}}, "body.body"),
]


@pytest.mark.parametrize(("item", "detail"), UNKNOWN_FIELDS, ids=[d for _, d in UNKNOWN_FIELDS])
async def test_unknown_and_mistyped_fields(hostile, item, detail):
    await refused(hostile, "/v1/articles", js(item), J, 422, "validation_error", detail)


BAD_DATES = ["2024-02-30", "2024-13-01", "0001-01-01", "9999-12-31", "1799-12-31", "2200-01-01", "2024-10-10T25:00:00",
             "2024-10-10T08:00:00+25:00", "yesterday", "10/10/2024", "", 20241010, None]


@pytest.mark.parametrize("published", BAD_DATES, ids=[repr(d) for d in BAD_DATES])
async def test_bad_publication_dates(hostile, published):
    await refused(hostile, "/v1/articles", js(ARTICLE | {"published": published}), J, 422, "validation_error",
                  "body.published")


ODD_BODIES = {
    "empty": (b"", 400, "invalid_json"),
    "null": (b"null", 422, "validation_error"),
    "an array": (b"[]", 422, "validation_error"),
    "a string": (b'"text"', 422, "validation_error"),
    "cut short": (b"{", 400, "invalid_json"),
    "a byte-order mark": (b"\xef\xbb\xbf" + js(ARTICLE), 400, "invalid_json"),
    "an integer of 5000 digits": (js(ARTICLE)[:-1] + b', "version": ' + b"1" * 5000 + b"}", 400, "invalid_json"),
    "NaN": (js(ARTICLE)[:-1] + b', "version": NaN}', 400, "invalid_json"),
    "1e400": (js(ARTICLE)[:-1] + b', "version": 1e400}', 422, "validation_error"),
}


@pytest.mark.parametrize(("body", "status", "code"), ODD_BODIES.values(), ids=ODD_BODIES.keys())
async def test_odd_json_values(hostile, body, status, code):
    await refused(hostile, "/v1/articles", body, J, status, code)


async def test_empty_batches(hostile):
    for body in (b"", b"\n\n  \n"):
        await refused(hostile, "/v1/articles/batch", body, NDJSON, 422, "validation_error", "body")


async def test_push_keys(hostile):
    body = js(ARTICLE)
    await refused(hostile, "/v1/articles", body, J, 401, "unauthorized", key=False)
    await refused(hostile, "/v1/articles", body, J | {"x-api-key": "wrong-key-123456"}, 403, "forbidden", key=False)
    await refused(hostile, "/v1/articles", body, J | {"authorization": "Bearer wrong-key-123456"}, 403, "forbidden",
                  key=False)
    other = js(ARTICLE | {"source": "新华社"})  # a key for 人民日报 only
    await refused(hostile, "/v1/articles", other, J | {"x-api-key": hostile.source_key}, 403, "forbidden", key=False)
    await refused(hostile, "/v1/articles/batch", body, NDJSON, 401, "unauthorized", key=False)
