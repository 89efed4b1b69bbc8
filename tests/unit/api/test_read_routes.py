"""Reads: validated at the door, forwarded to the store as validated, answered as the store answered."""

from __future__ import annotations

import httpx
import pytest

from newsevents.api.app import create_app
from tests.unit.api.harness import running
from tests.unit.api.fakes import ARTICLES_PAGE


async def test_list_is_forwarded_with_the_validated_query_and_relayed_byte_for_byte(api, store):
    response = await api.get("/v1/articles", params={"q": " 文明实践  志愿 ", "region": "620000", "from": "2024-10-01",
                                                     "to": "2024-10-31", "limit": 20, "cursor": "abc="})
    assert response.status_code == 200
    assert response.content == ARTICLES_PAGE
    assert response.headers["x-store-page"] == "1"
    assert response.headers["content-type"] == "application/json"
    (seen,) = store.seen
    assert seen.path == "/v1/articles"
    assert dict(seen.query) == {"q": "文明实践  志愿", "region": "620000", "from": "2024-10-01", "to": "2024-10-31",
                                "limit": "20", "cursor": "abc="}


async def test_defaults_are_sent_explicitly(api, store):
    await api.get("/v1/events")
    await api.get("/v1/stats/events", params={"type": "honor"})
    assert dict(store.seen[0].query) == {"limit": "50"}
    assert dict(store.seen[1].query) == {"type": "honor", "level": "province"}


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("/v1/articles", {"limit": 0}, "query.limit"),
        ("/v1/articles", {"limit": 501}, "query.limit"),
        ("/v1/articles", {"limit": "many"}, "query.limit"),
        ("/v1/articles", {"from": "2024-13-01"}, "query.from"),
        ("/v1/articles", {"from": "2024-10-10", "to": "2024-10-01"}, "query.to"),
        ("/v1/articles", {"region": "62x"}, "query.region"),
        ("/v1/articles", {"region": "6"}, "query.region"),
        ("/v1/articles", {"region": "6200001"}, "query.region"),
        ("/v1/articles", {"region": "62080"}, "query.region"),
        ("/v1/events", {"region": "000000"}, "query.region"),
        ("/v1/articles", {"q": "   "}, "query.q"),
        ("/v1/articles", {"q": "x" * 201}, "query.q"),
        ("/v1/articles", {"source": "人民\x01日报"}, "query.source"),
        ("/v1/articles", {"cursor": "a b"}, "query.cursor"),
        ("/v1/articles", {"regoin": "62"}, "query.regoin"),
        ("/v1/events", {"type": "Honor!"}, "query.type"),
        ("/v1/events", {"article": "../etc"}, "query.article"),
        ("/v1/events", {"to": "yesterday"}, "query.to"),
        ("/v1/stats/events", {"level": "village"}, "query.level"),
        ("/v1/stats/events", {"limit": 10}, "query.limit"),
        ("/v1/articles/a%20b", {}, "path.id"),
        ("/v1/events/" + "e" * 200, {}, "path.id"),
    ],
)
async def test_bad_input_is_refused_at_the_door_with_the_field_path(api, store, path, params, field):
    response = await api.get(path, params=params)
    assert response.status_code == 422
    body = response.json()
    assert body["error"]["code"] == "validation_error"
    assert field in [d["path"] for d in body["error"]["details"]]
    assert store.seen == []


async def test_store_404_and_422_pass_through(api, store):
    missing = await api.get("/v1/articles/zzz")
    assert missing.status_code == 404
    assert missing.json()["error"] == {"code": "not_found", "message": "no article zzz", "details": []}
    store.answer = 422
    bad = await api.get("/v1/events", params={"cursor": "stale"})
    assert bad.status_code == 422
    assert bad.json()["error"]["message"] == "bad cursor"


async def test_found_item_is_relayed(api):
    response = await api.get("/v1/articles/a1")
    assert response.status_code == 200
    assert response.json() == {"id": "a1", "body": "正文"}


@pytest.mark.parametrize("status", [500, 502, 504])
async def test_store_5xx_becomes_503_with_retry_after(api, store, status):
    store.answer = status
    response = await api.get("/v1/events")
    assert response.status_code == 503
    assert response.headers["retry-after"] == "4"
    assert response.json()["error"]["code"] == "unavailable"


async def test_store_503_is_relayed_with_its_own_body_and_retry_after(api, store):
    store.answer = 503
    response = await api.get("/v1/stats/events")
    assert response.status_code == 503
    assert response.headers["retry-after"] == "7"
    assert response.json()["error"]["message"] == "database unreachable"


async def test_store_unreachable_is_503_with_retry_after(settings, ingest, feed):
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    app = create_app(settings, store_transport=httpx.MockTransport(refuse),
                     ingest_transport=httpx.ASGITransport(app=ingest.app), feed=feed)
    async with running(app) as api:
        response = await api.get("/v1/articles")
        metrics = (await api.get("/metrics")).text
    assert response.status_code == 503
    assert response.headers["retry-after"] == "4"
    assert response.json()["error"]["message"] == "the store service is unavailable; retry later"
    assert 'newsevents_api_upstream_failures_total{reason="unreachable",upstream="store"} 1.0' in metrics


async def test_store_timeout_is_503(settings, ingest, feed):
    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    app = create_app(settings, store_transport=httpx.MockTransport(slow),
                     ingest_transport=httpx.ASGITransport(app=ingest.app), feed=feed)
    async with running(app) as api:
        response = await api.get("/v1/events/abc")
    assert response.status_code == 503 and "retry-after" in response.headers


async def test_request_id_is_forwarded_and_returned(api, store):
    response = await api.get("/v1/articles", headers={"x-request-id": "req-42.a"})
    assert response.headers["x-request-id"] == "req-42.a"
    assert store.seen[0].headers["x-request-id"] == "req-42.a"
    # one x-request-id only, the gateway's (the store's own is not relayed)
    assert [k for k, _ in response.headers.multi_items()].count("x-request-id") == 1


async def test_a_request_id_is_made_when_none_or_an_invalid_one_is_given(api, store):
    response = await api.get("/v1/articles", headers={"x-request-id": "bad id with spaces"})
    generated = response.headers["x-request-id"]
    assert generated != "bad id with spaces" and len(generated) == 32
    assert store.seen[0].headers["x-request-id"] == generated


async def test_only_encodings_the_client_accepts_are_requested(api, store):
    await api.get("/v1/articles", headers={"accept-encoding": "identity"})
    await api.get("/v1/articles", headers={"accept-encoding": "gzip"})
    assert [s.headers["accept-encoding"] for s in store.seen] == ["identity", "gzip"]
