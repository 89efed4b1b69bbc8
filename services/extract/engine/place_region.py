"""An article's main region: the division it is about, from its place mentions.

News leads name their subject as a full chain, province first (四川省达州市, 福建省泉州市泉港区,
重庆市石柱土家族自治县), and headlines repeat it in short (四川达州市…). The main region is the most
specific unit of the first full chain of the lead (its first paragraph; a later unrelated chain
of the lead wins when more of the body's places lie in it), refined or overruled by
the headline's chain (when they disagree, the one more of the body's places lie in); without a
full chain, the headline's chain, then the first division of the lead, then the division named
most often. Places merely mentioned later (a partner city, a district
named in the third paragraph) do not count. Limits: an article whose lead names another place
first, with no place in its headline, gets that place.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .divisions import DivisionTable
from .document import PlaceMention

DIVISION_LEVELS = ("province", "city", "county")
LEAD_MIN_CHARS = 60
LEAD_MAX_CHARS = 400


@dataclass(frozen=True, slots=True)
class Chain:
    """Divisions written one after another, each inside the previous: 甘肃省平凉市崆峒区."""

    codes: tuple[str, ...]
    start: int
    official: bool  # its first name is written in full (大理市, not 大理)

    @property
    def code(self) -> str:
        return self.codes[-1]


def chains(mentions: Sequence[PlaceMention], table: DivisionTable) -> list[Chain]:
    """The chains of resolved divisions, in text order (a lone division is a chain of one)."""
    out: list[Chain] = []
    codes: list[str] = []
    start = end = -1
    official = False
    for m in sorted(mentions, key=lambda m: m.start):
        if m.level not in DIVISION_LEVELS or m.adcode is None:
            continue
        if codes and m.start == end and m.adcode != codes[-1] and table.is_within(m.adcode, codes[-1]):
            codes.append(m.adcode)
        else:
            if codes:
                out.append(Chain(tuple(codes), start, official))
            codes, start, official = [m.adcode], m.start, m.text == m.name
        end = m.end
    if codes:
        out.append(Chain(tuple(codes), start, official))
    return out


def is_full(chain: Chain, table: DivisionTable) -> bool:
    """Two or more units, one that is a province (甘肃省…, 重庆市…), or one written in full
    (大理市…); not a lone short form (冬日的福州 before 福建省福州市鼓楼区)."""
    first = table.get(chain.codes[0])
    return len(chain.codes) > 1 or chain.official or (first is not None and first.level == "province")


def lead_end(body: str) -> int:
    """End of the lead: the first paragraph, extended to LEAD_MIN_CHARS when it is shorter, cut at
    LEAD_MAX_CHARS (a text without paragraphs)."""
    end = body.find("\n")
    while 0 <= end < LEAD_MIN_CHARS:
        end = body.find("\n", end + 1)
    return min(len(body) if end < 0 else end, LEAD_MAX_CHARS)


def main_region_code(body: str, body_mentions: Sequence[PlaceMention],
                     headline_mentions: Sequence[PlaceMention], table: DivisionTable) -> str | None:
    """The code of the division the article is about, or None when it names none."""
    limit = lead_end(body)
    lead = [c for c in chains(body_mentions, table) if c.start < limit]
    inside = _inside_counts(body_mentions, table)
    head = chains(headline_mentions, table)
    full = [c for c in lead if is_full(c, table)]
    pick = full[0].code if full else None
    for c in full[1:]:  # a partner named first (栖霞区…来到…湟中区): the place the body speaks of
        if not _related(c.code, pick, table) and \
                inside[c.code] > inside[pick]:
            pick = c.code
    head_code = _best_head(head, table)
    if head_code is not None:
        if pick is None or table.is_within(head_code, pick):
            pick = head_code  # the headline is more specific (or the lead names no chain)
        elif not table.is_within(pick, head_code) and \
                inside[head_code] >= inside[pick]:
            pick = head_code  # lead and headline disagree: the one the body speaks of more
    if pick is None and lead:
        pick = lead[0].code
    if pick is None:
        counts = Counter(m.adcode for m in body_mentions if m.level in DIVISION_LEVELS and m.adcode)
        pick = counts.most_common(1)[0][0] if counts else None
    return pick


def _related(a: str, b: str, table: DivisionTable) -> bool:
    return table.is_within(a, b) or table.is_within(b, a)


def _inside_counts(mentions: Sequence[PlaceMention], table: DivisionTable) -> Counter[str]:
    """For each division, how many division mentions of the body lie in it."""
    counts: Counter[str] = Counter()
    for m in mentions:
        if m.level in DIVISION_LEVELS and m.adcode:
            counts.update(table.ancestors(m.adcode))
    return counts


def _best_head(head: list[Chain], table: DivisionTable) -> str | None:
    """The headline's first full chain, else its first chain."""
    full = [c for c in head if is_full(c, table)]
    return (full or head or [None])[0].code if (full or head) else None
