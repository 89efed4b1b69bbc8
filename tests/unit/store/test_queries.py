"""Reads that write as they go: keyset paging under inserts, stats counts. SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from newsevents.store.queries import ArticleQuery, EventQuery, Queries
from newsevents.store.repository import Repository
from tests.support.store_messages import message


def test_stats_count(database, unique):
    repo = Repository(database)
    for n in range(3):
        body = f"近日，第{n + 1}届篮球比赛在达州市举行。"
        repo.store(
            message(unique, f"s{n}", body=body, source="达州日报", published=date(2024, 10, 10),
                    region={"adcode": "511700"},
                    events=[{"type": "competition", "trigger": {"text": "举行", "start": body.index("举行"), "end": body.index("举行") + 2},
                             "sentence": body, "sentence_start": 0}])
        )
    stats = Queries(database).event_stats(EventQuery(), "city")
    assert [(r.type, r.region, r.month, r.count) for r in stats.items] == [("competition", "511700", "2024-10", 3)]


def _fill(repo, unique, n, first=date(2024, 1, 1)):
    out = []
    for i in range(n):
        published = first + timedelta(days=i // 3)  # three articles a day: ties on the date
        out.append(message(unique, f"n{i:03d}", body=f"第{i}条：今天，社区开展志愿服务活动。", published=published))
        repo.store(out[-1])
    return out


def _all_pages(queries, limit, **kwargs):
    seen, cursor, pages = [], None, 0
    while True:
        page = queries.articles(ArticleQuery(**kwargs), limit=limit, cursor=cursor)
        seen.extend(a.id for a in page.items)
        pages += 1
        if page.next_cursor is None:
            return seen, pages
        cursor = page.next_cursor


@pytest.mark.parametrize("limit", [1, 4, 5, 23, 500])
def test_paging_has_no_gaps_or_duplicates(database, unique, limit):
    repo = Repository(database)
    stored = _fill(repo, unique, 23)
    seen, pages = _all_pages(Queries(database), limit)
    expected = [a.article_id for a in sorted(stored, key=lambda a: (a.published, a.article_id), reverse=True)]
    assert seen == expected
    assert pages == -(-23 // limit)


def test_paging_is_stable_under_inserts(database, unique):
    repo = Repository(database)
    queries = Queries(database)
    original = _fill(repo, unique, 12)
    first = queries.articles(ArticleQuery(), limit=5)
    # newer and older articles arrive between pages
    _fill(repo, unique + "x", 6, first=date(2025, 1, 1))
    _fill(repo, unique + "y", 6, first=date(2023, 1, 1))
    seen = [a.id for a in first.items]
    cursor = first.next_cursor
    while cursor:
        page = queries.articles(ArticleQuery(), limit=5, cursor=cursor)
        seen.extend(a.id for a in page.items)
        cursor = page.next_cursor
    assert len(seen) == len(set(seen))
    assert {a.article_id for a in original} <= set(seen)
    assert not any(i.startswith(unique + "x") for i in seen)  # newer than the first page: not shown behind it
