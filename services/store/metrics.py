"""The store's own counters, registered in the process's registry (``runtime.metrics``)."""

from __future__ import annotations

from prometheus_client import Counter

from newsevents.runtime.metrics import Metrics

from .repository import StoreResult


class StoreMetrics:
    def __init__(self, metrics: Metrics) -> None:
        r = metrics.registry
        self.articles_stored = Counter("newsevents_store_articles_stored", "articles stored for the first time", registry=r)
        self.articles_replaced = Counter(
            "newsevents_store_articles_replaced", "articles replaced by a newer extraction", registry=r
        )
        self.stale_ignored = Counter(
            "newsevents_store_stale_ignored", "extractions ignored because a newer one is stored", registry=r
        )
        self.duplicates = Counter("newsevents_store_duplicates", "redelivered extractions already stored", registry=r)
        self.articles_removed = Counter(
            "newsevents_store_articles_removed", "articles removed: their page was re-extracted into fewer", registry=r
        )
        self.events_stored = Counter("newsevents_store_events_stored", "events written", registry=r)

    def record(self, result: StoreResult) -> None:
        counter = {
            "stored": self.articles_stored,
            "replaced": self.articles_replaced,
            "stale": self.stale_ignored,
            "duplicate": self.duplicates,
        }[result.outcome]
        counter.inc()
        if result.events:
            self.events_stored.inc(result.events)
        if result.removed:
            self.articles_removed.inc(result.removed)
