"""Name-tagger scoring on character-level BIO corpora (People's Daily 1998, MSRA).

Corpus format: one ``token<sep>tag`` per line (``sep`` a TAB or a space, detected per line),
a blank line between sentences. Tags ``B-X`` / ``I-X`` (also ``E-X``, ``S-X``, ``M-X``);
an ``I-X`` that does not continue an ``X`` span starts one (CoNLL convention). Types map
PER→person, LOC→location, ORG→organization; other types are ignored.

Scoring is exact span match: (start, end, label) equal. Per-label and micro P/R/F1.
Accuracy caveat: these corpora annotate by their own guidelines (People's Daily tags 欧 and
美 of 欧美 as two locations, titles are outside PER spans), so the figures compare systems
on the same data; they are not the product's accuracy on our news pages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .tally import Tally

LABELS = {"PER": "person", "LOC": "location", "ORG": "organization"}
Span = tuple[int, int, str]


@dataclass(frozen=True, slots=True)
class BioSentence:
    text: str
    spans: frozenset[Span]


@dataclass(slots=True)
class NerScore:
    tally: Tally = field(default_factory=Tally)
    sentences: int = 0
    errors: int = 0
    first_error: str | None = None


def read_bio(path: str | Path) -> Iterator[BioSentence]:
    """Sentences of a BIO file, lazily (a 1.4 MB corpus is never held as text twice)."""
    tokens: list[tuple[str, str]] = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if not line.strip():
                if tokens:
                    yield _sentence(tokens)
                    tokens = []
                continue
            sep = "\t" if "\t" in line else " "
            cut = line.rfind(sep)
            token, tag = (line[:cut], line[cut + 1 :].strip()) if cut >= 0 else (line, "O")
            tokens.append((token or " ", tag))
    if tokens:
        yield _sentence(tokens)


def _sentence(tokens: list[tuple[str, str]]) -> BioSentence:
    spans: list[Span] = []
    text: list[str] = []
    pos = 0
    open_start, open_type = -1, ""
    for token, tag in tokens:
        prefix, _, kind = tag.partition("-")
        continues = prefix in ("I", "M", "E") and kind == open_type and open_start >= 0
        if not continues:
            if open_start >= 0:
                spans.append((open_start, pos, open_type))
            open_start, open_type = (pos, kind) if prefix in ("B", "I", "M", "E", "S") and kind else (-1, "")
        text.append(token)
        pos += len(token)
        if prefix in ("E", "S") and open_start >= 0:
            spans.append((open_start, pos, open_type))
            open_start, open_type = -1, ""
    if open_start >= 0:
        spans.append((open_start, pos, open_type))
    mapped = frozenset((s, e, LABELS[k]) for s, e, k in spans if k in LABELS)
    return BioSentence("".join(text), mapped)


def score_ner(
    sentences: Iterable[BioSentence], tag: Callable[[str], Iterable[tuple[int, int, str]]], limit: int | None = None
) -> NerScore:
    """Exact-span P/R/F1 per label (``person.f1``…) and micro (``micro.f1``…).

    ``tag(text)`` returns (start, end, label) spans; an exception counts the sentence as an
    error (all its gold spans missed) and scoring continues.
    """
    score = NerScore()
    counts = {label: [0, 0, 0] for label in LABELS.values()}  # tp, fp, fn
    for sentence in sentences:
        if limit is not None and score.sentences >= limit:
            break
        score.sentences += 1
        try:
            predicted = {(s, e, label) for s, e, label in tag(sentence.text) if label in counts}
        except Exception as exc:  # noqa: BLE001 - one bad sentence must not stop the run
            score.errors += 1
            score.first_error = score.first_error or f"{type(exc).__name__}: {exc}"
            predicted = set()
        for label, c in counts.items():
            want = {s for s in sentence.spans if s[2] == label}
            got = {s for s in predicted if s[2] == label}
            c[0] += len(want & got)
            c[1] += len(got - want)
            c[2] += len(want - got)
    for label, (tp, fp, fn) in counts.items():
        score.tally.f1(label, tp, fp, fn)
        score.tally.f1("micro", tp, fp, fn)
    return score
