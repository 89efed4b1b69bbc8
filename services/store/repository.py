"""The write side: one extracted article stored idempotently, in one transaction.

For an ``ArticleExtracted`` message, in a single transaction:

1. its source and document rows exist (``INSERT … ON CONFLICT DO NOTHING``), and the document
   row is locked (PostgreSQL ``FOR UPDATE``; SQLite writers hold the database lock from
   ``BEGIN IMMEDIATE``), so writers of one document take turns;
2. the article is compared with what is stored, by ``extracted_at``:
   none stored → **stored**; same → **duplicate** (a redelivery; nothing written);
   stored one older → **replaced** (the article row updated, its events, participants,
   entities, metrics and quotes deleted and written anew); stored one newer → **stale**;
   and a message older than the document's newest extraction whose ``index`` lies beyond
   that extraction's ``count`` is **stale** too (the page now has fewer articles);
3. when the message belongs to the document's newest extraction, articles of the document
   with ``index >= count`` from older extractions are removed (a page re-extracted into fewer
   articles), and the document row takes the newest ``count``.

The caller sees the outcome only after the commit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from sqlalchemy import delete, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from newsevents.contract.messages import ArticleExtracted

from .db import Database
from .models import Article, Document, Entity, Event, EventParticipant, MetricRow, QuoteRow, Source
from .rows import ArticleRows, article_rows

Outcome = Literal["stored", "replaced", "duplicate", "stale"]


@dataclass(frozen=True)
class StoreResult:
    outcome: Outcome
    events: int = 0  # events written
    removed: int = 0  # articles of the document removed because its newest extraction has fewer


def utcnow() -> datetime:
    return datetime.now(UTC)


class Repository:
    def __init__(self, db: Database, *, clock: Callable[[], datetime] = utcnow) -> None:
        self.db = db
        self.clock = clock

    def store(self, msg: ArticleExtracted) -> StoreResult:
        rows = article_rows(msg, self.clock())
        with self.db.writer.begin() as conn:
            self._insert_ignore(conn, Source, [{"name": msg.source, "created_at": rows.article["stored_at"]}], ["name"])
            self._insert_ignore(conn, Document, [rows.document], ["id"])
            doc = conn.execute(
                select(Document.extracted_at, Document.article_count)
                .where(Document.id == msg.document_id)
                .with_for_update()
            ).one()
            if msg.extracted_at < doc.extracted_at and msg.index >= doc.article_count:
                return StoreResult("stale")
            result = self._write_article(conn, msg, rows)
            removed = 0
            if msg.extracted_at >= doc.extracted_at:
                removed = self._remove_beyond(conn, msg)
            if msg.extracted_at > doc.extracted_at:
                changes = {k: v for k, v in rows.document.items() if k != "id"}
                conn.execute(update(Document).where(Document.id == msg.document_id).values(**changes))
        return StoreResult(result.outcome, result.events, removed)

    def _write_article(self, conn: Connection, msg: ArticleExtracted, rows: ArticleRows) -> StoreResult:
        stored = conn.execute(select(Article.extracted_at).where(Article.id == msg.article_id)).first()
        if stored is None:
            conn.execute(insert(Article).values(**rows.article))
            self._insert_children(conn, rows)
            return StoreResult("stored", len(rows.events))
        if stored.extracted_at == msg.extracted_at:
            return StoreResult("duplicate")
        if stored.extracted_at > msg.extracted_at:
            return StoreResult("stale")
        self._delete_children(conn, [msg.article_id])
        conn.execute(update(Article).where(Article.id == msg.article_id).values(**rows.article))
        self._insert_children(conn, rows)
        return StoreResult("replaced", len(rows.events))

    def _remove_beyond(self, conn: Connection, msg: ArticleExtracted) -> int:
        doomed = list(
            conn.execute(
                select(Article.id).where(
                    Article.document_id == msg.document_id,
                    Article.doc_index >= msg.count,
                    Article.extracted_at < msg.extracted_at,
                )
            ).scalars()
        )
        if doomed:
            self._delete_children(conn, doomed)
            conn.execute(delete(Article).where(Article.id.in_(doomed)))
        return len(doomed)

    @staticmethod
    def _delete_children(conn: Connection, article_ids: list[str]) -> None:
        events = select(Event.id).where(Event.article_id.in_(article_ids))
        conn.execute(delete(EventParticipant).where(EventParticipant.event_id.in_(events)))
        for table in (Event, Entity, MetricRow, QuoteRow):
            conn.execute(delete(table).where(table.article_id.in_(article_ids)))

    @staticmethod
    def _insert_children(conn: Connection, rows: ArticleRows) -> None:
        for table, values in (
            (Event, rows.events),
            (EventParticipant, rows.participants),
            (Entity, rows.entities),
            (MetricRow, rows.metrics),
            (QuoteRow, rows.quotes),
        ):
            if values:
                conn.execute(insert(table), values)

    def _insert_ignore(self, conn: Connection, table, values: Iterable[dict], keys: list[str]) -> None:
        dialect = {"postgresql": postgresql, "sqlite": sqlite}.get(conn.dialect.name)
        if dialect is None:
            raise RuntimeError(f"unsupported database: {conn.dialect.name}")
        conn.execute(dialect.insert(table).on_conflict_do_nothing(index_elements=keys), list(values))
