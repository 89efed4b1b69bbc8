"""Events of one matched article pair: detection, type, time, location, participants.

A predicted event *detects* a gold event when its trigger span lies inside an occurrence of
the gold ``evidence`` in the predicted body (whitespace-insensitive), or when its sentence
contains the evidence. Pairs are one-to-one, chosen greedily: same-type pairs before
different-type pairs, trigger-inside before sentence-only, then text order. A detected event
is *typed* when the types are equal. Time, location and participants are scored on typed
pairs only, where the gold gives them:

* time: exact intervals must be equal; fuzzy ones (``"fuzzy": true`` in gold) may differ by
  up to ``FUZZY_START_DAYS`` at the start and ``FUZZY_END_DAYS`` at the end;
* location (lenient): the predicted adcode equals the gold one, or is an alias of the
  article's region when the gold event is placed at that region, or is a *more specific*
  division inside the gold one (gold 620800 city, predicted 620802 district). A less
  specific or different code is wrong. ``location_exact`` requires equal codes;
* participants: recall of gold names among predicted participant names (``names_match``).
"""

from __future__ import annotations

from datetime import date

from .gold import GoldArticle, GoldEvent, GoldTime
from .predicted import PredictedArticle, PredictedEvent
from .tally import Tally
from .text import SquashedText, names_match, squash

FUZZY_START_DAYS = 7
FUZZY_END_DAYS = 3


def score_events(gold: GoldArticle, pred: PredictedArticle, tally: Tally, notes: list[str]) -> None:
    """Add the event figures of one matched (gold, predicted) article pair to ``tally``."""
    gold_events = gold.events or ()
    pairs = match_events(gold_events, pred.events, SquashedText(pred.body))
    tally.add("events.detected", len(pairs), len(gold_events))
    typed = {g: p for g, p in pairs.items() if gold_events[g].type == pred.events[p].type}
    tally.add("events.typed_recall", len(typed), len(gold_events))
    if gold.events is not None and gold.events_exhaustive:
        tally.add("events.precision", len(pairs), len(pred.events))
        tally.add("events.typed_precision", len(typed), len(pred.events))
        for p, spurious in enumerate(pred.events):
            if p not in pairs.values():
                notes.append(f"event spurious [{spurious.type}] {_short(spurious.sentence)}")
    region = gold.region.codes if gold.region else ()
    for g, event in enumerate(gold_events):
        if g not in pairs:
            notes.append(f"event missed [{event.type}] {event.evidence}")
            continue
        found = pred.events[pairs[g]]
        if g not in typed:
            notes.append(f"event typed {found.type}, gold {event.type}: {event.evidence}")
            continue
        _score_typed(event, found, region, tally, notes)


def match_events(gold: tuple[GoldEvent, ...], pred: tuple[PredictedEvent, ...], body: SquashedText) -> dict[int, int]:
    """``{gold index: predicted index}``, one-to-one (see the module docstring for the order)."""
    candidates: list[tuple[int, int, int, int]] = []
    for g, event in enumerate(gold):
        occurrences = list(body.spans(event.evidence))
        evidence = squash(event.evidence)
        for p, found in enumerate(pred):
            inside = found.trigger_start is not None and any(
                s <= found.trigger_start and found.trigger_end is not None and found.trigger_end <= e
                for s, e in occurrences
            )
            if inside or (evidence and evidence in squash(found.sentence)):
                candidates.append((-(found.type == event.type), -inside, g, p))
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for _, _, g, p in sorted(candidates):
        if g not in pairs and p not in used:
            pairs[g] = p
            used.add(p)
    return pairs


def time_ok(gold: GoldTime, start: date | None, end: date | None) -> bool:
    """Equal interval, or within the fuzzy tolerance when the gold time is fuzzy."""
    if start is None or end is None:
        return False
    if not gold.fuzzy:
        return (start, end) == (gold.start, gold.end)
    return abs((start - gold.start).days) <= FUZZY_START_DAYS and abs((end - gold.end).days) <= FUZZY_END_DAYS


def location_ok(gold: str, predicted: str | None, region_codes: tuple[str, ...] = ()) -> bool:
    """Lenient location: equal, a region alias, or a more specific division inside ``gold``."""
    if not predicted:
        return False
    if predicted == gold or (region_codes and gold == region_codes[0] and predicted in region_codes):
        return True
    prefix = _division_prefix(gold)
    return prefix is not None and predicted.startswith(prefix) and _level(predicted) > _level(gold)


def _division_prefix(code: str) -> str | None:
    """The digits that name a province (``62``) or city (``6208``); None for a county code."""
    if len(code) != 6:
        return None
    if code.endswith("0000"):
        return code[:2]
    if code.endswith("00"):
        return code[:4]
    return None


def _level(code: str) -> int:
    """1 province, 2 city (prefecture), 3 county (district)."""
    prefix = _division_prefix(code)
    return 3 if prefix is None else len(prefix) // 2


def _score_typed(
    gold: GoldEvent, found: PredictedEvent, region: tuple[str, ...], tally: Tally, notes: list[str]
) -> None:
    if gold.time is not None:
        ok = time_ok(gold.time, found.time_start, found.time_end)
        tally.add("events.time", ok)
        if not ok:
            notes.append(
                f"event time {found.time_start}..{found.time_end}, gold {gold.time.start}..{gold.time.end}"
                f"{' (fuzzy)' if gold.time.fuzzy else ''}: {gold.evidence}"
            )
    if gold.adcode:
        ok = location_ok(gold.adcode, found.adcode, region)
        tally.add("events.location", ok)
        tally.add("events.location_exact", found.adcode == gold.adcode)
        if not ok:
            notes.append(f"event location {found.adcode}, gold {gold.adcode}: {gold.evidence}")
    if gold.participants:
        hits = [n for n in gold.participants if any(names_match(n, p) for p in found.participants)]
        tally.add("events.participants", len(hits), len(gold.participants))
        missed = [n for n in gold.participants if n not in hits]
        if missed:
            notes.append(f"event participants missed {missed}: {gold.evidence}")


def _short(text: str, limit: int = 40) -> str:
    text = squash(text)
    return text if len(text) <= limit else text[:limit] + "…"
