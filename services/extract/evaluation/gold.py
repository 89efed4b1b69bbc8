"""Gold documents (FORMAT.md §1): loading ``*.json`` / ``*.jsonl`` files into typed records.

A field that is ``null`` or missing in the gold is ``None`` here and is not scored. Loading
checks only what the scorer needs (id, kind, published, text, each article's lead) and fails
with a ``GoldFormatError`` naming the file and line otherwise.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

KINDS = ("page", "article")


class GoldFormatError(ValueError):
    """A gold file that cannot be read as FORMAT.md §1 describes."""


@dataclass(frozen=True, slots=True)
class GoldTime:
    start: date
    end: date
    fuzzy: bool = False


@dataclass(frozen=True, slots=True)
class GoldEvent:
    type: str
    evidence: str
    time: GoldTime | None = None
    adcode: str | None = None
    participants: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class GoldMetric:
    text: str
    value: float
    unit: str


@dataclass(frozen=True, slots=True)
class GoldQuote:
    speaker: str | None
    text_prefix: str


@dataclass(frozen=True, slots=True)
class GoldRegion:
    adcode: str
    aliases: tuple[str, ...] = ()

    @property
    def codes(self) -> tuple[str, ...]:
        return (self.adcode, *self.aliases)


@dataclass(frozen=True, slots=True)
class GoldArticle:
    lead: str
    key: str | None = None
    headline: str | None = None
    subheadline: str | None = None
    byline: tuple[str, ...] | None = None
    body: str | None = None
    region: GoldRegion | None = None
    persons: tuple[str, ...] | None = None
    persons_optional: tuple[str, ...] = ()
    organizations_core: tuple[str, ...] | None = None
    places_core: tuple[str, ...] | None = None
    events: tuple[GoldEvent, ...] | None = None
    events_exhaustive: bool = False
    metrics: tuple[GoldMetric, ...] | None = None
    quotes: tuple[GoldQuote, ...] | None = None

    @property
    def label(self) -> str:
        """A short human name for reports: the key, else the headline, else the lead."""
        return self.key or self.headline or self.subheadline or self.lead[:20]

    def evidence(self) -> tuple[str, ...]:
        """Strings that must be in this article's body: events, metrics, quote prefixes, persons."""
        out: list[str] = [e.evidence for e in self.events or ()]
        out += [m.text for m in self.metrics or ()]
        out += [q.text_prefix for q in self.quotes or ()]
        out += list(self.persons or ())
        return tuple(dict.fromkeys(s for s in out if s))


@dataclass(frozen=True, slots=True)
class GoldDocument:
    id: str
    kind: str
    published: date
    text: str
    headline: str | None
    articles: tuple[GoldArticle, ...]
    source: str = ""


def load_gold(paths: Iterable[str | Path]) -> list[GoldDocument]:
    """Every gold document of the given files, in file order; ids must be unique across files."""
    docs: list[GoldDocument] = []
    seen: dict[str, str] = {}
    for path in paths:
        for where, obj in read_objects(Path(path)):
            doc = parse_document(obj, where)
            if doc.id in seen:
                raise GoldFormatError(f"{where}: duplicate document id {doc.id!r} (first in {seen[doc.id]})")
            seen[doc.id] = where
            docs.append(doc)
    return docs


def read_objects(path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """(``file:line``, object) for a ``.json`` file (one object) or a JSON Lines file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldFormatError(f"{path}: cannot read ({exc})") from exc
    if path.suffix == ".json":
        items: Iterable[tuple[int, str]] = [(1, text)]
    else:
        items = ((n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip())
    for n, chunk in items:
        where = f"{path}:{n}"
        try:
            obj = json.loads(chunk)
        except json.JSONDecodeError as exc:
            raise GoldFormatError(f"{where}: not JSON ({exc})") from exc
        if not isinstance(obj, dict):
            raise GoldFormatError(f"{where}: expected a JSON object")
        yield where, obj


def parse_date(value: Any, where: str) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise GoldFormatError(f"{where}: not an ISO date: {value!r}") from exc


def parse_document(obj: dict[str, Any], where: str) -> GoldDocument:
    for key in ("id", "kind", "published", "text"):
        if key not in obj:
            raise GoldFormatError(f"{where}: missing {key!r}")
    if obj["kind"] not in KINDS:
        raise GoldFormatError(f"{where}: kind must be one of {KINDS}, not {obj['kind']!r}")
    gold = obj.get("gold") or {}
    articles = tuple(_article(a, f"{where} article {i}") for i, a in enumerate(gold.get("articles") or []))
    return GoldDocument(
        id=str(obj["id"]),
        kind=obj["kind"],
        published=parse_date(obj["published"], where),
        text=str(obj["text"]),
        headline=obj.get("headline"),
        articles=articles,
        source=str(obj.get("source") or ""),
    )


def _strings(value: Any) -> tuple[str, ...] | None:
    return None if value is None else tuple(str(v) for v in value)


def _article(a: dict[str, Any], where: str) -> GoldArticle:
    if not a.get("lead"):
        raise GoldFormatError(f"{where}: missing 'lead'")
    region = a.get("region")
    return GoldArticle(
        lead=a["lead"],
        key=a.get("key"),
        headline=a.get("headline"),
        subheadline=a.get("subheadline"),
        byline=_strings(a.get("byline")),
        body=a.get("body"),
        region=GoldRegion(str(region["adcode"]), tuple(region.get("aliases") or ())) if region else None,
        persons=_strings(a.get("persons")),
        persons_optional=_strings(a.get("persons_optional")) or (),
        organizations_core=_strings(a.get("organizations_core")),
        places_core=_strings(a.get("places_core")),
        events=None if a.get("events") is None else tuple(_event(e, where) for e in a["events"]),
        events_exhaustive=bool(a.get("events_exhaustive")),
        metrics=None
        if a.get("metrics") is None
        else tuple(GoldMetric(m["text"], float(m["value"]), m["unit"]) for m in a["metrics"]),
        quotes=None
        if a.get("quotes") is None
        else tuple(GoldQuote(q.get("speaker"), q["text_prefix"]) for q in a["quotes"]),
    )


def _event(e: dict[str, Any], where: str) -> GoldEvent:
    t = e.get("time")
    time = None
    if t:
        time = GoldTime(parse_date(t["start"], where), parse_date(t["end"], where), bool(t.get("fuzzy")))
    return GoldEvent(
        type=e["type"],
        evidence=e["evidence"],
        time=time,
        adcode=e.get("adcode"),
        participants=_strings(e.get("participants")),
    )
