"""The OpenAPI document: every route, its parameters and bodies, examples that are valid data."""

from __future__ import annotations

import json
import re

import pytest
from pydantic import BaseModel, TypeAdapter

from newsevents.api import examples
from newsevents.api.app import create_app
from newsevents.api.config import Settings
from newsevents.contract.http import (
    Accepted, ArticleDetail, ArticleIn, ArticleSummary, BatchResult, ErrorResponse, EventRecord, Page, PageIn, Stats,
)
from newsevents.contract.messages import EventExtracted
from tests.unit.api.harness import events

ROUTES = {
    ("/v1/articles", "get"), ("/v1/articles", "post"), ("/v1/articles/batch", "post"), ("/v1/ninjs", "post"),
    ("/v1/articles/{id}", "get"), ("/v1/events", "get"), ("/v1/events/{id}", "get"), ("/v1/stats/events", "get"),
    ("/v1/stream", "get"),
    ("/v1/admin/dead-letters", "get"), ("/v1/admin/dead-letters/{seq}", "get"), ("/v1/admin/dead-letters/{seq}", "delete"),
    ("/v1/admin/dead-letters/{seq}/replay", "post"), ("/v1/admin/dead-letters/replay", "post"),
    ("/v1/admin/reprocess", "post"),
}
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def schema() -> dict:
    return create_app(Settings()).openapi()


def operations(schema: dict):
    for path, ops in schema["paths"].items():
        for method, op in ops.items():
            if path.startswith("/v1/"):
                yield path, method, op


def test_every_route_is_documented_with_a_tag_and_a_summary(schema):
    assert schema["info"]["title"] == "newsevents API" and schema["info"]["version"]
    assert {(p, m) for p, m, _ in operations(schema)} == ROUTES
    assert {t["name"] for t in schema["tags"]} >= {"push", "articles", "events", "stats", "stream", "operations", "admin"}
    for path, method, op in operations(schema):
        assert op["tags"] and op["summary"], (path, method)
        assert {"200", "201"} & set(op["responses"]), (path, method)
        assert "503" in op["responses"] and "Retry-After" in op["responses"]["503"]["headers"], (path, method)
        for status, answer in op["responses"].items():
            for media, content in answer.get("content", {}).items():
                assert "schema" in content and ("example" in content or "examples" in content), (path, method, status, media)


def test_push_bodies_are_documented_with_examples(schema):
    for path in ("/v1/articles", "/v1/articles/batch", "/v1/ninjs"):
        body = schema["paths"][path]["post"]["requestBody"]
        assert body["required"] and body["description"]
        for content in body["content"].values():
            assert "example" in content or "examples" in content
    assert set(schema["paths"]["/v1/articles/batch"]["post"]["requestBody"]["content"]) == {"application/x-ndjson"}
    ninjs = schema["paths"]["/v1/ninjs"]["post"]
    assert "x-superdesk-signature" in [p["name"] for p in ninjs["parameters"]]


def test_every_parameter_has_a_type_and_a_description(schema):
    for path, method, op in operations(schema):
        for parameter in op.get("parameters", []):
            assert parameter.get("description"), (path, method, parameter["name"])
            assert parameter["schema"], (path, method, parameter["name"])
    limit = next(p for p in schema["paths"]["/v1/events"]["get"]["parameters"] if p["name"] == "limit")
    assert (limit["schema"]["minimum"], limit["schema"]["maximum"], limit["schema"]["default"]) == (1, 500, 50)
    names = {p["name"] for p in schema["paths"]["/v1/events"]["get"]["parameters"]}
    assert names == {"type", "region", "from", "to", "person", "organization", "q", "source", "article", "limit", "cursor"}


def test_every_reference_resolves(schema):
    refs = set(re.findall(r'"\$ref": "#/components/schemas/([^"]+)"', json.dumps(schema)))
    assert refs <= set(schema["components"]["schemas"])
    assert {"ArticleIn", "PageIn", "Accepted", "BatchResult", "ErrorResponse"} <= refs


@pytest.mark.parametrize(
    ("example", "model"),
    [
        (examples.ARTICLE_IN, ArticleIn), (examples.PAGE_IN, PageIn), (examples.ACCEPTED, Accepted),
        (examples.BATCH_RESULT, BatchResult), (examples.BATCH_FAILED, BatchResult),
        (examples.ARTICLE_PAGE, Page[ArticleSummary]), (examples.ARTICLE_DETAIL, ArticleDetail),
        (examples.EVENT_PAGE, Page[EventRecord]), (examples.EVENT_RECORD, EventRecord), (examples.STATS, Stats),
        (examples.EVENT_MESSAGE, EventExtracted), (examples.INVALID, ErrorResponse), (examples.UNAVAILABLE, ErrorResponse),
    ],
)
def test_examples_are_valid_data(example, model: type[BaseModel]):
    TypeAdapter(model).validate_python(example)


@pytest.mark.parametrize("name", ["ARTICLE_IN", "PAGE_IN", "NINJS", "ARTICLE_DETAIL", "EVENT_RECORD", "SSE"])
def test_content_examples_are_chinese(name):
    assert CJK.search(json.dumps(getattr(examples, name), ensure_ascii=False))


def test_example_offsets_index_the_body():
    body = examples.ARTICLE_DETAIL["body"]
    spans = [*examples.ARTICLE_DETAIL["entities"], *examples.ARTICLE_DETAIL["metrics"], *examples.ARTICLE_DETAIL["quotes"]]
    for span in spans:
        assert body[span["start"]:span["end"]] == span["text"]
    trigger = examples.EVENT_RECORD["trigger"]
    assert body[trigger["start"]:trigger["end"]] == trigger["text"]


def test_the_ndjson_and_sse_examples_parse():
    for line in examples.NDJSON.splitlines():
        value = json.loads(line)
        (PageIn if value.get("kind") == "page" else ArticleIn).model_validate(value)
    (frame,) = events(examples.SSE.encode())
    EventExtracted.model_validate_json(frame["data"])
