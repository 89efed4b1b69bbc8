"""Back-pressure at the front door: a full INGEST stream (NEWSEVENTS_STREAM_MAX_BYTES) refuses new
documents, and ingest answers 503 with Retry-After instead of buffering them or dropping accepted
ones; everything answered 201 is in the stream. Against a real nats-server."""

from __future__ import annotations

import httpx
import nats
from nats.js.api import DiscardPolicy

from newsevents.contract import subjects
from newsevents.ingest.app import create_app
from newsevents.ingest.config import Settings
from newsevents.runtime.settings import ServiceSettings
from newsevents.runtime.streams import ensure_streams
from tests.support.fault_pipeline import articles
from tests.support.observe import metric, stream_info

LIMIT = 24_000


async def test_a_full_ingest_stream_answers_503_with_retry_after(nats_url, unique):
    app = create_app(Settings(nats_url=nats_url, stream_max_bytes=LIMIT))
    items = articles(60, source=f"full-{unique}", seed=5)  # ~1 kB each: the stream fills after about 20
    answers = []
    async with app.router.lifespan_context(app), httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://ingest") as client:
        for item in items:
            answers.append(await client.post("/v1/articles", json=item))
        again = await client.post("/v1/articles", json=items[0])  # accepted before: still answered as such
        figures = (await client.get("/metrics")).text
    accepted = [r.json()["id"] for r in answers if r.status_code == 201]
    refused = [r for r in answers if r.status_code == 503]
    assert len(accepted) >= 5 and len(refused) >= 10 and len(accepted) + len(refused) == len(items)
    assert answers.index(refused[0]) == len(accepted)  # refused once full, and from then on
    assert all(int(r.headers["retry-after"]) >= 1 and r.json()["error"]["code"] == "unavailable" for r in refused)
    assert again.status_code == 200 and again.json()["duplicate"] is True
    assert metric(figures, "newsevents_ingest_unavailable") == len(refused)
    info = await stream_info(nats_url, subjects.INGEST_STREAM)
    assert info.config.max_bytes == LIMIT and info.config.discard == DiscardPolicy.NEW
    assert info.state.bytes <= LIMIT and info.state.messages == len(accepted)  # nothing accepted was dropped
    nc = await nats.connect(nats_url)
    try:
        for doc_id in accepted:
            await nc.jetstream().get_msg(subjects.INGEST_STREAM, subject=subjects.submitted(doc_id))
    finally:
        await nc.close()


async def test_the_limit_reaches_existing_streams_and_leaves_them_again(nats_url):
    nc = await nats.connect(nats_url)
    js = nc.jetstream()
    try:
        await ensure_streams(js, ServiceSettings(nats_url=nats_url))
        await ensure_streams(js, ServiceSettings(nats_url=nats_url, stream_max_bytes=10_000_000))
        limited = {name: (await js.stream_info(name)).config for name in
                   (subjects.INGEST_STREAM, subjects.ARTICLES_STREAM, subjects.EVENTS_STREAM, subjects.DLQ_STREAM)}
        await ensure_streams(js, ServiceSettings(nats_url=nats_url))
        unlimited = (await js.stream_info(subjects.INGEST_STREAM)).config
    finally:
        await nc.close()
    for name in (subjects.INGEST_STREAM, subjects.ARTICLES_STREAM, subjects.EVENTS_STREAM):
        assert (limited[name].max_bytes, limited[name].discard) == (10_000_000, DiscardPolicy.NEW)
    assert limited[subjects.DLQ_STREAM].max_bytes in (None, -1)  # dead letters are never refused
    assert unlimited.max_bytes in (None, -1) and unlimited.discard == DiscardPolicy.OLD
