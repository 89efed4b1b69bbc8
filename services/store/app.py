"""The store service's composition root: database, consumer and query API wired in one place.

At start: open the engine; upgrade the schema when ``settings.should_migrate`` (the embedded
SQLite default; elsewhere migrations are the separate ``newsevents migrate`` step); connect
NATS, ensure the ARTICLES and DLQ streams and start the consumer (``start_consumer=False``
runs the query API alone: no NATS, readiness is the database only). At shutdown: stop the
consumer (in-flight messages finish and are acked), drain NATS, dispose of the engine.
"""

from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy import exc as sa_exc

from newsevents import __version__
from newsevents.contract import subjects
from newsevents.runtime import http
from newsevents.runtime.delivery import Consumer
from newsevents.runtime.logging import get_logger
from newsevents.runtime.metrics import Metrics
from newsevents.runtime.nats import connect
from newsevents.runtime.streams import ConsumerSpec, ensure_streams

from . import migrations
from .config import Settings
from .consumer import build_handler
from .db import Database, open_database
from .metrics import StoreMetrics
from .queries import Queries
from .repository import Repository
from .routes import build_router

SOURCE = "/newsevents/store"
log = get_logger(__name__)


def consumer_spec(settings: Settings) -> ConsumerSpec:
    return ConsumerSpec(
        stream=subjects.ARTICLES_STREAM,
        durable=subjects.STORE_CONSUMER,
        filter_subject=subjects.ARTICLES_SUBJECTS,
        ack_wait=settings.ack_wait,
        max_deliver=settings.max_deliver,
        backoff=settings.retry_backoff_seconds,
    )


def create_app(settings: Settings, *, start_consumer: bool = True) -> FastAPI:
    metrics = Metrics("store")
    store_metrics = StoreMetrics(metrics)
    parts: dict = {}

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        db = open_database(settings)
        parts["db"] = db
        consumer = nc = None
        try:
            if settings.should_migrate:
                await asyncio.to_thread(migrations.upgrade, db.engine, schema=settings.database_schema)
                log.info("store.migrated", revision=migrations.head())
            await asyncio.to_thread(db.detect_features)
            app.state.queries = Queries(db)
            if start_consumer:
                nc = parts["nc"] = await connect(settings, name="newsevents-store")
                js = nc.jetstream()
                await ensure_streams(js, settings, [subjects.ARTICLES_STREAM, subjects.DLQ_STREAM])
                handler = build_handler(Repository(db), store_metrics)
                consumer = Consumer(
                    js, consumer_spec(settings), handler, metrics, source=SOURCE, batch=settings.consumer_batch,
                    exit_before_ack=settings.fault_exit_before_ack,
                )
                await consumer.start()
            yield
        finally:
            app.state.queries = None
            if consumer is not None:
                await consumer.stop()
            if nc is not None:
                await nc.drain()
            db.dispose()

    async def readiness() -> dict[str, bool]:
        checks = {"database": await _database_ready(parts.get("db"), settings.database_timeout)}
        if start_consumer:
            nc = parts.get("nc")
            checks["nats"] = nc is not None and nc.is_connected
        return checks

    app = FastAPI(
        title="newsevents store",
        version=__version__,
        description="Stores extracted articles and events; the query API behind the public gateway.",
        lifespan=lifespan,
    )
    http.install(app, metrics, readiness)

    @app.exception_handler(sa_exc.OperationalError)
    async def _database_down(_: Request, exc: sa_exc.OperationalError) -> JSONResponse:
        log.warning("database.unavailable", error=str(exc.orig))
        return http.unavailable("the database is unavailable")

    app.include_router(build_router())
    return app


async def _database_ready(db: Database | None, timeout: float) -> bool:
    if db is None:
        return False
    try:
        return await asyncio.wait_for(asyncio.to_thread(db.ping), timeout)
    except Exception:  # noqa: BLE001 - any failure means "not ready"
        return False
