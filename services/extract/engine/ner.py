"""Person, organisation and location names with offsets into the body.

STUB: owned by the NER work; replaced by the real implementation.
"""

from __future__ import annotations

from newsevents.contract.analysis import Entity


class NameTagger:
    """Loads its model once; ``entities`` is safe to call from several threads."""

    def entities(self, body: str) -> list[Entity]:
        """Every person (full name, no title, not a reporter), organisation and location in ``body``."""
        return []
