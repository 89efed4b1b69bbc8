"""The store's query API; the public gateway proxies these paths and query strings unchanged.

Handlers are plain functions (FastAPI runs them in its thread pool): the queries are
synchronous SQLAlchemy. Every answer is a contract model; errors are ``ErrorResponse``
(404 for unknown ids, 422 naming the offending query parameter).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query, Request

from newsevents.contract.http import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    ArticleDetail,
    ArticleSummary,
    DocumentSummary,
    ErrorDetail,
    ErrorResponse,
    EventRecord,
    IsoDay,
    Page,
    Stats,
)
from newsevents.runtime.errors import TransientError
from newsevents.runtime.http import HttpError

from .cursors import CursorError
from .queries import ArticleQuery, EventQuery, Queries
from .regions import RegionFilter, parse_region
from .search import MAX_TERMS, terms

ERRORS = {422: {"model": ErrorResponse}, 503: {"model": ErrorResponse}}
NOT_FOUND = {404: {"model": ErrorResponse}}

MAX_TEXT = 200


def text(description: str | None = None):
    return Query(max_length=MAX_TEXT, description=description)


Text = Annotated[str | None, text()]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"items per page, 1..{MAX_LIMIT}")]
CursorParam = Annotated[str | None, Query(max_length=500, description="`next_cursor` of the previous page")]
Id = Annotated[str, Path(max_length=64)]



Day = IsoDay


def get_queries(request: Request) -> Queries:
    queries = getattr(request.app.state, "queries", None)
    if queries is None:
        raise TransientError("the store is starting")
    return queries


QueriesDep = Annotated[Queries, Depends(get_queries)]


def _invalid(path: str, message: str) -> HttpError:
    return HttpError(422, "the request is not valid", details=[ErrorDetail(path=path, message=message)])


def _region(value: str | None) -> RegionFilter | None:
    if value is None:
        return None
    try:
        return parse_region(value)
    except ValueError as exc:
        raise _invalid("query.region", str(exc)) from None


def _dates(start: date | None, end: date | None) -> None:
    if start and end and start > end:
        raise _invalid("query.to", "must not be before `from`")


def _q(value: str | None) -> str | None:
    if len(terms(value)) > MAX_TERMS:
        raise _invalid("query.q", f"at most {MAX_TERMS} terms")
    return value


def article_query(
    q: Annotated[str | None, text("substrings of headline or body; terms separated by spaces are ANDed")] = None,
    region: Annotated[str | None, Query(description="region code prefix: 620000, 620800, 620802")] = None,
    source: Text = None,
    document: Text = None,
    published_from: Annotated[Day | None, Query(alias="from", description="published on or after")] = None,
    published_to: Annotated[Day | None, Query(alias="to", description="published on or before")] = None,
) -> ArticleQuery:
    _dates(published_from, published_to)
    return ArticleQuery(
        q=_q(q), region=_region(region), source=source, document=document,
        published_from=published_from, published_to=published_to,
    )


def event_query(
    type: Annotated[str | None, Query(max_length=64, description="event type (taxonomy)")] = None,
    region: Annotated[str | None, Query(description="region code prefix of the event's place (else its article's)")] = None,
    date_from: Annotated[Day | None, Query(alias="from", description="events overlapping [from, to]")] = None,
    date_to: Annotated[Day | None, Query(alias="to")] = None,
    person: Annotated[str | None, text("a participant, or a person named in the event's sentence")] = None,
    organization: Annotated[str | None, text("a participant, or an organization in the event's sentence")] = None,
    q: Annotated[str | None, text("substrings of the event's sentence")] = None,
    source: Text = None,
    article: Text = None,
) -> EventQuery:
    _dates(date_from, date_to)
    return EventQuery(
        type=type, region=_region(region), date_from=date_from, date_to=date_to, person=person,
        organization=organization, q=_q(q), source=source, article=article,
    )


def _cursor_error(exc: CursorError) -> HttpError:
    return _invalid("query.cursor", str(exc))


def build_router() -> APIRouter:
    router = APIRouter(prefix="/v1", responses=ERRORS)

    @router.get("/articles", response_model=Page[ArticleSummary], tags=["articles"], summary="list articles")
    def list_articles(
        queries: QueriesDep,
        query: Annotated[ArticleQuery, Depends(article_query)],
        limit: Limit = DEFAULT_LIMIT,
        cursor: CursorParam = None,
    ) -> Page[ArticleSummary]:
        try:
            return queries.articles(query, limit=limit, cursor=cursor)
        except CursorError as exc:
            raise _cursor_error(exc) from None

    @router.get(
        "/articles/{article_id}", response_model=ArticleDetail, responses=NOT_FOUND, tags=["articles"], summary="one article"
    )
    def get_article(queries: QueriesDep, article_id: Id) -> ArticleDetail:
        found = queries.article(article_id)
        if found is None:
            raise HttpError(404, f"no article {article_id}")
        return found

    @router.get("/events", response_model=Page[EventRecord], tags=["events"], summary="list events")
    def list_events(
        queries: QueriesDep,
        query: Annotated[EventQuery, Depends(event_query)],
        limit: Limit = DEFAULT_LIMIT,
        cursor: CursorParam = None,
    ) -> Page[EventRecord]:
        try:
            return queries.events(query, limit=limit, cursor=cursor)
        except CursorError as exc:
            raise _cursor_error(exc) from None

    @router.get("/events/{event_id}", response_model=EventRecord, responses=NOT_FOUND, tags=["events"], summary="one event")
    def get_event(queries: QueriesDep, event_id: Id) -> EventRecord:
        found = queries.event(event_id)
        if found is None:
            raise HttpError(404, f"no event {event_id}")
        return found

    @router.get("/stats/events", response_model=Stats, tags=["events"], summary="event counts by type, region, month")
    def event_stats(
        queries: QueriesDep,
        query: Annotated[EventQuery, Depends(event_query)],
        level: Literal["province", "city", "county"] = "province",
    ) -> Stats:
        return queries.event_stats(query, level)

    @router.get("/documents", response_model=Page[DocumentSummary], tags=["documents"],
                summary="list stored documents (for reprocessing)")
    def list_documents(
        queries: QueriesDep,
        since: Annotated[Day | None, Query(description="published on or after")] = None,
        source: Text = None,
        limit: Limit = DEFAULT_LIMIT,
        cursor: CursorParam = None,
    ) -> Page[DocumentSummary]:
        try:
            return queries.documents(since=since, source=source, limit=limit, cursor=cursor)
        except CursorError as exc:
            raise _cursor_error(exc) from None

    return router
