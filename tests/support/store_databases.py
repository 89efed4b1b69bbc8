"""Databases for the store's tests: migrated SQLite files and PostgreSQL schemas.

PostgreSQL runs when ``NEWSEVENTS_TEST_POSTGRES`` is set (a URL such as
``postgresql+psycopg://postgres@127.0.0.1:5432/test``): each test session works in its own
schema (``store_test_<random>``), dropped at the end, so parallel runs never collide. When
the variable is set but the server cannot be reached, the tests FAIL (a CI job that meant to
test PostgreSQL must not pass by skipping); unset, they skip with the reason.
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa

from newsevents.store import migrations
from newsevents.store.db import Database, create_engine
from newsevents.store.models import Base
from tests.support.fixtures import postgres_url

ENV = "NEWSEVENTS_TEST_POSTGRES"
TABLES = [t.name for t in reversed(Base.metadata.sorted_tables)]


def require_postgres() -> str:
    url = postgres_url()
    if not url:
        pytest.skip(f"{ENV} is not set: the PostgreSQL cases run only against a real server")
    engine = sa.create_engine(url, connect_args={"connect_timeout": 5})
    try:
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
    except Exception as exc:  # noqa: BLE001
        pytest.fail(f"{ENV} is set but PostgreSQL is unreachable: {exc}", pytrace=False)
    finally:
        engine.dispose()
    return url


@contextmanager
def postgres_schema(url: str, *, migrate: bool = True) -> Iterator[Database]:
    """A fresh schema (migrated unless ``migrate=False``), dropped afterwards."""
    schema = f"store_test_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            try:  # the trigram operators live in `public`, shared by every test schema, never dropped
                conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public")
            except sa.exc.DBAPIError:
                pass  # another run created it at the same moment, or no privilege: plain ILIKE
            conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
        db = Database(engine=create_engine(url, schema=schema), schema=schema)
        try:
            if migrate:
                migrations.upgrade(db.engine, schema=schema)
                db.detect_features()
            yield db
        finally:
            db.dispose()
            with admin.connect() as conn:
                conn.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
    finally:
        admin.dispose()


def sqlite_file(path: Path, *, migrate: bool = True) -> Database:
    db = Database(engine=create_engine(f"sqlite:///{path.as_posix()}"))
    if migrate:
        migrations.upgrade(db.engine)
        db.detect_features()
    return db


def sqlite_copy(template: Path, path: Path) -> Database:
    """A copy of a migrated (and closed) database file: cheaper than migrating per test."""
    shutil.copyfile(template, path)
    db = sqlite_file(path, migrate=False)
    db.detect_features()
    return db


def truncate(db: Database) -> None:
    with db.writer.begin() as conn:
        if db.dialect == "postgresql":
            conn.exec_driver_sql(f"TRUNCATE {', '.join(TABLES)} CASCADE")
        else:
            for table in TABLES:
                conn.exec_driver_sql(f"DELETE FROM {table}")


def counts(db: Database) -> dict[str, int]:
    with db.engine.connect() as conn:
        return {t: conn.execute(sa.text(f"SELECT count(*) FROM {t}")).scalar_one() for t in TABLES}


# ---- fixtures (imported by tests/unit/store/conftest.py and tests/integration/store/conftest.py) ----


@pytest.fixture(scope="session")
def store_sqlite_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("store-template") / "template.db"
    sqlite_file(path).dispose()
    return path


@pytest.fixture(scope="session")
def store_postgres() -> Iterator[Database]:
    url = require_postgres()
    with postgres_schema(url) as db:
        yield db


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database(request, tmp_path) -> Iterator[Database]:
    """A migrated, empty store database: SQLite, and PostgreSQL when NEWSEVENTS_TEST_POSTGRES is set."""
    if request.param == "sqlite":
        db = sqlite_copy(request.getfixturevalue("store_sqlite_template"), tmp_path / "store.db")
        try:
            yield db
        finally:
            db.dispose()
    else:
        db = request.getfixturevalue("store_postgres")
        truncate(db)
        yield db
