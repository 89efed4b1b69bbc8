"""What one submitted document becomes on the wire: its articles and their events."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from newsevents.contract import cloudevents, ids, subjects
from newsevents.contract.analysis import ArticleAnalysis
from newsevents.contract.messages import ArticleExtracted, DocumentSubmitted, EventExtracted

SOURCE = "/newsevents/extract"


@dataclass(frozen=True)
class Outgoing:
    subject: str
    payload: bytes
    headers: dict[str, str]


def build(
    doc: DocumentSubmitted, analyses: list[ArticleAnalysis], *, version: str, at: datetime, request_id: str | None
) -> list[Outgoing]:
    """Article messages (each with its events, ids assigned) followed by one message per event."""
    out: list[Outgoing] = []
    count = len(analyses)
    for index, analysis in enumerate(analyses):
        article_id = ids.article_id(doc.document_id, index, doc.kind)
        events = [
            e.model_copy(update={"id": ids.event_id(article_id, e.type, e.trigger.start)}) for e in analysis.events
        ]
        article = ArticleExtracted(
            **analysis.model_dump(exclude={"events"}),
            events=events,
            article_id=article_id,
            document_id=doc.document_id,
            index=index,
            count=count,
            kind=doc.kind,
            source=doc.source,
            external_id=doc.external_id,
            url=doc.url,
            published=doc.published,
            published_at=doc.published_at,
            extractor_version=version,
            extracted_at=at,
        )
        region = article.region.adcode if article.region else None
        out.append(_message("article", article_id, version, cloudevents.ARTICLE_EXTRACTED,
                            subjects.article(region, article_id), article.model_dump_json(), at, request_id))
        for event in events:
            message = EventExtracted(
                **event.model_dump(),
                article_id=article_id,
                document_id=doc.document_id,
                source=doc.source,
                published=doc.published,
                headline=article.headline,
                url=doc.url,
                region=article.region,
                extractor_version=version,
                extracted_at=at,
            )
            where = (event.location.adcode if event.location and event.location.adcode else None) or region
            out.append(_message("event", event.id, version, cloudevents.EVENT_EXTRACTED,
                                subjects.event(event.type, where), message.model_dump_json(), at, request_id))
    return out


def _message(kind: str, entity_id: str, version: str, ce_type: str, subject: str, payload: str, at: datetime,
             request_id: str | None) -> Outgoing:
    event = cloudevents.CloudEvent(
        id=ids.message_id(kind, entity_id, version),
        type=ce_type,
        source=SOURCE,
        subject=entity_id,
        time=at,
        requestid=request_id,
    )
    return Outgoing(subject, payload.encode(), event.headers())
