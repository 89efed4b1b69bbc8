"""Scoring extraction against gold documents (FORMAT.md §5): the rules, as implemented here.

Pure library (no network, no writes). ``load_gold`` → ``score_document`` per document →
``aggregate`` → ``render_table`` / ``report_json``. Whitespace is ignored in every text
comparison (gold strings are unwrapped, page text layers are not).

Articles. A predicted article matches a gold article when its body contains the gold
``lead`` starting within its first 40 characters (0 = starts with it); one-to-one, earliest
position first. Segmentation recall = matched gold / gold articles, precision = matched
predicted / predicted articles (also for kind=article documents).

Recall-type figures are end-to-end: a gold article that was not found is scored against an
empty prediction, so its items all count as missed. Precision-type figures, ``*.spurious``
and contamination use matched articles only.

* body completeness: share of the article's evidence strings (event evidence, metric texts,
  quote prefixes, persons) found in the matched body.
* body contamination: share of OTHER gold articles' evidence (same document) found in the
  matched body, counting only strings of at least 4 characters that occur in no other gold
  article's evidence, lead or body. Undefined for one-article documents.
* body similarity: ``difflib.SequenceMatcher(autojunk=False).ratio()`` of the two bodies
  with whitespace removed (where gold gives ``body``); body exact: equal after ``strip()``.
* headline / subheadline: equal after removing whitespace and leading dashes, where gold is
  not null; ``*.spurious``: share of matched articles with a null gold value where we
  predicted one.
* byline: micro P/R/F1 over names where gold byline is not null.
* region: exact (gold code or one of its aliases), city level (first 4 digits equal).
* persons: P/R/F1 over distinct names, exact; ``persons_optional`` are dropped from both sides.
* organisations / places (recall only): a core name is found when an entity with the right
  label equals it, contains it, or is contained in it (the shorter at least 2 characters).
* events: see ``evaluation.events`` (detection by trigger inside the evidence or sentence
  containing it, one-to-one; typed recall; precision where ``events_exhaustive``; time with
  the fuzzy tolerance of ±7 days start / ±3 days end; location lenient and exact;
  participants recall).
* metrics: recall with text, value (6 decimals) and unit all equal, and text only; one
  predicted metric serves one gold metric.
* quotes: found when a predicted quote's text starts with the gold prefix; speaker accuracy
  over found quotes (null == null is correct).

Aggregation: micro overall (items pooled over documents) and, per kind (page / article),
macro (per-document figures averaged over the documents where defined) and micro.
"""

from __future__ import annotations

from .gold import GoldDocument, GoldFormatError, load_gold
from .predicted import Prediction, PredictionFormatError, load_predictions, parse_prediction
from .report import METRICS, render_details, render_table, report_json
from .run import predict
from .scoring import DocumentScore, Report, aggregate, score_document

__all__ = [
    "METRICS",
    "DocumentScore",
    "GoldDocument",
    "GoldFormatError",
    "Prediction",
    "PredictionFormatError",
    "Report",
    "aggregate",
    "load_gold",
    "load_predictions",
    "parse_prediction",
    "predict",
    "render_details",
    "render_table",
    "report_json",
    "score_document",
]
