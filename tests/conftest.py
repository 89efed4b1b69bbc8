"""Fixtures every test level shares."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytest_plugins = ["tests.support.fixtures"]

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSEVENTS_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """`../shared` (read-only material); tests that need it skip cleanly where it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present (a user's clone has none)")
    return SHARED


def pytest_collection_modifyitems(config, items):
    # Tests under tests/unit are unit tests unless marked otherwise; likewise integration, e2e.
    for item in items:
        parts = Path(str(item.fspath)).relative_to(ROOT / "tests").parts
        level = parts[0] if parts else ""
        if level in {"unit", "integration", "e2e"} and not item.get_closest_marker(level):
            item.add_marker(getattr(pytest.mark, level))
