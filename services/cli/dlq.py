"""`newsevents dlq list|show|replay|discard`: dead letters, through the api's /v1/admin endpoints.

Needs an operator key: ``--api-key`` or ``NEWSEVENTS_API_KEY`` (the api's ``NEWSEVENTS_OPERATOR_KEYS``).
Tables by default, ``--json`` for scripts. Exit status: 0 when everything asked for was done, 1
otherwise (not found, failed, refused, unreachable).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from typing import Any

from .push import DEFAULT_API


class ApiError(Exception):
    """An answer that is not a success, as one line for the terminal."""


def add_api_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--api", default=os.environ.get("NEWSEVENTS_API", DEFAULT_API),
                        help=f"api URL (default: NEWSEVENTS_API or {DEFAULT_API})")
    parser.add_argument("--api-key", default=os.environ.get("NEWSEVENTS_API_KEY"),
                        help="an operator key (default: NEWSEVENTS_API_KEY)")
    parser.add_argument("--json", action="store_true", help="print the api's JSON answers")


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("dlq", help="dead letters: list, show, replay, discard")
    commands = parser.add_subparsers(dest="dlq_command", required=True, metavar="ACTION")

    listing = commands.add_parser("list", help="list dead letters, oldest first")
    listing.add_argument("--consumer", help="only this consumer's (extract, store)")
    listing.add_argument("--limit", type=int, default=100, help="show at most this many (default 100)")
    add_api_arguments(listing)
    listing.set_defaults(func=run_list)

    show = commands.add_parser("show", help="one dead letter with its headers and payload")
    show.add_argument("seq", type=int, metavar="SEQ")
    add_api_arguments(show)
    show.set_defaults(func=run_show)

    replay = commands.add_parser("replay", help="publish dead letters again to their original subject")
    replay.add_argument("seqs", type=int, nargs="*", metavar="SEQ")
    replay.add_argument("--all", action="store_true", help="every dead letter present now")
    replay.add_argument("--consumer", help="with --all: only this consumer's")
    add_api_arguments(replay)
    replay.set_defaults(func=run_replay)

    discard = commands.add_parser("discard", help="delete dead letters without replaying them")
    discard.add_argument("seqs", type=int, nargs="+", metavar="SEQ")
    add_api_arguments(discard)
    discard.set_defaults(func=run_discard)


def client(args: argparse.Namespace):
    import httpx

    headers = {"x-api-key": args.api_key} if args.api_key else {}
    return httpx.Client(base_url=args.api, headers=headers, timeout=httpx.Timeout(30.0, read=600.0))


def call(http, method: str, path: str, **kwargs) -> Any:
    """The answer's JSON, or ``ApiError`` with the api's message (and a hint for key problems)."""
    import httpx

    try:
        response = http.request(method, path, **kwargs)
    except httpx.HTTPError as exc:
        raise ApiError(f"the api at {http.base_url} is unreachable: {exc}") from exc
    if response.is_success:
        return response.json()
    try:
        message = response.json()["error"]["message"]
    except (ValueError, KeyError, TypeError):
        message = response.text[:200]
    hint = {401: " (give an operator key: --api-key or NEWSEVENTS_API_KEY)",
            403: " (the key is not an operator key)",
            503: f" (retry in {response.headers.get('retry-after', 'a few')} s)"}.get(response.status_code, "")
    raise ApiError(f"{response.status_code}: {message}{hint}")


def _run(args: argparse.Namespace, work) -> int:
    try:
        with client(args) as http:
            return work(http)
    except ApiError as exc:
        print(f"newsevents {args.command}: {exc}", file=sys.stderr)
        return 1


def print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


def table(rows: list[list[str]], header: list[str]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(str(v).ljust(w) for v, w in zip(r, widths)).rstrip() for r in [header, *rows]]
    return "\n".join(lines)


def _when(value: str | None) -> str:
    return (value or "")[:19].replace("T", " ")


def _short(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


# ---- list / show ---------------------------------------------------------------------------------


def pages(http, consumer: str | None, limit: int) -> Iterator[dict]:
    cursor, shown = None, 0
    while shown < limit:
        params = {"limit": min(500, limit - shown)}
        params |= {"consumer": consumer} if consumer else {}
        params |= {"cursor": cursor} if cursor else {}
        page = call(http, "GET", "/v1/admin/dead-letters", params=params)
        shown += len(page["items"])
        yield page
        if not (cursor := page["next_cursor"]):
            return


def run_list(args: argparse.Namespace) -> int:
    def work(http) -> int:
        items, total = [], 0
        for page in pages(http, args.consumer, max(args.limit, 1)):
            items += page["items"]
            total = page["total"]
        if args.json:
            print_json({"items": items, "total": total})
            return 0
        if not items:
            print("no dead letters" + (f" of {args.consumer}" if args.consumer else ""))
            return 0
        rows = [[str(i["seq"]), i["consumer"], _when(i["failed_at"]), str(i["deliveries"]), i["subject"],
                 _short(i["error"])] for i in items]
        print(table(rows, ["SEQ", "CONSUMER", "FAILED AT (UTC)", "TRIES", "SUBJECT", "ERROR"]))
        print(f"{len(items)} of {total} dead letter{'s' if total != 1 else ''}", file=sys.stderr)
        return 0

    return _run(args, work)


def run_show(args: argparse.Namespace) -> int:
    def work(http) -> int:
        letter = call(http, "GET", f"/v1/admin/dead-letters/{args.seq}")
        if args.json:
            print_json(letter)
            return 0
        for name in ("seq", "consumer", "subject", "stream_sequence", "deliveries", "failed_at", "message_id", "type"):
            print(f"{name + ':':<17}{letter.get(name)}")
        print(f"{'error:':<17}{letter['error']}")
        print("headers:")
        for key, value in letter["headers"].items():
            print(f"  {key}: {value}")
        print("payload:")
        try:
            print(json.dumps(json.loads(letter["data"]), ensure_ascii=False, indent=2))
        except ValueError:
            print(letter["data"])
        return 0

    return _run(args, work)


# ---- replay / discard ----------------------------------------------------------------------------


def run_replay(args: argparse.Namespace) -> int:
    if bool(args.all) == bool(args.seqs):
        print("newsevents dlq replay: give SEQ... or --all", file=sys.stderr)
        return 2
    if args.consumer and not args.all:
        print("newsevents dlq replay: --consumer goes with --all", file=sys.stderr)
        return 2

    def work(http) -> int:
        if args.all:
            body = {"all": True} | ({"consumer": args.consumer} if args.consumer else {})
        else:
            body = {"sequences": args.seqs}
        result = call(http, "POST", "/v1/admin/dead-letters/replay", json=body)
        if args.json:
            print_json(result)
        else:
            rows = [[str(i["seq"]), i["status"], i.get("consumer") or "", i.get("subject") or "",
                     i.get("message_id") or i.get("error") or ""] for i in result["items"]]
            if rows:
                print(table(rows, ["SEQ", "STATUS", "CONSUMER", "SUBJECT", "NEW MESSAGE ID / ERROR"]))
            print(f"replayed {result['replayed']}, not found {result['not_found']}, failed {result['failed']}",
                  file=sys.stderr)
        return 1 if result["not_found"] or result["failed"] else 0

    return _run(args, work)


def run_discard(args: argparse.Namespace) -> int:
    def work(http) -> int:
        failures = 0
        for seq in dict.fromkeys(args.seqs):
            try:
                answer = call(http, "DELETE", f"/v1/admin/dead-letters/{seq}")
                print(json.dumps(answer) if args.json else f"{seq}  discarded")
            except ApiError as exc:
                failures += 1
                print(f"{seq}  {exc}", file=sys.stderr)
        return 1 if failures else 0

    return _run(args, work)
