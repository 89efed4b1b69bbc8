"""The consumer loop: fetch, handle, then ack / nak / dead-letter — decided here and only here.

- success → ``ack`` (the handler returns only after its outputs are durable: committed or
  acknowledged by JetStream);
- ``PermanentError`` → dead-letter record on ``dlq.<consumer>`` → ``term``;
- anything else → ``nak(delay)`` with backoff, until ``max_deliver`` attempts → dead letter;
  ``TransientError`` from two different messages in a row (a dependency is down) also makes the
  loop wait before the next message, so an outage does not use up the backlog's attempts.

While a fetched batch is handled, ``in_progress`` is sent every third of ``ack_wait`` for each of
its messages not yet answered, so long work (and the messages waiting behind it) is not
redelivered to another replica. On stop, in-flight messages finish and are acked; nothing new
is fetched.

``exit_before_ack`` is a test-only fault injection (``NEWSEVENTS_FAULT_EXIT_BEFORE_ACK``, inert at
0): the process exits hard right after the N-th successful handling, before the ack, the one
moment a kill -9 is hard to aim at (the store has committed, JetStream does not know).
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
from collections.abc import Awaitable, Callable

import structlog
from nats.aio.msg import Msg
from nats.js import JetStreamContext
from nats.js.errors import APIError, FetchTimeoutError

from newsevents.contract import cloudevents, ids, subjects
from newsevents.contract.messages import DeadLetter

from .errors import PermanentError, TransientError
from .logging import get_logger
from .metrics import Metrics
from .streams import ConsumerSpec

Handler = Callable[[Msg], Awaitable[None]]
log = get_logger(__name__)
FAULT_EXIT_CODE = 86  # the exit status of the test-only fault injection
FETCH_TIMEOUT = 1.0  # seconds a pull request waits for messages (so a stop is noticed within it)


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
        exit_before_ack: int = 0,
    ) -> None:
        self.js = js
        self.spec = spec
        self.handler = handler
        self.metrics = metrics
        self.source = source
        self.batch = batch
        self.workers = workers
        self.exit_before_ack = exit_before_ack
        self._handled = 0
        self._last_fetch = 0.0  # when the newest pull request was made (monotonic)
        self._down_streak = 0  # different messages in a row that failed with TransientError
        self._down_seq: int | None = None  # the stream sequence of the last of them
        self._pauses = 0  # waits since the last success
        self._stopping = asyncio.Event()
        self._tasks: list[asyncio.Task] = []
        self._sub = None

    async def start(self) -> None:
        config = self.spec.config()
        try:  # create, or bring an existing durable to the current definition (as ensure_streams does)
            await self.js.add_consumer(self.spec.stream, config)
        except APIError as exc:  # a change the server cannot apply to an existing consumer: keep it
            log.warning("consumer.not_updated", consumer=self.spec.durable, error=exc.description or str(exc))
        sub = await self.js.pull_subscribe(
            self.spec.filter_subject, durable=self.spec.durable, stream=self.spec.stream, config=config
        )
        self._sub = sub
        self._tasks = [asyncio.create_task(self._work(sub), name=f"{self.spec.durable}-{i}") for i in range(self.workers)]
        self._tasks.append(asyncio.create_task(self._watch_lag(), name=f"{self.spec.durable}-lag"))

    async def stop(self) -> None:
        self._stopping.set()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await self._handle_leftovers()
        try:
            await self._sub.unsubscribe()  # the durable consumer stays on the server
        except Exception:  # noqa: BLE001 - already closed
            pass

    async def _work(self, sub) -> None:
        while not self._stopping.is_set():
            try:
                self._last_fetch = time.monotonic()
                msgs = await sub.fetch(self.batch, timeout=FETCH_TIMEOUT)
            except (FetchTimeoutError, asyncio.TimeoutError):
                continue  # idle
            except Exception as exc:  # connection trouble: the client reconnects; wait a little
                log.warning("consumer.fetch_failed", consumer=self.spec.durable, error=str(exc) or type(exc).__name__)
                await asyncio.sleep(0.5)
                continue
            await self._handle(msgs)  # in-flight work finishes even when stopping

    async def _handle(self, msgs: list[Msg]) -> None:
        """Handle fetched messages in turn. Every one is this process's until answered, so
        ``in_progress`` goes to all that are still waiting, not only to the one being handled:
        a slow batch is not redelivered while it waits its turn."""
        waiting = list(msgs)
        keeper = asyncio.create_task(self._keep_alive(waiting))
        try:
            for msg in msgs:
                await self._wait_while_down()
                await self._process(msg)
                waiting.remove(msg)
        finally:
            keeper.cancel()

    async def _wait_while_down(self) -> None:
        """After ``TransientError`` from two different messages in a row, a dependency is down (not
        one message bad): wait before trying the next one, longer each time (the retry delays), so
        the backlog stays in the stream instead of using up its attempts against the outage; the
        fetched messages stay this process's meanwhile. One success resets it; a stop ends the wait."""
        if self._down_streak < 2 or self._stopping.is_set():
            return
        self._pauses += 1
        delay = self.spec.retry_delay(self._pauses)
        structlog.contextvars.clear_contextvars()  # not about the last message
        log.warning("consumer.paused", consumer=self.spec.durable, seconds=delay, failed_in_a_row=self._down_streak)
        try:
            await asyncio.wait_for(self._stopping.wait(), delay)
        except asyncio.TimeoutError:
            pass

    def _note_outcome(self, seq: int, transient: bool) -> None:
        if not transient:
            self._down_streak = self._pauses = 0
        elif seq != self._down_seq:
            self._down_streak += 1
        self._down_seq = seq if transient else None

    async def _handle_leftovers(self) -> None:
        """nats-py's ``fetch`` returns as soon as the first message of a long-poll pull request
        arrives; the rest of that request's batch can still come until the request expires (within
        the fetch timeout) and waits in the subscription for the next fetch. Stopping, there is no
        next fetch: wait the last request out, then handle what came, so nothing delivered to this
        process is left unacknowledged (JetStream would deliver it again after ``ack_wait``)."""
        sub = self._sub
        if sub is None:
            return
        await asyncio.sleep(max(0.0, self._last_fetch + FETCH_TIMEOUT - time.monotonic()) + 0.05)
        while sub.pending_msgs:
            try:
                msgs = await sub.fetch(1, timeout=FETCH_TIMEOUT)  # from the subscription's queue first
            except Exception:  # noqa: BLE001 - only status messages were left, or the connection is gone
                break
            await self._handle(msgs)

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
        transient = False
        try:
            await self.handler(msg)
        except PermanentError as exc:
            outcome, error = "dead_lettered", str(exc)
        except Exception as exc:  # transient or unknown: retry until out of attempts
            error = f"{type(exc).__name__}: {exc}"
            outcome = "dead_lettered" if delivered >= self.spec.max_deliver else "retry"
            transient = isinstance(exc, TransientError)
        self._note_outcome(meta.sequence.stream, transient)
        if outcome == "ok" and self.exit_before_ack:
            self._fault_exit_before_ack()
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

    def _fault_exit_before_ack(self) -> None:
        self._handled += 1
        if self._handled == self.exit_before_ack:
            log.warning("fault.exit_before_ack", handled=self._handled, exit_code=FAULT_EXIT_CODE)
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(FAULT_EXIT_CODE)

    async def _keep_alive(self, waiting: list[Msg]) -> None:
        interval = max(self.spec.ack_wait / 3, 0.5)
        while True:
            await asyncio.sleep(interval)
            for msg in list(waiting):
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
