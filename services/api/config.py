"""Settings of the api gateway (env prefix ``NEWSEVENTS_``), built once in the entry point."""

from __future__ import annotations

import re

from pydantic import Field, SecretStr, field_validator, model_validator

from pydantic_settings import SettingsConfigDict

from newsevents.runtime.settings import ServiceSettings, check_secret

MIN_KEY_LENGTH = 12
_KEY_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(hide_input_in_errors=True)  # an error must not print the keys

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

    operator_keys: SecretStr | None = Field(
        default=None,
        description="comma-separated keys (`NAME=KEY` or `KEY`) for /v1/admin/…; unset: those endpoints refuse everyone",
    )
    read_keys: SecretStr | None = Field(
        default=None,
        description="comma-separated keys (`NAME=KEY` or `KEY`) for reading; unset: reading is public. "
        "Operator keys read too.",
    )
    admin_concurrency: int = Field(default=16, ge=1, le=256, description="JetStream requests in flight in a bulk "
                                   "replay or a reprocess")

    @field_validator("ingest_url", "store_url")
    @classmethod
    def _base_url(cls, v: str) -> str:
        if not v.startswith(("http://", "https://")):
            raise ValueError("must be an http(s) URL")
        return v.rstrip("/")

    @model_validator(mode="after")
    def _keys(self) -> "Settings":
        for setting, value in (("NEWSEVENTS_OPERATOR_KEYS", self.operator_keys), ("NEWSEVENTS_READ_KEYS", self.read_keys)):
            for _, key in named_keys(value, setting):
                check_secret(setting, SecretStr(key))
                if len(key) < MIN_KEY_LENGTH:
                    raise ValueError(f"{setting}: every key needs at least {MIN_KEY_LENGTH} characters")
        return self


def named_keys(value: SecretStr | None, setting: str = "keys") -> list[tuple[str, str]]:
    """``(name, key)`` pairs of a comma-separated key list; an entry is ``NAME=KEY`` or a bare ``KEY``
    (named ``key1``, ``key2``… by position). Base64 padding (``abc==``) stays part of a bare key."""
    if value is None:
        return []
    out = []
    for position, entry in enumerate((e.strip() for e in value.get_secret_value().split(",")), 1):
        if not entry:
            continue
        name, sep, key = entry.partition("=")
        if not (sep and _KEY_NAME.match(name) and key and not key.startswith("=")):
            name, key = f"key{position}", entry
        out.append((name, key.strip()))
    names = [n for n, _ in out]
    if len(set(names)) != len(names):
        raise ValueError(f"{setting}: key names must be unique")
    return out
