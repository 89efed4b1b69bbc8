"""Hostile reads through the api gateway: SQL metacharacters in every filter, huge ``q`` strings,
bad dates, negative or huge page sizes, unknown parameters, hostile ids, and the live stream's
parameters. A refused read is a 422 naming the parameter; an accepted one treats metacharacters
as plain characters (``%`` and ``_`` are no wildcards, quotes end nothing); none changes the store.
"""

from __future__ import annotations

import asyncio
import http.client
from urllib.parse import urlsplit

import pytest

from tests.support.hostile import META

SQL = ["'", '"', ";", "--", "%", "_", "\\", "/*", "*/", "' OR '1'='1", "1; DROP TABLE articles; --", "%' OR 1=1 --",
       "\\%", "a_b", "100%", "O'Brien", "[通过]", "(*)", "NEAR(a b)", '"a" OR "b"', "MATCH", "*", "^", "$", "|", "?",
       "\u3000%\u3000", "测试%源_1"]
TEXT_FILTERS = {  # always accepted: text, compared as text
    "/v1/articles": ("q", "source"),
    "/v1/events": ("q", "source", "person", "organization"),
    "/v1/stats/events": ("q", "source", "person", "organization"),
}
PATTERN_FILTERS = {  # a fixed shape: accepted only when the value has it
    "/v1/articles": ("region", "document", "cursor", "from", "to", "limit"),
    "/v1/events": ("region", "type", "article", "cursor", "from", "to", "limit"),
    "/v1/stats/events": ("region", "type", "article", "level", "from", "to"),
}


async def get(hostile, path: str, params=None, headers=None):
    async with hostile.client({}) as client:
        return await client.get(path, params=params, headers=headers)


async def everything(client) -> tuple[list[dict], list[dict]]:
    """Every stored article (with its body) and every event."""
    listed = (await client.get("/v1/articles", params={"limit": 500})).json()["items"]
    articles = [(await client.get(f"/v1/articles/{a['id']}")).json() for a in listed]
    events = (await client.get("/v1/events", params={"limit": 500})).json()["items"]
    return articles, events


async def refused(hostile, path: str, params=None, headers=None, where: str | None = None) -> None:
    """A 422 naming ``where`` (or some query parameter), and no trace."""
    before = await hostile.trace()
    response = await get(hostile, path, params, headers)
    assert response.status_code == 422, response.text
    paths = [d["path"] for d in response.json()["error"]["details"]]
    assert paths == [where] if where else any(p.startswith("query.") for p in paths), paths
    await hostile.assert_no_trace(before)


def has(text: str | None, term: str) -> bool:
    return term.casefold() in (text or "").casefold()  # both dialects compare ASCII letters case-insensitively


async def test_sql_metacharacters_in_every_filter_are_plain_characters(hostile):
    before = await hostile.trace()
    async with hostile.client({}) as client:
        articles, events = await everything(client)
        assert len(articles) == 2 and events, "the seeded articles are stored, with events"
        for path, names in TEXT_FILTERS.items():
            for name in names:
                for value in SQL:
                    response = await client.get(path, params={name: value})
                    assert response.status_code == 200, (path, name, value, response.text)
                    check_results(path, name, value, response.json(), articles, events)
        for path, names in PATTERN_FILTERS.items():
            for name in names:
                for value in SQL:
                    response = await client.get(path, params={name: value})
                    assert response.status_code in (200, 422), (path, name, value, response.text)
                    if response.status_code == 422:
                        assert [d["path"] for d in response.json()["error"]["details"]] == [f"query.{name}"]
    await hostile.assert_no_trace(before)


def check_results(path: str, name: str, value: str, body: dict, articles: list[dict], events: list[dict]) -> None:
    terms = value.split()
    if path == "/v1/articles":
        got = {a["id"] for a in body["items"]}
        if name == "q":
            want = {a["id"] for a in articles if all(has(a["headline"], t) or has(a["body"], t) for t in terms)}
        else:
            want = {a["id"] for a in articles if a["source"] == value}
        assert got == want, (name, value)
        return
    if path == "/v1/stats/events":
        assert body["level"] == "province"
        if name == "q":
            matching = [e for e in events if all(has(e["sentence"], t) for t in terms)]
            assert sum(r["count"] for r in body["items"]) == len(matching)
        return
    for event in body["items"]:  # /v1/events: nothing matched by accident (a wildcard, an injected OR)
        if name == "q":
            assert all(has(event["sentence"], t) for t in terms), (value, event["sentence"])
        elif name == "source":
            assert event["source"] == value
        else:
            assert has(event["sentence"], value) or any(has(p["name"], value) for p in event["participants"]), value
    if name == "q":
        assert len(body["items"]) == sum(1 for e in events if all(has(e["sentence"], t) for t in terms))
    if name == "source":
        assert len(body["items"]) == sum(1 for e in events if e["source"] == value)


async def test_metacharacters_find_what_contains_them(hostile):
    """The positive side: a metacharacter-laden value finds exactly what holds it literally."""
    meta = (await get(hostile, "/v1/articles", {"source": META["source"]})).json()["items"]
    assert [a["source"] for a in meta] == [META["source"]]
    for q in ("100%", "a_b", "O'Brien", "C:\\data", "[通过]", '"无"', "%", "_"):
        found = (await get(hostile, "/v1/articles", {"q": q})).json()["items"]
        assert [a["id"] for a in found] == [meta[0]["id"]], q


HUGE_Q = {"201 characters": "x" * 201, "5 000 CJK characters": "文" * 5_000, "60 000 characters": "x" * 60_000,
          "20 000 percent signs": "%" * 20_000}  # (a URL over ~64 KB: test_urls_too_long_for_the_http_server)


@pytest.mark.parametrize("path", ["/v1/articles", "/v1/events", "/v1/stats/events", "/v1/stream"])
@pytest.mark.parametrize("q", HUGE_Q.values(), ids=HUGE_Q.keys())
async def test_huge_q_strings(hostile, path, q):
    await refused(hostile, path, {"q": q}, where="query.q")


async def test_too_many_terms(hostile):
    await refused(hostile, "/v1/articles", {"q": " ".join("abcdefghijk")}, where="query.q")  # the store's limit: 10


@pytest.mark.parametrize("size", [100_000, 1_000_000])
async def test_urls_too_long_for_the_http_server(hostile, size):
    """Beyond ~64 KB the request line itself is refused by the HTTP server (400), before any route."""
    before = await hostile.trace()
    status = await asyncio.to_thread(raw_get, hostile.api_url, "/v1/articles?q=" + "x" * size)
    assert 400 <= status < 500
    await hostile.assert_no_trace(before)


def raw_get(base: str, target: str) -> int:
    url = urlsplit(base)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    try:
        connection.request("GET", target)
        return connection.getresponse().status
    except (ConnectionError, http.client.HTTPException):
        return 400  # the server may close the connection instead of answering
    finally:
        connection.close()


BAD_DATES = ["2024-13-45", "2024-02-30", "0", "1700000000", "2024-10-10T00:00", "2024-1-1", "yesterday", "",
             "20241010", "2024-10-10 ", "２０２４-10-10", "-2024-10-10"]


@pytest.mark.parametrize("path", ["/v1/articles", "/v1/events", "/v1/stats/events"])
async def test_bad_dates(hostile, path):
    before = await hostile.trace()
    for value in BAD_DATES:
        for name in ("from", "to"):
            response = await get(hostile, path, {name: value})
            assert response.status_code == 422, (name, value, response.text)
            assert response.json()["error"]["details"][0]["path"] == f"query.{name}"
    reversed_range = await get(hostile, path, {"from": "2024-10-10", "to": "2024-10-01"})
    assert reversed_range.status_code == 422
    assert reversed_range.json()["error"]["details"][0]["path"] == "query.to"
    await hostile.assert_no_trace(before)


@pytest.mark.parametrize("path", ["/v1/articles", "/v1/events"])
@pytest.mark.parametrize("limit", ["-1", "0", "501", "99999999999999999999999999999", "1.5", "1e3", "abc", "", "0x10"])
async def test_negative_or_huge_page_sizes(hostile, path, limit):
    await refused(hostile, path, {"limit": limit}, where="query.limit")


@pytest.mark.parametrize(("path", "params"), [
    ("/v1/articles", {"regoin": "62"}), ("/v1/articles", {"Limit": "5"}), ("/v1/articles", {"q[]": "x"}),
    ("/v1/events", {"from_": "2024-10-10"}), ("/v1/stats/events", {"limit": "5"}), ("/v1/stream", {"since": "1"}),
    ("/v1/events", {"type": "honor", "sort": "id; DROP TABLE events"}),
])
async def test_unknown_parameters(hostile, path, params):
    await refused(hostile, path, params)


@pytest.mark.parametrize("raw_id", ["%27%20OR%201%3D1", "a" * 129, "a%00b", "..", "%2e%2e%2fmetrics", "%E6%96%87",
                                    "-abc", "a%20b", "a%25"])
@pytest.mark.parametrize("kind", ["articles", "events"])
async def test_hostile_ids(hostile, kind, raw_id):
    before = await hostile.trace()
    async with hostile.client({}) as client:
        response = await client.get(f"/v1/{kind}/{raw_id}")
    assert response.status_code in (404, 422), response.text
    assert response.json()["error"]["code"] in ("validation_error", "not_found")
    await hostile.assert_no_trace(before)


async def test_unknown_ids_are_404(hostile):
    for kind in ("articles", "events"):
        response = await get(hostile, f"/v1/{kind}/ffffffffffffffffffffffff")
        assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize(("params", "headers", "where"), [
    ({"region": "x"}, None, "query.region"), ({"region": "000000"}, None, "query.region"),
    ({"type": "'; DROP TABLE events; --"}, None, "query.type"), ({"q": "\u0000"}, None, "query.q"),
    ({"last_event_id": "-1"}, None, "query.last_event_id"), ({"last_event_id": "abc"}, None, "query.last_event_id"),
    ({}, {"Last-Event-ID": "-5"}, "header.Last-Event-ID"), ({}, {"Last-Event-ID": "1 OR 1=1"}, "header.Last-Event-ID"),
])
async def test_stream_parameters(hostile, params, headers, where):
    await refused(hostile, "/v1/stream", params, headers, where)
