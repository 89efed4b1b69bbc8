"""Pages into articles, and raw article text into clean text with its metadata.

``split_page`` reads the text layer of a newspaper page (hard-wrapped lines, articles
interleaved) and returns its articles in reading order of where their body starts;
``clean_article`` cleans one article pushed on its own. Both give the same cleaning: hard wraps
rejoined, paragraphs cut by a column break repaired, stray spaces of the text layer removed,
doubled bold headings undone, dateline (本报讯（…）), byline lines and photo credits taken out of
the body into ``byline``, ——subtitles into ``subheadline``, section subheads into ``subheads``.

How: ``page_units`` turns the text into typed units (heading, subtitle, byline, dateline, paragraph,
subhead, caption …; ``page_runs`` cuts runs of lines without blank lines, ``heading_runs`` joins
headings wrapped over blocks and wrapped subtitles), ``assemble`` and ``assemble_heads`` assign
them to articles (``page_drafts``: the articles being built; ``page_headlines``: headlines printed
away from their articles), ``bylines`` reads names, ``news_cues`` reads story openings,
``text_clean`` does the character-level cleaning. Measured accuracy and limits: see ``assemble``
and those modules; ``tests/unit/extract/engine/segment_layouts.py`` is the random-layout stress
test. Empty or unusable input gives no article (``split_page``) or an empty body
(``clean_article``), never an error.
"""

from __future__ import annotations

from .assemble import assemble
from .bylines import parse_byline_line, split_names
from .document import RawArticle
from .page_unit import BODY, BYLINE, CAPTION, DATELINE, HEAD, SUBHEAD, SUBTITLE, TRAILER
from .page_units import is_flowed, read_units
from .text_clean import clean_spaces, is_dangling, join_lines, normalize_text, undouble


def split_page(text: str) -> list[RawArticle]:
    """Split the text layer of a newspaper page into its articles (in reading order)."""
    if not text or not text.strip():
        return []
    return assemble(read_units(text))


def clean_article(text: str, headline: str | None = None, byline: str | None = None) -> RawArticle:
    """Clean one article pushed on its own: rejoin hard wraps, strip dateline/byline, find metadata.

    The whole text is one article: headings before the body are its headline (unless
    ``headline`` is given), headings inside it are subheads. A pushed ``byline`` (记者 张三 李四,
    文/王五) gives names before those the text itself carries.
    """
    given = _clean_heading(headline) if headline else None
    if not text or not text.strip():
        return RawArticle(body="", headline=given)
    wrapped = not is_flowed(text)
    head: str | None = given
    subheadline: str | None = None
    names: list[str] = pushed_byline_names(byline)
    subheads: list[str] = []
    paragraphs: list[list[str]] = []
    for unit in read_units(text):
        kind = unit.kind
        if kind == HEAD:
            heading = _clean_heading(unit.text)
            if not paragraphs and head is None:
                head = heading
            elif not (head and _squash(heading) == _squash(head)):
                subheads.append(heading)
        elif kind == SUBTITLE:
            if subheadline is None and not paragraphs:
                subheadline = unit.text
            else:
                subheads.append(unit.text)
        elif kind in (BYLINE, TRAILER):
            names.extend(unit.names)
        elif kind == SUBHEAD:
            subheads.append(unit.text)
        elif kind in (BODY, DATELINE, CAPTION):
            if kind == DATELINE or (kind == CAPTION and not names):
                names.extend(unit.names)
            if wrapped and paragraphs and is_dangling(paragraphs[-1][-1]):
                paragraphs[-1].append(unit.text)
            else:
                paragraphs.append([unit.text])
    body = "\n".join(t for t in (clean_spaces(join_lines(p)) for p in paragraphs) if t)
    if not any(c.isalnum() for c in body):
        body = ""  # punctuation or symbols only: nothing to analyse
    return RawArticle(body=body, headline=head or None, subheadline=subheadline,
                      byline=list(dict.fromkeys(names)), subheads=subheads)


def pushed_byline_names(byline: str | None) -> list[str]:
    """Names of a byline pushed as metadata; [] when it holds none we can read."""
    if not byline or not byline.strip() or len(byline) > 200:
        return []
    line = " ".join(byline.split())
    return parse_byline_line(line) or split_names(line) or []


def _clean_heading(text: str) -> str:
    lines = [s.strip() for s in normalize_text(text).split("\n") if s.strip()]
    joined = join_lines(lines)
    return clean_spaces(undouble(joined) or joined)


def _squash(text: str) -> str:
    return "".join(text.split())
