"""End to end: every service as a process (the launcher `newsevents up` uses), a real nats-server,
SQLite. Push the sample page through the api, then find its articles and events through every
query endpoint, a NATS wildcard subscription and the SSE stream; push it again: nothing doubles.
"""

from __future__ import annotations

import asyncio
import json
from collections import Counter

import httpx
import nats
import pytest

from newsevents.launcher.pipeline import Pipeline
from tests.conftest import ROOT, SHARED
from tests.support import eventually

HOLDOUT = ROOT / "tests" / "fixtures" / "holdout" / "pages.jsonl"


@pytest.fixture(scope="module")
def page() -> tuple[str, str]:
    """``(text, published)``: the sample page of ../shared, else a held-out page of our own."""
    sample = SHARED / "samples" / "page-2024-10-10.txt"
    if sample.exists():
        return sample.read_text("utf-8"), "2024-10-10"
    first = json.loads(HOLDOUT.read_text("utf-8").splitlines()[0])
    return first["text"], first["published"]


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory):
    with Pipeline(tmp_path_factory.mktemp("pipeline"), api_port=0) as running:
        yield running


async def sse_events(url: str, params: dict, into: list, ready: asyncio.Event, headers: dict | None = None) -> None:
    async with httpx.AsyncClient(timeout=None) as client:
        async with client.stream("GET", f"{url}/v1/stream", params=params, headers=headers or {}) as response:
            assert response.status_code == 200
            ready.set()
            frame: dict = {}
            async for line in response.aiter_lines():
                if line.startswith("id:"):
                    frame["id"] = line[3:].strip()
                elif line.startswith("data:"):
                    frame["data"] = json.loads(line[5:])
                elif line == "" and "data" in frame:
                    into.append(frame)
                    frame = {}


async def test_sample_page_end_to_end(pipeline, page):
    page_text, published = page
    api = pipeline.api_url
    nc = await nats.connect(pipeline.nats.url)
    wildcard: list[str] = []
    async def on_event(msg) -> None:
        wildcard.append(msg.subject)

    await nc.subscribe("events.*.*.*", cb=on_event)
    streamed: list[dict] = []
    ready = asyncio.Event()
    sse = asyncio.create_task(sse_events(api, {}, streamed, ready))
    await asyncio.wait_for(ready.wait(), 10)

    async with httpx.AsyncClient(base_url=api, timeout=30) as client:
        item = {"kind": "page", "source": "e2e-sample", "published": published, "text": page_text}
        first = await client.post("/v1/articles", json=item)
        assert first.status_code == 201, first.text
        doc = first.json()["id"]

        async def articles_stored():
            r = await client.get("/v1/articles", params={"document": doc, "limit": 500})
            return r.json()["items"] if r.status_code == 200 and r.json()["items"] else None

        articles = await eventually(articles_stored, timeout=60, interval=0.3)
        ids = {a["id"] for a in articles}
        assert all(i.startswith(f"{doc}-") for i in ids)

        # every article with its body, entities, events, metrics, quotes
        details = [(await client.get(f"/v1/articles/{i}")).json() for i in sorted(ids)]
        assert all(d["body"] and d["published"] == published and d["source"] == "e2e-sample" for d in details)
        events = [e for d in details for e in d["events"]]
        assert events, "the sample page yields events"
        for d in details:
            for e in d["entities"] + d["metrics"] + d["quotes"]:
                assert d["body"][e["start"]:e["end"]] == e["text"]
            for e in d["events"]:
                assert d["body"][e["trigger"]["start"]:e["trigger"]["end"]] == e["trigger"]["text"]

        # articles by full text, region, source, dates
        probe = details[0]
        word = probe["body"][:4]
        by_q = (await client.get("/v1/articles", params={"q": word, "source": "e2e-sample"})).json()["items"]
        assert probe["id"] in {a["id"] for a in by_q}
        regional = [d for d in details if d.get("region")]
        if regional:
            code = regional[0]["region"]["adcode"]
            by_region = (await client.get("/v1/articles", params={"region": code[:2] + "0000"})).json()["items"]
            assert regional[0]["id"] in {a["id"] for a in by_region}
        in_range = (await client.get("/v1/articles", params={"from": published, "to": published, "limit": 500})).json()
        assert ids <= {a["id"] for a in in_range["items"]}
        before = (await client.get("/v1/articles", params={"to": "2000-01-01", "source": "e2e-sample"})).json()
        assert before["items"] == []

        # events by type, id, article, and paging
        kinds = Counter(e["type"] for e in events)
        some_type = kinds.most_common(1)[0][0]
        by_type = (await client.get("/v1/events", params={"type": some_type, "limit": 500})).json()["items"]
        assert {e["id"] for e in events if e["type"] == some_type} <= {e["id"] for e in by_type}
        one = (await client.get(f"/v1/events/{events[0]['id']}")).json()
        assert one["id"] == events[0]["id"] and one["article_id"] in ids
        page1 = (await client.get("/v1/events", params={"limit": 1})).json()
        assert len(page1["items"]) == 1 and (page1["next_cursor"] or len(events) == 1)
        stats = (await client.get("/v1/stats/events", params={"level": "province"})).json()
        assert sum(r["count"] for r in stats["items"]) >= len(events)

        # live: NATS wildcard subscribers and the SSE stream saw every event
        await eventually(lambda: len(wildcard) >= len(events), timeout=20)
        await eventually(lambda: len(streamed) >= len(events), timeout=20)
        assert {f["data"]["id"] for f in streamed} >= {e["id"] for e in events}

        # the same page again: same id, duplicate, and nothing doubles
        again = await client.post("/v1/articles", json=item)
        assert again.status_code == 200 and again.json() == first.json() | {"duplicate": True}
        await asyncio.sleep(1.0)  # give a wrongly-accepted repeat the time to show up
        after = (await client.get("/v1/articles", params={"document": doc, "limit": 500})).json()["items"]
        assert sorted(a["id"] for a in after) == sorted(ids)
        all_events = (await client.get("/v1/events", params={"source": "e2e-sample", "limit": 500})).json()["items"]
        assert sorted(e["id"] for e in all_events) == sorted(e["id"] for e in events)
    sse.cancel()
    await nc.close()

