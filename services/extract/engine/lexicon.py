"""Word lists matched leftmost-longest over a text: the lexicon lookups of the event rules.

``scan`` runs one compiled alternation of the words (longest first, so the first alternative
that matches at a position is the longest) and is linear in the text for a fixed lexicon;
``at`` looks one position up in a first-character index.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator


class Lexicon:
    """A fixed set of words; leftmost-longest, non-overlapping matching."""

    def __init__(self, words: Iterable[str]) -> None:
        unique = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
        index: dict[str, list[str]] = {}
        for w in unique:
            index.setdefault(w[0], []).append(w)
        self._index = index
        self._pattern = re.compile("|".join(re.escape(w) for w in unique)) if unique else None

    def at(self, text: str, i: int) -> str | None:
        """The longest word starting at ``text[i]``."""
        for w in self._index.get(text[i], ()) if 0 <= i < len(text) else ():
            if text.startswith(w, i):
                return w
        return None

    def scan(self, text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, str]]:
        """Non-overlapping (position, word) matches inside ``text[start:end]``, leftmost-longest."""
        if self._pattern is None:
            return iter(())
        end = len(text) if end is None else end
        return ((m.start(), m.group()) for m in self._pattern.finditer(text, start, max(start, end)))
