"""The store's Alembic migrations, run programmatically (``newsevents migrate``, or at start for
the embedded SQLite default); ``alembic`` itself is not needed on the command line.

The full-text structures the migrations add on their own (SQLite's ``articles_fts*`` tables,
PostgreSQL's ``*_trgm`` indexes) are not in the models; ``include_object`` keeps them out of
comparisons so "models and migrations agree" stays checkable.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection, Engine

from newsevents.store.db import WRITER

HERE = Path(__file__).resolve().parent


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    if type_ == "table" and name and name.startswith("articles_fts"):
        return False
    if type_ == "index" and name and name.endswith("_trgm"):
        return False
    return True


def config(connection: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def upgrade(engine: Engine, revision: str = "head", *, schema: str | None = None) -> None:
    """Bring the database to ``revision`` in one transaction (PostgreSQL: creating ``schema`` first)."""
    with engine.execution_options(**{WRITER: True}).begin() as conn:
        if schema and conn.dialect.name == "postgresql":
            conn.exec_driver_sql(f"CREATE SCHEMA IF NOT EXISTS {conn.dialect.identifier_preparer.quote(schema)}")
        command.upgrade(config(conn), revision)


def downgrade(engine: Engine, revision: str) -> None:
    with engine.execution_options(**{WRITER: True}).begin() as conn:
        command.downgrade(config(conn), revision)


def current(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head() -> str | None:
    return ScriptDirectory.from_config(config()).get_current_head()


def pending(engine: Engine) -> bool:
    return current(engine) != head()
