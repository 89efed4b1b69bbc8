"""``POST /v1/articles``, ``/v1/articles/batch``, ``/v1/ninjs``: relayed to ingest as they came.

The body is streamed through unparsed and the headers ingest needs (content type and length,
``authorization``/``x-api-key``, ``x-superdesk-signature``) go through byte for byte; ingest
validates, answers, and its answer (201/200/4xx/503, body and headers) comes back unchanged.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Request, Response

from newsevents.contract.http import Accepted, BatchResult

from .. import examples
from ..deps import IngestDep
from ..openapi import ARTICLE_BODY, BATCH_BODY, NINJS_BODY, RETRY_AFTER, errors, ok

router = APIRouter(tags=["push"])

_ACCEPTED = {
    **ok(examples.ACCEPTED, 201, "accepted: extraction follows asynchronously"),
    **ok({**examples.ACCEPTED, "duplicate": True}, 200, "accepted before (same id): nothing new happens", Accepted),
}


@router.post(
    "/v1/articles",
    status_code=201,
    response_model=Accepted,
    summary="push one article or one newspaper page",
    openapi_extra=ARTICLE_BODY,
    responses={**_ACCEPTED, **errors(400, 401, 403, 413, 415, 422, 503)},
)
async def push_article(request: Request, ingest: IngestDep) -> Response:
    return await ingest.forward(request, "/v1/articles")


@router.post(
    "/v1/articles/batch",
    response_model=BatchResult,
    summary="push many articles or pages as NDJSON",
    description="Each line is validated and accepted on its own; the answer reports every line. "
    "Lines counted as `failed` met a transient failure: push them again.",
    openapi_extra=BATCH_BODY,
    responses={
        **ok(examples.BATCH_RESULT),
        **errors(400, 401, 403, 413, 415, 422),
        503: {"model": BatchResult, "description": "some lines met a transient failure (`failed`): push those again "
              "after `Retry-After` seconds (or, with an `ErrorResponse`, ingest is unavailable)",
              "headers": RETRY_AFTER, "content": {"application/json": {"example": examples.BATCH_FAILED}}},
    },
)
async def push_batch(request: Request, ingest: IngestDep) -> Response:
    return await ingest.forward(request, "/v1/articles/batch")


@router.post(
    "/v1/ninjs",
    status_code=201,
    response_model=Accepted,
    summary="push an IPTC ninjs item (Superdesk HTTP push)",
    openapi_extra=NINJS_BODY,
    responses={**_ACCEPTED, **errors(400, 401, 403, 413, 415, 422, 503)},
)
async def push_ninjs(
    request: Request,
    ingest: IngestDep,
    x_superdesk_signature: Annotated[
        str | None,
        Header(description="`sha1=<hex HMAC of the raw body>` from Superdesk; ingest verifies it when a secret is set"),
    ] = None,
) -> Response:
    return await ingest.forward(request, "/v1/ninjs")  # the header travels raw, with the body
