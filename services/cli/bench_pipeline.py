"""Runs the embedded pipeline and measures ingest throughput, end-to-end throughput and latency.

Figures, not a test. Phase 1 pushes N generated articles (variations, not copies) through the
api as fast as the client can (``--concurrency`` requests in flight) and reports accepted/s at
ingest, then articles/s end to end until every one is queryable. Phase 2 offers a fixed load
(``--rate`` articles/s for ``--seconds``) and reports p50/p99 latency from the api's 201 answer
to the article being readable at ``GET /v1/articles/{id}``.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-n", "--articles", type=int, default=2000, help="articles in the throughput phase (default 2000)")
    parser.add_argument("--concurrency", type=int, default=32, help="requests in flight in the throughput phase")
    parser.add_argument("--rate", type=float, default=10.0, help="offered load of the latency phase, articles/s")
    parser.add_argument("--seconds", type=float, default=30.0, help="length of the latency phase")
    parser.add_argument("--extract-replicas", type=int, default=1)
    parser.add_argument("--data-dir", type=Path, help="keep the run's data here (default: a temporary directory)")


def run(args: argparse.Namespace) -> int:
    from newsevents.launcher.pipeline import Pipeline

    with tempfile.TemporaryDirectory(prefix="newsevents-bench-") as tmp:
        data_dir = args.data_dir or Path(tmp)
        started = time.perf_counter()
        with Pipeline(data_dir, api_port=0, extract_replicas=args.extract_replicas) as pipeline:
            print(f"pipeline up in {time.perf_counter() - started:.1f} s ({data_dir})", flush=True)
            figures = asyncio.run(_measure(pipeline.api_url, args))
    width = max(len(k) for k in figures)
    for key, value in figures.items():
        print(f"{key:<{width}}  {value}")
    return 0


async def _measure(api: str, args: argparse.Namespace) -> dict[str, str]:
    import httpx

    from newsevents.launcher.bench_corpus import variations

    run_id = str(int(time.time()))
    items = variations(args.articles, seed=int(run_id), source=f"bench-{run_id}")
    limits = httpx.Limits(max_connections=args.concurrency * 2, max_keepalive_connections=args.concurrency * 2)
    async with httpx.AsyncClient(base_url=api, timeout=60, limits=limits) as client:
        # phase 1: throughput
        queue: asyncio.Queue = asyncio.Queue()
        for item in items:
            queue.put_nowait(item)
        accepted: list[str] = []
        refused = 0

        async def pusher() -> None:
            nonlocal refused
            while not queue.empty():
                item = queue.get_nowait()
                r = await client.post("/v1/articles", json=item)
                if r.status_code in (200, 201):
                    accepted.append(r.json()["id"])
                else:
                    refused += 1

        t0 = time.perf_counter()
        await asyncio.gather(*(pusher() for _ in range(args.concurrency)))
        t_accept = time.perf_counter() - t0
        source = items[0]["source"]
        while await _count(client, source) < len(accepted):
            await asyncio.sleep(0.5)
        t_all = time.perf_counter() - t0

        # phase 2: latency at a fixed offered load
        latency_items = variations(int(args.rate * args.seconds), seed=int(run_id) + 1, source=f"{source}-latency")
        latencies: list[float] = []

        async def one(item: dict) -> None:
            r = await client.post("/v1/articles", json=item)
            if r.status_code != 201:
                return
            at = time.perf_counter()
            article = r.json()["id"]
            while (await client.get(f"/v1/articles/{article}")).status_code != 200:
                await asyncio.sleep(0.02)
            latencies.append(time.perf_counter() - at)

        tasks = []
        interval = 1.0 / args.rate
        start = time.perf_counter()
        for i, item in enumerate(latency_items):
            await asyncio.sleep(max(0.0, start + i * interval - time.perf_counter()))
            tasks.append(asyncio.create_task(one(item)))
        await asyncio.gather(*tasks)

    latencies.sort()
    p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] if latencies else float("nan")  # noqa: E731
    return {
        "articles pushed": f"{len(items)} ({len(accepted)} accepted, {refused} refused)",
        "accepted/s at ingest": f"{len(accepted) / t_accept:.0f} articles/s ({args.concurrency} in flight)",
        "end to end": f"{len(accepted) / t_all:.1f} articles/s (all {len(accepted)} queryable after {t_all:.1f} s)",
        f"latency at {args.rate:g}/s offered": (
            f"p50 {p(0.5) * 1000:.0f} ms, p99 {p(0.99) * 1000:.0f} ms, mean {statistics.fmean(latencies) * 1000:.0f} ms "
            f"({len(latencies)} articles)" if latencies else "no articles measured"
        ),
    }


async def _count(client, source: str) -> int:
    total, cursor = 0, None
    while True:
        params = {"source": source, "limit": 500} | ({"cursor": cursor} if cursor else {})
        r = await client.get("/v1/articles", params=params)
        if r.status_code != 200:
            return total
        body = r.json()
        total += len(body["items"])
        cursor = body.get("next_cursor")
        if not cursor:
            return total
