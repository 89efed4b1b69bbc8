"""The gateway wired to fakes: a fake store and ingest over ASGI transports, an in-memory feed."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from newsevents.api.app import create_app
from newsevents.api.config import Settings
from tests.unit.api.admin_fakes import FakeBus, FakeJetStream
from tests.unit.api.fakes import SECRET, FakeFeed, FakeIngest, FakeStore
from tests.unit.api.harness import running


@pytest.fixture
def js() -> FakeJetStream:
    """An in-memory JetStream for the admin routes (dead letters, reprocess)."""
    return FakeJetStream()


@pytest.fixture
def bus(js) -> FakeBus:
    return FakeBus(js)


@pytest.fixture
def store() -> FakeStore:
    return FakeStore()


@pytest.fixture
def ingest() -> FakeIngest:
    return FakeIngest(superdesk_secret=SECRET)


@pytest.fixture
def feed() -> FakeFeed:
    return FakeFeed()


@pytest.fixture
def settings() -> Settings:
    return Settings(heartbeat_seconds=15, max_streams=3, retry_after_seconds=4)


@pytest.fixture
def app(settings, store, ingest, feed):
    return create_app(settings, store_transport=httpx.ASGITransport(app=store.app),
                      ingest_transport=httpx.ASGITransport(app=ingest.app), feed=feed)


@pytest.fixture
async def api(app) -> AsyncIterator[httpx.AsyncClient]:
    async with running(app) as client:
        yield client
