"""The text layer as typed units: which line is a heading, a subtitle, a byline, a paragraph …"""

from __future__ import annotations

import pytest
from newsevents.extract.engine.page_units import is_flowed, read_units


def kinds(text: str) -> list[tuple[str, str]]:
    return [(u.kind, u.text) for u in read_units(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a trailing subtitle, then the next feature's headline and subtitle, in one block
        (
            ("力争入围全国文明城市提名城市。\n ——甘肃平凉市持续深化全国文明城市创建工作侧记\n"
             " 文明沁人心幸福满鹤城\n——河南鹤壁市持续深化精神文明建设工作"),
            [("body", "力争入围全国文明城市提名城市。"),
             ("subtitle", "甘肃平凉市持续深化全国文明城市创建工作侧记"),
             ("head", "文明沁人心幸福满鹤城"),
             ("subtitle", "河南鹤壁市持续深化精神文明建设工作")],
        ),
        # a byline line, then a dateline paragraph in the same block
        (
            "◎ 鹤壁文\n 本报讯（胡杨 孙伟 杨洁）奋进新时代，颂歌献祖\n国。近日，达州市举行比赛。",
            [("byline", ""), ("dateline", "奋进新时代，颂歌献祖国。近日，达州市举行比赛。")],
        ),
        # a slash subhead and the title line under it are one subhead
        ("/ 机制先行 /\n高站位压实创建责任", [("subhead", "/ 机制先行 / 高站位压实创建责任")]),
        ("/ 项目带动 /", [("subhead", "/ 项目带动 /")]),
        # doubled bold subheads over several lines
        (
            "/ 赛会淬炼 /\n志愿服务品牌越擦越亮/ 赛会淬炼 /\n志愿服务品牌越擦越亮",
            [("subhead", "/ 赛会淬炼 / 志愿服务品牌越擦越亮")],
        ),
        ("以精神文明引领社会风尚以精神文明引领社会风尚", [("head", "以精神文明引领社会风尚")]),
        # a headline wrapped over a blank line is one heading run
        ("福建泉州市泉港区\n召开城市文明建设工作\n\n推进会", [("head", "福建泉州市泉港区召开城市文明建设工作推进会")]),
        # a caption: the credit is taken off, on its own line or at the end
        (
            "近年来，湖北省\n宜昌市对黄柏河流\n域实施生态修复。\n张国荣望作信摄",
            [("caption", "近年来，湖北省宜昌市对黄柏河流域实施生态修复。")],
        ),
        # a trailing byline, standalone or at the end of the last paragraph
        ("近年来，平遥县营造崇德向善的\n浓厚氛围。\n\n（郭丽娜）", [("body", "近年来，平遥县营造崇德向善的浓厚氛围。"), ("trailer", "")]),
        ("近年来，平遥县营造崇德向善的\n浓厚氛围。（郭丽娜）", [("body", "近年来，平遥县营造崇德向善的浓厚氛围。"), ("trailer", "")]),
        # page furniture disappears
        ("（上接第1版）\n\n正文第一段。", [("body", "正文第一段。")]),
        # a body line that starts with —— mid-paragraph is not a subtitle
        (
            "今年以来，全市物质文明建设取得显著成\n——累计改造老旧小区294个，老旧小区改\n造经验做法在全国推广。",
            [("body", "今年以来，全市物质文明建设取得显著成——累计改造老旧小区294个，老旧小区改造经验做法在全国推广。")],
        ),
        ("", []),
        ("\n\n  \n", []),
    ],
)
def test_units(text, expected):
    assert kinds(text) == expected


def test_names_travel_with_their_units():
    units = read_units("◎ 本报记者 韦丽萍 杨光\n\n本报讯（记者 段晓云）近日，大理市开展督查。\n\n（王志宏 于佳琪）")
    assert [u.names for u in units] == [["韦丽萍", "杨光"], ["段晓云"], ["王志宏", "于佳琪"]]


def test_paragraph_width_is_measured_on_full_lines():
    unit = read_units("今年以来，湖北省恩施土家族苗\n族自治州坚持把新时代文明实践\n作为凝聚群众、引导群众、服务\n群众的重要抓手。")[0]
    assert unit.width == (14.0, 14.0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("今年以来，平凉市紧盯第八届全国\n文明城市提名资格目标，全面落实\n全省全国文明城市创建工作", False),
        (("今年以来，湖北省恩施土家族苗族自治州坚持把新时代文明实践作为凝聚群众、引导群众、服务群众的重要抓手。\n"
          "走进利川市谋道镇新时代文明实践所，理论宣讲室、“四点半课堂”、老年活动室一应俱全。"), True),
        ("", False),
    ],
)
def test_flowed_text_is_told_from_hard_wrapped(text, expected):
    assert is_flowed(text) is expected
