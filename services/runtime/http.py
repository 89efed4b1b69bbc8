"""HTTP basics every service front shares: request ids and one summary log line per request,
JSON errors in one shape, and /healthz, /readyz, /metrics.
"""

from __future__ import annotations

import asyncio
import re
import time
import uuid
from collections.abc import Awaitable, Callable

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from newsevents.contract.http import ErrorBody, ErrorDetail, ErrorResponse

from .errors import PermanentError, TransientError
from .logging import get_logger
from .metrics import Metrics

log = get_logger("newsevents.http")
REQUEST_ID_HEADER = "x-request-id"
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")

Readiness = Callable[[], Awaitable[dict[str, bool]]]

_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    429: "too_many_requests",
    500: "internal_error",
    503: "unavailable",
}


def error_code(status: int, code: str | None = None) -> str:
    """The ``error.code`` an answer carries: ``code`` when given, else the status's name."""
    return code or _CODES.get(status, "error")


def error_response(
    status: int, message: str, *, code: str | None = None, details: list[ErrorDetail] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body = ErrorResponse(error=ErrorBody(code=error_code(status, code), message=message, details=details or []))
    return JSONResponse(body.model_dump(mode="json"), status_code=status, headers=headers)


def unavailable(message: str, retry_after: float = 1.0) -> JSONResponse:
    return error_response(503, message, headers={"Retry-After": str(max(1, round(retry_after)))})


def validation_details(errors: list[dict], *, prefix: str = "") -> list[ErrorDetail]:
    """Pydantic errors as ``path``/``message`` pairs; paths are dotted (``body.published``)."""
    out = []
    for err in errors:
        loc = [str(p) for p in err.get("loc", ())]
        path = ".".join(([prefix] if prefix else []) + loc)
        out.append(ErrorDetail(path=path or prefix or "body", message=err.get("msg", "invalid"), type=err.get("type")))
    return out


class HttpError(Exception):
    """Raise from a route to answer with a precise JSON error."""

    def __init__(
        self, status: int, message: str, *, code: str | None = None, details: list[ErrorDetail] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status, self.message, self.code, self.details, self.headers = status, message, code, details, headers


def install(app: FastAPI, metrics: Metrics, readiness: Readiness) -> None:
    """Add the shared endpoints, error handlers and the request middleware to ``app``.

    ``app.state.stopping`` is set when the process is asked to stop (``newsevents serve`` sets it
    on SIGTERM/SIGINT), so long-lived responses (event streams) can end before the server waits
    for them.
    """
    app.state.stopping = asyncio.Event()

    @app.get("/healthz", tags=["operations"], summary="the process is alive")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz", tags=["operations"], summary="NATS and the database (where used) are reachable")
    async def readyz() -> Response:
        checks = await readiness()
        ready = all(checks.values())
        return JSONResponse({"ready": ready, "checks": checks}, status_code=200 if ready else 503)

    @app.get("/metrics", tags=["operations"], summary="Prometheus metrics", include_in_schema=True,
             response_class=Response,
             responses={200: {"description": "the Prometheus text format",
                              "content": {"text/plain": {"schema": {"type": "string"}}}}})
    async def prometheus() -> Response:
        return Response(generate_latest(metrics.registry), media_type=CONTENT_TYPE_LATEST)

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(422, "the request is not valid", details=validation_details(exc.errors()))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        headers = getattr(exc, "headers", None)
        if exc.status_code == 405:  # Starlette names only the first matching route's methods
            headers = {**(headers or {}), "Allow": allowed_methods(request)}
        return error_response(exc.status_code, str(exc.detail), headers=headers)

    @app.exception_handler(HttpError)
    async def _http_error(_: Request, exc: HttpError) -> JSONResponse:
        return error_response(exc.status, exc.message, code=exc.code, details=exc.details, headers=exc.headers)

    @app.exception_handler(TransientError)
    async def _transient(_: Request, exc: TransientError) -> JSONResponse:
        return unavailable(str(exc), exc.retry_after)

    @app.exception_handler(PermanentError)
    async def _permanent(_: Request, exc: PermanentError) -> JSONResponse:
        return error_response(400, str(exc))

    app.add_middleware(RequestContext, metrics=metrics)


class RequestContext:
    """Pure ASGI middleware (streaming-safe): binds a request id, logs one summary line."""

    def __init__(self, app, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = dict(scope.get("headers") or []).get(REQUEST_ID_HEADER.encode(), b"").decode("latin-1")
        request_id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        status = {"code": 500}
        started = time.perf_counter()

        async def send_wrapper(message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + [(REQUEST_ID_HEADER.encode(), request_id.encode())]
            await send(message)

        with structlog.contextvars.bound_contextvars(request_id=request_id):
            try:
                await self.app(scope, receive, send_wrapper)
            except Exception:
                log.exception("request.failed", method=scope["method"], path=scope["path"])
                raise
            finally:
                route = scope.get("route")
                route_path = getattr(route, "path", None) or "unmatched"
                elapsed = time.perf_counter() - started
                self.metrics.http_requests.labels(route_path, scope["method"], str(status["code"])).inc()
                self.metrics.http_seconds.labels(route_path).observe(elapsed)
                if route_path not in {"/healthz", "/metrics"}:
                    # who the request's key belongs to (its configured name, never the key), when a route checked one
                    principal = scope["state"].get("principal")
                    log.info(
                        "request",
                        method=scope["method"],
                        path=scope["path"],
                        route=route_path,
                        status=status["code"],
                        duration_ms=round(elapsed * 1000, 1),
                        **({"principal": principal} if principal else {}),
                    )


def allowed_methods(request: Request) -> str:
    """Every method some route serves at the request's path (the ``Allow`` of a 405)."""
    methods: set[str] = set()
    for route in request.app.router.routes:
        match, _ = route.matches(request.scope)
        if match is not Match.NONE:
            methods |= getattr(route, "methods", None) or set()
    return ", ".join(sorted(methods))


def request_id(request: Request) -> str | None:
    return getattr(request.state, "request_id", None)
