"""The extraction pipeline: what pushed text becomes, article by article.

Components run in a fixed order, each reading what the earlier ones found:
segment/clean → sentences → names → places → region → times → quantities → quotes → events.
Everything expensive (the name model, the gazetteer, the taxonomy) loads once in ``Extractor``;
after construction nothing is mutated, so one ``Extractor`` serves many threads.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal

from newsevents.contract.analysis import ArticleAnalysis, Entity

from .document import RawArticle
from .events import ArticleContext, EventFinder
from .ner import NameTagger
from .places import Gazetteer
from .quantities import find_metrics
from .quotes import find_quotes
from .segment import clean_article, split_page
from .sentences import split_sentences
from .taxonomy import Taxonomy
from .times import find_times

ENGINE_VERSION = "0.1.0"
MAX_TEXT_CHARS = 2_000_000

Kind = Literal["article", "page"]


class ExtractionError(ValueError):
    """The input cannot be extracted (a permanent error: retrying will not help)."""


class Extractor:
    def __init__(self, taxonomy_path: Path | None = None) -> None:
        self.taxonomy = Taxonomy.load(taxonomy_path)
        self.tagger = NameTagger()
        self.gazetteer = Gazetteer.load()
        self.events = EventFinder(self.taxonomy)
        self.version = f"{ENGINE_VERSION}+{self.taxonomy.fingerprint}"

    def extract(
        self, text: str, *, published: date, kind: Kind = "article", headline: str | None = None,
        byline: str | None = None,
    ) -> list[ArticleAnalysis]:
        """All articles of one pushed document, analysed. Empty or unusable text gives [].

        ``headline`` and ``byline`` are what a single article was pushed with (metadata).
        """
        if not isinstance(text, str):
            raise ExtractionError("text must be a string")
        if len(text) > MAX_TEXT_CHARS:
            raise ExtractionError(f"text longer than {MAX_TEXT_CHARS} characters")
        raws = split_page(text) if kind == "page" else [clean_article(text, headline, byline)]
        return [self.analyze(raw, published) for raw in raws if raw.body.strip()]

    def analyze(self, raw: RawArticle, published: date) -> ArticleAnalysis:
        body = raw.body
        sentences = split_sentences(body)
        names = self.tagger.entities(body)
        places = self.gazetteer.find(body, [e for e in names if e.label == "location"])
        region = self.gazetteer.region(body, raw.headline, places)
        entities = _merge_entities(names, places)
        times = find_times(body, published)
        metrics = find_metrics(body)
        quotes = find_quotes(body, sentences, entities)
        events = self.events.find(
            ArticleContext(
                body=body,
                headline=raw.headline,
                published=published,
                sentences=sentences,
                entities=entities,
                places=places,
                times=times,
                metrics=metrics,
                region=region,
            )
        )
        return ArticleAnalysis(
            headline=raw.headline,
            subheadline=raw.subheadline,
            byline=raw.byline,
            body=body,
            subheads=raw.subheads,
            region=region,
            entities=entities,
            events=events,
            metrics=metrics,
            quotes=quotes,
        )


def _merge_entities(names: list[Entity], places) -> list[Entity]:
    """Persons and organisations from the tagger; locations from the gazetteer, else the tagger."""
    out = [e for e in names if e.label != "location"]
    covered: list[tuple[int, int]] = []
    for p in places:
        out.append(Entity(text=p.text, start=p.start, end=p.end, label="location", adcode=p.adcode))
        covered.append((p.start, p.end))
    for e in names:
        if e.label == "location" and not any(s < e.end and e.start < t for s, t in covered):
            out.append(e)
    out.sort(key=lambda e: (e.start, e.end))
    return out
