"""Running the gateway in process: ``running(app)`` for ordinary requests, ``StreamCall`` for
an endless event stream (httpx's ASGI transport returns only once the app has finished, which
such a stream never does; ``StreamCall`` calls the app directly, hands out the body as it is
sent, and hangs up at will).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from urllib.parse import urlencode

import httpx


@asynccontextmanager
async def running(app) -> AsyncIterator[httpx.AsyncClient]:
    """The app with its lifespan entered, and a client talking to it in process."""
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://api") as client:
            yield client


class StreamCall:
    def __init__(self, app, path: str, params: dict | None = None, headers: dict[str, str] | None = None) -> None:
        self.app = app
        self.scope = {
            "type": "http", "asgi": {"version": "3.0", "spec_version": "2.3"}, "http_version": "1.1",
            "method": "GET", "scheme": "http", "path": path, "raw_path": path.encode(), "root_path": "",
            "query_string": urlencode(params or {}).encode(), "server": ("api", 80), "client": ("127.0.0.1", 5000),
            "headers": [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()],
        }
        self.status: int | None = None
        self.headers: dict[str, str] = {}
        self.body = b""
        self._sent = asyncio.Queue()
        self._hangup = asyncio.Event()
        self._requested = False
        self.task: asyncio.Task | None = None

    async def _receive(self):
        if not self._requested:
            self._requested = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await self._hangup.wait()
        return {"type": "http.disconnect"}

    async def _send(self, message) -> None:
        await self._sent.put(message)

    async def start(self) -> "StreamCall":
        self.task = asyncio.create_task(self.app(self.scope, self._receive, self._send))
        message = await asyncio.wait_for(self._sent.get(), 5)
        assert message["type"] == "http.response.start"
        self.status = message["status"]
        self.headers = {k.decode(): v.decode() for k, v in message["headers"]}
        return self

    async def read_until(self, needle: bytes, timeout: float = 5.0) -> bytes:
        """The body so far, once it contains ``needle`` (or fail after ``timeout``)."""
        async def more() -> None:
            while needle not in self.body:
                message = await self._sent.get()
                self.body += message.get("body", b"")
                if not message.get("more_body", False):
                    break
        await asyncio.wait_for(more(), timeout)
        assert needle in self.body, self.body
        return self.body

    async def read_to_end(self, timeout: float = 5.0) -> bytes:
        async def rest() -> None:
            while True:
                message = await self._sent.get()
                self.body += message.get("body", b"")
                if not message.get("more_body", False):
                    return
        await asyncio.wait_for(rest(), timeout)
        return self.body

    async def hang_up(self, timeout: float = 5.0) -> bytes:
        """Disconnect, wait for the app to finish, and return the whole body it sent."""
        self._hangup.set()
        await asyncio.wait_for(self.task, timeout)
        while not self._sent.empty():
            self.body += self._sent.get_nowait().get("body", b"")
        return self.body


def events(body: bytes) -> list[dict[str, str]]:
    """The events of an SSE body (comments and `retry` frames left out)."""
    out = []
    for frame in body.decode().split("\n\n"):
        fields = {}
        for line in frame.split("\n"):
            if line and not line.startswith(":"):
                name, _, value = line.partition(":")
                fields[name] = value.removeprefix(" ")
        if "data" in fields:
            out.append(fields)
    return out
