"""The extract service's own metrics."""

from __future__ import annotations

from prometheus_client import Counter, Histogram

from newsevents.runtime.metrics import Metrics


class ExtractMetrics:
    def __init__(self, base: Metrics) -> None:
        r = base.registry
        self.articles = Counter("newsevents_extract_articles", "articles extracted and published", registry=r)
        self.events = Counter("newsevents_extract_events", "events extracted and published", registry=r)
        self.seconds = Histogram(
            "newsevents_extract_seconds", "time to extract one document",
            buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10), registry=r,
        )
