"""``GET /v1/articles`` and ``GET /v1/articles/{id}``, served by the store."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response

from newsevents.contract.http import ArticleDetail, ArticleSummary, Page

from .. import examples
from ..deps import StoreDep
from ..openapi import errors, ok
from ..queries import ID_DESCRIPTION, ArticleQuery, Identifier, forwarded

router = APIRouter(tags=["articles"])


@router.get(
    "/v1/articles",
    response_model=Page[ArticleSummary],
    summary="list articles",
    description="Newest first. `q` is full text (every term must occur); `region` a GB/T 2260 code prefix; "
    "`from`/`to` bound the publication date.",
    responses={**ok(examples.ARTICLE_PAGE), **errors(422, 503)},
)
async def list_articles(request: Request, query: Annotated[ArticleQuery, Query()], store: StoreDep) -> Response:
    return await store.get(request, "/v1/articles", forwarded(query))


@router.get(
    "/v1/articles/{id}",
    response_model=ArticleDetail,
    summary="one article with its body, entities, events, metrics and quotes",
    description="Every offset indexes `body`: `body[start:end] == text`.",
    responses={**ok(examples.ARTICLE_DETAIL), **errors(404, 422, 503)},
)
async def get_article(request: Request, id: Annotated[Identifier, Path(description=ID_DESCRIPTION)], store: StoreDep) -> Response:
    return await store.get(request, f"/v1/articles/{id}")
