"""The ingest service's own counters (on top of runtime.metrics.Metrics)."""

from __future__ import annotations

from prometheus_client import Counter

from newsevents.runtime.metrics import Metrics


class IngestMetrics:
    def __init__(self, base: Metrics) -> None:
        r = base.registry
        self.accepted = Counter("newsevents_ingest_accepted", "items accepted (new)", ["via", "kind"], registry=r)
        self.duplicates = Counter(
            "newsevents_ingest_duplicates", "items pushed again and answered as duplicates", ["via", "kind"], registry=r
        )
        self.rejected = Counter("newsevents_ingest_rejected", "items refused, by reason", ["reason"], registry=r)
        self.unavailable = Counter(
            "newsevents_ingest_unavailable", "items answered 503 because JetStream could not take them", registry=r
        )
