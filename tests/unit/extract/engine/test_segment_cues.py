"""Cues in the wording of news text: story openings, paragraph openers, places, headlines."""

from __future__ import annotations

import pytest
from newsevents.extract.engine.news_cues import (
    first_province,
    opens_paragraph,
    place_names,
    starts_with_province,
    story_province,
)


@pytest.mark.parametrize(
    ("paragraph", "province"),
    [
        ("10月8日，河南省郑州市金水区召开文明城市创建工作推进会", "河南"),
        ("近日，广西壮族自治区南宁市青秀区举办", "广西"),
        ("连日来，新疆维吾尔自治区伊犁哈萨克自治州", "新疆"),
        ("4月13日至15日，云南省西双版纳傣族自治州景洪市", "云南"),
        ("湟中区西堡镇于2022年通过国家东西部协作政策，在江苏省南京市", None),
        ("今年以来，全市物质文明建设取得显著成效", None),
        ("", None),
    ],
)
def test_story_province(paragraph, province):
    assert story_province(paragraph) == province


def test_first_province():
    assert first_province("冬日的福州，暖阳和煦。走进福建省福州市鼓楼区") == "福建"
    assert first_province("没有地名") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("据了解，本次活动共吸引300余名群众参加。", True),
        ("截至目前，全县已建成文化礼堂86个。", True),
        ("5月13日，吉林省长春市朝阳区召开推进会。", True),
        ("会上，5个单位作了交流发言。", True),
        # a sentence cut by a column break continues mid-phrase
        ("在稻田里爬行，稻香四溢。", False),
        ("人表示：“我们将持续推进。”", False),
        ("据", False),
        ("", False),
    ],
)
def test_opens_paragraph(text, expected):
    assert opens_paragraph(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("福田区“志愿者之家”为志愿者提供培训", ["福田区"]),
        ("据统计，今年国庆假期，黄龙溪古镇接待游客", ["黄龙溪古镇"]),
        ("湖南省长沙市岳麓区开展专项行动", ["湖南省", "长沙市", "岳麓区"]),
        ("志愿者们沿着海岸线清理垃圾。", []),
        ("", []),
    ],
)
def test_place_names(text, expected):
    assert place_names(text) == expected


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        ("海南三亚市开展海滩清洁行动", True),
        ("内蒙古呼和浩特市赛罕区开展文明交通活动", True),
        ("以文明实践凝聚人心", False),
        ("草原深处文明花开", False),
        ("", False),
    ],
)
def test_starts_with_province(headline, expected):
    assert starts_with_province(headline) is expected
