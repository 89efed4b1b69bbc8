"""Typed events, one per trigger, with time, location, participants and quantities.

STUB: owned by the events work; replaced by the real implementation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from newsevents.contract.analysis import Entity, Event, Metric, Region, TimeSpan

from .document import PlaceMention, Sentence
from .taxonomy import Taxonomy


@dataclass(frozen=True, slots=True)
class ArticleContext:
    """Everything the earlier components found in one article."""

    body: str
    headline: str | None
    published: date
    sentences: list[Sentence]
    entities: list[Entity]
    places: list[PlaceMention]
    times: list[TimeSpan]
    metrics: list[Metric]
    region: Region | None


class EventFinder:
    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy

    def find(self, ctx: ArticleContext) -> list[Event]:
        return []
