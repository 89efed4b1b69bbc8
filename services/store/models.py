"""The store's tables (SQLAlchemy 2.x ORM declarations); the migrations create exactly these.

Natural keys: a source by name, a document and an article by their contract ids, an event by
its deterministic id. Everything derived from one extraction of an article (its events and
their participants, entities, metrics, quotes) hangs off the article and is replaced with it.

Derived columns make the read side plain equality and range filters on both dialects:
``province_code``/``city_code``/``county_code`` (an adcode's enclosing divisions, for region
prefixes and the stats levels), and an event's ``span_start``/``span_end``/``month`` (its time,
or the publication date when it has none).

Times are stored in UTC (``UTCDateTime``: naive UTC text on SQLite, ``timestamptz`` on
PostgreSQL) and read back timezone-aware.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ID = String(64)
CODE = String(12)


class UTCDateTime(TypeDecorator):
    """Aware datetimes in, aware UTC datetimes out; naive input is taken as UTC."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        value = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UTCDateTime(), date: Date(), dict[str, Any]: JSON(), list[Any]: JSON()}


class Source(Base):
    __tablename__ = "sources"

    name: Mapped[str] = mapped_column(String(200), primary_key=True)
    created_at: Mapped[datetime]


class Document(Base):
    """A pushed item (an article, or a page of several); ``article_count`` of its newest extraction."""

    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    source: Mapped[str] = mapped_column(ForeignKey("sources.name"), index=True)
    external_id: Mapped[str | None] = mapped_column(String(200))
    url: Mapped[str | None] = mapped_column(Text)
    published: Mapped[date]
    article_count: Mapped[int] = mapped_column(Integer)
    extractor_version: Mapped[str] = mapped_column(String(100))
    extracted_at: Mapped[datetime]
    stored_at: Mapped[datetime]


class Article(Base):
    """One extracted article. ``pk`` is a stable integer row id (the SQLite full-text index keys on it)."""

    __tablename__ = "articles"

    pk: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(ID, unique=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    doc_index: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    source: Mapped[str] = mapped_column(ForeignKey("sources.name"), index=True)
    external_id: Mapped[str | None] = mapped_column(String(200))
    url: Mapped[str | None] = mapped_column(Text)
    published: Mapped[date]
    published_at: Mapped[datetime | None]
    headline: Mapped[str | None] = mapped_column(Text)
    subheadline: Mapped[str | None] = mapped_column(Text)
    byline: Mapped[list[Any]]
    body: Mapped[str] = mapped_column(Text)
    subheads: Mapped[list[Any]]
    region_adcode: Mapped[str | None] = mapped_column(CODE)
    region_province: Mapped[str | None] = mapped_column(Text)
    region_city: Mapped[str | None] = mapped_column(Text)
    region_county: Mapped[str | None] = mapped_column(Text)
    province_code: Mapped[str | None] = mapped_column(CODE, index=True)
    city_code: Mapped[str | None] = mapped_column(CODE, index=True)
    county_code: Mapped[str | None] = mapped_column(CODE, index=True)
    event_count: Mapped[int] = mapped_column(Integer)
    extractor_version: Mapped[str] = mapped_column(String(100))
    extracted_at: Mapped[datetime]
    stored_at: Mapped[datetime]

    __table_args__ = (Index("ix_articles_published_id", "published", "id"),)


class Event(Base):
    __tablename__ = "events"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(64), index=True)
    trigger_text: Mapped[str] = mapped_column(Text)
    trigger_start: Mapped[int] = mapped_column(Integer)
    trigger_end: Mapped[int] = mapped_column(Integer)
    sentence: Mapped[str] = mapped_column(Text)
    sentence_start: Mapped[int | None] = mapped_column(Integer)
    sentence_end: Mapped[int | None] = mapped_column(Integer)
    time_text: Mapped[str | None] = mapped_column(Text)
    time_start: Mapped[date | None]
    time_end: Mapped[date | None]
    time_fuzzy: Mapped[bool | None] = mapped_column(Boolean)
    time_offset: Mapped[int | None] = mapped_column(Integer)
    location_text: Mapped[str | None] = mapped_column(Text)
    location_adcode: Mapped[str | None] = mapped_column(CODE)
    quantities: Mapped[list[Any]]
    region_adcode: Mapped[str | None] = mapped_column(CODE)  # the location's, else the article's
    province_code: Mapped[str | None] = mapped_column(CODE, index=True)
    city_code: Mapped[str | None] = mapped_column(CODE, index=True)
    county_code: Mapped[str | None] = mapped_column(CODE, index=True)
    span_start: Mapped[date]  # the event's time, else the publication date
    span_end: Mapped[date]
    month: Mapped[str] = mapped_column(String(7))  # YYYY-MM of span_start

    __table_args__ = (Index("ix_events_span_start_id", "span_start", "id"),)


class EventParticipant(Base):
    __tablename__ = "event_participants"

    event_id: Mapped[str] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(64))

    __table_args__ = (Index("ix_event_participants_name", "name"),)


class Entity(Base):
    __tablename__ = "entities"

    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    label: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    start_offset: Mapped[int] = mapped_column(Integer)
    end_offset: Mapped[int] = mapped_column(Integer)
    adcode: Mapped[str | None] = mapped_column(CODE)

    __table_args__ = (Index("ix_entities_label_text", "label", "text"),)


class MetricRow(Base):
    __tablename__ = "metrics"

    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(64))
    start_offset: Mapped[int] = mapped_column(Integer)
    end_offset: Mapped[int] = mapped_column(Integer)


class QuoteRow(Base):
    __tablename__ = "quotes"

    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    speaker: Mapped[str | None] = mapped_column(Text)
    role: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    start_offset: Mapped[int] = mapped_column(Integer)
    end_offset: Mapped[int] = mapped_column(Integer)


# Tables the children of an article live in, in the order they are deleted.
ARTICLE_CHILDREN = (EventParticipant, Event, Entity, MetricRow, QuoteRow)
