"""Submitting a document: one JetStream publish that is also the long-term duplicate check.

The document's subject is ``ingest.documents.<id>`` and the publish carries
``Nats-Expected-Last-Subject-Sequence: 0``: JetStream stores it only if that subject is empty,
atomically — so the same item pushed again, even an hour later (far outside the duplicate
window), is refused by the server and answered as a duplicate. ``Nats-Msg-Id`` (= ``ce-id``)
makes a retried publish within the window a duplicate too. The answer is given only after
JetStream acknowledged: nothing is half-written.
"""

from __future__ import annotations

import asyncio

from nats.aio.client import Client
from nats.errors import ConnectionClosedError, NoRespondersError, OutboundBufferLimitError, TimeoutError as NatsTimeout
from nats.js.errors import APIError, ServiceUnavailableError

from newsevents.contract import cloudevents, ids, subjects
from newsevents.contract.messages import DocumentSubmitted
from newsevents.runtime.errors import TransientError

WRONG_LAST_SEQUENCE = 10071  # JSStreamWrongLastSequenceErr
SOURCE = "/newsevents/ingest"


class Publisher:
    def __init__(self, *, timeout: float) -> None:
        self.nc: Client | None = None  # attached once connected (app lifespan)
        self.timeout = timeout

    def attach(self, nc: Client) -> None:
        self.nc = nc
        self.js = nc.jetstream(timeout=self.timeout)

    async def submit(self, doc: DocumentSubmitted, *, request_id: str | None) -> bool:
        """Publish ``doc``; returns True when it had been accepted before. Raises TransientError."""
        if self.nc is None or not self.nc.is_connected:
            raise TransientError("the message broker is not reachable; retry shortly", retry_after=2)
        event = cloudevents.CloudEvent(
            id=ids.message_id("document", doc.document_id),
            type=cloudevents.DOCUMENT_SUBMITTED,
            source=SOURCE,
            subject=doc.document_id,
            time=doc.received_at,
            requestid=request_id,
        )
        headers = event.headers() | {"Nats-Expected-Last-Subject-Sequence": "0"}
        try:
            ack = await self.js.publish(
                subjects.submitted(doc.document_id), doc.model_dump_json().encode(), headers=headers, timeout=self.timeout
            )
        except APIError as exc:
            if exc.err_code == WRONG_LAST_SEQUENCE:
                return True
            if isinstance(exc, ServiceUnavailableError) or (exc.code or 0) >= 500:
                raise TransientError(f"JetStream unavailable: {exc.description}", retry_after=2) from exc
            raise TransientError(f"JetStream refused the message: {exc.description}", retry_after=5) from exc
        except (NatsTimeout, asyncio.TimeoutError, NoRespondersError, ConnectionClosedError, OutboundBufferLimitError) as exc:
            raise TransientError("JetStream did not acknowledge in time; retry", retry_after=2) from exc
        return bool(ack.duplicate)
