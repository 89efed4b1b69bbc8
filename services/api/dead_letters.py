"""Dead letters: reading NEWSEVENTS_DLQ, and replaying a record to the subject it failed on.

A dead letter is a ``DeadLetter`` record on ``dlq.<consumer>`` (written by the delivery loop).
Its id here is its sequence in NEWSEVENTS_DLQ. Lists walk the stream by sequence, oldest first,
with JetStream's "next message for this subject filter" (``get_msg(next=True)``).

A replay publishes the original payload and headers to the original subject with a fresh
``ce-id``/``Nats-Msg-Id`` (``<original ce-id>.replay.<dlq seq>``) and without ``Nats-Expected-…``
headers (an ingest message carries ``Nats-Expected-Last-Subject-Sequence: 0``, which would now
refuse it); the durable consumer picks it up. Then the record is deleted, so a dead letter is
replayed at most once. If the deletion fails after the publish, replaying again publishes the same
message id, which JetStream drops as a duplicate within its window.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Protocol, TypeVar

import nats.errors
from nats.js.api import RawStreamMsg, StreamInfo
from nats.js.errors import NotFoundError
from pydantic import ValidationError

from newsevents.contract import cloudevents, subjects
from newsevents.contract.http import (
    DeadLetterDetail,
    DeadLetterPage,
    DeadLetterSummary,
    ReplayBatchResult,
    ReplayResult,
)
from newsevents.contract.messages import DeadLetter
from newsevents.runtime.errors import TransientError
from newsevents.runtime.logging import get_logger

from .metrics import ApiMetrics

log = get_logger(__name__)
T = TypeVar("T")
NATS_ERRORS = (nats.errors.Error, asyncio.TimeoutError, OSError)  # nats.js.errors.* included


class JetStreamApi(Protocol):
    """What the operator modules use of ``nats.js.JetStreamContext`` (tests provide a fake)."""

    async def get_msg(self, stream_name: str, seq: int | None = None, subject: str | None = None,
                      direct: bool | None = False, next: bool | None = False) -> RawStreamMsg: ...

    async def publish(self, subject: str, payload: bytes = b"", timeout: float | None = None,
                      stream: str | None = None, headers: dict[str, str] | None = None): ...

    async def delete_msg(self, stream_name: str, seq: int) -> bool: ...

    async def stream_info(self, name: str, subjects_filter: str | None = None) -> StreamInfo: ...


async def nats_call(call: Awaitable[T], what: str, retry_after: float = 1.0) -> T:
    """Await a JetStream request; a connection or server failure becomes ``TransientError`` (503)."""
    try:
        return await call
    except NotFoundError:
        raise
    except NATS_ERRORS as exc:
        raise TransientError(f"NATS did not answer ({what}): {type(exc).__name__} {exc}".strip(),
                             retry_after=retry_after) from exc


def header(headers: dict[str, str] | None, name: str) -> str | None:
    """A header by case-insensitive name, percent-decoded (CloudEvents binary mode)."""
    for key, value in (headers or {}).items():
        if key.lower() == name:
            return cloudevents.decode(value)
    return None


def republished_headers(original: dict[str, str] | None, message_id: str) -> dict[str, str]:
    """The original headers with a fresh ``ce-id``/``Nats-Msg-Id`` and no other ``Nats-*`` header."""
    kept = {k: v for k, v in (original or {}).items() if not k.lower().startswith("nats-") and k.lower() != "ce-id"}
    encoded = cloudevents.encode(message_id)
    return kept | {"ce-id": encoded, cloudevents.MSG_ID_HEADER: encoded}


def _filter(consumer: str | None) -> str:
    return subjects.dead_letter(consumer) if consumer else subjects.DLQ_SUBJECTS


def _summary_fields(raw: RawStreamMsg) -> dict:
    """The record's fields; a record that is not a ``DeadLetter`` still lists (and never replays)."""
    try:
        letter = DeadLetter.model_validate_json(raw.data or b"")
    except ValidationError:
        consumer = (raw.subject or "").removeprefix("dlq.")
        return {"seq": raw.seq, "consumer": consumer, "subject": "", "stream_sequence": 0, "deliveries": 0,
                "error": "not a dead-letter record", "failed_at": raw.time or cloudevents.now(), "headers": {},
                "data": (raw.data or b"").decode("utf-8", errors="replace")}
    return {
        "seq": raw.seq, "consumer": letter.consumer, "subject": letter.subject, "stream_sequence": letter.stream_sequence,
        "deliveries": letter.deliveries, "error": letter.error, "failed_at": letter.failed_at,
        "message_id": header(letter.headers, "ce-id"), "type": header(letter.headers, "ce-type"),
        "headers": letter.headers, "data": letter.data,
    }


class DeadLetters:
    def __init__(self, js: JetStreamApi, metrics: ApiMetrics, *, concurrency: int = 16, operator: str | None = None,
                 retry_after: float = 1.0) -> None:
        self.js = js
        self.metrics = metrics
        self.concurrency = concurrency
        self.operator = operator  # the operator key's name, for the log
        self.retry_after = retry_after  # of a 503

    async def _nats(self, call: Awaitable[T], what: str) -> T:
        return await nats_call(call, what, self.retry_after)

    # ---- reading ---------------------------------------------------------------------------------

    async def page(self, *, consumer: str | None, after: int, limit: int) -> DeadLetterPage:
        """Up to ``limit`` dead letters with a sequence above ``after``, oldest first."""
        found = [raw async for raw in self._walk(_filter(consumer), after + 1, limit + 1)]
        total = await self._total(consumer)
        more = len(found) > limit
        items = [DeadLetterSummary.model_validate(_summary_fields(raw)) for raw in found[:limit]]
        return DeadLetterPage(items=items, next_cursor=str(items[-1].seq) if more else None, total=total)

    async def get(self, seq: int) -> DeadLetterDetail | None:
        raw = await self._record(seq)
        return DeadLetterDetail.model_validate(_summary_fields(raw)) if raw is not None else None

    async def _walk(self, subject_filter: str, start: int, count: int, *, last: int | None = None):
        seq = max(start, 1)
        for _ in range(count):
            try:
                raw = await self._nats(self.js.get_msg(subjects.DLQ_STREAM, seq=seq, subject=subject_filter, next=True),
                                       "reading dead letters")
            except NotFoundError:  # past the end (or no DLQ stream yet)
                return
            if last is not None and raw.seq > last:
                return
            yield raw
            seq = raw.seq + 1

    async def _record(self, seq: int) -> RawStreamMsg | None:
        try:
            raw = await self._nats(self.js.get_msg(subjects.DLQ_STREAM, seq=seq), "reading a dead letter")
        except NotFoundError:
            return None
        return raw if (raw.subject or "").startswith("dlq.") else None

    async def _total(self, consumer: str | None) -> int:
        try:
            info = await self._nats(self.js.stream_info(subjects.DLQ_STREAM, subjects_filter=_filter(consumer)),
                                    "counting dead letters")
        except NotFoundError:
            return 0
        if consumer is None:
            return info.state.messages
        return sum((info.state.subjects or {}).values())

    async def discard(self, seq: int) -> bool:
        """Delete a dead letter without replaying it; False when there is none with this ``seq``."""
        raw = await self._record(seq)
        if raw is None:
            return False
        try:
            await self._nats(self.js.delete_msg(subjects.DLQ_STREAM, seq), "discarding a dead letter")
        except NotFoundError:
            return False
        log.info("dead_letter.discarded", seq=seq, consumer=(raw.subject or "").removeprefix("dlq."),
                 operator=self.operator)
        return True

    # ---- replaying -------------------------------------------------------------------------------

    async def replay(self, seq: int) -> ReplayResult:
        """Replay one dead letter; ``not_found`` when there is none with this ``seq`` (any more)."""
        raw = await self._record(seq)
        if raw is None:
            return ReplayResult(seq=seq, status="not_found")
        fields = _summary_fields(raw)
        if not fields["subject"]:
            return ReplayResult(seq=seq, status="failed", consumer=fields["consumer"], error="not a dead-letter record")
        original = fields["message_id"] or f"{fields['consumer']}.{fields['stream_sequence']}"
        message_id = f"{original}.replay.{seq}"
        result = ReplayResult(seq=seq, status="replayed", consumer=fields["consumer"], subject=fields["subject"],
                              message_id=message_id)
        await self._nats(self.js.publish(fields["subject"], fields["data"].encode("utf-8"),
                                         headers=republished_headers(fields["headers"], message_id)),
                         "publishing the replay")
        try:
            await self._nats(self.js.delete_msg(subjects.DLQ_STREAM, seq), "deleting the replayed dead letter")
        except NotFoundError:
            pass  # a concurrent replay deleted it; its publish had the same message id (deduplicated)
        self.metrics.dead_letters_replayed.labels(fields["consumer"]).inc()
        log.info("dead_letter.replayed", seq=seq, consumer=fields["consumer"], subject=fields["subject"],
                 original_id=fields["message_id"], message_id=message_id, deliveries=fields["deliveries"],
                 operator=self.operator)
        return result

    async def replay_many(self, seqs: list[int]) -> ReplayBatchResult:
        return await self._batch(seqs)

    async def replay_all(self, consumer: str | None) -> ReplayBatchResult:
        """Every dead letter (of ``consumer``) present now: records written while replaying (a replay
        that failed again) wait for the next request instead of being replayed in a loop."""
        try:
            last = (await self._nats(self.js.stream_info(subjects.DLQ_STREAM), "reading the DLQ")).state.last_seq
        except NotFoundError:
            return ReplayBatchResult(replayed=0, not_found=0, failed=0, items=[])
        seqs = [raw.seq async for raw in self._walk(_filter(consumer), 1, last, last=last)]
        return await self._batch(seqs)

    async def _batch(self, seqs: list[int]) -> ReplayBatchResult:
        items = await bounded(seqs, self._replay_or_failure, self.concurrency)
        count = {status: sum(1 for i in items if i.status == status) for status in ("replayed", "not_found", "failed")}
        return ReplayBatchResult(**count, items=items)

    async def _replay_or_failure(self, seq: int) -> ReplayResult:
        try:
            return await self.replay(seq)
        except TransientError as exc:
            return ReplayResult(seq=seq, status="failed", error=str(exc))


async def bounded(values: list, work: Callable[[T], Awaitable], limit: int) -> list:
    """``work`` over ``values`` with at most ``limit`` in flight, results in order."""
    gate = asyncio.Semaphore(limit)

    async def one(value):
        async with gate:
            return await work(value)

    return list(await asyncio.gather(*(one(v) for v in values)))
