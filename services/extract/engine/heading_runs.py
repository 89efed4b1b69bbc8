"""Heading-like units across blocks: runs of headline blocks, and subtitles wrapped over lines.

A headline can be wrapped over a blank line (福建泉州市泉港区 / 召开城市文明建设工作推进会), or
printed after its article's body right above the next one's: consecutive heading-like blocks form
one run, which assembly splits later. A line cut from a paragraph by a column break reads like a
heading too; it is kept out of runs when it holds a clause mark or leaves a quote open
(``looks_cut``). A ——subtitle wrapped over two lines leaves its tail as a heading line of its own,
which would join the headline printed under it; it goes back to the subtitle when the two
together end the way subtitles do (data/segment_cues.toml).

Limits: a headline that holds a comma and is wrapped over a blank line is not joined; a wrapped
subtitle whose tail ends in no known way joins its tail only when it sits under a headline.
"""

from __future__ import annotations

from . import bylines
from .page_unit import HEAD, SUBTITLE, Unit
from .text_clean import CLAUSE_MARKS, OPEN_ENDS, clean_spaces, join_lines

_HEAD_RUN_BLOCKS = 4
_SUBTITLE_TAIL_LINES = 2  # a subtitle is wrapped over two or three lines at most
_PAIRS = ("“”", "《》", "（）", "‘’", "「」")


def subtitle_tails(units: list[Unit]) -> list[Unit]:
    """A subtitle wrapped over two lines: its second line reads as a heading line of its own (and
    joins the headline printed under it). It is the subtitle's when the two together end the way
    subtitles do (…工作侧记) and the first alone does not, or when the subtitle sits under a
    headline and the line is all that follows it."""
    endings = bylines.lexicon().subtitle_endings
    out: list[Unit] = []
    for u in units:
        if u.kind == HEAD and out and out[-1].kind == SUBTITLE and u.first == out[-1].first + len(out[-1].lines):
            sub = out[-1]
            take = _subtitle_tail(sub.text, u.lines, endings)
            if take is None:
                take = 1 if len(u.lines) == 1 and len(out) >= 2 and out[-2].kind == HEAD else 0
            if take:
                sub.text = clean_spaces(sub.text + join_lines(u.lines[:take]))
                sub.lines = sub.lines + u.lines[:take]
                rest = u.lines[take:]
                if not rest:
                    continue
                u = Unit(HEAD, rest, u.first + take, text=join_lines(rest), blocks=[list(rest)])
        out.append(u)
    return out


def _subtitle_tail(text: str, lines: list[str], endings: tuple[tuple[str, ...], ...]) -> int | None:
    """How many of ``lines`` end the subtitle ``text`` by the way subtitles end; 0 when ``text``
    is complete, None when the endings do not tell."""
    for words in endings:
        if text.endswith(words):
            return 0
        for j in range(1, min(_SUBTITLE_TAIL_LINES, len(lines)) + 1):
            if (text + join_lines(lines[:j])).endswith(words):
                return j
    return None



def looks_cut(text: str) -> bool:
    """Heading-like text that reads as a piece of a sentence: it holds a clause mark, leaves a
    quote or bracket open, or ends in one that opens. A column break leaves such pieces."""
    return (not CLAUSE_MARKS.isdisjoint(text) or text[-1:] in OPEN_ENDS
            or any(text.count(a) > text.count(b) for a, b in _PAIRS))


def _continues_heading(before: str, after: str) -> bool:
    """Two heading-like blocks in a row are one heading run unless either reads as a piece of a
    sentence — except a quote the first opens and the second closes (新疆喀什市开展“民族 /
    团结一家亲”联谊活动)."""
    if not looks_cut(before) and not looks_cut(after):
        return True
    joined = before + after
    return CLAUSE_MARKS.isdisjoint(joined) and not looks_cut(joined)


def merge_heads(units: list[Unit]) -> list[Unit]:
    """Consecutive heading-like blocks form one run (a headline wrapped over blank lines, or a
    headline printed after its body followed by the next one's); at most a few blocks each."""
    out: list[Unit] = []
    for u in units:
        if (u.kind == HEAD and out and out[-1].kind == HEAD and len(out[-1].blocks) < _HEAD_RUN_BLOCKS
                and _continues_heading(join_lines(out[-1].blocks[-1]), u.text)):
            out[-1].blocks.extend(u.blocks)
            out[-1].lines.extend(u.lines)
            continue
        out.append(u)
    for u in out:
        if u.kind == HEAD and len(u.blocks) > 1:
            u.text = join_lines(u.lines)
    return out
