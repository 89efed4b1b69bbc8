"""Whitespace-insensitive text helpers of the scorer."""

from __future__ import annotations

import pytest

from newsevents.extract.evaluation.text import SquashedText, names_match, normalize_title, similarity, squash


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("召开 推进会\n", "召开推进会"),
        ("\u3000全市\t开展", "全市开展"),
        ("", ""),
        (None, ""),
        ("   \n", ""),
    ],
)
def test_squash(text, expected):
    assert squash(text) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("——甘肃平凉市持续深化文明城市创建工作侧记", "甘肃平凉市持续深化文明城市创建工作侧记"),
        ("—— 河南鹤壁市 持续深化", "河南鹤壁市持续深化"),
        ("--文明新风", "文明新风"),
        ("文明沁人心 幸福满鹤城", "文明沁人心幸福满鹤城"),
        ("文明——新风", "文明——新风"),
        (None, ""),
        ("——", ""),
    ],
)
def test_normalize_title(title, expected):
    assert normalize_title(title) == expected


@pytest.mark.parametrize(
    ("body", "needle", "expected"),
    [
        ("近日，达州市\n举行合唱比赛决赛。", "举行合唱比赛", [(7, 13)]),
        ("全市开展 志愿 服务。", "开展志愿服务", [(2, 10)]),
        ("开展活动，再开展活动", "开展活动", [(0, 4), (6, 10)]),
        ("近日，达州市举行", "召开", []),
        ("近日，达州市举行", "", []),
        ("", "举行", []),
    ],
)
def test_spans_map_back_to_the_original(body, needle, expected):
    text = SquashedText(body)
    spans = list(text.spans(needle))
    assert spans == expected
    for start, end in spans:
        assert squash(body[start:end]) == squash(needle)


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [
        ("平凉市", "平凉市", True),
        ("平凉市", "平凉", True),
        ("崆峒公安分局交警大队", "平凉市崆峒公安分局交警大队", True),
        ("崇信", "崇", False),
        ("平凉市", "庆阳市", False),
        ("", "平凉市", False),
        ("平凉市", "", False),
    ],
)
def test_names_match(gold, predicted, expected):
    assert names_match(gold, predicted) is expected


@pytest.mark.parametrize(
    ("a", "b", "low", "high"),
    [
        ("今年以来，全市开展活动。", "今年以来，全市开展活动。", 1.0, 1.0),
        ("今年以来，全市开展活动。", "今年以来，\n全市 开展活动。", 1.0, 1.0),
        ("今年以来，全市开展活动。", "ABCDEFG", 0.0, 0.0),
        ("今年以来，全市开展活动。", "今年以来，全市开展活动。标题", 0.9, 0.99),
        ("", "", 1.0, 1.0),
        ("今年以来", "", 0.0, 0.0),
    ],
)
def test_similarity(a, b, low, high):
    assert low <= similarity(a, b) <= high
