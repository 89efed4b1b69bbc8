"""Packages of `newsevents`: the import package lives in `services/` (the design card's layout)."""
from setuptools import find_packages, setup

setup(
    package_dir={"newsevents": "services"},
    packages=["newsevents"] + [f"newsevents.{p}" for p in find_packages("services")],
    package_data={
        "newsevents.extract.engine": ["data/*.tsv", "data/*.toml", "data/*.txt", "data/*.json", "data/*.md"],
        "newsevents.contract": ["schemas/*.json"],
        "newsevents.store": ["migrations/*.mako", "migrations/versions/*.py"],
    },
)
