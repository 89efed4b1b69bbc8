"""The ingest service's composition root."""

from __future__ import annotations

from contextlib import asynccontextmanager

from fastapi import FastAPI

from newsevents import __version__
from newsevents.contract import subjects
from newsevents.runtime import http
from newsevents.runtime.metrics import Metrics
from newsevents.runtime.nats import connect
from newsevents.runtime.streams import ensure_streams

from .auth import PushAuth
from .config import Settings
from .intake import Intake
from .metrics import IngestMetrics
from .publisher import Publisher
from .routes import build_router


def create_app(settings: Settings) -> FastAPI:
    metrics = Metrics("ingest")
    ingest_metrics = IngestMetrics(metrics)
    publisher = Publisher(timeout=settings.publish_timeout)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        nc = await connect(settings, name="newsevents-ingest")
        await ensure_streams(nc.jetstream(), settings, [subjects.INGEST_STREAM])
        publisher.attach(nc)
        try:
            yield
        finally:
            await nc.drain()

    async def readiness() -> dict[str, bool]:
        return {"nats": publisher.nc is not None and publisher.nc.is_connected}

    app = FastAPI(
        title="newsevents ingest",
        version=__version__,
        description="Validates, deduplicates and publishes pushed articles and pages to NATS JetStream.",
        lifespan=lifespan,
    )
    http.install(app, metrics, readiness)
    app.include_router(build_router(settings, Intake(publisher, ingest_metrics), PushAuth(settings), ingest_metrics))
    return app
