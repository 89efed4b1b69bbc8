"""The whole pipeline as processes, set up for fault tests: short ack waits, SQLite or PostgreSQL
(a fresh schema per run, optionally behind a ``TcpProxy`` the test can cut), generated items.
"""

from __future__ import annotations

import random
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from newsevents.launcher.bench_corpus import variations
from newsevents.launcher.pipeline import Pipeline

from .store_databases import require_postgres
from .tcp_proxy import TcpProxy

# A delivery whose process died comes back after this many seconds (the consumers' ack_wait;
# in_progress() keeps slow work alive meanwhile). Extract's setting and store's have their own names.
ACK_WAIT = "4"
# A failed handling is retried after 1 s, then 3 s, 6 s, 10 s (the services' default: 2, 10, 30, 60 s).
FAST = {"NEWSEVENTS_ACK_WAIT_SECONDS": ACK_WAIT, "NEWSEVENTS_ACK_WAIT": ACK_WAIT,
        "NEWSEVENTS_RETRY_BACKOFF_SECONDS": "[1, 3, 6, 10]"}


@dataclass
class StoreDatabase:
    kind: str  # "sqlite" or "postgres"
    url: str  # what the store and the migrations use (through the proxy, if any)
    direct_url: str  # what the test reads with (never through the proxy)
    schema: str | None = None
    proxy: TcpProxy | None = None
    path: Path | None = None  # SQLite: the file


@contextmanager
def store_database(kind: str, tmp_path: Path, *, proxy: bool = False) -> Iterator[StoreDatabase]:
    """SQLite in ``tmp_path``, or a fresh PostgreSQL schema (``NEWSEVENTS_TEST_POSTGRES``) dropped afterwards."""
    if kind == "sqlite":
        path = (tmp_path / "newsevents.db").resolve()
        url = f"sqlite:///{path}"
        yield StoreDatabase("sqlite", url, url, path=path)
        return
    base = require_postgres()
    schema = f"faults_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    relay = None
    try:
        with admin.connect() as conn:
            try:
                conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public")
            except sa.exc.DBAPIError:
                pass  # another run created it at the same moment, or no privilege: the store falls back
            conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
        url = base
        if proxy:
            parsed = make_url(base)
            relay = TcpProxy(parsed.host or "127.0.0.1", parsed.port or 5432).start()
            url = parsed.set(host="127.0.0.1", port=relay.port).render_as_string(hide_password=False)
        yield StoreDatabase("postgres", url, base, schema=schema, proxy=relay)
    finally:
        if relay is not None:
            relay.stop()
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        admin.dispose()


@contextmanager
def fault_pipeline(
    tmp_path: Path, database: StoreDatabase, *, env: dict[str, str] | None = None,
    service_env: dict[str, dict[str, str]] | None = None,
) -> Iterator[Pipeline]:
    settings = FAST | {"DATABASE_URL": database.url} | (env or {})
    if database.schema:
        settings["NEWSEVENTS_DATABASE_SCHEMA"] = database.schema
    pipeline = Pipeline(tmp_path / "pipeline", api_port=0, env=settings, service_env=service_env or {})
    with pipeline:
        yield pipeline


@dataclass
class Stage:
    """A running pipeline shared by several tests, and its database. A test may kill, stop or restart
    services with other settings; ``heal()`` (run after each test) brings back nats-server and every
    service with the settings it had at the start."""

    pipeline: Pipeline
    database: StoreDatabase
    baseline: dict[tuple[str, int], dict[str, str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.baseline = {(p.name, p.replica): dict(p.env) for procs in self.pipeline.services.values() for p in procs}

    @property
    def nats_url(self) -> str:
        return self.pipeline.nats.url

    def restart(self, name: str, **env: str | None):
        """Restart a service with some settings changed (``None`` removes one); ``heal()`` undoes it."""
        return self.pipeline.restart(name, env=env)

    def heal(self) -> None:
        nats = self.pipeline.nats
        if nats.process is None or nats.process.poll() is not None:
            nats.start()
        if self.database.proxy is not None and self.database.proxy.cut_off:
            self.database.proxy.restore()
        for (name, replica), env in self.baseline.items():
            proc = self.pipeline.process(name, replica)
            changes: dict[str, str | None] = {k: v for k, v in env.items() if proc.env.get(k) != v}
            changes |= {k: None for k in proc.env if k not in env}
            if changes or not proc.running:
                self.pipeline.restart(name, replica, env=changes)


# ---- generated items (varied: bench_corpus variations, and pages made of several of them) ----


def articles(count: int, *, source: str, seed: int) -> list[dict]:
    return variations(count, seed=seed, source=source)


def pages(count: int, *, source: str, seed: int, per_page: tuple[int, int] = (2, 5)) -> list[dict]:
    """Newspaper pages: several generated articles, each a headline line then its body."""
    rng = random.Random(seed)
    pool = variations(count * per_page[1], seed=seed + 1, source=source)
    out = []
    for i in range(count):
        parts = [pool[i * per_page[1] + j] for j in range(rng.randint(*per_page))]
        text = "\n\n".join(f"{p['headline']}\n{p['body']}" for p in parts)
        out.append({"kind": "page", "source": source, "external_id": f"{source}-page-{seed}-{i}",
                    "published": "2024-10-10", "text": text})
    return out


@contextmanager
def sqlite_write_lock(path: Path) -> Iterator[None]:
    """Hold SQLite's write lock (readers still read, every writer waits, then fails: "database is locked")."""
    conn = sqlite3.connect(path, timeout=30, isolation_level=None)
    try:
        conn.execute("BEGIN EXCLUSIVE")
        yield
        conn.execute("ROLLBACK")
    finally:
        conn.close()


@contextmanager
def database_outage(database: StoreDatabase) -> Iterator[None]:
    """The store's database unavailable: SQLite write-locked by the test, PostgreSQL's proxy cut."""
    if database.kind == "sqlite":
        with sqlite_write_lock(database.path):
            yield
        return
    assert database.proxy is not None, "store_database(..., proxy=True)"
    database.proxy.cut()
    try:
        yield
    finally:
        database.proxy.restore()


def poison_article(database: StoreDatabase, article_id: str) -> None:
    """Make the database fail every insert of one article with an error the store takes as transient
    (SQLite: "integer overflow", an OperationalError; PostgreSQL: SQLSTATE 53000, insufficient
    resources): a message that can never be stored yet never looks permanent — a poison."""
    tag = uuid.uuid4().hex[:8]
    engine = sa.create_engine(database.direct_url)
    try:
        with engine.begin() as conn:
            if database.kind == "sqlite":
                conn.exec_driver_sql(
                    f"CREATE TRIGGER poison_{tag} BEFORE INSERT ON articles WHEN NEW.id = '{article_id}' "
                    "BEGIN SELECT abs(-9223372036854775807 - 1); END")
                return
            schema = database.schema
            conn.exec_driver_sql(
                f'CREATE FUNCTION "{schema}".poison_{tag}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN '
                f"IF NEW.id = '{article_id}' THEN RAISE EXCEPTION 'poisoned article' USING ERRCODE = '53000'; "
                "END IF; RETURN NEW; END $$")
            conn.exec_driver_sql(
                f'CREATE TRIGGER poison_{tag} BEFORE INSERT ON "{schema}".articles '
                f'FOR EACH ROW EXECUTE FUNCTION "{schema}".poison_{tag}()')
    finally:
        engine.dispose()
