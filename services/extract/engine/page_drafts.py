"""Articles being assembled from a page: their paragraphs, column width, head and lead.

A ``Draft`` collects what the reading of a page assigns to one article. Its column width is
measured on the paragraphs it received (full lines only, with punctuation set full and
compressed, since some pages compress punctuation); ``fits`` says whether another paragraph was
set in the same column, within ``WIDTH_TOLERANCE``. ``overlap`` compares texts by character
bigrams (how much of a headline a lead repeats).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from statistics import median

from .bylines import first_province, story_province
from .page_units import Unit
from .text_clean import is_dangling, join_lines

WIDTH_TOLERANCE = 1.5  # em; lines of one column vary by about one character
_WIDTH_SAMPLES = 32  # enough paragraphs to know an article's column width
_LEAD_CHARS = 200


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

    @property
    def empty(self) -> bool:
        return not self.paragraphs

    @property
    def dangling(self) -> bool:
        return bool(self.paragraphs) and is_dangling(self.paragraphs[-1].parts[-1])

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

    def add(self, unit: Unit, text: str, *, continues: bool = False) -> None:
        if continues and self.paragraphs:
            self.paragraphs[-1].parts.append(text)
        else:
            self.paragraphs.append(Paragraph([text], unit.first))
        self._lead = None
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

    def lead(self) -> str:
        if self._lead is None:
            out = ""
            for p in self.paragraphs:
                out += p.raw
                if len(out) >= _LEAD_CHARS:
                    break
            self._lead = out[:_LEAD_CHARS]
        return self._lead


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
