"""``GET /v1/events`` and ``GET /v1/events/{id}``, served by the store."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response

from newsevents.contract.http import EventRecord, Page

from .. import examples
from ..deps import StoreDep
from ..openapi import errors, ok
from ..queries import ID_DESCRIPTION, EventQuery, Identifier, forwarded

router = APIRouter(tags=["events"])


@router.get(
    "/v1/events",
    response_model=Page[EventRecord],
    summary="list events",
    description="`from`/`to` select events whose time overlaps the range (events without a time use the "
    "publication date); `region` is a code prefix of the event's location, else of its article's region.",
    responses={**ok(examples.EVENT_PAGE), **errors(422, 503)},
)
async def list_events(request: Request, query: Annotated[EventQuery, Query()], store: StoreDep) -> Response:
    return await store.get(request, "/v1/events", forwarded(query))


@router.get(
    "/v1/events/{id}",
    response_model=EventRecord,
    summary="one event",
    responses={**ok(examples.EVENT_RECORD), **errors(404, 422, 503)},
)
async def get_event(request: Request, id: Annotated[Identifier, Path(description=ID_DESCRIPTION)], store: StoreDep) -> Response:
    return await store.get(request, f"/v1/events/{id}")
