"""Scoring whole documents: alignment, per-article figures, contamination, aggregation."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .align import align
from .articles import score_article
from .gold import KINDS, GoldArticle, GoldDocument
from .predicted import Prediction
from .tally import Ratio, Tally, macro, micro
from .text import SquashedText, squash

# contamination looks only at evidence this long (whitespace removed): 3人 or 8个 could be
# printed in any article, a 4-character phrase rarely is
MIN_FOREIGN_CHARS = 4
COUNTS = ("documents", "failed", "gold_articles", "predicted_articles", "matched_articles", "offset_errors")


@dataclass(slots=True)
class ArticleNotes:
    """What went wrong for one gold article (``--details``)."""

    label: str
    lead: str
    matched: bool
    notes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class DocumentScore:
    id: str
    kind: str
    tally: Tally
    counts: dict[str, int]
    articles: list[ArticleNotes]
    notes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Report:
    """Micro figures overall and per kind, macro (per-document average) figures per kind."""

    documents: list[DocumentScore]
    overall: dict[str, Ratio]
    micro_by_kind: dict[str, dict[str, Ratio]]
    macro_by_kind: dict[str, dict[str, Ratio]]
    counts: dict[str, int]
    counts_by_kind: dict[str, dict[str, int]]


def score_document(doc: GoldDocument, prediction: Prediction | None) -> DocumentScore:
    """All figures of one gold document; a missing prediction scores as an empty one."""
    predicted = prediction.articles if prediction else ()
    tally = Tally()
    pairs = align([a.lead for a in doc.articles], [p.body for p in predicted])
    tp = len(pairs)
    tally.f1("segmentation", tp, len(predicted) - tp, len(doc.articles) - tp)
    articles: list[ArticleNotes] = []
    for g, gold in enumerate(doc.articles):
        pred = predicted[pairs[g]] if g in pairs else None
        notes = ArticleNotes(gold.label, gold.lead, pred is not None)
        score_article(gold, pred, tally, notes.notes)
        if pred is not None:
            _contamination(doc.articles, g, pred.body, tally, notes.notes)
        articles.append(notes)
    doc_notes = []
    if prediction is None:
        doc_notes.append("no prediction for this document")
    elif prediction.error:
        doc_notes.append(f"extraction failed: {prediction.error}")
    unmatched = sorted(set(range(len(predicted))) - set(pairs.values()))
    doc_notes += [f"predicted article matches no gold lead: {squash(predicted[p].body)[:40]}" for p in unmatched]
    counts = {
        "documents": 1,
        "failed": int(prediction is None or bool(prediction.error)),
        "gold_articles": len(doc.articles),
        "predicted_articles": len(predicted),
        "matched_articles": tp,
        "offset_errors": sum(p.offset_errors for p in predicted),
    }
    return DocumentScore(doc.id, doc.kind, tally, counts, articles, doc_notes)


def foreign_evidence(articles: Sequence[GoldArticle], own: int) -> list[tuple[int, str]]:
    """(owner, string) evidence of the other articles that is safe to look for in article ``own``.

    Kept: strings of at least ``MIN_FOREIGN_CHARS`` characters that occur in no other gold
    article's evidence, lead or body (so finding one proves text of its owner was merged in).
    """
    texts = [squash(" ".join((a.lead, a.body or "", *a.evidence()))) for a in articles]
    out: list[tuple[int, str]] = []
    for owner, article in enumerate(articles):
        if owner == own:
            continue
        for s in article.evidence():
            needle = squash(s)
            if len(needle) >= MIN_FOREIGN_CHARS and not any(
                needle in text for i, text in enumerate(texts) if i != owner
            ):
                out.append((owner, s))
    return out


def _contamination(articles: Sequence[GoldArticle], own: int, body: str, tally: Tally, notes: list[str]) -> None:
    foreign = foreign_evidence(articles, own)
    if not foreign:
        return
    squashed = SquashedText(body)
    found = [(owner, s) for owner, s in foreign if s in squashed]
    tally.add("body.contamination", len(found), len(foreign))
    for owner in sorted({owner for owner, _ in found}):
        strings = [s for o, s in found if o == owner]
        notes.append(f"body holds {len(strings)} evidence strings of {articles[owner].label}: {strings[0]}")


def aggregate(documents: Iterable[DocumentScore]) -> Report:
    docs = list(documents)
    kinds = sorted({d.kind for d in docs}, key=lambda k: (KINDS.index(k) if k in KINDS else len(KINDS), k))
    by_kind = {k: [d for d in docs if d.kind == k] for k in kinds}
    return Report(
        documents=docs,
        overall=micro(d.tally for d in docs),
        micro_by_kind={k: micro(d.tally for d in ds) for k, ds in by_kind.items()},
        macro_by_kind={k: macro(d.tally for d in ds) for k, ds in by_kind.items()},
        counts=_sum_counts(docs),
        counts_by_kind={k: _sum_counts(ds) for k, ds in by_kind.items()},
    )


def _sum_counts(docs: Iterable[DocumentScore]) -> dict[str, int]:
    total = dict.fromkeys(COUNTS, 0)
    for d in docs:
        for name, n in d.counts.items():
            total[name] += n
    return total
