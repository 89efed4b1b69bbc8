"""`newsevents tail`: follow new events live (the api's Server-Sent Events stream)."""

from __future__ import annotations

import argparse
import json
import os
import sys

from .push import DEFAULT_API


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("tail", help="follow events live")
    parser.add_argument("--type", help="event type, e.g. honor")
    parser.add_argument("--region", help="region code prefix, e.g. 620000 or 620800")
    parser.add_argument("--json", action="store_true", help="print each event as one JSON line")
    parser.add_argument("--api", default=os.environ.get("NEWSEVENTS_API", DEFAULT_API), help=f"api URL (default {DEFAULT_API})")
    parser.add_argument("--api-key", default=os.environ.get("NEWSEVENTS_API_KEY"), help="read key, if the api wants one")
    parser.set_defaults(func=run)


def format_event(event: dict) -> str:
    time = event.get("time") or {}
    when = time.get("start") or event.get("published") or ""
    if time.get("end") and time.get("end") != time.get("start"):
        when += f"…{time['end']}"
    where = (event.get("location") or {}).get("adcode") or (event.get("region") or {}).get("adcode") or "-"
    return f"{when:<23} {event.get('type', '?'):<12} {where}  {event.get('sentence', '')[:80]}"


def run(args: argparse.Namespace) -> int:
    import httpx

    params = {k: v for k, v in {"type": args.type, "region": args.region}.items() if v}
    last_id = None
    while True:
        headers = {"Last-Event-ID": last_id} if last_id else {}
        if args.api_key:
            headers["x-api-key"] = args.api_key
        try:
            with httpx.stream("GET", f"{args.api}/v1/stream", params=params, headers=headers, timeout=None) as response:
                if response.status_code != 200:
                    print(f"{response.status_code} {response.read().decode(errors='replace')}", file=sys.stderr)
                    return 1
                data: list[str] = []
                for line in response.iter_lines():
                    if line.startswith("id:"):
                        last_id = line[3:].strip()
                    elif line.startswith("data:"):
                        data.append(line[5:].lstrip())
                    elif line == "" and data:
                        event = json.loads("\n".join(data))
                        print(json.dumps(event, ensure_ascii=False) if args.json else format_event(event), flush=True)
                        data = []
        except httpx.TransportError as exc:  # the api restarted: resume where we were
            print(f"connection lost ({exc}); resuming", file=sys.stderr)
            import time

            time.sleep(1)
