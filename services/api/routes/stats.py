"""``GET /v1/stats/events``, served by the store."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from newsevents.contract.http import Stats

from .. import examples
from ..deps import StoreDep
from ..openapi import errors, ok
from ..queries import StatsQuery, forwarded

router = APIRouter(tags=["stats"])


@router.get(
    "/v1/stats/events",
    response_model=Stats,
    summary="event counts by type × region × month",
    description="Takes the filters of `GET /v1/events`; `level` chooses the region level counted "
    "(`000000`: region unknown). The month is the event's start, or its publication when it has no time.",
    responses={**ok(examples.STATS), **errors(422, 503)},
)
async def event_stats(request: Request, query: Annotated[StatsQuery, Query()], store: StoreDep) -> Response:
    return await store.get(request, "/v1/stats/events", forwarded(query))
