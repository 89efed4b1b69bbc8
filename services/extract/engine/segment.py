"""Pages into articles, and raw article text into clean text with its metadata.

STUB: owned by the segmentation work; replaced by the real implementation.
"""

from __future__ import annotations

from .document import RawArticle


def split_page(text: str) -> list[RawArticle]:
    """Split the text layer of a newspaper page into its articles (in reading order)."""
    body = clean_article(text).body
    return [RawArticle(body=body)] if body else []


def clean_article(text: str, headline: str | None = None) -> RawArticle:
    """Clean one article pushed on its own: rejoin hard wraps, strip dateline/byline, find metadata."""
    paragraphs = [" ".join(p.split()) for p in text.replace("\r\n", "\n").split("\n\n")]
    return RawArticle(body="\n".join(p for p in paragraphs if p), headline=headline)
