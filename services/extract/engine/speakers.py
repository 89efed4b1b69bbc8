"""Who said a quote: the attribution clause before or after it, and the speaker's role.

Where the attribution is looked for, in order:
1. right before the quote, ending with a speech verb and a colon: 王曦表示：“…”,
   3位救人者只是淡淡地说了句：“…”;
2. after the quote, in the first clause of the rest of its sentence that ends with a speech
   verb: “…”湟中区生态环境局党支部副书记郭世财说。 / “…”在嘉年华现场，大学生志愿者林雨桐告诉记者，…;
3. for a quote that opens a sentence with no attribution: the first person named in the rest
   of that sentence (“学习雷锋精神…”3月5日，…，“甘肃好人”景永红在启动仪式上发言。), outside quotes.

In an attribution clause the speaker is the last person entity; with none the speaker is None
and the role is the subject as printed, up to its last role word (一位留守儿童的奶奶, 州文明办有关
负责人, 3位救人者); a pronoun (她说) refers to the last person named before the quote. The role of
a named speaker is what stands between the last organisation or place and the name
(湟中区生态环境局 | 党支部副书记 | 郭世财). Limits: no coreference beyond pronouns; a quote
attributed two sentences later is left without a speaker.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from newsevents.contract.analysis import Entity

from .name_lexicon import lexicon, read_toml

CLAUSE_ENDS = "，,；;。！？!?\n"
SENTENCE_ENDS = "。！？!?\n"
MAX_AFTER = 120  # characters of the sentence after a quote searched for the attribution
MAX_CLAUSES = 3  # clauses after a quote searched for a speech verb
MAX_ROLE = 16  # a subject longer than this is not reported as a role
ROLE_TRIM = "的、，, “”「」『』"


class EntityIndex:
    """The article's entities sorted by start, for range look-ups in O(log n)."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        self.entities = sorted(entities, key=lambda e: (e.start, e.end))
        self._starts = [e.start for e in self.entities]
        persons = [e for e in self.entities if e.label == "person"]
        self._persons_by_end = sorted(persons, key=lambda e: e.end)
        self._person_ends = [e.end for e in self._persons_by_end]

    def within(self, start: int, end: int) -> list[Entity]:
        """Entities lying entirely inside ``[start, end)``, in order."""
        i = bisect_left(self._starts, start)
        out = []
        while i < len(self.entities) and self.entities[i].start < end:
            if self.entities[i].end <= end:
                out.append(self.entities[i])
            i += 1
        return out

    def last_person_before(self, pos: int) -> Entity | None:
        i = bisect_right(self._person_ends, pos)
        return self._persons_by_end[i - 1] if i else None


@dataclass(frozen=True)
class Attribution:
    speaker: str | None
    role: str | None


@dataclass(frozen=True)
class QuoteCues:
    verbs: tuple[str, ...]  # longest first
    verb_tails: tuple[str, ...]
    pronouns: frozenset[str]
    roles: frozenset[str]
    marks: dict[str, str]

    @property
    def closers(self) -> str:
        return "".join(self.marks.values())


@lru_cache(maxsize=1)
def cues() -> QuoteCues:
    raw = read_toml("quote_cues.toml")
    lex = lexicon()
    return QuoteCues(
        verbs=tuple(sorted(lex.speech_verbs, key=len, reverse=True)),
        verb_tails=tuple(sorted(raw["verb_tails"], key=len, reverse=True)),
        pronouns=frozenset(raw["pronouns"]),
        roles=lex.roles,
        marks=dict(raw["marks"]),
    )


def attribute(body: str, start: int, end: int, entities: EntityIndex) -> Attribution:
    """The speaker of the quote whose marks are ``body[start]`` and ``body[end - 1]``."""
    c = cues()
    before = _clause_before(body, start)
    if before is not None:
        verb_at = _verb_at_end(body, before[0], before[1], c)
        if verb_at is not None:
            return _from_clause(body, before[0], verb_at, entities, start, c)
    for clause_start, clause_end in _clauses_after(body, end, c):
        verb_at = _verb_at_end(body, clause_start, clause_end, c)
        if verb_at is not None:
            return _from_clause(body, clause_start, verb_at, entities, start, c)
    if _opens_sentence(body, start):
        return Attribution(_first_person_after(body, end, entities, c), None)
    return Attribution(None, None)


def _clause_before(body: str, start: int) -> tuple[int, int] | None:
    """The clause ending with a colon right before the opening mark, if any."""
    colon = start - 1
    while colon >= 0 and body[colon] == " ":
        colon -= 1
    if colon < 0 or body[colon] not in "：:":
        return None
    begin = colon
    while begin > 0 and body[begin - 1] not in CLAUSE_ENDS and body[begin - 1] not in "”」』":
        begin -= 1
    return begin, colon


def _clauses_after(body: str, end: int, c: QuoteCues) -> list[tuple[int, int]]:
    """The first clauses of the rest of the quote's sentence (nested quotes kept whole)."""
    out: list[tuple[int, int]] = []
    pos, limit = end, min(len(body), end + MAX_AFTER)
    start, depth = pos, 0
    while pos < limit and len(out) < MAX_CLAUSES:
        ch = body[pos]
        if ch in c.marks:
            depth += 1
        elif ch in c.closers and depth:
            depth -= 1
        elif not depth and ch in CLAUSE_ENDS:
            if pos > start:
                out.append((start, pos))
            if ch in SENTENCE_ENDS:
                return out
            start = pos + 1
        pos += 1
    if pos > start and len(out) < MAX_CLAUSES and (pos >= len(body) or body[pos] in SENTENCE_ENDS):
        out.append((start, pos))
    return out


def _verb_at_end(body: str, start: int, end: int, c: QuoteCues) -> int | None:
    """Where the speech verb ending the clause starts (a tail such as 了句 may follow it)."""
    text = body[start:end]
    for tail in ("", *c.verb_tails):
        if tail and not text.endswith(tail):
            continue
        stem = text[: len(text) - len(tail)]
        for verb in c.verbs:
            if stem.endswith(verb) and len(stem) > len(verb):
                return start + len(stem) - len(verb)
    return None


def _from_clause(
    body: str, start: int, verb_at: int, entities: EntityIndex, quote_start: int, c: QuoteCues
) -> Attribution:
    """Speaker and role from the subject ``body[start:verb_at]`` of an attribution clause."""
    inside = entities.within(start, verb_at)
    persons = [e for e in inside if e.label == "person"]
    if persons:
        person = persons[-1]
        anchors = [e.end for e in inside if e.label != "person" and e.end <= person.start]
        role = body[max([start, *anchors]) : person.start].strip(ROLE_TRIM)
        titled = lexicon().role_before(body, person.start)  # 生态环境局党支部 | 副书记: keep 党支部副书记
        if len(titled) > len(role):
            role = titled
        return Attribution(person.text, role or None)
    subject = body[start:verb_at].strip(ROLE_TRIM)
    if subject in c.pronouns or subject[:2] in c.pronouns or subject[:1] in c.pronouns:
        before = entities.last_person_before(quote_start)
        return Attribution(before.text if before else None, None)
    return Attribution(None, _role_of(subject, c))


def _role_of(subject: str, c: QuoteCues) -> str | None:
    """The subject up to its last role word (3位救人者只是淡淡地 → 3位救人者), else the subject."""
    best = -1
    for i in range(len(subject)):
        for n in range(min(8, len(subject) - i), 1, -1):
            if subject[i : i + n] in c.roles:
                best = max(best, i + n)
                break
    role = subject[:best] if best > 0 else subject
    return role if 0 < len(role) <= MAX_ROLE else None


def _opens_sentence(body: str, start: int) -> bool:
    pos = start - 1
    while pos >= 0 and body[pos] == " ":
        pos -= 1
    return pos < 0 or body[pos] in SENTENCE_ENDS or body[pos] in "”」』"


def _first_person_after(body: str, end: int, entities: EntityIndex, c: QuoteCues) -> str | None:
    """The first person named in the rest of the sentence, outside quotation marks."""
    stop = end
    while stop < len(body) and stop - end < MAX_AFTER and body[stop] not in SENTENCE_ENDS:
        stop += 1
    quoted = _quoted_ranges(body, end, stop, c)
    for e in entities.within(end, stop):
        if e.label == "person" and not any(s <= e.start < t for s, t in quoted):
            return e.text
    return None


def _quoted_ranges(body: str, start: int, stop: int, c: QuoteCues) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    open_at = -1
    for pos in range(start, stop):
        if body[pos] in c.marks and open_at < 0:
            open_at = pos
        elif body[pos] in c.closers and open_at >= 0:
            out.append((open_at, pos))
            open_at = -1
    return out
