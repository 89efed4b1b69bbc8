"""What extraction produces for one article: the output contract of FORMAT.md §4.

Every offset indexes the article's cleaned ``body``: ``body[start:end] == text``.
Extra fields beyond §4 are allowed by the contract and documented here.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

EntityLabel = Literal["person", "organization", "location"]
ParticipantRole = Literal["organizer", "participant", "recipient", "speaker", "document", "honor"]
EventType = Literal[
    "meeting",
    "activity",
    "competition",
    "honor",
    "policy",
    "inspection",
    "construction",
    "good_deed",
    "enforcement",
    "project",
    "publicity",
]
Number = int | float


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class Span(_Model):
    """A piece of the body: ``body[start:end] == text``."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Entity(Span):
    label: EntityLabel
    adcode: str | None = Field(
        default=None, description="GB/T 2260 code when a location resolves to an administrative division"
    )


class TimeSpan(_Model):
    """A time expression normalised to an inclusive ISO date interval (FORMAT.md §3)."""

    text: str
    start: date | None = None
    end: date | None = None
    fuzzy: bool = False
    offset: int | None = Field(default=None, description="where `text` starts in the body, when it is there")


class Location(_Model):
    text: str
    adcode: str | None = None


class Participant(_Model):
    name: str
    role: ParticipantRole


class Quantity(_Model):
    text: str
    value: Number
    unit: str


class Metric(Span):
    value: Number
    unit: str


class Event(_Model):
    id: str | None = Field(default=None, description="assigned by the extract service; deterministic")
    type: str = Field(description="one of the taxonomy's types (default taxonomy: see EventType)")
    trigger: Span
    sentence: str
    sentence_start: int | None = Field(default=None, description="offset of `sentence` in the body")
    time: TimeSpan | None = None
    location: Location | None = None
    participants: list[Participant] = Field(default_factory=list)
    quantities: list[Quantity] = Field(default_factory=list)


class Quote(_Model):
    speaker: str | None = None
    role: str | None = Field(default=None, description="the speaker's role or title as printed (环卫工人, 党委书记)")
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Region(_Model):
    adcode: str
    province: str | None = None
    city: str | None = None
    county: str | None = None


class ArticleAnalysis(_Model):
    """One article as the extraction core sees it: cleaned text plus everything found in it."""

    headline: str | None = None
    subheadline: str | None = None
    byline: list[str] = Field(default_factory=list)
    body: str
    subheads: list[str] = Field(default_factory=list, description="section subheads (/ 机制先行 /), not body text")
    region: Region | None = None
    entities: list[Entity] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    metrics: list[Metric] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
