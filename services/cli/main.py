"""`newsevents`: one command line for running, feeding, following and measuring the pipeline.

Each command lives in its own module with a ``register(subparsers)`` function; this module
only assembles them, so ``newsevents --help`` stays cheap (heavy imports happen inside the
command that needs them).
"""

from __future__ import annotations

import argparse
import importlib
import sys

# module (in newsevents.cli) → registers one or more subcommands
COMMAND_MODULES = (
    "serve",  # serve ingest|extract|store|api
    "up",  # the whole pipeline on embedded defaults
    "migrate",  # database migrations
    "push",  # push files through the api
    "tail",  # follow events live
    "dlq",  # dead letters: list, show, replay, discard (operator key)
    "reprocess",  # extract stored documents again (operator key)
    "extraction",  # extract, eval, eval-ner
    "bench",  # bench extract|pipeline
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsevents", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"newsevents.cli.{name}")
        except ModuleNotFoundError as exc:  # a command not written yet
            if exc.name != f"newsevents.cli.{name}":
                raise
            continue
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `newsevents extract … | head`
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
