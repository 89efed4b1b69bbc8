"""Soak: 3,000 articles and pages through the api at a steady rate while a seeded controller
kills (SIGKILL) and restarts extract and store at random moments.

At the end the database holds exactly what was accepted — per source, every article with its
events, nothing twice (tests/support/exactly_once.py) — nothing is dead-lettered, and ingest's
duplicate counter equals the repeats the test pushed on purpose. The figures are written to
``soak.json`` in the test's directory and printed in the terminal summary (tests/e2e/conftest.py).
"""

from __future__ import annotations

import asyncio
import json
import random
import time
from collections import Counter
from dataclasses import dataclass, field

import pytest

from newsevents.launcher.pipeline import Pipeline
from tests.support.exactly_once import stored_exactly_once
from tests.support.fault_pipeline import articles, fault_pipeline, pages, store_database
from tests.support.observe import ascrape, metric
from tests.support.pushing import Pusher

pytestmark = [pytest.mark.timeout(600)]

SEED = 20241010
ARTICLE_SOURCES = ("soak-人民日报", "soak-甘肃日报", "soak-达州日报")
PAGE_SOURCE = "soak-版面"
ARTICLES_PER_SOURCE = 900
PAGES = 300
REPEATS = 60  # items pushed a second time on purpose: answered 200, counted as duplicates
RATE = 45.0  # items per second, steady
FAULT_EVERY = (1.0, 5.0)  # seconds between faults (after the previous restart)
DOWN_FOR = (0.2, 2.5)  # seconds a killed service stays down


@dataclass
class Controller:
    """Kills extract or store at seeded random moments and restarts it after a seeded pause."""

    pipeline: Pipeline
    rng: random.Random
    faults: list[dict] = field(default_factory=list)

    async def run(self, until: asyncio.Event) -> None:
        started = time.monotonic()
        while not until.is_set():
            try:
                await asyncio.wait_for(until.wait(), self.rng.uniform(*FAULT_EVERY))
                return
            except asyncio.TimeoutError:
                pass
            target = self.rng.choice(("extract", "store"))
            down = self.rng.uniform(*DOWN_FOR)
            at = round(time.monotonic() - started, 1)
            await asyncio.to_thread(self.pipeline.kill, target)
            await asyncio.sleep(down)  # staying down a while is the fault, not a wait for a result
            await asyncio.to_thread(self.pipeline.restart, target)
            self.faults.append({"at_s": at, "killed": target, "down_s": round(down, 2),
                                "back_after_s": round(time.monotonic() - started - at, 1)})


def workload(rng: random.Random) -> tuple[list[dict], int]:
    """The items in push order (articles of three sources and pages, interleaved) and the repeats."""
    items = [item for i, source in enumerate(ARTICLE_SOURCES)
             for item in articles(ARTICLES_PER_SOURCE, source=source, seed=SEED + i)]
    items += pages(PAGES, source=PAGE_SOURCE, seed=SEED)
    rng.shuffle(items)
    repeats = rng.sample(range(len(items) // 2), REPEATS)  # repeated later, from the first half
    for n, index in enumerate(sorted(repeats)):
        items.insert(len(items) // 2 + 1 + n * 20, dict(items[index]))
    return items, REPEATS


async def test_soak_kills_under_steady_load(tmp_path, record_property):
    rng = random.Random(SEED)
    items, repeats = workload(rng)
    started = time.monotonic()
    with store_database("sqlite", tmp_path) as database, fault_pipeline(tmp_path, database) as pipeline:
        controller = Controller(pipeline, random.Random(SEED + 1))
        pushed = asyncio.Event()
        chaos = asyncio.create_task(controller.run(pushed))
        async with Pusher(pipeline.api_url, concurrency=32) as pusher:
            try:
                await pusher.push_all(items, rate=RATE)
            finally:
                pushed.set()
                await chaos
        push_seconds = time.monotonic() - started
        accepted = pusher.accepted_ids()
        found = await stored_exactly_once(pipeline.nats.url, database, accepted, timeout=240)
        ingest = await ascrape(pipeline.process("ingest").url)
    duration = time.monotonic() - started
    retried_duplicates = sum(1 for o in pusher.outcomes if o.status == 200 and o.retried)
    figures = {
        "items pushed": len(items),
        "articles pushed": sum(1 for i in items if i.get("kind") != "page"),
        "pages pushed": sum(1 for i in items if i.get("kind") == "page"),
        "duplicates pushed": repeats,
        "answered 201": pusher.count(201),
        "answered 200 (duplicate)": pusher.count(200),
        "accepted per source": dict(Counter(accepted.values())),
        "faults injected": len(controller.faults),
        "faults by service": dict(Counter(f["killed"] for f in controller.faults)),
        "ingest duplicates counter": metric(ingest, "newsevents_ingest_duplicates"),
        "documents found": len(found.documents),
        "documents found per source": dict(found.per_source()),
        "articles found": len(found.articles),
        "events found": found.event_count,
        "push seconds": round(push_seconds, 1),
        "duration seconds": round(duration, 1),
        "faults": controller.faults,
    }
    (tmp_path / "soak.json").write_text(json.dumps(figures, ensure_ascii=False, indent=1), encoding="utf-8")
    record_property("soak", "; ".join(f"{k}: {v}" for k, v in figures.items() if k != "faults"))
    assert not pusher.refused(), pusher.refused()[:3]
    assert pusher.count(201) == len(items) - repeats and found.per_source() == Counter(accepted.values())
    assert pusher.count(200) == repeats + retried_duplicates
    assert metric(ingest, "newsevents_ingest_duplicates") == repeats + retried_duplicates
    assert len(controller.faults) >= 5
