"""Keys at the gateway: operator keys for ``/v1/admin/…``, read keys for reading (when configured).

A key comes as ``x-api-key: KEY`` or ``Authorization: Bearer KEY``. Missing → 401, not valid for
what is asked → 403. Keys are kept only as SHA-256 digests and every configured digest is compared
(``hmac.compare_digest``, no early exit), so timing tells nothing about a key's content or length.
A key never reaches a log line: what gets logged is its configured name (``NAME=KEY``).

- Operating needs an operator key; with none configured, the admin endpoints refuse everyone.
- Reading is public unless ``NEWSEVENTS_READ_KEYS`` is set; then a read or an operator key.
- Pushing is ingest's business (per-source push keys); the gateway forwards the key headers.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import Depends, Request

from newsevents.runtime.http import HttpError

from .config import Settings, named_keys
from .metrics import ApiMetrics

Role = Literal["operator", "reader"]


@dataclass(frozen=True)
class Principal:
    """Who a request's key belongs to (``anonymous`` when reading is public and no key came)."""

    name: str
    role: Role | Literal["anonymous"]


def _digest(key: str) -> bytes:
    return hashlib.sha256(key.encode("utf-8")).digest()


def presented_key(request: Request) -> str | None:
    key = request.headers.get("x-api-key")
    if key is None:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        key = token.strip() if scheme.lower() == "bearer" else None
    return key or None


class Keys:
    def __init__(self, settings: Settings, metrics: ApiMetrics) -> None:
        self._keys = [(name, "operator", _digest(key)) for name, key in named_keys(settings.operator_keys)]
        self._keys += [(name, "reader", _digest(key)) for name, key in named_keys(settings.read_keys)]
        self.operators_configured = any(role == "operator" for _, role, _ in self._keys)
        self.reading_open = not any(role == "reader" for _, role, _ in self._keys)
        self._refused = metrics.auth_refused

    def identify(self, key: str) -> Principal | None:
        presented = _digest(key)
        found: Principal | None = None
        for name, role, digest in self._keys:  # every digest, always: no early exit
            if hmac.compare_digest(presented, digest) and found is None:
                found = Principal(name, role)
        return found

    def require(self, request: Request, scope: Role) -> Principal:
        """The request's principal when it may ``scope`` (operate, or read); else 401/403."""
        key = presented_key(request)
        if scope == "reader" and self.reading_open:
            principal = self.identify(key) if key else None
            if principal is None:
                return Principal("anonymous", "anonymous")
            request.state.principal = principal.name
            return principal
        if key is None:
            self._refused.labels(scope, "missing").inc()
            raise HttpError(401, f"an {'operator' if scope == 'operator' else 'API'} key is required "
                            "(x-api-key or Authorization: Bearer)", headers={"WWW-Authenticate": "Bearer"})
        principal = self.identify(key)
        allowed = principal is not None and (principal.role == "operator" or scope == "reader")
        if not allowed:
            self._refused.labels(scope, "invalid").inc()
            raise HttpError(403, "the key is not valid for this request")
        request.state.principal = principal.name  # on the request's summary line (runtime.http)
        return principal


def _keys(request: Request) -> Keys:
    return request.app.state.keys


async def require_operator(request: Request) -> Principal:
    return _keys(request).require(request, "operator")


async def require_reader(request: Request) -> Principal:
    return _keys(request).require(request, "reader")


OperatorDep = Annotated[Principal, Depends(require_operator)]
ReaderDep = Annotated[Principal, Depends(require_reader)]
