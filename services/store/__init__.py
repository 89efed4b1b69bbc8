"""The store service: persists extracted articles and events, and answers the query API.

``consumer`` takes ``ArticleExtracted`` messages off NEWSEVENTS_ARTICLES; ``repository`` writes
them idempotently (newer extractions replace, older ones are ignored); ``queries`` and
``routes`` serve ``/v1/articles``, ``/v1/events`` and ``/v1/stats/events``; ``migrations`` owns
the schema. ``app.create_app`` wires them together.
"""
