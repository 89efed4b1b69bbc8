"""Settings of the store service (environment: ``NEWSEVENTS_*``; the database also from ``DATABASE_URL``).

The database defaults to an embedded SQLite file, ``sqlite:///<data dir>/newsevents.db``
(WAL, one writer and many readers). PostgreSQL: ``DATABASE_URL=postgresql+psycopg://…``.

Migrations are a separate step (``newsevents migrate``). For the embedded SQLite default the
service upgrades the schema itself at start (``migrate_on_start`` defaults to true for SQLite
and false for every other database; set ``NEWSEVENTS_MIGRATE_ON_START`` to override).
"""

from __future__ import annotations

from pathlib import Path

from pydantic import AliasChoices, Field, field_validator

from newsevents.runtime.settings import ServiceSettings

_SCHEMA_NAME = r"^[a-z_][a-z0-9_]{0,62}$"


class Settings(ServiceSettings):
    service_name: str = "store"
    port: int = 8003
    data_dir: Path = Field(default=Path("data"), description="where the embedded SQLite database lives")
    database_url: str | None = Field(
        default=None,
        validation_alias=AliasChoices("NEWSEVENTS_DATABASE_URL", "DATABASE_URL", "database_url"),
        description="SQLAlchemy URL; unset: sqlite:///<data_dir>/newsevents.db",
    )
    database_schema: str | None = Field(
        default=None,
        pattern=_SCHEMA_NAME,
        description="PostgreSQL only: the schema holding the tables (created by the migrations)",
    )
    migrate_on_start: bool | None = Field(default=None, description="unset: true for SQLite, false otherwise")
    sqlite_busy_timeout_ms: int = Field(default=10_000, ge=0, description="how long a writer waits for the lock")
    pool_size: int = Field(default=5, ge=1, description="PostgreSQL connection pool size")
    database_timeout: float = Field(default=5.0, gt=0, description="seconds: connect timeout and readiness probe")
    consumer_batch: int = Field(default=8, ge=1, le=256, description="messages fetched at once")
    ack_wait: float = Field(default=60.0, gt=0)
    max_deliver: int = Field(default=5, ge=1)

    @field_validator("database_url")
    @classmethod
    def _url(cls, v: str | None) -> str | None:
        v = (v or "").strip()
        return v or None

    @property
    def url(self) -> str:
        """The effective database URL."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'newsevents.db').as_posix()}"

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")

    @property
    def should_migrate(self) -> bool:
        return self.is_sqlite if self.migrate_on_start is None else self.migrate_on_start
