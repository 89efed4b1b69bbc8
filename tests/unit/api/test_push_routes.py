"""Pushes: relayed to ingest with the raw body and the headers it needs, byte for byte."""

from __future__ import annotations

import hashlib
import hmac
import json

import httpx

from newsevents.api.app import create_app
from tests.unit.api.fakes import SECRET
from tests.unit.api.harness import running

ARTICLE = {"source": "张掖日报", "published": "2024-10-10", "headline": "甘州区举办全民健身运动会",
           "body": "10月9日，甘肃省张掖市甘州区举办2024年全民健身运动会。"}


def sign(body: bytes, secret: str = SECRET) -> str:
    return "sha1=" + hmac.new(secret.encode(), body, hashlib.sha1).hexdigest()


async def test_article_is_accepted_then_a_duplicate(api, ingest):
    first = await api.post("/v1/articles", json=ARTICLE)
    again = await api.post("/v1/articles", json=ARTICLE)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["duplicate"] is False and again.json()["duplicate"] is True
    assert ingest.seen[0].path == "/v1/articles"


async def test_ninjs_raw_body_and_signature_arrive_byte_exact(api, ingest):
    # odd whitespace, key order and escapes: any re-serialisation would break the HMAC
    body = ('{ "guid":"urn:1",  "type":"text","source":"张掖日报","versioncreated":"2024-10-10T08:30:00+0000",'
            '"headline":"\\u7518\\u5dde","body_html":"<p>运动会</p>" }\n').encode()
    signature = sign(body)
    response = await api.post("/v1/ninjs", content=body, headers={"content-type": "application/json; charset=utf-8",
                                                                   "x-superdesk-signature": signature})
    assert response.status_code == 201, response.text
    (seen,) = ingest.seen
    assert seen.body == body
    assert (b"x-superdesk-signature", signature.encode()) in seen.raw_headers
    assert seen.headers["content-type"] == "application/json; charset=utf-8"
    assert seen.headers["content-length"] == str(len(body))


async def test_wrong_signature_is_ingests_403_relayed(api):
    body = b'{"guid":"urn:2","source":"s","versioncreated":"2024-10-10","body_html":"x"}'
    response = await api.post("/v1/ninjs", content=body, headers={"content-type": "application/json",
                                                                   "x-superdesk-signature": sign(body + b" ")})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "bad_signature"


async def test_streamed_body_of_unknown_length_arrives_whole(api, ingest):
    lines = [json.dumps(ARTICLE | {"external_id": str(i)}, ensure_ascii=False) + "\n" for i in range(50)]

    async def chunks():
        for line in lines:
            yield line.encode()

    response = await api.post("/v1/articles/batch", content=chunks(), headers={"content-type": "application/x-ndjson"})
    assert response.status_code == 200
    assert response.json()["accepted"] == 50
    assert ingest.seen[0].body == "".join(lines).encode()
    assert ingest.seen[0].headers["content-type"] == "application/x-ndjson"


async def test_auth_request_id_and_client_headers_are_forwarded_others_are_not(api, ingest):
    await api.post("/v1/articles", json=ARTICLE, headers={
        "x-api-key": "k-123", "authorization": "Bearer t-456", "x-request-id": "push-1", "cookie": "session=1",
        "x-forwarded-for": "10.0.0.9",
    })
    headers = ingest.seen[0].headers
    assert headers["x-api-key"] == "k-123"
    assert headers["authorization"] == "Bearer t-456"
    assert headers["x-request-id"] == "push-1"
    assert headers["x-forwarded-for"] == "10.0.0.9, 127.0.0.1"
    assert "cookie" not in headers


async def test_ingest_validation_and_content_type_errors_pass_through(api):
    invalid = await api.post("/v1/articles", json={"source": "张掖日报", "body": "正文"})
    assert invalid.status_code == 422
    wrong_type = await api.post("/v1/articles", content=b"source=x", headers={"content-type": "text/plain"})
    assert wrong_type.status_code == 415


async def test_ingest_503_is_relayed_with_body_and_retry_after(api, ingest):
    ingest.unavailable = True
    response = await api.post("/v1/articles", json=ARTICLE)
    assert response.status_code == 503
    assert response.headers["retry-after"] == "5"
    assert response.json()["error"]["message"] == "JetStream unreachable"


async def test_ingest_unreachable_is_503_with_retry_after(settings, store, feed):
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    app = create_app(settings, store_transport=httpx.ASGITransport(app=store.app),
                     ingest_transport=httpx.MockTransport(refuse), feed=feed)
    async with running(app) as api:
        response = await api.post("/v1/articles", json=ARTICLE)
    assert response.status_code == 503
    assert response.headers["retry-after"] == "4"
    assert response.json()["error"]["code"] == "unavailable"
