"""The composition root of the api gateway: ``create_app(settings)``.

The lifespan opens one httpx client per upstream (store, ingest) and the NATS connection of
the live stream (also used by the operator routes), and closes them on shutdown. Tests inject
transports (an ASGI transport to a fake store or ingest, ``httpx.MockTransport``), a ``Feed``
instead of NATS and a ``Bus`` for the operator routes.

Keys: the read routes depend on ``auth.require_reader`` (open unless read keys are set), the
admin routes on ``auth.require_operator``; pushes carry their keys to ingest.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from importlib.metadata import PackageNotFoundError, version

import httpx
from fastapi import Depends, FastAPI

from newsevents.runtime.http import install
from newsevents.runtime.logging import get_logger

from . import openapi, upstream
from .auth import Keys, require_reader
from .config import Settings
from .deps import Gateway, StreamSlots
from .feed import Bus, Feed, JetStreamFeed, NoBus
from .metrics import ApiMetrics
from .routes import ADMIN, PUSH, READ

log = get_logger(__name__)


def _version() -> str:
    try:
        return version("newsevents")
    except PackageNotFoundError:
        return "0.0.0"


def create_app(
    settings: Settings,
    *,
    store_transport: httpx.AsyncBaseTransport | None = None,
    ingest_transport: httpx.AsyncBaseTransport | None = None,
    feed: Feed | None = None,
    bus: Bus | None = None,
) -> FastAPI:
    metrics = ApiMetrics()
    keys = Keys(settings, metrics)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with AsyncExitStack() as stack:

            async def open_upstream(name: str, url: str, transport: httpx.AsyncBaseTransport | None) -> upstream.Upstream:
                http = upstream.client(url, timeout=settings.upstream_timeout_seconds,
                                       connect_timeout=settings.upstream_connect_timeout_seconds, transport=transport)
                await stack.enter_async_context(http)
                return upstream.Upstream(name, http, retry_after=settings.retry_after_seconds, metrics=metrics)

            events, jetstream = feed, bus
            if events is None:
                nats_feed = JetStreamFeed(settings)
                await nats_feed.start()
                stack.push_async_callback(nats_feed.close)
                events, jetstream = nats_feed, bus or nats_feed
            if not keys.operators_configured:
                log.warning("admin.disabled", reason="NEWSEVENTS_OPERATOR_KEYS is not set: /v1/admin/… refuses everyone")
            app.state.gateway = Gateway(
                settings=settings,
                metrics=metrics,
                store=await open_upstream("store", settings.store_url, store_transport),
                ingest=await open_upstream("ingest", settings.ingest_url, ingest_transport),
                feed=events,
                slots=StreamSlots(settings.max_streams, metrics),
                bus=jetstream or NoBus(),
            )
            yield

    app = FastAPI(
        title="newsevents API",
        version=_version(),
        description=openapi.DESCRIPTION,
        openapi_tags=openapi.TAGS,
        lifespan=lifespan,
    )

    async def readiness() -> dict[str, bool]:
        gateway: Gateway = app.state.gateway
        budget = settings.readiness_timeout_seconds
        ingest_ok, store_ok = await asyncio.gather(gateway.ingest.ready(budget), gateway.store.ready(budget))
        return {"nats": gateway.feed.connected, "ingest": ingest_ok, "store": store_ok}

    app.state.keys = keys
    install(app, metrics, readiness)
    for router in PUSH + ADMIN:
        app.include_router(router)
    for router in READ:
        app.include_router(router, dependencies=[Depends(require_reader)])
    app.openapi = openapi.builder(app)
    return app
