"""Pushing items through the api the way a careful newsroom client does, recording every answer.

A 503 (ingest or NATS unavailable, a full stream) and a broken connection are retried after
``Retry-After`` (capped, so tests stay quick) until a deadline; a 201 or a 200 (``duplicate``) is
final, and so is any other answer. Retrying is safe because ids are deterministic — which is
exactly what the fault tests check: every item answered 201/200 ends up stored once.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from dataclasses import dataclass, field

import httpx
from httpx_aiohttp import AiohttpTransport

RETRIED_ERRORS = (httpx.TransportError,)  # connection refused/reset, timeouts, a server gone mid-answer


@dataclass
class Outcome:
    source: str
    status: int  # the final answer: 201, 200, a 4xx, or 0 when the client gave up
    id: str | None = None
    attempts: int = 0
    retried: bool = False  # answered only after at least one 503 or broken connection
    errors: list[str] = field(default_factory=list)  # what the retried attempts met

    @property
    def accepted(self) -> bool:
        return self.status in (200, 201)


class Pusher:
    """``async with Pusher(api_url) as pusher: await pusher.push_all(items, rate=40)``."""

    def __init__(self, api_url: str, *, concurrency: int = 16, max_wait: float = 1.0, give_up_after: float = 120.0,
                 timeout: float = 30.0) -> None:
        self.api_url = api_url
        self.concurrency = concurrency
        self.max_wait = max_wait
        self.give_up_after = give_up_after
        self.timeout = timeout
        self.outcomes: list[Outcome] = []
        self.statuses: Counter[int | str] = Counter()  # every attempt's answer (status code or error name)
        self.retry_after_seen: list[str] = []  # Retry-After values of the 503 answers
        self._slots = asyncio.Semaphore(concurrency)

    async def __aenter__(self) -> "Pusher":
        limits = httpx.Limits(max_connections=self.concurrency * 2)
        self.client = httpx.AsyncClient(
            base_url=self.api_url, timeout=self.timeout,
            transport=AiohttpTransport(limits=limits, trust_env=False), trust_env=False,
        )
        return self

    async def __aexit__(self, *exc) -> None:
        await self.client.aclose()

    async def push(self, item: dict) -> Outcome:
        async with self._slots:
            outcome = await self._push(item)
        self.outcomes.append(outcome)
        return outcome

    async def push_all(self, items: list[dict], *, rate: float | None = None) -> list[Outcome]:
        """Push every item (at most ``concurrency`` in flight); with ``rate``, item i starts at i/rate s."""
        started = time.monotonic()

        async def one(i: int, item: dict) -> Outcome:
            if rate:
                await asyncio.sleep(max(0.0, started + i / rate - time.monotonic()))
            return await self.push(item)

        return list(await asyncio.gather(*(one(i, item) for i, item in enumerate(items))))

    async def _push(self, item: dict) -> Outcome:
        outcome = Outcome(source=item.get("source", ""), status=0)
        deadline = time.monotonic() + self.give_up_after
        while time.monotonic() < deadline:
            outcome.attempts += 1
            try:
                response = await self.client.post("/v1/articles", json=item)
            except RETRIED_ERRORS as exc:
                self.statuses[type(exc).__name__] += 1
                outcome.retried = True
                outcome.errors.append(type(exc).__name__)
                await asyncio.sleep(0.2)
                continue
            self.statuses[response.status_code] += 1
            if response.status_code == 503:
                retry_after = response.headers.get("retry-after", "")
                self.retry_after_seen.append(retry_after)
                outcome.retried = True
                outcome.errors.append("503")
                await asyncio.sleep(min(float(retry_after or 1), self.max_wait))
                continue
            outcome.status = response.status_code
            if response.status_code in (200, 201):
                outcome.id = response.json()["id"]
            else:
                outcome.errors.append(response.text[:300])
            return outcome
        return outcome

    # ---- what the pushes add up to ----

    def accepted_ids(self) -> dict[str, str]:
        """Document id → source of every item answered 201 or 200."""
        return {o.id: o.source for o in self.outcomes if o.accepted and o.id}

    def refused(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.accepted]

    def count(self, status: int) -> int:
        return sum(1 for o in self.outcomes if o.status == status)
