import json

import jsonschema
import pytest

from newsevents.contract.asyncapi import document
from newsevents.contract.schemas import MESSAGES, SCHEMA_DIR, incompatible_changes, schema_of


@pytest.mark.parametrize("name", sorted(MESSAGES))
def test_models_change_only_by_added_optional_fields(name):
    snapshot = json.loads((SCHEMA_DIR / f"{name}.json").read_text("utf-8"))
    problems = incompatible_changes(snapshot, schema_of(MESSAGES[name]))
    assert not problems, f"{name} changed incompatibly; make a new schema_version instead: {problems}"


@pytest.mark.parametrize(
    ("old", "new", "compatible"),
    [
        ({"properties": {"a": {"type": "string"}}, "required": ["a"]},
         {"properties": {"a": {"type": "string"}, "b": {"type": "integer"}}, "required": ["a"]}, True),
        ({"properties": {"a": {"type": "string"}}}, {"properties": {"a": {"type": "string"}, "b": {}}, "required": ["b"]}, False),
        ({"properties": {"a": {"type": "string"}, "b": {}}}, {"properties": {"a": {"type": "string"}}}, False),
        ({"properties": {"a": {"type": "string"}}}, {"properties": {"a": {"type": "integer"}}}, False),
        ({"properties": {"a": {"type": "string"}}}, {"properties": {"a": {"type": "string", "maxLength": 3}}}, False),
        ({"properties": {"a": {"type": "string", "description": "x"}}}, {"properties": {"a": {"type": "string"}}}, True),
    ],
)
def test_incompatible_changes_detects_what_breaks_readers(old, new, compatible):
    assert (incompatible_changes(old, new) == []) is compatible


def test_asyncapi_snapshot_is_current():
    snapshot = json.loads((SCHEMA_DIR / "asyncapi.json").read_text("utf-8"))
    assert snapshot == json.loads(json.dumps(document())), "run: python -m newsevents.contract.schemas"


def test_asyncapi_document_is_valid_asyncapi_3(shared_dir):
    schema = json.loads((shared_dir / "schemas" / "asyncapi-3.0.0-schema.json").read_text("utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = [e.message[:200] for e in validator.iter_errors(document())]
    assert errors == []


def test_asyncapi_documents_every_subject_family():
    addresses = {c["address"].split(".")[0] for c in document()["channels"].values()}
    assert addresses == {"ingest", "articles", "events", "dlq"}
