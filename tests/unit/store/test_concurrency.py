"""Two writers (two engines, as two processes would have) store the same article at once:
exactly one row set results, whatever the interleaving. SQLite and PostgreSQL."""

from __future__ import annotations

import threading

import pytest

from newsevents.store.db import Database, create_engine
from newsevents.store.queries import ArticleQuery, Queries
from newsevents.store.repository import Repository
from tests.support.store_databases import counts, sqlite_file
from tests.support.store_messages import corpus, later


def _second_engine(db: Database) -> Database:
    return Database(engine=create_engine(db.engine.url.render_as_string(hide_password=False), schema=db.schema), schema=db.schema)


def _race(dbs, messages):
    barrier = threading.Barrier(len(messages))
    results, errors = [None] * len(messages), []

    def write(i):
        try:
            barrier.wait(timeout=10)
            results[i] = Repository(dbs[i]).store(messages[i])
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(i,)) for i in range(len(messages))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert not errors, errors
    return results


@pytest.mark.parametrize("round_", range(5))
def test_two_writers_same_article(database, unique, round_):
    other = _second_engine(database)
    try:
        enshi = corpus(f"{unique}{round_}")["enshi"]
        results = _race([database, other], [enshi, enshi])
        assert sorted(r.outcome for r in results) == ["duplicate", "stored"]
        c = counts(database)
        assert (c["articles"], c["events"], c["entities"], c["event_participants"], c["metrics"], c["quotes"]) == (
            1, 5, 5, 2, 2, 1,
        )
    finally:
        other.dispose()


@pytest.mark.parametrize("round_", range(3))
def test_two_writers_different_extractions_keep_the_newest(database, unique, round_):
    other = _second_engine(database)
    try:
        enshi = corpus(f"{unique}{round_}")["enshi"]
        newer = later(enshi, headline="更新")
        results = _race([database, other], [enshi, newer])
        assert {r.outcome for r in results} <= {"stored", "replaced", "stale"}
        c = counts(database)
        assert c["articles"] == 1 and c["events"] == 5
        assert Queries(database).article(enshi.article_id).headline == "更新"
    finally:
        other.dispose()


def test_sqlite_readers_are_not_blocked_by_a_writer(tmp_path, unique):
    """WAL: the API reads the last committed state while the consumer's transaction is open."""
    db = sqlite_file(tmp_path / "wal.db")
    writer = _second_engine(db)
    try:
        articles = corpus(unique)
        Repository(db).store(articles["enshi"])
        with writer.writer.connect() as conn:
            tx = conn.begin()  # BEGIN IMMEDIATE: holds the write lock
            conn.exec_driver_sql("UPDATE articles SET headline = 'uncommitted'")
            found = Queries(db).articles(ArticleQuery(), limit=10).items  # must not wait for the writer
            assert [a.headline for a in found] == ["文明新风拂硒都"]
            tx.rollback()
    finally:
        writer.dispose()
        db.dispose()
