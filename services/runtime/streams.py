"""Stream and consumer definitions, and the idempotent provisioning every service runs at start.

Every service ensures the streams it touches, so any start order works; the definitions live
here once. Consumers are durable pull consumers with explicit acks.
"""

from __future__ import annotations

from dataclasses import dataclass

from nats.js import JetStreamContext
from nats.js.api import AckPolicy, ConsumerConfig, DiscardPolicy, RetentionPolicy, StorageType, StreamConfig
from nats.js.errors import BadRequestError, NotFoundError

from newsevents.contract import subjects

from .settings import ServiceSettings

DAY = 86_400.0


def stream_configs(settings: ServiceSettings) -> dict[str, StreamConfig]:
    max_age = settings.stream_max_age_days * DAY or None

    max_bytes = settings.stream_max_bytes or None

    def cfg(
        name: str, subject: str, description: str, age: float | None = max_age, limit: int | None = max_bytes
    ) -> StreamConfig:
        # A full stream refuses new messages (discard=new): an accepted document or an extracted
        # article is never dropped to make room; the publisher gets the refusal and backs off.
        return StreamConfig(
            name=name,
            description=description,
            subjects=[subject],
            retention=RetentionPolicy.LIMITS,
            storage=StorageType.FILE,
            num_replicas=settings.stream_replicas,
            duplicate_window=settings.duplicate_window_seconds,
            max_age=age,
            max_bytes=limit,
            max_msg_size=settings.max_payload_bytes,
            discard=DiscardPolicy.NEW if limit else DiscardPolicy.OLD,
        )

    return {
        subjects.INGEST_STREAM: cfg(
            subjects.INGEST_STREAM,
            subjects.INGEST_SUBJECTS,
            "pushed articles and pages; one subject per document id (also the long-term duplicate check)",
        ),
        subjects.ARTICLES_STREAM: cfg(
            subjects.ARTICLES_STREAM, subjects.ARTICLES_SUBJECTS, "extracted articles, by region"
        ),
        subjects.EVENTS_STREAM: cfg(subjects.EVENTS_STREAM, subjects.EVENTS_SUBJECTS, "extracted events, by type and region"),
        subjects.DLQ_STREAM: cfg(subjects.DLQ_STREAM, subjects.DLQ_SUBJECTS, "dead letters, by consumer", age=None,
                                 limit=None),
    }


async def ensure_streams(js: JetStreamContext, settings: ServiceSettings, names: list[str] | None = None) -> None:
    """Create the streams, or bring an existing one to the current definition."""
    for name, config in stream_configs(settings).items():
        if names is not None and name not in names:
            continue
        try:
            info = await js.stream_info(name)
        except NotFoundError:
            try:
                await js.add_stream(config)
                continue
            except BadRequestError:  # another service created it meanwhile
                info = await js.stream_info(name)
        current = info.config
        if (
            current.subjects != config.subjects
            or current.duplicate_window != config.duplicate_window
            or (current.max_age or 0) != (config.max_age or 0)
            or current.max_msg_size != config.max_msg_size
            or _limit(current.max_bytes) != _limit(config.max_bytes)
            or (current.discard or DiscardPolicy.OLD) != config.discard
        ):
            await js.update_stream(config)


def _limit(value: int | None) -> int:
    return value if value and value > 0 else -1  # the server reports "no limit" as -1


@dataclass(frozen=True)
class ConsumerSpec:
    """A durable pull consumer and the delivery policy its loop applies."""

    stream: str
    durable: str
    filter_subject: str
    ack_wait: float = 60.0  # seconds a delivery may stay unacked (in_progress() extends it)
    max_deliver: int = 5
    backoff: tuple[float, ...] = (2.0, 10.0, 30.0, 60.0)  # delay before redelivery n (nak delay)
    max_ack_pending: int = 64

    def config(self) -> ConsumerConfig:
        # The loop dead-letters after `max_deliver` attempts; the server allows two more so that a
        # dead-letter publish that failed can itself be retried. A delivery whose handler died
        # without answering comes back after `ack_wait`. No server-side `backoff` list: with one,
        # nats-server stretches every nak delay after the first by backoff[n-1] - ack_wait
        # (measured on 2.15: nak(3 s) at the 2nd delivery with ack_wait 4 s and backoff 4, 8 s
        # came back after 7 s), so `retry_delay` would not be the delay the loop asked for.
        return ConsumerConfig(
            durable_name=self.durable,
            ack_policy=AckPolicy.EXPLICIT,
            ack_wait=self.ack_wait,
            max_deliver=self.max_deliver + 2,
            filter_subject=self.filter_subject,
            max_ack_pending=self.max_ack_pending,
        )

    def retry_delay(self, delivered: int) -> float:
        """Delay before the next attempt after ``delivered`` attempts (1-based)."""
        return self.backoff[min(delivered, len(self.backoff)) - 1] if self.backoff else 0.0
