"""`newsevents bench extract|pipeline`: figures, not tests."""

from __future__ import annotations

import argparse
import importlib

TARGETS = ("extract", "pipeline")


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("bench", help="measure extraction or the whole pipeline; prints figures")
    targets = parser.add_subparsers(dest="target", required=True, metavar="TARGET")
    for name in TARGETS:
        try:
            module = importlib.import_module(f"newsevents.cli.bench_{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"newsevents.cli.bench_{name}":
                raise
            continue
        target = targets.add_parser(name, help=(module.__doc__ or name).strip().splitlines()[0])
        module.add_arguments(target)
        target.set_defaults(func=module.run)
