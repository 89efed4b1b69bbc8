"""The extract service's composition root: a durable pull consumer on NEWSEVENTS_INGEST."""

from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI

from newsevents import __version__
from newsevents.contract import subjects
from newsevents.runtime import http
from newsevents.runtime.delivery import Consumer
from newsevents.runtime.logging import get_logger
from newsevents.runtime.metrics import Metrics
from newsevents.runtime.nats import connect
from newsevents.runtime.streams import ConsumerSpec, ensure_streams

from .config import Settings
from .handler import ExtractHandler
from .metrics import ExtractMetrics

log = get_logger(__name__)


def consumer_spec(settings: Settings) -> ConsumerSpec:
    return ConsumerSpec(
        stream=subjects.INGEST_STREAM,
        durable=subjects.EXTRACT_CONSUMER,
        filter_subject=subjects.INGEST_SUBJECTS,
        ack_wait=settings.ack_wait_seconds,
        max_deliver=settings.max_deliver,
        max_ack_pending=settings.max_ack_pending,
        backoff=settings.retry_backoff_seconds,
    )


def create_app(settings: Settings, *, extractor=None) -> FastAPI:
    """``extractor``: anything with ``extract(text, published=, kind=, headline=)`` and ``version``
    (tests pass a fake); by default the real engine, loaded once at start."""
    metrics = Metrics("extract")
    extract_metrics = ExtractMetrics(metrics)
    state: dict = {}

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        nonlocal extractor
        if extractor is None:
            from newsevents.extract.engine import Extractor  # heavy: the name model loads here, once

            extractor = await asyncio.to_thread(Extractor, settings.taxonomy)
        log.info("extractor.loaded", version=extractor.version)
        nc = await connect(settings, name="newsevents-extract")
        js = nc.jetstream()
        await ensure_streams(js, settings)
        handler = ExtractHandler(
            extractor, js, extract_metrics, workers=settings.workers, publish_timeout=settings.publish_timeout
        )
        consumer = Consumer(
            js, consumer_spec(settings), handler, metrics, source="/newsevents/extract",
            batch=settings.fetch_batch, workers=settings.workers, exit_before_ack=settings.fault_exit_before_ack,
        )
        await consumer.start()
        state.update(nc=nc, extractor=extractor)
        try:
            yield
        finally:
            await consumer.stop()  # in-flight documents finish and are acknowledged
            handler.close()
            await nc.drain()

    async def readiness() -> dict[str, bool]:
        nc = state.get("nc")
        return {"nats": bool(nc and nc.is_connected), "extractor": "extractor" in state}

    app = FastAPI(
        title="newsevents extract",
        version=__version__,
        description="Consumes submitted documents, extracts articles and events, publishes them.",
        lifespan=lifespan,
    )
    http.install(app, metrics, readiness)
    return app
