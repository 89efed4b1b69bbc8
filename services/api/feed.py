"""Where the live stream's events come from: one ordered, ephemeral JetStream consumer per client.

``Feed.subscribe(filter_subject, after)`` starts at stream sequence ``after + 1`` (resuming a
client) or at the next new message. The consumer is ordered (the client library recreates it
from the last sequence it saw after a gap or two missed heartbeats, e.g. across a NATS restart),
lives in memory on the server, acknowledges nothing, and is deleted when the client goes away
(the server would also drop it after ``stream_consumer_inactive_seconds`` without interest).

"New messages only" is ``BY_START_SEQUENCE`` at the stream's ``last_seq + 1`` rather than
``DeliverPolicy.NEW``, and the subscription drops anything below the next sequence it owes: when
the client library recreates an ordered consumer that had not delivered anything yet, it restarts
at sequence 1, and without that floor a reconnecting NATS would replay the whole stream.

Routes and tests depend on the ``Feed``/``Subscription`` protocols; unit tests use an in-memory fake.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import nats.errors
from nats.aio.client import Client
from nats.js import JetStreamContext
from nats.js.api import ConsumerConfig, DeliverPolicy

from newsevents.contract.subjects import EVENTS_STREAM
from newsevents.runtime.errors import TransientError
from newsevents.runtime.logging import get_logger
from newsevents.runtime.nats import connect
from newsevents.runtime.streams import ensure_streams

from .config import Settings

log = get_logger(__name__)
_NATS_ERRORS = (nats.errors.Error, asyncio.TimeoutError, OSError)  # nats.js.errors.* included


@dataclass(frozen=True)
class Delivery:
    seq: int  # the stream sequence: the SSE `id:`
    data: bytes


class Subscription(Protocol):
    async def next(self, timeout: float) -> Delivery | None:
        """The next message, or ``None`` when ``timeout`` seconds pass without one."""

    async def close(self) -> None: ...


class Feed(Protocol):
    @property
    def connected(self) -> bool: ...

    async def subscribe(self, filter_subject: str, after: int | None, *, name: str = "") -> Subscription: ...


class Bus(Protocol):
    """JetStream for operator requests (dead letters, reprocessing), over the feed's connection."""

    def jetstream(self) -> JetStreamContext:
        """The JetStream context; raises ``TransientError`` while NATS is not connected."""


class NoBus:
    """A gateway built without NATS (tests with a fake feed): operator requests answer 503."""

    def jetstream(self) -> JetStreamContext:
        raise TransientError("NATS is not available to this gateway")


class JetStreamSubscription:
    def __init__(self, js: JetStreamContext, psub: JetStreamContext.PushSubscription, start: int,
                 on_close: Callable[["JetStreamSubscription"], None]) -> None:
        self._js = js
        self._psub = psub
        self._next = start  # lowest sequence still to deliver: a consumer reset never replays older ones
        self._on_close = on_close
        self._closed = False

    async def next(self, timeout: float) -> Delivery | None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while (remaining := deadline - loop.time()) > 0:
            try:
                msg = await self._psub.next_msg(timeout=remaining)
            except nats.errors.TimeoutError:
                return None
            except nats.errors.Error as exc:  # the connection closed (shutdown): the client resumes elsewhere
                raise TransientError(f"the live stream ended: {exc or type(exc).__name__}") from exc
            seq = msg.metadata.sequence.stream
            if seq >= self._next:
                self._next = seq + 1
                return Delivery(seq, msg.data)
        return None

    async def close(self) -> None:
        """Unsubscribe, then delete the consumer (best effort: the server drops it anyway). Idempotent."""
        if self._closed:
            return
        self._closed = True
        self._on_close(self)
        try:
            async with asyncio.timeout(2.0):
                name = (await self._psub.consumer_info()).name
                await self._psub.unsubscribe()
                await self._js.delete_consumer(EVENTS_STREAM, name)
        except _NATS_ERRORS as exc:
            log.info("stream.consumer_cleanup_skipped", error=str(exc) or type(exc).__name__)
            try:
                await self._psub.unsubscribe()
            except _NATS_ERRORS:
                pass


class JetStreamFeed:
    """Owns the api's NATS connection; connects in the background so reads work without NATS."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._nc: Client | None = None
        self._js: JetStreamContext | None = None
        self._task: asyncio.Task | None = None
        self._open: set[JetStreamSubscription] = set()

    async def start(self) -> None:
        self._task = asyncio.create_task(self._connect(), name="api-nats-connect")

    async def _connect(self) -> None:
        nc = await connect(self._settings, name=f"newsevents-{self._settings.service_name}")
        js = nc.jetstream()
        delay = 0.2
        while True:
            try:
                await ensure_streams(js, self._settings, [EVENTS_STREAM])
                break
            except _NATS_ERRORS as exc:  # JetStream not ready yet (e.g. a cluster electing a leader)
                log.warning("nats.streams_unavailable", error=str(exc) or type(exc).__name__, retry_in=delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 5.0)
        self._nc, self._js = nc, js
        log.info("nats.ready")

    @property
    def connected(self) -> bool:
        return self._nc is not None and self._nc.is_connected

    def jetstream(self) -> JetStreamContext:
        if self._js is None or not self.connected:
            raise TransientError("NATS is not connected; retry shortly", retry_after=self._settings.retry_after_seconds)
        return self._js

    async def subscribe(self, filter_subject: str, after: int | None, *, name: str = "") -> JetStreamSubscription:
        if self._js is None or not self.connected:
            raise TransientError("the live stream is not available yet (NATS is not connected)")
        try:
            last = (await self._js.stream_info(EVENTS_STREAM)).state.last_seq
            # An id beyond the stream's end comes from before a stream reset: start with new events.
            start = last + 1 if after is None else min(after + 1, last + 1)
            config = ConsumerConfig(
                deliver_policy=DeliverPolicy.BY_START_SEQUENCE,
                opt_start_seq=start,
                inactive_threshold=self._settings.stream_consumer_inactive_seconds,
                description=f"api stream {name}".strip(),
            )
            psub = await self._js.subscribe(filter_subject, stream=EVENTS_STREAM, ordered_consumer=True, config=config,
                                            idle_heartbeat=self._settings.stream_consumer_heartbeat_seconds)
        except _NATS_ERRORS as exc:
            raise TransientError(f"the live stream is not available: {exc or type(exc).__name__}") from exc
        sub = JetStreamSubscription(self._js, psub, start, self._open.discard)
        self._open.add(sub)
        return sub

    async def close(self) -> None:
        """Delete the consumers of streams still open (a shutdown that did not wait for them), then drain."""
        await asyncio.gather(*(sub.close() for sub in list(self._open)))
        if self._task is not None and not self._task.done():
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        if self._nc is not None and not self._nc.is_closed:
            try:
                await self._nc.drain()
            except _NATS_ERRORS as exc:
                log.warning("nats.drain_failed", error=str(exc) or type(exc).__name__)
