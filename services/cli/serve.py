"""`newsevents serve ingest|extract|store|api`: run one service (settings from the environment)."""

from __future__ import annotations

import argparse
import importlib
import signal
import sys

SERVICES = ("ingest", "extract", "store", "api")


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("serve", help="run one service; settings come from NEWSEVENTS_* variables")
    parser.add_argument("service", choices=SERVICES)
    parser.add_argument("--host", help="listen address (NEWSEVENTS_HOST)")
    parser.add_argument("--port", type=int, help="listen port (NEWSEVENTS_PORT)")
    parser.set_defaults(func=run)


def load_settings(service: str, **overrides):
    settings_cls = importlib.import_module(f"newsevents.{service}.config").Settings
    return settings_cls(**{k: v for k, v in overrides.items() if v is not None})


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from newsevents.runtime.logging import configure

    settings = load_settings(args.service, host=args.host, port=args.port)
    configure(service=args.service, level=settings.log_level, fmt=settings.log_format)
    app = importlib.import_module(f"newsevents.{args.service}.app").create_app(settings)

    class Server(uvicorn.Server):
        def handle_exit(self, sig, frame) -> None:
            stopping = getattr(app.state, "stopping", None)
            if stopping is not None:
                stopping.set()  # streams end now; in-flight requests and messages finish
            super().handle_exit(sig, frame)

    config = uvicorn.Config(
        app,
        host=settings.host,
        port=settings.port,
        log_config=None,  # our structlog configuration renders uvicorn's records too
        access_log=False,  # one summary line per request comes from our middleware
        timeout_graceful_shutdown=30,
        lifespan="on",
    )
    # uvicorn re-raises the stop signal after its graceful shutdown; a requested stop is a clean exit.
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: sys.exit(0))
    Server(config).run()
    return 0
