"""One router per resource; ``app.create_app`` includes them all, each group with its keys."""

from . import admin, articles, events, push, stats, stream

PUSH = (push.router,)  # ingest checks push keys
READ = (articles.router, events.router, stats.router, stream.router)  # read keys, when configured
ADMIN = (admin.router,)  # operator keys
ROUTERS = PUSH + READ + ADMIN
