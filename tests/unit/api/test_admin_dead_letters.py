"""/v1/admin/dead-letters: list, show, replay (one, many, all), discard — over an in-memory JetStream."""

from __future__ import annotations

import httpx
import pytest
from structlog.testing import capture_logs

from newsevents.api.app import create_app
from newsevents.api.config import Settings
from newsevents.contract import cloudevents, subjects
from newsevents.contract.http import DeadLetterDetail, DeadLetterPage, ErrorResponse, ReplayBatchResult, ReplayResult
from tests.unit.api.admin_fakes import FakeJetStream
from tests.unit.api.fakes import FakeFeed, FakeIngest, FakeStore
from tests.unit.api.harness import running

OPERATOR_KEY = "operator-key-0001"
AUTH = {"x-api-key": OPERATOR_KEY}


@pytest.fixture
async def admin(bus):
    app = create_app(Settings(operator_keys=f"ops={OPERATOR_KEY}", retry_after_seconds=3),
                     store_transport=httpx.ASGITransport(app=FakeStore().app),
                     ingest_transport=httpx.ASGITransport(app=FakeIngest().app), feed=FakeFeed(), bus=bus)
    async with running(app) as client:
        client.headers.update(AUTH)
        yield client


def original_headers(ce_id: str, ce_type: str = cloudevents.ARTICLE_EXTRACTED) -> dict[str, str]:
    event = cloudevents.CloudEvent(id=ce_id, type=ce_type, source="/newsevents/extract", subject=ce_id,
                                   time=cloudevents.now(), requestid="req-1")
    return event.headers()


async def store_letter(js: FakeJetStream, name: str, error: str = "TransientError: database unavailable") -> int:
    subject = subjects.article("620702", name)
    return await js.dead_letter("store", subject, f'{{"article_id": "{name}", "headline": "运动会"}}'.encode(),
                                original_headers(f"{name}-msg"), error=error)


async def extract_letter(js: FakeJetStream, name: str) -> int:
    headers = original_headers(f"{name}-doc", cloudevents.DOCUMENT_SUBMITTED) | {"Nats-Expected-Last-Subject-Sequence": "0"}
    return await js.dead_letter("extract", subjects.submitted(name), b'{"broken": ', headers,
                                error="not a DocumentSubmitted message")


async def test_lists_oldest_first_with_a_cursor_and_a_consumer_filter(admin, js):
    seqs = [await store_letter(js, "a1"), await extract_letter(js, "d1"), await store_letter(js, "a2")]
    everything = DeadLetterPage.model_validate((await admin.get("/v1/admin/dead-letters")).json())
    assert [i.seq for i in everything.items] == seqs and everything.total == 3 and everything.next_cursor is None
    first = everything.items[0]
    assert (first.consumer, first.subject, first.message_id, first.type) == (
        "store", subjects.article("620702", "a1"), "a1-msg", cloudevents.ARTICLE_EXTRACTED)

    stores = DeadLetterPage.model_validate((await admin.get("/v1/admin/dead-letters", params={"consumer": "store"})).json())
    assert [i.seq for i in stores.items] == [seqs[0], seqs[2]] and stores.total == 2

    walked, cursor = [], None
    while True:
        params = {"limit": 1} | ({"cursor": cursor} if cursor else {})
        page = DeadLetterPage.model_validate((await admin.get("/v1/admin/dead-letters", params=params)).json())
        walked += [i.seq for i in page.items]
        if not (cursor := page.next_cursor):
            break
    assert walked == seqs


async def test_an_empty_or_missing_dlq_lists_nothing(admin, js):
    del js.streams[subjects.DLQ_STREAM]
    page = (await admin.get("/v1/admin/dead-letters")).json()
    assert page == {"items": [], "next_cursor": None, "total": 0}


async def test_shows_the_original_headers_and_payload(admin, js):
    seq = await extract_letter(js, "d2")
    detail = DeadLetterDetail.model_validate((await admin.get(f"/v1/admin/dead-letters/{seq}")).json())
    assert detail.data == '{"broken": ' and detail.headers["Nats-Expected-Last-Subject-Sequence"] == "0"
    assert detail.error == "not a DocumentSubmitted message" and detail.consumer == "extract"
    missing = await admin.get("/v1/admin/dead-letters/999")
    assert missing.status_code == 404 and ErrorResponse.model_validate(missing.json()).error.code == "not_found"
    assert (await admin.get("/v1/admin/dead-letters/0")).status_code == 422


async def test_replay_publishes_the_original_again_with_a_fresh_id_then_deletes_the_letter(admin, js):
    seq = await extract_letter(js, "d3")
    letter = DeadLetterDetail.model_validate((await admin.get(f"/v1/admin/dead-letters/{seq}")).json())
    with capture_logs() as logs:
        answer = await admin.post(f"/v1/admin/dead-letters/{seq}/replay")
    assert answer.status_code == 200, answer.text
    result = ReplayResult.model_validate(answer.json())
    assert (result.status, result.subject, result.message_id) == ("replayed", subjects.submitted("d3"), f"d3-doc.replay.{seq}")

    (again,) = [m for m in js.published if m.subject == subjects.submitted("d3")]
    assert again.data.decode() == letter.data
    assert again.headers["ce-id"] == again.headers["Nats-Msg-Id"] == f"d3-doc.replay.{seq}"
    assert "Nats-Expected-Last-Subject-Sequence" not in again.headers
    kept = {k: v for k, v in letter.headers.items() if not k.lower().startswith("nats-") and k != "ce-id"}
    assert kept.items() <= again.headers.items()  # ce-type, ce-source, ce-time, ce-requestid… unchanged

    assert (await admin.get(f"/v1/admin/dead-letters/{seq}")).status_code == 404
    assert (await admin.post(f"/v1/admin/dead-letters/{seq}/replay")).status_code == 404  # never twice
    (line,) = [e for e in logs if e["event"] == "dead_letter.replayed"]
    assert (line["seq"], line["consumer"], line["original_id"], line["operator"]) == (seq, "extract", "d3-doc", "ops")
    metrics = (await admin.get("/metrics")).text
    assert 'newsevents_api_dead_letters_replayed_total{consumer="extract"} 1.0' in metrics


async def test_replay_of_a_replayed_message_that_failed_again_gets_another_id(admin, js):
    first = await store_letter(js, "a3")
    await admin.post(f"/v1/admin/dead-letters/{first}/replay")
    republished = js.published[-1]
    second = await js.dead_letter("store", republished.subject, republished.data, republished.headers)
    result = (await admin.post(f"/v1/admin/dead-letters/{second}/replay")).json()
    assert result["message_id"] == f"a3-msg.replay.{first}.replay.{second}"


async def test_replay_many_reports_each_sequence(admin, js):
    seq = await store_letter(js, "a4")
    answer = await admin.post("/v1/admin/dead-letters/replay", json={"sequences": [seq, 999, seq]})
    batch = ReplayBatchResult.model_validate(answer.json())
    assert (batch.replayed, batch.not_found, batch.failed) == (1, 1, 0)
    assert [(i.seq, i.status) for i in batch.items] == [(seq, "replayed"), (999, "not_found")]


async def test_replay_all_of_one_consumer_leaves_the_others(admin, js):
    stores = [await store_letter(js, f"b{i}") for i in range(5)]
    extract = await extract_letter(js, "d5")
    batch = ReplayBatchResult.model_validate(
        (await admin.post("/v1/admin/dead-letters/replay", json={"all": True, "consumer": "store"})).json())
    assert batch.replayed == 5 and sorted(i.seq for i in batch.items) == stores
    left = (await admin.get("/v1/admin/dead-letters")).json()
    assert [i["seq"] for i in left["items"]] == [extract]


async def test_replay_all_does_not_chase_letters_written_while_it_runs(admin, js):
    """A replayed message that fails again comes back as a new letter: it waits for the next request."""
    for i in range(3):
        await store_letter(js, f"c{i}")

    def fails_again(raw) -> None:
        if raw.subject.startswith("articles."):
            js.streams[subjects.DLQ_STREAM].last_seq += 1
            seq = js.streams[subjects.DLQ_STREAM].last_seq
            js.streams[subjects.DLQ_STREAM].messages[seq] = raw.__class__(
                subject="dlq.store", seq=seq, data=js.messages(subjects.DLQ_STREAM)[0].data, headers=None)

    js.on_publish = fails_again
    batch = ReplayBatchResult.model_validate((await admin.post("/v1/admin/dead-letters/replay", json={"all": True})).json())
    assert batch.replayed == 3
    assert (await admin.get("/v1/admin/dead-letters")).json()["total"] == 3  # the new ones, untouched


async def test_a_record_that_is_not_a_dead_letter_lists_but_does_not_replay(admin, js):
    await js.publish("dlq.store", b"garbage")
    (item,) = (await admin.get("/v1/admin/dead-letters")).json()["items"]
    assert item["error"] == "not a dead-letter record"
    answer = await admin.post(f"/v1/admin/dead-letters/{item['seq']}/replay")
    assert answer.status_code == 409 and answer.json()["error"]["code"] == "conflict"


async def test_discard_deletes_without_replaying(admin, js):
    seq = await store_letter(js, "a6")
    published = len(js.published)
    assert (await admin.delete(f"/v1/admin/dead-letters/{seq}")).json() == {"seq": seq, "status": "discarded"}
    assert len(js.published) == published
    assert (await admin.delete(f"/v1/admin/dead-letters/{seq}")).status_code == 404


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [("get", "/v1/admin/dead-letters", None), ("get", "/v1/admin/dead-letters/1", None),
     ("post", "/v1/admin/dead-letters/1/replay", None), ("post", "/v1/admin/dead-letters/replay", {"all": True}),
     ("delete", "/v1/admin/dead-letters/1", None)],
)
async def test_nats_unreachable_is_503_with_retry_after(admin, js, bus, method, path, body):
    await store_letter(js, "a7")
    for broken in ("disconnected", "down"):
        bus.connected, js.down = broken != "disconnected", broken == "down"
        kwargs = {"json": body} if body is not None else {}
        answer = await admin.request(method.upper(), path, **kwargs)
        assert answer.status_code == 503, (broken, answer.text)
        assert answer.headers["retry-after"] and answer.json()["error"]["code"] == "unavailable"


@pytest.mark.parametrize(
    ("params_or_body", "path"),
    [({"cursor": "abc"}, "query.cursor"), ({"consumer": "Not A Token"}, "query.consumer"),
     ({"limit": 501}, "query.limit"), ({}, "body"), ({"all": True, "sequences": [1]}, "body"),
     ({"sequences": [1], "consumer": "store"}, "body"), ({"sequences": []}, "body.sequences"),
     ({"sequences": ["1"]}, "body.sequences"), ({"sequences": [2**53]}, "body.sequences"), ({"all": 1}, "body.all"),
     ({"all": True, "extra": 1}, "body.extra")],
)
async def test_invalid_requests_name_the_field(admin, params_or_body, path):
    if path.startswith("query"):
        answer = await admin.get("/v1/admin/dead-letters", params=params_or_body)
    else:
        answer = await admin.post("/v1/admin/dead-letters/replay", json=params_or_body)
    assert answer.status_code == 422, answer.text
    assert any(d["path"].startswith(path) for d in answer.json()["error"]["details"]), answer.json()


async def test_paths_that_are_not_a_sequence_are_not_routes(admin):
    not_allowed = await admin.get("/v1/admin/dead-letters/replay")  # only POST lives there
    assert not_allowed.status_code == 405
    assert (await admin.get("/v1/admin/dead-letters/abc")).status_code == 404
    assert (await admin.get("/v1/admin/dead-letters/0")).status_code == 422
