"""Predictions as the scorer reads them: the output contract (FORMAT.md §4) parsed leniently.

The scorer reads plain JSON (``extract --input`` output, or ``ArticleAnalysis.model_dump``)
rather than the pydantic models, so a prediction file with extra or missing fields still
scores: a missing list is empty, a missing value is ``None``, extra fields are ignored.
Offsets that do not satisfy ``body[start:end] == text`` are counted (``offset_errors``) and
the offsets are still used as given.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any


class PredictionFormatError(ValueError):
    """A predictions file that is not one ``{"id", "articles": [...]}`` object per line."""


@dataclass(frozen=True, slots=True)
class PredictedEvent:
    type: str
    trigger_start: int | None
    trigger_end: int | None
    sentence: str
    time_start: date | None
    time_end: date | None
    adcode: str | None
    participants: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PredictedArticle:
    body: str
    headline: str | None = None
    subheadline: str | None = None
    byline: tuple[str, ...] = ()
    region: str | None = None
    entities: tuple[tuple[str, str], ...] = ()  # (label, text)
    events: tuple[PredictedEvent, ...] = ()
    metrics: tuple[tuple[str, float | None, str], ...] = ()  # (text, value, unit)
    quotes: tuple[tuple[str | None, str], ...] = ()  # (speaker, text)
    offset_errors: int = 0


@dataclass(frozen=True, slots=True)
class Prediction:
    id: str
    articles: tuple[PredictedArticle, ...]
    error: str | None = None


def load_predictions(path: str | Path) -> dict[str, Prediction]:
    """Predictions by document id from a JSON Lines file (the last line wins for a repeated id)."""
    out: dict[str, Prediction] = {}
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise PredictionFormatError(f"{path}: cannot read ({exc})") from exc
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise PredictionFormatError(f"{path}:{n}: not JSON ({exc})") from exc
        if not isinstance(obj, dict) or "id" not in obj:
            raise PredictionFormatError(f"{path}:{n}: expected an object with an 'id'")
        out[str(obj["id"])] = parse_prediction(obj)
    return out


def parse_prediction(obj: dict[str, Any]) -> Prediction:
    articles = obj.get("articles") or []
    return Prediction(
        id=str(obj.get("id")),
        articles=tuple(parse_article(a) for a in articles if isinstance(a, dict)),
        error=obj.get("error"),
    )


def parse_article(a: dict[str, Any]) -> PredictedArticle:
    body = a.get("body") or ""
    errors = 0
    entities: list[tuple[str, str]] = []
    for e in _dicts(a.get("entities")):
        entities.append((str(e.get("label")), str(e.get("text") or "")))
        errors += not _offsets_ok(body, e)
    metrics: list[tuple[str, float | None, str]] = []
    for m in _dicts(a.get("metrics")):
        metrics.append((str(m.get("text") or ""), _number(m.get("value")), str(m.get("unit") or "")))
        errors += not _offsets_ok(body, m)
    quotes: list[tuple[str | None, str]] = []
    for q in _dicts(a.get("quotes")):
        quotes.append((q.get("speaker"), str(q.get("text") or "")))
    events = []
    for e in _dicts(a.get("events")):
        event = _event(e)
        trigger = e.get("trigger") or {}
        errors += isinstance(trigger, dict) and not _offsets_ok(body, trigger)
        events.append(event)
    region = a.get("region")
    return PredictedArticle(
        body=body,
        headline=a.get("headline"),
        subheadline=a.get("subheadline"),
        byline=tuple(str(b) for b in a.get("byline") or ()),
        region=str(region["adcode"]) if isinstance(region, dict) and region.get("adcode") else None,
        entities=tuple(entities),
        events=tuple(events),
        metrics=tuple(metrics),
        quotes=tuple(quotes),
        offset_errors=int(errors),
    )


def _event(e: dict[str, Any]) -> PredictedEvent:
    trigger, time, location = (_dict(e.get(key)) for key in ("trigger", "time", "location"))
    return PredictedEvent(
        type=str(e.get("type")),
        trigger_start=_int(trigger.get("start")),
        trigger_end=_int(trigger.get("end")),
        sentence=str(e.get("sentence") or ""),
        time_start=_date(time.get("start")),
        time_end=_date(time.get("end")),
        adcode=location.get("adcode"),
        participants=tuple(str(p.get("name")) for p in _dicts(e.get("participants")) if p.get("name")),
    )


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _dicts(value: Any) -> Iterable[dict[str, Any]]:
    return [v for v in value or () if isinstance(v, dict)]


def _offsets_ok(body: str, span: dict[str, Any]) -> bool:
    start, end = _int(span.get("start")), _int(span.get("end"))
    if start is None or end is None:
        return True  # no offsets given: nothing to check (quotes may carry 0, 0)
    return body[start:end] == span.get("text")


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _date(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None
