"""Opaque keyset cursors: the sort key of the last item of a page, for the list it came from.

A cursor is URL-safe base64 of ``[kind, date, id]``. Lists are ordered by ``(date, id)``
descending, so the next page is "strictly after this key": items inserted meanwhile land
in their place without shifting the pages already read (no gaps, no duplicates).
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import date


class CursorError(ValueError):
    """The cursor was not made by this list (tampered, truncated, or from another endpoint)."""


@dataclass(frozen=True)
class Cursor:
    kind: str
    day: date
    id: str

    def encode(self) -> str:
        raw = json.dumps([self.kind, self.day.isoformat(), self.id], separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(value: str, kind: str) -> Cursor:
    try:
        padded = value + "=" * (-len(value) % 4)
        found_kind, day, id_ = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
        cursor = Cursor(found_kind, date.fromisoformat(day), id_)
    except (ValueError, TypeError, UnicodeError, binascii.Error) as exc:
        raise CursorError("not a cursor of this list") from exc
    if cursor.kind != kind or not isinstance(cursor.id, str) or not cursor.id:
        raise CursorError("not a cursor of this list")
    return cursor
