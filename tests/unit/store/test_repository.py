"""Writes: idempotent on natural keys; newer extractions replace atomically; older ones are ignored;
a page re-extracted into fewer articles loses the rest. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import sqlalchemy as sa

from newsevents.store.models import Article, Document, Event
from newsevents.store.queries import ArticleQuery, Queries
from newsevents.store.repository import Repository
from tests.support.store_databases import counts
from tests.support.store_messages import corpus, later, page


def _ids(db, column, *where) -> list[str]:
    with db.engine.connect() as conn:
        return sorted(conn.execute(sa.select(column).where(*where)).scalars())


def test_first_store_then_duplicate_changes_nothing(database, unique):
    repo = Repository(database)
    enshi = corpus(unique)["enshi"]
    first = repo.store(enshi)
    assert (first.outcome, first.events) == ("stored", 5)
    before = counts(database)
    assert before["articles"] == 1 and before["events"] == 5 and before["entities"] == 5
    assert before["event_participants"] == 2 and before["metrics"] == 2 and before["quotes"] == 1
    again = repo.store(enshi)
    assert (again.outcome, again.events) == ("duplicate", 0)
    assert counts(database) == before


def test_newer_extraction_replaces_everything_derived(database, unique):
    repo = Repository(database)
    enshi = corpus(unique)["enshi"]
    repo.store(enshi)
    old_events = _ids(database, Event.id, Event.article_id == enshi.article_id)
    body = "5月15日，恩施州召开文明实践工作会议，部署下一阶段工作。"
    newer = later(
        enshi,
        headline="恩施州部署文明实践",
        body=body,
        events=[{"type": "meeting", "trigger": {"text": "召开", "start": 6, "end": 8}, "sentence": body, "sentence_start": 0}],
        entities=[{"text": "恩施州", "label": "location", "start": 5, "end": 8, "adcode": "422800"}],
        metrics=[],
        quotes=[],
    )
    result = repo.store(newer)
    assert (result.outcome, result.events) == ("replaced", 1)
    c = counts(database)
    assert (c["articles"], c["events"], c["entities"], c["metrics"], c["quotes"], c["event_participants"]) == (1, 1, 1, 0, 0, 0)
    assert not set(old_events) & set(_ids(database, Event.id))
    detail = Queries(database).article(enshi.article_id)
    assert detail.headline == "恩施州部署文明实践"
    assert detail.extractor_version == newer.extractor_version
    assert detail.extracted_at == newer.extracted_at
    assert [e.type for e in detail.events] == ["meeting"]
    # the full-text index follows the replacement (SQLite: FTS triggers)
    queries = Queries(database)
    assert [a.id for a in queries.articles(ArticleQuery(q="文明实践工作会议"), limit=10).items] == [enshi.article_id]
    assert queries.articles(ArticleQuery(q="学雷锋志愿服务月"), limit=10).items == []


def test_older_extraction_arriving_late_is_ignored(database, unique):
    repo = Repository(database)
    enshi = corpus(unique)["enshi"]
    newer = later(enshi, headline="更新后的标题")
    assert repo.store(newer).outcome == "stored"
    before = counts(database)
    assert repo.store(enshi).outcome == "stale"
    assert counts(database) == before
    assert Queries(database).article(enshi.article_id).headline == "更新后的标题"


def test_page_reextracted_into_fewer_articles_drops_the_rest(database, unique):
    repo = Repository(database)
    first = page(unique, "p", 3)
    for article in first:
        assert repo.store(article).outcome == "stored"
    doc_id = first[0].document_id
    assert len(_ids(database, Article.id, Article.document_id == doc_id)) == 3
    second = [later(a, count=2) for a in page(unique, "p", 2)]
    result = repo.store(second[0])
    assert (result.outcome, result.removed) == ("replaced", 1)
    assert _ids(database, Article.id, Article.document_id == doc_id) == [first[0].article_id, first[1].article_id]
    with database.engine.connect() as conn:
        assert conn.execute(sa.select(Document.article_count).where(Document.id == doc_id)).scalar_one() == 2
    # the old extraction's third article, redelivered late, does not come back
    assert repo.store(first[2]).outcome == "stale"
    assert repo.store(first[1]).outcome == "duplicate"  # a redelivery: still the newest we have of it
    assert repo.store(second[1]).outcome == "replaced"
    assert repo.store(first[1]).outcome == "stale"
    assert _ids(database, Article.id, Article.document_id == doc_id) == [first[0].article_id, first[1].article_id]
    assert counts(database)["events"] == 2


def test_late_old_articles_before_the_new_ones_arrive(database, unique):
    """New extraction's first article lands before the old extraction's last one was ever stored."""
    repo = Repository(database)
    old = page(unique, "q", 3)
    new = [later(a, count=1) for a in page(unique, "q", 1)]
    assert repo.store(old[0]).outcome == "stored"
    assert repo.store(new[0]).outcome == "replaced"
    assert repo.store(old[1]).outcome == "stale"
    assert repo.store(old[2]).outcome == "stale"
    assert _ids(database, Article.id, Article.document_id == old[0].document_id) == [old[0].article_id]


def test_sources_and_documents_are_shared(database, unique):
    repo = Repository(database)
    articles = page(unique, "r", 2)
    for article in articles:
        repo.store(article)
    c = counts(database)
    assert (c["sources"], c["documents"], c["articles"]) == (1, 1, 2)


def test_text_with_sql_metacharacters_is_stored_verbatim(database, unique):
    repo = Repository(database)
    meta = corpus(unique)["meta"]
    repo.store(meta)
    detail = Queries(database).article(meta.article_id)
    assert detail.body == meta.body and detail.source == "测试%源"
