"""The location of an event: the division its sentence (or paragraph, or article) is about.

Place mentions that resolve to a division code are grouped into *units*: a chain of nested
divisions written together (湖北省恩施土家族苗族自治州利川市 → 利川市) or a list of sibling
divisions (崇信、静宁 → their common parent, 平凉市). For a trigger, in order:

1. the first unit that starts before it in its clause (湟中区西堡镇…，在江苏省南京市栖霞区…支持下，启动…
   → the clause of 启动 has no unit, so step 2 takes the sentence's first: 湟中区);
2. the first unit before it in its sentence (up to 。！？, across ；);
3. the first unit of its paragraph before that sentence (the paragraph's topic place);
4. the article's region.

A later unit nested inside the chosen one refines it (浙江省…，义乌市… → 义乌市). Places after
the trigger are ignored (…投产，产品销往郑州 is not in 郑州); so are places inside quotation marks
or book titles. Limits: depends on the places component for mentions and codes; a sentence
that names the venue only after the verb falls back to the paragraph or region.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from newsevents.contract.analysis import Location, Region

from .document import PlaceMention
from .layout import Layout

_JOINERS = ("", "、", "和", "及", "与")
MAX_UNITS = 16  # refinements looked at per question


@dataclass(frozen=True, slots=True)
class _Unit:
    start: int
    end: int
    adcode: str


class EventPlaces:
    """The place units of one article, ready to answer ``location_of(trigger)`` (read-only)."""

    def __init__(self, body: str, layout: Layout, places: Sequence[PlaceMention], region: Region | None):
        mentions = sorted(
            (p for p in places if p.adcode and _valid(p.adcode) and not layout.quoted(p.start, p.end)),
            key=lambda p: p.start,
        )
        self._units = _units(body, mentions)
        self._starts = [u.start for u in self._units]
        self._body = body
        self._layout = layout
        self._region = _region_location(region)

    def location_of(self, start: int) -> Location | None:
        clause_start, _ = self._layout.clause(start)
        sentence_start, _ = self._layout.full_sentence(start)
        paragraph_start, _ = self._layout.paragraph(start)
        for lo, hi in ((clause_start, start), (sentence_start, start), (paragraph_start, sentence_start)):
            unit = self._first(lo, hi)
            if unit is not None:
                return Location(text=self._body[unit.start : unit.end], adcode=unit.adcode)
        return self._region

    def _first(self, lo: int, hi: int) -> _Unit | None:
        i = bisect_left(self._starts, lo)
        last = i + MAX_UNITS
        chosen: _Unit | None = None
        while i < min(len(self._units), last) and self._units[i].start < hi:
            unit = self._units[i]
            if chosen is None:
                chosen = unit
            elif _within(unit.adcode, chosen.adcode):
                chosen = unit
            i += 1
        return chosen


def _units(body: str, mentions: list[PlaceMention]) -> list[_Unit]:
    out: list[_Unit] = []
    group: list[PlaceMention] = []
    for m in mentions:
        if group and (m.start < group[-1].end or body[group[-1].end : m.start] not in _JOINERS):
            out.extend(_unit(group))
            group = []
        group.append(m)
    out.extend(_unit(group))
    return out


def _unit(group: list[PlaceMention]) -> list[_Unit]:
    if not group:
        return []
    codes = [m.adcode for m in group if m.adcode]
    nested = all(_within(b, a) or a == b for a, b in zip(codes, codes[1:], strict=False))
    code = codes[-1] if nested else _common_parent(codes)
    return [_Unit(group[0].start, group[-1].end, code)] if code else []


def _within(inner: str, outer: str) -> bool:
    """``inner`` is a division strictly inside ``outer`` (620802 inside 620800 inside 620000)."""
    if inner == outer:
        return False
    if outer.endswith("0000"):
        return inner[:2] == outer[:2]
    if outer.endswith("00"):
        return inner[:4] == outer[:4]
    return False


def _common_parent(codes: list[str]) -> str | None:
    if all(c[:4] == codes[0][:4] for c in codes):
        return codes[0][:4] + "00"
    if all(c[:2] == codes[0][:2] for c in codes):
        return codes[0][:2] + "0000"
    return None


def _valid(code: str) -> bool:
    return len(code) == 6 and code.isdigit()


def _region_location(region: Region | None) -> Location | None:
    if region is None:
        return None
    names = [n for n in (region.province, region.city, region.county) if n]
    text = "".join(dict.fromkeys(names)) or region.adcode
    return Location(text=text, adcode=region.adcode)
