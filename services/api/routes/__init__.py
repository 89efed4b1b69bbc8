"""One router per resource; ``app.create_app`` includes them all."""

from . import articles, events, push, stats, stream

ROUTERS = (push.router, articles.router, events.router, stats.router, stream.router)
