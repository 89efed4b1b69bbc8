"""The OpenAPI document: tags, the request bodies the gateway relays without parsing, examples.

Push routes stream their body to ingest untouched (an HMAC covers the raw bytes), so FastAPI
cannot infer their request bodies; they are declared here, with the contract models added to
the components so the document stays complete.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from newsevents.contract.http import Accepted, ArticleIn, BatchResult, ErrorResponse, PageIn

from . import examples

DESCRIPTION = """\
The front door of **newsevents**: Chinese news in, structured events out.

- **push**: send articles, whole newspaper pages (NDJSON batches too) or IPTC ninjs / Superdesk items;
  they are extracted asynchronously.
- **articles**, **events**, **stats**: query what was extracted. Lists take `limit` (1..500) and a `cursor`
  (the previous page's `next_cursor`).
- **stream**: new events live, as Server-Sent Events, resumable with `Last-Event-ID`.
- **admin**: dead letters (list, show, replay, discard) and reprocessing; an operator key is required.

Keys go in `x-api-key` or `Authorization: Bearer`. Pushing: the keys ingest is configured with (per source).
Reading: public, unless the deployment sets read keys (then a read or an operator key).

Errors have one shape (`ErrorResponse`) with the path of each invalid field (`query.limit`, `body.published`).
`503` always carries `Retry-After`. Every answer carries `x-request-id` (send your own to correlate logs).
"""

TAGS = [
    {"name": "push", "description": "send news in (relayed to the ingest service)"},
    {"name": "articles", "description": "extracted articles: body, entities, events, metrics, quotes"},
    {"name": "events", "description": "extracted events, filterable by type, region, time, participants, text"},
    {"name": "stats", "description": "event counts by type × region × month"},
    {"name": "stream", "description": "new events live (Server-Sent Events)"},
    {"name": "admin", "description": "operating: dead letters and reprocessing (operator key)"},
    {"name": "operations", "description": "health, readiness and metrics"},
]

SECURITY_SCHEMES = {
    "apiKey": {"type": "apiKey", "in": "header", "name": "x-api-key",
               "description": "a push key (when ingest requires one), a read key (when reading requires one) "
               "or an operator key"},
    "bearer": {"type": "http", "scheme": "bearer", "description": "the same keys as `Authorization: Bearer KEY`"},
}
PUSH_SECURITY = [{}, {"apiKey": []}, {"bearer": []}]  # optional: ingest decides
READ_SECURITY = [{}, {"apiKey": []}, {"bearer": []}]  # optional: required only when read keys are configured
OPERATOR_SECURITY = [{"apiKey": []}, {"bearer": []}]
READ_TAGS = {"articles", "events", "stats", "stream"}

_STATUS_TEXT = {
    200: "OK", 201: "accepted", 400: "the body is not UTF-8 or not JSON",
    401: "ingest requires a key (`x-api-key` or `authorization: Bearer`) and none was given",
    403: "wrong key for this source, or a wrong `x-superdesk-signature`", 404: "no such item",
    409: "the dead letter is not a replayable record",
    413: "the body is too large", 415: "unsupported content type", 422: "invalid request: each invalid field with its path",
    503: "an upstream service is unavailable; retry after `Retry-After` seconds",
}
_ERROR_EXAMPLES = {
    400: examples.error("bad_request", "the body is not valid JSON"),
    401: examples.error("unauthorized", "a valid x-api-key is required"),
    403: examples.error("bad_signature", "the x-superdesk-signature does not match the body"),
    404: examples.NOT_FOUND,
    409: examples.error("conflict", "dead letter 7 cannot be replayed: not a dead-letter record"),
    413: examples.error("payload_too_large", "the body exceeds 8388608 bytes"),
    415: examples.error("unsupported_media_type", "send application/json"),
    422: examples.INVALID,
    503: examples.UNAVAILABLE,
}
RETRY_AFTER = {"Retry-After": {"description": "seconds to wait before retrying", "schema": {"type": "integer"}}}


def errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """``responses=`` entries for error answers, each an ``ErrorResponse`` with an example."""
    out: dict[int | str, dict[str, Any]] = {}
    for status in statuses:
        entry: dict[str, Any] = {  # a schema, not a `model`: on the stream route that would mean text/event-stream
            "description": _STATUS_TEXT[status],
            "content": {"application/json": {"schema": ref(ErrorResponse), "example": _ERROR_EXAMPLES[status]}},
        }
        if status == 503:
            entry["headers"] = RETRY_AFTER
        out[status] = entry
    return out


_KEY_TEXT = {
    "operator": (401, "an operator key is required (`x-api-key` or `Authorization: Bearer`)",
                 403, "the key is not an operator key"),
    "read": (401, "this deployment requires a read key to read (`x-api-key` or `Authorization: Bearer`)",
             403, "the key is neither a read nor an operator key"),
}


def key_errors(scope: str) -> dict[int | str, dict[str, Any]]:
    """401/403 answers of routes guarded by the gateway's own keys (``operator`` or ``read``)."""
    missing, missing_text, wrong, wrong_text = _KEY_TEXT[scope]
    return {
        missing: {"description": missing_text, "content": _error_content("unauthorized", missing_text),
                  "headers": {"WWW-Authenticate": {"description": "`Bearer`", "schema": {"type": "string"}}}},
        wrong: {"description": wrong_text,
                "content": _error_content("forbidden", "the key is not valid for this request")},
    }


def _error_content(code: str, message: str) -> dict[str, Any]:
    return {"application/json": {"schema": ref(ErrorResponse), "example": examples.error(code, message)}}


def ok(
    example: Any, status: int = 200, description: str | None = None, model: type[BaseModel] | None = None
) -> dict[int | str, dict[str, Any]]:
    entry: dict[str, Any] = {"description": description or _STATUS_TEXT[status], "content": {"application/json": {"example": example}}}
    if model is not None:  # needed beside the route's response_model when this is not its default status
        entry["model"] = model
    return {status: entry}


def ref(model: type[BaseModel]) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{model.__name__}"}


def request_body(content: dict[str, Any], description: str) -> dict[str, Any]:
    return {"requestBody": {"required": True, "description": description, "content": content}, "security": PUSH_SECURITY}


ARTICLE_BODY = request_body(
    {
        "application/json": {
            "schema": {"oneOf": [ref(ArticleIn), ref(PageIn)]},
            "examples": {
                "article": {"summary": "one article", "value": examples.ARTICLE_IN},
                "page": {"summary": "a whole newspaper page (its PDF text layer)", "value": examples.PAGE_IN},
            },
        }
    },
    "an article (`kind` omitted or `article`) or a whole page (`kind: page`); unknown fields are refused",
)
BATCH_BODY = request_body(
    {"application/x-ndjson": {"schema": {"type": "string", "description": "one ArticleIn or PageIn JSON per line"},
                              "example": examples.NDJSON}},
    "newline-delimited JSON: one article or page per line; each line is answered on its own",
)
NINJS_BODY = request_body(
    {"application/json": {
        "schema": {"type": "object", "description": "an IPTC ninjs 2.x item (Superdesk's dialect accepted)",
                   "externalDocs": {"url": "https://iptc.org/standards/ninjs/"}},
        "example": examples.NINJS,
    }},
    "a ninjs item as Superdesk pushes it; sent to ingest byte for byte, so `x-superdesk-signature` still verifies",
)


def _components(models: list[type[BaseModel]]) -> dict[str, Any]:
    _, top = models_json_schema([(m, "validation") for m in models], ref_template="#/components/schemas/{model}")
    return top.get("$defs", {})


def builder(app: FastAPI) -> Callable[[], dict[str, Any]]:
    """``app.openapi``: FastAPI's document plus the relayed bodies' models and the security schemes."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = get_openapi(
            title=app.title, version=app.version, description=app.description, routes=app.routes, tags=app.openapi_tags
        )
        components = schema.setdefault("components", {})
        schemas = components.setdefault("schemas", {})
        for name, definition in _components([ArticleIn, PageIn, Accepted, BatchResult, ErrorResponse]).items():
            schemas.setdefault(name, definition)
        components["securitySchemes"] = SECURITY_SCHEMES
        _document_read_keys(schema)
        app.openapi_schema = schema
        return schema

    return openapi


def _document_read_keys(schema: dict[str, Any]) -> None:
    """Reading routes take an optional key (required only where read keys are configured)."""
    for ops in schema.get("paths", {}).values():
        for op in ops.values():
            if READ_TAGS & set(op.get("tags", [])):
                op.setdefault("security", READ_SECURITY)
                for status, entry in key_errors("read").items():
                    op["responses"].setdefault(str(status), entry)
