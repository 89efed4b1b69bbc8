"""Prometheus metrics shared by every service (each process has its own registry).

Service-specific counters live in the service; these are the ones every HTTP front and every
consumer loop reports the same way.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram


class Metrics:
    def __init__(self, service: str) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.http_requests = Counter(
            "newsevents_http_requests", "HTTP requests answered", ["route", "method", "status"], registry=r
        )
        self.http_seconds = Histogram(
            "newsevents_http_request_seconds", "HTTP request latency", ["route"], registry=r
        )
        self.messages = Counter(
            "newsevents_messages", "messages handled by a consumer, by outcome", ["consumer", "outcome"], registry=r
        )
        self.message_seconds = Histogram(
            "newsevents_message_seconds",
            "time to handle one message",
            ["consumer"],
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
            registry=r,
        )
        self.redelivered = Counter(
            "newsevents_redelivered", "messages received again after an earlier attempt", ["consumer"], registry=r
        )
        self.dead_lettered = Counter(
            "newsevents_dead_lettered", "messages given up on and recorded as dead letters", ["consumer"], registry=r
        )
        self.consumer_pending = Gauge(
            "newsevents_consumer_pending", "messages in the stream not yet delivered to the consumer (lag)",
            ["consumer"], registry=r,
        )
        self.consumer_ack_pending = Gauge(
            "newsevents_consumer_ack_pending", "messages delivered and not yet acknowledged", ["consumer"], registry=r
        )
        self.service = service
