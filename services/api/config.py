"""Settings of the api gateway (env prefix ``NEWSEVENTS_``), built once in the entry point."""

from __future__ import annotations

from pydantic import Field, field_validator

from newsevents.runtime.settings import ServiceSettings


class Settings(ServiceSettings):
    service_name: str = "api"
    port: int = 8000

    ingest_url: str = Field(default="http://127.0.0.1:8001", description="base URL of the ingest service")
    store_url: str = Field(default="http://127.0.0.1:8003", description="base URL of the store service")
    upstream_timeout_seconds: float = Field(default=10.0, gt=0, description="read/write timeout towards ingest and store")
    upstream_connect_timeout_seconds: float = Field(default=2.0, gt=0)
    readiness_timeout_seconds: float = Field(default=2.0, gt=0, description="budget of each upstream /readyz probe")
    retry_after_seconds: float = Field(default=2.0, ge=1, description="Retry-After sent when an upstream is unavailable")

    max_streams: int = Field(default=200, ge=0, description="concurrent /v1/stream clients; more get 503")
    heartbeat_seconds: float = Field(default=15.0, gt=0, description="idle time after which a stream sends a comment")
    stream_retry_ms: int = Field(default=3000, ge=0, description="the SSE `retry:` hint sent to clients")
    stream_consumer_heartbeat_seconds: float = Field(
        default=5.0, gt=0, description="NATS heartbeats of a stream's consumer; two missed ones recreate it"
    )
    stream_consumer_inactive_seconds: float = Field(
        default=30.0, gt=0, description="the server deletes a stream's consumer after this long without its client"
    )

    @field_validator("ingest_url", "store_url")
    @classmethod
    def _base_url(cls, v: str) -> str:
        if not v.startswith(("http://", "https://")):
            raise ValueError("must be an http(s) URL")
        return v.rstrip("/")
