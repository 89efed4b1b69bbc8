"""End to end, as an operator works: every service a process (the launcher of `newsevents up`), a real
nats-server, SQLite, reading behind a read key and operating behind an operator key.

- a malformed message on an ingest subject goes to the DLQ; `newsevents dlq list|show` show it;
- an article arriving while the database is locked fails its attempts and is dead-lettered; once the
  lock is gone, `newsevents dlq replay` stores it (once: replaying again finds nothing);
- a new taxonomy is deployed (extract restarted) and `newsevents reprocess` re-extracts the stored
  documents: every article's extractor output is replaced, the same articles and events, none twice;
- no key appears in any service's log.
"""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import sys

import httpx
import nats
import pytest

from newsevents.contract import cloudevents, ids, subjects
from newsevents.launcher.bench_corpus import variations
from newsevents.launcher.pipeline import Pipeline
from tests.support import eventually

OPERATOR_KEY = "e2e-operator-key-7f3a9c"
READ_KEY = "e2e-read-key-51b2d0e8"
READ = {"x-api-key": READ_KEY}
TAXONOMY = """\
# a deployment's extension: one more event type (its trigger does not occur in the test's news)
[types.e2e_probe]
label = "探测"
description = "a type only this test's taxonomy has"
triggers = ["甲乙丙丁戊"]
"""


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory):
    running = Pipeline(
        tmp_path_factory.mktemp("operate"), api_port=0,
        env={"NEWSEVENTS_OPERATOR_KEYS": f"ops={OPERATOR_KEY}", "NEWSEVENTS_READ_KEYS": f"dashboard={READ_KEY}"},
        # the store gives up quickly (two attempts, 2 s apart) and waits 0.2 s for the database lock
        service_env={"store": {"NEWSEVENTS_MAX_DELIVER": "2", "NEWSEVENTS_SQLITE_BUSY_TIMEOUT_MS": "200"}},
    )
    with running:
        yield running


@pytest.fixture
async def api(pipeline):
    async with httpx.AsyncClient(base_url=pipeline.api_url, timeout=30) as client:
        yield client


async def newsevents(pipeline: Pipeline, *argv: str, key: str | None = OPERATOR_KEY) -> tuple[int, str, str]:
    """The CLI as an operator runs it, with the api and key from the environment."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSEVENTS_")}
    env |= {"NEWSEVENTS_API": pipeline.api_url} | ({"NEWSEVENTS_API_KEY": key} if key else {})
    process = await asyncio.create_subprocess_exec(sys.executable, "-m", "newsevents.cli", *argv, env=env,
                                                   stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await asyncio.wait_for(process.communicate(), 120)
    return process.returncode, out.decode(), err.decode()


async def dead_letters(pipeline: Pipeline, consumer: str) -> list[dict]:
    code, out, err = await newsevents(pipeline, "dlq", "list", "--consumer", consumer, "--json")
    assert code == 0, err
    return json.loads(out)["items"]


async def test_a_poison_message_is_dead_lettered_and_shown(pipeline, unique):
    doc_id = ids.message_id("document", unique)  # a valid subject token: 24 hex
    headers = cloudevents.CloudEvent(id=f"poison-{unique}", type=cloudevents.DOCUMENT_SUBMITTED, source="/e2e",
                                     time=cloudevents.now()).headers()
    nc = await nats.connect(pipeline.nats.url)
    try:
        await nc.jetstream().publish(subjects.submitted(doc_id), b'{"document_id": "' + doc_id.encode() + b'", "kind": ',
                                     headers=headers)
    finally:
        await nc.close()

    async def letter():
        found = [i for i in await dead_letters(pipeline, "extract") if i["subject"] == subjects.submitted(doc_id)]
        return found[0] if found else None

    item = await eventually(letter, timeout=30, interval=0.5)
    assert item["deliveries"] == 1 and "not a DocumentSubmitted message" in item["error"]

    code, out, _ = await newsevents(pipeline, "dlq", "list")
    assert code == 0 and f"{item['seq']}" in out and subjects.submitted(doc_id) in out
    code, out, _ = await newsevents(pipeline, "dlq", "show", str(item["seq"]))
    assert code == 0 and f"poison-{unique}" in out and '"kind": ' in out
    code, _, err = await newsevents(pipeline, "dlq", "list", key=None)
    assert code == 1 and "401" in err and "--api-key" in err
    code, _, err = await newsevents(pipeline, "dlq", "list", key=READ_KEY)
    assert code == 1 and "403" in err

    code, out, _ = await newsevents(pipeline, "dlq", "discard", str(item["seq"]))  # nothing will make it work
    assert code == 0 and await letter() is None


async def test_an_article_that_failed_while_the_database_was_locked_is_replayed(pipeline, api, unique):
    lock = sqlite3.connect(pipeline.data_dir / "newsevents.db", isolation_level=None, timeout=10)
    lock.execute("BEGIN IMMEDIATE")  # the store cannot write until this ends
    try:
        (item,) = variations(1, seed=11, source=f"e2e-lock-{unique}")
        pushed = await api.post("/v1/articles", json=item)
        assert pushed.status_code == 201, pushed.text
        article_id = pushed.json()["id"]

        async def letter():
            found = [i for i in await dead_letters(pipeline, "store") if i["subject"].endswith(f".{article_id}")]
            return found[0] if found else None

        dead = await eventually(letter, timeout=60, interval=0.5)
        assert dead["deliveries"] == 2 and "database" in dead["error"]
        assert (await api.get(f"/v1/articles/{article_id}", headers=READ)).status_code == 404
    finally:
        lock.rollback()
        lock.close()

    code, out, err = await newsevents(pipeline, "dlq", "replay", str(dead["seq"]))
    assert code == 0 and "replayed 1, not found 0, failed 0" in err, (out, err)
    assert f"{dead['message_id']}.replay.{dead['seq']}" in out

    async def stored():
        answer = await api.get(f"/v1/articles/{article_id}", headers=READ)
        return answer.json() if answer.status_code == 200 else None

    article = await eventually(stored, timeout=30, interval=0.3)
    assert article["source"] == item["source"] and article["events"]
    assert (await api.get(f"/v1/articles/{article_id}")).status_code == 401  # reading needs the read key

    code, _, err = await newsevents(pipeline, "dlq", "replay", str(dead["seq"]))
    assert code == 1 and "not found 1" in err
    assert await letter() is None


async def drained(pipeline: Pipeline) -> bool:
    """Extraction and storage caught up: nothing pending or unacknowledged on either durable consumer."""
    nc = await nats.connect(pipeline.nats.url)
    try:
        js = nc.jetstream()
        infos = [await js.consumer_info(subjects.INGEST_STREAM, subjects.EXTRACT_CONSUMER),
                 await js.consumer_info(subjects.ARTICLES_STREAM, subjects.STORE_CONSUMER)]
    finally:
        await nc.close()
    return all(i.num_pending == 0 and i.num_ack_pending == 0 for i in infos)


async def snapshot(api: httpx.AsyncClient, source: str) -> tuple[dict[str, dict], list[str]]:
    articles = (await api.get("/v1/articles", params={"source": source, "limit": 500}, headers=READ)).json()["items"]
    events = (await api.get("/v1/events", params={"source": source, "limit": 500}, headers=READ)).json()["items"]
    return {a["id"]: a for a in articles}, [e["id"] for e in events]


async def test_reprocess_re_extracts_with_the_deployed_taxonomy(pipeline, api, unique, tmp_path):
    source = f"e2e-reprocess-{unique}"
    items = variations(4, seed=23, source=source)
    page = {"kind": "page", "source": source, "external_id": f"{source}-page", "published": "2024-10-10",
            "text": "\n".join(f"{i['headline']}\n{i['body']}" for i in items[2:])}
    for item in [*items[:2], page]:
        assert (await api.post("/v1/articles", json=item)).status_code == 201

    async def all_stored():
        found, _ = await snapshot(api, source)
        return len({a["document_id"] for a in found.values()}) == 3 and await drained(pipeline)

    await eventually(all_stored, timeout=60, interval=0.5)
    before, events_before = await snapshot(api, source)
    assert events_before and len(set(events_before)) == len(events_before)
    assert len(before) >= 4  # two articles, and a page of two or more

    taxonomy = tmp_path / "taxonomy.toml"
    taxonomy.write_text(TAXONOMY, encoding="utf-8")
    pipeline.restart("extract", env={"NEWSEVENTS_TAXONOMY": str(taxonomy)})  # a new extractor version

    code, out, err = await newsevents(pipeline, "reprocess", "--since", "2024-10-01", "--source", source)
    assert code == 0 and "3 documents, republished 3, not in the stream any more 0, failed 0" in out, (out, err)

    async def replaced():
        after, _ = await snapshot(api, source)
        versions = {a["extractor_version"] for a in after.values()}
        old = {a["extractor_version"] for a in before.values()}
        return after if after.keys() == before.keys() and not versions & old else None

    await eventually(replaced, timeout=60, interval=0.5)
    await eventually(lambda: drained(pipeline), timeout=30, interval=0.3)
    after, events_after = await snapshot(api, source)
    assert after.keys() == before.keys()  # the same articles: none more, none fewer
    for article_id, article in after.items():
        assert article["extracted_at"] > before[article_id]["extracted_at"]
        assert article["event_count"] == before[article_id]["event_count"]
    assert sorted(events_after) == sorted(events_before)  # the same events, none twice


async def test_no_key_reaches_any_log(pipeline):
    logs = {path.name: path.read_text("utf-8", errors="replace") for path in (pipeline.data_dir / "logs").glob("*.log")}
    assert "api.log" in logs
    for name, text in logs.items():
        assert OPERATOR_KEY not in text and READ_KEY not in text, name
    requests = [json.loads(line) for line in logs["api.log"].splitlines() if '"event": "request"' in line]
    assert {r.get("principal") for r in requests} >= {"ops", "dashboard"}
    replayed = [json.loads(line) for line in logs["api.log"].splitlines() if "dead_letter.replayed" in line]
    assert replayed and all(r["operator"] == "ops" for r in replayed)
