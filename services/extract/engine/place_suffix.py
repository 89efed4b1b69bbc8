"""Places recognised by their suffix, and the name tagger's locations (step 4 of ``place_resolve``).

* towns and villages: right after their county or town (湟中区西堡镇, 会盟镇雷河村; a village only
  after its town), or at a word start with a cue after them (小浪底镇村民) or, for a village, a
  place verb before it (走进雷河村); the stem must not hold a function word, end in a unit word
  (加强县|乡) or be a generic word (我们村, 特色小镇);
* named sites: a stem of 2–6 characters starting at a word start, before 广场/公园/古城/国际机场…
  (人民广场, 太平国际机场), not a generic stem (主要广场) nor one after a quantifier (几十个公园);
* every other occurrence, at a word start, of a village, town or site found so;
* the tagger's locations (``hints``) that nothing else covers, with the division they start with
  (哈尔滨站 → 230100) or the one right before them.

A mixin of ``PlaceResolver``: it uses the resolver's ``rules``, ``lex``, ``table``,
``_word_start`` and ``_choose``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from newsevents.contract.analysis import Entity

from .place_found import Found, Layout, is_han
from .place_lexicon import SHORT, TOWN, Sense

SITE_STEM_MAX = 6
UNIT_CHARS = "省市县区乡镇村"


class SuffixPlaces:
    """Step 4 of place resolution (see the module docstring)."""

    def _add_by_suffix(self, body: str, taken: Layout) -> None:
        """Towns and villages by suffix (湟中区西堡镇, 会盟镇雷河村, ，小浪底镇村民, 走进雷河村)."""
        rules = self.rules
        by_end = taken.by_end
        for m in self._suffix_re.finditer(body):
            suffix, end = m.group(0), m.end()
            nxt = body[end : end + 1]
            if nxt and nxt in rules.town_bad_next.get(suffix[-1], ""):
                continue  # 文明乡风
            village = suffix in rules.village_suffixes
            generic = rules.village_generic if village else rules.town_generic
            for n in (3, 2):
                start = m.start() - n
                if start < 0 or not self._good_stem(body[start : m.start()], generic) \
                        or not taken.free(start, end):
                    continue
                prev = by_end.get(start)
                chained = prev is not None and prev.sense is not None and not prev.other \
                    and prev.sense.level in (("town",) if village else ("town", "county"))
                if not chained:
                    if n == 3 and village:
                        continue  # a 3-character village stem only right after its town
                    cue = body.startswith(rules.village_cues, end)
                    placed = village and n == 2 and start > 0 and body[start - 1] in rules.village_locative
                    if not self._word_start(body, start, by_end) or not (cue or placed):
                        continue
                name = body[start:end]
                sense = Sense(prev.sense.code, name, "town", TOWN) if chained else None
                taken.add(Found(start, end, name, (sense,) if sense else (), sense, other=village))
                break

    def _add_sites(self, body: str, taken: Layout, ctx: Counter[str]) -> None:
        """Named sites by suffix: 在人民广场 → 人民广场, 、太平国际机场 → 太平国际机场."""
        rules = self.rules
        ends = taken.by_end
        for m in self._site_re.finditer(body):
            s = start = m.start()
            while start > 0 and s - start < SITE_STEM_MAX and start not in ends and is_han(body[start - 1]) \
                    and body[start - 1] not in rules.boundary_before \
                    and body[start - 1] not in rules.landmark_not_in_stem:
                start -= 1
            stem = body[start:s]
            if len(stem) < 2 or any(stem.endswith(g) or stem.startswith(g) for g in rules.landmark_generic):
                continue
            if start > 0 and body[start - 1] in rules.landmark_not_in_stem:
                continue  # 几十个公园, 这条大街
            if not self._word_start(body, start, ends):
                continue  # no word start within reach: not a name
            if not taken.free(start, m.end()):
                continue
            sense = self._site_sense(stem, taken, start, ctx)
            taken.add(Found(start, m.end(), body[start : m.end()], (), sense, other=True))

    def _repeat_others(self, body: str, taken: Layout) -> None:
        """Every other occurrence, at a word start, of a village, town or site found by suffix."""
        names: dict[str, Found] = {}
        for f in taken.items:
            by_suffix = f.other or not f.senses or (f.sense is not None and f.sense.level == "town")
            if len(f.text) >= 3 and by_suffix and (f.text not in names or names[f.text].sense is None):
                names[f.text] = f
        for f in taken.items:  # one village, one county: 雷河村 after 会盟镇 lends it to 雷河村 alone
            first = names.get(f.text)
            if f.sense is None and first is not None and first.sense is not None:
                f.sense = first.sense
        for text, first in names.items():
            i = body.find(text)
            while i >= 0:
                if taken.free(i, i + len(text)) and self._word_start(body, i, taken.by_end):
                    taken.add(Found(i, i + len(text), text, first.senses, first.sense, first.other))
                i = body.find(text, i + len(text))

    def _add_hints(self, body: str, hints: Sequence[Entity], taken: Layout, ctx: Counter[str]) -> None:
        """The tagger's locations: a division when the whole name is one (…现代化达州新篇章), else
        an "other" place in the division it starts with or follows."""
        for e in hints:
            if e.label != "location" or body[e.start : e.end] != e.text or len(e.text) < 2:
                continue
            if taken.free(e.start, e.end):
                whole = self._division_sense(e.text, ctx)
                if whole is not None:
                    taken.add(Found(e.start, e.end, e.text, (whole,), whole))
                else:
                    sense = self._site_sense(e.text, taken, e.start, ctx)
                    taken.add(Found(e.start, e.end, e.text, (), sense, other=True))

    def _division_sense(self, name: str, ctx: Counter[str]) -> Sense | None:
        """The division ``name`` names here, if any: a county's short form only where its city or
        province is named in the text (太湖 the lake is not 太湖县), no everyday word (平安)."""
        senses = [s for s in self.lex.senses(name) if s.level != "town" and not s.common and (
            s.kind != SHORT or s.level != "county" or any(ctx[a] for a in self.table.ancestors(s.code)[1:]))]
        return self._choose(senses, None, None, ctx, final=True) if senses else None

    def _site_sense(self, text: str, taken: Layout, start: int, ctx: Counter[str]) -> Sense | None:
        """The division a site lies in: named at its start (哈尔滨站), or right before it."""
        for n in range(min(len(text) - 1, 12), 1, -1):
            sense = self._division_sense(text[:n], ctx)
            if sense is not None:
                return sense
        prev = taken.by_end.get(start)
        return prev.sense if prev is not None and not prev.other else None

    def _good_stem(self, stem: str, generic: frozenset[str]) -> bool:
        """A plausible name stem: Chinese characters, no function word, not a generic word, not
        ending in a unit word (加强县|乡), not a two-character word opened by a generic character."""
        bad = self.rules.boundary_before
        return all(is_han(c) and c not in bad and c not in self.rules.landmark_not_in_stem for c in stem) \
            and stem not in generic and stem[-1] not in UNIT_CHARS \
            and not (len(stem) == 2 and stem[0] in generic)
