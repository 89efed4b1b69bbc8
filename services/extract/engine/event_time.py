"""The time of an event: the time expression that governs its trigger.

A time expression *governs* what follows it when it opens a clause (3月5日，… / 今年以来，…),
follows 于/在/自/从/截至 (于2022年启动…), or is followed by a comma or 以来/期间/起/当天.
A time inside a noun phrase (入选2024年第一季度“中国好人榜”, 全区第二季度重点项目) governs
nothing, except one right before the trigger noun (一季度实地测评).

For a trigger, in order: a time right before it; else the last governing time before it in
its sentence (up to 。！？, across ；); else the last one earlier in its paragraph; else none.
Time words that govern without a date (近年来, 目前, 事后, 常年: ``time_blockers``, or a time
expression the times component could not normalise) stop the search: the event gets no time.

Limits: the times component decides what a time expression is and its dates; this module only
chooses among them. A time after the trigger never governs it (…举行，时间为3月5日 is missed).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from newsevents.contract.analysis import TimeSpan

from .layout import CLAUSE_ENDS, Layout

ADJACENT = 3  # a time ending this close before a trigger modifies the trigger noun itself
REACH = 3000  # a paragraph's time is looked for this far back at most
MAX_MARKS = 64
_LEADS = ("于", "在", "自", "从", "截至", "截止", "到", "至")
_FOLLOWS = ("，", ",", "、", "以来", "期间", "起", "当天", "前后", "之际", "时", "开始")


@dataclass(frozen=True, slots=True)
class _Mark:
    start: int
    end: int
    span: TimeSpan | None  # None: a blocker (governs, but gives no date)
    governing: bool


class EventTimes:
    """The time marks of one article, ready to answer ``time_of(trigger)`` (read-only)."""

    def __init__(self, body: str, layout: Layout, times: Sequence[TimeSpan], blockers: Sequence[tuple[int, int]]):
        marks: list[_Mark] = []
        for t in times:
            if t.offset is None or not t.text or body[t.offset : t.offset + len(t.text)] != t.text:
                continue
            start, end = t.offset, t.offset + len(t.text)
            if layout.quoted(start, end):
                continue
            usable = t if t.start is not None and t.end is not None else None
            marks.append(_Mark(start, end, usable, _governs(body, layout, start, end)))
        taken = [(m.start, m.end) for m in marks]
        for start, end in blockers:
            if not any(s < end and start < e for s, e in taken) and not layout.quoted(start, end):
                marks.append(_Mark(start, end, None, True))
        marks.sort(key=lambda m: m.start)
        self._marks = marks
        self._starts = [m.start for m in marks]
        self._layout = layout

    def time_of(self, start: int) -> TimeSpan | None:
        """The time governing a trigger that starts at ``start`` (None when none does)."""
        i = bisect_left(self._starts, start) - 1
        if i < 0:
            return None
        last = self._marks[i]
        clause_start, _ = self._layout.clause(start)
        if last.end <= start and start - last.end <= ADJACENT and last.start >= clause_start:
            return last.span
        sentence_start, _ = self._layout.full_sentence(start)
        paragraph_start, _ = self._layout.paragraph(start)
        for floor in (sentence_start, max(paragraph_start, start - REACH)):
            j = i
            while j >= 0 and self._marks[j].start >= floor and i - j < MAX_MARKS:
                mark = self._marks[j]
                if mark.governing and mark.end <= start:
                    return mark.span
                j -= 1
        return None


def _governs(body: str, layout: Layout, start: int, end: int) -> bool:
    clause_start, _ = layout.clause(start)
    lead = body[clause_start:start].strip()
    if not lead or lead.endswith(_LEADS):
        return True
    if end < len(body) and (body[end] in CLAUSE_ENDS or body.startswith(_FOLLOWS, end)):
        return True
    return False
