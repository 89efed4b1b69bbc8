"""The read side: filtered, keyset-paginated lists, single records, and event statistics.

Lists are newest first: articles by ``(published, id)``, events by ``(span_start, id)``
(the event's time, else its publication date); see ``cursors``. Filters:

- ``region``: the article's region (articles) or the event's location, else its article's
  region (events), within a province, city or county (see ``regions``);
- ``from``/``to``: publication date (articles); for events an overlap of the event's span
  with ``[from, to]`` (events without a time occupy their publication date);
- ``q``: substrings (see ``search``): headline or body (articles), the sentence (events);
- ``person``/``organization`` (events): the exact name is a participant of the event, or is
  a person/organization entity of the article that lies inside the event's sentence;
- ``source``, ``document``, ``article``, ``type``: equality.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Literal

import sqlalchemy as sa
from sqlalchemy.orm import aliased
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from newsevents.contract.http import (
    ArticleDetail,
    ArticleSummary,
    DocumentSummary,
    EventRecord,
    Page,
    Stats,
    StatsRow,
)

from . import records
from .cursors import Cursor, decode
from .db import Database
from .models import Article, Document, Entity, Event, EventParticipant, MetricRow, QuoteRow
from .regions import UNKNOWN, RegionFilter
from .search import article_matches, contains, terms

ARTICLES, EVENTS, DOCUMENTS = "articles", "events", "documents"
_DOCUMENT_COLUMNS = [Document.id, Document.kind, Document.source, Document.external_id, Document.published,
                     Document.article_count, Document.extractor_version, Document.extracted_at]

_SUMMARY_COLUMNS = [c for c in Article.__table__.c if c.key not in {"body", "subheads", "pk"}]
_ARTICLE_FOR_EVENT = [
    Article.document_id.label("a_document_id"),
    Article.source.label("a_source"),
    Article.published.label("a_published"),
    Article.headline.label("a_headline"),
    Article.url.label("a_url"),
    Article.region_adcode.label("a_region_adcode"),
    Article.region_province.label("a_region_province"),
    Article.region_city.label("a_region_city"),
    Article.region_county.label("a_region_county"),
    Article.extractor_version.label("a_extractor_version"),
]


@dataclass(frozen=True)
class ArticleQuery:
    q: str | None = None
    region: RegionFilter | None = None
    source: str | None = None
    document: str | None = None
    published_from: date | None = None
    published_to: date | None = None


@dataclass(frozen=True)
class EventQuery:
    type: str | None = None
    region: RegionFilter | None = None
    date_from: date | None = None
    date_to: date | None = None
    person: str | None = None
    organization: str | None = None
    q: str | None = None
    source: str | None = None
    article: str | None = None


class Queries:
    def __init__(self, db: Database) -> None:
        self.db = db

    # ---- articles ------------------------------------------------------------------------------

    def articles(self, query: ArticleQuery, *, limit: int, cursor: str | None = None) -> Page[ArticleSummary]:
        after = decode(cursor, ARTICLES) if cursor else None
        stmt = sa.select(*_SUMMARY_COLUMNS).where(*self._article_conditions(query))
        with self.db.engine.connect() as conn:
            rows = _page(conn, stmt, Article.published, Article.id, after, limit)
        return _paged(Page[ArticleSummary], rows, limit, ARTICLES, "published", records.summary)

    def article(self, article_id: str) -> ArticleDetail | None:
        with self.db.engine.connect() as conn:
            row = conn.execute(sa.select(Article.__table__).where(Article.id == article_id)).mappings().first()
            if row is None:
                return None
            events = self._event_records(conn, _events_select().where(Event.article_id == article_id), Event.position)
            children = {
                table: conn.execute(
                    sa.select(table.__table__).where(table.article_id == article_id).order_by(table.position)
                ).mappings().all()
                for table in (Entity, MetricRow, QuoteRow)
            }
        return ArticleDetail(
            **records.article_summary(row),
            body=row["body"],
            subheads=list(row["subheads"] or []),
            entities=[records.entity(r) for r in children[Entity]],
            events=events,
            metrics=[records.metric(r) for r in children[MetricRow]],
            quotes=[records.quote(r) for r in children[QuoteRow]],
        )

    def _article_conditions(self, query: ArticleQuery) -> list[ColumnElement[bool]]:
        conds: list[ColumnElement[bool]] = []
        if query.region:
            conds.append(_region_column(Article, query.region) == query.region.code)
        if query.source:
            conds.append(Article.source == query.source)
        if query.document:
            conds.append(Article.document_id == query.document)
        if query.published_from:
            conds.append(Article.published >= query.published_from)
        if query.published_to:
            conds.append(Article.published <= query.published_to)
        conds.extend(article_matches(t, self.db.dialect, fts=self.db.fts) for t in terms(query.q))
        return conds

    # ---- documents (for reprocessing) -----------------------------------------------------------

    def documents(self, *, since: date | None = None, source: str | None = None, limit: int,
                  cursor: str | None = None) -> Page[DocumentSummary]:
        """Stored documents published on or after ``since`` (of ``source``), newest first."""
        after = decode(cursor, DOCUMENTS) if cursor else None
        conds: list[ColumnElement[bool]] = []
        if since is not None:
            conds.append(Document.published >= since)
        if source is not None:
            conds.append(Document.source == source)
        stmt = sa.select(*_DOCUMENT_COLUMNS).where(*conds)
        with self.db.engine.connect() as conn:
            rows = _page(conn, stmt, Document.published, Document.id, after, limit)
        return _paged(Page[DocumentSummary], rows, limit, DOCUMENTS, "published", lambda r: DocumentSummary(**r))

    # ---- events --------------------------------------------------------------------------------

    def events(self, query: EventQuery, *, limit: int, cursor: str | None = None) -> Page[EventRecord]:
        after = decode(cursor, EVENTS) if cursor else None
        stmt = _events_select().where(*self._event_conditions(query))
        with self.db.engine.connect() as conn:
            rows = _page(conn, stmt, Event.span_start, Event.id, after, limit)
            participants = _participants(conn, [r["id"] for r in rows[:limit]])
        return _paged(
            Page[EventRecord],
            rows,
            limit,
            EVENTS,
            "span_start",
            lambda r: records.event_record(r, participants.get(r["id"], [])),
        )

    def event(self, event_id: str) -> EventRecord | None:
        with self.db.engine.connect() as conn:
            found = self._event_records(conn, _events_select().where(Event.id == event_id), Event.position)
        return found[0] if found else None

    def event_stats(self, query: EventQuery, level: Literal["province", "city", "county"]) -> Stats:
        code = {"province": Event.province_code, "city": Event.city_code, "county": Event.county_code}[level]
        stmt = (
            sa.select(Event.type, code.label("region"), Event.month, sa.func.count().label("n"))
            .select_from(Event.__table__.join(Article.__table__, Event.article_id == Article.id))
            .where(*self._event_conditions(query))
            .group_by(Event.type, code, Event.month)
        )
        counts: dict[tuple[str, str, str], int] = defaultdict(int)
        with self.db.engine.connect() as conn:
            for row in conn.execute(stmt).mappings():
                counts[(row["type"], row["region"] or UNKNOWN, row["month"])] += row["n"]
        items = [StatsRow(type=t, region=r, month=m, count=n) for (t, r, m), n in sorted(counts.items())]
        return Stats(level=level, items=items)

    def _event_conditions(self, query: EventQuery) -> list[ColumnElement[bool]]:
        conds: list[ColumnElement[bool]] = []
        if query.type:
            conds.append(Event.type == query.type)
        if query.region:
            conds.append(_region_column(Event, query.region) == query.region.code)
        if query.date_from:
            conds.append(Event.span_end >= query.date_from)
        if query.date_to:
            conds.append(Event.span_start <= query.date_to)
        if query.person:
            conds.append(self._named(query.person, "person"))
        if query.organization:
            conds.append(self._named(query.organization, "organization"))
        conds.extend(contains(Event.sentence, t, self.db.dialect) for t in terms(query.q))
        if query.source:
            conds.append(Article.source == query.source)
        if query.article:
            conds.append(Event.article_id == query.article)
        return conds

    def _named(self, name: str, label: str) -> ColumnElement[bool]:
        """``name`` takes part in the event, or is a ``label`` entity inside the event's sentence."""
        # Uncorrelated subqueries, each driven by its name index and computed once (a correlated
        # EXISTS per event row was seconds on a few thousand events).
        participating = sa.select(EventParticipant.event_id).where(EventParticipant.name == name)
        ev = aliased(Event)
        in_sentence = sa.or_(
            sa.and_(
                ev.sentence_start.is_not(None),
                Entity.start_offset >= ev.sentence_start,
                Entity.end_offset <= ev.sentence_end,
            ),
            sa.and_(ev.sentence_start.is_(None), contains(ev.sentence, name, self.db.dialect)),
        )
        mentioned = (
            sa.select(ev.id)
            .join(Entity, Entity.article_id == ev.article_id)
            .where(Entity.label == label, Entity.text == name, in_sentence)
        )
        return sa.or_(Event.id.in_(participating), Event.id.in_(mentioned))

    def _event_records(self, conn: Connection, stmt, order) -> list[EventRecord]:
        rows = conn.execute(stmt.order_by(order)).mappings().all()
        participants = _participants(conn, [r["id"] for r in rows])
        return [records.event_record(r, participants.get(r["id"], [])) for r in rows]


def _events_select() -> sa.Select:
    return sa.select(Event.__table__, *_ARTICLE_FOR_EVENT).select_from(
        Event.__table__.join(Article.__table__, Event.article_id == Article.id)
    )


def _region_column(model, region: RegionFilter):
    return {"province": model.province_code, "city": model.city_code, "county": model.county_code}[region.level]


def _page(conn: Connection, stmt: sa.Select, day, key, after: Cursor | None, limit: int) -> list:
    if after is not None:
        stmt = stmt.where(sa.or_(day < after.day, sa.and_(day == after.day, key < after.id)))
    stmt = stmt.order_by(day.desc(), key.desc()).limit(limit + 1)
    return list(conn.execute(stmt).mappings().all())


def _paged(model: type[Page], rows: list, limit: int, kind: str, day_key: str, build) -> Page:
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = Cursor(kind, rows[-1][day_key], rows[-1]["id"]).encode() if more and rows else None
    return model(items=[build(r) for r in rows], next_cursor=next_cursor)


def _participants(conn: Connection, event_ids: list[str]) -> dict[str, list]:
    if not event_ids:
        return {}
    out: dict[str, list] = defaultdict(list)
    stmt = (
        sa.select(EventParticipant.__table__)
        .where(EventParticipant.event_id.in_(event_ids))
        .order_by(EventParticipant.event_id, EventParticipant.position)
    )
    for row in conn.execute(stmt).mappings():
        out[row["event_id"]].append(row)
    return out
