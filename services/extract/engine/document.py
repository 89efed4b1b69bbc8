"""The shapes that flow between the extraction components (internal to the engine)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class RawArticle:
    """One article after page segmentation and text cleaning, before analysis.

    ``body`` is the cleaned text: paragraphs joined by a single ``"\\n"``, no hard wraps, no
    dateline (本报讯（…）), no byline line, no subheads. Every later offset indexes ``body``.
    """

    body: str
    headline: str | None = None
    subheadline: str | None = None
    byline: list[str] = field(default_factory=list)
    subheads: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the body; ``paragraph`` counts paragraphs from 0."""

    text: str
    start: int
    end: int
    paragraph: int


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place named in the body, resolved to a GB/T 2260 division when it is one.

    ``text`` is what the body says (崇信); ``name`` the official name (崇信县); ``level`` one of
    ``province``, ``city``, ``county`` or ``other`` (a square, a river: ``adcode`` is then the
    division it lies in when known, else None).
    """

    text: str
    start: int
    end: int
    adcode: str | None
    name: str
    level: str
