"""Rows read back as the contract's HTTP models (``contract/http.py``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from newsevents.contract.analysis import Entity, Location, Metric, Participant, Quantity, Quote, Region, Span, TimeSpan
from newsevents.contract.http import ArticleSummary, EventRecord

Row = Mapping[str, Any]


def number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def region(row: Row, prefix: str = "") -> Region | None:
    adcode = row[f"{prefix}region_adcode"]
    if adcode is None:
        return None
    return Region(
        adcode=adcode,
        province=row[f"{prefix}region_province"],
        city=row[f"{prefix}region_city"],
        county=row[f"{prefix}region_county"],
    )


def article_summary(row: Row) -> dict[str, Any]:
    """The ``ArticleSummary`` fields of an article row (``ArticleDetail`` adds to them)."""
    return {
        "id": row["id"],
        "document_id": row["document_id"],
        "kind": row["kind"],
        "source": row["source"],
        "external_id": row["external_id"],
        "url": row["url"],
        "published": row["published"],
        "headline": row["headline"],
        "subheadline": row["subheadline"],
        "byline": list(row["byline"] or []),
        "region": region(row),
        "event_count": row["event_count"],
        "extractor_version": row["extractor_version"],
        "extracted_at": row["extracted_at"],
    }


def summary(row: Row) -> ArticleSummary:
    return ArticleSummary(**article_summary(row))


def event_record(row: Row, participants: Iterable[Row]) -> EventRecord:
    """An event row joined with its article's columns (prefixed ``a_``)."""
    time = None
    if row["time_text"] is not None:
        time = TimeSpan(
            text=row["time_text"],
            start=row["time_start"],
            end=row["time_end"],
            fuzzy=bool(row["time_fuzzy"]),
            offset=row["time_offset"],
        )
    location = None
    if row["location_text"] is not None:
        location = Location(text=row["location_text"], adcode=row["location_adcode"])
    return EventRecord(
        id=row["id"],
        type=row["type"],
        trigger=Span(text=row["trigger_text"], start=row["trigger_start"], end=row["trigger_end"]),
        sentence=row["sentence"],
        sentence_start=row["sentence_start"],
        time=time,
        location=location,
        participants=[Participant(name=p["name"], role=p["role"]) for p in participants],
        quantities=[Quantity.model_validate(q) for q in row["quantities"] or []],
        article_id=row["article_id"],
        document_id=row["a_document_id"],
        source=row["a_source"],
        published=row["a_published"],
        headline=row["a_headline"],
        url=row["a_url"],
        region=region(row, "a_"),
        extractor_version=row["a_extractor_version"],
    )


def entity(row: Row) -> Entity:
    return Entity(
        text=row["text"], label=row["label"], start=row["start_offset"], end=row["end_offset"], adcode=row["adcode"]
    )


def metric(row: Row) -> Metric:
    return Metric(
        text=row["text"], value=number(row["value"]), unit=row["unit"], start=row["start_offset"], end=row["end_offset"]
    )


def quote(row: Row) -> Quote:
    return Quote(
        speaker=row["speaker"], role=row["role"], text=row["text"], start=row["start_offset"], end=row["end_offset"]
    )
