"""Looking at running services from outside: Prometheus metrics, process memory, JetStream state."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import nats
from prometheus_client.parser import text_string_to_metric_families

from newsevents.contract import subjects
from newsevents.contract.messages import DeadLetter

# ---- metrics ----


def metric(text: str, name: str, **labels: str) -> float:
    """The sum of the samples of ``name`` (a counter's ``_total`` too) whose labels include ``labels``."""
    total = 0.0
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name not in (name, f"{name}_total"):
                continue
            if all(sample.labels.get(k) == v for k, v in labels.items()):
                total += sample.value
    return total


def scrape(url: str) -> str:
    return httpx.get(f"{url}/metrics", timeout=5).text


async def ascrape(url: str) -> str:
    async with httpx.AsyncClient(timeout=5) as client:
        return (await client.get(f"{url}/metrics")).text


# ---- memory ----


def rss_bytes(pid: int) -> int:
    """Resident set size of a live process (Linux ``/proc``), 0 once it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except (FileNotFoundError, ProcessLookupError):
        pass
    return 0


@dataclass
class RssSampler:
    """Samples the RSS of some processes every ``interval`` seconds in a thread; keeps each one's peak."""

    pids: dict[str, int]
    interval: float = 0.2
    peak: dict[str, int] = field(default_factory=dict)
    samples: dict[str, list[int]] = field(default_factory=dict)

    def __enter__(self) -> "RssSampler":
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="rss-sampler", daemon=True)
        self._sample()
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(5)
        self._sample()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self._sample()

    def _sample(self) -> None:
        for name, pid in self.pids.items():
            rss = rss_bytes(pid)
            if rss:
                self.samples.setdefault(name, []).append(rss)
                self.peak[name] = max(self.peak.get(name, 0), rss)


def mib(n: float) -> float:
    return round(n / 2**20, 1)


# ---- JetStream ----


async def consumer_info(nats_url: str, stream: str, durable: str):
    nc = await nats.connect(nats_url)
    try:
        return await nc.jetstream().consumer_info(stream, durable)
    finally:
        await nc.close()


async def stream_info(nats_url: str, stream: str):
    nc = await nats.connect(nats_url)
    try:
        return await nc.jetstream().stream_info(stream)
    finally:
        await nc.close()


async def settled(nats_url: str, pairs: Iterable[tuple[str, str]] = (
        (subjects.INGEST_STREAM, subjects.EXTRACT_CONSUMER), (subjects.ARTICLES_STREAM, subjects.STORE_CONSUMER))) -> bool:
    """True when every consumer has nothing left to deliver and nothing delivered unacknowledged."""
    nc = await nats.connect(nats_url)
    try:
        js = nc.jetstream()
        for stream, durable in pairs:
            info = await js.consumer_info(stream, durable)
            if info.num_pending or info.num_ack_pending or info.num_redelivered:
                return False
        return True
    finally:
        await nc.close()


async def stream_messages(nats_url: str, stream: str) -> list:
    """Every message in a stream, in order (an ordered consumer: a read, no state on the server)."""
    nc = await nats.connect(nats_url)
    try:
        js = nc.jetstream()
        info = await js.stream_info(stream)
        if not info.state.messages:
            return []
        sub = await js.subscribe(info.config.subjects[0], stream=stream, ordered_consumer=True)
        out = []
        while len(out) < info.state.messages:
            out.append(await sub.next_msg(timeout=10))
        await sub.unsubscribe()
        return out
    finally:
        await nc.close()


async def dead_letters(nats_url: str) -> list[DeadLetter]:
    return [DeadLetter.model_validate_json(m.data) for m in await stream_messages(nats_url, subjects.DLQ_STREAM)]
