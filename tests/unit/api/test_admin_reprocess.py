"""/v1/admin/reprocess: stored documents (from a fake store) republished from an in-memory INGEST stream."""

from __future__ import annotations

import json
from datetime import date

import httpx
import pytest

from newsevents.api.app import create_app
from newsevents.api.config import Settings
from newsevents.contract import cloudevents, ids, subjects
from newsevents.contract.http import DocumentSummary, ReprocessResult
from newsevents.contract.messages import DocumentSubmitted
from tests.unit.api.admin_fakes import DocumentStore, FakeJetStream
from tests.unit.api.fakes import FakeFeed, FakeIngest
from tests.unit.api.harness import running

OPERATOR_KEY = "operator-key-0002"


def summary(doc_id: str) -> DocumentSummary:
    return DocumentSummary(id=doc_id, kind="article", source="张掖日报", published=date(2024, 10, 10), article_count=1,
                           extractor_version="0.1.0+old", extracted_at=cloudevents.now())


async def submit(js: FakeJetStream, doc_id: str) -> DocumentSubmitted:
    """What ingest publishes: the document on its own subject, only if that subject is empty."""
    doc = DocumentSubmitted(document_id=doc_id, kind="article", source="张掖日报", published=date(2024, 10, 10),
                            text="10月9日，甘州区举办全民健身运动会。", received_at=cloudevents.now())
    event = cloudevents.CloudEvent(id=ids.message_id("document", doc_id), type=cloudevents.DOCUMENT_SUBMITTED,
                                   source="/newsevents/ingest", subject=doc_id, time=doc.received_at, requestid="push-1")
    await js.publish(subjects.submitted(doc_id), doc.model_dump_json().encode(),
                     headers=event.headers() | {"Nats-Expected-Last-Subject-Sequence": "0"})
    return doc


@pytest.fixture
async def setup(js, bus):
    kept = ["a" * 24, "b" * 24, "c" * 24]
    for doc_id in kept:
        await submit(js, doc_id)
    store = DocumentStore([summary(d) for d in [*kept, "d" * 24]])  # d: aged out of the INGEST stream
    app = create_app(Settings(operator_keys=OPERATOR_KEY, admin_concurrency=2),
                     store_transport=httpx.ASGITransport(app=store.app),
                     ingest_transport=httpx.ASGITransport(app=FakeIngest().app), feed=FakeFeed(), bus=bus)
    async with running(app) as client:
        client.headers["authorization"] = f"Bearer {OPERATOR_KEY}"
        yield client, store, kept


async def test_republishes_every_stored_document_with_a_fresh_id(setup, js):
    api, store, kept = setup
    before = {m.subject: m for m in js.messages(subjects.INGEST_STREAM)}
    answer = await api.post("/v1/admin/reprocess", json={})
    assert answer.status_code == 200, answer.text
    result = ReprocessResult.model_validate(answer.json())
    assert (result.documents, result.republished, result.not_found, result.failed) == (4, 3, 1, 0)
    assert result.missing == ["d" * 24] and not result.dry_run

    republished = js.messages(subjects.INGEST_STREAM)[len(kept):]
    assert sorted(m.subject for m in republished) == sorted(subjects.submitted(d) for d in kept)
    for message in republished:
        original = before[message.subject]
        assert message.data == original.data
        expected_id = f"{cloudevents.decode(original.headers['ce-id'])}.reprocess.{result.run_id}"
        assert message.headers["ce-id"] == message.headers["Nats-Msg-Id"] == expected_id
        assert "Nats-Expected-Last-Subject-Sequence" not in message.headers
        assert message.headers["ce-type"] == cloudevents.DOCUMENT_SUBMITTED
    assert len(store.queries) == 2 and store.queries[1]["cursor"] == "2"  # paged through the store

    again = ReprocessResult.model_validate((await api.post("/v1/admin/reprocess", json={})).json())
    assert again.run_id != result.run_id and again.republished == 3  # a new run: new message ids, not deduplicated
    assert len(js.messages(subjects.INGEST_STREAM)) == len(kept) * 3


async def test_filters_reach_the_store_and_a_dry_run_publishes_nothing(setup, js):
    api, store, _ = setup
    published = len(js.published)
    answer = await api.post("/v1/admin/reprocess", json={"since": "2024-10-01", "source": "张掖日报", "dry_run": True})
    result = ReprocessResult.model_validate(answer.json())
    assert (result.dry_run, result.republished, result.not_found) == (True, 3, 1)
    assert len(js.published) == published
    assert store.queries[0] | {"limit": "500"} == {"since": "2024-10-01", "source": "张掖日报", "limit": "500"}


async def test_store_or_nats_unavailable_is_503(setup, js, bus):
    api, store, _ = setup
    store.failing = True
    answer = await api.post("/v1/admin/reprocess", json={})
    assert answer.status_code == 503 and answer.headers["retry-after"]
    store.failing = False
    bus.connected = False
    assert (await api.post("/v1/admin/reprocess", json={})).status_code == 503


async def test_a_broken_connection_midway_counts_failures(setup, js):
    api, _, _ = setup
    js.down = True
    result = (await api.post("/v1/admin/reprocess", json={})).json()
    assert (result["republished"], result["failed"]) == (0, 4)


@pytest.mark.parametrize(("body", "path"), [({"since": "yesterday"}, "body.since"), ({"source": ""}, "body.source"),
                                            ({"everything": True}, "body.everything"), ({"dry_run": 0}, "body.dry_run"),
                                            ({"dry_run": "yes"}, "body.dry_run"), ({"since": 0}, "body.since"),
                                            ({"since": "2024-10-01T00:00:00"}, "body.since")])
async def test_invalid_bodies_name_the_field(setup, body, path):
    api, _, _ = setup
    answer = await api.post("/v1/admin/reprocess", json=body)
    assert answer.status_code == 422
    assert path in [d["path"] for d in answer.json()["error"]["details"]], json.dumps(answer.json())


async def test_a_body_that_is_not_json_is_400(setup):
    api, _, _ = setup
    answer = await api.post("/v1/admin/reprocess", content=b"?\xff\x0e", headers={"content-type": "application/json"})
    assert answer.status_code == 400 and answer.json()["error"]["code"] == "bad_request"
