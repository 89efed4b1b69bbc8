import pytest

from newsevents.ingest.intake import to_message, validate_push
from newsevents.runtime.http import HttpError

ARTICLE = {"source": "人民日报", "external_id": "a-1", "published": "2024-10-10", "headline": "标题", "body": "正文。"}


@pytest.mark.parametrize(
    ("item", "paths"),
    [
        ({k: v for k, v in ARTICLE.items() if k != "published"}, ["body.published"]),
        (ARTICLE | {"published": "2024-13-40"}, ["body.published"]),
        (ARTICLE | {"body": "   "}, ["body.body"]),
        (ARTICLE | {"source": ""}, ["body.source"]),
        (ARTICLE | {"sourse": "typo"}, ["body.sourse"]),
        (ARTICLE | {"source": "a\x00b"}, ["body.source"]),
        ({"kind": "page", "source": "s", "published": "2024-10-10"}, ["body.text"]),
        ({"kind": "page", "source": "s", "published": "2024-10-10", "text": "x", "body": "y"}, ["body.body"]),
        ({"kind": "video", "source": "s", "published": "2024-10-10", "body": "x"}, ["body.kind"]),
    ],
)
def test_invalid_items_are_422_with_the_field_path(item, paths):
    with pytest.raises(HttpError) as info:
        validate_push(item)
    assert info.value.status == 422
    assert [d.path for d in info.value.details] == paths


def test_not_an_object_is_422():
    with pytest.raises(HttpError) as info:
        validate_push([1, 2])
    assert info.value.status == 422


def test_page_and_article_messages():
    page = to_message(validate_push({"kind": "page", "source": "s", "published": "2024-10-10T08:00:00+08:00", "text": "版面"}))
    assert page.kind == "page" and page.text == "版面" and page.published.isoformat() == "2024-10-10"
    assert page.published_at is not None
    article = to_message(validate_push(ARTICLE | {"version": 2}))
    assert article.kind == "article" and article.text == "正文。" and article.version == "2"
    assert article.document_id == to_message(validate_push(ARTICLE | {"version": "2", "body": "改过的正文"})).document_id
