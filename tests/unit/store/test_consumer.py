"""The ArticleExtracted handler: decode at the edge, write, classify failures (fakes, no NATS)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
import structlog
from sqlalchemy import exc as sa_exc
from structlog.testing import capture_logs

from newsevents.runtime.errors import PermanentError, TransientError
from newsevents.runtime.metrics import Metrics
from newsevents.store.consumer import build_handler, decode
from newsevents.store.metrics import StoreMetrics
from newsevents.store.repository import Repository, StoreResult
from tests.support.store_databases import counts
from tests.support.store_messages import corpus, publishable


@dataclass
class FakeMsg:
    data: bytes
    subject: str = "articles.420000.422800.x"


class FailingRepository:
    def __init__(self, error: Exception) -> None:
        self.error = error

    def store(self, msg) -> StoreResult:
        raise self.error


def _metric(metrics: Metrics, name: str) -> float:
    return metrics.registry.get_sample_value(name) or 0.0


@pytest.fixture
def metrics():
    return Metrics("store")


async def test_stores_and_counts(database, unique, metrics):
    handle = build_handler(Repository(database), StoreMetrics(metrics))
    enshi = corpus(unique)["enshi"]
    _, payload, _ = publishable(enshi)
    await handle(FakeMsg(payload))
    await handle(FakeMsg(payload))  # a redelivery
    assert counts(database)["articles"] == 1
    assert _metric(metrics, "newsevents_store_articles_stored_total") == 1
    assert _metric(metrics, "newsevents_store_duplicates_total") == 1
    assert _metric(metrics, "newsevents_store_events_stored_total") == 5


@pytest.mark.parametrize(
    "payload",
    [b"", b"not json", b"{}", b'{"article_id": "x"}', "中文".encode(), b"\xff\xfe", b"[1, 2]"],
)
def test_invalid_payload_is_permanent(payload):
    with pytest.raises(PermanentError):
        decode(payload)


def test_index_beyond_count_is_permanent(unique):
    msg = corpus(unique)["enshi"].model_copy(update={"index": 1, "count": 1})
    with pytest.raises(PermanentError, match="index 1"):
        decode(msg.model_dump_json().encode())


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (sa_exc.OperationalError("SELECT 1", {}, Exception("connection refused")), TransientError),
        (sa_exc.OperationalError("INSERT", {}, Exception("database is locked")), TransientError),
        (sa_exc.InterfaceError("SELECT 1", {}, Exception("connection already closed")), TransientError),
        (sa_exc.IntegrityError("INSERT", {}, Exception("duplicate key")), PermanentError),
        (sa_exc.DataError("INSERT", {}, Exception("value too long")), PermanentError),
    ],
)
async def test_database_failures_are_classified(unique, metrics, error, expected):
    handle = build_handler(FailingRepository(error), StoreMetrics(metrics))
    _, payload, _ = publishable(corpus(unique)["enshi"])
    with pytest.raises(expected):
        await handle(FakeMsg(payload))


async def test_binds_the_article_to_the_summary_line(database, unique, metrics):
    handle = build_handler(Repository(database), StoreMetrics(metrics))
    enshi = corpus(unique)["enshi"]
    try:
        with capture_logs(processors=[structlog.contextvars.merge_contextvars]) as logs:
            await handle(FakeMsg(publishable(enshi)[1]))
            structlog.get_logger().info("message")  # what the delivery loop logs after the handler
    finally:
        structlog.contextvars.clear_contextvars()
    assert logs[-1]["article_id"] == enshi.article_id and logs[-1]["stored"] == "stored"
