"""The event taxonomy and its trigger lexicons, read from a TOML data file a user can override.

The default is ``data/taxonomy.toml`` (the eleven types of FORMAT.md §2). ``Taxonomy.load(path)``
merges a user file over it; every problem (unknown key, wrong type, empty trigger list, a word
that is the bare trigger of two types) raises :class:`TaxonomyError` naming the file and key.

File format::

    version = 1                         # optional; only 1 is known

    [types.<name>]                      # <name>: lower-case letters, digits and _
    label = "会议"                       # required for a new type
    description = "…"                   # optional
    triggers = ["召开", "座谈"]          # words that are an event of this type on their own
    not_before = ["组"]                  # a trigger followed by one of these is a noun (督查组)
    participants = "gathering"          # how names get roles: gathering (organisers, speakers),
                                        # recipients (+ the honor), doers, documents, organizers

    [[types.<name>.frames]]             # a verb that takes an event noun
    verbs = ["举行", "召开"]
    objects = ["会议", "座谈会", "《》"]  # the noun that ends the verb's object; "《》" = any book
                                        # title, "“”" = any quoted name
    subject = true                      # also look before the verb (…会议在北京举行)

    [context]                           # cues shared by all types; each key replaces the default
    nominal_followers = [...]           # (see data/taxonomy.toml for every key and its meaning)

A type needs at least one trigger or one frame. Override files use the same keys, plus:

* a new ``[types.<name>]`` adds a type (``label`` and triggers or frames required);
* in an existing type, ``add_triggers`` / ``remove_triggers`` edit its words (``remove_triggers``
  also drops the word from the type's frame verbs and objects), ``add_frames = [{verbs, objects}]``
  appends frames, and ``triggers``, ``frames``, ``not_before``, ``label`` or ``description``
  replace the default value;
* ``replace = true`` defines the type afresh, ``disabled = true`` removes it.

Limits: words are plain strings (no patterns); matching is by exact characters, so simplified
and traditional forms are different words.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

TITLE_OBJECT = "《》"  # an object that is any book title
QUOTE_OBJECT = "“”"  # an object that is any quoted name
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_TYPE_KEYS = {"label", "description", "triggers", "not_before", "frames", "participants"}
ROLE_RULES = ("gathering", "recipients", "doers", "documents", "organizers")
_OVERRIDE_KEYS = {"add_triggers", "remove_triggers", "add_frames", "replace", "disabled"}
_FRAME_KEYS = {"verbs", "objects", "subject"}
_TOP_KEYS = {"version", "types", "context"}
_CONTEXT_KEYS = {
    "nominal_followers", "non_event_compounds", "non_event_nouns", "negations", "means_markers", "modal_markers",
    "yao_words", "future_jiang_next", "directive_verbs", "future_openers", "manner_cues",
    "anaphora_cues", "window_stops", "prepositions", "continuations", "time_blockers", "speech_verbs",
    "speaker_cues", "meeting_speaker_cues", "organizer_verbs", "honor_givers", "modified_nouns",
}  # fmt: skip


class TaxonomyError(ValueError):
    """The taxonomy file (or an override) is not valid; the message names the file and key."""


@dataclass(frozen=True, slots=True)
class Frame:
    """A verb whose object (or subject, when ``subject``) ends in one of ``objects``."""

    verbs: tuple[str, ...]
    objects: tuple[str, ...]
    subject: bool = False


@dataclass(frozen=True, slots=True)
class EventType:
    name: str
    label: str
    description: str
    triggers: tuple[str, ...]
    frames: tuple[Frame, ...]
    not_before: tuple[str, ...]
    participants: str = "organizers"  # how names around a trigger get roles (ROLE_RULES)


@dataclass(frozen=True)
class Taxonomy:
    """Event types by name, the shared context cues, and a fingerprint of the merged data."""

    types: dict[str, EventType]
    context: dict[str, tuple[str, ...]]
    fingerprint: str
    raw: dict

    @classmethod
    def load(cls, override: Path | None = None) -> Taxonomy:
        """The default taxonomy, with ``override`` (a TOML file) merged over it when given."""
        text = resources.files(__package__).joinpath("data/taxonomy.toml").read_text("utf-8")
        data = _parse(text, "taxonomy.toml (default)")
        _check_top(data, "taxonomy.toml (default)")
        if override is not None:
            where = str(override)
            try:
                user_text = Path(override).read_text("utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise TaxonomyError(f"{where}: cannot read ({exc})") from exc
            user = _parse(user_text, where)
            _check_top(user, where)
            data = merge(data, user, where)
            return cls.from_dict(data, f"{where} (merged over the default)")
        return cls.from_dict(data, "taxonomy.toml (default)")

    @classmethod
    def from_dict(cls, data: dict[str, Any], where: str = "taxonomy") -> Taxonomy:
        """Validate merged data (as read from TOML) and build the taxonomy."""
        _check_top(data, where)
        types_raw = data.get("types")
        if not isinstance(types_raw, dict) or not types_raw:
            raise TaxonomyError(f"{where}: [types] must define at least one event type")
        types = {name: _event_type(name, spec, f"{where}: types.{name}") for name, spec in types_raw.items()}
        owner: dict[str, str] = {}
        for t in types.values():
            for word in t.triggers:
                if owner.setdefault(word, t.name) != t.name:
                    raise TaxonomyError(
                        f"{where}: trigger {word!r} belongs to both types.{owner[word]} and types.{t.name}"
                    )
        context = _context(data.get("context", {}), f"{where}: context")
        canonical = json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)
        fingerprint = hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:8]
        return cls(types=types, context=context, fingerprint=fingerprint, raw=data)

    def cue(self, key: str) -> tuple[str, ...]:
        """One context word list (empty when absent)."""
        return self.context.get(key, ())


def merge(base: dict[str, Any], user: dict[str, Any], where: str) -> dict[str, Any]:
    """``user`` (an override file's data) merged over ``base``; the inputs are not modified."""
    out: dict[str, Any] = {k: v for k, v in base.items() if k != "types"}
    types: dict[str, Any] = {k: dict(v) for k, v in base.get("types", {}).items()}
    for key, value in user.items():
        if key == "context":
            if not isinstance(value, dict):
                raise TaxonomyError(f"{where}: [context] must be a table")
            out["context"] = {**base.get("context", {}), **value}
        elif key != "types":
            out[key] = value
    user_types = user.get("types", {})
    if not isinstance(user_types, dict):
        raise TaxonomyError(f"{where}: [types] must be a table")
    for name, spec in user_types.items():
        at = f"{where}: types.{name}"
        if not isinstance(spec, dict):
            raise TaxonomyError(f"{at}: must be a table")
        unknown = set(spec) - _TYPE_KEYS - _OVERRIDE_KEYS
        if unknown:
            raise TaxonomyError(f"{at}: unknown key(s) {sorted(unknown)}; known: {sorted(_TYPE_KEYS | _OVERRIDE_KEYS)}")
        if spec.get("disabled"):
            if name not in types:
                raise TaxonomyError(f"{at}: cannot disable an unknown type")
            del types[name]
            continue
        if spec.get("replace") or name not in types:
            edits = set(spec) & {"add_triggers", "remove_triggers", "add_frames"}
            if edits:
                raise TaxonomyError(
                    f"{at}: {sorted(edits)} edit an existing type; a new or replaced type gives triggers/frames"
                )
            types[name] = {k: v for k, v in spec.items() if k in _TYPE_KEYS}
            continue
        types[name] = _edit(types[name], spec, at)
    out["types"] = types
    return out


def _edit(current: dict[str, Any], spec: dict[str, Any], at: str) -> dict[str, Any]:
    merged = dict(current)
    for key in _TYPE_KEYS:
        if key in spec:
            merged[key] = spec[key]
    add = _words(spec.get("add_triggers", []), f"{at}.add_triggers", allow_empty=True)
    merged["triggers"] = list(merged.get("triggers", [])) + [w for w in add if w not in merged.get("triggers", [])]
    remove = set(_words(spec.get("remove_triggers", []), f"{at}.remove_triggers", allow_empty=True))
    if remove:
        known = set(merged.get("triggers", []))
        for frame in merged.get("frames", []):
            known |= set(frame.get("verbs", [])) | set(frame.get("objects", []))
        missing = remove - known
        if missing:
            raise TaxonomyError(f"{at}.remove_triggers: {sorted(missing)} not in this type")
        merged["triggers"] = [w for w in merged.get("triggers", []) if w not in remove]
        frames = []
        for frame in merged.get("frames", []):
            f = dict(frame)
            f["verbs"] = [w for w in frame.get("verbs", []) if w not in remove]
            if "objects" in frame:
                f["objects"] = [w for w in frame["objects"] if w not in remove]
            if f["verbs"] and f.get("objects", [None]):
                frames.append(f)
        merged["frames"] = frames
    if "add_frames" in spec:
        if not isinstance(spec["add_frames"], list):
            raise TaxonomyError(f"{at}.add_frames: must be a list of tables")
        merged["frames"] = list(merged.get("frames", [])) + list(spec["add_frames"])
    return merged


def _parse(text: str, where: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TaxonomyError(f"{where}: not valid TOML ({exc})") from exc


def _check_top(data: dict[str, Any], where: str) -> None:
    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise TaxonomyError(f"{where}: unknown top-level key(s) {sorted(unknown)}; known: {sorted(_TOP_KEYS)}")
    if data.get("version", 1) != 1:
        raise TaxonomyError(f"{where}: version {data.get('version')!r} is not supported (only 1)")


def _event_type(name: str, spec: Any, at: str) -> EventType:
    if not _NAME.match(name):
        raise TaxonomyError(f"{at}: a type name is lower-case letters, digits and _ (got {name!r})")
    if not isinstance(spec, dict):
        raise TaxonomyError(f"{at}: must be a table")
    unknown = set(spec) - _TYPE_KEYS
    if unknown:
        raise TaxonomyError(f"{at}: unknown key(s) {sorted(unknown)}; known: {sorted(_TYPE_KEYS)}")
    label = spec.get("label")
    if not isinstance(label, str) or not label.strip():
        raise TaxonomyError(f"{at}.label: a non-empty string is required")
    description = spec.get("description", "")
    if not isinstance(description, str):
        raise TaxonomyError(f"{at}.description: must be a string")
    triggers = _words(spec.get("triggers", []), f"{at}.triggers", allow_empty=True)
    frames_raw = spec.get("frames", [])
    if not isinstance(frames_raw, list):
        raise TaxonomyError(f"{at}.frames: must be a list of tables ([[types.{name}.frames]])")
    frames = tuple(_frame(f, f"{at}.frames[{i}]") for i, f in enumerate(frames_raw))
    if not triggers and not frames:
        raise TaxonomyError(f"{at}: the trigger list is empty (give triggers or frames)")
    not_before = _words(spec.get("not_before", []), f"{at}.not_before", allow_empty=True)
    roles = spec.get("participants", "organizers")
    if roles not in ROLE_RULES:
        raise TaxonomyError(f"{at}.participants: one of {list(ROLE_RULES)} (got {roles!r})")
    return EventType(name, label.strip(), description, triggers, frames, not_before, roles)


def _frame(spec: Any, at: str) -> Frame:
    if not isinstance(spec, dict):
        raise TaxonomyError(f"{at}: must be a table with verbs and objects")
    unknown = set(spec) - _FRAME_KEYS
    if unknown:
        raise TaxonomyError(f"{at}: unknown key(s) {sorted(unknown)}; known: {sorted(_FRAME_KEYS)}")
    verbs = _words(spec.get("verbs"), f"{at}.verbs")
    objects = _words(spec.get("objects"), f"{at}.objects")
    subject = spec.get("subject", False)
    if not isinstance(subject, bool):
        raise TaxonomyError(f"{at}.subject: must be true or false")
    return Frame(verbs, objects, subject)


def _context(spec: Any, at: str) -> dict[str, tuple[str, ...]]:
    if not isinstance(spec, dict):
        raise TaxonomyError(f"{at}: must be a table")
    unknown = set(spec) - _CONTEXT_KEYS
    if unknown:
        raise TaxonomyError(f"{at}: unknown key(s) {sorted(unknown)}; known: {sorted(_CONTEXT_KEYS)}")
    return {key: _words(value, f"{at}.{key}", allow_empty=True) for key, value in spec.items()}


def _words(value: Any, at: str, *, allow_empty: bool = False) -> tuple[str, ...]:
    if value is None:
        raise TaxonomyError(f"{at}: a list of words is required")
    if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
        raise TaxonomyError(f"{at}: must be a list of strings")
    words = tuple(dict.fromkeys(w.strip() for w in value))
    if any(not w or any(c.isspace() for c in w) for w in words):
        raise TaxonomyError(f"{at}: words must be non-empty and contain no spaces")
    if not words and not allow_empty:
        raise TaxonomyError(f"{at}: the list is empty")
    return words
