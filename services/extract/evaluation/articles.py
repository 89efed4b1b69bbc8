"""The figures of one gold article against the predicted article matched to it (or none).

An unmatched gold article is scored against an empty prediction, so all its items count as
missed (recall-type figures are end-to-end); precision-type figures and the ``*.spurious``
counts use matched articles only, since nothing is known about an unmatched prediction.
"""

from __future__ import annotations

from collections import Counter

from .events import score_events
from .gold import GoldArticle
from .predicted import PredictedArticle
from .tally import Tally
from .text import SquashedText, names_match, normalize_title, similarity, squash

EMPTY = PredictedArticle(body="")
VALUE_DIGITS = 6  # metric values are compared rounded to this many decimals


def score_article(gold: GoldArticle, pred: PredictedArticle | None, tally: Tally, notes: list[str]) -> None:
    """Add every article-level figure of ``gold`` to ``tally``; explain misses in ``notes``."""
    matched = pred is not None
    pred = pred or EMPTY
    body = SquashedText(pred.body)
    if not matched:
        notes = []  # the caller reports the article as not found; item-by-item misses add nothing
    _body(gold, pred, body, tally, notes)
    _titles(gold, pred, matched, tally, notes)
    _people(gold, pred, tally, notes)
    if gold.events is not None:
        score_events(gold, pred, tally, notes)
    _metrics(gold, pred, tally, notes)
    _quotes(gold, pred, tally, notes)


def _body(gold: GoldArticle, pred: PredictedArticle, body: SquashedText, tally: Tally, notes: list[str]) -> None:
    evidence = gold.evidence()
    missing = [s for s in evidence if s not in body]
    tally.add("body.completeness", len(evidence) - len(missing), len(evidence))
    for s in missing:
        notes.append(f"body lacks: {s}")
    if gold.body is not None:
        tally.add("body.similarity", similarity(gold.body, pred.body) if pred.body else 0.0)
        tally.add("body.exact", pred.body.strip() == gold.body.strip())


def _titles(gold: GoldArticle, pred: PredictedArticle, matched: bool, tally: Tally, notes: list[str]) -> None:
    for name, want, got in (
        ("headline", gold.headline, pred.headline),
        ("subheadline", gold.subheadline, pred.subheadline),
    ):
        if want is not None:
            ok = normalize_title(want) == normalize_title(got)
            tally.add(f"{name}.exact", ok)
            if not ok:
                notes.append(f"{name} {got!r}, gold {want!r}")
        elif matched:
            spurious = bool(normalize_title(got))
            tally.add(f"{name}.spurious", spurious)
            if spurious:
                notes.append(f"{name} {got!r}, gold none")
    if gold.byline is not None:
        want_names, got_names = set(map(squash, gold.byline)), set(map(squash, pred.byline)) - {""}
        tp = len(want_names & got_names)
        tally.f1("byline", tp, len(got_names) - tp, len(want_names) - tp)
        if want_names != got_names:
            notes.append(f"byline {sorted(got_names)}, gold {sorted(want_names)}")
    if gold.region is not None:
        codes = gold.region.codes
        tally.add("region.exact", pred.region in codes)
        tally.add("region.city", (pred.region or "")[:4] in {c[:4] for c in codes})
        if pred.region not in codes:
            notes.append(f"region {pred.region}, gold {'/'.join(codes)}")


def _people(gold: GoldArticle, pred: PredictedArticle, tally: Tally, notes: list[str]) -> None:
    if gold.persons is not None:
        optional = set(map(squash, gold.persons_optional))
        want = set(map(squash, gold.persons)) - optional
        got = {squash(text) for label, text in pred.entities if label == "person"} - optional - {""}
        tp = len(want & got)
        tally.f1("persons", tp, len(got) - tp, len(want) - tp)
        if want - got:
            notes.append(f"persons missed {sorted(want - got)}")
        if got - want:
            notes.append(f"persons spurious {sorted(got - want)}")
    for name, label, core in (
        ("organizations", "organization", gold.organizations_core),
        ("places", "location", gold.places_core),
    ):
        if core is None:
            continue
        texts = [text for lab, text in pred.entities if lab == label]
        missed = [c for c in core if not any(names_match(c, t) for t in texts)]
        tally.add(f"{name}.recall", len(core) - len(missed), len(core))
        if missed:
            notes.append(f"{name} missed {missed}")


def _metrics(gold: GoldArticle, pred: PredictedArticle, tally: Tally, notes: list[str]) -> None:
    if gold.metrics is None:
        return
    by_text = Counter(squash(text) for text, _, _ in pred.metrics)
    full = Counter((squash(text), _round(value), unit) for text, value, unit in pred.metrics)
    text_hits = full_hits = 0
    for m in gold.metrics:
        text = squash(m.text)
        if by_text[text] > 0:
            by_text[text] -= 1
            text_hits += 1
        key = (text, _round(m.value), m.unit)
        if full[key] > 0:
            full[key] -= 1
            full_hits += 1
        else:
            notes.append(f"metric missed {m.text} = {m.value:g} {m.unit}")
    tally.add("metrics.recall", full_hits, len(gold.metrics))
    tally.add("metrics.text_recall", text_hits, len(gold.metrics))


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, VALUE_DIGITS)


def _quotes(gold: GoldArticle, pred: PredictedArticle, tally: Tally, notes: list[str]) -> None:
    if gold.quotes is None:
        return
    used: set[int] = set()
    for q in gold.quotes:
        prefix = squash(q.text_prefix)
        at = next(
            (i for i, (_, text) in enumerate(pred.quotes) if i not in used and squash(text).startswith(prefix)),
            None,
        )
        tally.add("quotes.found", at is not None)
        if at is None:
            notes.append(f"quote missed ({q.speaker}) {q.text_prefix}")
            continue
        used.add(at)
        speaker = pred.quotes[at][0]
        ok = squash(speaker) == squash(q.speaker)
        tally.add("quotes.speaker", ok)
        if not ok:
            notes.append(f"quote speaker {speaker!r}, gold {q.speaker!r}: {q.text_prefix}")
