"""Settings of the ingest service (environment: NEWSEVENTS_*)."""

from __future__ import annotations

from pydantic import Field, SecretStr, model_validator

from newsevents.runtime.settings import ServiceSettings, check_secret


class Settings(ServiceSettings):
    service_name: str = "ingest"
    port: int = 8001
    max_body_bytes: int = Field(default=2 * 1024 * 1024, gt=0, description="larger requests get 413")
    max_batch_lines: int = Field(default=1000, gt=0)
    publish_timeout: float = Field(default=5.0, gt=0, description="seconds to wait for JetStream's ack")
    api_keys: SecretStr | None = Field(
        default=None,
        description="comma-separated push keys; `KEY` allows every source, `SOURCE=KEY` only that source. "
        "Unset: pushing needs no key.",
    )
    superdesk_secret: SecretStr | None = Field(
        default=None, description="shared secret of Superdesk's HTTP push (x-superdesk-signature: sha1=HMAC)"
    )
    ninjs_default_source: str = "superdesk"

    @model_validator(mode="after")
    def _secrets(self) -> "Settings":
        check_secret("NEWSEVENTS_SUPERDESK_SECRET", self.superdesk_secret)
        for key in self.keys():
            check_secret("NEWSEVENTS_API_KEYS", SecretStr(key[1]))
        return self

    def keys(self) -> list[tuple[str | None, str]]:
        """``(source or None, key)`` pairs."""
        if self.api_keys is None:
            return []
        out = []
        for entry in self.api_keys.get_secret_value().split(","):
            entry = entry.strip()
            if not entry:
                continue
            source, sep, key = entry.rpartition("=")
            out.append(((source.strip() or None) if sep else None, key.strip()))
        return out
