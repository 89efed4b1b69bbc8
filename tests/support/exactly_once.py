"""The invariant every fault test ends with: each accepted item stored exactly once, complete.

Checked in the store's database against two sources of truth: what the api answered 201/200
(the accepted document ids, per source) and what extract published (the ARTICLES stream: the
newest extraction of every article, with its events):

- the documents are exactly the accepted ones (none missing, none extra; per source);
- every document has exactly its newest extraction's articles (indexes ``0..count-1``);
- every article holds exactly the events of its newest extraction, and no event is there twice
  (no two rows for one article, type and trigger).
"""

from __future__ import annotations

import asyncio
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import sqlalchemy as sa

from newsevents.contract import subjects
from newsevents.contract.messages import ArticleExtracted
from newsevents.store.db import create_engine
from newsevents.store.models import Article, Document, Event

from . import eventually
from .observe import dead_letters, settled, stream_messages


@dataclass
class Found:
    documents: dict[str, tuple[str, int]] = field(default_factory=dict)  # id -> (source, article_count)
    articles: dict[str, tuple[str, int, object]] = field(default_factory=dict)  # id -> (document, index, extracted_at)
    events: dict[str, set[str]] = field(default_factory=dict)  # article id -> event ids
    doubled_events: list[tuple] = field(default_factory=list)  # (article, type, trigger_start, rows) with rows > 1

    def per_source(self) -> Counter[str]:
        return Counter(source for source, _ in self.documents.values())

    @property
    def event_count(self) -> int:
        return sum(len(v) for v in self.events.values())

    def of_sources(self, sources: set[str]) -> "Found":
        documents = {k: v for k, v in self.documents.items() if v[0] in sources}
        articles = {k: v for k, v in self.articles.items() if v[0] in documents}
        return Found(documents, articles, {k: v for k, v in self.events.items() if k in articles},
                     [d for d in self.doubled_events if d[0] in articles])


def read_store(database_url: str, schema: str | None = None) -> Found:
    engine = create_engine(database_url, schema=schema)
    found = Found()
    try:
        with engine.connect() as conn:
            for id_, source, count in conn.execute(sa.select(Document.id, Document.source, Document.article_count)):
                found.documents[id_] = (source, count)
            for id_, doc, index, at in conn.execute(
                    sa.select(Article.id, Article.document_id, Article.doc_index, Article.extracted_at)):
                found.articles[id_] = (doc, index, at)
            for id_, article in conn.execute(sa.select(Event.id, Event.article_id)):
                found.events.setdefault(article, set()).add(id_)
            rows = sa.func.count()
            found.doubled_events = [tuple(r) for r in conn.execute(
                sa.select(Event.article_id, Event.type, Event.trigger_start, rows)
                .group_by(Event.article_id, Event.type, Event.trigger_start).having(rows > 1))]
    finally:
        engine.dispose()
    return found


async def newest_extractions(nats_url: str) -> dict[str, ArticleExtracted]:
    """Article id → its newest extraction published on NEWSEVENTS_ARTICLES."""
    newest: dict[str, ArticleExtracted] = {}
    for msg in await stream_messages(nats_url, subjects.ARTICLES_STREAM):
        article = ArticleExtracted.model_validate_json(msg.data)
        held = newest.get(article.article_id)
        if held is None or article.extracted_at > held.extracted_at:
            newest[article.article_id] = article
    return newest


def problems(found: Found, accepted: dict[str, str], published: dict[str, ArticleExtracted]) -> list[str]:
    """Everything that breaks "exactly once, complete"; empty when all is well.

    ``accepted``: document id → source of every item the api answered 201/200. Only documents of
    these sources are looked at (tests sharing a pipeline push under sources of their own).
    """
    found = found.of_sources(set(accepted.values()))
    out: list[str] = []
    missing = set(accepted) - set(found.documents)
    extra = set(found.documents) - set(accepted)
    if missing:
        out.append(f"{len(missing)} accepted documents not stored, e.g. {sorted(missing)[:3]}")
    if extra:
        out.append(f"{len(extra)} stored documents never accepted, e.g. {sorted(extra)[:3]}")
    want_sources = Counter(accepted.values())
    if found.per_source() != want_sources:
        out.append(f"documents per source {dict(found.per_source())} != accepted {dict(want_sources)}")

    by_document: dict[str, list[ArticleExtracted]] = defaultdict(list)
    for article in published.values():
        by_document[article.document_id].append(article)
    stored_by_document: dict[str, list[int]] = defaultdict(list)
    for doc, index, _ in found.articles.values():
        stored_by_document[doc].append(index)
    for doc in accepted:
        newest = max(by_document.get(doc, []), key=lambda a: a.extracted_at, default=None)
        if newest is None:
            out.append(f"document {doc}: nothing extracted")
            continue
        want = [a for a in by_document[doc] if a.index < newest.count]
        stored = sorted(stored_by_document.get(doc, []))
        if stored != list(range(newest.count)):
            out.append(f"document {doc}: article indexes {stored} != 0..{newest.count - 1}")
        if doc in found.documents and found.documents[doc][1] != newest.count:
            out.append(f"document {doc}: article_count {found.documents[doc][1]} != {newest.count}")
        for article in want:
            held = found.articles.get(article.article_id)
            if held is None:
                continue  # reported above
            if held[2] != article.extracted_at:
                out.append(f"article {article.article_id}: stored extraction {held[2]} != newest {article.extracted_at}")
            events = {e.id for e in article.events}
            if found.events.get(article.article_id, set()) != events:
                out.append(f"article {article.article_id}: events {sorted(found.events.get(article.article_id, set()))}"
                           f" != published {sorted(events)}")
    if found.doubled_events:
        out.append(f"events stored twice: {found.doubled_events[:3]}")
    return out


async def stored_exactly_once(nats_url: str, database, accepted: dict[str, str], *, timeout: float = 90.0) -> Found:
    """Wait until the pipeline has settled with every accepted document stored, then assert the
    invariant, and that none of these sources' messages was dead-lettered. ``database``: a
    ``fault_pipeline.StoreDatabase``. Returns what was found for these sources."""
    sources = set(accepted.values())

    async def check() -> Found | None:
        if not await settled(nats_url):
            return None
        found = await asyncio.to_thread(read_store, database.direct_url, database.schema)
        return found if set(found.documents) >= set(accepted) else None

    found = await eventually(check, timeout=timeout, interval=0.5)
    published = await newest_extractions(nats_url)
    assert problems(found, accepted, published) == []
    letters = [(d.consumer, d.subject, d.error) for d in await dead_letters(nats_url) if _source(d.data) in sources]
    assert letters == []
    return found.of_sources(sources)


def _source(payload: str) -> str | None:
    try:
        value = json.loads(payload)
    except ValueError:
        return None
    return value.get("source") if isinstance(value, dict) else None
