"""Substring search that works for Chinese, with every user string bound, never spliced.

A query is split on whitespace (ASCII or the ideographic space); every term must occur
(AND). A term matches as a plain substring: ``LIKE``/``ILIKE '%term%'`` with ``\\``, ``%``
and ``_`` escaped, so SQL metacharacters are just characters. Where the database has an
index for it, the same semantics run faster:

- SQLite with the ``articles_fts`` FTS5 trigram table: a term of three or more characters
  becomes an FTS5 phrase (``"term"``, quotes doubled), which with the trigram tokenizer is
  exactly a case-insensitive substring match; shorter terms (most Chinese words are two
  characters) scan with ``LIKE``.
- PostgreSQL: ``ILIKE``, which the ``pg_trgm`` GIN indexes serve when they exist.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.sql.elements import ColumnElement

from .models import Article

MAX_TERMS = 10
FTS_MIN_CHARS = 3
_FTS = sa.table("articles_fts", sa.column("rowid"))


def terms(q: str | None) -> list[str]:
    return (q or "").split()


def like_pattern(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def contains(column, term: str, dialect: str) -> ColumnElement[bool]:
    pattern = like_pattern(term)
    if dialect == "postgresql":
        return column.ilike(pattern, escape="\\")
    return column.like(pattern, escape="\\")


def article_matches(term: str, dialect: str, *, fts: bool) -> ColumnElement[bool]:
    """The article's headline or body contains ``term``."""
    if fts and len(term) >= FTS_MIN_CHARS:
        phrase = '"' + term.replace('"', '""') + '"'
        matching = sa.select(_FTS.c.rowid).where(sa.literal_column("articles_fts").op("MATCH")(phrase))
        return Article.pk.in_(matching)
    return sa.or_(contains(Article.headline, term, dialect), contains(Article.body, term, dialect))
