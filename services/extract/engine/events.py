"""Typed events, one per trigger, with time, location, participants and quantities.

``EventFinder(taxonomy).find(ctx)`` reads what the earlier components found in one article
(``ArticleContext``) and returns its events in text order:

* triggers and types: ``triggers.TriggerMatcher`` (contextual rules from the taxonomy file);
* time: ``event_time`` (the governing time expression: sentence, else paragraph, else none);
* location: ``event_place`` (clause, sentence, paragraph, else the article's region);
* participants and quantities: ``participants``; a speaker named in a later sentence that
  says where (…在会上表示: ``meeting_speaker_cues``, …在仪式上发言: ``speaker_cues``) joins the
  latest meeting, or the latest gathering (a type with ``participants = "gathering"``: meeting,
  activity, competition); 由X主办 makes X the organiser of the gathering the sentence tells or
  refers back to (本次比赛由…主办).

Planned events are not events: a trigger marked as future or demanded (将开展, 要开展, 下一步…)
is dropped by the matcher, and so is an event whose governing time starts after the
publication date. Limits: see the modules above; accuracy figures are in the report of the
events work (dev gold, gold bodies).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date

from newsevents.contract.analysis import Entity, Event, Metric, Participant, Region, Span, TimeSpan

from .document import PlaceMention, Sentence
from .event_place import EventPlaces
from .event_time import EventTimes
from .layout import Layout
from .lexicon import Lexicon
from .participants import Participants, unique
from .taxonomy import Taxonomy
from .triggers import Trigger, TriggerMatcher

REACH = 300  # speakers and organisers are looked for this close to their cue


@dataclass(frozen=True, slots=True)
class ArticleContext:
    """Everything the earlier components found in one article."""

    body: str
    headline: str | None
    published: date
    sentences: list[Sentence]
    entities: list[Entity]
    places: list[PlaceMention]
    times: list[TimeSpan]
    metrics: list[Metric]
    region: Region | None


class EventFinder:
    """Compiles the taxonomy's rules once; ``find`` is pure and safe to call from many threads."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self.matcher = TriggerMatcher(taxonomy)
        self.blockers = Lexicon(taxonomy.cue("time_blockers") or ("\x00",))
        self.speech_verbs = taxonomy.cue("speech_verbs")
        self.honor_givers = taxonomy.cue("honor_givers")
        self.speaker_cues = taxonomy.cue("speaker_cues")
        self.meeting_cues = taxonomy.cue("meeting_speaker_cues")
        self.rules = {name: t.participants for name, t in taxonomy.types.items()}
        self.gatherings = tuple(name for name, rule in self.rules.items() if rule == "gathering")
        self.organizer_verbs = taxonomy.cue("organizer_verbs")
        self.anaphora = taxonomy.cue("anaphora_cues")

    def find(self, ctx: ArticleContext) -> list[Event]:
        body = ctx.body
        if not body or not body.strip():
            return []
        layout = Layout.of(body)
        numbers = [(m.start, m.end) for m in ctx.metrics]
        triggers = self.matcher.find(body, layout, numbers)
        if not triggers:
            return []
        blockers = [(s, s + len(w)) for s, w in self.blockers.scan(body)]
        times = EventTimes(body, layout, ctx.times, blockers)
        places = EventPlaces(body, layout, ctx.places, ctx.region)
        people = Participants(body, layout, ctx.entities, ctx.metrics, self.speech_verbs, self.honor_givers, self.rules)
        sentences = sorted(ctx.sentences, key=lambda s: s.start)
        starts = [s.start for s in sentences]
        events: list[Event] = []
        for n, t in enumerate(triggers):
            # a quantity between two triggers belongs to the nearer one (24人荣登…、15人荣登…)
            lo = (triggers[n - 1].end + t.start) // 2 if n else 0
            hi = (t.end + triggers[n + 1].start + 1) // 2 if n + 1 < len(triggers) else None
            time = times.time_of(t.start)
            if time is not None and time.start is not None and time.start > ctx.published:
                continue  # planned, not reported
            text, sentence_start = _sentence(body, layout, sentences, starts, t)
            events.append(
                Event(
                    type=t.type,
                    trigger=Span(text=body[t.start : t.end], start=t.start, end=t.end),
                    sentence=text,
                    sentence_start=sentence_start,
                    time=time,
                    location=places.location_of(t.start),
                    participants=people.of(t),
                    quantities=people.quantities(t, lo, hi),
                )
            )
        self._link_speakers(body, layout, events, people)
        self._link_organizers(body, layout, events, ctx.entities)
        return events

    def _link_speakers(self, body: str, layout: Layout, events: list[Event], people: Participants) -> None:
        """…张海峰在会上表示: the speaker of the latest meeting (会上) or gathering before."""
        starts = [e.trigger.start for e in events]
        meetings = tuple(g for g in self.gatherings if g == "meeting") or self.gatherings
        for cue in (*self.meeting_cues, *self.speaker_cues):
            kinds = meetings if cue in self.meeting_cues else self.gatherings
            i = body.find(cue)
            while i != -1:
                s_start, s_end = layout.full_sentence(i)
                s_start, s_end = max(s_start, i - REACH), min(s_end, i + REACH)
                names = people.speaker_at(s_start, s_end) if not layout.quoted(i, i + len(cue)) else []
                target = _latest(events, starts, i, kinds) if names else None
                if target is not None:
                    target.participants = unique(
                        [*target.participants, *(Participant(name=n, role="speaker") for n in names)]
                    )
                i = body.find(cue, i + len(cue))

    def _link_organizers(self, body: str, layout: Layout, events: list[Event], entities: list[Entity]) -> None:
        """由X主办: X organised the event of the sentence, or the one it refers back to."""
        starts = [e.trigger.start for e in events]
        orgs = sorted((e for e in entities if e.label == "organization"), key=lambda e: e.start)
        org_starts = [e.start for e in orgs]
        i = body.find("由")
        while i != -1:
            c_start, c_end = layout.clause(i)
            verb = self._organizer_verb(body, i, c_end)
            if verb is not None and not layout.quoted(i, verb):
                s_start, s_end = layout.full_sentence(i)
                s_start, s_end = max(s_start, i - REACH), min(s_end, i + REACH)
                j = bisect_left(starts, s_start)
                nearby = (events[k] for k in range(j, min(len(events), j + 8)) if starts[k] < s_end)
                target = next((e for e in nearby if e.type in self.gatherings), None)
                if target is None and any(body.find(a, s_start, i) != -1 for a in self.anaphora):
                    target = _latest(events, starts, s_start, self.gatherings)
                if target is not None:
                    k = bisect_left(org_starts, i)
                    names = []
                    while k < len(orgs) and orgs[k].end <= verb:
                        names.append(orgs[k].text)
                        k += 1
                    names = names or [n for n in body[i + 1 : verb].replace("联合", "").split("、") if 1 < len(n) <= 20]
                    target.participants = unique(
                        [*target.participants, *(Participant(name=n, role="organizer") for n in names)]
                    )
            i = body.find("由", max(c_end, i + 1))

    def _organizer_verb(self, body: str, i: int, clause_end: int) -> int | None:
        """Where the 主办-like verb of a 由X主办 phrase at ``i`` starts (None: not that phrase)."""
        if body.startswith("由于", i) or (i > 0 and body[i - 1] in "自理经缘"):
            return None
        found = [p for p in (body.find(v, i + 1, min(clause_end, i + 41)) for v in self.organizer_verbs) if p != -1]
        return min(found) if found else None


def _latest(events: list[Event], starts: list[int], before: int, kinds: tuple[str, ...]) -> Event | None:
    """The last event of one of ``kinds`` whose trigger starts before ``before`` (a few back at most)."""
    j = bisect_left(starts, before) - 1
    for k in range(j, max(-1, j - 16), -1):
        if events[k].type in kinds:
            return events[k]
    return None


def _sentence(
    body: str, layout: Layout, sentences: list[Sentence], starts: list[int], t: Trigger
) -> tuple[str, int]:
    """The sentence (from the sentence splitter) holding the trigger; the layout's when none does."""
    i = bisect_right(starts, t.start) - 1
    if i >= 0 and sentences[i].start <= t.start and t.end <= sentences[i].end:
        return sentences[i].text, sentences[i].start
    start, end = layout.full_sentence(t.start)
    return body[start:end], start
