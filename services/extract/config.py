"""Settings of the extract service (environment: NEWSEVENTS_*)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from newsevents.runtime.settings import ServiceSettings


class Settings(ServiceSettings):
    service_name: str = "extract"
    port: int = 8002
    taxonomy: Path | None = Field(default=None, description="a TOML file extending/overriding the event taxonomy")
    workers: int = Field(default=1, ge=1, le=16, description="extraction threads in this process")
    fetch_batch: int = Field(default=4, ge=1, le=256)
    ack_wait_seconds: float = Field(default=30.0, gt=0)
    max_deliver: int = Field(default=5, ge=1)
    max_ack_pending: int = Field(default=32, ge=1)
    publish_timeout: float = Field(default=10.0, gt=0)
