"""`newsevents migrate`: bring the store's database to the newest schema (or a given revision).

The database comes from ``DATABASE_URL`` / ``NEWSEVENTS_DATABASE_URL`` (default: the embedded
SQLite file under ``NEWSEVENTS_DATA_DIR``), or ``--database-url``. Safe to run repeatedly.
"""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("migrate", help="run the store's database migrations (DATABASE_URL)")
    parser.add_argument("--database-url", help="SQLAlchemy URL (default: DATABASE_URL, else the embedded SQLite file)")
    parser.add_argument("--to", default="head", metavar="REVISION", help="target revision (default: head)")
    parser.add_argument("--down", action="store_true", help="downgrade to --to instead of upgrading")
    parser.add_argument("--status", action="store_true", help="print the current and newest revision; change nothing")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from newsevents.runtime.logging import configure
    from newsevents.store import migrations
    from newsevents.store.config import Settings
    from newsevents.store.db import open_database

    overrides = {"database_url": args.database_url} if args.database_url else {}
    settings = Settings(**overrides)
    configure(service="migrate", level=settings.log_level, fmt=settings.log_format)
    db = open_database(settings)
    try:
        before = migrations.current(db.engine)
        if args.status:
            print(f"current: {before or '(empty)'}  head: {migrations.head()}")
            return 0 if before == migrations.head() else 1
        if args.down:
            migrations.downgrade(db.engine, args.to)
        else:
            migrations.upgrade(db.engine, args.to, schema=settings.database_schema)
        after = migrations.current(db.engine)
    finally:
        db.dispose()
    print(f"{_redacted(settings.url)}: {before or '(empty)'} -> {after or '(empty)'}", file=sys.stderr)
    return 0


def _redacted(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
