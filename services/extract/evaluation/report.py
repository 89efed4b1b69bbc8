"""Rendering a ``Report``: an aligned text table, a JSON object, and the per-article details."""

from __future__ import annotations

from typing import Any

from .scoring import DocumentScore, Report
from .tally import Ratio

# (name, label) in print order; every figure of FORMAT.md §5
METRICS: tuple[tuple[str, str], ...] = (
    ("segmentation.recall", "segmentation recall"),
    ("segmentation.precision", "segmentation precision"),
    ("segmentation.f1", "segmentation F1"),
    ("body.completeness", "body completeness"),
    ("body.contamination", "body contamination (lower is better)"),
    ("body.similarity", "body similarity (difflib ratio)"),
    ("body.exact", "body exact"),
    ("headline.exact", "headline exact"),
    ("headline.spurious", "headline where gold has none"),
    ("subheadline.exact", "subheadline exact"),
    ("subheadline.spurious", "subheadline where gold has none"),
    ("byline.precision", "byline precision"),
    ("byline.recall", "byline recall"),
    ("byline.f1", "byline F1"),
    ("region.exact", "region exact code"),
    ("region.city", "region city level"),
    ("persons.precision", "persons precision"),
    ("persons.recall", "persons recall"),
    ("persons.f1", "persons F1"),
    ("organizations.recall", "organisations recall"),
    ("places.recall", "places recall"),
    ("events.detected", "events detected (recall)"),
    ("events.typed_recall", "events typed recall"),
    ("events.precision", "events precision (exhaustive)"),
    ("events.typed_precision", "events typed precision (exhaustive)"),
    ("events.time", "event time accuracy"),
    ("events.location", "event location accuracy"),
    ("events.location_exact", "event location exact code"),
    ("events.participants", "event participants recall"),
    ("metrics.recall", "metrics recall (text+value+unit)"),
    ("metrics.text_recall", "metrics recall (text only)"),
    ("quotes.found", "quotes found"),
    ("quotes.speaker", "quote speaker accuracy"),
)
COUNT_LABELS = {
    "documents": "documents",
    "failed": "failed",
    "gold_articles": "gold articles",
    "predicted_articles": "predicted articles",
    "matched_articles": "matched articles",
    "offset_errors": "offset errors",
}


def render_table(report: Report) -> str:
    kinds = list(report.macro_by_kind)
    header = ["metric", "all micro", *(f"{k} macro" for k in kinds), "n"]
    rows = [header]
    for name, label in METRICS:
        overall = report.overall.get(name)
        row = [label, _fmt(overall)]
        row += [_fmt(report.macro_by_kind[k].get(name)) for k in kinds]
        row.append(_support(overall))
        rows.append(row)
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    lines = [_counts_line("all", report.counts)]
    lines += [_counts_line(k, report.counts_by_kind[k]) for k in kinds]
    lines.append("")
    for r in rows:
        lines.append("  ".join([r[0].ljust(widths[0]), *(c.rjust(w) for c, w in zip(r[1:], widths[1:], strict=True))]))
    lines.append("")
    lines.append("micro pools items over all documents; macro averages per-document figures; n = items scored")
    return "\n".join(lines)


def render_details(report: Report) -> str:
    """Per gold article: not found, or what was missed; then predictions that match nothing."""
    out: list[str] = []
    for doc in report.documents:
        out.append(_doc_heading(doc))
        out += [f"  ! {note}" for note in doc.notes]
        for art in doc.articles:
            if not art.matched:
                out.append(f"  ✗ {art.label}: NOT FOUND (lead {art.lead[:24]}…)")
                continue
            out.append(f"  ✓ {art.label}" + ("" if art.notes else ": nothing missed"))
            out += [f"      - {note}" for note in art.notes]
    return "\n".join(out)


def report_json(report: Report, details: bool = False) -> dict[str, Any]:
    obj: dict[str, Any] = {
        "counts": report.counts,
        "counts_by_kind": report.counts_by_kind,
        "overall": _ratios(report.overall),
        "micro_by_kind": {k: _ratios(v) for k, v in report.micro_by_kind.items()},
        "macro_by_kind": {k: _ratios(v, per_document=True) for k, v in report.macro_by_kind.items()},
    }
    if details:
        obj["details"] = [
            {
                "id": d.id,
                "kind": d.kind,
                "notes": d.notes,
                "articles": [{"label": a.label, "matched": a.matched, "notes": a.notes} for a in d.articles],
            }
            for d in report.documents
        ]
    return obj


def _ratios(ratios: dict[str, Ratio], per_document: bool = False) -> dict[str, dict[str, float | None]]:
    order = [name for name, _ in METRICS if name in ratios] + sorted(set(ratios) - {n for n, _ in METRICS})
    key = "documents" if per_document else "den"
    return {
        name: {"value": _round(ratios[name].value), "num": _round(ratios[name].num), key: ratios[name].den}
        for name in order
    }


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def _fmt(ratio: Ratio | None) -> str:
    return "—" if ratio is None or ratio.value is None else f"{ratio.value:.3f}"


def _support(ratio: Ratio | None) -> str:
    return "0" if ratio is None else f"{ratio.den:g}"


def _counts_line(name: str, counts: dict[str, int]) -> str:
    return f"{name + ':':9}" + " · ".join(f"{COUNT_LABELS[k]} {v}" for k, v in counts.items())


def _doc_heading(doc: DocumentScore) -> str:
    c = doc.counts
    return (
        f"== {doc.id} ({doc.kind}): {c['matched_articles']}/{c['gold_articles']} gold articles found, "
        f"{c['predicted_articles']} predicted"
    )
