"""Trigger words in context: which spans of a body are events, and of which type.

Two kinds of rule come from the taxonomy (see ``taxonomy.py``):

* a *bare trigger* (入选, 查处) is an event of its type wherever it stands, unless a word right
  after it makes it a noun (督查组, 改造工程: ``nominal_followers`` and the type's
  ``not_before``), it opens a list that ends in such a noun (助人为乐、见义勇为…身边好人), it
  describes a noun after 的 (学习宣传身边好人的长效机制: ``modified_nouns``), or it is part of a
  listed noun phrase (启动仪式: ``non_event_compounds``);
* a *frame* verb (举行, 开展, 召开, 发布…) takes the type of the event noun that ends its
  object, read up to the end of the clause, a stop word (暨) or the next frame verb
  (举行…合唱比赛决赛 → competition; 发布《…》 → policy; 发布…好人榜 → publicity) or, for
  frames with ``subject = true``, of the noun before it (…启动仪式在人民广场举行 → activity);
  see ``event_nouns``. A frame verb that is also a bare trigger falls back to that type when
  no noun of its own frames is found: first to any event noun of any frame (召开…擂台赛 →
  competition), else to its own type (召开 → meeting, 开展 → activity); such a *weak* default
  yields to any other trigger in its object (开展专题宣传 → publicity). A verb whose frames
  span several types (开展, 举行) is a light verb: with no object at all it is no event
  (各项工作有序开展).

Candidates that are negated, planned, demanded, methods or back-references are dropped (see
``factuality``); so are triggers inside quotation marks or book titles, and triggers inside
the stretch a frame consumed (组织开展常态化督查检查 is one inspection). Same-type triggers of
one sentence merge when no number stands between them and the later one's clause goes on
with a connective (停车施救，并将老人送往医院), repeats the same verb (依法查处…，查处…), or is
the same clause (新建、改建公厕); 1人入选…，8人获评… stay two honors.

Limits: lexical rules, so an event told without a listed word is missed, and a listed word in
an unusual construction can still give a false event. Exact characters (simplified Chinese).
Linear in the body length: every window and look-back is bounded.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from .event_nouns import EventNouns
from .factuality import Factuality
from .layout import Layout
from .lexicon import Lexicon
from .taxonomy import QUOTE_OBJECT, TITLE_OBJECT, Taxonomy

OBJECT_WINDOW = 40
SUBJECT_WINDOW = 30
_NEIGHBOURS = OBJECT_WINDOW + SUBJECT_WINDOW + 16  # no consumed stretch is longer
MODIFIER_REACH = 12  # …的 this close after a trigger may make it a modifier
MODIFIER_NOUN = 5  # …the modified noun ends this close after 的
_NO_OBJECT = frozenset("和与及、的")  # a light verb followed by one of these has no object
_DIGITS = frozenset("0123456789０１２３４５６７８９")


@dataclass(frozen=True, slots=True)
class Trigger:
    """One event trigger: its type, its span, and the stretch of text its rule consumed."""

    type: str
    start: int
    end: int
    scope_start: int
    scope_end: int
    weak: bool = False  # a frame verb's default type: no event noun was found
    reach: int = 0  # for a weak trigger: the end of its object window


class TriggerMatcher:
    """Compiled trigger rules of one taxonomy; ``find`` is pure and thread-safe."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        cue = taxonomy.cue
        non_event = cue("non_event_nouns")
        self.bare: dict[str, str] = {w: t.name for t in taxonomy.types.values() for w in t.triggers}
        self.not_before = {
            t.name: tuple(dict.fromkeys(cue("nominal_followers") + t.not_before)) for t in taxonomy.types.values()
        }
        objects: dict[str, dict[str, str]] = {}
        subjects: dict[str, dict[str, str]] = {}
        every: dict[str, str] = {}
        for t in taxonomy.types.values():
            for frame in t.frames:
                for verb in frame.verbs:
                    for obj in frame.objects:
                        objects.setdefault(verb, {}).setdefault(obj, t.name)
                        if frame.subject:
                            subjects.setdefault(verb, {}).setdefault(obj, t.name)
                        if obj not in (TITLE_OBJECT, QUOTE_OBJECT):
                            every.setdefault(obj, t.name)
        self.objects = {v: EventNouns.of(h, non_event) for v, h in objects.items()}
        self.subjects = {v: EventNouns.of(h, non_event) for v, h in subjects.items()}
        self.any_noun = EventNouns.of(every, non_event)
        self.light = frozenset(v for v, h in objects.items() if len(set(h.values())) > 1)
        self.compounds = frozenset(cue("non_event_compounds"))
        self.words = Lexicon([*self.bare, *objects, *self.compounds])
        self.stops = Lexicon([*objects, *cue("window_stops")])
        self.continuations = cue("continuations")
        self.modified_nouns = cue("modified_nouns")
        self.factuality = Factuality(taxonomy)

    def find(self, body: str, layout: Layout, numbers: Sequence[tuple[int, int]] = ()) -> list[Trigger]:
        """Every event trigger of ``body`` in text order (``numbers``: spans of stated quantities)."""
        candidates: list[Trigger] = []
        negated_until = -1
        for start, word in self.words.scan(body):
            if word in self.compounds or start < negated_until:
                continue
            if self.factuality.negated(body, start):
                if word in self.objects:  # 未开展督查: its object is negated too
                    clause_end = layout.clause(start)[1]
                    negated_until = self._window_end(body, start + len(word), clause_end, self.objects[word])
                continue
            found = self._resolve(body, layout, start, word)
            if found is not None and self.factuality.reported(body, layout, found.type, found.start, found.end):
                candidates.append(found)
        kept = _drop_consumed(candidates)
        return self._merge(body, layout, kept, sorted(s for s, _ in numbers))

    def _resolve(self, body: str, layout: Layout, start: int, word: str) -> Trigger | None:
        """The trigger ``word`` at ``start`` stands for, or None (a noun, no object, quoted)."""
        end = start + len(word)
        if layout.quoted(start, end):
            return None
        c_start, c_end = layout.clause(start)
        bare = self.bare.get(word)
        nouns = self.objects.get(word)
        if nouns is None:
            if bare is None or self._nominal(body, end, bare) or self._modifier(body, end, c_end, bare):
                return None
            return Trigger(bare, start, end, start, end)
        stop = self._window_end(body, end, c_end, nouns)
        found = nouns.after(body, layout, end, stop)
        if found is not None:
            if self._nominal(body, end, found[0]) and not nouns.lexicon.at(body, end):
                return None  # 改造后的老旧小区: a noun phrase, not 改造 + object
            return Trigger(found[0], start, end, start, found[1])
        subject = self.subjects.get(word)
        found = subject.before(body, layout, max(c_start, start - SUBJECT_WINDOW), start) if subject else None
        if found is not None:
            return Trigger(found[0], start, end, found[1], end)
        if bare is None:
            return None
        if word in self.light:
            found = self.any_noun.after(body, layout, end, stop)
            if found is not None:  # 召开…擂台赛: the event noun names the type
                return Trigger(found[0], start, end, start, found[1])
            used = stop - end >= 2 or (subject is not None and start - c_start >= 2)
            if not used or body[end : end + 1] in _NO_OBJECT:
                return None  # 各项工作有序开展; 行动深入开展和…; 开展的…
        if self._nominal(body, end, bare):
            return None
        return Trigger(bare, start, end, start, end, weak=True, reach=stop)

    def _window_end(self, body: str, end: int, clause_end: int, nouns: EventNouns) -> int:
        """The object window ends at the clause end, a stop word (暨), or the next frame verb
        that is not itself part of an event noun of this verb (召开会议部署开展… stops at 开展;
        召开…推进会 does not stop at 推进)."""
        limit = min(clause_end, end + OBJECT_WINDOW)
        for pos, word in self.stops.scan(body, end, limit):
            if word not in nouns.types and not nouns.lexicon.at(body, pos):
                return pos
        return limit

    def _nominal(self, body: str, end: int, type_name: str) -> bool:
        return any(body.startswith(f, end) for f in self.not_before[type_name])

    def _modifier(self, body: str, end: int, clause_end: int, type_name: str) -> bool:
        """The trigger only describes a noun after it: 助人为乐、见义勇为…身边好人 (a list ending in
        a noun of ``not_before``), 学习宣传身边好人的长效机制 (…的 + ``modified_nouns``)."""
        rest = body[end : min(clause_end, end + OBJECT_WINDOW)]
        if rest.startswith("、") and any(len(f) > 1 and f in rest for f in self.not_before[type_name]):
            return True
        de = rest.find("的", 0, MODIFIER_REACH)
        if de == -1:
            return False
        noun = rest[de + 1 : de + 1 + MODIFIER_NOUN]
        return any(n in noun for n in self.modified_nouns)

    def _merge(self, body: str, layout: Layout, triggers: list[Trigger], numbers: list[int]) -> list[Trigger]:
        out: list[Trigger] = []
        last: Trigger | None = None
        for t in triggers:
            if not (last is not None and last.type == t.type and self._continues(body, layout, last, t, numbers)):
                out.append(t)
            last = t
        return out

    def _continues(self, body: str, layout: Layout, prev: Trigger, t: Trigger, numbers: list[int]) -> bool:
        """``t`` goes on telling the event of ``prev`` (same type, same sentence)."""
        if layout.full_sentence(prev.start) != layout.full_sentence(t.start):
            return False
        gap_start = max(prev.end, prev.scope_end)
        i = bisect_left(numbers, gap_start)
        if (i < len(numbers) and numbers[i] < t.start) or any(ch in _DIGITS for ch in body[gap_start : t.start]):
            return False
        c_start, _ = layout.clause(t.start)
        if c_start <= gap_start:
            return True
        if t.start - c_start > OBJECT_WINDOW:
            return False
        lead = body[c_start : t.start].lstrip()
        if lead == "":  # 依法查处…，查处…: the same verb again continues; another verb starts anew
            return body[prev.start : prev.end] == body[t.start : t.end]
        return lead.startswith(self.continuations)


def _drop_consumed(candidates: list[Trigger]) -> list[Trigger]:
    """Drop triggers inside the stretch another trigger consumed; weak defaults yield to others."""
    kept = [
        t
        for i, t in enumerate(candidates)
        if not any(
            o.scope_end - o.scope_start > o.end - o.start and o.scope_start <= t.start and t.end <= o.scope_end
            for o in _neighbours(candidates, i)
        )
    ]
    return [
        t
        for i, t in enumerate(kept)
        if not (t.weak and any(not o.weak and t.end <= o.start and o.end <= t.reach for o in _neighbours(kept, i)))
    ]


def _neighbours(items: list[Trigger], i: int) -> Iterator[Trigger]:
    """Triggers other than ``items[i]`` that start near it (consumed stretches are short)."""
    t = items[i]
    j = i - 1
    while j >= 0 and t.start - items[j].start <= _NEIGHBOURS:
        yield items[j]
        j -= 1
    j = i + 1
    while j < len(items) and items[j].start - t.start <= _NEIGHBOURS:
        yield items[j]
        j += 1
