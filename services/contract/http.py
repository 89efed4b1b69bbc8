"""HTTP models shared by the public API (the gateway) and the services behind it.

Requests are strict: unknown fields are refused with the field's path, so a typo in a
newsroom integration fails loudly instead of being silently dropped.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from .analysis import Entity, Metric, Quote, Region
from .messages import DocumentKind, EventRecord

MAX_LIMIT = 500
DEFAULT_LIMIT = 50

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

Label = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


def _no_controls(value: str | None) -> str | None:
    if value is not None and _CONTROL.search(value):
        raise ValueError("must not contain control characters")
    return value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)


class _Pushed(_Strict):
    source: Label = Field(description="the newsroom system or publication", examples=["人民日报"])
    external_id: Label | None = Field(default=None, description="the item's id in the source system")
    version: Annotated[str, StringConstraints(max_length=64)] | None = Field(
        default=None, description="the item's revision (a string or a number); a new version is a new item"
    )
    url: Annotated[str, StringConstraints(max_length=2000)] | None = None
    published: date | datetime = Field(description="publication date (times are normalised against it)")
    language: Annotated[str, StringConstraints(max_length=16)] = "zh"

    @field_validator("source", "external_id", "url")
    @classmethod
    def _controls(cls, v: str | None) -> str | None:
        return _no_controls(v)

    @field_validator("version", mode="before")
    @classmethod
    def _version(cls, v: object) -> object:
        return str(v) if isinstance(v, int) and not isinstance(v, bool) else v

    @field_validator("published", mode="before")
    @classmethod
    def _published(cls, v: object) -> object:
        """One clear error instead of one per union member."""
        if isinstance(v, (date, datetime)):
            return v
        if isinstance(v, str):
            text = v.strip().replace("Z", "+00:00")
            try:
                return datetime.fromisoformat(text) if "T" in text or " " in text else date.fromisoformat(text)
            except ValueError:
                pass
        raise ValueError("expected a date (2024-10-10) or a date-time (2024-10-10T08:00:00+08:00)")

    @property
    def published_date(self) -> date:
        return self.published.date() if isinstance(self.published, datetime) else self.published

    @property
    def published_at(self) -> datetime | None:
        return self.published if isinstance(self.published, datetime) else None


class ArticleIn(_Pushed):
    """One article."""

    kind: Literal["article"] = "article"
    headline: Annotated[str, StringConstraints(max_length=1000)] | None = None
    byline: Annotated[str, StringConstraints(max_length=1000)] | None = None
    body: Annotated[str, StringConstraints(min_length=1)]

    @field_validator("body")
    @classmethod
    def _body(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("must not be blank")
        return v

    @property
    def text(self) -> str:
        return self.body


class PageIn(_Pushed):
    """A whole newspaper page: the text layer of its PDF, articles interleaved, hard line wraps."""

    kind: Literal["page"]
    text: Annotated[str, StringConstraints(min_length=1)]

    @field_validator("text")
    @classmethod
    def _text(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("must not be blank")
        return v

    headline: None = None
    byline: None = None


class Accepted(BaseModel):
    id: str = Field(description="the document id; a page's articles get `<id>-01`, `<id>-02`, …")
    kind: DocumentKind
    duplicate: bool = Field(description="true when this item had been accepted before (same id)")
    status: Literal["accepted"] = "accepted"


class ErrorDetail(BaseModel):
    path: str = Field(description="where in the request, e.g. `body.published` or `line 3.published`")
    message: str
    type: str | None = None


class ErrorBody(BaseModel):
    code: str = Field(examples=["validation_error", "payload_too_large", "unavailable"])
    message: str
    details: list[ErrorDetail] = Field(default_factory=list)


class ErrorResponse(BaseModel):
    error: ErrorBody


class BatchLine(BaseModel):
    line: int = Field(description="1-based line number in the NDJSON body")
    status: int = Field(description="the HTTP status this line would have had on its own")
    id: str | None = None
    duplicate: bool | None = None
    error: ErrorBody | None = None


class BatchResult(BaseModel):
    accepted: int
    duplicates: int
    rejected: int
    failed: int = Field(description="lines not accepted because of a transient failure: retry them")
    lines: list[BatchLine]


# ---- reading -------------------------------------------------------------------------------------

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = Field(default=None, description="pass as `cursor` for the next page")


class ArticleSummary(BaseModel):
    id: str
    document_id: str
    kind: DocumentKind
    source: str
    external_id: str | None = None
    url: str | None = None
    published: date
    headline: str | None = None
    subheadline: str | None = None
    byline: list[str] = Field(default_factory=list)
    region: Region | None = None
    event_count: int = 0
    extractor_version: str
    extracted_at: datetime


class ArticleDetail(ArticleSummary):
    body: str
    subheads: list[str] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    events: list[EventRecord] = Field(default_factory=list)
    metrics: list[Metric] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)


class StatsRow(BaseModel):
    type: str
    region: str = Field(description="region code at the requested level (000000: unknown)")
    month: str = Field(description="YYYY-MM of the event's start (or of publication when it has no time)")
    count: int


class Stats(BaseModel):
    level: Literal["province", "city", "county"]
    items: list[StatsRow]
