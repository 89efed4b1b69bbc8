"""Units of a page's text layer, assembled into articles.

The text layer of a page interleaves articles: a short news item printed inside a feature, a
headline that comes after its body, a trailing ——subtitle, a photo caption. Units are read in
order and each one goes where the layout says it belongs:

* a headline, ——subtitle or ◎ byline opens an article that waits for its body;
* a 本报讯 dateline opens a news brief (or takes the headline just before it);
* a paragraph continues the article whose last paragraph stopped mid-sentence (unless it opens
  like a news paragraph — 据了解，… — or names places only the item printed inside that article
  names, or is indented where the page indents paragraphs, or opens a story about another
  province), else the article it is printed with — same column width (articles on a page are set
  in different widths), unless another article of that width names the places it names — else an
  article still waiting for its body, else it starts an article with no headline;
* heading-like units: see ``assemble_heads`` (a piece of a paragraph cut by a column break, a
  news headline printed after its own body, a section subhead, or a new article's headline);
* a trailing （A B） byline or ——subtitle closes the article just read; a caption ending in
  "A B 摄" is an article of its own.

At the end, runs of headings are split between the article after them and articles that have
none (a headline printed after its body), by how much of each heading the article's lead repeats.

Measured (segmentation work, second round): every article found, with exact bodies, headlines,
subtitles and bylines, on the four dev pages and on the invented pages of the tests. On 1000
random layouts of invented articles (``tests/unit/extract/engine/segment_layouts.py``, seeds
0-999: wrapped and doubled headlines, headlines after their body, subtitles above / under /
after, briefs inside feature paragraphs, briefs split by another item, no blank lines, indented
paragraphs, same-width columns …): segmentation recall 0.996, precision 0.992, body completeness
0.988 (sentences), contamination 0.005, body exact 0.92, headline 0.99, subheadline 0.98, byline
F1 0.997. Limits: two interleaved articles set in the same column width, with no marker between
them, are told apart only by the cues above (a paragraph that names no place and opens in no
known way goes to the article being read, or continues a cut sentence); a column break right
after a full stop is not repaired (it reads as a paragraph break); several headlines printed
away from their articles in a row may be misassigned.
"""

from __future__ import annotations

from .assemble_heads import HeadingRules
from .document import RawArticle
from .news_cues import opens_paragraph, place_names
from .page_drafts import Draft, new_story, overlap
from .page_headlines import WINDOW, settle
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
from .page_units import indented, page_indents
from .text_clean import CLAUSE_MARKS, clean_spaces

MIN_CAPTION_CHARS = 10  # a caption shorter than this is a photo credit, not an article
_PLACE_WINDOW = 40  # characters of a paragraph searched for the places it names first


def assemble(units: list[Unit]) -> list[RawArticle]:
    """The articles of a page, in reading order of where their body starts."""
    return _Assembler(units).run()


def _place_evidence(unit: Unit, mine: Draft, theirs: Draft) -> int:
    """How many more of the places a paragraph names first only ``mine`` names than only
    ``theirs`` does (福田区 in a brief about Futian, not in the feature around it)."""
    places = set(place_names(unit.text[:_PLACE_WINDOW]))
    if not places:
        return 0
    a, b = mine.text(), theirs.text()
    return sum(p in a and p not in b for p in places) - sum(p in b and p not in a for p in places)


class _Assembler(HeadingRules):
    def __init__(self, units: list[Unit]) -> None:
        self.units = units
        self.articles: list[Draft] = []
        self.current: Draft | None = None  # received the last paragraph
        self.opened: Draft | None = None  # opened by a heading or byline, waiting for body
        self.fresh = False  # `opened` was opened or completed by the unit just read
        self.subheads: list[str] = []  # subheads waiting for the paragraph they head
        self.after_caption = False  # the unit just read was a photo caption
        self.indenting = page_indents(units)  # the page indents the first line of paragraphs

    def run(self) -> list[RawArticle]:
        for k, unit in enumerate(self.units):
            nxt = self.units[k + 1] if k + 1 < len(self.units) else None
            fresh = False
            if unit.kind == HEAD:
                fresh = self._head(unit, nxt)
            elif unit.kind == SUBTITLE:
                fresh = self._subtitle(unit, k)
            elif unit.kind == BYLINE:
                fresh = self._byline(unit)
            elif unit.kind == DATELINE:
                self._dateline(unit)
            elif unit.kind == BODY:
                self._body(unit)
            elif unit.kind == TRAILER:
                self._trailer(unit)
            elif unit.kind == SUBHEAD:
                self.subheads.append(unit.text)
                fresh = self.fresh
            elif unit.kind == CAPTION:
                self._caption(unit)
            self.fresh = fresh
            self.after_caption = unit.kind == CAPTION
        return settle(self.articles)

    # --- openers ---------------------------------------------------------------------------
    def _open(self, **fields) -> Draft:
        article = Draft(**fields)
        self.articles.append(article)
        self.opened = article
        return article

    def _byline(self, unit: Unit) -> bool:
        opened = self.opened
        if opened is not None and self.fresh and not opened.byline_line and opened.empty:
            opened.byline, opened.byline_line, opened.kind = unit.names, True, "feature"
            return True
        self._open(kind="feature", byline=unit.names, byline_line=True)
        return True

    def _dateline(self, unit: Unit) -> None:
        opened = self.opened
        if (opened is not None and self.fresh and opened.empty and not opened.byline_line
                and opened.subheadline is None):
            target = opened
        else:
            target = Draft()
            self.articles.append(target)
        target.kind = "brief"
        if not target.byline:
            target.byline = unit.names
        self._receive(target, unit, continues=False)

    # --- body ------------------------------------------------------------------------------
    def _body(self, unit: Unit) -> None:
        target, continues = self._target(unit)
        self._receive(target, unit, continues=continues)

    def _receive(self, target: Draft, unit: Unit, *, continues: bool) -> None:
        target.add(unit, unit.text, continues=continues)
        target.subheads.extend(self.subheads)
        self.subheads = []
        if target is self.opened:
            self.opened = None
        self.current = target

    def _target(self, unit: Unit) -> tuple[Draft, bool]:
        opened = self.opened
        if opened is not None and self.fresh:
            return opened, False
        current = self.current
        recent = self.articles[-WINDOW:]
        live = [a for a in reversed(recent) if not a.closed and a.kind != "caption" and not a.empty]
        if current in live:
            live.remove(current)
            live.insert(0, current)
        for a in live:  # a paragraph cut by a column break continues where it stopped
            if (a.dangling and a.fits(unit) and not a.too_short(unit) and not new_story(unit, a)
                    and not (self.indenting and indented(unit)) and not self._insert_goes_on(a, unit)):
                return a, True
        waiting = [a for a in recent if a.empty and not a.closed and a.kind != "caption"]
        if current is not None and new_story(unit, current):
            live = []  # a story about another province starts here
        if live and live[0] is current and current.fits(unit):
            named = self._waiting_named(unit, waiting)
            if named is not None:
                return named, False
            if not (self.subheads and current.kind == "brief" and any(
                    a.fits(unit) and a.width() is not None for a in live[1:])):
                other = next((a for a in live[1:] if a.measured and a.fits(unit)), None)
                if other is not None and _place_evidence(unit, other, current) > 0:
                    return other, False  # it names places only the other article names
                return current, False
        fitting = [a for a in (live[1:] if live and live[0] is current else live) if a.measured and a.fits(unit)]
        if fitting:
            return fitting[0], False
        if waiting:
            return waiting[0], False
        article = Draft()
        self.articles.append(article)
        return article, False

    def _insert_goes_on(self, cut: Draft, unit: Unit) -> bool:
        """An item printed inside the paragraph ``cut`` stopped is being read; a paragraph in its
        column that opens like a news paragraph (据了解，…), or names a place only the item names
        (福田区…), is the item's next one, not the rest of the cut sentence."""
        current = self.current
        if (current is None or current is cut or current.closed or current.dangling or current.empty
                or current.kind == "caption" or not current.fits(unit)):
            return False
        if current.paragraphs[0].first < cut.paragraphs[-1].first:
            return False  # not printed inside it
        if cut.paragraphs[-1].parts[-1][-1:] not in CLAUSE_MARKS and opens_paragraph(unit.text):
            return True
        return _place_evidence(unit, current, cut) > 0

    def _waiting_named(self, unit: Unit, waiting: list[Draft]) -> Draft | None:
        """The paragraph fits the current article's column, but repeats the headline of an article
        still waiting for its body (a feature interrupted by a brief set in the same width)."""
        current = self.current
        if current is None or current.dangling or not waiting:
            return None
        start = unit.text[:80]
        mine = overlap(current.head_text(), start)
        scored = [(overlap(a.head_text(), start), a) for a in waiting]
        best = max(scored, key=lambda t: t[0])
        return best[1] if best[0] >= 0.3 and best[0] > mine + 0.1 else None

    def _trailer(self, unit: Unit) -> None:
        last = self.current
        if last is None or last.kind == "caption":
            return
        if not last.byline:
            last.byline = unit.names
        last.closed = True

    def _caption(self, unit: Unit) -> None:
        text = clean_spaces(unit.text)
        if len(text) < MIN_CAPTION_CHARS:
            return
        article = Draft(kind="caption", byline=unit.names, closed=True)
        article.add(unit, unit.text)
        self.articles.append(article)
