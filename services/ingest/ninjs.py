"""IPTC ninjs 2.2 items and Superdesk's ninjs dialect (its HTTP push) → ``ArticleIn``.

ninjs 2.x: ``uri``, ``headlines[].value``, ``bodies[]`` (``contenttype`` text/html or text/plain),
``by``, ``versioncreated``/``firstcreated``, ``version``, ``language``.
Superdesk: ``guid``, ``headline``, ``body_html``/``body_text``, ``byline``, ``source``,
``versioncreated``/``firstpublished`` with ``+0000`` offsets, ``version``.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from pydantic import ValidationError

from newsevents.contract.http import ArticleIn, ErrorDetail

from .html_text import html_to_text

_OFFSET = re.compile(r"([+-])(\d{2})(\d{2})$")
_TEXT_TYPES = {None, "text", "composite"}


class NinjsError(ValueError):
    def __init__(self, details: list[ErrorDetail]) -> None:
        super().__init__("; ".join(f"{d.path}: {d.message}" for d in details))
        self.details = details


def _when(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value.strip():
        return None
    text = _OFFSET.sub(r"\1\2:\3", value.strip().replace("Z", "+00:00"))
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _body(item: dict) -> str | None:
    for key in ("body_html", "body_text"):
        if isinstance(item.get(key), str) and item[key].strip():
            return html_to_text(item[key]) if key == "body_html" else item[key]
    bodies = item.get("bodies")
    if isinstance(bodies, list):
        ordered = sorted((b for b in bodies if isinstance(b, dict)), key=lambda b: b.get("role") not in (None, "main"))
        for body in ordered:
            value = body.get("value")
            if isinstance(value, str) and value.strip():
                is_html = "html" in str(body.get("contenttype") or "") or value.lstrip().startswith("<")
                return html_to_text(value) if is_html else value
    return None


def _headline(item: dict) -> str | None:
    if isinstance(item.get("headline"), str):
        return item["headline"]
    headlines = item.get("headlines")
    if isinstance(headlines, list):
        ordered = sorted((h for h in headlines if isinstance(h, dict)), key=lambda h: h.get("role") not in (None, "main"))
        for h in ordered:
            if isinstance(h.get("value"), str) and h["value"].strip():
                return html_to_text(h["value"]) if "html" in str(h.get("contenttype") or "") else h["value"]
    return None


def to_article(item: Any, *, default_source: str) -> ArticleIn:
    """Map one ninjs item; raises ``NinjsError`` with field paths when it cannot be an article."""
    if not isinstance(item, dict):
        raise NinjsError([ErrorDetail(path="body", message="a ninjs item must be a JSON object")])
    details: list[ErrorDetail] = []
    ident = item.get("guid") if item.get("guid") is not None else item.get("uri")
    if not isinstance(ident, str) or not ident.strip():
        details.append(ErrorDetail(path="body.uri", message="a ninjs item needs `uri` (ninjs 2) or `guid` (Superdesk)"))
    if item.get("type") not in _TEXT_TYPES:
        details.append(ErrorDetail(path="body.type", message=f"only text items are accepted, not {item.get('type')!r}"))
    body = _body(item)
    if body is None:
        details.append(ErrorDetail(path="body.body_html", message="no text body (body_html, body_text or bodies[])"))
    published = next(
        (w for w in (_when(item.get(k)) for k in ("firstpublished", "versioncreated", "firstcreated", "contentcreated")) if w),
        None,
    )
    if published is None:
        details.append(ErrorDetail(path="body.versioncreated", message="a date-time is required (versioncreated or firstcreated)"))
    if details:
        raise NinjsError(details)
    source = item.get("source") if isinstance(item.get("source"), str) and item["source"].strip() else default_source
    byline = item.get("byline") if isinstance(item.get("byline"), str) else item.get("by")
    try:
        return ArticleIn(
            source=source,
            external_id=ident,
            version=item.get("version") if isinstance(item.get("version"), (str, int)) else None,
            url=None,
            published=published,
            headline=_headline(item),
            byline=byline if isinstance(byline, str) else None,
            body=body,
            language=(item.get("language") or "zh")[:16] if isinstance(item.get("language"), str) else "zh",
        )
    except ValidationError as exc:
        raise NinjsError(
            [ErrorDetail(path="body." + ".".join(str(p) for p in e["loc"]), message=e["msg"], type=e["type"]) for e in exc.errors()]
        ) from exc
