"""Datelines, byline lines, trailing bylines, photo credits: names without titles."""

from __future__ import annotations

import pytest
from newsevents.extract.engine.bylines import (
    is_furniture,
    parse_byline_line,
    parse_dateline,
    parse_trailer,
    split_credit,
    split_names,
)


@pytest.mark.parametrize(
    ("paragraph", "names", "rest"),
    [
        ("本报讯（胡杨 孙伟 杨洁）奋进新时代，颂歌献祖国。", ["胡杨", "孙伟", "杨洁"], "奋进新时代，颂歌献祖国。"),
        ("本报讯 （刘洋 孙铭泽）5月13日，吉林省长春市", ["刘洋", "孙铭泽"], "5月13日，吉林省长春市"),
        ("本报讯（记者 阿依努尔·吐尔逊）连日来，新疆", ["阿依努尔·吐尔逊"], "连日来，新疆"),
        ("本报讯（记者 田甜 通讯员 覃玉梅）9月22日，湖北", ["田甜", "覃玉梅"], "9月22日，湖北"),
        ("本报北京10月9日电（记者 张三）近日，", ["张三"], "近日，"),
        ("新华社北京10月9日电（记者 王五 李六）近日，", ["王五", "李六"], "近日，"),
        ("本報訊（記者 張三）近日，", ["張三"], "近日，"),
        ("本报讯 近日，某市召开会议。", [], "近日，某市召开会议。"),
        ("本报讯 （记者 次仁卓玛 通讯员 旦增）日前，西藏", ["次仁卓玛", "旦增"], "日前，西藏"),
        ("本报呼和浩特5月3日电（记者 巴特尔 其木格）近日，", ["巴特尔", "其木格"], "近日，"),
    ],
)
def test_parse_dateline(paragraph, names, rest):
    dateline = parse_dateline(paragraph)
    assert dateline is not None
    assert dateline.names == names
    assert paragraph[dateline.body_start :] == rest


@pytest.mark.parametrize(
    "paragraph",
    ["近日，本报讯员前来采访。", "据本报讯，", "今年以来，平凉市召开推进会。", ""],
)
def test_no_dateline(paragraph):
    assert parse_dateline(paragraph) is None


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("◎ 向红梅 谭启明", ["向红梅", "谭启明"]),
        ("◎ 本报记者 韦丽萍 杨光", ["韦丽萍", "杨光"]),
        ("文/李晓东", ["李晓东"]),
        ("文/林丹 陈思远", ["林丹", "陈思远"]),
        ("本报记者 胡晓东 通讯员 钟丽萍", ["胡晓东", "钟丽萍"]),
        ("◎ 李明文", ["李明文"]),  # a person whose name ends in 文
        ("◎ 鹤壁文", []),  # "written by 鹤壁": a place, no person
        ("◎ 本报记者 巴特尔 其木格", ["巴特尔", "其木格"]),
        ("文/次仁卓玛", ["次仁卓玛"]),
        ("本报记者 扎西顿珠 通讯员 格桑拉姆", ["扎西顿珠", "格桑拉姆"]),
    ],
)
def test_byline_line(line, names):
    assert parse_byline_line(line) == names


@pytest.mark.parametrize(
    "line",
    ["记者从市文明办获悉，", "记者从市文明办获悉", "文明新风拂硒都", "◎", "本报记者", "近日，某市召开会议。"],
)
def test_not_a_byline_line(line):
    assert parse_byline_line(line) is None


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("（王志宏 于佳琪）", ["王志宏", "于佳琪"]),
        ("（马文娟）", ["马文娟"]),
        ("（记者 吉克阿呷）", ["吉克阿呷"]),
        ("(郭丽娜)", ["郭丽娜"]),
        # Tibetan and Mongolian names carry no Han family name
        ("（扎西顿珠）", ["扎西顿珠"]),
        ("（次仁卓玛 其木格）", ["次仁卓玛", "其木格"]),
        ("（巴特尔 乌日娜）", ["巴特尔", "乌日娜"]),
        ("（玉应罕 岩温）", ["玉应罕", "岩温"]),
        # beside a name led by a family name, another two-to-four character token is a name
        ("（王强 卓嘎）", ["王强", "卓嘎"]),
    ],
)
def test_trailing_byline(line, names):
    assert parse_trailer(line) == names


@pytest.mark.parametrize(
    "line", ["（试行）", "（社区）", "（所、站）", "（图片由市文明办提供）", "王志宏 于佳琪", "（社区 街道）", "（组）", ""]
)
def test_not_a_trailing_byline(line):
    assert parse_trailer(line) is None


@pytest.mark.parametrize(
    ("text", "caption", "names"),
    [
        ("呈现一幅城水相依的生态廊道画卷。张国荣望作信摄", "呈现一幅城水相依的生态廊道画卷。", ["张国荣", "望作信"]),
        ("图为志愿者在漓江岸边捡拾垃圾。 唐文杰 莫小雨 摄", "图为志愿者在漓江岸边捡拾垃圾。", ["唐文杰", "莫小雨"]),
        ("检修电暖器。 冉光辉 摄", "检修电暖器。", ["冉光辉"]),
        ("维护游园秩序。新华社记者 李强 摄", "维护游园秩序。", ["李强"]),
        ("汪东明 程晓华 摄", "", ["汪东明", "程晓华"]),
        # two names printed without a space; a minority name is not split
        ("提供指路服务。张伟刘芳摄", "提供指路服务。", ["张伟", "刘芳"]),
        ("在青稞地里收割。 次仁卓玛 摄", "在青稞地里收割。", ["次仁卓玛"]),
        ("收获谷子。 额尔敦 摄", "收获谷子。", ["额尔敦"]),
    ],
)
def test_photo_credit(text, caption, names):
    assert split_credit(text) == (caption, names)


@pytest.mark.parametrize("text", ["我们一起拍摄", "摄", "游客纷纷拿出手机拍照留念。", ""])
def test_no_photo_credit(text):
    assert split_credit(text) is None


@pytest.mark.parametrize(
    ("text", "strict", "names"),
    [
        ("胡杨 孙伟 杨洁", False, ["胡杨", "孙伟", "杨洁"]),
        ("记者 田甜 通讯员 覃玉梅", False, ["田甜", "覃玉梅"]),
        ("张国荣望作信", False, ["张国荣", "望作信"]),
        ("欧阳明月 司马光", True, ["欧阳明月", "司马光"]),
        ("吉克阿呷", False, ["吉克阿呷"]),
        ("次仁卓玛 巴特尔 其木格", True, ["次仁卓玛", "巴特尔", "其木格"]),
        ("阿不都热依木·艾力", True, ["阿不都热依木·艾力"]),
        ("张伟刘芳", False, ["张伟", "刘芳"]),
        ("阿旺罗布", True, ["阿旺罗布"]),
        ("白玛央金", True, ["白玛央金"]),
        ("试行", True, None),  # not led by a family name
        ("市委市直机关工委", False, None),
        ("A B", False, None),
    ],
)
def test_split_names(text, strict, names):
    assert split_names(text, strict=strict) == names


@pytest.mark.parametrize(
    ("line", "expected"),
    [("（上接第1版）", True), ("（完）", True), ("责任编辑：王某", True), ("本版编辑 张三", True),
     ("（王志宏 于佳琪）", False), ("上接地气的宣讲", False), ("编辑部门召开会议。", False)],
)
def test_furniture(line, expected):
    assert is_furniture(line) is expected
