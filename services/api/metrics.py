"""The gateway's own metrics, beside the ones every HTTP front reports (runtime.metrics)."""

from __future__ import annotations

from prometheus_client import Counter, Gauge

from newsevents.runtime.metrics import Metrics


class ApiMetrics(Metrics):
    def __init__(self) -> None:
        super().__init__("api")
        r = self.registry
        self.streams_active = Gauge("newsevents_api_streams_active", "open /v1/stream connections", registry=r)
        self.streams_refused = Counter(
            "newsevents_api_streams_refused", "/v1/stream connections refused (over the cap or NATS unavailable)",
            ["reason"], registry=r,
        )
        self.stream_events = Counter("newsevents_api_stream_events", "events sent to /v1/stream clients", registry=r)
        self.upstream_failures = Counter(
            "newsevents_api_upstream_failures", "requests answered 503 because an upstream failed",
            ["upstream", "reason"], registry=r,
        )
        self.auth_refused = Counter(
            "newsevents_api_auth_refused", "requests refused for a missing (401) or invalid (403) key",
            ["scope", "reason"], registry=r,
        )
        self.dead_letters_replayed = Counter(
            "newsevents_api_dead_letters_replayed", "dead letters published again to their original subject",
            ["consumer"], registry=r,
        )
        self.documents_reprocessed = Counter(
            "newsevents_api_documents_reprocessed", "stored documents sent to extraction again", registry=r,
        )
