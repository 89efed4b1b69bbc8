"""What routes depend on, built by the lifespan of ``create_app`` and read from ``app.state``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from .config import Settings
from .feed import Bus, Feed
from .metrics import ApiMetrics
from .upstream import Upstream


class StreamSlots:
    """A cap on concurrent live streams (one process: a plain counter is enough)."""

    def __init__(self, limit: int, metrics: ApiMetrics) -> None:
        self.limit = limit
        self.open = 0
        self._gauge = metrics.streams_active

    def acquire(self) -> bool:
        if self.open >= self.limit:
            return False
        self.open += 1
        self._gauge.set(self.open)
        return True

    def release(self) -> None:
        self.open -= 1
        self._gauge.set(self.open)


@dataclass(frozen=True)
class Gateway:
    settings: Settings
    metrics: ApiMetrics
    store: Upstream
    ingest: Upstream
    feed: Feed
    slots: StreamSlots
    bus: Bus  # JetStream for operator requests


def _gateway(request: Request) -> Gateway:
    return request.app.state.gateway


GatewayDep = Annotated[Gateway, Depends(_gateway)]


def _store(request: Request) -> Upstream:
    return request.app.state.gateway.store


def _ingest(request: Request) -> Upstream:
    return request.app.state.gateway.ingest


StoreDep = Annotated[Upstream, Depends(_store)]
IngestDep = Annotated[Upstream, Depends(_ingest)]
