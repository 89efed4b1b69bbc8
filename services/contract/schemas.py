"""JSON Schemas of every message, generated from the models and snapshotted in ``schemas/``.

``python -m newsevents.contract.schemas`` rewrites the snapshots (and the AsyncAPI document).
tests/unit/contract checks that the models changed by nothing more than added optional fields.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from .messages import ArticleExtracted, DeadLetter, DocumentSubmitted, EventExtracted

SCHEMA_DIR = Path(__file__).parent / "schemas"
MESSAGES: dict[str, type[BaseModel]] = {
    "document-submitted.v1": DocumentSubmitted,
    "article-extracted.v1": ArticleExtracted,
    "event-extracted.v1": EventExtracted,
    "dead-letter.v1": DeadLetter,
}


def schema_of(model: type[BaseModel]) -> dict:
    return model.model_json_schema(mode="serialization", ref_template="#/$defs/{model}")


def dump(value: dict) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write() -> list[Path]:
    from .asyncapi import document

    SCHEMA_DIR.mkdir(exist_ok=True)
    written = []
    for name, model in MESSAGES.items():
        path = SCHEMA_DIR / f"{name}.json"
        path.write_text(dump(schema_of(model)), encoding="utf-8")
        written.append(path)
    path = SCHEMA_DIR / "asyncapi.json"
    path.write_text(dump(document()), encoding="utf-8")
    written.append(path)
    return written


def incompatible_changes(old: dict, new: dict, path: str = "$") -> list[str]:
    """What in ``new`` is more than ``old`` plus optional fields (an empty list: compatible)."""
    problems: list[str] = []
    if isinstance(old, dict) and isinstance(new, dict):
        old_req, new_req = set(old.get("required", [])), set(new.get("required", []))
        for field in sorted(new_req - old_req):
            problems.append(f"{path}: field {field!r} became required")
        old_props, new_props = old.get("properties"), new.get("properties")
        if isinstance(old_props, dict):
            new_props = new_props or {}
            for field in sorted(set(old_props) - set(new_props)):
                problems.append(f"{path}.properties.{field}: removed")
        for key in sorted(set(old) | set(new)):
            if key in ("required", "description", "title", "examples", "default"):
                continue
            if key not in new:
                problems.append(f"{path}.{key}: removed")
            elif key not in old:
                if key not in ("properties", "$defs"):
                    problems.append(f"{path}.{key}: added constraint")
            elif key in ("properties", "$defs"):
                for name in old[key]:
                    if name in new[key]:
                        problems += incompatible_changes(old[key][name], new[key][name], f"{path}.{key}.{name}")
            else:
                problems += incompatible_changes(old[key], new[key], f"{path}.{key}")
    elif isinstance(old, list) and isinstance(new, list):
        if old != new and not all(x in new for x in old):  # anyOf/enum may grow, not shrink
            problems.append(f"{path}: {old!r} -> {new!r}")
    elif old != new:
        problems.append(f"{path}: {old!r} -> {new!r}")
    return problems


if __name__ == "__main__":
    for p in write():
        print(p)
