"""Settings shared by every service; each service extends ``ServiceSettings``.

Settings are read from the environment (``NEWSEVENTS_*``, and ``DATABASE_URL``) once, in the
service's entry point, and passed in; nothing reads the environment at import time.
"""

from __future__ import annotations

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PLACEHOLDER_SECRETS = {"changeme", "change-me", "secret", "xxx", "todo"}


class ServiceSettings(BaseSettings):
    # hide_input_in_errors: a settings error must never print a secret it was given
    model_config = SettingsConfigDict(
        env_prefix="NEWSEVENTS_", extra="ignore", populate_by_name=True, hide_input_in_errors=True
    )

    nats_url: str = Field(default="nats://127.0.0.1:4222", description="comma-separated server URLs")
    stream_replicas: int = Field(default=1, ge=1, le=5, description="replicas of every stream (3 on a cluster)")
    stream_max_age_days: float = Field(default=0, ge=0, description="0 keeps messages until limits say otherwise")
    duplicate_window_seconds: float = Field(default=120, gt=0)
    max_payload_bytes: int = Field(default=8 * 1024 * 1024, description="largest message the services publish")
    stream_max_bytes: int = Field(
        default=0, ge=0,
        description="0: no limit; else each of the INGEST, ARTICLES and EVENTS streams holds at most this many "
        "bytes and, when full, refuses new messages (discard=new) instead of dropping accepted ones: ingest "
        "answers 503 with Retry-After, extract retries",
    )
    host: str = "127.0.0.1"
    port: int = 0
    log_level: str = "info"
    log_format: str = Field(default="auto", pattern="^(auto|json|console)$")
    service_name: str = "newsevents"
    retry_backoff_seconds: tuple[float, ...] = Field(
        default=(2.0, 10.0, 30.0, 60.0),
        description="consumers: delay before the 1st, 2nd, … redelivery of a message whose handling failed "
        "(nak delay; the last value repeats), as a JSON list",
    )
    fault_exit_before_ack: int = Field(
        default=0, ge=0,
        description="TEST-ONLY fault injection, inert at 0 (the default): the consumer loop exits the process "
        "hard (os._exit) right after the N-th message it handled successfully, before acknowledging it",
    )

    @field_validator("nats_url")
    @classmethod
    def _servers(cls, v: str) -> str:
        if not all(s.strip() for s in v.split(",")):
            raise ValueError("empty server URL")
        return v

    @property
    def nats_servers(self) -> list[str]:
        return [s.strip() for s in self.nats_url.split(",")]


def check_secret(name: str, value: SecretStr | None) -> None:
    """Refuse to start with a placeholder secret."""
    if value is not None and value.get_secret_value().strip().lower() in PLACEHOLDER_SECRETS:
        raise ValueError(f"{name} is a placeholder; set a real secret or leave it unset")
