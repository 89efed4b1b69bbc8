"""Fakes for the operator routes: an in-memory JetStream, a ``Bus`` over it, the store's document list.

Streams capture subjects by pattern; sequences grow per stream; ``Nats-Msg-Id`` deduplicates;
``Nats-Expected-Last-Subject-Sequence`` is enforced; ``get_msg`` answers by sequence, last by
subject, or next by subject filter; deleted messages are gone. ``down = True`` makes every call
fail as a lost connection does. The integration tests run the same routes on a real nats-server.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import SimpleNamespace

import nats.errors
from fastapi import FastAPI, Request, Response
from nats.js.api import PubAck, RawStreamMsg
from nats.js.errors import APIError, NotFoundError

from newsevents.contract import cloudevents, subjects
from newsevents.contract.http import DocumentSummary, Page
from newsevents.contract.messages import DeadLetter
from newsevents.runtime.errors import TransientError
from tests.unit.api.fakes import subject_matches


@dataclass
class FakeStream:
    name: str
    pattern: str
    messages: dict[int, RawStreamMsg] = field(default_factory=dict)
    last_seq: int = 0
    ids: set[str] = field(default_factory=set)


class FakeJetStream:
    def __init__(self) -> None:
        self.streams = {
            name: FakeStream(name, pattern)
            for name, pattern in ((subjects.INGEST_STREAM, subjects.INGEST_SUBJECTS),
                                  (subjects.ARTICLES_STREAM, subjects.ARTICLES_SUBJECTS),
                                  (subjects.DLQ_STREAM, subjects.DLQ_SUBJECTS))
        }
        self.down = False
        self.published: list[RawStreamMsg] = []  # every accepted publish, in order
        self.on_publish: Callable[[RawStreamMsg], None] | None = None  # e.g. a consumer failing again

    def _check(self) -> None:
        if self.down:
            raise nats.errors.ConnectionClosedError()

    async def publish(self, subject: str, payload: bytes = b"", timeout: float | None = None,
                      stream: str | None = None, headers: dict[str, str] | None = None) -> PubAck:
        self._check()
        target = next((s for s in self.streams.values() if subject_matches(s.pattern, subject)), None)
        if target is None:
            raise nats.errors.NoRespondersError()
        headers = dict(headers or {})
        msg_id = headers.get(cloudevents.MSG_ID_HEADER)
        if msg_id and msg_id in target.ids:
            return PubAck(stream=target.name, seq=target.last_seq, duplicate=True)
        expected = headers.get("Nats-Expected-Last-Subject-Sequence")
        if expected is not None:
            last = max((m.seq for m in target.messages.values() if m.subject == subject), default=0)
            if int(expected) != last:
                raise APIError(code=400, err_code=10071, description="wrong last sequence")
        target.last_seq += 1
        raw = RawStreamMsg(subject=subject, seq=target.last_seq, data=payload, headers=headers or None,
                           stream=target.name, time=datetime.now(UTC))
        target.messages[raw.seq] = raw
        if msg_id:
            target.ids.add(msg_id)
        self.published.append(raw)
        if self.on_publish is not None:
            self.on_publish(raw)
        return PubAck(stream=target.name, seq=raw.seq)

    async def get_msg(self, stream_name: str, seq: int | None = None, subject: str | None = None,
                      direct: bool | None = False, next: bool | None = False) -> RawStreamMsg:
        self._check()
        stream = self._stream(stream_name)
        ordered = sorted(stream.messages.values(), key=lambda m: m.seq)
        if next:
            found = [m for m in ordered if m.seq >= (seq or 1) and (subject is None or subject_matches(subject, m.subject))]
        elif subject is not None:
            found = [m for m in ordered if m.subject == subject][-1:]
        else:
            found = [m for m in ordered if m.seq == seq]
        if not found:
            raise NotFoundError(code=404, err_code=10037, description="no message found")
        return found[0]

    async def delete_msg(self, stream_name: str, seq: int) -> bool:
        self._check()
        stream = self._stream(stream_name)
        if stream.messages.pop(seq, None) is None:
            raise NotFoundError(code=404, err_code=10057, description="no message found")
        return True

    async def stream_info(self, name: str, subjects_filter: str | None = None):
        self._check()
        stream = self._stream(name)
        counts: dict[str, int] = {}
        for m in stream.messages.values():
            if subjects_filter and subject_matches(subjects_filter, m.subject):
                counts[m.subject] = counts.get(m.subject, 0) + 1
        state = SimpleNamespace(messages=len(stream.messages), last_seq=stream.last_seq,
                                subjects=counts if subjects_filter else None)
        return SimpleNamespace(state=state)

    def _stream(self, name: str) -> FakeStream:
        if name not in self.streams:
            raise NotFoundError(code=404, err_code=10059, description="stream not found")
        return self.streams[name]

    # ---- helpers for tests ------------------------------------------------------------------------

    def messages(self, stream: str) -> list[RawStreamMsg]:
        return sorted(self.streams[stream].messages.values(), key=lambda m: m.seq)

    async def dead_letter(self, consumer: str, subject: str, data: bytes, headers: dict[str, str], *,
                          error: str = "TransientError: database unavailable", stream_sequence: int = 1) -> int:
        """A record as the delivery loop writes it; returns its DLQ sequence."""
        letter = DeadLetter(consumer=consumer, subject=subject, stream_sequence=stream_sequence, deliveries=5,
                            error=error, headers=headers, data=data.decode(), failed_at=cloudevents.now())
        ack = await self.publish(subjects.dead_letter(consumer), letter.model_dump_json().encode())
        return ack.seq


@dataclass
class FakeBus:
    js: FakeJetStream
    connected: bool = True

    def jetstream(self) -> FakeJetStream:
        if not self.connected:
            raise TransientError("NATS is not connected; retry shortly")
        return self.js


class DocumentStore:
    """The store's ``GET /v1/documents``, two per page whatever the limit (so paging is exercised)."""

    def __init__(self, documents: list[DocumentSummary]) -> None:
        self.documents = documents
        self.queries: list[dict[str, str]] = []
        self.failing = False
        self.app = FastAPI()

        @self.app.get("/v1/documents")
        async def documents(request: Request) -> Response:
            query = dict(request.query_params)
            self.queries.append(query)
            if self.failing:
                return Response("boom", status_code=500)
            start = int(query.get("cursor", 0))
            page = Page[DocumentSummary](items=self.documents[start:start + 2],
                                         next_cursor=str(start + 2) if start + 2 < len(self.documents) else None)
            return Response(page.model_dump_json(), media_type="application/json")
