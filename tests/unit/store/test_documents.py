"""``GET /v1/documents``: stored documents for reprocessing, by publication date and source, keyset-paged.
SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from fastapi.testclient import TestClient

from newsevents.contract.http import DocumentSummary, Page
from newsevents.store.app import create_app
from newsevents.store.config import Settings
from newsevents.store.cursors import Cursor, CursorError
from newsevents.store.queries import Queries
from newsevents.store.repository import Repository
from tests.support.store_messages import later, message, page


def _fill(database, unique) -> dict[str, date]:
    repo = Repository(database)
    published = {}
    for n in range(5):
        day = date(2024, 10, 1 + n // 2)  # two documents a day: ties on the date
        msg = message(unique, f"d{n}", body=f"第{n}条：近日，社区开展志愿服务活动。", published=day,
                      source="达州日报" if n % 2 else "恩施日报")
        repo.store(msg)
        published[msg.document_id] = day
    for msg in page(unique, "p", 3):  # one page document of three articles
        repo.store(msg)
        published[msg.document_id] = msg.published
    return published


def _walk(queries: Queries, limit: int, **filters) -> list[DocumentSummary]:
    seen, cursor = [], None
    while True:
        found = queries.documents(limit=limit, cursor=cursor, **filters)
        seen += found.items
        if not (cursor := found.next_cursor):
            return seen


def test_every_document_once_newest_first_whatever_the_page_size(database, unique):
    published = _fill(database, unique)
    queries = Queries(database)
    for limit in (1, 2, 500):
        docs = _walk(queries, limit)
        assert sorted(d.id for d in docs) == sorted(published)
        assert [(d.published, d.id) for d in docs] == sorted(((d.published, d.id) for d in docs), reverse=True)
    (paged,) = [d for d in _walk(queries, 10) if d.kind == "page"]
    assert (paged.article_count, paged.source, paged.extractor_version) == (3, "甘肃日报", "rules-1")


def test_filters_by_publication_date_and_source(database, unique):
    published = _fill(database, unique)
    queries = Queries(database)
    since = date(2024, 10, 2)
    assert {d.id for d in _walk(queries, 2, since=since)} == {i for i, day in published.items() if day >= since}
    assert {d.source for d in _walk(queries, 2, source="达州日报")} == {"达州日报"}
    assert len(_walk(queries, 2, source="达州日报", since=date(2024, 10, 3))) == 0
    with pytest.raises(CursorError):  # a cursor of another list
        queries.documents(limit=1, cursor=Cursor("articles", since, "x").encode())


def test_a_reextraction_shows_its_version(database, unique):
    repo = Repository(database)
    first = message(unique, "r", body="近日，社区开展志愿服务活动。")
    repo.store(first)
    repo.store(later(first))
    (doc,) = Queries(database).documents(limit=10).items
    assert doc.extractor_version == "rules-1+5" and doc.extracted_at > first.extracted_at


def test_over_http_with_validation(tmp_path, unique):
    app = create_app(Settings(data_dir=tmp_path, database_url=None), start_consumer=False)
    with TestClient(app) as client:
        repo = Repository(app.state.queries.db)
        for n in range(3):
            repo.store(message(unique, f"h{n}", body=f"第{n}条：近日，社区开展志愿服务活动。", published=date(2024, 10, n + 1)))
        first = Page[DocumentSummary].model_validate(client.get("/v1/documents", params={"limit": 2}).json())
        rest = Page[DocumentSummary].model_validate(
            client.get("/v1/documents", params={"limit": 2, "cursor": first.next_cursor}).json())
        assert len(first.items) == 2 and len(rest.items) == 1 and rest.next_cursor is None
        since = client.get("/v1/documents", params={"since": "2024-10-02"}).json()
        assert [d["published"] for d in since["items"]] == ["2024-10-03", "2024-10-02"]
        for params, path in (({"since": "soon"}, "query.since"), ({"cursor": "x"}, "query.cursor"),
                             ({"limit": 0}, "query.limit")):
            answer = client.get("/v1/documents", params=params)
            assert answer.status_code == 422 and path in [d["path"] for d in answer.json()["error"]["details"]]
