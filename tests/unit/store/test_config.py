from pathlib import Path

import pytest
from pydantic import ValidationError

from newsevents.store.config import Settings


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    for name in ("DATABASE_URL", "NEWSEVENTS_DATABASE_URL", "NEWSEVENTS_MIGRATE_ON_START", "NEWSEVENTS_DATA_DIR"):
        monkeypatch.delenv(name, raising=False)


def test_defaults_to_embedded_sqlite_that_migrates_itself(tmp_path):
    settings = Settings(data_dir=tmp_path)
    assert settings.url == f"sqlite:///{(tmp_path / 'newsevents.db').as_posix()}"
    assert settings.is_sqlite and settings.should_migrate


def test_postgres_from_database_url_does_not_migrate_by_default(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://u@db:5432/news")
    settings = Settings()
    assert settings.url == "postgresql+psycopg://u@db:5432/news"
    assert not settings.is_sqlite and not settings.should_migrate
    monkeypatch.setenv("NEWSEVENTS_MIGRATE_ON_START", "true")
    assert Settings().should_migrate


def test_sqlite_can_opt_out_of_migrating(monkeypatch):
    monkeypatch.setenv("NEWSEVENTS_MIGRATE_ON_START", "false")
    assert not Settings().should_migrate


def test_data_dir_from_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("NEWSEVENTS_DATA_DIR", str(tmp_path))
    assert Settings().url.endswith(f"{tmp_path.as_posix()}/newsevents.db")
    assert Settings().data_dir == Path(tmp_path)


@pytest.mark.parametrize("schema", ["Public", "a-b", "x;drop", "1abc"])
def test_schema_names_are_plain_identifiers(schema):
    with pytest.raises(ValidationError):
        Settings(database_schema=schema)
