"""Server-Sent Events: the frames, and the loop that turns a subscription into them.

Each event is ``event: event`` / ``id: <stream sequence>`` / ``data: <EventExtracted JSON>``;
a client resumes with ``Last-Event-ID`` and gets exactly the events after that sequence. When
nothing was written for ``heartbeat`` seconds (no event, or only events the filters dropped)
a comment line keeps proxies and clients from timing the connection out.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

from pydantic import ValidationError

from newsevents.contract.messages import EventExtracted
from newsevents.runtime.errors import TransientError
from newsevents.runtime.logging import get_logger

from .feed import Subscription

log = get_logger(__name__)

MEDIA_TYPE = "text/event-stream"
HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}  # no proxy buffering (nginx)
HEARTBEAT = b": heartbeat\n\n"


def event_frame(seq: int, data: bytes) -> bytes:
    """One SSE event; the payload is JSON, so any CR/LF in it is whitespace and becomes a space."""
    line = data.replace(b"\r", b" ").replace(b"\n", b" ")
    return b"event: event\nid: %d\ndata: %s\n\n" % (seq, line)


def retry_frame(retry_ms: int) -> bytes:
    return b"retry: %d\n\n" % retry_ms


STOP_CHECK_SECONDS = 1.0


@dataclass
class StreamTally:
    """What one stream did, for its summary log line and the metrics."""

    sent: int = 0
    filtered: int = 0
    invalid: int = 0
    last_id: int | None = None


async def event_stream(
    sub: Subscription,
    match: Callable[[EventExtracted], bool],
    *,
    heartbeat: float,
    retry_ms: int,
    tally: StreamTally,
    on_sent: Callable[[], None] = lambda: None,
    stopping: asyncio.Event | None = None,
) -> AsyncIterator[bytes]:
    """Frames until the client goes, the feed ends, or the process stops (within a second)."""
    yield retry_frame(retry_ms)
    last_write = time.monotonic()
    while stopping is None or not stopping.is_set():
        idle = time.monotonic() - last_write
        if idle >= heartbeat:
            yield HEARTBEAT
            last_write = time.monotonic()
            continue
        try:
            delivery = await sub.next(min(heartbeat - idle, STOP_CHECK_SECONDS))
        except TransientError as exc:  # the feed went away: end the response, the client resumes with its last id
            log.info("stream.feed_ended", error=str(exc))
            return
        if delivery is None:
            continue
        try:
            event = EventExtracted.model_validate_json(delivery.data)
        except ValidationError as exc:
            tally.invalid += 1
            log.warning("stream.invalid_message", seq=delivery.seq, error=str(exc.errors()[0].get("msg")))
            continue
        if not match(event):
            tally.filtered += 1
            continue
        yield event_frame(delivery.seq, delivery.data)
        tally.sent += 1
        tally.last_id = delivery.seq
        on_sent()
        last_write = time.monotonic()
