"""/v1/stream served by uvicorn, fed by a real nats-server: filters, disconnect, resumption, cleanup."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import nats
import pytest

from newsevents.api.app import create_app
from newsevents.api.config import Settings
from newsevents.contract.subjects import EVENTS_STREAM
from tests.support import eventually
from tests.support.asgi_server import serving
from tests.support.event_messages import event_message, subject_of


class SseClient:
    """Reads one SSE response: ``events`` (id, data) as they arrive, and whether heartbeats came."""

    def __init__(self, response: httpx.Response) -> None:
        self.response = response
        self.events: list[tuple[int, dict]] = []
        self.comments = 0
        self._lines = response.aiter_lines()

    async def read(self, count: int, timeout: float = 10.0) -> list[tuple[int, dict]]:
        async def more() -> None:
            fields: dict[str, str] = {}
            while len(self.events) < count:
                line = await anext(self._lines)
                if line.startswith(":"):
                    self.comments += 1
                elif line:
                    name, _, value = line.partition(":")
                    fields[name] = value.removeprefix(" ")
                else:
                    if "data" in fields:
                        assert fields["event"] == "event"
                        self.events.append((int(fields["id"]), json.loads(fields["data"])))
                    fields = {}
        await asyncio.wait_for(more(), timeout)
        return self.events[:count]

    async def heartbeat(self, timeout: float = 10.0) -> None:
        async def until_comment() -> None:
            while not (await anext(self._lines)).startswith(":"):
                pass
        await asyncio.wait_for(until_comment(), timeout)


@asynccontextmanager
async def stream(client: httpx.AsyncClient, params: dict, last_id: int | None = None) -> AsyncIterator[SseClient]:
    headers = {"Last-Event-ID": str(last_id)} if last_id is not None else {}
    async with client.stream("GET", "/v1/stream", params=params, headers=headers) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        yield SseClient(response)


@pytest.fixture
async def js(nats_url):
    nc = await nats.connect(nats_url)
    yield nc.jetstream()
    await nc.close()


@asynccontextmanager
async def api(nats_url: str, **overrides) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(Settings(nats_url=nats_url, **overrides))
    async with serving(app) as served, httpx.AsyncClient(base_url=served.url, timeout=httpx.Timeout(10.0, read=30.0)) as client:
        await eventually(lambda: ready(client), timeout=20)
        yield client


async def ready(client: httpx.AsyncClient) -> bool:
    return (await client.get("/readyz")).json()["checks"]["nats"]


async def publish(js, **fields) -> tuple[int, str]:
    message = event_message(**fields)
    ack = await js.publish(subject_of(message), message.model_dump_json().encode(), stream=EVENTS_STREAM)
    return ack.seq, message.id


async def consumers(js) -> int:
    return (await js.stream_info(EVENTS_STREAM)).state.consumer_count


HONOR = {"type": "honor", "sentence": "甘州区表彰李明等10名优秀教师。", "trigger": "表彰", "participants": ("李明",)}
FILTERS = {"type": "honor", "region": "6207", "person": "李明"}


async def test_filtered_live_events_then_resume_after_the_last_id(nats_url, js):
    async with api(nats_url) as client:
        await publish(js, **HONOR)  # before anyone listens: a new stream does not replay it
        async with stream(client, FILTERS) as sse:
            assert await consumers(js) == 1
            first, _ = await publish(js, **HONOR)
            await publish(js, **HONOR | {"type": "meeting"})  # type: filtered by NATS
            await publish(js, **HONOR | {"adcode": "620802", "region": "620800"})  # city: filtered by NATS
            await publish(js, **HONOR | {"participants": (), "sentence": "甘州区表彰10名优秀教师。"})  # person: by the api
            second, _ = await publish(js, **HONOR | {"adcode": None, "region": "620700"})  # the article's region
            received = await sse.read(2)
        assert [seq for seq, _ in received] == [first, second]
        assert {event["type"] for _, event in received} == {"honor"}
        await eventually(lambda: consumers_are(js, 0), timeout=10)  # the client went away: so did its consumer

        missed = [(await publish(js, **HONOR))[0] for _ in range(2)]
        await publish(js, **HONOR | {"type": "policy"})
        async with stream(client, FILTERS, last_id=second) as sse:
            resumed = await sse.read(2)
            live, _ = await publish(js, **HONOR)
            resumed = await sse.read(3)
        assert [seq for seq, _ in resumed] == [*missed, live]

        async with stream(client, FILTERS, last_id=first) as sse:
            assert [seq for seq, _ in await sse.read(4)] == [second, *missed, live]


async def consumers_are(js, count: int) -> bool:
    return await consumers(js) == count


async def test_idle_stream_heartbeats_and_query_resume(nats_url, js):
    async with api(nats_url, heartbeat_seconds=0.2) as client:
        seq, event_id = await publish(js)
        async with stream(client, {"last_event_id": seq - 1}) as sse:
            ((got, event),) = await sse.read(1)
            assert (got, event["id"]) == (seq, event_id)
            await sse.heartbeat()
            await sse.heartbeat()


async def test_server_shutdown_ends_open_streams_and_deletes_their_consumers(nats_url, js):
    app = create_app(Settings(nats_url=nats_url))
    async with serving(app, graceful_shutdown=0.5) as served:
        async with httpx.AsyncClient(base_url=served.url, timeout=httpx.Timeout(10.0, read=30.0)) as client:
            await eventually(lambda: ready(client), timeout=20)
            async with stream(client, {}) as sse:
                assert await consumers(js) == 1
                served.server.should_exit = True  # as on SIGTERM, with the stream still open
                with pytest.raises((StopAsyncIteration, httpx.RemoteProtocolError)):
                    while True:  # the server ends the stream after its graceful-shutdown budget
                        await asyncio.wait_for(anext(sse._lines), 10)
            await eventually(lambda: consumers_are(js, 0), timeout=10)


async def test_a_nats_restart_neither_ends_the_stream_nor_replays_old_events(nats_server, js):
    async with api(nats_server.url, stream_consumer_heartbeat_seconds=0.5) as client:
        for _ in range(3):
            await publish(js, **HONOR)  # history a new stream must never send
        async with stream(client, {"type": "honor"}) as sse:
            # Same port, same JetStream store; the stream's consumer (in memory) is gone. The client
            # recreates it from the last sequence it saw: none yet, so from the start of the stream.
            await asyncio.to_thread(nats_server.restart)
            after = await eventually(lambda: publish_when_back(js), timeout=20)
            received = await sse.read(1, timeout=20)
            assert [seq for seq, _ in received] == [after]
            later, _ = await publish(js, **HONOR)
            assert [seq for seq, _ in await sse.read(2, timeout=20)] == [after, later]


async def publish_when_back(js) -> int | None:
    try:
        return (await publish(js, **HONOR))[0]
    except (nats.errors.Error, asyncio.TimeoutError):
        return None
