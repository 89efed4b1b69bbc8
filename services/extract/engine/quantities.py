"""Stated quantities with normalised values and units (24.87万人 → 248700 人).

STUB: owned by the quantities work; replaced by the real implementation.
"""

from __future__ import annotations

from newsevents.contract.analysis import Metric


def find_metrics(body: str) -> list[Metric]:
    """Every quantity in ``body``; never dates, ordinals (第八届) or anniversaries (75周年)."""
    return []
