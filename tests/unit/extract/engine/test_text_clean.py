"""Character-level cleaning: hard wraps, stray spaces, doubled bold headings, sentence ends."""

from __future__ import annotations

import pytest
from newsevents.extract.engine.text_clean import (
    clean_spaces,
    display_width,
    is_dangling,
    join_lines,
    normalize_text,
    strip_dashes,
    undouble,
)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["今年以来，平凉市对照2023", "年版指标体系"], "今年以来，平凉市对照2023年版指标体系"),
        (["累计开展志愿服务活动3.", "1万场次"], "累计开展志愿服务活动3.1万场次"),
        (["开展宣讲86", "0余场"], "开展宣讲860余场"),
        (["阿依努尔·吐尔", "逊"], "阿依努尔·吐尔逊"),
        (["The quick brown", "fox jumps"], "The quick brown fox jumps"),
        (["居民垃圾分类知晓率达到99.", "2%，参与率达到85.7%"], "居民垃圾分类知晓率达到99.2%，参与率达到85.7%"),
        (["投入资金12.", "3万元"], "投入资金12.3万元"),
        (["实现旅游综合收入4.", "6亿元"], "实现旅游综合收入4.6亿元"),
        (["发布APP", "平台"], "发布APP平台"),
        (["一行", "", "二行"], "一行二行"),
        ([], ""),
    ],
)
def test_join_lines_loses_and_invents_nothing(lines, expected):
    assert join_lines(lines) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # letter-spaced captions lose every space between CJK characters and inside numbers
        ("流域沿线处处是风景如画的生态廊道景 观 。图 为 10 月 2日，天空绚丽", "流域沿线处处是风景如画的生态廊道景观。图为10月2日，天空绚丽"),
        ("5 月11日， 广西壮族自治区桂林市 阳朔县20 0 余 名 志 愿者在兴坪镇", "5月11日，广西壮族自治区桂林市阳朔县200余名志愿者在兴坪镇"),
        # spaces next to CJK punctuation or between CJK and digits are never meant
        ("投入资金近2300万元，组织 113家省级以上文明单位", "投入资金近2300万元，组织113家省级以上文明单位"),
        ("370 余家文明单位", "370余家文明单位"),
        # stray spaces inside numbers of a caption that is not letter-spaced
        ("累计栽植苗木1 .2万株。", "累计栽植苗木1.2万株。"),
        ("组织1 50余名志愿者参加。", "组织150余名志愿者参加。"),
        ("播种面积达99 . 2万亩", "播种面积达99.2万亩"),
        ("达1. 2万亩", "达1.2万亩"),
        # numbers among Latin words keep their spaces
        ("依据GB 2260 2023标准", "依据GB 2260 2023标准"),
        ("iPhone 15 256GB", "iPhone 15 256GB"),
        ("如今， “志愿护江”已成为风景", "如今，“志愿护江”已成为风景"),
        # an isolated space between two CJK words is a slogan's: kept
        ("“文明朝阳 你我同行”文明行为促进月", "“文明朝阳 你我同行”文明行为促进月"),
        ("开展“文明祭扫 绿色清明”志愿服务活动", "开展“文明祭扫 绿色清明”志愿服务活动"),
        # Latin words keep their space; names with a middle dot are untouched
        ("Hello world 你好", "Hello world 你好"),
        ("居民热依汗古丽·买买提说", "居民热依汗古丽·买买提说"),
        ("  前后空格  ", "前后空格"),
        ("没有空格", "没有空格"),
        ("", ""),
    ],
)
def test_clean_spaces(text, expected):
    assert clean_spaces(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("以精神文明引领社会风尚以精神文明引领社会风尚", "以精神文明引领社会风尚"),
        ("打造文明建设打造文明建设““鹤壁模式鹤壁模式””", "打造文明建设“鹤壁模式”"),
        ("/ 街巷焕新 // 街巷焕新 /", "/ 街巷焕新 /"),
        ("/ 村晚/ 村晚““火火””起来 /起来 /", "/ 村晚“火”起来 /"),
        ("让让““礼礼””融入日常融入日常", "让“礼”融入日常"),
        ("/ 志愿常在 // 志愿常在 /", "/ 志愿常在 /"),
        ("/ 赛会淬炼 /\n志愿服务品牌越擦越亮/ 赛会淬炼 /\n志愿服务品牌越擦越亮", "/ 赛会淬炼 /\n志愿服务品牌越擦越亮"),
        # not doubled
        ("以城乡共建提升颜值", None),
        ("人人可为人人", None),
        ("““””", None),  # only one-character runs: nothing to undo
        ("", None),
    ],
)
def test_undouble(text, expected):
    assert undouble(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("成了平凉各级媒体的高频", True),
        ("每日更新平凉门户网站专题和“文明平凉 更新平凉”", True),
        ("州文明办主任覃晓燕表示：", True),
        ("市区联合正在对中心城区包抓共建单位进行调整，", True),
        ("为打造北方美丽城市贡献应有力量。", False),
        ("“这是我们应该做的事。”", False),
        ("100个行政村（社区）……", False),
        ("这是真的吗？", False),
        ("", False),
    ],
)
def test_is_dangling(text, expected):
    assert is_dangling(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a\x00b\u200bc\td\r\ne\x0cf\ufeff", "abc d\nef"),
        ("第一段\r\n\r\n第二段", "第一段\n\n第二段"),
        ("全角\u3000空格\u00a0", "全角 空格 "),
        ("", ""),
    ],
)
def test_normalize_text(text, expected):
    assert normalize_text(text) == expected


@pytest.mark.parametrize(
    ("text", "punct", "expected"),
    [
        ("近年来河南省", 1.0, 6.0),
        ("2024年", 1.0, 3.0),
        ("近年来，河南省", 1.0, 7.0),
        ("近年来，河南省", 0.5, 6.5),
        ("", 1.0, 0.0),
    ],
)
def test_display_width(text, punct, expected):
    assert display_width(text, punct) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("——甘肃平凉市持续深化全国文明城市创建工作侧记", "甘肃平凉市持续深化全国文明城市创建工作侧记"),
        (" —— 河南鹤壁市持续深化精神文明建设工作", "河南鹤壁市持续深化精神文明建设工作"),
        ("——", ""),
    ],
)
def test_strip_dashes(text, expected):
    assert strip_dashes(text, "—–―─-－") == expected
