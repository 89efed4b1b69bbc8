"""The query parameters of every read route, as models: typed, bounded, documented, strict.

The gateway validates here (422 with the parameter's path, e.g. ``query.limit``) and forwards
exactly ``forwarded(query)`` to the store, which serves the same names. Unknown parameters are
refused, so a typo (``regoin=62``) fails loudly instead of silently widening the result.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, ValidationInfo, field_validator,
)

from newsevents.contract.http import DEFAULT_LIMIT, MAX_LIMIT, IsoDay

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
EVENT_TYPES = (
    "meeting activity competition honor policy inspection construction good_deed enforcement project publicity"
)


def _printable(value: str) -> str:
    if _CONTROL.search(value):
        raise ValueError("must not contain control characters")
    return value



def _a_region(value: str) -> str:
    if not value.strip("0"):
        raise ValueError("000000 is not a region")
    return value


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), AfterValidator(_printable)]
RegionPrefix = Annotated[str, StringConstraints(pattern=r"^(?:\d{2}|\d{4}|\d{6})$"), AfterValidator(_a_region)]
EventTypeName = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_-]{1,64}$")]
Identifier = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$")]
Day = IsoDay
Cursor = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9._~=+/-]{1,1000}$")]

ID_DESCRIPTION = "an article or event id as returned by a list (lowercase hex; a page's articles end in `-01`, `-02`, …)"


class _Query(BaseModel):
    model_config = ConfigDict(extra="forbid")  # by alias only: `from_` is no synonym of `from`


class _Paged(_Query):
    limit: int = Field(default=DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"page size, 1..{MAX_LIMIT}")
    cursor: Cursor | None = Field(default=None, description="the `next_cursor` of the previous page (opaque)")


class _Dated(_Query):
    from_: Day | None = Field(default=None, alias="from", description="first day, inclusive (YYYY-MM-DD)", examples=["2024-10-01"])
    to: Day | None = Field(default=None, description="last day, inclusive (YYYY-MM-DD)", examples=["2024-10-31"])

    @field_validator("to")
    @classmethod
    def _ordered(cls, v: date | None, info: ValidationInfo) -> date | None:
        start = info.data.get("from_")
        if v is not None and start is not None and v < start:
            raise ValueError("must not be before `from`")
        return v


_REGION = Field(
    default=None,
    description="GB/T 2260 code or prefix (2, 4 or 6 digits); a province or city code matches everything under it "
    "(620000 and 62 match 6208xx; 620800 and 6208 match 620802)",
    examples=["620000", "620800", "4228"],
)
_SOURCE = Field(default=None, description="the source exactly as pushed", examples=["人民日报"])


class ArticleQuery(_Paged, _Dated):
    """Filters of ``GET /v1/articles``; ``from``/``to`` bound the publication date."""

    q: Text | None = Field(
        default=None, description="full text: every whitespace-separated term must occur (substring, works for Chinese)",
        examples=["文明实践 志愿服务"],
    )
    region: RegionPrefix | None = _REGION
    source: Text | None = _SOURCE
    document: Identifier | None = Field(default=None, description="the pushed document's id (a page's articles share it)")


class EventFilters(_Query):
    """The filters ``GET /v1/events`` and ``GET /v1/stream`` share."""

    type: EventTypeName | None = Field(
        default=None, description=f"event type from the taxonomy (default: {EVENT_TYPES})", examples=["honor"]
    )
    region: RegionPrefix | None = Field(
        default=None,
        description="GB/T 2260 code or prefix (2, 4 or 6 digits) of the event's location (the article's region when "
        "the event has none); 620000 and 62 match 6208xx",
        examples=["620000", "620800"],
    )
    person: Text | None = Field(default=None, description="a person taking part in the event", examples=["李明"])
    organization: Text | None = Field(default=None, description="an organization taking part in the event", examples=["甘州区体育中心"])
    q: Text | None = Field(
        default=None, description="every whitespace-separated term occurs in the event's sentence", examples=["志愿服务"]
    )
    source: Text | None = _SOURCE


class EventQuery(_Paged, _Dated, EventFilters):
    """Filters of ``GET /v1/events``; ``from``/``to`` select events whose time overlaps the range
    (events without a time use the publication date)."""

    article: Identifier | None = Field(default=None, description="only the events of this article")


class StatsQuery(_Dated, EventFilters):
    """``GET /v1/stats/events``: the event filters, and the region level to count by."""

    article: Identifier | None = Field(default=None, description="only the events of this article")
    level: Literal["province", "city", "county"] = Field(default="province", description="region level of the counts")


class StreamQuery(EventFilters):
    """``GET /v1/stream``: the event filters, and where to resume."""

    last_event_id: int | None = Field(
        default=None, ge=0, description="resume after this event (the SSE `id:`); the `Last-Event-ID` header wins"
    )


def forwarded(query: BaseModel) -> dict[str, Any]:
    """The query string the store receives: the validated values under their public names."""
    return query.model_dump(by_alias=True, exclude_none=True, mode="json")
