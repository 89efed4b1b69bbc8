"""HTTP models shared by the public API (the gateway) and the services behind it.

Requests are strict: unknown fields are refused with the field's path, so a typo in a
newsroom integration fails loudly instead of being silently dropped.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Generic, Literal, TypeVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StringConstraints,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from .analysis import Entity, Metric, Quote, Region
from .messages import DocumentKind, EventRecord

MAX_LIMIT = 500
DEFAULT_LIMIT = 50

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# In a body or a page's text: tab, newline, carriage return and form feed (a PDF text layer's page
# break) are text; NUL and every other control character is refused.
_TEXT_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Publication dates outside this range are typos (0024, 20245) or probes; the engine normalises
# relative times against the date, which must stay far from the calendar's ends.
PUBLISHED_MIN, PUBLISHED_MAX = date(1800, 1, 1), date(2199, 12, 31)

Label = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
_VERSION_SCHEMA = {"anyOf": [{"type": "string", "maxLength": 64}, {"type": "integer"}]}  # a number is taken as text


def _no_controls(value: str | None) -> str | None:
    if value is not None and _CONTROL.search(value):
        raise ValueError("must not contain control characters")
    return value


def _text_controls(value: str | None) -> str | None:
    if value is not None and _TEXT_CONTROL.search(value):
        raise ValueError("must not contain NUL or control characters (tab, newline and form feed are fine)")
    return value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)


class _Pushed(_Strict):
    source: Label = Field(description="the newsroom system or publication", examples=["人民日报"])
    external_id: Label | None = Field(default=None, description="the item's id in the source system")
    version: Annotated[str, StringConstraints(max_length=64), WithJsonSchema(_VERSION_SCHEMA)] | None = Field(
        default=None, description="the item's revision (a string or a number); a new version is a new item"
    )
    url: Annotated[str, StringConstraints(max_length=2000)] | None = None
    published: date | datetime = Field(description="publication date (times are normalised against it)")
    language: Annotated[str, StringConstraints(max_length=16)] = "zh"

    @field_validator("source", "external_id", "url", "version", "language")
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
        parsed = v if isinstance(v, (date, datetime)) else None
        if isinstance(v, str):
            text = v.strip().replace("Z", "+00:00")
            try:
                parsed = datetime.fromisoformat(text) if "T" in text or " " in text else date.fromisoformat(text)
            except ValueError:
                pass
        if parsed is None:
            raise ValueError("expected a date (2024-10-10) or a date-time (2024-10-10T08:00:00+08:00)")
        day = parsed.date() if isinstance(parsed, datetime) else parsed
        if not PUBLISHED_MIN <= day <= PUBLISHED_MAX:
            raise ValueError(f"must be between {PUBLISHED_MIN} and {PUBLISHED_MAX}")
        return parsed

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
        return _text_controls(v)

    @field_validator("headline", "byline")
    @classmethod
    def _heading_controls(cls, v: str | None) -> str | None:
        return _no_controls(v)

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
        return _text_controls(v)

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


# ---- operating (the api's /v1/admin/… and the store's document list) ------------------------------

ConsumerName = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_-]{1,64}$")]
MAX_SEQUENCE = 2**53 - 1  # far beyond any stream's sequence, and exact in every JSON number implementation
Sequence = Annotated[StrictInt, Field(ge=1, le=MAX_SEQUENCE)]
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _iso_day(value: object) -> object:
    """Only ``YYYY-MM-DD`` (pydantic alone would also take ``0`` or a Unix time for a date)."""
    if value is None or isinstance(value, date):
        return value
    if not isinstance(value, str) or not _ISO_DAY.match(value):
        raise ValueError("expected a date as YYYY-MM-DD")
    return value


IsoDay = Annotated[date, BeforeValidator(_iso_day)]


class DocumentSummary(BaseModel):
    """A stored document (what was pushed) and its newest extraction; listed for reprocessing."""

    id: str
    kind: DocumentKind
    source: str
    external_id: str | None = None
    published: date
    article_count: int
    extractor_version: str
    extracted_at: datetime


class DeadLetterSummary(BaseModel):
    """One record of NEWSEVENTS_DLQ: a message a consumer gave up on."""

    seq: int = Field(description="the record's sequence in NEWSEVENTS_DLQ: its id on these endpoints")
    consumer: str = Field(description="the durable consumer that gave up (`extract`, `store`)")
    subject: str = Field(description="the original message's subject: a replay publishes there")
    stream_sequence: int = Field(description="the original message's sequence in its own stream")
    deliveries: int = Field(description="attempts made before giving up")
    error: str = Field(description="the last attempt's error")
    failed_at: datetime
    message_id: str | None = Field(default=None, description="the original message's `ce-id`")
    type: str | None = Field(default=None, description="the original message's `ce-type`")


class DeadLetterDetail(DeadLetterSummary):
    headers: dict[str, str] = Field(description="the original message's headers, as they were")
    data: str = Field(description="the original payload as UTF-8 text")


class DeadLetterPage(Page[DeadLetterSummary]):
    total: int = Field(description="dead letters matching the filter, on every page")


class ReplayRequest(_Strict):
    """Either ``all`` (optionally of one ``consumer``) or a list of ``sequences``."""

    all: StrictBool = Field(default=False, description="replay every dead letter (of `consumer`, when given)")
    consumer: ConsumerName | None = Field(default=None, description="with `all`: only this consumer's")
    sequences: Annotated[list[Sequence], Field(min_length=1, max_length=1000)] | None = Field(
        default=None, description="the dead letters' `seq` values"
    )

    @field_validator("sequences")
    @classmethod
    def _unique(cls, v: list[int] | None) -> list[int] | None:
        return list(dict.fromkeys(v)) if v is not None else None

    @model_validator(mode="after")
    def _one_selection(self) -> "ReplayRequest":
        if self.all == (self.sequences is not None):
            raise ValueError("give either `all: true` or a list of `sequences`")
        if self.consumer is not None and not self.all:
            raise ValueError("`consumer` selects with `all: true`; `sequences` name dead letters directly")
        return self


class ReplayResult(BaseModel):
    seq: int
    status: Literal["replayed", "not_found", "failed"]
    consumer: str | None = None
    subject: str | None = Field(default=None, description="where the original message was published again")
    message_id: str | None = Field(default=None, description="the new `ce-id` / `Nats-Msg-Id`")
    error: str | None = None


class ReplayBatchResult(BaseModel):
    replayed: int
    not_found: int
    failed: int
    items: list[ReplayResult]


class DiscardResult(BaseModel):
    seq: int
    status: Literal["discarded"] = "discarded"


class ReprocessRequest(_Strict):
    since: IsoDay | None = Field(default=None, description="documents published on or after this date")
    source: Label | None = Field(default=None, description="documents of this source only")
    dry_run: StrictBool = Field(default=False, description="count what would be republished, publish nothing")


class ReprocessResult(BaseModel):
    run_id: str = Field(description="in every republished message id: `<document ce-id>.reprocess.<run_id>`")
    dry_run: bool = False
    documents: int = Field(description="stored documents matching the filters")
    republished: int = Field(description="documents sent to extraction again (with `dry_run`: that would be)")
    not_found: int = Field(description="documents whose original message is no longer in NEWSEVENTS_INGEST")
    failed: int = Field(description="documents not republished because of an error: run again")
    missing: list[str] = Field(default_factory=list, description="ids of documents not found (the first 100)")
