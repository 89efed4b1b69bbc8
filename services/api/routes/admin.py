"""``/v1/admin/…``: dead letters (list, show, replay, discard) and reprocessing. Operator key required.

Every route answers 503 with ``Retry-After`` while NATS (or, for reprocessing, the store) is
unreachable; nothing is half-done that a retry would not finish.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Depends, Path, Query, Request

from newsevents.contract.http import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    MAX_SEQUENCE,
    ConsumerName,
    DeadLetterDetail,
    DeadLetterPage,
    DiscardResult,
    ReplayBatchResult,
    ReplayRequest,
    ReplayResult,
    ReprocessRequest,
    ReprocessResult,
)
from newsevents.runtime.http import HttpError, request_id

from .. import examples
from ..auth import OperatorDep, require_operator
from ..dead_letters import DeadLetters
from ..deps import GatewayDep
from ..openapi import OPERATOR_SECURITY, errors, key_errors, ok
from ..reprocessing import Reprocessor, stored_documents

router = APIRouter(prefix="/v1/admin", tags=["admin"], dependencies=[Depends(require_operator)])

_OPERATOR = {"security": OPERATOR_SECURITY}
_AUTH = key_errors("operator")
Seq = Annotated[int, Path(ge=1, le=MAX_SEQUENCE, description="the dead letter's `seq` (its sequence in NEWSEVENTS_DLQ)")]


async def _dead_letters(gateway: GatewayDep, operator: OperatorDep) -> DeadLetters:
    return DeadLetters(gateway.bus.jetstream(), gateway.metrics, concurrency=gateway.settings.admin_concurrency,
                       operator=operator.name, retry_after=gateway.settings.retry_after_seconds)


DeadLettersDep = Annotated[DeadLetters, Depends(_dead_letters)]


def _not_found(seq: int) -> HttpError:
    return HttpError(404, f"no dead letter {seq}")


@router.get(
    "/dead-letters",
    response_model=DeadLetterPage,
    summary="list dead letters",
    description="Oldest first, by sequence in NEWSEVENTS_DLQ. `total` counts every dead letter matching `consumer`.",
    responses={**ok(examples.DEAD_LETTER_PAGE), **_AUTH, **errors(422, 503)},
    openapi_extra=_OPERATOR,
)
async def list_dead_letters(
    dead_letters: DeadLettersDep,
    consumer: Annotated[ConsumerName | None, Query(description="only this consumer's (`extract`, `store`)")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"items per page, 1..{MAX_LIMIT}")] = DEFAULT_LIMIT,
    cursor: Annotated[str | None, Query(pattern=r"^\d{1,19}$", description="`next_cursor` of the previous page")] = None,
) -> DeadLetterPage:
    return await dead_letters.page(consumer=consumer, after=min(int(cursor or 0), MAX_SEQUENCE - 1), limit=limit)


@router.get(
    "/dead-letters/{seq:int}",
    response_model=DeadLetterDetail,
    summary="one dead letter with the original headers and payload",
    responses={**ok(examples.DEAD_LETTER_DETAIL), **_AUTH, **errors(404, 422, 503)},
    openapi_extra=_OPERATOR,
)
async def get_dead_letter(seq: Seq, dead_letters: DeadLettersDep) -> DeadLetterDetail:
    found = await dead_letters.get(seq)
    if found is None:
        raise _not_found(seq)
    return found


@router.post(
    "/dead-letters/{seq:int}/replay",
    response_model=ReplayResult,
    summary="replay one dead letter",
    description="Publishes the original payload and headers again to the original subject with a fresh message "
    "id (`<ce-id>.replay.<seq>`), then deletes the dead letter: each is replayed once.",
    responses={**ok(examples.REPLAY_RESULT), **_AUTH, **errors(404, 409, 422, 503)},
    openapi_extra=_OPERATOR,
)
async def replay_dead_letter(seq: Seq, dead_letters: DeadLettersDep) -> ReplayResult:
    result = await dead_letters.replay(seq)
    if result.status == "not_found":
        raise _not_found(seq)
    if result.status == "failed":
        raise HttpError(409, f"dead letter {seq} cannot be replayed: {result.error}")
    return result


@router.post(
    "/dead-letters/replay",
    response_model=ReplayBatchResult,
    summary="replay many dead letters",
    description="`{\"all\": true}` replays every dead letter present when the request starts (optionally one "
    "`consumer`'s); `{\"sequences\": [...]}` the ones named. Each is reported; failures can be retried.",
    responses={**ok(examples.REPLAY_BATCH), **_AUTH, **errors(400, 422, 503)},
    openapi_extra=_OPERATOR,
)
async def replay_dead_letters(
    body: Annotated[ReplayRequest, Body(examples=[{"all": True, "consumer": "store"}, {"sequences": [12, 13]}])],
    dead_letters: DeadLettersDep,
) -> ReplayBatchResult:
    if body.all:
        return await dead_letters.replay_all(body.consumer)
    return await dead_letters.replay_many(body.sequences or [])


@router.delete(
    "/dead-letters/{seq:int}",
    response_model=DiscardResult,
    summary="discard a dead letter without replaying it",
    responses={**ok({"seq": 12, "status": "discarded"}), **_AUTH, **errors(404, 422, 503)},
    openapi_extra=_OPERATOR,
)
async def discard_dead_letter(seq: Seq, dead_letters: DeadLettersDep) -> DiscardResult:
    if not await dead_letters.discard(seq):
        raise _not_found(seq)
    return DiscardResult(seq=seq)


@router.post(
    "/reprocess",
    response_model=ReprocessResult,
    summary="extract stored documents again",
    description="For every stored document published on or after `since` (of `source`), its original message is "
    "published again from NEWSEVENTS_INGEST; extraction runs with the current extractor and the store replaces "
    "what the older extraction produced. Documents whose message the stream no longer holds count as `not_found`.",
    responses={**ok(examples.REPROCESS_RESULT), **_AUTH, **errors(400, 422, 503)},
    openapi_extra=_OPERATOR,
)
async def reprocess(
    request: Request,
    body: Annotated[ReprocessRequest, Body(examples=[{"since": "2024-10-01", "source": "张掖日报"}])],
    gateway: GatewayDep,
    operator: OperatorDep,
) -> ReprocessResult:
    settings = gateway.settings
    reprocessor = Reprocessor(gateway.bus.jetstream(), gateway.metrics, concurrency=settings.admin_concurrency,
                              operator=operator.name)
    documents = stored_documents(gateway.store.http, since=body.since, source=body.source,
                                 request_id=request_id(request), retry_after=settings.retry_after_seconds)
    return await reprocessor.run(body, documents)
