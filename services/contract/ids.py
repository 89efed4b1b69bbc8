"""Deterministic identifiers: the same input always gets the same id, so retries deduplicate.

Ids are lowercase hex (safe as NATS subject tokens and in URLs).
"""

from __future__ import annotations

import hashlib
import unicodedata

ID_HEX = 24  # 96 bits


def _digest(*parts: str | None) -> str:
    joined = "\x1f".join("" if p is None else p for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:ID_HEX]


def normalize_text(text: str) -> str:
    """The text that content identity is computed on: NFC, whitespace collapsed away."""
    return "".join(unicodedata.normalize("NFC", text).split())


def document_id(
    *,
    source: str,
    kind: str,
    external_id: str | None,
    version: str | None,
    published: str,
    headline: str | None,
    text: str,
) -> str:
    """Natural key of a pushed item: source + external id + version, else its content."""
    if external_id:
        return _digest("doc.v1", source, external_id, version or "")
    return _digest("doc.content.v1", source, kind, published, normalize_text(headline or ""), normalize_text(text))


def article_id(document_id: str, index: int, kind: str) -> str:
    """A single article keeps its document's id; a page's articles are numbered from 1."""
    return document_id if kind == "article" else f"{document_id}-{index + 1:02d}"


def event_id(article_id: str, event_type: str, trigger_start: int) -> str:
    return _digest("event.v1", article_id, event_type, str(trigger_start))


def message_id(kind: str, entity_id: str, revision: str = "") -> str:
    """CloudEvents ``ce-id`` and ``Nats-Msg-Id``: one per distinct message, equal for a retry."""
    return _digest("msg.v1", kind, entity_id, revision)
