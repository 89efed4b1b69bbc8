"""The store service against a real nats-server (from the wheel, per test) and a real database.

ArticleExtracted messages published to the ARTICLES stream are stored by the service's own
consumer and readable through its API; a duplicate delivery does not double rows; a poison
payload is dead-lettered and the rest keeps flowing; a locked database is retried.
"""

from __future__ import annotations

import re
from contextlib import asynccontextmanager

import httpx
import nats
import pytest
import sqlalchemy as sa

from newsevents.contract import subjects
from newsevents.contract.messages import DeadLetter
from newsevents.store.app import create_app
from newsevents.store.config import Settings
from newsevents.store.repository import Repository
from tests.support import eventually
from tests.support.store_databases import postgres_schema, require_postgres
from tests.support.store_messages import corpus, later, publishable


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def settings(request, nats_url, tmp_path):
    common = {"nats_url": nats_url, "ack_wait": 5.0}
    if request.param == "sqlite":
        yield Settings(data_dir=tmp_path, **common)
        return
    url = require_postgres()
    with postgres_schema(url, migrate=False) as db:  # the service migrates it at start
        yield Settings(database_url=url, database_schema=db.schema, migrate_on_start=True, **common)


@asynccontextmanager
async def running(settings: Settings):
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://store") as client:
            client.app = app
            yield client


@asynccontextmanager
async def jetstream(url: str):
    nc = await nats.connect(url)
    try:
        yield nc.jetstream()
    finally:
        await nc.drain()


async def _publish(js, msg, **kwargs):
    subject, payload, headers = publishable(msg, **kwargs)
    ack = await js.publish(subject, payload, headers=headers, stream=subjects.ARTICLES_STREAM)
    assert not ack.duplicate
    return ack


def _metric(text: str, name: str, **labels) -> float:
    wanted = ",".join(f'{k}="{v}"' for k, v in labels.items())
    pattern = rf"^{re.escape(name)}(?:\{{{re.escape(wanted)}\}})? ([0-9.e+]+)$" if wanted else rf"^{re.escape(name)} ([0-9.e+]+)$"
    found = re.search(pattern, text, re.M)
    return float(found.group(1)) if found else 0.0


async def _total(client, path, **params) -> int:
    seen, cursor = 0, None
    while True:
        body = (await client.get(path, params={**params, "limit": 500, **({"cursor": cursor} if cursor else {})})).json()
        seen += len(body["items"])
        cursor = body["next_cursor"]
        if not cursor:
            return seen


async def test_consumes_dedupes_and_dead_letters(settings, unique):
    articles = corpus(unique)
    async with running(settings) as client, jetstream(settings.nats_url) as js:
        ready = (await client.get("/readyz")).json()
        assert ready == {"ready": True, "checks": {"database": True, "nats": True}}

        poison = b'{"article_id": "broken", "body": '
        await js.publish(subjects.article(None, f"{unique}-poison"), poison, stream=subjects.ARTICLES_STREAM)
        for article in articles.values():
            await _publish(js, article)

        async def all_stored():
            return await _total(client, "/v1/articles") == 4 and await _total(client, "/v1/events") == 8

        await eventually(all_stored, timeout=20)

        letter = await js.get_last_msg(subjects.DLQ_STREAM, subjects.dead_letter(subjects.STORE_CONSUMER))
        dead = DeadLetter.model_validate_json(letter.data)
        assert (dead.consumer, dead.data, dead.deliveries) == ("store", poison.decode(), 1)
        assert "not an ArticleExtracted" in dead.error

        # the same extraction delivered again (a new message id, so JetStream does not dedupe it)
        enshi = articles["enshi"]
        await _publish(js, enshi, message_id=f"{unique}-again")
        # an extraction whose earlier delivery committed but whose ack was lost
        lost_ack = later(articles["dazhou"], headline="达州职工篮球赛")
        Repository(client.app.state.queries.db).store(lost_ack)
        await _publish(js, lost_ack)

        async def both_seen():
            text = (await client.get("/metrics")).text
            return _metric(text, "newsevents_store_duplicates_total") == 2

        await eventually(both_seen, timeout=20)
        assert await _total(client, "/v1/articles") == 4
        assert await _total(client, "/v1/events", article=enshi.article_id) == 5
        metrics = (await client.get("/metrics")).text
        assert _metric(metrics, "newsevents_store_articles_stored_total") == 4
        assert _metric(metrics, "newsevents_store_events_stored_total") == 8
        assert _metric(metrics, "newsevents_messages_total", consumer="store", outcome="dead_lettered") == 1

        # a re-extraction through the stream replaces the article
        newer = later(enshi, headline="文明新风再拂硒都")
        await _publish(js, newer)

        async def replaced():
            detail = (await client.get(f"/v1/articles/{enshi.article_id}")).json()
            return detail["headline"] == "文明新风再拂硒都" and detail["extractor_version"] == newer.extractor_version

        await eventually(replaced, timeout=20)


async def test_a_locked_database_is_retried(nats_url, tmp_path, unique):
    settings = Settings(data_dir=tmp_path, nats_url=nats_url, sqlite_busy_timeout_ms=100)
    enshi = corpus(unique)["enshi"]
    async with running(settings) as client, jetstream(nats_url) as js:
        blocker = sa.create_engine(settings.url, isolation_level="AUTOCOMMIT")
        with blocker.connect() as conn:
            conn.exec_driver_sql("BEGIN IMMEDIATE")  # another writer holds the lock
            try:
                await _publish(js, enshi)

                async def retried():
                    text = (await client.get("/metrics")).text
                    return _metric(text, "newsevents_messages_total", consumer="store", outcome="retry") >= 1

                await eventually(retried, timeout=20)
            finally:
                conn.exec_driver_sql("ROLLBACK")
        blocker.dispose()

        async def stored():
            return (await client.get(f"/v1/articles/{enshi.article_id}")).status_code == 200

        await eventually(stored, timeout=30)
