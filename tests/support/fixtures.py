"""Pytest fixtures for real parts: a nats-server from the wheel per test, databases."""

from __future__ import annotations

import os
import uuid

import pytest

from newsevents.launcher.nats_server import NatsServer


@pytest.fixture
def nats_server(tmp_path):
    """A fresh nats-server with JetStream on a free port (never 4222), stopped after the test."""
    server = NatsServer(tmp_path / "nats", log_file=tmp_path / "nats.log").start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def nats_url(nats_server) -> str:
    return nats_server.url


@pytest.fixture
def unique() -> str:
    return uuid.uuid4().hex[:12]


def postgres_url() -> str | None:
    """The PostgreSQL URL to test against, or None (then Postgres cases skip)."""
    return os.environ.get("NEWSEVENTS_TEST_POSTGRES") or None
