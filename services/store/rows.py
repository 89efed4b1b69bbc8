"""An ``ArticleExtracted`` message as the rows the store writes (pure functions, no database).

Events without an id get the deterministic one the extract service would have given them
(``ids.event_id``); an event repeated within one message is kept once. An event's region is
its location's adcode, else the article's; its span is its time (an open end takes the other
end) or, without a time, the publication date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from newsevents.contract import ids
from newsevents.contract.analysis import Event
from newsevents.contract.messages import ArticleExtracted

from .regions import divisions


@dataclass
class ArticleRows:
    document: dict[str, Any]
    article: dict[str, Any]
    events: list[dict[str, Any]] = field(default_factory=list)
    participants: list[dict[str, Any]] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    metrics: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)


def article_rows(msg: ArticleExtracted, now: datetime) -> ArticleRows:
    region = msg.region
    where = divisions(region.adcode if region else None)
    rows = ArticleRows(
        document={
            "id": msg.document_id,
            "kind": msg.kind,
            "source": msg.source,
            "external_id": msg.external_id,
            "url": msg.url,
            "published": msg.published,
            "article_count": msg.count,
            "extractor_version": msg.extractor_version,
            "extracted_at": msg.extracted_at,
            "stored_at": now,
        },
        article={
            "id": msg.article_id,
            "document_id": msg.document_id,
            "doc_index": msg.index,
            "kind": msg.kind,
            "source": msg.source,
            "external_id": msg.external_id,
            "url": msg.url,
            "published": msg.published,
            "published_at": msg.published_at,
            "headline": msg.headline,
            "subheadline": msg.subheadline,
            "byline": list(msg.byline),
            "body": msg.body,
            "subheads": list(msg.subheads),
            "region_adcode": region.adcode if region else None,
            "region_province": region.province if region else None,
            "region_city": region.city if region else None,
            "region_county": region.county if region else None,
            "province_code": where.province,
            "city_code": where.city,
            "county_code": where.county,
            "event_count": 0,
            "extractor_version": msg.extractor_version,
            "extracted_at": msg.extracted_at,
            "stored_at": now,
        },
    )
    seen: set[str] = set()
    for event in msg.events:
        event_id = event.id or ids.event_id(msg.article_id, event.type, event.trigger.start)
        if event_id in seen:
            continue
        seen.add(event_id)
        rows.events.append(_event_row(event, event_id, len(rows.events), msg))
        rows.participants.extend(
            {"event_id": event_id, "position": i, "name": p.name, "role": p.role} for i, p in enumerate(event.participants)
        )
    rows.article["event_count"] = len(rows.events)
    rows.entities = [
        {
            "article_id": msg.article_id,
            "position": i,
            "label": e.label,
            "text": e.text,
            "start_offset": e.start,
            "end_offset": e.end,
            "adcode": e.adcode,
        }
        for i, e in enumerate(msg.entities)
    ]
    rows.metrics = [
        {
            "article_id": msg.article_id,
            "position": i,
            "text": m.text,
            "value": float(m.value),
            "unit": m.unit,
            "start_offset": m.start,
            "end_offset": m.end,
        }
        for i, m in enumerate(msg.metrics)
    ]
    rows.quotes = [
        {
            "article_id": msg.article_id,
            "position": i,
            "speaker": q.speaker,
            "role": q.role,
            "text": q.text,
            "start_offset": q.start,
            "end_offset": q.end,
        }
        for i, q in enumerate(msg.quotes)
    ]
    return rows


def _event_row(event: Event, event_id: str, position: int, msg: ArticleExtracted) -> dict[str, Any]:
    time, location = event.time, event.location
    adcode = (location.adcode if location and location.adcode else None) or (msg.region.adcode if msg.region else None)
    where = divisions(adcode)
    span_start, span_end = span(event, msg.published)
    return {
        "id": event_id,
        "article_id": msg.article_id,
        "position": position,
        "type": event.type,
        "trigger_text": event.trigger.text,
        "trigger_start": event.trigger.start,
        "trigger_end": event.trigger.end,
        "sentence": event.sentence,
        "sentence_start": event.sentence_start,
        "sentence_end": None if event.sentence_start is None else event.sentence_start + len(event.sentence),
        "time_text": time.text if time else None,
        "time_start": time.start if time else None,
        "time_end": time.end if time else None,
        "time_fuzzy": time.fuzzy if time else None,
        "time_offset": time.offset if time else None,
        "location_text": location.text if location else None,
        "location_adcode": location.adcode if location else None,
        "quantities": [q.model_dump(mode="json") for q in event.quantities],
        "region_adcode": adcode,
        "province_code": where.province,
        "city_code": where.city,
        "county_code": where.county,
        "span_start": span_start,
        "span_end": span_end,
        "month": f"{span_start.year:04d}-{span_start.month:02d}",
    }


def span(event: Event, published: date) -> tuple[date, date]:
    """The interval an event occupies: its time, else the publication date."""
    time = event.time
    start = (time.start or time.end) if time else None
    end = (time.end or time.start) if time else None
    start, end = start or published, end or published
    return (start, end) if start <= end else (end, start)
