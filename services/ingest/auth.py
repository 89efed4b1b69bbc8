"""Push keys: ``x-api-key: KEY`` or ``Authorization: Bearer KEY``; compared in constant time."""

from __future__ import annotations

import hmac

from fastapi import Request

from newsevents.runtime.http import HttpError

from .config import Settings


class PushAuth:
    def __init__(self, settings: Settings) -> None:
        self._keys = settings.keys()

    @property
    def enabled(self) -> bool:
        return bool(self._keys)

    def sources_for(self, request: Request) -> set[str | None] | None:
        """The sources the request's key may push for (``None`` in the set: any source).

        ``None`` when no keys are configured. Raises 401 without a key, 403 with a wrong one.
        """
        if not self._keys:
            return None
        presented = request.headers.get("x-api-key")
        if presented is None:
            scheme, _, token = request.headers.get("authorization", "").partition(" ")
            presented = token.strip() if scheme.lower() == "bearer" else None
        if not presented:
            raise HttpError(401, "an API key is required (x-api-key or Authorization: Bearer)",
                            headers={"WWW-Authenticate": "Bearer"})
        allowed: set[str | None] = set()
        for source, key in self._keys:
            if hmac.compare_digest(presented.encode(), key.encode()):
                allowed.add(source)
        if not allowed:
            raise HttpError(403, "the API key is not valid")
        return allowed

    @staticmethod
    def check_source(allowed: set[str | None] | None, source: str) -> None:
        if allowed is None or None in allowed or source in allowed:
            return
        raise HttpError(403, f"the API key may not push for source {source!r}")
