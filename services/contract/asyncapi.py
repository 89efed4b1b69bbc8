"""The AsyncAPI 3.0 document of every subject, stream and message, generated from the contract."""

from __future__ import annotations

from pydantic.json_schema import models_json_schema

from newsevents import __version__

from . import cloudevents, subjects
from .analysis import EventType
from .messages import ArticleExtracted, DeadLetter, DocumentSubmitted, EventExtracted

_REF = "#/components/schemas/{model}"
_CODE = {"type": "string", "pattern": "^[0-9]{6}$"}


def _headers(ce_type: str) -> dict:
    attr = {"type": "string"}
    return {
        "type": "object",
        "description": "CloudEvents 1.0 binary mode; non-ASCII values percent-encoded. Nats-Msg-Id equals ce-id.",
        "required": ["ce-specversion", "ce-id", "ce-type", "ce-source", "ce-time", "Nats-Msg-Id"],
        "properties": {
            "ce-specversion": {"const": "1.0"},
            "ce-id": attr | {"description": "deterministic: a retried publish has the same id"},
            "ce-type": {"const": ce_type},
            "ce-source": attr,
            "ce-subject": attr,
            "ce-time": attr | {"format": "date-time"},
            "ce-requestid": attr | {"description": "the HTTP request that caused this message"},
            "content-type": {"const": cloudevents.CONTENT_TYPE},
            "Nats-Msg-Id": attr,
        },
    }


def document() -> dict:
    models = [DocumentSubmitted, ArticleExtracted, EventExtracted, DeadLetter]
    refs, top = models_json_schema([(m, "serialization") for m in models], ref_template=_REF)
    schemas = dict(top.get("$defs", {}))

    def message(model, ce_type: str, summary: str) -> dict:
        return {
            "name": model.__name__,
            "title": model.__name__,
            "summary": summary,
            "contentType": cloudevents.CONTENT_TYPE,
            "headers": _headers(ce_type),
            "payload": refs[(model, "serialization")],
        }

    province = {"description": "province code (620000); 000000 when unknown"}
    city = {"description": "city code (620800); 000000 when unknown"}
    channels = {
        "documentSubmitted": {
            "address": "ingest.documents.{documentId}",
            "description": f"Stream {subjects.INGEST_STREAM}. One subject per document: a second publish is refused "
            "(Nats-Expected-Last-Subject-Sequence: 0), which is the long-term duplicate check.",
            "parameters": {"documentId": {"description": "24 hex digits"}},
            "messages": {"documentSubmitted": {"$ref": "#/components/messages/DocumentSubmitted"}},
        },
        "articleExtracted": {
            "address": "articles.{province}.{city}.{articleId}",
            "description": f"Stream {subjects.ARTICLES_STREAM}. Each extracted article as a whole. "
            "Filter by region with wildcards: articles.620000.>",
            "parameters": {"province": province, "city": city, "articleId": {"description": "article id"}},
            "messages": {"articleExtracted": {"$ref": "#/components/messages/ArticleExtracted"}},
        },
        "eventExtracted": {
            "address": "events.{type}.{province}.{city}",
            "description": f"Stream {subjects.EVENTS_STREAM}. Each event; filter on the server: "
            "events.honor.620000.620800, events.*.620000.>, events.meeting.>",
            "parameters": {
                "type": {"enum": list(EventType.__args__), "description": "event type (taxonomy may add more)"},
                "province": province,
                "city": city,
            },
            "messages": {"eventExtracted": {"$ref": "#/components/messages/EventExtracted"}},
        },
        "deadLetter": {
            "address": "dlq.{consumer}",
            "description": f"Stream {subjects.DLQ_STREAM}. Messages given up on, with error, subject and headers.",
            "parameters": {"consumer": {"enum": [subjects.EXTRACT_CONSUMER, subjects.STORE_CONSUMER]}},
            "messages": {"deadLetter": {"$ref": "#/components/messages/DeadLetter"}},
        },
    }

    def op(action: str, channel: str, summary: str) -> dict:
        return {
            "action": action,
            "channel": {"$ref": f"#/channels/{channel}"},
            "summary": summary,
            "messages": [{"$ref": f"#/channels/{channel}/messages/{channel}"}],
        }

    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": "newsevents",
            "version": __version__,
            "description": "Subjects, streams and messages of the newsevents pipeline on NATS JetStream. "
            f"Durable pull consumers: `{subjects.EXTRACT_CONSUMER}` on {subjects.INGEST_STREAM}, "
            f"`{subjects.STORE_CONSUMER}` on {subjects.ARTICLES_STREAM}.",
        },
        "defaultContentType": cloudevents.CONTENT_TYPE,
        "servers": {
            "local": {"host": "127.0.0.1:4222", "protocol": "nats", "description": "the nats-server of `newsevents up` "
                      "listens on a free port printed at start; compose uses nats:4222"},
        },
        "channels": channels,
        "operations": {
            "ingestPublishes": op("send", "documentSubmitted", "ingest publishes each accepted document"),
            "extractConsumes": op("receive", "documentSubmitted", "extract (durable `extract`) consumes documents"),
            "extractPublishesArticles": op("send", "articleExtracted", "extract publishes each article"),
            "storeConsumes": op("receive", "articleExtracted", "store (durable `store`) persists articles"),
            "extractPublishesEvents": op("send", "eventExtracted", "extract publishes each event"),
            "subscribersReceiveEvents": op("receive", "eventExtracted", "downstream apps and the api's SSE stream"),
            "deadLettersPublished": op("send", "deadLetter", "a consumer gives up on a message"),
        },
        "components": {
            "schemas": schemas,
            "messages": {
                "DocumentSubmitted": message(DocumentSubmitted, cloudevents.DOCUMENT_SUBMITTED, "a pushed article or page"),
                "ArticleExtracted": message(ArticleExtracted, cloudevents.ARTICLE_EXTRACTED, "one extracted article"),
                "EventExtracted": message(EventExtracted, cloudevents.EVENT_EXTRACTED, "one extracted event"),
                "DeadLetter": message(DeadLetter, cloudevents.DEAD_LETTER, "a message given up on"),
            },
        },
    }
