"""Reading a request body: content type, size limit (413) and JSON decoding, with precise errors."""

from __future__ import annotations

import json
from typing import Any

from fastapi import Request

from newsevents.contract.http import ErrorDetail
from newsevents.runtime.http import HttpError

JSON_TYPES = {"application/json"}
NDJSON_TYPES = {"application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/ndjson"}
MAX_DEPTH = 32


def require_content_type(request: Request, allowed: set[str]) -> None:
    media = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if media not in allowed:
        raise HttpError(
            415,
            f"content type must be {' or '.join(sorted(allowed))}, not {media or 'missing'}",
            details=[ErrorDetail(path="header.content-type", message="unsupported media type")],
        )


async def read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None:
        try:
            if int(declared) > limit:
                raise HttpError(413, f"the body is larger than {limit} bytes")
        except ValueError:
            raise HttpError(400, "content-length is not a number") from None
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HttpError(413, f"the body is larger than {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def decode_text(raw: bytes, *, path: str = "body") -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise HttpError(
            400, "the body is not valid UTF-8", code="invalid_encoding",
            details=[ErrorDetail(path=path, message=f"invalid UTF-8 at byte {exc.start}")],
        ) from None


def _not_json(constant: str) -> Any:
    raise ValueError(f"{constant} is not JSON")


def parse_json(text: str, *, path: str = "body") -> Any:
    try:
        value = json.loads(text, parse_constant=_not_json)
    except json.JSONDecodeError as exc:
        raise HttpError(
            400, "the body is not valid JSON", code="invalid_json",
            details=[ErrorDetail(path=path, message=f"{exc.msg} at line {exc.lineno} column {exc.colno}")],
        ) from None
    except RecursionError:
        raise HttpError(400, "the JSON is nested too deeply", code="invalid_json") from None
    except ValueError as exc:  # NaN/Infinity, or an integer beyond Python's digit limit
        raise HttpError(
            400, "the body is not valid JSON", code="invalid_json",
            details=[ErrorDetail(path=path, message=str(exc)[:200])],
        ) from None
    if _depth(value) > MAX_DEPTH:
        raise HttpError(400, f"the JSON is nested deeper than {MAX_DEPTH} levels", code="invalid_json")
    return value


def _depth(value: Any) -> int:
    depth, level = 0, [value]
    while level:
        depth += 1
        if depth > MAX_DEPTH:
            return depth
        nxt = []
        for v in level:
            if isinstance(v, dict):
                nxt.extend(v.values())
            elif isinstance(v, list):
                nxt.extend(v)
        level = nxt
    return depth - 1
