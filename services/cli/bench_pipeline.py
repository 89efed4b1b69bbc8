"""Runs the embedded pipeline and measures ingest throughput, end-to-end throughput and latency.

Figures, not a test. Everything goes through the api, the way a newsroom would push:
phase 1 pushes N generated articles (variations, not copies) one per request
(``--concurrency`` in flight), phase 2 another N as NDJSON batches (``--batch`` per request);
each reports accepted/s at ingest and articles/s end to end until every one is queryable.
Phase 3 offers a fixed load (``--rate`` articles/s for ``--seconds``, one per request) and
reports p50/p99 latency from the api's 201 answer to ``GET /v1/articles/{id}`` finding it.
The load generator runs on the same machine, so it competes with the pipeline for CPU.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import tempfile
import time
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-n", "--articles", type=int, default=2000, help="articles in the throughput phase (default 2000)")
    parser.add_argument("--concurrency", type=int, default=32, help="requests in flight in the throughput phases")
    parser.add_argument("--batch", type=int, default=100, help="articles per NDJSON request in phase 2")
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
    from httpx_aiohttp import AiohttpTransport

    from newsevents.launcher.bench_corpus import variations

    run_id = int(time.time())
    limits = httpx.Limits(max_connections=args.concurrency * 2)
    transport = AiohttpTransport(limits=limits, trust_env=False)  # httpx's own pool is the bottleneck
    figures: dict[str, str] = {}
    async with httpx.AsyncClient(base_url=api, timeout=120, transport=transport) as client:
        for phase, batch in (("single requests", 1), (f"batches of {args.batch}", args.batch)):
            source = f"bench-{run_id}-{batch}"
            items = variations(args.articles, seed=run_id + batch, source=source)
            accepted, refused, t_accept, t_all = await _throughput(client, items, args.concurrency, batch)
            figures[f"{phase}: pushed"] = f"{len(items)} ({accepted} accepted, {refused} refused)"
            figures[f"{phase}: accepted/s at ingest"] = f"{accepted / t_accept:.0f} articles/s"
            figures[f"{phase}: end to end"] = f"{accepted / t_all:.1f} articles/s (all queryable after {t_all:.1f} s)"
        latencies = await _latency(client, variations(int(args.rate * args.seconds), seed=run_id + 7,
                                                      source=f"bench-{run_id}-latency"), args.rate)
    latencies.sort()
    p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] if latencies else float("nan")  # noqa: E731
    figures[f"latency at {args.rate:g}/s offered"] = (
        f"p50 {p(0.5) * 1000:.0f} ms, p99 {p(0.99) * 1000:.0f} ms, mean {statistics.fmean(latencies) * 1000:.0f} ms "
        f"({len(latencies)} articles)" if latencies else "no articles measured"
    )
    return figures


async def _throughput(client, items: list[dict], concurrency: int, batch: int) -> tuple[int, int, float, float]:
    chunks = [items[i:i + batch] for i in range(0, len(items), batch)]
    accepted = refused = 0

    async def pusher() -> None:
        nonlocal accepted, refused
        while chunks:
            chunk = chunks.pop()
            if batch == 1:
                r = await client.post("/v1/articles", json=chunk[0])
                ok = r.status_code in (200, 201)
                accepted, refused = accepted + ok, refused + (not ok)
            else:
                body = "\n".join(json.dumps(i, ensure_ascii=False) for i in chunk).encode()
                r = await client.post("/v1/articles/batch", content=body, headers={"content-type": "application/x-ndjson"})
                result = r.json()
                accepted += result.get("accepted", 0) + result.get("duplicates", 0)
                refused += len(chunk) - result.get("accepted", 0) - result.get("duplicates", 0)

    t0 = time.perf_counter()
    await asyncio.gather(*(pusher() for _ in range(concurrency if batch == 1 else max(1, concurrency // 8))))
    t_accept = time.perf_counter() - t0
    while await _count(client, items[0]["source"]) < accepted:
        await asyncio.sleep(0.5)
    return accepted, refused, t_accept, time.perf_counter() - t0


async def _latency(client, items: list[dict], rate: float) -> list[float]:
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
    start = time.perf_counter()
    for i, item in enumerate(items):
        await asyncio.sleep(max(0.0, start + i / rate - time.perf_counter()))
        tasks.append(asyncio.create_task(one(item)))
    await asyncio.gather(*tasks)
    return latencies


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
