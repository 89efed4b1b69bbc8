"""Keys at the gateway: operator keys for /v1/admin, read keys when configured, pushes left to ingest;
keys never reach a log line or an error message."""

from __future__ import annotations

import json

import httpx
import pytest
import structlog
from pydantic import SecretStr, ValidationError
from structlog.testing import capture_logs

from newsevents.api.app import create_app
from newsevents.api.config import Settings, named_keys
from tests.unit.api.admin_fakes import FakeBus, FakeJetStream
from tests.unit.api.fakes import FakeFeed, FakeIngest, FakeStore
from tests.unit.api.harness import StreamCall, running

OPERATOR = "operator-key-0003"
OTHER_OPERATOR = "operator-key-0004=="
READER = "reader-key-00001"
ARTICLE = {"source": "张掖日报", "published": "2024-10-10", "body": "10月9日，甘州区举办全民健身运动会。"}


def gateway(**settings):
    ingest = FakeIngest()
    app = create_app(Settings(**settings), store_transport=httpx.ASGITransport(app=FakeStore().app),
                     ingest_transport=httpx.ASGITransport(app=ingest.app), feed=FakeFeed(), bus=FakeBus(FakeJetStream()))
    return app, ingest


@pytest.fixture
async def locked():
    """Reading needs a key; two operators, one of them with a base64-looking key."""
    app, ingest = gateway(operator_keys=f"alice={OPERATOR},{OTHER_OPERATOR}", read_keys=f"dashboard={READER}")
    async with running(app) as client:
        client.ingest = ingest
        yield client


@pytest.fixture
async def open_reads():
    app, _ = gateway(operator_keys=OPERATOR)
    async with running(app) as client:
        yield client


# ---- settings ------------------------------------------------------------------------------------


def test_keys_are_named_or_numbered_and_base64_padding_stays_in_the_key():
    value = SecretStr(f" alice={OPERATOR} , {OTHER_OPERATOR},, bWFueWNoYXJzaGVyZQ== ")
    assert named_keys(value) == [("alice", OPERATOR), ("key2", OTHER_OPERATOR), ("key4", "bWFueWNoYXJzaGVyZQ==")]
    assert named_keys(None) == []


@pytest.mark.parametrize("value", ["short-key", "changeme", f"a={OPERATOR},a={READER}", f"ops=,{OPERATOR}"])
def test_bad_key_settings_stop_start_up_without_printing_the_keys(value):
    with pytest.raises(ValidationError) as caught:
        Settings(operator_keys=value)
    assert "NEWSEVENTS_OPERATOR_KEYS" in str(caught.value) or "unique" in str(caught.value)
    for key in filter(None, (entry.split("=")[-1] for entry in value.split(","))):
        assert key not in str(caught.value)


def test_unset_keys_mean_open_reads_and_closed_administration():
    settings = Settings()
    assert settings.operator_keys is None and settings.read_keys is None


# ---- reading -------------------------------------------------------------------------------------


async def test_reading_is_public_without_read_keys(open_reads):
    assert (await open_reads.get("/v1/articles")).status_code == 200
    assert (await open_reads.get("/v1/events", headers={"x-api-key": "whatever-key-123"})).status_code == 200


@pytest.mark.parametrize("path", ["/v1/articles", "/v1/articles/a1", "/v1/events", "/v1/events/e1", "/v1/stats/events"])
async def test_with_read_keys_reading_needs_a_read_or_operator_key(locked, path):
    missing = await locked.get(path)
    assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"
    assert missing.json()["error"]["code"] == "unauthorized"
    wrong = await locked.get(path, headers={"x-api-key": "not-a-key-at-all"})
    assert wrong.status_code == 403 and wrong.json()["error"]["code"] == "forbidden"
    for headers in ({"x-api-key": READER}, {"authorization": f"Bearer {OPERATOR}"}, {"x-api-key": OTHER_OPERATOR}):
        assert (await locked.get(path, headers=headers)).status_code in (200, 404), headers


async def test_the_live_stream_needs_a_read_key_too(locked):
    call = await StreamCall(locked._transport.app, "/v1/stream").start()
    assert call.status == 401
    await call.read_to_end()
    call = await StreamCall(locked._transport.app, "/v1/stream", headers={"x-api-key": READER}).start()
    assert call.status == 200
    await call.hang_up()


async def test_operations_endpoints_stay_public(locked):
    for path in ("/healthz", "/readyz", "/metrics", "/openapi.json"):
        assert (await locked.get(path)).status_code == 200, path


async def test_pushes_are_left_to_ingest_with_the_key_forwarded(locked):
    answer = await locked.post("/v1/articles", json=ARTICLE, headers={"x-api-key": "source-push-key"})
    assert answer.status_code == 201
    assert locked.ingest.seen[-1].headers["x-api-key"] == "source-push-key"
    assert (await locked.post("/v1/articles", json=ARTICLE)).status_code == 200  # no key: ingest's decision


# ---- operating -----------------------------------------------------------------------------------


async def test_administration_needs_an_operator_key(locked):
    assert (await locked.get("/v1/admin/dead-letters")).status_code == 401
    assert (await locked.get("/v1/admin/dead-letters", headers={"x-api-key": READER})).status_code == 403
    assert (await locked.get("/v1/admin/dead-letters", headers={"authorization": f"Basic {OPERATOR}"})).status_code == 401
    for headers in ({"x-api-key": OPERATOR}, {"authorization": f"bearer {OTHER_OPERATOR}"}):
        assert (await locked.get("/v1/admin/dead-letters", headers=headers)).status_code == 200


async def test_without_operator_keys_administration_refuses_everyone():
    app, _ = gateway()
    async with running(app) as client:
        assert (await client.get("/v1/admin/dead-letters")).status_code == 401
        assert (await client.get("/v1/admin/dead-letters", headers={"x-api-key": OPERATOR})).status_code == 403
        assert (await client.get("/v1/articles")).status_code == 200


async def test_refusals_are_counted(locked):
    await locked.get("/v1/admin/dead-letters")
    await locked.get("/v1/articles", headers={"x-api-key": "not-a-key-at-all"})
    metrics = (await locked.get("/metrics")).text
    assert 'newsevents_api_auth_refused_total{reason="missing",scope="operator"} 1.0' in metrics
    assert 'newsevents_api_auth_refused_total{reason="invalid",scope="reader"} 1.0' in metrics


async def test_keys_never_reach_the_logs_but_the_key_name_does(locked):
    with capture_logs(processors=[structlog.contextvars.merge_contextvars]) as logs:
        await locked.get("/v1/admin/dead-letters", headers={"x-api-key": OPERATOR})
        await locked.post("/v1/admin/dead-letters/replay", headers={"authorization": f"Bearer {OPERATOR}"},
                          json={"all": True})
        await locked.get("/v1/articles", headers={"x-api-key": READER})
        await locked.get("/v1/articles", headers={"x-api-key": OPERATOR + "x"})
        await locked.get("/v1/admin/dead-letters", headers={"authorization": f"Bearer {READER}"})
        await locked.post("/v1/articles", json=ARTICLE, headers={"x-api-key": OTHER_OPERATOR})
    text = json.dumps(logs, ensure_ascii=False, default=str)
    for key in (OPERATOR, OTHER_OPERATOR, READER):
        assert key not in text
    summaries = [e for e in logs if e["event"] == "request"]
    assert [(e["status"], e.get("principal")) for e in summaries] == [
        (200, "alice"), (200, "alice"), (200, "dashboard"), (403, None), (403, None), (201, None)]


def test_openapi_documents_who_may_call_what():
    app, _ = gateway(operator_keys=OPERATOR)
    schema = app.openapi()
    assert set(schema["components"]["securitySchemes"]) == {"apiKey", "bearer"}
    for path, ops in schema["paths"].items():
        for method, op in ops.items():
            if path.startswith("/v1/admin/"):
                assert op["security"] == [{"apiKey": []}, {"bearer": []}], (path, method)
                assert {"401", "403", "503"} <= set(op["responses"]), (path, method)
            elif method == "get" and path.startswith("/v1/"):  # reading: a key only where read keys are set
                assert op["security"][0] == {} and {"401", "403"} <= set(op["responses"]), (path, method)
