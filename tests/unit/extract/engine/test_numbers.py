"""Numbers as Chinese news prints them: Arabic, full-width and Chinese numerals."""

from __future__ import annotations

from decimal import Decimal

import pytest

from newsevents.extract.engine.numbers import parse_number, to_plain


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("24.87", Decimal("24.87")),
        ("2300", Decimal(2300)),
        ("1,200", Decimal(1200)),
        ("12,800,000", Decimal(12_800_000)),
        ("１２", Decimal(12)),
        ("９９．５", Decimal("99.5")),
        ("0", Decimal(0)),
        ("一", Decimal(1)),
        ("两", Decimal(2)),
        ("八", Decimal(8)),
        ("十", Decimal(10)),
        ("十二", Decimal(12)),
        ("二十", Decimal(20)),
        ("二十三", Decimal(23)),
        ("一百零五", Decimal(105)),
        ("三千五百", Decimal(3500)),
        ("三千五百万", Decimal(35_000_000)),
        ("十万", Decimal(100_000)),
        ("一万二千", Decimal(12_000)),
        ("两亿", Decimal(200_000_000)),
        ("二〇二四", Decimal(2024)),
        ("一九九八", Decimal(1998)),
        ("零", Decimal(0)),
    ],
)
def test_parse_number(text: str, expected: Decimal) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "abc",
        "3.1.2",
        ".5",
        "5.",
        ",100",
        "百",  # 百 / 千 need a digit before them
        "千家",
        "三五",  # 三五成群: an approximate range, not 35
        "七八",
        "万万",
        "12a",
        "十二个",
        "二两",
    ],
)
def test_parse_number_rejects(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("value", "expected", "kind"),
    [
        (Decimal("248700.00"), 248700, int),
        (Decimal("99.5"), 99.5, float),
        (Decimal("24.87") * 10000, 248700, int),
        (Decimal("1.9") * 10000, 19000, int),
        (Decimal(0), 0, int),
    ],
)
def test_to_plain(value: Decimal, expected: float, kind: type) -> None:
    plain = to_plain(value)
    assert plain == expected and type(plain) is kind
