"""The ingest HTTP API: articles and pages as JSON, NDJSON batches, IPTC ninjs and Superdesk pushes."""

from __future__ import annotations

from contextlib import contextmanager

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from newsevents.contract.http import (
    Accepted, ArticleIn, BatchLine, BatchResult, ErrorBody, ErrorDetail, ErrorResponse, PageIn,
)
from newsevents.runtime.errors import TransientError
from newsevents.runtime.http import HttpError, error_code, request_id

from . import ninjs, signature
from .auth import PushAuth
from .config import Settings
from .intake import Intake, validate_push
from .metrics import IngestMetrics
from .reading import JSON_TYPES, NDJSON_TYPES, decode_text, parse_json, read_body, require_content_type

ERRORS = {
    400: {"model": ErrorResponse, "description": "not UTF-8 or not JSON"},
    401: {"model": ErrorResponse, "description": "API keys are configured and none was given"},
    403: {"model": ErrorResponse, "description": "wrong API key, or wrong Superdesk signature"},
    413: {"model": ErrorResponse, "description": "the body is larger than the configured limit (default 2 MB)"},
    415: {"model": ErrorResponse, "description": "wrong content type"},
    422: {"model": ErrorResponse, "description": "a field is missing or invalid; `details[].path` names it"},
    503: {"model": ErrorResponse, "description": "JetStream unreachable or slow; safe to retry after `Retry-After`"},
}
ACCEPTED = {
    201: {"model": Accepted, "description": "accepted; JetStream has it"},
    200: {"model": Accepted, "description": "accepted before: the same id, `duplicate: true`"},
}


def _request_body(media_type: str, schema: dict, description: str) -> dict:
    """The body a route reads itself (raw, for size limits and signatures), for the OpenAPI document."""
    return {"requestBody": {"required": True, "description": description, "content": {media_type: {"schema": schema}}}}


ARTICLE_BODY = _request_body(
    "application/json",
    {"oneOf": [ArticleIn.model_json_schema(), PageIn.model_json_schema()]},
    "an article, or a whole page (`kind: page`); unknown fields are refused",
)
BATCH_BODY = _request_body(
    "application/x-ndjson", {"type": "string", "description": "one article or page (JSON) per line"},
    "newline-delimited JSON; each line is answered on its own",
)
NINJS_BODY = _request_body(
    "application/json", {"type": "object", "description": "an IPTC ninjs 2.x item (Superdesk's dialect accepted)"},
    "a ninjs item; with a Superdesk secret configured, `x-superdesk-signature` must sign these exact bytes",
)


def build_router(settings: Settings, intake: Intake, auth: PushAuth, metrics: IngestMetrics) -> APIRouter:
    router = APIRouter(prefix="/v1", tags=["push"])

    @contextmanager
    def counted():
        try:
            yield
        except HttpError as exc:
            metrics.rejected.labels(error_code(exc.status, exc.code)).inc()  # the code the client saw
            raise
        except TransientError:
            metrics.unavailable.inc()
            raise

    def answer(accepted: Accepted) -> JSONResponse:
        return JSONResponse(accepted.model_dump(mode="json"), status_code=200 if accepted.duplicate else 201)

    @router.post("/articles", status_code=201, responses={**ACCEPTED, **ERRORS}, summary="push one article or a page",
                 openapi_extra=ARTICLE_BODY)
    async def push_article(request: Request) -> JSONResponse:
        with counted():
            allowed = auth.sources_for(request)
            require_content_type(request, JSON_TYPES)
            raw = await read_body(request, settings.max_body_bytes)
            item = validate_push(parse_json(decode_text(raw)))
            auth.check_source(allowed, item.source)
            return answer(await intake.accept(item, request_id=request_id(request), via="json"))

    @router.post(
        "/articles/batch",
        responses={200: {"model": BatchResult, "description": "per-line results"},
                   503: {"model": BatchResult, "description": "some lines hit a transient failure: retry those"},
                   **{k: v for k, v in ERRORS.items() if k != 503}},
        summary="push many articles/pages as NDJSON (one JSON object per line)",
        openapi_extra=BATCH_BODY,
    )
    async def push_batch(request: Request) -> JSONResponse:
        with counted():
            allowed = auth.sources_for(request)
            require_content_type(request, NDJSON_TYPES)
            raw = await read_body(request, settings.max_body_bytes)
            lines = [(n, line) for n, line in enumerate(decode_text(raw).split("\n"), 1) if line.strip()]
            if not lines:
                raise HttpError(422, "the batch has no lines", details=[ErrorDetail(path="body", message="empty")])
            if len(lines) > settings.max_batch_lines:
                raise HttpError(413, f"the batch has more than {settings.max_batch_lines} lines")
        rid = request_id(request)
        results = [await _one_line(number, line, allowed, rid) for number, line in lines]
        summary = BatchResult(
            accepted=sum(1 for r in results if r.status == 201),
            duplicates=sum(1 for r in results if r.status == 200),
            rejected=sum(1 for r in results if 400 <= r.status < 500),
            failed=sum(1 for r in results if r.status == 503),
            lines=results,
        )
        return JSONResponse(
            summary.model_dump(mode="json", exclude_none=True),
            status_code=503 if summary.failed else 200,
            headers={"Retry-After": "2"} if summary.failed else None,
        )

    async def _one_line(number: int, line: str, allowed, rid: str | None) -> BatchLine:
        prefix = f"line {number}"
        try:
            with counted():
                item = validate_push(parse_json(line, path=prefix), prefix=prefix)
                auth.check_source(allowed, item.source)
                accepted = await intake.accept(item, request_id=rid, via="batch")
        except HttpError as exc:
            return BatchLine(line=number, status=exc.status,
                             error=ErrorBody(code=error_code(exc.status, exc.code), message=exc.message,
                                             details=exc.details or []))
        except TransientError as exc:
            return BatchLine(line=number, status=503, error=ErrorBody(code="unavailable", message=str(exc)))
        return BatchLine(line=number, status=200 if accepted.duplicate else 201, id=accepted.id, duplicate=accepted.duplicate)

    @router.post("/ninjs", status_code=201, responses={**ACCEPTED, **ERRORS}, openapi_extra=NINJS_BODY,
                 summary="push an IPTC ninjs 2.2 item or a Superdesk HTTP push")
    async def push_ninjs(request: Request) -> JSONResponse:
        with counted():
            require_content_type(request, JSON_TYPES)
            raw = await read_body(request, settings.max_body_bytes)
            if settings.superdesk_secret is not None:
                if not signature.verify(settings.superdesk_secret.get_secret_value(), raw,
                                        request.headers.get(signature.HEADER)):
                    raise HttpError(403, "the x-superdesk-signature does not match the body", code="bad_signature")
                allowed = None
            else:
                allowed = auth.sources_for(request)
            try:
                item = ninjs.to_article(parse_json(decode_text(raw)), default_source=settings.ninjs_default_source)
            except ninjs.NinjsError as exc:
                raise HttpError(422, "the ninjs item cannot be taken as an article", details=exc.details) from None
            auth.check_source(allowed, item.source)
            return answer(await intake.accept(item, request_id=request_id(request), via="ninjs"))

    return router
