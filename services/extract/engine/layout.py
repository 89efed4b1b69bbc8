"""Where clauses, full sentences, paragraphs, quotations and book titles lie in a body.

Events need finer and coarser units than ``sentences.split_sentences`` gives: the *clause*
(between ，；：。！？ and line ends) holds one list item (1人入选…，8人获评…); the *full
sentence* (up to 。！？ or a line end, so across ；) carries a leading time expression; the
*paragraph* (one line of the body) carries a topic place and time. Quoted speech (“…”) and
book titles (《…》) are found so triggers inside them can be ignored.

All spans are half-open ``[start, end)`` offsets into the body; building a layout is linear in
the length of the body. Quotation marks are paired within a paragraph; an opening mark with no
closing one runs to the end of its paragraph (the Chinese convention for speech that goes on
into the next paragraph). Unpaired closing marks are ignored.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

CLAUSE_ENDS = frozenset("，,；;：:。！？!?\n")
SENTENCE_ENDS = frozenset("。！？!?\n")
_FAR = 1 << 62
_QUOTES = {"“": "”", "「": "」", "『": "』", "‘": "’", '"': '"'}
_BOUNDARY = re.compile("[" + re.escape("".join(sorted(CLAUSE_ENDS))) + "]")
_MARKS = re.compile('[“”「」『』‘’"《》\n]')


@dataclass(frozen=True, slots=True)
class Layout:
    body: str
    clause_starts: tuple[int, ...]
    sentence_starts: tuple[int, ...]
    paragraph_starts: tuple[int, ...]
    quotes: tuple[tuple[int, int], ...]  # inside the marks
    titles: tuple[tuple[int, int], ...]  # inside 《 》

    @classmethod
    def of(cls, body: str) -> Layout:
        clauses, sentences, paragraphs = [0], [0], [0]
        for m in _BOUNDARY.finditer(body):
            i = m.start()
            clauses.append(i + 1)
            ch = body[i]
            if ch in SENTENCE_ENDS:
                sentences.append(i + 1)
            if ch == "\n":
                paragraphs.append(i + 1)
        quotes, titles = _marked_spans(body, paragraphs)
        return cls(body, tuple(clauses), tuple(sentences), tuple(paragraphs), quotes, titles)

    def clause(self, pos: int) -> tuple[int, int]:
        """The clause around ``pos``: from after the previous boundary to its closing mark (excluded)."""
        return _around(self.clause_starts, pos, len(self.body))

    def full_sentence(self, pos: int) -> tuple[int, int]:
        """The sentence around ``pos`` up to 。！？ or a line end (across ；)."""
        return _around(self.sentence_starts, pos, len(self.body))

    def paragraph(self, pos: int) -> tuple[int, int]:
        return _around(self.paragraph_starts, pos, len(self.body))

    def in_quote(self, start: int, end: int) -> bool:
        return _inside(self.quotes, start, end)

    def in_title(self, start: int, end: int) -> bool:
        return _inside(self.titles, start, end)

    def quoted(self, start: int, end: int) -> bool:
        """Inside quotation marks or a book title."""
        return self.in_quote(start, end) or self.in_title(start, end)


def _around(starts: tuple[int, ...], pos: int, length: int) -> tuple[int, int]:
    i = bisect_right(starts, pos) - 1
    start = starts[max(i, 0)]
    end = starts[i + 1] - 1 if i + 1 < len(starts) else length
    return start, max(start, end)


def _inside(spans: tuple[tuple[int, int], ...], start: int, end: int) -> bool:
    """``[start, end)`` lies within one of ``spans`` (sorted, disjoint)."""
    i = bisect_right(spans, (start, _FAR)) - 1
    return i >= 0 and spans[i][0] <= start and end <= spans[i][1]


def _marked_spans(body: str, paragraphs: list[int]) -> tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]]:
    quotes: list[tuple[int, int]] = []
    titles: list[tuple[int, int]] = []
    open_quote: tuple[str, int] | None = None  # (closing mark, start inside)
    title: int | None = None
    for m in _MARKS.finditer(body):
        i, ch = m.start(), m.group()
        if ch == "\n":  # marks pair within a paragraph; an open quotation runs to its end
            if open_quote is not None:
                quotes.append((open_quote[1], i))
            open_quote, title = None, None
        elif open_quote is None:
            if ch in _QUOTES:
                open_quote = (_QUOTES[ch], i + 1)
        elif ch == open_quote[0]:
            quotes.append((open_quote[1], i))
            open_quote = None
        if ch == "《":
            title = i + 1
        elif ch == "》" and title is not None:
            titles.append((title, i))
            title = None
    if open_quote is not None:
        quotes.append((open_quote[1], len(body)))
    return tuple(quotes), tuple(titles)
