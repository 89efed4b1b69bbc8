"""Delivery under faults, with every part real: the services as processes (the launcher `newsevents
up` uses), nats-server from the wheel, SQLite and PostgreSQL (when NEWSEVENTS_TEST_POSTGRES is set;
behind a TCP proxy the tests can cut).

Each test breaks something while items flow through the api — a service killed with SIGKILL, the
store stopped between its commit and its ack, nats-server killed, the database gone, a poison
message, a SIGTERM — and ends with the same check (tests/support/exactly_once.py): every item the
api answered 201/200 is stored exactly once, with all its articles and events, nothing twice, none
dead-lettered. One pipeline per database serves the whole module (each test pushes under sources
of its own; services a test restarted with other settings are brought back after it).
"""

from __future__ import annotations

import asyncio

import httpx
import nats
import pytest

from newsevents.contract import cloudevents, subjects
from newsevents.contract.messages import ArticleExtracted
from newsevents.ingest.intake import to_message, validate_push
from newsevents.runtime.delivery import FAULT_EXIT_CODE
from tests.support import eventually
from tests.support.exactly_once import stored_exactly_once
from tests.support.fault_pipeline import (
    Stage,
    articles,
    database_outage,
    fault_pipeline,
    pages,
    poison_article,
    store_database,
)
from tests.support.observe import RssSampler, ascrape, consumer_info, dead_letters, metric, mib
from tests.support.pushing import Pusher

pytestmark = pytest.mark.timeout(240)

# extract fetches 8 documents at a time, so a kill finds several delivered and unacknowledged
SHARED = {"extract": {"NEWSEVENTS_FETCH_BATCH": "8"}}
EXTRACT = (subjects.INGEST_STREAM, subjects.EXTRACT_CONSUMER)
STORE = (subjects.ARTICLES_STREAM, subjects.STORE_CONSUMER)


def _stage(kind: str, tmp_path_factory):
    tmp = tmp_path_factory.mktemp(f"faults-{kind}")
    with store_database(kind, tmp, proxy=True) as database, fault_pipeline(tmp, database, service_env=SHARED) as pipeline:
        yield Stage(pipeline, database)


@pytest.fixture(scope="module")
def sqlite_stage(tmp_path_factory):
    yield from _stage("sqlite", tmp_path_factory)


@pytest.fixture(scope="module")
def postgres_stage(tmp_path_factory):
    yield from _stage("postgres", tmp_path_factory)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def stage(request):
    """The module's pipeline on SQLite, and on PostgreSQL; healed after the test."""
    running = request.getfixturevalue(f"{request.param}_stage")
    yield running
    running.heal()


@pytest.fixture
def sqlite(sqlite_stage):
    yield sqlite_stage
    sqlite_stage.heal()


def mixed(source: str, seed: int, n_articles: int, n_pages: int) -> list[dict]:
    return articles(n_articles, source=source, seed=seed) + pages(n_pages, source=f"{source}-pages", seed=seed)


async def test_store_exits_between_its_commit_and_its_ack(stage, unique):
    """The fault injection ends the store right after its 5th commit, before the ack: JetStream
    redelivers that article to the restarted store, which recognises it (a duplicate, nothing written)."""
    store = await asyncio.to_thread(stage.restart, "store", NEWSEVENTS_FAULT_EXIT_BEFORE_ACK="5")
    async with Pusher(stage.pipeline.api_url) as pusher:
        await pusher.push_all(mixed(f"commit-{unique}", 11, 24, 4))
    await eventually(lambda: not store.running, timeout=30)
    assert store.process.returncode == FAULT_EXIT_CODE
    restarted = await asyncio.to_thread(stage.restart, "store", NEWSEVENTS_FAULT_EXIT_BEFORE_ACK=None)
    await stored_exactly_once(stage.nats_url, stage.database, pusher.accepted_ids())
    figures = await ascrape(restarted.url)
    assert pusher.count(201) == 28
    assert metric(figures, "newsevents_redelivered", consumer="store") >= 1
    assert metric(figures, "newsevents_store_duplicates") >= 1  # committed before the exit: recognised, not rewritten


async def test_extract_killed_in_the_middle_of_a_batch(sqlite, unique):
    """SIGKILL while documents are delivered to extract and not yet acknowledged (some of their
    outputs possibly published): they come back after ack_wait; the republished outputs carry
    the same message ids, so nothing doubles."""
    async with Pusher(sqlite.pipeline.api_url) as pusher:
        pushing = asyncio.create_task(pusher.push_all(mixed(f"extract-{unique}", 12, 60, 30), rate=60))
        in_flight = await wait_in_flight(sqlite.nats_url, *EXTRACT)
        await asyncio.to_thread(sqlite.pipeline.kill, "extract")
        restarted = await asyncio.to_thread(sqlite.restart, "extract")
        await pushing
    await stored_exactly_once(sqlite.nats_url, sqlite.database, pusher.accepted_ids())
    figures = await ascrape(restarted.url)
    assert in_flight.num_ack_pending >= 2
    assert pusher.count(201) == 90
    assert metric(figures, "newsevents_redelivered", consumer="extract") >= 1


async def test_ingest_killed_with_requests_in_flight(sqlite, unique):
    """Clients meet 503s and broken connections while ingest is down and retry them; an item
    JetStream took just before the kill is answered 200 (duplicate) on the retry, never stored twice."""
    async with Pusher(sqlite.pipeline.api_url, concurrency=24) as pusher:
        pushing = asyncio.create_task(pusher.push_all(mixed(f"ingest-{unique}", 13, 200, 20)))
        await eventually(lambda: pusher.count(201) >= 40, timeout=30)
        await asyncio.to_thread(sqlite.pipeline.kill, "ingest")
        await eventually(lambda: pusher.statuses[503] >= 5, timeout=30)  # clients are turned away meanwhile
        await asyncio.to_thread(sqlite.restart, "ingest")
        await pushing
    await stored_exactly_once(sqlite.nats_url, sqlite.database, pusher.accepted_ids())
    assert not pusher.refused() and len(pusher.accepted_ids()) == 220
    assert all(retry_after for retry_after in pusher.retry_after_seen)


async def test_nats_server_killed_and_restarted(sqlite, unique):
    """nats-server gets SIGKILL while items flow and starts again on the same port with its
    JetStream store on disk: the services reconnect, their consumers resume, nothing is lost."""
    nats_server = sqlite.pipeline.nats
    async with Pusher(sqlite.pipeline.api_url) as pusher:
        pushing = asyncio.create_task(pusher.push_all(mixed(f"nats-{unique}", 14, 120, 20), rate=50))
        await eventually(lambda: pusher.count(201) >= 40, timeout=30)
        nats_server.kill()
        await eventually(lambda: pusher.statuses[503] >= 1, timeout=30)
        await asyncio.to_thread(nats_server.start)
        await pushing
    await stored_exactly_once(sqlite.nats_url, sqlite.database, pusher.accepted_ids(), timeout=120)
    assert not pusher.refused() and len(pusher.accepted_ids()) == 140


async def test_database_unavailable_for_a_while(stage, unique):
    """While the database is gone (SQLite write-locked by the test; PostgreSQL's proxy cut) the store
    fails its writes, naks them with backoff and acknowledges nothing; having failed two articles
    in a row it waits longer before each next try, so the backlog stays in JetStream instead of
    using up its attempts. Pushing and extraction go on meanwhile; afterwards the store catches up."""
    store = (await asyncio.to_thread(
        stage.restart, "store", NEWSEVENTS_SQLITE_BUSY_TIMEOUT_MS="200", NEWSEVENTS_DATABASE_TIMEOUT="1")).url
    async with Pusher(stage.pipeline.api_url) as pusher:
        await pusher.push_all(mixed(f"before-{unique}", 15, 10, 2))
        await stored_exactly_once(stage.nats_url, stage.database, pusher.accepted_ids())
        with database_outage(stage.database):
            pushing = asyncio.create_task(pusher.push_all(mixed(f"during-{unique}", 16, 60, 10), rate=40))
            await eventually(lambda: store_outcomes(store, "retry", at_least=2), timeout=30)
            before = await consumer_info(stage.nats_url, *STORE)
            acked_before = await store_outcomes(store, "ok")
            await pushing  # answered 201 all along: ingest and extract do not need the database
            await eventually(lambda: extract_idle(stage.nats_url), timeout=30)
            await eventually(lambda: store_outcomes(store, "retry", at_least=4), timeout=30)
            during = await consumer_info(stage.nats_url, *STORE)
            acked_during = await store_outcomes(store, "ok")
            tried = await store_outcomes(store, "retry")
            readiness = await get_status(store, "/readyz")
        await stored_exactly_once(stage.nats_url, stage.database, pusher.accepted_ids())
    assert pusher.count(201) == 82 and not pusher.refused()
    assert during.ack_floor.stream_seq == before.ack_floor.stream_seq and acked_during == acked_before  # nothing acked
    assert during.num_pending >= 60 and tried <= 12  # the backlog waits untouched in the stream
    assert readiness == (503 if stage.database.kind == "postgres" else 200)  # a write-locked SQLite still reads


async def test_poison_is_dead_lettered_after_max_deliver_and_the_rest_flows(stage, unique):
    """One article the database refuses with a transient-looking error every time: the store tries
    it max_deliver (3) times, then records it on dlq.store with its error, subject, headers and
    payload. A malformed document published straight onto an ingest subject is dead-lettered by
    extract at once (permanent). Everything else is stored, exactly once."""
    source = f"poison-{unique}"
    poison = articles(1, source=f"{source}-poison", seed=99)[0]  # a source of its own: its letter is expected
    poison_id = to_message(validate_push(poison)).document_id
    rogue_subject = subjects.submitted(f"rogue{unique}")
    poison_article(stage.database, poison_id)
    store = await asyncio.to_thread(stage.restart, "store", NEWSEVENTS_MAX_DELIVER="3")
    async with Pusher(stage.pipeline.api_url) as pusher:
        await pusher.push_all(articles(15, source=source, seed=18))
        assert (await pusher.push(poison)).id == poison_id
        await pusher.push_all(articles(15, source=source, seed=19) + pages(4, source=source, seed=19))
    nc = await nats.connect(stage.nats_url)
    await nc.jetstream().publish(rogue_subject, b'{"document_id": 42}',
                                 headers={"ce-id": f"rogue-{unique}", "ce-requestid": f"req-{unique}"})
    await nc.close()
    letters = await eventually(lambda: dead_letters_of(stage.nats_url, poison_id, rogue_subject), timeout=60)
    good = {k: v for k, v in pusher.accepted_ids().items() if k != poison_id}
    stored = await stored_exactly_once(stage.nats_url, stage.database, good)
    store_figures = await ascrape(store.url)
    assert poison_id not in stored.documents
    dead, rogue = letters
    assert dead.consumer == "store" and dead.deliveries == 3
    assert dead.subject.startswith("articles.") and dead.subject.endswith(f".{poison_id}")
    assert ("integer overflow" if stage.database.kind == "sqlite" else "poisoned article") in dead.error
    assert dead.headers["ce-type"] == cloudevents.ARTICLE_EXTRACTED
    assert dead.headers["Nats-Msg-Id"] == dead.headers["ce-id"]
    assert ArticleExtracted.model_validate_json(dead.data).article_id == poison_id
    assert rogue.consumer == "extract" and rogue.deliveries == 1 and "not a DocumentSubmitted" in rogue.error
    assert rogue.headers["ce-requestid"] == f"req-{unique}"
    assert metric(store_figures, "newsevents_dead_lettered", consumer="store") == 1
    assert metric(store_figures, "newsevents_messages", consumer="store", outcome="retry") == 2


async def test_sigterm_finishes_in_flight_work_and_nothing_is_redelivered(sqlite, unique):
    """SIGTERM to store, then extract, each while it has deliveries in flight: each finishes and
    acknowledges what it holds, drains its connection and exits 0, leaving nothing delivered and
    unacknowledged; after a restart no message comes a second time."""
    async with Pusher(sqlite.pipeline.api_url) as pusher:
        pushing = asyncio.create_task(pusher.push_all(mixed(f"sigterm-{unique}", 20, 150, 30), rate=60))
        stopped = {}
        for name, consumer in (("store", STORE), ("extract", EXTRACT)):
            in_flight = await wait_in_flight(sqlite.nats_url, *consumer, at_least=1)
            code = await asyncio.to_thread(sqlite.pipeline.terminate, name)
            after = await consumer_info(sqlite.nats_url, *consumer)
            stopped[name] = (in_flight.num_ack_pending, code, after.num_ack_pending)
        restarted = [await asyncio.to_thread(sqlite.restart, name) for name in ("store", "extract")]
        await pushing
    await stored_exactly_once(sqlite.nats_url, sqlite.database, pusher.accepted_ids())
    figures = {proc.name: await ascrape(proc.url) for proc in restarted}
    for name, (held, code, left) in stopped.items():
        assert held >= 1 and code == 0 and left == 0, (name, held, code, left)
    for name, text in figures.items():
        assert metric(text, "newsevents_messages", consumer=name, outcome="ok") > 0
        assert metric(text, "newsevents_redelivered", consumer=name) == 0, name


async def test_store_stopped_extract_and_ingest_memory_stays_bounded(sqlite, unique, record_property):
    """With the store down, articles keep coming: ingest answers 201 and extract keeps extracting,
    the backlog waiting in JetStream (on disk), not in their memory. Their RSS is sampled throughout."""
    pipeline = sqlite.pipeline
    await asyncio.to_thread(pipeline.terminate, "store")
    pids = {name: pipeline.process(name).pid for name in ("extract", "ingest")}
    async with Pusher(pipeline.api_url, concurrency=32) as pusher:
        await pusher.push_all(articles(60, source=f"warm-{unique}", seed=21))  # warm: models, pools, caches
        await eventually(lambda: extract_idle(sqlite.nats_url), timeout=60)
        held_before = (await consumer_info(sqlite.nats_url, *STORE)).num_pending
        with RssSampler(pids) as rss:
            baseline = {name: rss.samples[name][0] for name in pids}
            await pusher.push_all(mixed(f"flood-{unique}", 22, 700, 40), rate=200)
            await eventually(lambda: extract_idle(sqlite.nats_url), timeout=90)
    backlog = (await consumer_info(sqlite.nats_url, *STORE)).num_pending - held_before
    await asyncio.to_thread(sqlite.restart, "store")
    await stored_exactly_once(sqlite.nats_url, sqlite.database, pusher.accepted_ids(), timeout=120)
    growth = {name: rss.peak[name] - baseline[name] for name in pids}
    record_property("memory", f"store down: RSS at start {({k: mib(v) for k, v in baseline.items()})} MiB, "
                    f"peak growth {({k: mib(v) for k, v in growth.items()})} MiB over {pusher.count(201)} items "
                    f"pushed, {backlog} articles held in JetStream")
    assert pusher.count(201) == 800 and backlog >= 740
    assert growth["extract"] < 48 * 2**20 and growth["ingest"] < 32 * 2**20


# ---- helpers ----


async def wait_in_flight(nats_url: str, stream: str, durable: str, *, at_least: int = 2, timeout: float = 30.0):
    """Consumer info at a moment when ``at_least`` messages are delivered and not yet acknowledged."""
    nc = await nats.connect(nats_url)
    try:
        js = nc.jetstream()

        async def busy():
            info = await js.consumer_info(stream, durable)
            return info if info.num_ack_pending >= at_least else None

        return await eventually(busy, timeout=timeout, interval=0.01)
    finally:
        await nc.close()


async def store_outcomes(url: str, outcome: str, *, at_least: int = 0) -> float | None:
    """The store's count of messages with ``outcome``; with ``at_least``, None until it is reached."""
    count = metric(await ascrape(url), "newsevents_messages", consumer="store", outcome=outcome)
    return count if count >= at_least else None


async def get_status(url: str, path: str) -> int:
    async with httpx.AsyncClient(timeout=5) as client:
        return (await client.get(f"{url}{path}")).status_code


async def dead_letters_of(nats_url: str, article_id: str, subject: str):
    """The dead letters of one article and of one subject, once both are there."""
    found = await dead_letters(nats_url)
    article = [d for d in found if d.subject.endswith(f".{article_id}")]
    other = [d for d in found if d.subject == subject]
    return (article[0], other[0]) if article and other else None


async def extract_idle(nats_url: str) -> bool:
    info = await consumer_info(nats_url, *EXTRACT)
    return info.num_pending == 0 and info.num_ack_pending == 0
