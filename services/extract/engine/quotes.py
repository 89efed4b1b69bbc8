"""Direct quotes and their speakers.

STUB: owned by the NER/quotes work; replaced by the real implementation.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsevents.contract.analysis import Entity, Quote

from .document import Sentence


def find_quotes(body: str, sentences: Sequence[Sentence], entities: Sequence[Entity]) -> list[Quote]:
    """Every direct quote; ``speaker`` is a person's name or None with ``role`` kept."""
    return []
