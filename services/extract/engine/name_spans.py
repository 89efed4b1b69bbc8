"""What the name rules share: a found name (``Mention``) and the tagger's words of one text.

``Words`` indexes LAC's words of a body so the rules can ask "does a word start here?",
"which word covers this character?" in constant time. Built per call, never shared.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from .lac_model import Token

PERSON, ORGANIZATION, LOCATION = "person", "organization", "location"
LAC_LABELS = {"PER": PERSON, "ORG": ORGANIZATION, "LOC": LOCATION}


@dataclass(frozen=True, slots=True)
class Mention:
    """A name at ``body[start:end]``; ``margin`` is the tagger's confidence (see ``Token``);
    ``sure`` marks a name read from a fixed pattern (中美两国 → 中, 美) that wins over overlaps."""

    start: int
    end: int
    label: str
    margin: float = 0.0
    sure: bool = False

    def text(self, body: str) -> str:
        return body[self.start : self.end]


class Words:
    """LAC's words of one body, with boundary look-ups (compact: a 1 MB body has ~500k words)."""

    def __init__(self, tokens: Sequence[Token]) -> None:
        self.tokens = tokens if isinstance(tokens, list) else list(tokens)
        self._starts = array("l", (t.start for t in self.tokens))
        self._ends = array("l", (t.end for t in self.tokens))

    def index_starting(self, pos: int) -> int:
        """Index of the word starting at ``pos`` (-1 if none)."""
        i = bisect_left(self._starts, pos)
        return i if i < len(self._starts) and self._starts[i] == pos else -1

    def index_ending(self, pos: int) -> int:
        """Index of the word ending at ``pos`` (-1 if none)."""
        i = bisect_left(self._ends, pos)
        return i if i < len(self._ends) and self._ends[i] == pos else -1

    def starts_at(self, pos: int) -> bool:
        return self.index_starting(pos) >= 0

    def ends_at(self, pos: int) -> bool:
        return self.index_ending(pos) >= 0

    def at(self, pos: int) -> int:
        """Index of the word covering character ``pos`` (-1 if none)."""
        i = bisect_right(self._starts, pos) - 1
        return i if i >= 0 and self.tokens[i].end > pos else -1

    def next(self, end: int) -> Token | None:
        """The word starting right at ``end`` (no gap), if any."""
        i = self.index_starting(end)
        return self.tokens[i] if i >= 0 else None

    def previous(self, start: int) -> Token | None:
        """The word ending right at ``start`` (no gap), if any."""
        i = self.index_ending(start)
        return self.tokens[i] if i >= 0 else None

    def aligned(self, start: int, end: int) -> bool:
        """True when a word starts at ``start`` and a word ends at ``end``."""
        return self.starts_at(start) and self.ends_at(end)


def is_han(text: str) -> bool:
    """Every character is a CJK ideograph (the basic block and extension A)."""
    return bool(text) and all("\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf" for c in text)
