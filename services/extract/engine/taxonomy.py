"""The event taxonomy and its trigger lexicons, read from a TOML data file.

STUB: owned by the events work; replaced by the real implementation.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path


@dataclass(frozen=True)
class Taxonomy:
    raw: dict
    fingerprint: str

    @classmethod
    def load(cls, override: Path | None = None) -> "Taxonomy":
        text = resources.files(__package__).joinpath("data/taxonomy.toml").read_text("utf-8")
        data = tomllib.loads(text)
        if override is not None:
            data.update(tomllib.loads(override.read_text("utf-8")))
        import hashlib

        return cls(raw=data, fingerprint=hashlib.sha256(repr(sorted(data.items())).encode()).hexdigest()[:8])
