"""The handler for ``ArticleExtracted`` messages, run by ``runtime.delivery.Consumer``.

Decode once at the edge (an invalid payload can never succeed: ``PermanentError``), write
in a worker thread, return only after the commit (the loop acks then). A database that is
unreachable, locked or timing out is ``TransientError`` (redelivered later); a row the
database refuses (a constraint, a value it cannot hold) is ``PermanentError``: under the
repository's locking a conflict is a data problem, not a race.
"""

from __future__ import annotations

import asyncio

import structlog
from nats.aio.msg import Msg
from pydantic import ValidationError
from sqlalchemy import exc as sa_exc

from newsevents.contract.messages import ArticleExtracted
from newsevents.runtime.delivery import Handler
from newsevents.runtime.errors import PermanentError, TransientError

from .metrics import StoreMetrics
from .repository import Repository

# Added to the delivery loop's one summary line per message.
_LOG_KEYS = ("article_id", "document_id", "stored", "events")


def decode(data: bytes) -> ArticleExtracted:
    try:
        msg = ArticleExtracted.model_validate_json(data)
    except ValidationError as exc:
        raise PermanentError(f"not an ArticleExtracted message: {exc.error_count()} errors: {_first(exc)}") from exc
    if msg.index >= msg.count:
        raise PermanentError(f"index {msg.index} is not below count {msg.count}")
    return msg


def build_handler(repository: Repository, metrics: StoreMetrics) -> Handler:
    async def handle(msg: Msg) -> None:
        structlog.contextvars.unbind_contextvars(*_LOG_KEYS)
        article = decode(msg.data)
        structlog.contextvars.bind_contextvars(article_id=article.article_id, document_id=article.document_id)
        try:
            result = await asyncio.to_thread(repository.store, article)
        except (sa_exc.IntegrityError, sa_exc.DataError) as exc:
            raise PermanentError(f"the database refused the article: {exc.orig}") from exc
        except (sa_exc.OperationalError, sa_exc.InterfaceError, sa_exc.TimeoutError) as exc:
            raise TransientError(f"database unavailable: {getattr(exc, 'orig', None) or exc}") from exc
        metrics.record(result)
        structlog.contextvars.bind_contextvars(stored=result.outcome, events=result.events)

    return handle


def _first(exc: ValidationError) -> str:
    err = exc.errors()[0]
    return f"{'.'.join(str(p) for p in err.get('loc', ())) or 'payload'}: {err.get('msg')}"
