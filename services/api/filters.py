"""The stream's filters, applied to each ``EventExtracted`` message.

NATS already filtered on the subject (type, province, city: ``subjects.event_filter``); this
applies the rest the way the store does on ``GET /v1/events``, as far as a message allows:

- ``region``: code prefix of the event's location adcode, falling back to the article's region;
  a province or city code is a prefix of everything under it (620000 → 62, 620800 → 6208).
- ``q``: every whitespace-separated term occurs in the event's sentence.
- ``person`` / ``organization``: a participant's name contains it, or the sentence does. The
  message does not label participants as people or organizations (the store can, from the
  article's entities), so on the stream both filters are the same name match.
- ``source``: equal.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsevents.contract.messages import EventExtracted

from .queries import EventFilters


def region_prefix(code: str) -> str:
    """The prefix a region code stands for: 620000 → 62, 620800 → 6208, 620802 → 620802."""
    if len(code) == 6 and code.endswith("0000"):
        return code[:2]
    if len(code) == 6 and code.endswith("00"):
        return code[:4]
    return code


def event_adcode(event: EventExtracted) -> str | None:
    """The region an event is filed under: its own location when resolved, else its article's."""
    if event.location is not None and event.location.adcode:
        return event.location.adcode
    return event.region.adcode if event.region is not None else None


@dataclass(frozen=True)
class EventMatcher:
    region: str | None = None
    terms: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    source: str | None = None

    @classmethod
    def of(cls, filters: EventFilters) -> "EventMatcher":
        return cls(
            region=region_prefix(filters.region) if filters.region else None,
            terms=tuple((filters.q or "").split()),
            names=tuple(n for n in (filters.person, filters.organization) if n),
            source=filters.source,
        )

    def __call__(self, event: EventExtracted) -> bool:
        if self.source is not None and event.source != self.source:
            return False
        if self.region is not None and not (event_adcode(event) or "").startswith(self.region):
            return False
        if not all(term in event.sentence for term in self.terms):
            return False
        return all(self._named(event, name) for name in self.names)

    @staticmethod
    def _named(event: EventExtracted, name: str) -> bool:
        return name in event.sentence or any(name in p.name for p in event.participants)
