"""Superdesk's HTTP push signature: ``x-superdesk-signature: sha1=<hex HMAC-SHA1 of the raw body>``."""

from __future__ import annotations

import hashlib
import hmac

HEADER = "x-superdesk-signature"


def sign(secret: str, body: bytes) -> str:
    return "sha1=" + hmac.new(secret.encode(), body, hashlib.sha1).hexdigest()


def verify(secret: str, body: bytes, header: str | None) -> bool:
    """Constant-time comparison of the presented signature with the expected one."""
    if not header:
        return False
    return hmac.compare_digest(sign(secret, body).encode(), header.strip().lower().encode())
