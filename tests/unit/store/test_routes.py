"""The HTTP query API over the embedded SQLite default (no NATS: ``start_consumer=False``)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from newsevents.contract.http import ArticleDetail, ArticleSummary, ErrorResponse, EventRecord, Page, Stats
from newsevents.store.app import create_app
from newsevents.store.config import Settings
from newsevents.store.repository import Repository
from tests.support.store_messages import corpus


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    """One service for the module (the tests only read): the app migrates its SQLite file at start."""
    app = create_app(Settings(data_dir=tmp_path_factory.mktemp("routes"), database_url=None), start_consumer=False)
    with TestClient(app) as client:
        articles = corpus("routes")
        repo = Repository(app.state.queries.db)
        for article in articles.values():
            repo.store(article)
        client.articles = articles
        yield client


def _error(response, status: int, path: str | None = None) -> ErrorResponse:
    assert response.status_code == status, response.text
    body = ErrorResponse.model_validate(response.json())
    if path is not None:
        assert path in [d.path for d in body.error.details], body
    return body


def test_lists_and_details_are_contract_models(client):
    page = Page[ArticleSummary].model_validate(client.get("/v1/articles").json())
    assert len(page.items) == 4 and page.next_cursor is None
    enshi = client.articles["enshi"]
    detail = ArticleDetail.model_validate(client.get(f"/v1/articles/{enshi.article_id}").json())
    assert detail.body == enshi.body and len(detail.events) == 5
    events = Page[EventRecord].model_validate(client.get("/v1/events", params={"person": "向春兰"}).json())
    assert {e.type for e in events.items} == {"honor", "good_deed"}
    one = EventRecord.model_validate(client.get(f"/v1/events/{events.items[0].id}").json())
    assert one == events.items[0]
    stats = Stats.model_validate(client.get("/v1/stats/events", params={"level": "city", "region": "420000"}).json())
    assert stats.level == "city" and sum(r.count for r in stats.items) == 5


def test_query_strings_reach_the_filters(client):
    found = client.get("/v1/articles", params={"q": "恩施 好人榜", "region": "420000", "from": "2024-05-01", "to": "2024-05-31"})
    assert [a["id"] for a in found.json()["items"]] == [client.articles["enshi"].article_id]
    found = client.get("/v1/events", params={"type": "construction", "region": "620800", "from": "2024-01-01", "to": "2024-01-31"})
    assert [e["type"] for e in found.json()["items"]] == ["construction"]
    found = client.get("/v1/articles", params={"q": "100%", "source": "测试%源"})
    assert [a["id"] for a in found.json()["items"]] == [client.articles["meta"].article_id]


def test_cursor_paging_over_http(client):
    seen, cursor = [], None
    while True:
        params = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        body = client.get("/v1/events", params=params).json()
        seen.extend(e["id"] for e in body["items"])
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert len(seen) == len(set(seen)) == 8


@pytest.mark.parametrize("path", ["/v1/articles", "/v1/events"])
@pytest.mark.parametrize("limit", ["0", "501", "-1", "ten"])
def test_limit_out_of_range_is_422_with_the_field(client, path, limit):
    _error(client.get(path, params={"limit": limit}), 422, "query.limit")


def test_limit_bounds_are_accepted(client):
    assert client.get("/v1/articles", params={"limit": 1}).status_code == 200
    assert client.get("/v1/articles", params={"limit": 500}).status_code == 200


@pytest.mark.parametrize("cursor", ["nonsense", "eyJ4IjoxfQ", "%%%"])
def test_bad_cursor_is_422(client, cursor):
    _error(client.get("/v1/articles", params={"cursor": cursor}), 422, "query.cursor")


def test_a_cursor_of_another_list_is_422(client):
    cursor = client.get("/v1/events", params={"limit": 1}).json()["next_cursor"]
    assert cursor
    _error(client.get("/v1/articles", params={"cursor": cursor}), 422, "query.cursor")


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("/v1/articles", {"from": "2024-13-01"}, "query.from"),
        ("/v1/articles", {"to": "yesterday"}, "query.to"),
        ("/v1/articles", {"from": "2024-05-02", "to": "2024-05-01"}, "query.to"),
        ("/v1/events", {"from": "2024-02-30"}, "query.from"),
        ("/v1/events", {"from": "2024-05-02", "to": "2024-05-01"}, "query.to"),
        ("/v1/stats/events", {"to": "2024/05/01"}, "query.to"),
        ("/v1/articles", {"region": "6208021"}, "query.region"),
        ("/v1/events", {"region": "甘肃"}, "query.region"),
        ("/v1/stats/events", {"region": "000000"}, "query.region"),
        ("/v1/stats/events", {"level": "village"}, "query.level"),
        ("/v1/articles", {"q": " ".join("字" * 11)}, "query.q"),
        ("/v1/articles", {"q": "字" * 201}, "query.q"),
    ],
)
def test_invalid_parameters_are_422(client, path, params, field):
    _error(client.get(path, params=params), 422, field)


@pytest.mark.parametrize("path", ["/v1/articles/nope", "/v1/events/nope", "/v1/articles/%25", "/v1/events/'"])
def test_unknown_ids_are_404(client, path):
    body = _error(client.get(path), 404)
    assert body.error.code == "not_found"


def test_operations_endpoints(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["checks"] == {"database": True}
    metrics = client.get("/metrics").text
    for name in (
        "newsevents_store_articles_stored_total",
        "newsevents_store_articles_replaced_total",
        "newsevents_store_stale_ignored_total",
        "newsevents_store_events_stored_total",
    ):
        assert name in metrics


def test_not_ready_before_start(tmp_path):
    app = create_app(Settings(data_dir=tmp_path), start_consumer=False)
    client = TestClient(app)  # lifespan not run: no database yet
    assert client.get("/readyz").status_code == 503
    _error(client.get("/v1/articles"), 503)
