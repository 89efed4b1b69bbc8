"""The text layer of a page as a sequence of typed units (headings, bylines, paragraphs …).

A page's text layer is read line by line. Blank lines separate blocks; inside a block, marker
lines (a ——subtitle, a ◎ byline, a （A B） trailing byline, a / subhead /, a 本报讯 dateline)
cut it into units, and the remaining runs of lines are either heading-like (short, no sentence
punctuation) or paragraphs. Nothing is dropped except page furniture (上接第1版, 责任编辑 …);
the order of units is the order of the text layer.

Inside a block without blank lines, ``page_runs`` finds where paragraphs and a headline on top
start, from the line widths. Text of one paragraph per line (an article pushed on its own) is told
from a hard-wrapped text layer by its long lines, or by lines that nearly all end a sentence.

Limits: a paragraph whose last line fills the column, in a block without blank lines, stays
joined to the next; a body fragment of at most four short lines without sentence punctuation
reads as a heading (assembly turns it back into body text when it fills an article's column); a
body line that starts with —— right after a full stop reads as a subtitle.
"""

from __future__ import annotations

import re
from statistics import median

from . import bylines, page_runs
from .heading_runs import merge_heads, subtitle_tails
from .page_unit import (
    BODY,
    BYLINE,
    CAPTION,
    DATELINE,
    HEAD,
    SUBHEAD,
    SUBTITLE,
    TRAILER,
    Unit,
)
from .text_clean import (
    OPEN_ENDS,
    clean_spaces,
    display_width,
    is_dangling,
    join_lines,
    normalize_text,
    strip_dashes,
    undouble,
)

# Flowed text (one paragraph per line, as pushed articles are) has long lines; a hard-wrapped
# text layer has short ones.
FLOWED_MEDIAN_WIDTH = 40
_FLOWED_ENDED_SHARE = 0.75
_INDENT_MIN = 1.5  # em: a first line this much shorter than the column is indented
_INDENT_SAMPLES = 3  # paragraphs needed to tell whether a page indents them …
_INDENT_SHARE = 0.6  # … and the share of them that must be indented
_PROSE_MARKS = frozenset("，。；！？、,;!?")
_HEAD_MAX_WIDTH = 48
_HEAD_MAX_LINE = 34
_HEAD_MAX_LINES = 4
_HEAD_STOPS = frozenset("。！？；;!?")
# A heading does not end in a clause mark; it may end in an opening quote when it is wrapped
# (湖南长沙市岳麓区开展“ / 礼让斑马线”专项行动).
_HEAD_BAD_ENDS = OPEN_ENDS - frozenset("“‘「『《（(【")
_SLASH_SUBHEAD = re.compile(r"^/\s*([^/]{1,20}?)\s*/$")
_INLINE_TRAILER = re.compile(r"(?<=[。！？…”])\s*([（(][^（）()]{2,40}[）)])$")


def read_units(text: str) -> list[Unit]:
    """The units of a text layer, in reading order."""
    lines = [line.strip() for line in normalize_text(text).split("\n")]
    units: list[Unit] = []
    for block in _blocks(lines, _flowed(lines)):
        units.extend(_block_units(block))
    return merge_heads(subtitle_tails(_attach_credits(units)))


def is_flowed(text: str) -> bool:
    """True for one-paragraph-per-line text (no hard wraps to repair)."""
    return _flowed([s.strip() for s in normalize_text(text).split("\n")])


def _flowed(lines: list[str]) -> bool:
    """Long lines, or (a short article) lines of text that nearly all end their sentence: a
    hard-wrapped column ends most lines mid-sentence."""
    widths = [display_width(s) for s in lines if s]
    if not widths:
        return False
    if median(widths) > FLOWED_MEDIAN_WIDTH:
        return True
    prose = [s for s in lines if s and not _PROSE_MARKS.isdisjoint(s)]
    ended = sum(not is_dangling(_INLINE_TRAILER.sub("", s)) for s in prose)
    return len(prose) >= 2 and ended >= _FLOWED_ENDED_SHARE * len(prose)


def _blocks(lines: list[str], flowed: bool) -> list[list[tuple[int, str]]]:
    out: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    for i, line in enumerate(lines):
        if line and bylines.is_furniture(line):
            continue
        if not line or flowed:
            if current:
                out.append(current)
            current = [(i, line)] if line else []
            continue
        current.append((i, line))
    if current:
        out.append(current)
    return out


def _block_units(block: list[tuple[int, str]]) -> list[Unit]:
    block = _undouble_block(block)
    lex = bylines.lexicon()
    units: list[Unit] = []
    run: list[tuple[int, str]] = []
    run_kind = BODY

    def flush() -> None:
        nonlocal run, run_kind
        if run:
            lines = [s for _, s in run]
            # a photo caption (its credit on the last line) is one unit
            inner = [] if lines[-1].endswith(lex.credit_ends) else page_runs.cuts(lines, heading_on_top=run_kind != DATELINE)
            bounds = [0, *inner, len(run)]
            for k in range(len(bounds) - 1):
                units.extend(_run_units(run[bounds[k] : bounds[k + 1]], run_kind if k == 0 else BODY, units))
        run, run_kind = [], BODY

    for i, line in block:
        marker = _marker(line, run, lex)
        if marker is None:
            if bylines.match_dateline_prefix(line) and run_kind != DATELINE:
                flush()
                run_kind = DATELINE
            run.append((i, line))
            continue
        flush()
        marker.first = i
        units.append(marker)
    flush()
    return units


def _undouble_block(block: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A bold heading whose text layer came out doubled, over one or several lines."""
    if len(block) <= 4:
        joined = "\n".join(s for _, s in block)
        if _HEAD_STOPS.isdisjoint(joined):
            single = undouble(joined)
            if single is not None:
                parts = single.split("\n")
                return [(block[0][0] + k, s.strip()) for k, s in enumerate(parts) if s.strip()]
    if len(block) == 1:
        return block
    out = []
    for i, s in block:
        fixed = undouble(s) if len(s) <= 80 and _HEAD_STOPS.isdisjoint(s) else None
        out.append((i, fixed if fixed is not None else s))
    return out


def _marker(line: str, run: list[tuple[int, str]], lex: bylines.Lexicon) -> Unit | None:
    """A line that is a unit by itself: subtitle, byline, trailing byline or subhead."""
    if line[0] in lex.dashes and _is_subtitle(line, run, lex):
        return Unit(SUBTITLE, [line], 0, text=strip_dashes(line, lex.dashes))
    if run and not (line[0] in lex.line_marks or (len(run) <= _HEAD_MAX_LINES and _is_head_like([s for _, s in run]))):
        # Inside a paragraph only a trailing byline can stand on its own line; under a
        # headline (no blank line between) a byline line can too.
        names = bylines.parse_trailer(line) if line[0] in "（(" else None
        return Unit(TRAILER, [line], 0, names=names) if names else None
    names = bylines.parse_byline_line(line)
    if names is not None:
        return Unit(BYLINE, [line], 0, names=names)
    if line[0] in "（(":
        names = bylines.parse_trailer(line)
        if names:
            return Unit(TRAILER, [line], 0, names=names)
    m = _SLASH_SUBHEAD.match(line)
    if m:
        return Unit(SUBHEAD, [line], 0, text=f"/ {clean_spaces(m.group(1))} /")
    if line[0] in lex.bullets and len(line) <= 30 and _HEAD_STOPS.isdisjoint(line):
        return Unit(SUBHEAD, [line], 0, text=clean_spaces(line[1:]))
    return None


def _is_subtitle(line: str, run: list[tuple[int, str]], lex: bylines.Lexicon) -> bool:
    text = strip_dashes(line, lex.dashes)
    if not text or display_width(text) > 50 or any(c in text for c in "。；！？"):
        return False
    if not line.startswith(("——", "--", "－－", "──", "―", "—")):
        return False
    # At the top of a block, after a heading-like line, or after a paragraph's last line: not a
    # body line that happens to start with ——.
    if not run:
        return True
    if any(c in text for c in "，、,"):
        return False  # a clause of the paragraph above, not a subtitle
    lines = [s for _, s in run]
    above = join_lines(lines)
    return (_is_head_like(lines) and not any(c in above for c in "，、,")) or not is_dangling(above)


def _run_units(run: list[tuple[int, str]], kind: str, before: list[Unit]) -> list[Unit]:
    lines = [s for _, s in run]
    first = run[0][0]
    joined = join_lines(lines)
    if kind == DATELINE:
        dl = bylines.parse_dateline(joined)
        body = joined[dl.body_start :] if dl else joined
        return [Unit(DATELINE, lines, first, text=body, names=dl.names if dl else [], **_widths(lines))]
    credit = bylines.split_credit(joined) if joined.endswith(bylines.lexicon().credit_ends) else None
    if credit is not None:
        return [Unit(CAPTION, lines, first, text=credit[0], names=credit[1], **_widths(lines))]
    if before and before[-1].kind == SUBHEAD and before[-1].text.startswith("/") and _is_head_like(lines):
        before[-1].text += " " + clean_spaces(joined)  # "/ 机制先行 /" and the title line under it
        before[-1].lines.extend(lines)
        return []
    if _is_head_like(lines):
        return [Unit(HEAD, lines, first, text=joined, blocks=[list(lines)])]
    m = _INLINE_TRAILER.search(joined)
    if m:
        names = bylines.parse_trailer(m.group(1))
        if names:
            body = Unit(BODY, lines, first, text=joined[: m.start()].rstrip(), **_widths(lines))
            return [body, Unit(TRAILER, [m.group(1)], run[-1][0], names=names)]
    return [Unit(BODY, lines, first, text=joined, **_widths(lines))]


def indented(unit: Unit) -> bool:
    """The unit's first line is set two characters in from its column: it opens a paragraph.
    Told only for paragraphs of three lines or more (the middle lines give the column)."""
    if len(unit.lines) < 3 or unit.kind not in (BODY, DATELINE):
        return False
    return all(display_width(unit.lines[0], p) <= median(display_width(s, p) for s in unit.lines[1:-1]) - _INDENT_MIN
               for p in (1.0, 0.5))


def page_indents(units: list[Unit]) -> bool:
    """Most paragraphs of the page (of three lines or more) open with an indented line."""
    told = [indented(u) for u in units if u.kind in (BODY, DATELINE) and len(u.lines) >= 3]
    return len(told) >= _INDENT_SAMPLES and sum(told) >= _INDENT_SHARE * len(told)


def as_body(unit: Unit) -> Unit:
    """A heading-like unit that turned out to be a piece of a paragraph."""
    return Unit(BODY, unit.lines, unit.first, text=unit.text, **_widths(unit.lines))


def _is_head_like(lines: list[str]) -> bool:
    """Short, no sentence punctuation, not cut mid-phrase: a headline or a subhead."""
    if not lines or len(lines) > _HEAD_MAX_LINES:
        return False
    joined = join_lines(lines)
    width = display_width(joined)
    if width > _HEAD_MAX_WIDTH or any(display_width(s) > _HEAD_MAX_LINE for s in lines):
        return False
    if not _HEAD_STOPS.isdisjoint(joined) or joined[-1] in _HEAD_BAD_ENDS:
        return False
    commas = sum(joined.count(c) for c in "，,")
    return commas == 0 or (commas == 1 and width <= 24)


def _widths(lines: list[str]) -> dict[str, tuple[float, float]]:
    return {"width": _width(lines, 1.0), "width_c": _width(lines, 0.5)}


def _width(lines: list[str], punct: float) -> tuple[float, float]:
    """The column width a paragraph was set in, as a range: full lines give it exactly; the
    first line may be indented and the last one short."""
    w = [display_width(s, punct) for s in lines]
    if len(w) >= 3:
        m = median(w[1:-1])
        return (m, m)
    if len(w) == 2:
        return (w[0], w[0] + 2.5)
    return (w[0] - 0.5, float("inf"))


def _attach_credits(units: list[Unit]) -> list[Unit]:
    """A credit line standing alone (张三 摄) makes the paragraph just before it a caption."""
    out: list[Unit] = []
    for u in units:
        if u.kind == CAPTION and not u.text:
            if out and out[-1].kind == BODY:
                prev = out.pop()
                out.append(Unit(CAPTION, prev.lines + u.lines, prev.first, text=prev.text, names=u.names,
                                width=prev.width, width_c=prev.width_c))
            continue  # a bare credit with nothing to caption
        out.append(u)
    return out
