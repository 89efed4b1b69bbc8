"""CloudEvents 1.0 in binary mode over NATS headers.

The payload is the message's JSON; its attributes travel as ``ce-*`` headers. Header values
are ASCII: anything else (and ``%``) is percent-encoded as UTF-8, as the CloudEvents HTTP
binding prescribes. ``Nats-Msg-Id`` equals ``ce-id`` so a retried publish deduplicates.
"""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import quote, unquote

from pydantic import BaseModel, ConfigDict

SPECVERSION = "1.0"
CONTENT_TYPE = "application/json"
MSG_ID_HEADER = "Nats-Msg-Id"

# ce-type values: reverse-DNS, versioned with the message's schema_version
DOCUMENT_SUBMITTED = "org.newsevents.document.submitted.v1"
ARTICLE_EXTRACTED = "org.newsevents.article.extracted.v1"
EVENT_EXTRACTED = "org.newsevents.event.extracted.v1"
DEAD_LETTER = "org.newsevents.deadletter.v1"

_SAFE = "".join(chr(c) for c in range(0x20, 0x7F) if chr(c) not in '%"')


class CloudEvent(BaseModel):
    """The context attributes of one message (the data is the NATS payload)."""

    model_config = ConfigDict(frozen=True)

    id: str
    type: str
    source: str
    subject: str | None = None
    time: datetime
    specversion: str = SPECVERSION
    datacontenttype: str = CONTENT_TYPE
    requestid: str | None = None  # extension: the HTTP request that caused this message

    def headers(self) -> dict[str, str]:
        out = {
            "ce-specversion": self.specversion,
            "ce-id": encode(self.id),
            "ce-type": encode(self.type),
            "ce-source": encode(self.source),
            "ce-time": self.time.astimezone(UTC).isoformat().replace("+00:00", "Z"),
            "content-type": self.datacontenttype,
            MSG_ID_HEADER: encode(self.id),
        }
        if self.subject is not None:
            out["ce-subject"] = encode(self.subject)
        if self.requestid is not None:
            out["ce-requestid"] = encode(self.requestid)
        return out

    @classmethod
    def from_headers(cls, headers: dict[str, str] | None) -> "CloudEvent":
        """Read the attributes back; raises ``ValueError`` when required ones are missing."""
        h = {k.lower(): v for k, v in (headers or {}).items()}
        missing = [k for k in ("ce-id", "ce-type", "ce-source", "ce-time", "ce-specversion") if k not in h]
        if missing:
            raise ValueError(f"missing CloudEvents headers: {', '.join(missing)}")
        return cls(
            id=decode(h["ce-id"]),
            type=decode(h["ce-type"]),
            source=decode(h["ce-source"]),
            subject=decode(h["ce-subject"]) if "ce-subject" in h else None,
            time=datetime.fromisoformat(h["ce-time"].replace("Z", "+00:00")),
            specversion=h["ce-specversion"],
            datacontenttype=h.get("content-type", CONTENT_TYPE),
            requestid=decode(h["ce-requestid"]) if "ce-requestid" in h else None,
        )


def encode(value: str) -> str:
    """Percent-encode what may not travel in a header value: non-ASCII, controls, ``%`` and ``"``."""
    return quote(value, safe=_SAFE)


def decode(value: str) -> str:
    return unquote(value)


def now() -> datetime:
    return datetime.now(UTC)
