"""`newsevents push FILE...`: push articles or pages through the api, with a progress bar.

``.txt`` files are one article body each (or one page with ``--page``); ``.json`` files hold one
item or a list of items as the API takes them; ``.jsonl`` files hold one item per line (gold-format
documents with ``id``/``kind``/``published``/``text`` are accepted too).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from pathlib import Path

DEFAULT_API = "http://127.0.0.1:8000"


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("push", help="push files through the api")
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
    parser.add_argument("--page", action="store_true", help=".txt files are whole pages (PDF text layers)")
    parser.add_argument("--published", type=date.fromisoformat, help="publication date of .txt files (default: today)")
    parser.add_argument("--source", default="cli", help="source name for .txt files (default: cli)")
    parser.add_argument("--api", default=os.environ.get("NEWSEVENTS_API", DEFAULT_API), help=f"api URL (default {DEFAULT_API})")
    parser.add_argument("--api-key", default=os.environ.get("NEWSEVENTS_API_KEY"), help="push key, if the api wants one")
    parser.set_defaults(func=run)


def items_of(path: Path, *, page: bool, published: date, source: str) -> list[dict]:
    text = path.read_text("utf-8")
    if path.suffix == ".jsonl":
        return [_from_doc(json.loads(line), source) for line in text.splitlines() if line.strip()]
    if path.suffix == ".json":
        data = json.loads(text)
        return [_from_doc(d, source) for d in (data if isinstance(data, list) else [data])]
    if page:
        return [{"kind": "page", "source": source, "published": published.isoformat(), "text": text}]
    return [{"source": source, "published": published.isoformat(), "body": text}]


def _from_doc(doc: dict, source: str) -> dict:
    """A gold-format document (id, kind, published, text) as an API item; API items pass unchanged."""
    if "text" in doc and "source" not in doc:
        item = {"source": source, "external_id": doc.get("id"), "published": doc["published"]}
        if doc.get("kind") == "page":
            return item | {"kind": "page", "text": doc["text"]}
        return item | {"body": doc["text"], "headline": doc.get("headline")}
    return doc


def run(args: argparse.Namespace) -> int:
    import httpx
    from tqdm import tqdm

    published = args.published or date.today()
    items = [i for f in args.files for i in items_of(f, page=args.page, published=published, source=args.source)]
    headers = {"x-api-key": args.api_key} if args.api_key else {}
    counts = {"accepted": 0, "duplicate": 0, "failed": 0}
    with httpx.Client(base_url=args.api, timeout=60.0, headers=headers) as client:
        for item in tqdm(items, unit="item", disable=not sys.stderr.isatty()):
            response = client.post("/v1/articles", json=item)
            if response.status_code in (200, 201):
                body = response.json()
                counts["duplicate" if body["duplicate"] else "accepted"] += 1
                print(json.dumps(body, ensure_ascii=False))
            else:
                counts["failed"] += 1
                print(f"{response.status_code} {response.text}", file=sys.stderr)
    print(f"accepted {counts['accepted']}, duplicates {counts['duplicate']}, failed {counts['failed']}", file=sys.stderr)
    return 1 if counts["failed"] else 0
