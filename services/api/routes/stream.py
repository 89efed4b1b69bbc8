"""``GET /v1/stream``: new events live, as Server-Sent Events.

Per client: a slot under the cap, then an ordered JetStream consumer filtered on the server by
type, province and city; the remaining filters run on each message (``filters.EventMatcher``).
The consumer and the slot are released when the response ends, however it ends.
"""

from __future__ import annotations

import time
from typing import Annotated

from fastapi import APIRouter, Header, Query, Request, Response

from newsevents.contract.subjects import event_filter
from newsevents.runtime.errors import TransientError
from newsevents.runtime.http import HttpError, request_id
from newsevents.runtime.logging import get_logger

from .. import examples
from ..deps import GatewayDep
from ..filters import EventMatcher
from ..openapi import errors
from ..queries import StreamQuery
from ..responses import ClosingStreamingResponse
from ..sse import HEADERS, MEDIA_TYPE, StreamTally, event_stream

router = APIRouter(tags=["stream"])
log = get_logger(__name__)


class EventStreamResponse(ClosingStreamingResponse):
    media_type = MEDIA_TYPE


_STREAM_DOC = {
    200: {
        "description": "`event: event` frames whose `id` is the event's stream sequence and whose `data` is an "
        "`EventExtracted` message (JSON); comment heartbeats when idle",
        "content": {MEDIA_TYPE: {"schema": {"type": "string"}, "example": examples.SSE}},
    },
    **errors(422, 503),
}


@router.get(
    "/v1/stream",
    response_class=EventStreamResponse,
    summary="new events live (Server-Sent Events)",
    description="The filters of `GET /v1/events` (without time and article). Without `Last-Event-ID` the stream "
    "starts with the next new event; with it, right after that event (older events than the stream keeps are "
    "skipped). `503` when too many streams are open or the event bus is unreachable.",
    responses=_STREAM_DOC,
)
async def stream_events(
    request: Request,
    query: Annotated[StreamQuery, Query()],
    gateway: GatewayDep,
    last_event_id: Annotated[
        int | None, Header(alias="Last-Event-ID", ge=0, description="sent by EventSource clients when they reconnect")
    ] = None,
) -> Response:
    after = last_event_id if last_event_id is not None else query.last_event_id
    subject = event_filter(query.type, query.region)
    metrics, slots = gateway.metrics, gateway.slots
    if not slots.acquire():
        metrics.streams_refused.labels("cap").inc()
        raise HttpError(503, "too many open streams; retry later",
                        headers={"Retry-After": str(round(gateway.settings.retry_after_seconds))})
    try:
        sub = await gateway.feed.subscribe(subject, after, name=request_id(request) or "")
    except TransientError:
        slots.release()
        metrics.streams_refused.labels("unavailable").inc()
        raise
    tally, started = StreamTally(), time.monotonic()

    async def close() -> None:
        slots.release()
        await sub.close()
        log.info("stream.closed", subject=subject, after=after, sent=tally.sent, filtered=tally.filtered,
                 invalid=tally.invalid, last_id=tally.last_id, seconds=round(time.monotonic() - started, 1))

    frames = event_stream(
        sub, EventMatcher.of(query), heartbeat=gateway.settings.heartbeat_seconds,
        retry_ms=gateway.settings.stream_retry_ms, tally=tally, on_sent=metrics.stream_events.inc,
        stopping=request.app.state.stopping,
    )
    return EventStreamResponse(frames, on_close=close, headers=HEADERS)
