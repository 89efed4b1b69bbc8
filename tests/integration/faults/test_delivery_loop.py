"""The delivery loop (runtime/delivery.py) against a real nats-server, on the faults the e2e tests
found: a stop that left delivered messages unacknowledged, nak delays stretched by a server-side
backoff, and consumer definitions that never reached an existing durable."""

from __future__ import annotations

import asyncio
import json
import time
from collections import Counter

import nats
import pytest
from nats.js.api import AckPolicy, ConsumerConfig, StreamConfig
from prometheus_client import generate_latest

from newsevents.runtime.delivery import Consumer
from newsevents.runtime.errors import TransientError
from newsevents.runtime.metrics import Metrics
from newsevents.runtime.streams import ConsumerSpec
from tests.support import eventually
from tests.support.observe import metric

STREAM = "FAULTS"


@pytest.fixture
async def js(nats_url):
    nc = await nats.connect(nats_url)
    js = nc.jetstream()
    await js.add_stream(StreamConfig(name=STREAM, subjects=["faults.*"]))
    yield js
    await nc.close()


def spec(**changes) -> ConsumerSpec:
    return ConsumerSpec(stream=STREAM, durable="worker", filter_subject="faults.*", **({"ack_wait": 10.0} | changes))


class Gate:
    """A handler that records each message and, while closed, holds the one it is handling."""

    def __init__(self) -> None:
        self.seen: list[bytes] = []
        self.open = asyncio.Event()
        self.holding = asyncio.Event()

    async def __call__(self, msg) -> None:
        self.seen.append(msg.data)
        self.holding.set()
        await self.open.wait()


async def test_a_stop_handles_what_a_pull_request_delivered_after_fetch_gave_up(js):
    """nats-py's fetch() stops waiting a moment before the server expires its pull request (by as
    much as the request took to reach the server: milliseconds on a busy machine), so messages can
    arrive for a request nobody waits on; they queue in the subscription for the next fetch. The
    e2e SIGTERM test met four of them: a stop must handle and acknowledge them, not leave them to
    come again after ack_wait. The race is made deterministic here: while the loop is busy with a
    message, a pull request of its subscription is answered with three more."""
    gate = Gate()
    consumer = Consumer(js, spec(), gate, Metrics("test"), source="/test", batch=8)
    await consumer.start()
    await js.publish("faults.a", b"1")
    await asyncio.wait_for(gate.holding.wait(), 5)  # fetch() has returned; the loop is handling "1"
    sub = consumer._sub
    await js._nc.publish(sub._nms, json.dumps({"batch": 3, "expires": 5_000_000_000}).encode(), reply=sub._deliver)
    for data in (b"2", b"3", b"4"):
        await js.publish("faults.a", data)
    await eventually(lambda: sub.pending_msgs >= 3, timeout=5)  # delivered to this process, not yet fetched
    stopping = asyncio.create_task(consumer.stop())
    gate.open.set()
    await asyncio.wait_for(stopping, 10)
    info = await js.consumer_info(STREAM, "worker")
    assert sorted(gate.seen) == [b"1", b"2", b"3", b"4"]
    assert info.num_ack_pending == 0 and info.num_pending == 0 and info.num_redelivered == 0


class Failing:
    """Fails every delivery with a transient error, noting when each came."""

    def __init__(self) -> None:
        self.at: list[float] = []

    async def __call__(self, msg) -> None:
        self.at.append(time.monotonic())
        raise TransientError("a dependency is down (test)")


async def test_retries_come_after_the_configured_delays(js):
    """nak(delay) is the delay: with a consumer-level backoff list, nats-server would stretch every
    delay after the first by backoff[n-1] - ack_wait (7 s instead of 3 s in the e2e poison test)."""
    failing = Failing()
    consumer = Consumer(js, spec(ack_wait=2.0, max_deliver=5, backoff=(0.3, 0.6, 0.9)), failing, Metrics("test"),
                        source="/test", batch=1)
    await consumer.start()
    try:
        await js.publish("faults.b", b"x")
        await eventually(lambda: len(failing.at) >= 4, timeout=15)
    finally:
        await consumer.stop()
    gaps = [b - a for a, b in zip(failing.at, failing.at[1:])]
    for gap, wanted in zip(gaps, (0.3, 0.6, 0.9)):
        assert wanted - 0.05 <= gap <= wanted + 0.8, gaps


async def test_an_existing_durable_takes_the_current_definition(js):
    """A durable created by an older release (with a backoff list, another max_ack_pending) is
    brought to the current definition when the loop starts, as ensure_streams does for streams."""
    old = ConsumerConfig(durable_name="worker", ack_policy=AckPolicy.EXPLICIT, ack_wait=10, backoff=[10, 20, 40],
                         max_deliver=7, filter_subject="faults.*", max_ack_pending=1000)
    await js.add_consumer(STREAM, old)
    consumer = Consumer(js, spec(max_ack_pending=16), Gate(), Metrics("test"), source="/test")
    await consumer.start()
    await consumer.stop()
    config = (await js.consumer_info(STREAM, "worker")).config
    assert not config.backoff and config.max_ack_pending == 16 and config.max_deliver == 7


class Slow:
    """Takes ``seconds`` per message, noting each delivery's number."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.deliveries: list[tuple[bytes, int]] = []

    async def __call__(self, msg) -> None:
        self.deliveries.append((msg.data, msg.metadata.num_delivered))
        await asyncio.sleep(self.seconds)


async def test_messages_waiting_behind_a_slow_one_in_their_batch_are_not_redelivered(js):
    """Replica A fetches four messages at once, 0.8 s each, ack_wait 1.5 s: the last waits 2.4 s for
    its turn. They stay A's (in_progress for the whole batch), so replica B, pulling meanwhile, is
    not handed any of them a second time."""
    for i in range(4):
        await js.publish("faults.c", str(i).encode())
    a, b = Slow(0.8), Slow(0.0)
    first = Consumer(js, spec(ack_wait=1.5), a, Metrics("test"), source="/test", batch=4)
    second = Consumer(js, spec(ack_wait=1.5), b, Metrics("test"), source="/test", batch=4)
    await first.start()
    try:
        await eventually(lambda: a.deliveries, timeout=5)
        await second.start()
        await eventually(lambda: len(a.deliveries) >= 4, timeout=10)
        info = await eventually(lambda: acked(js, 4), timeout=10)
    finally:
        await first.stop()
        await second.stop()
    assert a.deliveries == [(str(i).encode(), 1) for i in range(4)]
    assert b.deliveries == [] and info.num_redelivered == 0


async def acked(js, n: int):
    info = await js.consumer_info(STREAM, "worker")
    return info if info.ack_floor.stream_seq >= n and info.num_ack_pending == 0 else None


class Dependency:
    """A handler whose dependency (a database, say) is down until ``up()``."""

    def __init__(self) -> None:
        self.down = True
        self.tried: Counter[bytes] = Counter()
        self.done: Counter[bytes] = Counter()

    async def __call__(self, msg) -> None:
        self.tried[msg.data] += 1
        if self.down:
            raise TransientError("database unavailable (test)")
        self.done[msg.data] += 1


async def test_an_outage_does_not_use_up_the_backlogs_attempts(js):
    """A dependency down with 30 messages waiting (3 attempts each, retried after 0.5, 1, 2 s): the
    loop notices two different messages failing in a row and waits longer before each next try,
    so a few messages take the attempts while the rest stays in the stream; none is dead-lettered,
    and once the dependency is back every message is handled once."""
    await js.add_stream(StreamConfig(name="FAULTS_DLQ", subjects=["dlq.*"]))
    for i in range(30):
        await js.publish("faults.d", str(i).encode())
    dependency = Dependency()
    metrics = Metrics("test")
    consumer = Consumer(js, spec(ack_wait=5.0, max_deliver=3, backoff=(0.5, 1.0, 2.0)), dependency, metrics,
                        source="/test", batch=4)
    await consumer.start()
    try:
        await eventually(lambda: sum(dependency.tried.values()) >= 6, timeout=20)
        tried_during_outage = len(dependency.tried)
        untouched = (await js.consumer_info(STREAM, "worker")).num_pending
        dependency.down = False
        await eventually(lambda: len(dependency.done) == 30, timeout=20)
        info = await eventually(lambda: acked(js, 30), timeout=10)
    finally:
        await consumer.stop()
    assert tried_during_outage <= 5 and untouched >= 20
    assert set(dependency.done.values()) == {1} and info.num_pending == 0
    assert metric(generate_latest(metrics.registry).decode(), "newsevents_dead_lettered", consumer="worker") == 0
