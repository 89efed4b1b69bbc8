from datetime import datetime, timedelta, timezone

import pytest

from newsevents.ingest.ninjs import NinjsError, to_article

SUPERDESK = {
    "guid": "urn:newsml:localhost:2024-10-10T08:00:00.1:abc",
    "type": "text",
    "version": "3",
    "headline": "四川达州市举行合唱比赛决赛",
    "byline": "胡杨 孙伟",
    "body_html": "<p>近日，四川省达州市举行合唱比赛决赛。</p><p>共有16支队伍晋级。</p>",
    "versioncreated": "2024-10-10T08:30:00+0000",
    "source": "人民日报",
    "language": "zh-CN",
}
NINJS2 = {
    "uri": "http://example.org/news/1",
    "version": "1",
    "headlines": [{"role": "sub", "value": "副题"}, {"role": "main", "value": "主标题"}],
    "bodies": [{"role": "main", "contenttype": "text/plain", "value": "第一段。\n\n第二段。"}],
    "by": "记者 张三",
    "firstcreated": "2024-10-09T23:00:00+08:00",
}


def test_superdesk_push_maps_guid_html_and_plus0000_offsets():
    a = to_article(SUPERDESK, default_source="superdesk")
    assert a.external_id == SUPERDESK["guid"] and a.version == "3" and a.source == "人民日报"
    assert a.body == "近日，四川省达州市举行合唱比赛决赛。\n\n共有16支队伍晋级。"
    assert a.published == datetime(2024, 10, 10, 8, 30, tzinfo=timezone.utc)
    assert a.byline == "胡杨 孙伟" and a.language == "zh-CN"


def test_ninjs_2_maps_uri_main_headline_bodies_and_by():
    a = to_article(NINJS2, default_source="wire")
    assert a.external_id == NINJS2["uri"] and a.source == "wire"
    assert a.headline == "主标题" and a.body == "第一段。\n\n第二段。" and a.byline == "记者 张三"
    assert a.published.utcoffset() == timedelta(hours=8)
    assert a.published_date.isoformat() == "2024-10-09"


@pytest.mark.parametrize(
    ("item", "path"),
    [
        ({k: v for k, v in SUPERDESK.items() if k != "guid"}, "body.uri"),
        ({k: v for k, v in NINJS2.items() if k != "uri"}, "body.uri"),
        (SUPERDESK | {"body_html": "", "body_text": "  "}, "body.body_html"),
        (SUPERDESK | {"versioncreated": "yesterday"}, "body.versioncreated"),
        (SUPERDESK | {"type": "picture"}, "body.type"),
        (SUPERDESK | {"source": "x" * 500}, "body.source"),
    ],
)
def test_items_that_cannot_be_articles_name_the_field(item, path):
    with pytest.raises(NinjsError) as info:
        to_article(item, default_source="superdesk")
    assert path in [d.path for d in info.value.details]


def test_not_an_object():
    with pytest.raises(NinjsError):
        to_article(["x"], default_source="s")
