"""Stated quantities: normalised value and unit, exact offsets, and what is never a quantity."""

from __future__ import annotations

import json
import re

import pytest

from newsevents.extract.engine.quantities import find_metrics


def _found(text: str) -> list[tuple[str, float, str]]:
    metrics = find_metrics(text)
    for m in metrics:
        assert text[m.start : m.end] == m.text
    return [(m.text, m.value, m.unit) for m in metrics]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # counts of people, groups, places, events
        ("实名注册志愿者达24.87万人。", [("24.87万人", 248700, "人")]),
        ("累计开展活动2000多场次。", [("2000多场次", 2000, "场次")]),
        ("十二支志愿服务队现场认领服务项目。", [("十二支", 12, "支")]),
        ("八个寨子的300多名村民参加。", [("八个", 8, "个"), ("300多名", 300, "名")]),
        ("开展各类文明实践活动1.9万余次。", [("1.9万余次", 19000, "次")]),
        ("组织3100余名志愿者上街服务。", [("3100余名", 3100, "名")]),
        ("参与群众60万人次以上。", [("60万人次", 600000, "人次")]),
        ("服务群众150万余人次。", [("150万余人次", 1500000, "人次")]),
        ("惠及居民1.3万户。", [("1.3万户", 13000, "户")]),
        ("增设非机动车停放点位320处，新建公厕23座。", [("320处", 320, "处"), ("23座", 23, "座")]),
        ("共查处各类违规行为2700余起。", [("2700余起", 2700, "起")]),
        ("组织开展督查检查47轮次。", [("47轮次", 47, "轮次")]),
        ("推出20项具体举措。", [("20项", 20, "项")]),
        ("18家社会组织现场签约。", [("18家", 18, "家")]),
        ("配备6辆流动服务车。", [("6辆", 6, "辆")]),
        ("3位救人者只是淡淡地说。", [("3位", 3, "位")]),
        ("建成乡村学校少年宫63所。", [("63所", 63, "所")]),
        ("提升改造背街小巷56条。", [("56条", 56, "条")]),
        ("近2000人参加比赛。", [("近2000人", 2000, "人")]),
        # money, areas, lengths, weights
        ("投入资金近2300万元。", [("近2300万元", 23000000, "元")]),
        ("总投资12.8亿元。", [("12.8亿元", 1280000000, "元")]),
        ("为群众节省开支3000多万元。", [("3000多万元", 30000000, "元")]),
        ("捡到装有2万元现金的手提包。", [("2万元", 20000, "元")]),
        ("奖励3000元。", [("3000元", 3000, "元")]),
        ("募集善款约85万元。", [("约85万元", 850000, "元")]),
        ("整治面积500余万平方米。", [("500余万平方米", 5000000, "平方米")]),
        ("新建绿道330余公里。", [("330余公里", 330, "公里")]),
        ("清运生活垃圾1.5万吨。", [("1.5万吨", 15000, "吨")]),
        ("种植水稻1,200亩。", [("1,200亩", 1200, "亩")]),
        # shares
        ("群众满意度达99.5%。", [("99.5%", 99.5, "%")]),
        ("办结率达９８．６％。", [("９８．６％", 98.6, "%")]),
        ("同比提高3.5个百分点。", [("3.5个百分点", 3.5, "个百分点")]),
        # durations are quantities too (坚持了5年)
        ("这样的上门探访，她已经坚持了5年。", [("5年", 5, "年")]),
        ("乡村医生扎根侗寨行医30年。", [("30年", 30, "年")]),
        ("培训持续3个月。", [("3个月", 3, "个月")]),
        # several in one sentence, in order
        (
            "改造老旧小区31个、背街小巷18条，新增停车泊位2600个。",
            [("31个", 31, "个"), ("18条", 18, "条"), ("2600个", 2600, "个")],
        ),
        ("3人入选“中国好人榜”，15人获评“湖北好人”。", [("3人", 3, "人"), ("15人", 15, "人")]),
        ("完成12条街巷的整治。", [("12条", 12, "条")]),
        ("注册志愿者1.2万余名。", [("1.2万余名", 12000, "名")]),
        ("震源深度10千米。", [("10千米", 10, "千米")]),
        ("新增装机10万千瓦。", [("10万千瓦", 100000, "千瓦")]),
    ],
)
def test_quantities(text: str, expected: list) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "。，、；！？",
        "Volunteers served 300 people.",
        "\x00\x01\x02\x1f",
        "10月2日，天空绚丽的霞光倒映在水面。",  # a date
        "2024年全省“最美家庭”",  # a year
        "《2023年版指标体系》",  # a version year
        "第八届志愿服务项目大赛",  # an ordinal
        "2024年第一季度“中国好人榜”",  # an ordinal inside a date
        "庆祝中华人民共和国成立75周年",  # an anniversary
        "大家第一时间将人送往医院",
        "发现一名少年失足落水",  # 一名: an article, not a count
        "一个个边境村屯变得干净整洁",
        "文明新风吹进千家万户",
        "组织数十名志愿者",  # vague
        "几十个村庄",
        "坚决做到两个维护",  # a slogan
        "严格落实八项规定精神",
        "一位老人焦急地四处张望",  # an idiom
        "喜欢上了二次元“老婆”",
        "电影《三块广告牌》原声",  # inside a title
        "印发《十大行动实施方案》",
        "十年如一日坚守岗位",  # Chinese numerals before 年
        "游客1.9万，同比增长",  # no unit
        "车辆违停在S216线平华一级公路上",
        "G20峰会期间",
        "电话13800138000",
        "将每月5日确定为推动日",
        "3.1万",
    ],
)
def test_no_quantity(text: str) -> None:
    assert find_metrics(text) == []


def test_traditional_characters() -> None:
    assert _found("投入資金3億元") == [("3億元", 300000000, "元")]


def test_one_megabyte() -> None:
    text = "全市累计开展志愿服务活动2000多场次，参与群众达24.87万人。" * 30_000 + "1" * 100_000
    assert len(text) > 1_000_000
    metrics = find_metrics(text)
    assert len(metrics) == 60_000
    assert metrics[-1].text == "24.87万人"


def test_money_parser_cases(shared_dir) -> None:
    """JioNLP's money cases in the forms news prints (a number, 万/亿, a currency), values exact."""
    path = shared_dir / "eval/public/jionlp_tests/money_parser_cases.jsonl"
    form = re.compile(r"(?:近|约)?[\d.,]+(?:万|亿)?多?(?:元|美元|欧元|港元|日元)")
    checked = 0
    for line in path.read_text("utf-8").splitlines():
        case = json.loads(line)
        text, expected = case["text"], case["expected"]
        if not form.fullmatch(text) or not isinstance(expected["num"], str):
            continue
        (metric,) = find_metrics(text)
        assert metric.text == text
        assert metric.value == pytest.approx(float(expected["num"]))
        checked += 1
    assert checked >= 4
