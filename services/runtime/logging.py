"""structlog, configured once per process: JSON lines (Chinese kept readable) or a console renderer.

Bind ids with ``structlog.contextvars.bound_contextvars(request_id=…)``; every line in that
context carries them. Other libraries' logging goes through the same renderer.
"""

from __future__ import annotations

import json
import logging
import sys

import structlog

_configured = False


def configure(*, service: str, level: str = "info", fmt: str = "auto") -> None:
    global _configured
    renderer_json = fmt == "json" or (fmt == "auto" and not sys.stderr.isatty())
    def add_service(_logger, _name, event: dict) -> dict:
        event.setdefault("service", service)
        return event

    shared = [
        structlog.contextvars.merge_contextvars,
        add_service,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        structlog.processors.StackInfoRenderer(),
        structlog.processors.format_exc_info,
    ]
    renderer = (
        structlog.processors.JSONRenderer(serializer=lambda obj, **kw: json.dumps(obj, ensure_ascii=False, default=str))
        if renderer_json
        else structlog.dev.ConsoleRenderer()
    )
    structlog.configure(
        processors=[*shared, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, renderer],
            foreign_pre_chain=shared,
        )
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for noisy in ("uvicorn.access", "httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.WARNING)  # we log one summary line per request ourselves
    _configured = True


def get_logger(name: str | None = None) -> structlog.stdlib.BoundLogger:
    return structlog.get_logger(name)
