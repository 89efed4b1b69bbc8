"""Migrations: upgrade head on an empty database, down and up again, and models == migrations
(what ``alembic check`` verifies). SQLite always; PostgreSQL when NEWSEVENTS_TEST_POSTGRES is set."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from newsevents.store import migrations
from newsevents.store.models import Base
from tests.support.store_databases import TABLES, postgres_schema, require_postgres, sqlite_file


@contextmanager
def _empty(kind, tmp_path):
    if kind == "sqlite":
        db = sqlite_file(tmp_path / "empty.db", migrate=False)
        try:
            yield db
        finally:
            db.dispose()
    else:
        with postgres_schema(require_postgres(), migrate=False) as db:
            yield db


KINDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def _diff(db) -> list:
    with db.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"include_object": migrations.include_object, "compare_type": True}
        )
        return compare_metadata(context, Base.metadata)


def _tables(db) -> set[str]:
    return set(sa.inspect(db.engine).get_table_names())


@pytest.mark.parametrize("kind", KINDS)
def test_upgrade_head_on_empty_database_matches_the_models(kind, tmp_path):
    with _empty(kind, tmp_path) as db:
        assert migrations.current(db.engine) is None
        migrations.upgrade(db.engine, schema=db.schema)
        assert migrations.current(db.engine) == migrations.head()
        assert set(TABLES) <= _tables(db)
        assert _diff(db) == []
        migrations.upgrade(db.engine, schema=db.schema)  # idempotent
        assert migrations.current(db.engine) == migrations.head()


@pytest.mark.parametrize("kind", KINDS)
def test_downgrade_to_base_and_up_again(kind, tmp_path):
    with _empty(kind, tmp_path) as db:
        migrations.upgrade(db.engine, schema=db.schema)
        migrations.downgrade(db.engine, "base")
        assert migrations.current(db.engine) is None
        assert not (set(TABLES) | {"articles_fts"}) & _tables(db)
        migrations.upgrade(db.engine, schema=db.schema)
        assert _diff(db) == []


def test_sqlite_gets_the_trigram_index(tmp_path):
    db = sqlite_file(tmp_path / "fts.db")
    try:
        assert db.fts
    finally:
        db.dispose()


@pytest.mark.postgres
def test_postgres_gets_trigram_indexes_when_it_can():
    with postgres_schema(require_postgres()) as db:
        with db.engine.connect() as conn:
            names = set(conn.execute(sa.text("SELECT indexname FROM pg_indexes WHERE schemaname = :s"), {"s": db.schema}).scalars())
            extension = conn.execute(sa.text("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")).first()
        if extension is None:
            pytest.skip("pg_trgm cannot be created on this server (the queries use plain ILIKE)")
        assert {"ix_articles_body_trgm", "ix_articles_headline_trgm", "ix_events_sentence_trgm"} <= names


def test_a_model_change_without_a_migration_is_detected(tmp_path):
    db = sqlite_file(tmp_path / "drift.db")
    try:
        metadata = sa.MetaData()
        for table in Base.metadata.tables.values():
            table.to_metadata(metadata)
        metadata.tables["articles"].append_column(sa.Column("extra", sa.Text()))
        with db.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"include_object": migrations.include_object})
            diff = compare_metadata(context, metadata)
        assert [d[0] for d in diff] == ["add_column"]
    finally:
        db.dispose()
