"""Which scanned name forms are places in this text, and which unit each one names.

Order of decisions (each step sees what the earlier ones accepted):

1. Strong forms (official names, suffixed abbreviations 恩施州/三江县, former names 湟中县, towns
   from the town table), longest first where they overlap. Some need a word start (a character
   that cannot end a word before them, or a place right before them): two-character names
   (各市和县区 is not 和县), names ending in an everyday word (沿海城市 is not 海城市), towns
   (文明村镇 is not 明村镇). Names that are everyday words (城区, 市中区) need their parent
   right before them (阳泉市城区).
2. Each strong form gets one unit: the parent right before it (长春市朝阳区), the child right after
   it, else the units named elsewhere in the text (朝阳区 in a text that names 长春 → 220104),
   else the unit's standing (municipality or provincial capital first); a town stays without a
   county when nothing decides.
3. Short forms (甘肃, 平凉, 崇信) at a word start, counted only with support: provinces and
   prefectures always; counties when their city or province is named in the text, when their parent
   stands right before them, or when listed (、) after a sibling; everyday words (平安, 长安) only
   right after their parent. A short form before 路/街/站/古城… becomes a street or site (长安街).
4. Towns, villages and named sites by suffix, and the name tagger's locations: ``place_suffix``.

Everything here is local to one call; the resolver itself is immutable.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from newsevents.contract.analysis import Entity

from .document import PlaceMention
from .place_found import Found, Layout, is_han
from .place_lexicon import FULL, SHORT, TOWN, Hit, PlaceLexicon, Sense
from .place_suffix import SuffixPlaces

LEVEL_WEIGHT = {"county": 3, "city": 2, "province": 1}
LEVEL_ORDER = {"province": 0, "city": 1, "county": 2, "town": 3}
MUNICIPALITY_PREFIXES = ("11", "12", "31", "50")
LIST_MARKS = "、"


class PlaceResolver(SuffixPlaces):
    """Turns the lexicon's hits in a text into place mentions; stateless after construction."""

    def __init__(self, lexicon: PlaceLexicon) -> None:
        self.lex = lexicon
        self.table = lexicon.table
        self.rules = r = lexicon.rules
        self._site_re = re.compile("|".join(map(re.escape, r.landmark_suffixes)))
        self._after_short_re = re.compile("|".join(map(re.escape, r.landmark_after_short)))
        suffixes = sorted(r.village_suffixes + r.town_suffixes, key=len, reverse=True)
        self._suffix_re = re.compile("|".join(map(re.escape, suffixes)))

    # ------------------------------------------------------------------ public
    def find(self, body: str, hints: Sequence[Entity] = (),
             context: Sequence[PlaceMention] = ()) -> list[PlaceMention]:
        """Places of ``body``; ``context`` are places found around it (a headline's article body)."""
        hits = [h for h in self.lex.scan(body) if self._plausible(body, h)]
        ctx: Counter[str] = Counter()
        for m in context:
            if m.adcode is not None and m.level != "other":
                self._count(m.adcode, ctx)
        strong = self._select([h for h in hits if h.kind != SHORT])
        ends = {f.end for f in strong}
        strong = [f for f in strong if self._placed(body, f, ends)]
        self._resolve_strong(strong, ctx)
        taken = Layout(len(body))
        for f in strong:
            if f.sense is not None or not any(s.common for s in f.senses):
                taken.add(f)
        self._add_weak(body, [h for h in hits if h.kind == SHORT], taken, ctx)
        self._add_by_suffix(body, taken)
        self._add_sites(body, taken, ctx)
        self._repeat_others(body, taken)
        self._add_hints(body, hints, taken, ctx)
        found = sorted(taken.items, key=lambda f: (f.start, f.end))
        return [f.mention() for f in found]

    # ------------------------------------------------------------------ step 1–2
    def _plausible(self, body: str, h: Hit) -> bool:
        nxt = body[h.end : h.end + 1]
        if h.kind == FULL and ((h.text[-1] == "市" and nxt == "场") or (h.text[-1] == "区" and nxt == "域")):
            return False  # 义乌市场 (a market), 港口区域 (an area)
        if h.kind == TOWN and nxt and nxt in self.rules.town_bad_next.get(h.text[-1], ""):
            return False  # 文明乡风
        if h.kind == SHORT and nxt and nxt in self.rules.province_not_before:
            return all(s.level != "province" for s in h.senses)  # 黄河南岸
        return True

    def _placed(self, body: str, f: Found, ends: set[int]) -> bool:
        """Whether a strong form stands where a name can start (see step 1)."""
        kind = min(s.kind for s in f.senses)
        if kind == TOWN:
            stem = f.text[0]
            if stem in self.rules.town_generic:  # 小城镇, 古城镇: only right after their county
                return f.start in ends
            return self._word_start(body, f.start, ends)
        if len(f.text) == 2 or (kind == FULL and f.text.endswith(self.rules.word_start_endings)):
            return self._word_start(body, f.start, ends)
        return True

    @staticmethod
    def _select(hits: list[Hit]) -> list[Found]:
        """Longest first where strong forms overlap (安吉县 over 吉县)."""
        size = max((h.end for h in hits), default=0)
        taken = Layout(size)
        for h in sorted(hits, key=lambda h: (-(h.end - h.start), h.kind, h.start)):
            if taken.free(h.start, h.end):
                taken.add(Found(h.start, h.end, h.text, h.senses))
        return sorted(taken.items, key=lambda f: f.start)

    def _resolve_strong(self, found: list[Found], ctx: Counter[str]) -> None:
        for f in found:
            if len(f.senses) == 1 and not f.senses[0].common:
                self._accept(f, f.senses[0], ctx)
        for final in (False, True):
            for i, f in enumerate(found):
                if f.sense is None:
                    prev = found[i - 1] if i and found[i - 1].end == f.start else None
                    nxt = found[i + 1] if i + 1 < len(found) and found[i + 1].start == f.end else None
                    sense = self._choose(f.senses, prev, nxt, ctx, final=final)
                    if sense is not None:
                        self._accept(f, sense, ctx)

    def _choose(self, senses: Sequence[Sense], prev: Found | None, nxt: Found | None,
                ctx: Counter[str], final: bool) -> Sense | None:
        """One sense by chain, then context, then standing (``final`` only); None if undecided."""
        parent = prev.sense.code if prev is not None and prev.sense and not prev.other else None
        if parent is not None and prev.sense.level == "town":
            parent = None
        cands = [s for s in senses if not s.common or (parent and self._within(s, parent))]
        if parent:
            cands = [s for s in cands if self._within(s, parent)] or cands
        if nxt is not None and nxt.sense is not None and not nxt.other and nxt.sense.level != "town":
            above = [s for s in cands if s.level != "town" and s.code != nxt.sense.code
                     and self.table.is_within(nxt.sense.code, s.code)]
            cands = above or cands
        if len(cands) <= 1:
            return cands[0] if cands else None
        scores = [self._score(s, ctx) for s in cands]
        best = max(scores)
        top = [s for s, sc in zip(cands, scores) if sc == best]
        if len(top) == 1 and best > 0:
            return top[0]
        return _by_standing(top) if final else None

    def _within(self, s: Sense, code: str) -> bool:
        """``s`` lies inside ``code`` (a town inside its own county counts)."""
        if s.level == "town":
            return self.table.is_within(s.code, code)
        return s.code != code and self.table.is_within(s.code, code)

    def _score(self, s: Sense, ctx: Counter[str]) -> int:
        """How much the rest of the text speaks of this unit's area."""
        score = 0
        for i, code in enumerate(self.table.ancestors(s.code)):
            if i == 0 and s.level != "town":
                score += 2 * ctx[code]  # something inside this unit is named
                continue
            d = self.table.get(code)
            score += LEVEL_WEIGHT[d.level] * ctx[code] if d else 0
        return score

    def _count(self, code: str, ctx: Counter[str]) -> None:
        for c in self.table.ancestors(code):
            ctx[c] += 1

    def _accept(self, f: Found, sense: Sense, ctx: Counter[str]) -> None:
        f.sense = sense
        self._count(sense.code, ctx)

    # ------------------------------------------------------------------ step 3
    def _word_start(self, body: str, i: int, ends: set[int] | dict) -> bool:
        return i == 0 or i in ends or not is_han(body[i - 1]) or body[i - 1] in self.rules.boundary_before

    def _add_weak(self, body: str, weak: list[Hit], taken: Layout, ctx: Counter[str]) -> None:
        for h in sorted(weak, key=lambda h: (h.start, -(h.end - h.start))):
            if not taken.free(h.start, h.end):
                continue
            by_end = taken.by_end
            if not self._word_start(body, h.start, by_end) and not self._province_anywhere(body, h):
                continue
            prev = by_end.get(h.start)
            site = self._site_after_short(body, h.end)
            if site and taken.free(h.start, h.end + len(site)):
                sense = self._choose(h.senses, prev, None, ctx, final=False)
                taken.add(Found(h.start, h.end + len(site), h.text + site, h.senses, sense, other=True))
                continue
            listed = by_end.get(h.start - 1) if prev is None and h.start and body[h.start - 1] in LIST_MARKS else None
            senses = [s for s in h.senses if self._supported(s, prev, listed, ctx)]
            sense = self._choose(senses, prev, None, ctx, final=True) if senses else None
            if sense is not None:
                f = taken.add(Found(h.start, h.end, h.text, h.senses))
                self._accept(f, sense, ctx)

    def _province_anywhere(self, body: str, h: Hit) -> bool:
        """A province's short form needs no word start (新华社北京电) unless it ends a word (隆重庆祝)."""
        if not any(s.level == "province" for s in h.senses):
            return False
        before = body[h.start - 1 : h.start]
        return not before or before not in self.rules.province_not_after.get(h.text, "")

    def _supported(self, s: Sense, prev: Found | None, listed: Found | None, ctx: Counter[str]) -> bool:
        if prev is not None and prev.sense is not None and not prev.other and self._within(s, prev.sense.code):
            return True
        unit = self.table.get(s.code)
        sibling = listed is not None and listed.sense is not None and listed.sense.level == s.level
        if s.common:
            return sibling and unit is not None and unit.parent is not None and ctx[unit.parent] > 0
        if s.level in ("province", "city"):
            return True
        return sibling or any(ctx[a] > 0 for a in self.table.ancestors(s.code)[1:])

    def _site_after_short(self, body: str, end: int) -> str:
        m = self._after_short_re.match(body, end)
        return m.group(0) if m else ""


def _by_standing(cands: Sequence[Sense]) -> Sense | None:
    """Broader units first; among counties, those of a municipality, then of a provincial capital."""
    if not cands or any(s.level == "town" for s in cands):
        return None  # an ambiguous town: its county stays unknown
    order = min(LEVEL_ORDER[s.level] for s in cands)
    cands = [s for s in cands if LEVEL_ORDER[s.level] == order]
    if len(cands) == 1:
        return cands[0]
    rank = [0 if s.code[:2] in MUNICIPALITY_PREFIXES else 1 if s.code[2:4] == "01" else 2 for s in cands]
    top = [s for s, r in zip(cands, rank) if r == min(rank)]
    return top[0] if len(top) == 1 else None
