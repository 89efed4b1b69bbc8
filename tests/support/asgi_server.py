"""Serve an ASGI app with uvicorn on a free port inside the test's event loop."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

import uvicorn

from . import eventually


@dataclass
class Served:
    url: str  # http://127.0.0.1:<port>
    server: uvicorn.Server  # ``server.should_exit = True`` starts a shutdown, as SIGTERM would


@asynccontextmanager
async def serving(app, *, graceful_shutdown: float = 2.0) -> AsyncIterator[Served]:
    """Serve ``app``; shut the server down (lifespan included) on leaving."""
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_config=None, access_log=False, lifespan="on",
                            timeout_graceful_shutdown=graceful_shutdown)
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    try:
        await eventually(lambda: server.started or task.done(), timeout=20)
        if task.done():
            task.result()  # raises what stopped it
            raise RuntimeError("uvicorn stopped before it started")
        port = server.servers[0].sockets[0].getsockname()[1]
        yield Served(f"http://127.0.0.1:{port}", server)
    finally:
        server.should_exit = True
        await asyncio.wait_for(task, graceful_shutdown + 15)
