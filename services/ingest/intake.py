"""From a validated push to a submitted document: identity, message, publish, metrics."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from newsevents.contract import ids
from newsevents.contract.http import Accepted, ArticleIn, ErrorDetail, PageIn
from newsevents.contract.messages import DocumentSubmitted
from newsevents.contract.cloudevents import now
from newsevents.runtime.http import HttpError, validation_details

from .metrics import IngestMetrics
from .publisher import Publisher


def validate_push(value: Any, *, prefix: str = "body") -> ArticleIn | PageIn:
    """A JSON value as an article or a page (``kind: "page"``); 422 with field paths otherwise."""
    if not isinstance(value, dict):
        raise HttpError(422, "the item must be a JSON object",
                        details=[ErrorDetail(path=prefix, message="expected an object")])
    model = PageIn if value.get("kind") == "page" else ArticleIn
    try:
        return model.model_validate(value)
    except ValidationError as exc:
        raise HttpError(422, "the item is not valid", details=validation_details(exc.errors(), prefix=prefix)) from None


def to_message(item: ArticleIn | PageIn) -> DocumentSubmitted:
    published = item.published_date
    document_id = ids.document_id(
        source=item.source,
        kind=item.kind,
        external_id=item.external_id,
        version=item.version,
        published=published.isoformat(),
        headline=item.headline,
        text=item.text,
    )
    return DocumentSubmitted(
        document_id=document_id,
        kind=item.kind,
        source=item.source,
        external_id=item.external_id,
        version=item.version,
        url=item.url,
        published=published,
        published_at=item.published_at,
        headline=item.headline,
        byline=item.byline,
        text=item.text,
        language=item.language,
        received_at=now(),
    )


class Intake:
    def __init__(self, publisher: Publisher, metrics: IngestMetrics) -> None:
        self.publisher = publisher
        self.metrics = metrics

    async def accept(self, item: ArticleIn | PageIn, *, request_id: str | None, via: str) -> Accepted:
        message = to_message(item)
        duplicate = await self.publisher.submit(message, request_id=request_id)
        (self.metrics.duplicates if duplicate else self.metrics.accepted).labels(via, item.kind).inc()
        return Accepted(id=message.document_id, kind=item.kind, duplicate=duplicate)
