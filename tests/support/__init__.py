"""Test helpers shared by every level: waiting by retrying, real servers started per test."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

T = TypeVar("T")


async def eventually(check: Callable[[], Awaitable[T] | T], *, timeout: float = 10.0, interval: float = 0.05) -> T:
    """Retry ``check`` until it returns a truthy value without raising ``AssertionError``; return it."""
    deadline = time.monotonic() + timeout
    last: BaseException | None = None
    while True:
        try:
            result = check()
            if asyncio.iscoroutine(result) or isinstance(result, Awaitable):
                result = await result
            if result:
                return result
            last = AssertionError(f"still falsy: {result!r}")
        except AssertionError as exc:
            last = exc
        if time.monotonic() > deadline:
            raise AssertionError(f"not true within {timeout}s: {last}") from last
        await asyncio.sleep(interval)


def eventually_sync(check: Callable[[], T], *, timeout: float = 10.0, interval: float = 0.05) -> T:
    deadline = time.monotonic() + timeout
    last: BaseException | None = None
    while True:
        try:
            result = check()
            if result:
                return result
            last = AssertionError(f"still falsy: {result!r}")
        except AssertionError as exc:
            last = exc
        if time.monotonic() > deadline:
            raise AssertionError(f"not true within {timeout}s: {last}") from last
        time.sleep(interval)
