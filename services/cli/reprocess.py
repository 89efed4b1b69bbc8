"""`newsevents reprocess [--since DATE] [--source S]`: extract stored documents again.

Asks the api (``POST /v1/admin/reprocess``, operator key) to republish every stored document
published on or after ``--since`` (of ``--source``) from the INGEST stream; extraction runs with the
extractor deployed now and the store replaces the older results. ``--dry-run`` only counts.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date

from .dlq import ApiError, add_api_arguments, call, client, print_json


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("reprocess", help="extract stored documents again with the current extractor")
    parser.add_argument("--since", type=date.fromisoformat, metavar="DATE",
                        help="documents published on or after DATE (YYYY-MM-DD)")
    parser.add_argument("--source", help="documents of this source only")
    parser.add_argument("--dry-run", action="store_true", help="count what would be republished, publish nothing")
    add_api_arguments(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    body: dict = {"dry_run": args.dry_run}
    if args.since:
        body["since"] = args.since.isoformat()
    if args.source:
        body["source"] = args.source
    try:
        with client(args) as http:
            result = call(http, "POST", "/v1/admin/reprocess", json=body)
    except ApiError as exc:
        print(f"newsevents reprocess: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print_json(result)
    else:
        verb = "would republish" if result["dry_run"] else "republished"
        print(f"run {result['run_id']}: {result['documents']} documents, {verb} {result['republished']}, "
              f"not in the stream any more {result['not_found']}, failed {result['failed']}")
        for missing in result["missing"]:
            print(f"  not found: {missing}")
    return 1 if result["failed"] else 0
