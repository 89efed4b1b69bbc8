"""Articles being assembled from a page: their paragraphs, column width, head and lead.

A ``Draft`` collects what the reading of a page assigns to one article. Its column width is
measured on the paragraphs it received (full lines only, with punctuation set full and
compressed, since some pages compress punctuation); ``fits`` says whether another paragraph was
set in the same column, within ``WIDTH_TOLERANCE``; ``fills`` whether lines are full lines of it
(cut from one of its paragraphs). ``overlap`` compares texts by character bigrams (how much of a
headline a lead repeats).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from statistics import median

from .news_cues import first_province, story_province
from .page_unit import Unit
from .text_clean import display_width, is_dangling, join_lines

WIDTH_TOLERANCE = 1.5  # em; lines of one column vary by about one character
_WIDTH_SAMPLES = 32  # enough paragraphs to know an article's column width
_LEAD_CHARS = 200
_TEXT_CHARS = 3000
_OVERFILL = 1.0  # em: a full line may hold one closing punctuation mark beyond the column
_INDENT = 2.5  # em: a paragraph's first line may be indented by two characters


@dataclass(eq=False)
class Paragraph:
    parts: list[str]
    first: int

    @property
    def raw(self) -> str:
        return join_lines(self.parts)


@dataclass(eq=False)
class Draft:
    """One article as assembled so far (``kind``: plain, feature, brief or caption)."""

    kind: str = "plain"  # plain | feature | brief | caption
    head: Unit | None = None
    headline: str | None = None
    subheadline: str | None = None
    byline: list[str] = field(default_factory=list)
    byline_line: bool = False
    paragraphs: list[Paragraph] = field(default_factory=list)
    subheads: list[str] = field(default_factory=list)
    widths: list[float] = field(default_factory=list)
    widths_c: list[float] = field(default_factory=list)  # punctuation compressed
    loose: tuple[float, float] | None = None  # column width bounds from two-line paragraphs
    loose_c: tuple[float, float] | None = None
    closed: bool = False
    _median: tuple[float, float] | None = None
    _lead: str | None = None
    _text: str | None = None

    @property
    def empty(self) -> bool:
        return not self.paragraphs

    @property
    def dangling(self) -> bool:
        return bool(self.paragraphs) and is_dangling(self.paragraphs[-1].parts[-1])

    @property
    def measured(self) -> bool:
        """Its column width is known, exactly or within bounds."""
        return bool(self.widths) or self.loose is not None

    def width(self) -> float | None:
        return self._widths()[0] if self.widths else None

    def _widths(self) -> tuple[float, float]:
        if self._median is None:
            self._median = (median(self.widths), median(self.widths_c))
        return self._median

    def fits(self, unit: Unit) -> bool:
        """Set in this article's column, whether the page compresses punctuation or not."""
        if unit.width is None or unit.width_c is None:
            return True
        if self.widths:
            w, wc = self._widths()
            return _within(unit.width, (w, w)) or _within(unit.width_c, (wc, wc))
        if self.loose is not None and self.loose_c is not None:
            return _within(unit.width, self.loose) or _within(unit.width_c, self.loose_c)
        return True

    def too_short(self, unit: Unit) -> bool:
        """A piece of text that stops mid-sentence fills every line of its column; one that
        leaves its last line short of this article's column was not set in it."""
        if not is_dangling(unit.text) or not self.widths:
            return False
        w, wc = self._widths()
        last = unit.lines[-1]
        return display_width(last) < w - 1 and display_width(last, 0.5) < wc - 1

    def fills(self, lines: list[str], *, exact: bool = False, indented: bool = False) -> bool:
        """Every line fills this article's column (full lines of a paragraph, not a heading);
        ``exact``: to within half a character; ``indented``: the first line may be a
        paragraph's first line, indented."""
        if not self.widths:
            return False
        w, wc = self._widths()
        return fills_column(lines, (w, w), (wc, wc), exact=exact, indented=indented)

    def add(self, unit: Unit, text: str, *, continues: bool = False) -> None:
        if continues and self.paragraphs:
            self.paragraphs[-1].parts.append(text)
        else:
            self.paragraphs.append(Paragraph([text], unit.first))
        self._lead = None
        if self._text is not None and len(self._text) < _TEXT_CHARS:
            self._text = None
        if unit.width is None or unit.width_c is None or len(unit.lines) < 2:
            return
        if len(unit.lines) >= 3 and len(self.widths) < _WIDTH_SAMPLES:
            self.widths.append(unit.width[0])
            self.widths_c.append(unit.width_c[0])
            self._median = None
        elif len(unit.lines) == 2:
            self.loose = _widest(self.loose, unit.width)
            self.loose_c = _widest(self.loose_c, unit.width_c)

    def head_text(self) -> str:
        """Its headline and subtitle as printed (headlines are only settled at the end)."""
        return ("".join(self.head.lines) if self.head else "") + (self.subheadline or "")

    def text(self) -> str:
        """Its text so far, up to ``_TEXT_CHARS`` characters (enough to know the places it names)."""
        if self._text is None:
            out = ""
            for p in self.paragraphs:
                out += p.raw
                if len(out) >= _TEXT_CHARS:
                    break
            self._text = out[:_TEXT_CHARS]
        return self._text

    def lead(self) -> str:
        if self._lead is None:
            out = ""
            for p in self.paragraphs:
                out += p.raw
                if len(out) >= _LEAD_CHARS:
                    break
            self._lead = out[:_LEAD_CHARS]
        return self._lead


def fills_column(lines: list[str], width: tuple[float, float], width_c: tuple[float, float], *,
                 exact: bool = False, indented: bool = False) -> bool:
    """Every line is as wide as a column whose width lies in ``width`` (punctuation set full) or
    ``width_c`` (compressed)."""
    low, high = (0.5, 0.5) if exact else (1.0, _OVERFILL)
    first_low = _INDENT if indented else low

    def within(span: tuple[float, float], punct: float) -> bool:
        return all(span[0] - (first_low if k == 0 else low) <= display_width(s, punct) <= span[1] + high
                   for k, s in enumerate(lines))

    return within(width, 1.0) or within(width_c, 0.5)


def new_story(unit: Unit, article: Draft) -> bool:
    """The paragraph opens a news story (近日，河南省…) about another province than the article.

    A feature's paragraph that names its own province too (近日，江苏省南京市与湟中区…) is
    taken as the feature telling of a partner, not as a new story."""
    theirs = story_province(unit.text)
    if theirs is None or article.empty:
        return False
    mine = first_province(article.lead()[:60]) or first_province(article.head_text())
    if mine is None or mine == theirs:
        return False
    return not (article.kind == "feature" and mine in unit.text[:80])


def _within(span: tuple[float, float], width: tuple[float, float]) -> bool:
    """The two width ranges meet, give or take the tolerance."""
    return span[0] - WIDTH_TOLERANCE <= width[1] and width[0] <= span[1] + WIDTH_TOLERANCE


def _widest(known: tuple[float, float] | None, new: tuple[float, float]) -> tuple[float, float]:
    """A two-line paragraph's first line is at most the column width (it may be indented)."""
    return new if known is None or new[0] > known[0] else known


def bigrams(text: str) -> set[str]:
    s = "".join(c for c in text if c.isalnum())
    return {s[i : i + 2] for i in range(len(s) - 1)}


def matched(text: str, other: str) -> int:
    return len(bigrams(text) & bigrams(other))


def overlap(text: str, other: str) -> float:
    """Share of ``text``'s character bigrams that ``other`` repeats (0 … 1)."""
    mine = bigrams(text)
    return len(mine & bigrams(other)) / len(mine) if mine else 0.0
