"""What operators see: every service's ``/metrics`` after real traffic, and ``/readyz``.

Every service a process (the launcher's pipeline), a real nats-server, SQLite. Traffic is made to
move each metric of the shared list: accepted, duplicate and rejected pushes (by reason), extracted
and stored articles, dead letters (a poison message on each consumer's stream), redeliveries and
consumer lag (the store's database held locked while articles arrive: attempts fail and are retried,
deliveries pile up, then all is stored once the lock goes), processing latency, HTTP requests.
Last, NATS goes away: every ``/readyz`` answers 503, pushes 503 with ``Retry-After``; NATS comes
back on the same port and store: every ``/readyz`` answers 200 and pushing works again.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import uuid

import httpx
import nats
import pytest
from prometheus_client.parser import text_string_to_metric_families

from newsevents.launcher.bench_corpus import variations
from newsevents.launcher.pipeline import Pipeline
from tests.support import eventually
from tests.support.observe import ascrape, metric, settled

pytestmark = pytest.mark.timeout(240)

SERVICES = ("ingest", "extract", "store", "api")
SHARED = ["newsevents_http_requests", "newsevents_http_request_seconds", "newsevents_messages",
          "newsevents_message_seconds", "newsevents_redelivered", "newsevents_dead_lettered",
          "newsevents_consumer_pending", "newsevents_consumer_ack_pending"]
OWN = {
    "ingest": ["newsevents_ingest_accepted", "newsevents_ingest_duplicates", "newsevents_ingest_rejected",
               "newsevents_ingest_unavailable"],
    "extract": ["newsevents_extract_articles", "newsevents_extract_events", "newsevents_extract_seconds"],
    "store": ["newsevents_store_articles_stored", "newsevents_store_articles_replaced",
              "newsevents_store_stale_ignored", "newsevents_store_duplicates", "newsevents_store_events_stored"],
    "api": ["newsevents_api_upstream_failures", "newsevents_api_streams_active"],
}
J = {"content-type": "application/json"}
NDJSON = {"content-type": "application/x-ndjson"}


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory):
    # a writer waits 0.1 s for a locked database (then the attempt fails and is retried), not 10 s
    service_env = {"store": {"NEWSEVENTS_SQLITE_BUSY_TIMEOUT_MS": "100"}}
    with Pipeline(tmp_path_factory.mktemp("metrics"), api_port=0, service_env=service_env) as running:
        yield running


def article(**fields) -> dict:
    return {"source": "张掖日报", "external_id": uuid.uuid4().hex, "published": "2024-10-10",
            "headline": "甘州区举办全民健身运动会",
            "body": "10月9日，甘肃省张掖市甘州区举办2024年全民健身运动会，全区2000余名群众参加。"} | fields


class Metrics:
    """The text of every service's /metrics; ``value(service, name, **labels)`` sums its samples."""

    def __init__(self, pipeline: Pipeline) -> None:
        self.urls = {name: pipeline.services[name][0].url for name in SERVICES}
        self.texts: dict[str, str] = {}

    async def read(self) -> "Metrics":
        texts = await asyncio.gather(*(ascrape(url) for url in self.urls.values()))
        self.texts = dict(zip(self.urls, texts))
        return self

    def value(self, service: str, name: str, **labels: str) -> float:
        return metric(self.texts[service], name, **labels)

    def count(self, service: str, name: str, **labels: str) -> float:
        """Observations of a histogram."""
        return metric(self.texts[service], f"{name}_count", **labels)

    def since(self, earlier: "Metrics", service: str, name: str, **labels: str) -> float:
        """How much a counter moved since ``earlier``."""
        return self.value(service, name, **labels) - earlier.value(service, name, **labels)


async def scraped(pipeline) -> Metrics:
    return await Metrics(pipeline).read()


async def test_every_listed_metric_is_exported_by_its_service(pipeline):
    m = await scraped(pipeline)
    for service in SERVICES:
        exported = {family.name for family in text_string_to_metric_families(m.texts[service])}
        assert set(SHARED + OWN[service]) <= exported, (service, set(SHARED + OWN[service]) - exported)


async def test_pushes_accepted_duplicate_and_rejected_by_reason(pipeline):
    before = await scraped(pipeline)
    item = article()
    async with httpx.AsyncClient(base_url=pipeline.api_url, timeout=30) as client:
        assert (await client.post("/v1/articles", json=item)).status_code == 201
        assert (await client.post("/v1/articles", json=item)).status_code == 200
        assert (await client.post("/v1/articles", json=item | {"published": "2024-02-30"})).status_code == 422
        assert (await client.post("/v1/articles", content=b"{", headers=J)).status_code == 400
        assert (await client.post("/v1/articles", content=b"\xff", headers=J)).status_code == 400
        assert (await client.post("/v1/articles", json=item, headers={"content-type": "text/plain"})).status_code == 415
        batch = "\n".join(json.dumps(article(), ensure_ascii=False) for _ in range(3)) + "\n{}"
        answer = await client.post("/v1/articles/batch", content=batch.encode(), headers=NDJSON)
        assert (answer.json()["accepted"], answer.json()["rejected"]) == (3, 1)
    after = await scraped(pipeline)

    def delta(service, name, **labels):
        return after.value(service, name, **labels) - before.value(service, name, **labels)

    assert delta("ingest", "newsevents_ingest_accepted", via="json", kind="article") == 1
    assert delta("ingest", "newsevents_ingest_accepted", via="batch", kind="article") == 3
    assert delta("ingest", "newsevents_ingest_duplicates", via="json", kind="article") == 1
    assert delta("ingest", "newsevents_ingest_rejected", reason="validation_error") == 2  # one single, one batch line
    assert delta("ingest", "newsevents_ingest_rejected", reason="invalid_json") == 1
    assert delta("ingest", "newsevents_ingest_rejected", reason="invalid_encoding") == 1
    assert delta("ingest", "newsevents_ingest_rejected", reason="unsupported_media_type") == 1
    for service in ("api", "ingest"):
        assert delta(service, "newsevents_http_requests", route="/v1/articles", method="POST", status="201") == 1
        assert delta(service, "newsevents_http_requests", route="/v1/articles", method="POST", status="400") == 2
        assert after.count(service, "newsevents_http_request_seconds", route="/v1/articles") > 0


async def test_extracted_and_stored_with_processing_latency(pipeline):
    before = await scraped(pipeline)
    async with httpx.AsyncClient(base_url=pipeline.api_url, timeout=30) as client:
        assert (await client.post("/v1/articles", json=article())).status_code == 201
    await eventually(lambda: settled(pipeline.nats.url), timeout=60, interval=0.2)

    async def moved():
        after = await scraped(pipeline)
        return after if after.value("store", "newsevents_store_articles_stored") > before.value(
            "store", "newsevents_store_articles_stored") else None

    after = await eventually(moved, timeout=30, interval=0.2)
    for service, consumer in (("extract", "extract"), ("store", "store")):
        assert after.value(service, "newsevents_messages", consumer=consumer, outcome="ok") > before.value(
            service, "newsevents_messages", consumer=consumer, outcome="ok")
        assert after.count(service, "newsevents_message_seconds", consumer=consumer) > before.count(
            service, "newsevents_message_seconds", consumer=consumer)
    assert after.since(before, "extract", "newsevents_extract_articles") > 0
    assert after.since(before, "extract", "newsevents_extract_events") > 0
    assert after.count("extract", "newsevents_extract_seconds") > before.count("extract", "newsevents_extract_seconds")
    assert after.since(before, "store", "newsevents_store_events_stored") > 0


async def test_dead_letters_are_counted_per_consumer(pipeline):
    before = await scraped(pipeline)
    nc = await nats.connect(pipeline.nats.url)
    try:
        js = nc.jetstream()
        poison = uuid.uuid4().hex[:24]
        await js.publish(f"ingest.documents.{poison}", b'{"not": "a document"}')
        await js.publish(f"articles.000000.000000.{poison}", b"\x00 not an article")
    finally:
        await nc.close()

    async def counted():
        after = await scraped(pipeline)
        done = all(after.value(s, "newsevents_dead_lettered", consumer=s) > before.value(s, "newsevents_dead_lettered",
                                                                                         consumer=s)
                   for s in ("extract", "store"))
        return after if done else None

    after = await eventually(counted, timeout=30, interval=0.2)
    for service in ("extract", "store"):
        assert after.value(service, "newsevents_messages", consumer=service, outcome="dead_lettered") == before.value(
            service, "newsevents_messages", consumer=service, outcome="dead_lettered") + 1


async def test_redeliveries_and_consumer_lag_while_the_database_is_locked(pipeline):
    """64 deliveries may be unacknowledged at once (the store's max_ack_pending): with 100 articles
    arriving while every write fails, 64 wait for their retry and the rest wait undelivered (lag)."""
    before = await scraped(pipeline)
    items = variations(100, seed=int(uuid.uuid4().int % 10_000), source=f"lag-{uuid.uuid4().hex[:8]}")
    lock = sqlite3.connect(pipeline.database_url.removeprefix("sqlite:///"), isolation_level=None)
    try:
        lock.execute("BEGIN IMMEDIATE")  # the store's writes now fail after its 0.1 s busy timeout
        async with httpx.AsyncClient(base_url=pipeline.api_url, timeout=60) as client:
            body = "\n".join(json.dumps(i, ensure_ascii=False) for i in items).encode()
            answer = await client.post("/v1/articles/batch", content=body, headers=NDJSON)
            assert answer.json()["accepted"] == 100, answer.text

        async def backed_up():
            m = await scraped(pipeline)
            return m if (m.value("store", "newsevents_consumer_pending", consumer="store") > 0
                         and m.value("store", "newsevents_consumer_ack_pending", consumer="store") > 0
                         and m.value("store", "newsevents_messages", consumer="store", outcome="retry")
                         > before.value("store", "newsevents_messages", consumer="store", outcome="retry")) else None

        locked = await eventually(backed_up, timeout=30, interval=0.25)  # the lag gauges refresh every 5 s
        assert locked.value("store", "newsevents_consumer_ack_pending", consumer="store") <= 64
    finally:
        lock.execute("ROLLBACK")
        lock.close()

    async def caught_up():
        m = await scraped(pipeline)
        stored = m.since(before, "store", "newsevents_store_articles_stored")
        lag = m.value("store", "newsevents_consumer_pending", consumer="store")
        unacked = m.value("store", "newsevents_consumer_ack_pending", consumer="store")
        return m if stored >= 100 and lag == 0 and unacked == 0 else None

    after = await eventually(caught_up, timeout=90, interval=0.5)
    assert after.value("store", "newsevents_redelivered", consumer="store") > before.value(
        "store", "newsevents_redelivered", consumer="store")
    assert after.value("store", "newsevents_dead_lettered", consumer="store") == before.value(
        "store", "newsevents_dead_lettered", consumer="store")  # retried, not given up on
    assert after.value("store", "newsevents_store_articles_stored") - before.value(
        "store", "newsevents_store_articles_stored") == 100  # each once


async def test_readyz_while_nats_is_down_and_after(pipeline):
    urls = {name: pipeline.services[name][0].url for name in SERVICES}

    async def readiness(client) -> dict[str, int]:
        return {name: (await client.get(f"{url}/readyz")).status_code for name, url in urls.items()}

    async with httpx.AsyncClient(timeout=10) as client:
        assert await readiness(client) == dict.fromkeys(SERVICES, 200)
        before = await scraped(pipeline)
        pipeline.nats.stop()
        try:
            await eventually(lambda: _all(readiness(client), 503), timeout=30, interval=0.2)
            down = await client.post(f"{pipeline.api_url}/v1/articles", json=article())
            assert down.status_code == 503 and int(down.headers["retry-after"]) >= 1, down.text
            body = (await client.get(f"{urls['extract']}/readyz")).json()
            assert body == {"ready": False, "checks": {"nats": False, "extractor": True}}
        finally:
            pipeline.nats.start()  # the same port and JetStream store
        await eventually(lambda: _all(readiness(client), 200), timeout=60, interval=0.2)
        after = await scraped(pipeline)
        assert after.since(before, "ingest", "newsevents_ingest_unavailable") == 1
        again = await client.post(f"{pipeline.api_url}/v1/articles", json=article())
        assert again.status_code == 201, again.text

        async def stored():
            found = await client.get(f"{pipeline.api_url}/v1/articles", params={"document": again.json()["id"]})
            return found.json()["items"]

        await eventually(stored, timeout=60, interval=0.3)  # extract and store consume again


async def _all(statuses, status: int) -> bool:
    return set((await statuses).values()) == {status}
