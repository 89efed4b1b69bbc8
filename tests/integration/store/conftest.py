"""Store fixtures: `database` runs each test on SQLite and (NEWSEVENTS_TEST_POSTGRES) PostgreSQL."""

from tests.support.store_databases import database, store_postgres, store_sqlite_template  # noqa: F401
