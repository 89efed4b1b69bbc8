"""One typed unit of a page's text layer (a heading, subtitle, byline, paragraph …)."""

from __future__ import annotations

from dataclasses import dataclass, field

HEAD, SUBTITLE, BYLINE, TRAILER, DATELINE, BODY, SUBHEAD, CAPTION = (
    "head", "subtitle", "byline", "trailer", "dateline", "body", "subhead", "caption",
)


@dataclass(slots=True)
class Unit:
    """One piece of the text layer. ``first`` is the index of its first line (reading order)."""

    kind: str
    lines: list[str]
    first: int
    text: str = ""
    names: list[str] = field(default_factory=list)
    blocks: list[list[str]] = field(default_factory=list)  # HEAD: its lines, block by block
    # BODY/DATELINE/CAPTION: the column width range (em), with punctuation set full and compressed
    width: tuple[float, float] | None = None
    width_c: tuple[float, float] | None = None
