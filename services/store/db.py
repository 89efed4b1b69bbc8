"""The engine, built once per process from settings, with each dialect set up for our load.

SQLite (the embedded default): WAL journal so the API reads while the consumer writes,
``busy_timeout`` so a second writer waits instead of failing, foreign keys on, and
transactions we begin ourselves: writers with ``BEGIN IMMEDIATE`` (they take the write lock
up front, so two writers never deadlock upgrading a read lock), readers with a plain
``BEGIN`` (a consistent snapshot, never blocking the writer).

PostgreSQL: a pre-pinged pool, a connect timeout, and an optional schema (``search_path``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine, make_url

from .config import Settings

WRITER = "newsevents_writer"  # execution option: this connection writes (SQLite: BEGIN IMMEDIATE)


@dataclass
class Database:
    """The engine, a writer view of it, and what the schema offers (known after migrations)."""

    engine: Engine
    schema: str | None = None
    fts: bool = field(default=False)  # SQLite: the articles_fts trigram table exists

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @cached_property
    def writer(self) -> Engine:
        return self.engine.execution_options(**{WRITER: True})

    def detect_features(self) -> None:
        if self.dialect != "sqlite":
            return
        with self.engine.connect() as conn:
            found = conn.execute(
                sa.text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'articles_fts'")
            ).first()
        self.fts = found is not None

    def ping(self) -> bool:
        with self.engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
        return True

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(settings: Settings) -> Database:
    return Database(
        engine=create_engine(
            settings.url,
            schema=settings.database_schema,
            busy_timeout_ms=settings.sqlite_busy_timeout_ms,
            pool_size=settings.pool_size,
            timeout=settings.database_timeout,
        ),
        schema=settings.database_schema,
    )


def create_engine(
    url: str,
    *,
    schema: str | None = None,
    busy_timeout_ms: int = 10_000,
    pool_size: int = 5,
    timeout: float = 5.0,
) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed, busy_timeout_ms)
    connect_args: dict = {}
    if parsed.get_backend_name() == "postgresql":
        connect_args["connect_timeout"] = max(1, round(timeout))
        if schema:
            connect_args["options"] = f"-csearch_path={schema}"
    return sa.create_engine(
        parsed, pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True, connect_args=connect_args
    )


def _sqlite_engine(url, busy_timeout_ms: int) -> Engine:
    database = url.database or ""
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url, connect_args={"timeout": busy_timeout_ms / 1000})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves (see module doc)
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA synchronous=NORMAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(WRITER) else "BEGIN")

    return engine
