"""Handling one submitted document: extract (in a worker thread), publish every output, return.

The input is acknowledged by the delivery loop only after this returns, i.e. after JetStream
acknowledged every article and event message. A redelivery republishes the same message ids,
which JetStream deduplicates; the store is idempotent on natural keys anyway.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import structlog
from nats.aio.msg import Msg
from nats.js import JetStreamContext
from pydantic import ValidationError

from newsevents.contract import cloudevents
from newsevents.contract.messages import DocumentSubmitted
from newsevents.extract.engine import ExtractionError, Extractor
from newsevents.runtime.errors import PermanentError, TransientError

from .metrics import ExtractMetrics
from .outputs import build

log = structlog.get_logger(__name__)


class ExtractHandler:
    def __init__(
        self, extractor: Extractor, js: JetStreamContext, metrics: ExtractMetrics, *, workers: int, publish_timeout: float
    ) -> None:
        self.extractor = extractor
        self.js = js
        self.metrics = metrics
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="extract")
        self.publish_timeout = publish_timeout

    async def __call__(self, msg: Msg) -> None:
        try:
            doc = DocumentSubmitted.model_validate_json(msg.data)
        except ValidationError as exc:
            raise PermanentError(f"not a DocumentSubmitted message: {exc.errors()[:3]}") from exc
        structlog.contextvars.bind_contextvars(document_id=doc.document_id, kind=doc.kind, source=doc.source)
        loop = asyncio.get_running_loop()
        try:
            with self.metrics.seconds.time():
                analyses = await loop.run_in_executor(
                    self.pool,
                    lambda: self.extractor.extract(
                        doc.text, published=doc.published, kind=doc.kind, headline=doc.headline, byline=doc.byline
                    ),
                )
        except ExtractionError as exc:
            raise PermanentError(str(exc)) from exc
        except Exception as exc:  # the engine is pure: what fails on this input fails on every attempt
            raise PermanentError(f"extraction failed: {type(exc).__name__}: {exc}") from exc
        request_id = cloudevents.decode((msg.headers or {}).get("ce-requestid", "")) or None
        outgoing = build(doc, analyses, version=self.extractor.version, at=cloudevents.now(), request_id=request_id)
        results = await asyncio.gather(
            *(self.js.publish(o.subject, o.payload, headers=o.headers, timeout=self.publish_timeout) for o in outgoing),
            return_exceptions=True,
        )
        failures = [r for r in results if isinstance(r, BaseException)]
        if failures:
            raise TransientError(f"{len(failures)} of {len(outgoing)} outputs not acknowledged: {failures[0]!r}")
        events = sum(len(a.events) for a in analyses)
        self.metrics.articles.inc(len(analyses))
        self.metrics.events.inc(events)
        structlog.contextvars.bind_contextvars(articles=len(analyses), events=events)

    def close(self) -> None:
        self.pool.shutdown(wait=True)
