"""Text comparison helpers shared by the scorer: whitespace-insensitive search, name matching.

Every comparison in the scorer ignores whitespace (a page's text layer is hard-wrapped, gold
strings are not), so the helpers here work on *squashed* text (all whitespace removed) and map
positions back to the original string when a caller needs offsets.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

_WHITESPACE = re.compile(r"\s+")
# dashes that open a subheadline as printed (——甘肃平凉市…); gold omits them
_LEADING_DASHES = re.compile(r"^[\-‐‑‒–—―－─━~～]+")
# the shorter of two names must have this many characters for containment to count
MIN_CONTAINED_CHARS = 2


def squash(text: str | None) -> str:
    """``text`` with all whitespace removed (``None`` gives "")."""
    return _WHITESPACE.sub("", text) if text else ""


def normalize_title(text: str | None) -> str:
    """A headline for comparison: whitespace removed, leading dashes removed."""
    return _LEADING_DASHES.sub("", squash(text))


class SquashedText:
    """A string with its whitespace removed, remembering where each kept character came from."""

    __slots__ = ("_positions", "original", "text")

    def __init__(self, original: str) -> None:
        self.original = original
        kept = [(i, ch) for i, ch in enumerate(original) if not ch.isspace()]
        self.text = "".join(ch for _, ch in kept)
        self._positions = [i for i, _ in kept]

    def __contains__(self, needle: str) -> bool:
        squashed = squash(needle)
        return bool(squashed) and squashed in self.text

    def find(self, needle: str) -> int:
        """Position of ``needle`` (squashed) in the squashed text, or -1 (also for an empty needle)."""
        squashed = squash(needle)
        return self.text.find(squashed) if squashed else -1

    def spans(self, needle: str) -> Iterator[tuple[int, int]]:
        """Every (start, end) of ``needle`` in the ORIGINAL string, ignoring whitespace on both sides."""
        squashed = squash(needle)
        if not squashed:
            return
        at = self.text.find(squashed)
        while at >= 0:
            yield self._positions[at], self._positions[at + len(squashed) - 1] + 1
            at = self.text.find(squashed, at + 1)


def names_match(gold: str, predicted: str) -> bool:
    """Equal, or one contains the other, after removing whitespace.

    Containment counts only when the shorter name has at least ``MIN_CONTAINED_CHARS``
    characters, so a one-character fragment never matches a name.
    """
    g, p = squash(gold), squash(predicted)
    if not g or not p:
        return False
    if g == p:
        return True
    shorter, longer = (g, p) if len(g) <= len(p) else (p, g)
    return len(shorter) >= MIN_CONTAINED_CHARS and shorter in longer


def similarity(gold: str, predicted: str) -> float:
    """difflib ``SequenceMatcher(autojunk=False).ratio()`` of the two texts with whitespace removed.

    1.0 for identical texts, 0.0 for nothing in common. Quadratic in the worst case; a 6,000
    by 2,000 character comparison of news text takes well under a second.
    """
    a, b = squash(gold), squash(predicted)
    if not a and not b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
