"""The services behind the gateway, over HTTP: forward a request, relay the answer as it comes.

Answers are relayed unchanged (status, body bytes, headers except hop-by-hop ones) and streamed,
never re-serialised. An upstream that cannot be reached, times out, or fails with a 5xx becomes
``503`` with ``Retry-After``; an upstream's own 503 is relayed with its body (and a Retry-After
if it sent none), so a client sees why.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx
from fastapi import Request, Response
from httpx_aiohttp import AiohttpTransport
from starlette.requests import ClientDisconnect

from newsevents.runtime.http import REQUEST_ID_HEADER, error_response, request_id, unavailable
from newsevents.runtime.logging import get_logger

from .metrics import ApiMetrics
from .responses import ClosingStreamingResponse

log = get_logger(__name__)

_HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer",
               "transfer-encoding", "upgrade"}
# The gateway's server sets its own date and server; its middleware sets x-request-id.
_NOT_RELAYED = {*_HOP_BY_HOP, "date", "server", REQUEST_ID_HEADER}
# What a push carries to ingest, byte for byte (the signature is an HMAC of the raw body).
SMALL_BODY = 64 * 1024  # bytes: bodies up to this size are read whole instead of streamed
PUSH_HEADERS = ("content-type", "content-length", "content-encoding", "authorization", "x-api-key",
                "x-superdesk-signature", "accept", "user-agent")


def client(base_url: str, *, timeout: float, connect_timeout: float,
           transport: httpx.AsyncBaseTransport | None = None) -> httpx.AsyncClient:
    """The httpx API over aiohttp's connection handling: httpx's own pool degrades badly under
    many concurrent requests (encode/httpx#3215; measured here: the gateway forwarded ~70 pushes/s
    at 32 in flight). Tests inject their own transports."""
    limits = httpx.Limits(max_connections=200, max_keepalive_connections=50)
    return httpx.AsyncClient(
        base_url=base_url,
        transport=transport or AiohttpTransport(limits=limits, trust_env=False),
        timeout=httpx.Timeout(timeout, connect=connect_timeout),
        limits=limits,
        follow_redirects=False,
        trust_env=False,  # no proxies from the environment between services
    )


class Upstream:
    def __init__(self, name: str, http: httpx.AsyncClient, *, retry_after: float, metrics: ApiMetrics) -> None:
        self.name = name
        self.http = http
        self.retry_after = retry_after
        self.metrics = metrics

    async def get(self, request: Request, path: str, params: Mapping[str, Any] | None = None) -> Response:
        """``GET path`` with the validated query; the answer streamed back as it is."""
        headers = self._headers(request, ("accept",))
        # The body is relayed undecoded, so only ask for encodings the client accepts.
        headers["accept-encoding"] = request.headers.get("accept-encoding", "identity")
        return await self._send(self.http.build_request("GET", path, params=params, headers=headers))

    async def forward(self, request: Request, path: str) -> Response:
        """``POST path`` with the raw body streamed through and the push headers kept byte-exact."""
        headers = self._headers(request, PUSH_HEADERS)
        client_host = request.client.host if request.client else None
        if client_host:
            prior = request.headers.get("x-forwarded-for")
            headers["x-forwarded-for"] = f"{prior}, {client_host}" if prior else client_host
        # A small body is read whole (cheaper than a chunked stream); a large one streams through.
        declared = request.headers.get("content-length", "")
        small = declared.isdigit() and int(declared) <= SMALL_BODY
        content = await request.body() if small else request.stream()
        return await self._send(self.http.build_request("POST", path, headers=headers, content=content))

    async def ready(self, timeout: float) -> bool:
        try:
            response = await self.http.get("/readyz", timeout=timeout)
        except httpx.HTTPError:
            return False
        return response.status_code == 200

    def _headers(self, request: Request, names: tuple[str, ...]) -> dict[str, Any]:
        raw = {k.decode("latin-1").lower(): v for k, v in request.scope["headers"]}
        headers: dict[str, Any] = {name: raw[name] for name in names if name in raw}  # bytes: sent as received
        rid = request_id(request)
        if rid:
            headers[REQUEST_ID_HEADER] = rid
        return headers

    async def _send(self, outgoing: httpx.Request) -> Response:
        try:
            answer = await self.http.send(outgoing, stream=True)
        except ClientDisconnect:  # the client went away while its body was being forwarded
            return error_response(400, "the request body was not received completely")
        except httpx.HTTPError as exc:
            return self._unavailable("unreachable", f"{type(exc).__name__}: {exc}")
        if answer.status_code >= 500 and answer.status_code != 503:
            await answer.aclose()
            return self._unavailable(f"status_{answer.status_code}", f"answered {answer.status_code}")
        if answer.status_code == 503:
            self.metrics.upstream_failures.labels(self.name, "status_503").inc()
        return await self._relay(answer)

    async def _relay(self, answer: httpx.Response) -> Response:
        declared = answer.headers.get("content-length", "")
        if declared.isdigit() and int(declared) <= SMALL_BODY:  # a small answer: read it whole
            body = b"".join([chunk async for chunk in answer.aiter_raw()])  # raw: relayed undecoded
            await answer.aclose()
            response: Response = Response(body, status_code=answer.status_code)
        else:
            response = ClosingStreamingResponse(answer.aiter_raw(), status_code=answer.status_code, on_close=answer.aclose)
        response.raw_headers = [(k.lower(), v) for k, v in answer.headers.raw if k.lower().decode("latin-1") not in _NOT_RELAYED]
        if answer.status_code == 503 and "retry-after" not in answer.headers:
            response.raw_headers.append((b"retry-after", str(round(self.retry_after)).encode()))
        return response

    def _unavailable(self, reason: str, detail: str) -> Response:
        self.metrics.upstream_failures.labels(self.name, reason).inc()
        log.warning("upstream.failed", upstream=self.name, reason=reason, detail=detail)
        return unavailable(f"the {self.name} service is unavailable; retry later", self.retry_after)
