"""Failures, split once: permanent (retrying cannot help) or transient (retry later).

Handlers raise these; the delivery loop and the HTTP error handlers decide what each means.
Anything else is treated as transient until the message runs out of attempts.
"""

from __future__ import annotations


class PermanentError(Exception):
    """The input can never be processed: dead-letter it (consumers) or answer 4xx (HTTP)."""


class TransientError(Exception):
    """A dependency is unavailable or slow: redeliver later (consumers) or answer 503 (HTTP)."""

    def __init__(self, message: str, *, retry_after: float = 1.0) -> None:
        super().__init__(message)
        self.retry_after = retry_after
