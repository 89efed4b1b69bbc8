"""Where a run of text lines (no blank line between them) holds more than one unit.

Most pages put a blank line between paragraphs and around headings, but some set a brief's
paragraphs one after the other, or print a headline right above its first paragraph. Inside such
a run the column shows the boundaries: every line of a paragraph but its last fills the column,
so a line that ends a sentence well short of the column ends its paragraph (and where the page
indents paragraphs, a line set in from the column after a sentence end starts one); and a heading
is set in another measure than the body, without sentence punctuation.

Accuracy and limits: a paragraph whose last line happens to fill the column is not cut (its
paragraphs stay joined) unless the page indents paragraphs; runs of fewer than three lines, and
letter-spaced runs (captions whose text layer spaces out characters), are never cut. Widths are
measured with punctuation set full or compressed (some pages compress it), whichever makes the
column's full lines agree. On 1000 random layouts (``segment_layouts``) paragraphs come out exact
in 92% of articles; most misses are paragraphs whose last line fills the column.
"""

from __future__ import annotations

from statistics import median

from .news_cues import opens_paragraph
from .text_clean import OPEN_ENDS, display_width, is_dangling

SENTENCE_PUNCT = frozenset("，。；：！？、,;:!?")
TOLERANCE = 1.5  # em: how much a heading's measure differs from the body's, at least
SHORT = 1.0  # em: a line this much shorter than the column would have taken another character
# Characters a line never starts with (they stay on the line before, which may overfill it).
_NO_LINE_START = frozenset("，。、；：？！…”’」』）)》】%,;:!?")
INDENT = 2.5  # em: a paragraph's first line may be indented by two characters
MIN_LINES = 3
MAX_HEAD_LINES = 3
_SPACED_SHARE = 0.34  # runs with spaces in more lines than this are letter-spaced


def cuts(lines: list[str], *, heading_on_top: bool = True) -> list[int]:
    """Indices of ``lines`` where a new unit (heading or paragraph) starts; ascending.
    ``heading_on_top=False`` for a run that opens with a dateline (本报讯（记者 …）."""
    n = len(lines)
    if n < MIN_LINES or sum(" " in s for s in lines) > _SPACED_SHARE * n:
        return []
    k = _heading_lines(lines, range(min(MAX_HEAD_LINES, n - 2))) if heading_on_top else 0
    tail_text = not SENTENCE_PUNCT.isdisjoint(lines[-1])
    if not k and tail_text and all(is_dangling(s) for s in lines[:-1]):
        return []  # one paragraph: no line but the last ends a sentence (the common case, fast)
    full = [display_width(s) for s in lines]
    comp = [display_width(s, 0.5) for s in lines]
    out: list[int] = []
    start, end = 0, n
    # Only a paragraph's first line is indented: two heading lines need only differ from the
    # column; lines without sentence punctuation above one that opens a paragraph (连日来，…)
    # are a heading whatever their width.
    indent = TOLERANCE if k >= 2 else INDENT
    if k and (opens_paragraph(lines[k]) or _off_column(full, comp, range(k), range(k, n), indent=indent)):
        out.append(k)
        start = k
    tail = _heading_lines(lines, range(n - 1, max(start, n - 1 - MAX_HEAD_LINES), -1))
    if tail and end - tail - start >= 2 and not is_dangling(lines[n - tail - 1]) and _off_column(
            full, comp, range(n - tail, n), range(start, n - tail)):
        end = n - tail
    if end - start >= MIN_LINES:
        measures = _measures(lines[start:end], full[start:end], comp[start:end])
        out.extend(i + 1 for i in range(start, end - 1) if not is_dangling(lines[i]) and (
            all(m[i - start] <= w - SHORT for m, w in measures)  # a short last line
            or (i + 2 < end and is_dangling(lines[i + 1])  # or an indented first line after it
                and all(m[i + 1 - start] <= w - TOLERANCE for m, w in measures))))
    if end < n:
        out.append(end)
    return out


def _measures(lines: list[str], full: list[float], comp: list[float]) -> list[tuple[list[float], float]]:
    """The widths to trust, each with the column width. The column is the widest line that does
    not end in punctuation (a closing mark may be pulled onto a full line and overfill it); the
    measure the page was set in — punctuation full or compressed — is the one in which more
    lines fill that column to within a character; both when they tie."""
    rows = [i for i in range(len(lines) - 1) if lines[i][-1] not in _NO_LINE_START] or list(range(len(lines) - 1))
    scored = []
    for widths in (full, comp):
        column = max(widths[i] for i in rows)
        scored.append((sum(widths[i] > column - SHORT for i in rows), widths, column))
    if scored[0][0] == scored[1][0]:
        return [(m, w) for _, m, w in scored]
    best = max(scored, key=lambda t: t[0])
    return [(best[1], best[2])]


def _heading_lines(lines: list[str], order: range) -> int:
    """How many lines, taken in ``order``, could be a heading (no sentence punctuation)."""
    k = 0
    for i in order:
        if not SENTENCE_PUNCT.isdisjoint(lines[i]) or lines[i][-1] in OPEN_ENDS:
            break
        k += 1
    return k


def _off_column(full: list[float], comp: list[float], head: range, body: range, *, indent: float = INDENT) -> bool:
    """Every heading line is set wider than the body's full lines, or narrower by more than
    ``indent`` (a paragraph's first line may be indented)."""
    rows = list(body)[:-1] or list(body)
    w, wc = median(full[i] for i in rows), median(comp[i] for i in rows)
    return all(_off(full[i], w, indent) and _off(comp[i], wc, indent) for i in head)


def _off(width: float, column: float, indent: float) -> bool:
    return width > column + TOLERANCE or width < column - indent
