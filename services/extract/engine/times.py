"""Time expressions normalised against the publication date (FORMAT.md §3).

STUB: owned by the times work; replaced by the real implementation.
"""

from __future__ import annotations

from datetime import date

from newsevents.contract.analysis import TimeSpan


def find_times(body: str, published: date) -> list[TimeSpan]:
    """Every time expression in ``body`` with ``offset`` set, in order of appearance."""
    return []
