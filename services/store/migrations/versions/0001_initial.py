"""The store's first schema: sources, documents, articles and what is derived from them.

Full text (created here when the database offers it; the models do not declare it):
- SQLite: ``articles_fts``, an FTS5 ``trigram`` index over the headline and body, external
  content (the text stays in ``articles``), kept in step by triggers. Without FTS5 trigram
  (SQLite < 3.34) the queries fall back to ``LIKE``.
- PostgreSQL: ``pg_trgm`` GIN indexes that serve ``ILIKE '%…%'`` (headline, body, event
  sentence), when the extension exists or can be created; otherwise plain ``ILIKE`` scans.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

import logging

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

log = logging.getLogger("alembic.runtime.migration")
UTC_DATETIME = sa.DateTime(timezone=True)
CODE = sa.String(length=12)
TRIGRAM_COLUMNS = (("articles", "headline"), ("articles", "body"), ("events", "sentence"))


def upgrade() -> None:
    op.create_table(
        "sources",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("created_at", UTC_DATETIME, nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_sources")),
    )
    op.create_table(
        "documents",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("external_id", sa.String(length=200), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("published", sa.Date(), nullable=False),
        sa.Column("article_count", sa.Integer(), nullable=False),
        sa.Column("extractor_version", sa.String(length=100), nullable=False),
        sa.Column("extracted_at", UTC_DATETIME, nullable=False),
        sa.Column("stored_at", UTC_DATETIME, nullable=False),
        sa.ForeignKeyConstraint(["source"], ["sources.name"], name=op.f("fk_documents_source_sources")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
    )
    op.create_index(op.f("ix_documents_source"), "documents", ["source"], unique=False)
    op.create_table(
        "articles",
        sa.Column("pk", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("doc_index", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("external_id", sa.String(length=200), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("published", sa.Date(), nullable=False),
        sa.Column("published_at", UTC_DATETIME, nullable=True),
        sa.Column("headline", sa.Text(), nullable=True),
        sa.Column("subheadline", sa.Text(), nullable=True),
        sa.Column("byline", sa.JSON(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("subheads", sa.JSON(), nullable=False),
        sa.Column("region_adcode", CODE, nullable=True),
        sa.Column("region_province", sa.Text(), nullable=True),
        sa.Column("region_city", sa.Text(), nullable=True),
        sa.Column("region_county", sa.Text(), nullable=True),
        sa.Column("province_code", CODE, nullable=True),
        sa.Column("city_code", CODE, nullable=True),
        sa.Column("county_code", CODE, nullable=True),
        sa.Column("event_count", sa.Integer(), nullable=False),
        sa.Column("extractor_version", sa.String(length=100), nullable=False),
        sa.Column("extracted_at", UTC_DATETIME, nullable=False),
        sa.Column("stored_at", UTC_DATETIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_articles_document_id_documents"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["source"], ["sources.name"], name=op.f("fk_articles_source_sources")),
        sa.PrimaryKeyConstraint("pk", name=op.f("pk_articles")),
        sa.UniqueConstraint("id", name=op.f("uq_articles_id")),
    )
    for column in ("city_code", "county_code", "document_id", "province_code", "source"):
        op.create_index(op.f(f"ix_articles_{column}"), "articles", [column], unique=False)
    op.create_index("ix_articles_published_id", "articles", ["published", "id"], unique=False)
    op.create_table(
        "entities",
        sa.Column("article_id", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=32), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("start_offset", sa.Integer(), nullable=False),
        sa.Column("end_offset", sa.Integer(), nullable=False),
        sa.Column("adcode", CODE, nullable=True),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name=op.f("fk_entities_article_id_articles"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("article_id", "position", name=op.f("pk_entities")),
    )
    op.create_index("ix_entities_label_text", "entities", ["label", "text"], unique=False)
    op.create_table(
        "events",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("article_id", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(length=64), nullable=False),
        sa.Column("trigger_text", sa.Text(), nullable=False),
        sa.Column("trigger_start", sa.Integer(), nullable=False),
        sa.Column("trigger_end", sa.Integer(), nullable=False),
        sa.Column("sentence", sa.Text(), nullable=False),
        sa.Column("sentence_start", sa.Integer(), nullable=True),
        sa.Column("sentence_end", sa.Integer(), nullable=True),
        sa.Column("time_text", sa.Text(), nullable=True),
        sa.Column("time_start", sa.Date(), nullable=True),
        sa.Column("time_end", sa.Date(), nullable=True),
        sa.Column("time_fuzzy", sa.Boolean(), nullable=True),
        sa.Column("time_offset", sa.Integer(), nullable=True),
        sa.Column("location_text", sa.Text(), nullable=True),
        sa.Column("location_adcode", CODE, nullable=True),
        sa.Column("quantities", sa.JSON(), nullable=False),
        sa.Column("region_adcode", CODE, nullable=True),
        sa.Column("province_code", CODE, nullable=True),
        sa.Column("city_code", CODE, nullable=True),
        sa.Column("county_code", CODE, nullable=True),
        sa.Column("span_start", sa.Date(), nullable=False),
        sa.Column("span_end", sa.Date(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name=op.f("fk_events_article_id_articles"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
    )
    for column in ("article_id", "city_code", "county_code", "province_code", "type"):
        op.create_index(op.f(f"ix_events_{column}"), "events", [column], unique=False)
    op.create_index("ix_events_span_start_id", "events", ["span_start", "id"], unique=False)
    op.create_table(
        "metrics",
        sa.Column("article_id", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("unit", sa.String(length=64), nullable=False),
        sa.Column("start_offset", sa.Integer(), nullable=False),
        sa.Column("end_offset", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name=op.f("fk_metrics_article_id_articles"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("article_id", "position", name=op.f("pk_metrics")),
    )
    op.create_table(
        "quotes",
        sa.Column("article_id", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("speaker", sa.Text(), nullable=True),
        sa.Column("role", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("start_offset", sa.Integer(), nullable=False),
        sa.Column("end_offset", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name=op.f("fk_quotes_article_id_articles"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("article_id", "position", name=op.f("pk_quotes")),
    )
    op.create_table(
        "event_participants",
        sa.Column("event_id", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("role", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_event_participants_event_id_events"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("event_id", "position", name=op.f("pk_event_participants")),
    )
    op.create_index("ix_event_participants_name", "event_participants", ["name"], unique=False)

    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _sqlite_fulltext()
    elif dialect == "postgresql":
        _postgres_trigram()


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("articles_fts_insert", "articles_fts_delete", "articles_fts_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS articles_fts")
    for table in ("event_participants", "quotes", "metrics", "events", "entities", "articles", "documents", "sources"):
        op.drop_table(table)


def _sqlite_fulltext() -> None:
    bind = op.get_bind()
    try:
        with bind.begin_nested():
            bind.exec_driver_sql(
                "CREATE VIRTUAL TABLE articles_fts USING fts5("
                "headline, body, content='articles', content_rowid='pk', tokenize='trigram')"
            )
    except sa.exc.OperationalError as exc:  # no FTS5, or no trigram tokenizer (SQLite < 3.34)
        log.warning("no FTS5 trigram index (%s): text search scans with LIKE", exc)
        return
    new = "INSERT INTO articles_fts(rowid, headline, body) VALUES (new.pk, new.headline, new.body);"
    old = (
        "INSERT INTO articles_fts(articles_fts, rowid, headline, body) "
        "VALUES ('delete', old.pk, old.headline, old.body);"
    )
    op.execute(f"CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN {new} END")
    op.execute(f"CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN {old} END")
    op.execute(f"CREATE TRIGGER articles_fts_update AFTER UPDATE OF headline, body ON articles BEGIN {old} {new} END")


def _postgres_trigram() -> None:
    bind = op.get_bind()
    schema = _trigram_schema(bind)
    if schema is None:
        try:
            with bind.begin_nested():
                bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except sa.exc.DBAPIError as exc:  # not installed, or no privilege: plain ILIKE scans
            log.warning("pg_trgm unavailable (%s): text search scans with ILIKE", exc.orig)
            return
        schema = _trigram_schema(bind)
    ops = f"{bind.dialect.identifier_preparer.quote(schema)}.gin_trgm_ops"
    for table, column in TRIGRAM_COLUMNS:
        op.execute(f"CREATE INDEX ix_{table}_{column}_trgm ON {table} USING gin ({column} {ops})")


def _trigram_schema(bind) -> str | None:
    return bind.execute(
        sa.text(
            "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
            "WHERE e.extname = 'pg_trgm'"
        )
    ).scalar()
