"""Running the extraction engine over documents to produce predictions (``extract --input``, ``eval``)."""

from __future__ import annotations

from typing import Any, Protocol

from .gold import GoldDocument


class _Extractor(Protocol):
    def extract(self, text: str, *, published: Any, kind: Any = ..., headline: str | None = ...) -> list[Any]: ...


def predict(extractor: _Extractor, doc: GoldDocument) -> dict[str, Any]:
    """``{"id", "articles": [...]}`` for one document, or ``{"id", "articles": [], "error"}``.

    Any exception of the engine is caught and reported in ``error``: one bad document must
    not stop a batch.
    """
    try:
        articles = extractor.extract(doc.text, published=doc.published, kind=doc.kind, headline=doc.headline)
        return {"id": doc.id, "articles": [a.model_dump(mode="json") for a in articles]}
    except Exception as exc:  # noqa: BLE001 - reported per document, the run continues
        return {"id": doc.id, "articles": [], "error": f"{type(exc).__name__}: {exc}"}
