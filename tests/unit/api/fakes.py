"""Fakes of what stands behind the gateway: the store's and ingest's HTTP APIs (small ASGI apps
serving the same endpoints) and the live event feed (in memory, JetStream's semantics).
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
from dataclasses import dataclass, field

from fastapi import FastAPI, Request, Response
from pydantic import ValidationError

from newsevents.contract.http import Accepted, ArticleIn, BatchLine, BatchResult, ErrorBody, ErrorResponse, PageIn
from newsevents.runtime.errors import TransientError

SECRET = "superdesk-shared-secret-1"  # the fake ingest's Superdesk secret


def error(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> Response:
    body = ErrorResponse(error=ErrorBody(code=code, message=message)).model_dump_json()
    return Response(body, status_code=status, media_type="application/json", headers=headers)


@dataclass
class Seen:
    method: str
    path: str
    query: list[tuple[str, str]]
    headers: dict[str, str]
    raw_headers: list[tuple[bytes, bytes]]
    body: bytes


def _record(log: list[Seen], request: Request, body: bytes = b"") -> None:
    log.append(Seen(request.method, request.url.path, list(request.query_params.multi_items()),
                    dict(request.headers), list(request.scope["headers"]), body))


# Bytes exactly as a store would write them, odd spacing included: the gateway must not re-serialise.
ARTICLES_PAGE = '{"items": [ {"id": "a1", "headline": "甘州区举办全民健身运动会"} ],  "next_cursor": "c2"}'.encode()


class FakeStore:
    """The store's query API; ``answer`` forces the next answers' status (500, 503, 422, …)."""

    def __init__(self) -> None:
        self.seen: list[Seen] = []
        self.answer: int | None = None
        self.ready = True
        self.app = self._build()

    def _build(self) -> FastAPI:
        app = FastAPI()

        @app.middleware("http")
        async def record(request: Request, call_next):
            if request.url.path != "/readyz":
                _record(self.seen, request)
            if self.answer is not None and request.url.path != "/readyz":
                if self.answer == 503:
                    return error(503, "unavailable", "database unreachable", {"Retry-After": "7"})
                if self.answer == 422:
                    return error(422, "validation_error", "bad cursor")
                return Response("Internal Server Error", status_code=self.answer, media_type="text/plain")
            return await call_next(request)

        @app.get("/readyz")
        async def readyz() -> Response:
            return Response(json.dumps({"ready": self.ready}), status_code=200 if self.ready else 503)

        @app.get("/v1/articles")
        async def articles() -> Response:
            return Response(ARTICLES_PAGE, media_type="application/json", headers={"x-store-page": "1"})

        @app.get("/v1/articles/{id}")
        async def article(id: str) -> Response:
            if id != "a1":
                return error(404, "not_found", f"no article {id}")
            return Response(json.dumps({"id": "a1", "body": "正文"}, ensure_ascii=False), media_type="application/json")

        @app.get("/v1/events")
        async def events() -> Response:
            return Response('{"items":[],"next_cursor":null}', media_type="application/json")

        @app.get("/v1/events/{id}")
        async def event(id: str) -> Response:
            return error(404, "not_found", f"no event {id}")

        @app.get("/v1/stats/events")
        async def stats(request: Request) -> Response:
            level = request.query_params.get("level", "province")
            return Response(json.dumps({"level": level, "items": []}), media_type="application/json")

        return app


class FakeIngest:
    """Ingest's push API: validates like ingest, verifies the Superdesk HMAC of the raw body."""

    def __init__(self, superdesk_secret: str | None = None) -> None:
        self.secret = superdesk_secret
        self.seen: list[Seen] = []
        self.unavailable = False
        self.ids: set[str] = set()
        self.ready = True
        self.app = self._build()

    def _accept(self, item: ArticleIn | PageIn) -> Response:
        ident = hashlib.sha256(item.model_dump_json().encode()).hexdigest()[:24]
        duplicate = ident in self.ids
        self.ids.add(ident)
        body = Accepted(id=ident, kind=item.kind, duplicate=duplicate).model_dump_json()
        return Response(body, status_code=200 if duplicate else 201, media_type="application/json")

    def _build(self) -> FastAPI:
        app = FastAPI()

        async def received(request: Request) -> bytes:
            body = await request.body()
            _record(self.seen, request, body)
            return body

        def validate(raw: bytes | str) -> ArticleIn | PageIn:
            value = json.loads(raw)
            return (PageIn if value.get("kind") == "page" else ArticleIn).model_validate(value)

        @app.get("/readyz")
        async def readyz() -> Response:
            return Response("{}", status_code=200 if self.ready else 503)

        @app.post("/v1/articles")
        async def articles(request: Request) -> Response:
            body = await received(request)
            if self.unavailable:
                return error(503, "unavailable", "JetStream unreachable", {"Retry-After": "5"})
            if request.headers.get("content-type", "").split(";")[0] != "application/json":
                return error(415, "unsupported_media_type", "send application/json")
            try:
                return self._accept(validate(body))
            except ValidationError as exc:
                return error(422, "validation_error", str(exc.errors()[0]["loc"]))

        @app.post("/v1/articles/batch")
        async def batch(request: Request) -> Response:
            body = await received(request)
            lines = []
            for number, line in enumerate(body.decode().splitlines(), 1):
                answer = self._accept(validate(line))
                lines.append(BatchLine(line=number, status=answer.status_code, id=json.loads(answer.body)["id"]))
            result = BatchResult(accepted=len(lines), duplicates=0, rejected=0, failed=0, lines=lines)
            return Response(result.model_dump_json(), media_type="application/json")

        @app.post("/v1/ninjs")
        async def ninjs(request: Request) -> Response:
            body = await received(request)
            if self.secret is not None:
                expected = "sha1=" + hmac.new(self.secret.encode(), body, "sha1").hexdigest()
                if not hmac.compare_digest(request.headers.get("x-superdesk-signature", ""), expected):
                    return error(403, "bad_signature", "the x-superdesk-signature does not match the body")
            item = json.loads(body)
            return self._accept(ArticleIn(source=item["source"], published=item["versioncreated"][:10],
                                          headline=item.get("headline"), body=item["body_html"]))

        return app


def subject_matches(pattern: str, subject: str) -> bool:
    """NATS subject matching: ``*`` one token, ``>`` the rest."""
    want, have = pattern.split("."), subject.split(".")
    for i, token in enumerate(want):
        if token == ">":
            return len(have) > i
        if i >= len(have) or (token != "*" and token != have[i]):
            return False
    return len(want) == len(have)


@dataclass
class FakeFeed:
    """An in-memory EVENTS stream: sequences from 1, subscriptions filtered by subject."""

    connected: bool = True
    messages: list[tuple[str, bytes]] = field(default_factory=list)
    opened: list["FakeSubscription"] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._changed = asyncio.Event()

    def publish(self, subject: str, data: bytes) -> int:
        self.messages.append((subject, data))
        self._changed.set()
        self._changed = asyncio.Event()
        return len(self.messages)

    async def subscribe(self, filter_subject: str, after: int | None, *, name: str = "") -> "FakeSubscription":
        if not self.connected:
            raise TransientError("NATS is not connected")
        last = len(self.messages)
        start = last + 1 if after is None else min(after + 1, last + 1)
        sub = FakeSubscription(self, filter_subject, start)
        self.opened.append(sub)
        return sub

    def end(self) -> None:
        """The connection closed under every open subscription."""
        for sub in self.open:
            sub.ended = True
        self._changed.set()
        self._changed = asyncio.Event()

    @property
    def open(self) -> list["FakeSubscription"]:
        return [s for s in self.opened if not s.closed]


@dataclass
class FakeSubscription:
    feed: FakeFeed
    filter_subject: str
    next_seq: int
    closed: bool = False
    ended: bool = False
    waiting: bool = False  # blocked for lack of messages: everything before `next_seq` was handed out

    def idle_after(self, seq: int) -> bool:
        return self.waiting and self.next_seq > seq

    async def next(self, timeout: float):
        from newsevents.api.feed import Delivery

        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            if self.ended:
                raise TransientError("the live stream ended")
            while self.next_seq <= len(self.feed.messages):
                seq = self.next_seq
                self.next_seq += 1
                subject, data = self.feed.messages[seq - 1]
                if subject_matches(self.filter_subject, subject):
                    return Delivery(seq, data)
            remaining = deadline - loop.time()
            if remaining <= 0:
                return None
            self.waiting = True
            try:
                await asyncio.wait_for(self.feed._changed.wait(), remaining)
            except TimeoutError:
                return None
            finally:
                self.waiting = False

    async def close(self) -> None:
        self.closed = True
