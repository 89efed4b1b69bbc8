"""The pipeline the hostile-input tests attack, and what "left no trace" means.

Every service a process (the launcher's pipeline), its own nats-server and store database
(SQLite, and PostgreSQL when ``NEWSEVENTS_TEST_POSTGRES`` is set), pushing guarded by keys and
Superdesk pushes by a signature, and two stored articles: a plain one and one whose text is full
of SQL metacharacters (for the filters to be tried on).

A trace is what a request could leave behind: a message in any stream (INGEST above all: nothing
reaches extraction or the store without passing there) and rows in any table of the store.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import nats
import sqlalchemy as sa

from newsevents.contract import subjects
from newsevents.ingest.signature import sign
from newsevents.launcher.pipeline import Pipeline
from newsevents.store.db import create_engine

from . import eventually, eventually_sync
from .fault_pipeline import StoreDatabase, store_database
from .observe import settled
from .store_databases import TABLES

STREAMS = (subjects.INGEST_STREAM, subjects.ARTICLES_STREAM, subjects.EVENTS_STREAM, subjects.DLQ_STREAM)

PLAIN = {
    "source": "张掖日报", "published": "2024-10-10", "headline": "甘州区举办全民健身运动会",
    "body": "10月9日，甘肃省张掖市甘州区举办2024年全民健身运动会，全区2000余名群众参加。"
            "甘州区体育中心主任李明说：“运动会让群众在家门口就能参与体育锻炼。”",
}
META = {
    "source": "测试%源_1", "published": "2024-01-02", "headline": "设备检查100%达标",
    "body": "1月2日，兰州市住建局开展设备检查，达标率100%。编号a_b的设备由O'Brien负责，"
            "路径为C:\\data\\x，备注\"无\"；检查组称：[通过]（*）。",
}


@dataclass(frozen=True)
class Trace:
    streams: dict[str, int]  # messages per stream
    tables: dict[str, int]  # rows per store table


@dataclass
class Hostile:
    pipeline: Pipeline
    database: StoreDatabase
    push_key: str  # may push for any source
    source_key: str  # may push for 人民日报 only
    superdesk_secret: str
    engine: sa.Engine

    @property
    def api_url(self) -> str:
        return self.pipeline.api_url

    @property
    def nats_url(self) -> str:
        return self.pipeline.nats.url

    def client(self, headers: dict[str, str] | None = None) -> httpx.AsyncClient:
        """A client of the api sending ``headers`` with every request (default: the push key)."""
        default = {"x-api-key": self.push_key} if headers is None else headers
        return httpx.AsyncClient(base_url=self.api_url, timeout=60, headers=default)

    def signed(self, body: bytes) -> dict[str, str]:
        return {"content-type": "application/json", "x-superdesk-signature": sign(self.superdesk_secret, body)}

    async def trace(self) -> Trace:
        nc = await nats.connect(self.nats_url)
        try:
            js = nc.jetstream()
            streams = {name: (await js.stream_info(name)).state.messages for name in STREAMS}
        finally:
            await nc.close()
        return Trace(streams, await asyncio.to_thread(self._tables))

    def _tables(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {t: conn.execute(sa.text(f"SELECT count(*) FROM {t}")).scalar_one() for t in TABLES}

    async def assert_no_trace(self, before: Trace) -> None:
        """Nothing was published, nothing stored — now, and once the consumers have nothing left to do."""
        assert await self.trace() == before
        await eventually(lambda: settled(self.nats_url), timeout=30, interval=0.2)
        assert await self.trace() == before


@contextmanager
def hostile_pipeline(kind: str, tmp_path: Path) -> Iterator[Hostile]:
    """``kind``: ``sqlite`` or ``postgres`` (skips unless ``NEWSEVENTS_TEST_POSTGRES`` is set)."""
    push_key, source_key, secret = (f"{name}-{uuid.uuid4().hex}" for name in ("push", "rmrb", "sd"))
    with store_database(kind, tmp_path) as database:
        env = {
            "DATABASE_URL": database.url,
            "NEWSEVENTS_API_KEYS": f"{push_key},人民日报={source_key}",
            "NEWSEVENTS_SUPERDESK_SECRET": secret,
        }
        if database.schema:
            env["NEWSEVENTS_DATABASE_SCHEMA"] = database.schema
        engine = create_engine(database.direct_url, schema=database.schema)
        try:
            with Pipeline(tmp_path / "pipeline", api_port=0, env=env) as pipeline:
                hostile = Hostile(pipeline, database, push_key, source_key, secret, engine)
                _seed(hostile)
                yield hostile
        finally:
            engine.dispose()


def _seed(hostile: Hostile) -> None:
    with httpx.Client(base_url=hostile.api_url, timeout=60, headers={"x-api-key": hostile.push_key}) as client:
        for item in (PLAIN, META):
            response = client.post("/v1/articles", content=json.dumps(item, ensure_ascii=False).encode(),
                                   headers={"content-type": "application/json"})
            assert response.status_code == 201, response.text
        eventually_sync(lambda: len(client.get("/v1/articles").json()["items"]) == 2, timeout=60, interval=0.2)
