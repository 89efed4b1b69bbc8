"""Places resolved to GB/T 2260 administrative divisions, and an article's main region.

STUB: owned by the places work; replaced by the real implementation.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsevents.contract.analysis import Entity, Region

from .document import PlaceMention


class Gazetteer:
    """The current divisions (six-digit codes, names, abbreviations, former names), loaded once."""

    @classmethod
    def load(cls) -> "Gazetteer":
        return cls()

    def find(self, body: str, hints: Sequence[Entity] = ()) -> list[PlaceMention]:
        """Every place named in ``body``; ``hints`` are location entities from the name tagger."""
        return []

    def region(self, body: str, headline: str | None, mentions: Sequence[PlaceMention]) -> Region | None:
        """The main division the article is about."""
        return None

    def describe(self, adcode: str) -> Region | None:
        """Names of the province, city and county of ``adcode``."""
        return None
