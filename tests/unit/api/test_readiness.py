"""/readyz: NATS connected and both upstreams ready; /healthz only says the process is alive."""

from __future__ import annotations

import httpx

from newsevents.api.app import create_app
from tests.unit.api.harness import running


async def test_ready_when_everything_is(api):
    response = await api.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"ready": True, "checks": {"nats": True, "ingest": True, "store": True}}


async def test_not_ready_names_what_is_missing(api, store, feed):
    store.ready = False
    feed.connected = False
    response = await api.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"nats": False, "ingest": True, "store": False}
    assert (await api.get("/healthz")).status_code == 200


async def test_an_unreachable_upstream_is_not_ready(settings, store, feed):
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    app = create_app(settings, store_transport=httpx.ASGITransport(app=store.app),
                     ingest_transport=httpx.MockTransport(refuse), feed=feed)
    async with running(app) as api:
        response = await api.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["ingest"] is False
