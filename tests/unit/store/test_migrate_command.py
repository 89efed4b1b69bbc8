"""`newsevents migrate` against a temporary SQLite file."""

from __future__ import annotations

from newsevents.cli.main import main
from newsevents.store import migrations
from newsevents.store.db import create_engine


def test_migrate_upgrades_and_reports_status(tmp_path, capsys):
    url = f"sqlite:///{(tmp_path / 'cli.db').as_posix()}"
    assert main(["migrate", "--database-url", url, "--status"]) == 1  # empty: not at head
    assert main(["migrate", "--database-url", url]) == 0
    assert main(["migrate", "--database-url", url]) == 0  # again: nothing to do
    assert main(["migrate", "--database-url", url, "--status"]) == 0
    assert f"head: {migrations.head()}" in capsys.readouterr().out
    engine = create_engine(url)
    try:
        assert migrations.current(engine) == migrations.head()
    finally:
        engine.dispose()


def test_migrate_reads_database_url_from_the_environment(tmp_path, monkeypatch):
    url = f"sqlite:///{(tmp_path / 'env.db').as_posix()}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.delenv("NEWSEVENTS_DATABASE_URL", raising=False)
    assert main(["migrate"]) == 0
    assert (tmp_path / "env.db").exists()


def test_newsevents_database_url_wins(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{(tmp_path / 'plain.db').as_posix()}")
    monkeypatch.setenv("NEWSEVENTS_DATABASE_URL", f"sqlite:///{(tmp_path / 'prefixed.db').as_posix()}")
    assert main(["migrate"]) == 0
    assert (tmp_path / "prefixed.db").exists() and not (tmp_path / "plain.db").exists()
