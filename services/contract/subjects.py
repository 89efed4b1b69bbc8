"""Streams, subjects and consumers: the names every service and subscriber agrees on.

Subjects carry what subscribers filter on, so NATS filters on the server:

    ingest.documents.<document_id>                 NEWSEVENTS_INGEST    pushed items
    articles.<province>.<city>.<article_id>        NEWSEVENTS_ARTICLES  extracted articles
    events.<type>.<province>.<city>                NEWSEVENTS_EVENTS    extracted events
    dlq.<consumer>                                 NEWSEVENTS_DLQ       dead letters

``<province>`` and ``<city>`` are six-digit GB/T 2260 codes (620000, 620800); a municipality's
districts sit under 110100-style city codes. ``000000`` stands for "not known".
Examples: ``events.honor.620000.620800``, ``events.*.620000.>``, ``articles.510000.>``.
"""

from __future__ import annotations

import re

INGEST_STREAM = "NEWSEVENTS_INGEST"
ARTICLES_STREAM = "NEWSEVENTS_ARTICLES"
EVENTS_STREAM = "NEWSEVENTS_EVENTS"
DLQ_STREAM = "NEWSEVENTS_DLQ"

INGEST_SUBJECTS = "ingest.documents.*"
ARTICLES_SUBJECTS = "articles.*.*.*"
EVENTS_SUBJECTS = "events.*.*.*"
DLQ_SUBJECTS = "dlq.*"

EXTRACT_CONSUMER = "extract"  # durable pull consumer on NEWSEVENTS_INGEST, shared by extract replicas
STORE_CONSUMER = "store"  # durable pull consumer on NEWSEVENTS_ARTICLES

UNKNOWN = "000000"
_CODE = re.compile(r"^\d{6}$")
_TOKEN = re.compile(r"^[a-z0-9_-]+$")


def submitted(document_id: str) -> str:
    return f"ingest.documents.{_token(document_id)}"


def region_tokens(adcode: str | None) -> tuple[str, str]:
    """``(province, city)`` codes of an adcode; unknown parts are ``000000``."""
    if not adcode or not _CODE.match(adcode) or adcode == UNKNOWN:
        return UNKNOWN, UNKNOWN
    province = adcode[:2] + "0000"
    city = adcode[:4] + "00" if adcode[2:4] != "00" else UNKNOWN
    return province, city


def article(adcode: str | None, article_id: str) -> str:
    province, city = region_tokens(adcode)
    return f"articles.{province}.{city}.{_token(article_id)}"


def event(event_type: str, adcode: str | None) -> str:
    province, city = region_tokens(adcode)
    return f"events.{_token(event_type)}.{province}.{city}"


def dead_letter(consumer: str) -> str:
    return f"dlq.{_token(consumer)}"


def event_filter(event_type: str | None = None, region: str | None = None) -> str:
    """The narrowest server-side filter for a type and a region code prefix.

    A prefix that is not a whole province (2 digits) or city (4 digits) is widened to the
    enclosing one; the caller filters the rest on the message.
    """
    kind = _token(event_type) if event_type else "*"
    province = city = "*"
    digits = (region or "").rstrip("0") if region else ""
    if region and not region.isdigit():
        raise ValueError("region must be digits")
    if len(digits) >= 2:
        province = digits[:2] + "0000"
    if len(digits) >= 4:
        city = digits[:4] + "00"
    return f"events.{kind}.{province}.{city}"


def _token(value: str) -> str:
    if not _TOKEN.match(value):
        raise ValueError(f"not a valid subject token: {value!r}")
    return value
