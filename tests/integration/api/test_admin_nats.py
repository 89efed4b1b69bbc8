"""/v1/admin against a real nats-server: dead letters written by the real delivery loop are listed,
shown and replayed (also through `newsevents dlq`), a replay reaches the durable consumer once,
reprocessing republishes from the INGEST stream, and NATS going away answers 503."""

from __future__ import annotations

import asyncio
from collections import Counter
from contextlib import asynccontextmanager
from datetime import date

import httpx
import nats
import pytest
from nats.js.errors import APIError

from newsevents.api.app import create_app
from newsevents.api.config import Settings
from newsevents.cli.main import main as cli
from newsevents.contract import cloudevents, ids, subjects
from newsevents.contract.http import DocumentSummary
from newsevents.contract.messages import DocumentSubmitted
from newsevents.runtime.delivery import Consumer
from newsevents.runtime.errors import PermanentError
from newsevents.runtime.metrics import Metrics
from newsevents.runtime.settings import ServiceSettings
from newsevents.runtime.streams import ConsumerSpec, ensure_streams
from tests.support import eventually
from tests.support.asgi_server import serving
from tests.unit.api.admin_fakes import DocumentStore

KEY = "integration-operator-key"
WRONG_LAST_SEQUENCE = 10071


class Extracting:
    """A durable `extract` consumer run by the real delivery loop; its handler fails on demand."""

    def __init__(self) -> None:
        self.poisoned: set[str] = set()  # permanent failure → dead letter at once
        self.flaky: set[str] = set()  # transient failure → dead letter after max_deliver
        self.done: Counter[str] = Counter()

    async def __call__(self, msg) -> None:
        doc = DocumentSubmitted.model_validate_json(msg.data)
        if doc.document_id in self.poisoned:
            raise PermanentError("unextractable (test)")
        if doc.document_id in self.flaky:
            raise ConnectionError("a dependency is down (test)")
        self.done[doc.document_id] += 1


async def submit(js, unique: str, name: str) -> tuple[str, bytes]:
    """What ingest publishes: the document on its own subject, only if that subject is empty."""
    doc_id = ids.document_id(source="t", kind="article", external_id=f"{unique}-{name}", version=None,
                             published="2024-10-10", headline=None, text=name)
    doc = DocumentSubmitted(document_id=doc_id, kind="article", source="t", published=date(2024, 10, 10),
                            text=f"{name}：甘州区举办全民健身运动会。", received_at=cloudevents.now())
    event = cloudevents.CloudEvent(id=ids.message_id("document", doc_id), type=cloudevents.DOCUMENT_SUBMITTED,
                                   source="/newsevents/ingest", subject=doc_id, time=doc.received_at, requestid="push-9")
    payload = doc.model_dump_json().encode()
    await js.publish(subjects.submitted(doc_id), payload, headers=event.headers() | {"Nats-Expected-Last-Subject-Sequence": "0"})
    return doc_id, payload


@pytest.fixture
async def js(nats_url):
    nc = await nats.connect(nats_url)
    js = nc.jetstream()
    await ensure_streams(js, ServiceSettings(nats_url=nats_url))
    yield js
    await nc.close()


@pytest.fixture
async def extracting(js):
    handler = Extracting()
    spec = ConsumerSpec(stream=subjects.INGEST_STREAM, durable=subjects.EXTRACT_CONSUMER,
                        filter_subject=subjects.INGEST_SUBJECTS, ack_wait=5, max_deliver=2, backoff=(0.2,))
    consumer = Consumer(js, spec, handler, Metrics("extract"), source="/test/extract", batch=4)
    await consumer.start()
    yield handler
    await consumer.stop()


@asynccontextmanager
async def admin_api(nats_url: str, store: DocumentStore):
    app = create_app(Settings(nats_url=nats_url, operator_keys=f"ops={KEY}", retry_after_seconds=2),
                     store_transport=httpx.ASGITransport(app=store.app))
    async with serving(app) as served, httpx.AsyncClient(base_url=served.url, headers={"x-api-key": KEY},
                                                         timeout=30) as client:
        await eventually(lambda: admin_ready(client), timeout=30)
        client.url = served.url
        yield client


async def admin_ready(client: httpx.AsyncClient) -> bool:
    return (await client.get("/v1/admin/dead-letters")).status_code == 200


async def letters(client: httpx.AsyncClient, **params) -> dict:
    return (await client.get("/v1/admin/dead-letters", params=params)).json()


async def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = await asyncio.to_thread(cli, list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


async def test_a_dead_letter_is_listed_shown_and_replayed_once(nats_url, js, extracting, unique, capsys):
    good, _ = await submit(js, unique, "good")
    extracting.poisoned.add(poison := (await submit_id(js, unique, "poison")))
    async with admin_api(nats_url, DocumentStore([])) as api:
        page = await eventually(lambda: total_is(api, 1), timeout=30)
        (item,) = page["items"]
        assert (item["consumer"], item["subject"], item["deliveries"]) == ("extract", subjects.submitted(poison), 1)
        assert item["error"] == "unextractable (test)" and extracting.done[good] == 1  # the rest kept flowing

        code, out, err = await run_cli(capsys, "dlq", "list", "--api", api.url, "--api-key", KEY)
        assert code == 0 and str(item["seq"]) in out and "extract" in out and "1 of 1 dead letter" in err
        detail = (await api.get(f"/v1/admin/dead-letters/{item['seq']}")).json()
        assert detail["headers"]["Nats-Expected-Last-Subject-Sequence"] == "0"  # JetStream kept ingest's condition
        code, out, _ = await run_cli(capsys, "dlq", "show", str(item["seq"]), "--api", api.url, "--api-key", KEY)
        assert code == 0 and "unextractable (test)" in out and "全民健身运动会" in out

        extracting.poisoned.clear()  # the cause is fixed: replay
        code, out, err = await run_cli(capsys, "dlq", "replay", str(item["seq"]), "--api", api.url, "--api-key", KEY)
        assert code == 0 and "replayed 1, not found 0, failed 0" in err
        await eventually(lambda: extracting.done[poison] == 1, timeout=30)
        again = await js.get_last_msg(subjects.INGEST_STREAM, subjects.submitted(poison))
        assert again.headers["Nats-Msg-Id"] == f"{item['message_id']}.replay.{item['seq']}"
        assert "Nats-Expected-Last-Subject-Sequence" not in again.headers
        assert (await letters(api))["total"] == 0

        replayed_twice = await api.post(f"/v1/admin/dead-letters/{item['seq']}/replay")
        assert replayed_twice.status_code == 404
        code, _, err = await run_cli(capsys, "dlq", "replay", str(item["seq"]), "--api", api.url, "--api-key", KEY)
        assert code == 1 and "not found 1" in err
        await asyncio.sleep(0.5)  # a wrongly repeated replay would be consumed by now
        assert extracting.done[poison] == 1

        with pytest.raises(APIError) as refused:  # ingest's duplicate check still holds after a replay
            await submit(js, unique, "poison")
        assert refused.value.err_code == WRONG_LAST_SEQUENCE


async def submit_id(js, unique: str, name: str) -> str:
    return (await submit(js, unique, name))[0]


async def total_is(api: httpx.AsyncClient, count: int, **params) -> dict | None:
    page = await letters(api, **params)
    return page if page["total"] == count else None


async def test_replay_all_leaves_what_fails_again_for_later(nats_url, js, extracting, unique, capsys):
    async with admin_api(nats_url, DocumentStore([])) as api:
        extracting.flaky.add(flaky := await submit_id(js, unique, "flaky"))
        extracting.poisoned.add(poison := await submit_id(js, unique, "poison"))
        page = await eventually(lambda: total_is(api, 2, consumer="extract"), timeout=30)
        deliveries = {i["subject"]: i["deliveries"] for i in page["items"]}
        assert deliveries == {subjects.submitted(flaky): 2, subjects.submitted(poison): 1}

        extracting.flaky.clear()  # the dependency is back; the poison is still poison
        code, out, err = await run_cli(capsys, "dlq", "replay", "--all", "--consumer", "extract", "--api", api.url,
                                       "--api-key", KEY, "--json")
        assert code == 0 and "\"replayed\": 2" in out, (out, err)
        await eventually(lambda: extracting.done[flaky] == 1, timeout=30)
        (left,) = (await eventually(lambda: total_is(api, 1), timeout=30))["items"]
        assert left["subject"] == subjects.submitted(poison) and ".replay." in left["message_id"]


async def test_reprocess_republishes_stored_documents_from_the_ingest_stream(nats_url, js, extracting, unique, capsys):
    stored = [await submit_id(js, unique, f"doc{i}") for i in range(3)]
    gone = "f" * 24  # stored, but its message has left the stream
    await eventually(lambda: all(extracting.done[d] == 1 for d in stored), timeout=30)
    store = DocumentStore([DocumentSummary(id=d, kind="article", source="t", published=date(2024, 10, 10), article_count=1,
                                           extractor_version="v1", extracted_at=cloudevents.now()) for d in [*stored, gone]])
    async with admin_api(nats_url, store) as api:
        code, out, _ = await run_cli(capsys, "reprocess", "--since", "2024-10-01", "--source", "t", "--api", api.url,
                                     "--api-key", KEY)
        assert code == 0 and "4 documents, republished 3, not in the stream any more 1, failed 0" in out
        assert f"not found: {gone}" in out and store.queries[0]["since"] == "2024-10-01"
        await eventually(lambda: all(extracting.done[d] == 2 for d in stored), timeout=30)
        last = await js.get_last_msg(subjects.INGEST_STREAM, subjects.submitted(stored[0]))
        assert ".reprocess." in last.headers["Nats-Msg-Id"] and "Nats-Expected-Last-Subject-Sequence" not in last.headers


async def test_nats_down_answers_503_and_recovers(nats_server, nats_url, js, unique):
    async with admin_api(nats_url, DocumentStore([])) as api:
        nats_server.stop()
        for method, path, body in (("GET", "/v1/admin/dead-letters", None), ("POST", "/v1/admin/dead-letters/1/replay", None),
                                   ("POST", "/v1/admin/reprocess", {})):
            answer = await eventually(lambda m=method, p=path, b=body: unavailable(api, m, p, b), timeout=30)
            assert answer.headers["retry-after"] == "2"
        nats_server.start()
        await eventually(lambda: admin_ready(api), timeout=30)


async def unavailable(api: httpx.AsyncClient, method: str, path: str, body) -> httpx.Response | None:
    answer = await api.request(method, path, json=body)
    return answer if answer.status_code == 503 else None


async def test_the_edges_of_the_sequence_space_are_answered_plainly(nats_url, js):
    biggest = 2**53 - 1
    async with admin_api(nats_url, DocumentStore([])) as api:
        assert (await api.get(f"/v1/admin/dead-letters/{biggest}")).status_code == 404
        assert (await api.post(f"/v1/admin/dead-letters/{biggest}/replay")).status_code == 404
        assert (await api.get(f"/v1/admin/dead-letters/{biggest + 1}")).status_code == 422
        page = await letters(api, cursor=str(10**19 - 1))
        assert page == {"items": [], "next_cursor": None, "total": 0}
        batch = (await api.post("/v1/admin/dead-letters/replay", json={"sequences": [1, biggest]})).json()
        assert batch["not_found"] == 2
