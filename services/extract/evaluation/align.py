"""Which predicted article is which gold article: one-to-one matching by ``lead``.

A predicted article is a candidate for a gold article when its body, whitespace removed,
contains the gold lead (whitespace removed) starting within its first ``LEAD_WINDOW``
characters (0 = the body starts with the lead). Pairs are taken greedily, earliest
position first, then gold order, then predicted order; each article is used once.
"""

from __future__ import annotations

from collections.abc import Sequence

from .text import squash

LEAD_WINDOW = 40


def align(leads: Sequence[str], bodies: Sequence[str], window: int = LEAD_WINDOW) -> dict[int, int]:
    """``{gold index: predicted index}`` for every matched gold article."""
    pairs: list[tuple[int, int, int]] = []
    squashed_bodies = [squash(b) for b in bodies]
    for g, lead in enumerate(leads):
        needle = squash(lead)
        if not needle:
            continue
        for p, body in enumerate(squashed_bodies):
            at = body.find(needle, 0, window + len(needle))
            if at >= 0:
                pairs.append((at, g, p))
    matched: dict[int, int] = {}
    used: set[int] = set()
    for _, g, p in sorted(pairs):
        if g not in matched and p not in used:
            matched[g] = p
            used.add(p)
    return matched
