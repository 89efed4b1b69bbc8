"""Every message that crosses NATS, as typed, versioned models.

Commands are imperative, events past tense. Each message names its ``schema_version``;
a change that is not "add an optional field" needs a new version (see tests/unit/contract).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .analysis import ArticleAnalysis, Event, Region

DocumentKind = Literal["article", "page"]


class _Message(BaseModel):
    model_config = ConfigDict(extra="ignore")  # readers tolerate fields added by newer writers


class DocumentSubmitted(_Message):
    """ingest → extract: one pushed item (an article, or a whole page of several articles).

    Subject ``ingest.documents.<document_id>``, stream NEWSEVENTS_INGEST.
    """

    schema_version: Literal[1] = 1
    document_id: str
    kind: DocumentKind
    source: str
    external_id: str | None = None
    version: str | None = None
    url: str | None = None
    published: date
    published_at: datetime | None = None
    headline: str | None = None
    byline: str | None = None
    text: str = Field(description="the article body, or the page's text layer")
    language: str = "zh"
    received_at: datetime


class ArticleExtracted(ArticleAnalysis, _Message):
    """extract → store and subscribers: one extracted article as a whole.

    Subject ``articles.<province>.<city>.<article_id>``, stream NEWSEVENTS_ARTICLES.
    ``index``/``count`` place it in its document (a page yields ``count`` articles); a newer
    ``extracted_at`` for the same document replaces everything derived from the older one.
    """

    model_config = ConfigDict(extra="ignore")

    schema_version: Literal[1] = 1
    article_id: str
    document_id: str
    index: int = Field(ge=0)
    count: int = Field(ge=1)
    kind: DocumentKind
    source: str
    external_id: str | None = None
    url: str | None = None
    published: date
    published_at: datetime | None = None
    extractor_version: str
    extracted_at: datetime


class EventRecord(Event):
    """One event with enough of its article to be useful on its own (also what the api returns)."""

    id: str
    article_id: str
    document_id: str
    source: str
    published: date
    headline: str | None = None
    url: str | None = None
    region: Region | None = Field(default=None, description="the article's main region")
    extractor_version: str


class EventExtracted(EventRecord, _Message):
    """extract → subscribers: one event.

    Subject ``events.<type>.<province>.<city>``, stream NEWSEVENTS_EVENTS.
    """

    model_config = ConfigDict(extra="ignore")

    schema_version: Literal[1] = 1
    extracted_at: datetime


class DeadLetter(_Message):
    """A message that could not be processed after its last attempt (or failed permanently).

    Subject ``dlq.<consumer>``, stream NEWSEVENTS_DLQ.
    """

    schema_version: Literal[1] = 1
    consumer: str
    subject: str
    stream_sequence: int
    deliveries: int
    error: str
    headers: dict[str, str] = Field(default_factory=dict)
    data: str = Field(description="the original payload, as UTF-8 text (replaced characters if not)")
    failed_at: datetime
