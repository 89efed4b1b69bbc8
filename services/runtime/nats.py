"""Connecting to NATS: reconnects forever, logs state changes, drains on shutdown."""

from __future__ import annotations

import asyncio

import nats
from nats.aio.client import Client

from .logging import get_logger
from .settings import ServiceSettings

log = get_logger(__name__)


async def connect(settings: ServiceSettings, *, name: str) -> Client:
    async def disconnected() -> None:
        log.warning("nats.disconnected")

    async def reconnected() -> None:
        log.info("nats.reconnected")

    async def error(exc: Exception) -> None:
        log.warning("nats.error", error=str(exc) or type(exc).__name__)

    delay = 0.2
    while True:
        try:
            return await _connect(settings, name, disconnected, reconnected, error)
        except (OSError, asyncio.TimeoutError, nats.errors.NoServersError) as exc:
            log.warning("nats.unreachable", servers=settings.nats_servers, error=str(exc) or type(exc).__name__, retry_in=delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 5.0)


async def _connect(settings: ServiceSettings, name: str, disconnected, reconnected, error) -> Client:
    return await nats.connect(
        servers=settings.nats_servers,
        name=name,
        max_reconnect_attempts=-1,
        reconnect_time_wait=1,
        connect_timeout=2,
        allow_reconnect=True,
        disconnected_cb=disconnected,
        reconnected_cb=reconnected,
        error_cb=error,
        pending_size=settings.max_payload_bytes * 4,
    )
