"""Reprocessing: send stored documents through extraction again, with the extractor running now.

For each stored document matching the filters (listed by the store, page by page), the original
``DocumentSubmitted`` is read back from NEWSEVENTS_INGEST (the last message on
``ingest.documents.<id>``) and published again to the same subject with a fresh message id,
``<document ce-id>.reprocess.<run id>``, and without ``Nats-Expected-…`` headers. The extract
consumer re-extracts it; the store replaces the document's derived rows when the new extraction is
newer. A document whose message the INGEST stream no longer holds (retention) is counted
``not_found``. Running it again is harmless: each run has its own id, the store keeps the newest.

Extract derives its output message ids from the entity and the extractor version, so a reprocess
with an unchanged extractor inside the duplicate window produces outputs JetStream drops as
duplicates: the same content, stored already.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import date
from typing import Literal

import httpx
from nats.js.errors import NotFoundError

from newsevents.contract import subjects
from newsevents.contract.http import MAX_LIMIT, DocumentSummary, Page, ReprocessRequest, ReprocessResult
from newsevents.runtime.errors import TransientError
from newsevents.runtime.http import REQUEST_ID_HEADER
from newsevents.runtime.logging import get_logger

from .dead_letters import JetStreamApi, bounded, header, nats_call, republished_headers
from .metrics import ApiMetrics

log = get_logger(__name__)
Outcome = Literal["republished", "not_found", "failed"]
MISSING_LISTED = 100


async def stored_documents(store: httpx.AsyncClient, *, since: date | None, source: str | None,
                           request_id: str | None = None, page_size: int = MAX_LIMIT,
                           retry_after: float = 1.0) -> AsyncIterator[list[DocumentSummary]]:
    """The store's documents matching the filters, a page at a time (``GET /v1/documents``)."""
    params: dict[str, str | int] = {"limit": page_size}
    if since is not None:
        params["since"] = since.isoformat()
    if source is not None:
        params["source"] = source
    headers = {REQUEST_ID_HEADER: request_id} if request_id else {}
    cursor = None
    while True:
        try:
            answer = await store.get("/v1/documents", params=params | ({"cursor": cursor} if cursor else {}),
                                     headers=headers)
        except httpx.HTTPError as exc:
            raise TransientError(f"the store service is unavailable: {type(exc).__name__}", retry_after=retry_after) from exc
        if answer.status_code != 200:
            raise TransientError(f"the store service answered {answer.status_code} listing documents",
                                 retry_after=retry_after)
        page = Page[DocumentSummary].model_validate_json(answer.content)
        if page.items:
            yield page.items
        if not page.next_cursor:
            return
        cursor = page.next_cursor


class Reprocessor:
    def __init__(self, js: JetStreamApi, metrics: ApiMetrics, *, concurrency: int = 16, operator: str | None = None) -> None:
        self.js = js
        self.metrics = metrics
        self.concurrency = concurrency
        self.operator = operator  # the operator key's name, for the log

    async def run(self, request: ReprocessRequest, documents: AsyncIterator[list[DocumentSummary]],
                  *, run_id: str | None = None) -> ReprocessResult:
        run_id = run_id or uuid.uuid4().hex[:12]
        counts: dict[Outcome, int] = {"republished": 0, "not_found": 0, "failed": 0}
        seen, missing = 0, []
        async for batch in documents:
            seen += len(batch)
            outcomes = await bounded([d.id for d in batch], lambda doc: self._one(doc, run_id, request.dry_run),
                                     self.concurrency)
            for doc, outcome in zip(batch, outcomes):
                counts[outcome] += 1
                if outcome == "not_found" and len(missing) < MISSING_LISTED:
                    missing.append(doc.id)
        result = ReprocessResult(run_id=run_id, dry_run=request.dry_run, documents=seen, missing=missing, **counts)
        log.info("reprocess.done", run_id=run_id, since=request.since and request.since.isoformat(),
                 source=request.source, dry_run=request.dry_run, documents=seen, operator=self.operator, **counts)
        return result

    async def _one(self, document_id: str, run_id: str, dry_run: bool) -> Outcome:
        try:
            subject = subjects.submitted(document_id)
        except ValueError:
            log.warning("reprocess.bad_document_id", document_id=document_id[:80])
            return "failed"
        try:
            original = await nats_call(self.js.get_msg(subjects.INGEST_STREAM, subject=subject), "reading a document")
        except NotFoundError:
            return "not_found"
        except TransientError as exc:
            log.warning("reprocess.failed", document_id=document_id, error=str(exc))
            return "failed"
        if dry_run:
            return "republished"
        message_id = f"{header(original.headers, 'ce-id') or document_id}.reprocess.{run_id}"
        try:
            await nats_call(self.js.publish(subject, original.data or b"",
                                            headers=republished_headers(original.headers, message_id)),
                            "republishing a document")
        except (TransientError, NotFoundError) as exc:
            log.warning("reprocess.failed", document_id=document_id, error=str(exc))
            return "failed"
        self.metrics.documents_reprocessed.inc()
        return "republished"
