"""Sentence splitting with offsets into the body."""

from __future__ import annotations

import re

from .document import Sentence

# A sentence ends at 。！？； or …… (optionally followed by a closing quote/bracket), or at a line end.
_END = re.compile(r"(?:[。！？!?；;]|……)[”’」』）)]*|\n")


def split_sentences(body: str) -> list[Sentence]:
    """Split ``body`` into sentences; ``body[s.start:s.end] == s.text`` and no sentence is blank."""
    out: list[Sentence] = []
    paragraph = 0
    start = 0
    for m in _END.finditer(body):
        end = m.end() if m.group() != "\n" else m.start()
        _add(out, body, start, end, paragraph)
        if m.group() == "\n":
            paragraph += 1
        start = m.end()
    _add(out, body, start, len(body), paragraph)
    return out


def _add(out: list[Sentence], body: str, start: int, end: int, paragraph: int) -> None:
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    if start < end:
        out.append(Sentence(body[start:end], start, end, paragraph))
