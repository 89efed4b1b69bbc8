"""The consumer loop: fetch, handle, then ack / nak / dead-letter — decided here and only here.

- success → ``ack`` (the handler returns only after its outputs are durable: committed or
  acknowledged by JetStream);
- ``PermanentError`` → dead-letter record on ``dlq.<consumer>`` → ``term``;
- anything else → ``nak(delay)`` with backoff, until ``max_deliver`` attempts → dead letter.

While a handler runs, ``in_progress`` is sent every third of ``ack_wait`` so long work is not
redelivered to another replica. On stop, in-flight messages finish and are acked; nothing new
is fetched.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

import structlog
from nats.aio.msg import Msg
from nats.js import JetStreamContext
from nats.js.errors import FetchTimeoutError

from newsevents.contract import cloudevents, ids, subjects
from newsevents.contract.messages import DeadLetter

from .errors import PermanentError
from .logging import get_logger
from .metrics import Metrics
from .streams import ConsumerSpec

Handler = Callable[[Msg], Awaitable[None]]
log = get_logger(__name__)


class Consumer:
    def __init__(
        self,
        js: JetStreamContext,
        spec: ConsumerSpec,
        handler: Handler,
        metrics: Metrics,
        *,
        source: str,
        batch: int = 4,
        workers: int = 1,
    ) -> None:
        self.js = js
        self.spec = spec
        self.handler = handler
        self.metrics = metrics
        self.source = source
        self.batch = batch
        self.workers = workers
        self._stopping = asyncio.Event()
        self._tasks: list[asyncio.Task] = []
        self._sub = None

    async def start(self) -> None:
        config = self.spec.config()
        sub = await self.js.pull_subscribe(
            self.spec.filter_subject, durable=self.spec.durable, stream=self.spec.stream, config=config
        )
        self._sub = sub
        self._tasks = [asyncio.create_task(self._work(sub), name=f"{self.spec.durable}-{i}") for i in range(self.workers)]
        self._tasks.append(asyncio.create_task(self._watch_lag(), name=f"{self.spec.durable}-lag"))

    async def stop(self) -> None:
        self._stopping.set()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        try:
            await self._sub.unsubscribe()  # the durable consumer stays on the server
        except Exception:  # noqa: BLE001 - already closed
            pass

    async def _work(self, sub) -> None:
        while not self._stopping.is_set():
            try:
                msgs = await sub.fetch(self.batch, timeout=1.0)
            except (FetchTimeoutError, asyncio.TimeoutError):
                continue  # idle
            except Exception as exc:  # connection trouble: the client reconnects; wait a little
                log.warning("consumer.fetch_failed", consumer=self.spec.durable, error=str(exc) or type(exc).__name__)
                await asyncio.sleep(0.5)
                continue
            for msg in msgs:
                await self._process(msg)  # in-flight work finishes even when stopping

    async def _process(self, msg: Msg) -> None:
        meta = msg.metadata
        delivered = meta.num_delivered
        headers = msg.headers or {}
        context = {
            "consumer": self.spec.durable,
            "subject": msg.subject,
            "stream_seq": meta.sequence.stream,
            "delivery": delivered,
            "msg_id": cloudevents.decode(headers.get("ce-id", "")) or None,
            "request_id": cloudevents.decode(headers.get("ce-requestid", "")) or None,
        }
        if delivered > 1:
            self.metrics.redelivered.labels(self.spec.durable).inc()
        started = time.perf_counter()
        outcome, error = "ok", None
        structlog.contextvars.clear_contextvars()  # each message starts clean; handlers may bind more
        structlog.contextvars.bind_contextvars(**context)
        heartbeat = asyncio.create_task(self._heartbeat(msg))
        try:
            await self.handler(msg)
        except PermanentError as exc:
            outcome, error = "dead_lettered", str(exc)
        except Exception as exc:  # transient or unknown: retry until out of attempts
            error = f"{type(exc).__name__}: {exc}"
            outcome = "dead_lettered" if delivered >= self.spec.max_deliver else "retry"
        finally:
            heartbeat.cancel()
        try:
            if outcome == "ok":
                await msg.ack_sync()
            elif outcome == "retry":
                await msg.nak(delay=self.spec.retry_delay(delivered))
            else:
                await self._dead_letter(msg, error or "", delivered)
                self.metrics.dead_lettered.labels(self.spec.durable).inc()
                await msg.term()
        except Exception as exc:  # the ack itself failed: JetStream will redeliver; handlers are idempotent
            outcome, error = "ack_failed", f"{type(exc).__name__}: {exc}"
        elapsed = time.perf_counter() - started
        self.metrics.messages.labels(self.spec.durable, outcome).inc()
        self.metrics.message_seconds.labels(self.spec.durable).observe(elapsed)
        log.log(
            20 if outcome == "ok" else 30,
            "message",
            outcome=outcome,
            error=error,
            duration_ms=round(elapsed * 1000, 1),
        )

    async def _heartbeat(self, msg: Msg) -> None:
        interval = max(self.spec.ack_wait / 3, 0.5)
        while True:
            await asyncio.sleep(interval)
            try:
                await msg.in_progress()
            except Exception:  # noqa: BLE001 - best effort; the ack decides
                pass

    async def _dead_letter(self, msg: Msg, error: str, delivered: int) -> None:
        meta = msg.metadata
        letter = DeadLetter(
            consumer=self.spec.durable,
            subject=msg.subject,
            stream_sequence=meta.sequence.stream,
            deliveries=delivered,
            error=error[:4000],
            headers={k: v for k, v in (msg.headers or {}).items()},
            data=msg.data.decode("utf-8", errors="replace"),
            failed_at=cloudevents.now(),
        )
        event = cloudevents.CloudEvent(
            id=ids.message_id("deadletter", self.spec.durable, str(meta.sequence.stream)),
            type=cloudevents.DEAD_LETTER,
            source=self.source,
            subject=msg.subject,
            time=letter.failed_at,
            requestid=cloudevents.decode((msg.headers or {}).get("ce-requestid", "")) or None,
        )
        await self.js.publish(
            subjects.dead_letter(self.spec.durable), letter.model_dump_json().encode(), headers=event.headers()
        )

    async def _watch_lag(self) -> None:
        while not self._stopping.is_set():
            try:
                info = await self.js.consumer_info(self.spec.stream, self.spec.durable)
                self.metrics.consumer_pending.labels(self.spec.durable).set(info.num_pending or 0)
                self.metrics.consumer_ack_pending.labels(self.spec.durable).set(info.num_ack_pending or 0)
            except Exception:  # noqa: BLE001 - a metric, not a duty
                pass
            try:
                await asyncio.wait_for(self._stopping.wait(), timeout=5.0)
            except asyncio.TimeoutError:
                pass
