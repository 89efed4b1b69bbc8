"""One hostile pipeline per database kind for the whole package (started once: ~5 s)."""

from __future__ import annotations

import pytest

from tests.support.hostile import hostile_pipeline


@pytest.fixture(scope="package", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def hostile(request, tmp_path_factory):
    with hostile_pipeline(request.param, tmp_path_factory.mktemp(f"hostile-{request.param}")) as running:
        yield running
