"""Packages of `newsevents`: the import package lives in `services/` (the design card's layout)."""
from setuptools import find_packages, setup

setup(
    package_dir={"newsevents": "services"},
    packages=["newsevents"] + [f"newsevents.{p}" for p in find_packages("services")],
)
