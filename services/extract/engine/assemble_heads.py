"""Heading-like units in assembly: a headline, a section subhead, or a piece of a paragraph.

Mixed into the page assembler (``assemble._Assembler``), whose reading state it uses: the article
being read (``current``), the one opened and waiting for its body (``opened``, ``fresh``), the
subheads waiting for their paragraph. A heading-like unit is, in this order:

* lines cut from a paragraph by a column break (they fill the column of an article being read and
  read as a piece of a sentence, or stand where a paragraph starts) — body text;
* a news headline printed after its own body: it repeats the lead of the article just read;
* a section subhead, when a paragraph of the article being read follows it;
* else the headline of a new article (or of the one its subtitle, printed above it, opened).

A ——subtitle goes to the article just opened, or closes the article just read (printed after its
body), or heads the next feature when printed above its headline — told apart by how much of the
subtitle each article's lead repeats.
"""

from __future__ import annotations

from .heading_runs import looks_cut
from .news_cues import starts_with_province
from .page_drafts import Draft, fills_column, new_story, overlap
from .page_headlines import ORPHAN_MIN_RATIO
from .page_unit import BODY, CAPTION, DATELINE, HEAD, SUBTITLE, Unit
from .page_units import as_body
from .text_clean import CLAUSE_MARKS, clean_spaces, display_width, join_lines

_FRAGMENT_LINES = 3  # a column break leaves at most this many lines reading like a heading
_OWN_HEADLINE_CHARS = 8  # a headline shorter than this says too little to tell whose it is
_LOOKAHEAD = 6  # units looked at after a subtitle to find the body it may head
_LEAD_COMPARED = 120  # characters of a lead compared with a subtitle


def _head_unit(lines: list[str], first: int) -> Unit:
    return Unit(HEAD, list(lines), first, text=join_lines(lines), blocks=[list(lines)])


def _fills_column_of(unit: Unit, body: Unit) -> bool:
    """Every line of ``unit`` is as wide as the full lines of the paragraph ``body`` (the first
    may be indented)."""
    if body.width is None or body.width_c is None or len(body.lines) < 2:
        return False
    (lo, hi), (lo_c, hi_c) = body.width, body.width_c
    return fills_column(unit.lines, (lo, min(hi, lo + 1)), (lo_c, min(hi_c, lo_c + 1)), indented=True)


class HeadingRules:
    """Decisions on HEAD and SUBTITLE units (see the module docstring); needs the assembler's
    state and its ``_open`` and ``_body``."""

    units: list[Unit]
    current: Draft | None
    opened: Draft | None
    fresh: bool
    subheads: list[str]
    after_caption: bool
    indenting: bool

    def _head(self, unit: Unit, nxt: Unit | None) -> bool:
        if len(unit.blocks) > 1:
            first = _head_unit(unit.blocks[0], unit.first)
            if self._is_fragment(first, None):  # a paragraph's first line, then a headline
                self._body(as_body(first))
                self.fresh = False
                rest = [line for block in unit.blocks[1:] for line in block]
                head = Unit(HEAD, rest, unit.first + len(first.lines), text=join_lines(rest), blocks=unit.blocks[1:])
                return self._head(head, nxt)
        if self._is_fragment(unit, nxt):
            self._body(as_body(unit))
            return False
        if self._ends_current(unit, nxt):
            return False
        if nxt is not None and nxt.kind == HEAD and self._next_is_fragment(nxt):
            nxt = as_body(nxt)
        if self._is_subhead(unit, nxt):
            self.subheads.append(clean_spaces(unit.text))
            return self.fresh
        opened = self.opened
        if (opened is not None and self.fresh and opened.empty and opened.head is None
                and opened.subheadline is not None and not opened.byline_line):
            opened.head = unit  # the subtitle was printed above its headline
            return True
        self._open(head=unit)
        return True

    def _ends_current(self, unit: Unit, nxt: Unit | None) -> bool:
        """A news headline printed after its own body (and its trailing byline): it repeats the
        lead of the article just read, not that of the paragraph after it. The article takes it
        and is complete."""
        current = self.current
        if (current is None or current.head is not None or current.empty
                or len(unit.blocks) > 1 or len(unit.text) < _OWN_HEADLINE_CHARS):
            return False
        # A 本报讯 brief has no subheads; other articles may have one that its lead repeats
        # (以文明实践凝聚人心), but a news headline names the province first (海南三亚市…).
        if not (current.kind == "brief" or (current.kind != "caption" and starts_with_province(unit.text))):
            return False
        mine = overlap(unit.text, current.lead())
        if mine < ORPHAN_MIN_RATIO:
            return False
        if nxt is not None and nxt.kind in (BODY, DATELINE) and overlap(unit.text, nxt.text[:_LEAD_COMPARED]) >= mine:
            return False
        current.head = unit
        current.closed = True
        return True

    def _next_is_fragment(self, nxt: Unit) -> bool:
        """The heading-like unit after this one is a piece of the article being read."""
        current = self.current
        return (len(nxt.blocks) == 1 and len(nxt.lines) <= _FRAGMENT_LINES and looks_cut(nxt.text)
                and current is not None and not current.closed and current.kind != "caption"
                and current.fills(nxt.lines, indented=True))

    def _is_fragment(self, unit: Unit, nxt: Unit | None) -> bool:
        """Lines cut from a paragraph by a column break read like a heading. They are body text
        when they fill the column of an article being read and hold a comma, leave a quote open,
        or stand between a subhead and the paragraph that continues them, or (one line) fill the
        column to the character before a paragraph of the article; a single line with a comma is
        also body text right under a byline or subtitle (where the body starts)."""
        if len(unit.blocks) > 1 or len(unit.lines) > _FRAGMENT_LINES:
            return False
        text = unit.text
        comma = not CLAUSE_MARKS.isdisjoint(text)
        opened = self.opened
        if opened is not None and self.fresh and opened.empty:
            if len(unit.lines) == 1 and comma and (opened.byline_line or opened.subheadline):
                return True
            if looks_cut(text) and nxt is not None and nxt.kind == BODY and _fills_column_of(unit, nxt):
                return True  # the first lines of the article, cut off by a column break
        current = self.current
        if current is None or current.closed or current.kind == "caption":
            return False
        if len(unit.lines) == 1 and comma:
            width = current.width() or (current.loose[0] if current.loose else None)
            if width is not None and display_width(text) >= width - 1:
                return True
        if looks_cut(text) and current.fills(unit.lines, indented=True):
            return True
        # Lines that fill the column right after a subhead, or one line that fills it exactly (or
        # as a paragraph's indented first line, where the page indents them), with the paragraph
        # they start after them: a section subhead is set shorter than the column.
        if nxt is None or nxt.kind != BODY or not current.fits(nxt) or new_story(nxt, current):
            return False
        if self.subheads:
            return current.fills(unit.lines, indented=self.indenting)
        return (len(unit.lines) == 1 and not starts_with_province(text)
                and current.fills(unit.lines, exact=True, indented=self.indenting))

    def _is_subhead(self, unit: Unit, nxt: Unit | None) -> bool:
        """A heading followed by a paragraph of the article being read is a section subhead."""
        current = self.current
        if nxt is None or nxt.kind != BODY or len(unit.blocks) > 1 or (self.opened and self.fresh):
            return False
        if self.after_caption:
            return False  # the caption interrupted the article being read: a new one starts
        if current is None or current.closed or current.kind in ("caption", "brief") or not current.fits(nxt):
            return False  # a 本报讯 brief is too short for section subheads
        if self.opened is not None and self.opened.empty and self.opened is not current:
            return False  # an article is waiting for its body: this heading is news
        if new_story(nxt, current):
            return False
        # A brief's headline repeats its lead; a subhead rarely does.
        return not (len(unit.text) >= 8 and overlap(unit.text, nxt.text[:60]) >= 0.5)

    def _subtitle(self, unit: Unit, k: int) -> bool:
        opened = self.opened
        if opened is not None and self.fresh and opened.subheadline is None and opened.empty:
            opened.subheadline = unit.text
            opened.kind = "feature"
            return True
        last = self.current
        nxt = self.units[k + 1] if k + 1 < len(self.units) else None
        if last is not None and nxt is not None and nxt.kind == BODY and (
                overlap(unit.text, nxt.text[:80]) > overlap(unit.text, last.lead()) + 0.2):
            last = None  # the subtitle of the paragraph below it (a feature without headline)
        if last is not None and self._leads_next(unit, k, last):
            last = None  # printed above the next feature's headline
        if last is not None and last.kind in ("plain", "feature") and last.subheadline is None:
            last.subheadline = unit.text  # ——subtitle printed after the body it belongs to
            last.closed = True
            return False
        self._open(kind="feature", subheadline=unit.text)
        return True

    def _leads_next(self, unit: Unit, k: int, last: Draft) -> bool:
        """A subtitle followed by a headline (no subtitle of its own) and a body: it heads that
        body when it repeats it at least as much as the article just read."""
        if k + 1 >= len(self.units) or self.units[k + 1].kind != HEAD:
            return False
        for later in self.units[k + 2 : k + _LOOKAHEAD]:
            if later.kind in (SUBTITLE, CAPTION):
                return False
            if later.kind in (BODY, DATELINE):
                theirs = overlap(unit.text, later.text[:_LEAD_COMPARED])
                return theirs >= overlap(unit.text, last.lead()[:_LEAD_COMPARED])
        return False
