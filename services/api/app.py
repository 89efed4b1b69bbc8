"""The composition root of the api gateway: ``create_app(settings)``.

The lifespan opens one httpx client per upstream (store, ingest) and the NATS connection of
the live stream, and closes them on shutdown. Tests inject transports (an ASGI transport to a
fake store or ingest, ``httpx.MockTransport``) and a ``Feed`` instead of NATS.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from importlib.metadata import PackageNotFoundError, version

import httpx
from fastapi import FastAPI

from newsevents.runtime.http import install

from . import openapi, upstream
from .config import Settings
from .deps import Gateway, StreamSlots
from .feed import Feed, JetStreamFeed
from .metrics import ApiMetrics
from .routes import ROUTERS


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
) -> FastAPI:
    metrics = ApiMetrics()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with AsyncExitStack() as stack:

            async def open_upstream(name: str, url: str, transport: httpx.AsyncBaseTransport | None) -> upstream.Upstream:
                http = upstream.client(url, timeout=settings.upstream_timeout_seconds,
                                       connect_timeout=settings.upstream_connect_timeout_seconds, transport=transport)
                await stack.enter_async_context(http)
                return upstream.Upstream(name, http, retry_after=settings.retry_after_seconds, metrics=metrics)

            events = feed
            if events is None:
                nats_feed = JetStreamFeed(settings)
                await nats_feed.start()
                stack.push_async_callback(nats_feed.close)
                events = nats_feed
            app.state.gateway = Gateway(
                settings=settings,
                metrics=metrics,
                store=await open_upstream("store", settings.store_url, store_transport),
                ingest=await open_upstream("ingest", settings.ingest_url, ingest_transport),
                feed=events,
                slots=StreamSlots(settings.max_streams, metrics),
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

    install(app, metrics, readiness)
    for router in ROUTERS:
        app.include_router(router)
    app.openapi = openapi.builder(app)
    return app
