from newsevents.contract import ids


def doc(**kw) -> str:
    base = dict(source="人民日报", kind="article", external_id=None, version=None, published="2024-10-10",
                headline="标题", text="正文第一段。\n正文第二段。")
    return ids.document_id(**(base | kw))


def test_same_source_id_and_version_is_the_same_document_whatever_the_content():
    assert doc(external_id="x1", version="1", text="a") == doc(external_id="x1", version="1", text="b")


def test_a_new_version_is_a_new_document():
    assert doc(external_id="x1", version="1") != doc(external_id="x1", version="2")


def test_without_an_id_identity_is_the_content_ignoring_whitespace():
    assert doc() == doc(text="正文第一段。 \n\n 正文第二段。")
    assert doc() != doc(text="正文第一段。")
    assert doc() != doc(source="新华社")


def test_ids_are_subject_tokens_and_page_articles_are_numbered():
    d = doc(kind="page")
    assert len(d) == 24 and d.isalnum()
    assert ids.article_id(d, 0, "page") == f"{d}-01"
    assert ids.article_id(d, 0, "article") == d
    assert ids.message_id("event", "e1", "v1") != ids.message_id("event", "e1", "v2")
