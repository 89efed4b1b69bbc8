"""Who took part in an event, in which role, and the quantities stated with it.

Roles, from the names the NER component found (persons, organisations) and the text. Each type
of the taxonomy names its rule (``participants = …``):

* ``recipients`` (honor): ``recipient`` = persons before the trigger in its clause (向春兰入选…),
  else the organisations there (独峒镇代表队获得金奖), else the persons before it in its
  sentence — or ``organizer`` with a giving trigger (颁奖, 授予: ``honor_givers``); ``honor`` =
  the title awarded: the first quoted name after the trigger in its clause (入选“中国好人榜” →
  中国好人榜), else the object up to the clause end (获评金奖 → 金奖);
* ``doers`` (good_deed): ``participant`` = the persons of its clause, else of its sentence, else
  of the nearest earlier sentence of the paragraph that names persons (the doers told before);
* ``gathering``, ``documents``, ``organizers`` (the others): ``participant`` = the persons of
  its sentence;
* ``speaker``: a person followed by a speech verb (景永红在启动仪式上发言), in the event's
  sentence, or in a later sentence that says where (…在会上表示) — see ``EventFinder``;
* ``organizer``: organisations before the trigger in its clause (该所联合镇卫生院开展…), except
  a venue (在澴川学校举办), and 由X主办 (see ``EventFinder``);
* ``document`` (``documents``: policy, publicity): book titles 《…》 after the trigger in its
  clause.

Quantities are the metrics inside the trigger's clause that lie nearer to it than to the triggers
before and after it (24人荣登…、15人荣登…: each gets its own). Limits: no pronoun resolution (他 is not
linked to a name), and roles are positional, so an unusual word order gives a wrong role.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence

from newsevents.contract.analysis import Entity, Metric, Participant, Quantity

from .layout import Layout
from .triggers import Trigger

HONOR_MAX = 24
REACH = 300  # names and quantities are looked for this close to the trigger
SPEECH_REACH = 16  # a speech verb this close after a name makes the name a speaker
_TRIM = "：:，,。；;、 \n“”\"'（）()"


class Participants:
    """Names and quantities of one article, ready to answer per trigger (read-only)."""

    def __init__(
        self,
        body: str,
        layout: Layout,
        entities: Sequence[Entity],
        metrics: Sequence[Metric],
        speech_verbs: Sequence[str],
        honor_givers: Sequence[str] = (),
        rules: Mapping[str, str] | None = None,
    ) -> None:
        self.body = body
        self.layout = layout
        self.names = sorted((e for e in entities if e.label in ("person", "organization")), key=lambda e: e.start)
        self.name_starts = [e.start for e in self.names]
        self.metrics = sorted(metrics, key=lambda m: m.start)
        self.metric_starts = [m.start for m in self.metrics]
        self.speech_verbs = tuple(speech_verbs)
        self.honor_givers = frozenset(honor_givers)
        self.rules = dict(rules or {})  # type name → role rule (taxonomy ``participants``)

    def of(self, t: Trigger) -> list[Participant]:
        c_start, c_end = self._near(self.layout.clause(t.start), t)
        s_start, s_end = self._near(self.layout.full_sentence(t.start), t)
        out: list[Participant] = []
        rule = self.rules.get(t.type, "organizers")
        if rule == "recipients":
            before = self._persons(c_start, t.start) or list(self._names(c_start, t.start))
            if not before:
                before = [e for e in self._names(s_start, t.start) if e.label == "person"]
            role = "organizer" if self.body[t.start : t.end] in self.honor_givers else "recipient"
            out += [Participant(name=e.text, role=role) for e in before]
            title = self._honor(t, c_end)
            if title:
                out.append(Participant(name=title, role="honor"))
        elif rule == "doers":
            doers = self._persons(c_start, c_end) or self._persons(s_start, s_end) or self._earlier_persons(s_start)
            out += [Participant(name=e.text, role=self._role(e, "participant")) for e in doers]
        else:
            out += [
                Participant(name=e.text, role="organizer")
                for e in self._names(c_start, t.start)
                if e.label == "organization" and not self._venue(e)
            ]
            out += [Participant(name=e.text, role=self._role(e, "participant")) for e in self._persons(s_start, s_end)]
        if rule == "documents":
            out += [Participant(name=self.body[s:e], role="document") for s, e in self._titles(t.end, c_end)]
        return unique(out)

    def quantities(self, t: Trigger, lo: int = 0, hi: int | None = None) -> list[Quantity]:
        """Metrics in the trigger's clause, within ``[lo, hi)`` (the neighbouring triggers)."""
        c_start, c_end = self._near(self.layout.clause(t.start), t)
        c_start, c_end = max(c_start, lo), min(c_end, hi if hi is not None else c_end)
        i = bisect_left(self.metric_starts, c_start)
        out = []
        while i < len(self.metrics) and self.metrics[i].start < c_end:
            m = self.metrics[i]
            if m.end <= c_end:
                out.append(Quantity(text=m.text, value=m.value, unit=m.unit))
            i += 1
        return out

    def _near(self, span: tuple[int, int], t: Trigger) -> tuple[int, int]:
        """``span`` cut to ``REACH`` characters around the trigger (keeps every lookup local)."""
        return max(span[0], t.start - REACH), min(span[1], t.end + REACH)

    def speaker_at(self, start: int, end: int) -> list[str]:
        """Persons in ``[start, end)`` followed by a speech verb (…张海峰在会上表示)."""
        return [e.text for e in self._persons(start, end) if self._speaks(e)]

    # --- helpers -----------------------------------------------------------------------------

    def _names(self, start: int, end: int) -> Iterable[Entity]:
        i = bisect_left(self.name_starts, start)
        while i < len(self.names) and self.names[i].start < end:
            e = self.names[i]
            if e.end <= end and not self.layout.in_quote(e.start, e.end):
                yield e
            i += 1

    def _persons(self, start: int, end: int) -> list[Entity]:
        return [e for e in self._names(start, end) if e.label == "person"]

    def _earlier_persons(self, sentence_start: int) -> list[Entity]:
        p_start, _ = self.layout.paragraph(sentence_start)
        p_start = max(p_start, sentence_start - REACH)
        pos = sentence_start
        while pos > p_start:
            s_start, _ = self.layout.full_sentence(pos - 1)
            found = self._persons(max(s_start, p_start), pos)
            if found:
                return found
            pos = s_start
        return []

    def _venue(self, e: Entity) -> bool:
        """在澴川学校举办: a place the event happened at, not who organised it."""
        return self.body[max(0, e.start - 1) : e.start] in ("在", "于")

    def _speaks(self, e: Entity) -> bool:
        after = self.body[e.end : e.end + SPEECH_REACH]
        cut = min((after.find(c) for c in "，。；！？\n" if c in after), default=len(after))
        return any(v in after[:cut] for v in self.speech_verbs)

    def _role(self, e: Entity, default: str) -> str:
        return "speaker" if self._speaks(e) else default

    def _honor(self, t: Trigger, clause_end: int) -> str | None:
        quotes = self.layout.quotes
        i = bisect_left(quotes, (t.end, 0))
        if i < len(quotes) and quotes[i][1] <= clause_end:
            return self.body[quotes[i][0] : quotes[i][1]].strip() or None
        end = t.scope_end if t.scope_end > t.end else min(clause_end, t.end + 2 * HONOR_MAX)
        text = self.body[t.end : end].strip(_TRIM)
        for prefix in ("为", "了", "成为"):
            text = text.removeprefix(prefix)
        if text.endswith(("表彰", "嘉奖")) or self.layout.quoted(t.end, end):
            return None
        return text if 1 < len(text) <= HONOR_MAX else None

    def _titles(self, start: int, end: int) -> list[tuple[int, int]]:
        i = bisect_left(self.layout.titles, (start, 0))
        out = []
        while i < len(self.layout.titles) and self.layout.titles[i][1] <= end:
            out.append(self.layout.titles[i])
            i += 1
        return out


def unique(participants: Iterable[Participant]) -> list[Participant]:
    seen: set[tuple[str, str]] = set()
    out = []
    for p in participants:
        key = (p.name, p.role)
        if p.name and key not in seen:
            seen.add(key)
            out.append(p)
    return out
