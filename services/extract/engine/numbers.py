"""Numbers as Chinese news prints them: ``24.87``, ``1,200``, ``１２``, ``十二``, ``二〇二四``.

``parse_number`` reads one numeral (Arabic digits with an optional decimal part and thousands
commas, or Chinese numerals up to 亿, 两 and 〇 included) into an exact ``Decimal``; it never
guesses: anything else gives ``None``. ``to_plain`` turns a ``Decimal`` into the ``int`` or
``float`` the contract wants (``int`` whenever the value is integral).

``to_halfwidth`` turns full-width digits, point and percent sign into ASCII one character for
one character, so offsets stay valid after it. The full-width comma ``，`` is left alone: in
Chinese text it separates clauses, not thousands.

Limits: no fractions (三分之一), no 百分之…, no scientific notation; 千/百 as multipliers after
Arabic digits (3千) are left to the callers.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

FULLWIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")
_HAS_FULLWIDTH = re.compile("[０-９．％]")

CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_BIG_UNITS = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
CN_NUMERAL_CHARS = "".join(CN_DIGITS) + "".join(CN_SMALL_UNITS) + "".join(CN_BIG_UNITS)


def to_halfwidth(text: str) -> str:
    """``text`` with full-width digits, point and percent sign made ASCII (same length)."""
    return text.translate(FULLWIDTH) if _HAS_FULLWIDTH.search(text) else text


def parse_number(text: str) -> Decimal | None:
    """``"24.87"`` → 24.87, ``"1,200"`` → 1200, ``"十二"`` → 12, ``"二〇二四"`` → 2024; else None."""
    text = to_halfwidth(text).strip()
    if not text:
        return None
    if text[0].isascii():
        return _parse_arabic(text)
    return parse_chinese(text)


def _parse_arabic(text: str) -> Decimal | None:
    if not all(c.isascii() and (c.isdigit() or c in ".,") for c in text):
        return None
    if text.startswith((".", ",")) or text.endswith((".", ",")) or text.count(".") > 1:
        return None
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def parse_chinese(text: str) -> Decimal | None:
    """Chinese numerals: 十二, 二十三, 一百零五, 三千五百万, 两亿.

    A string of four or more bare digits (二〇二四) is read digit by digit; two or three bare
    digits (三五, 七八) are approximate ranges and give None.
    """
    if not text or any(c not in CN_NUMERAL_CHARS for c in text):
        return None
    if all(c in CN_DIGITS for c in text):
        if len(text) == 1:
            return Decimal(CN_DIGITS[text])
        if "两" in text or len(text) < 4:
            return None  # 三五成群, 七八个: ranges, not numbers; 4+ digits are years or codes
        return Decimal("".join(str(CN_DIGITS[c]) for c in text))
    total = 0  # finished 亿/万 sections
    section = 0  # the current section below 万
    digit: int | None = None
    last_big = None
    for c in text:
        if c in CN_DIGITS:
            if digit is not None and CN_DIGITS[c] != 0:
                return None  # two digits in a row inside a positional numeral: 三五
            digit = CN_DIGITS[c] if CN_DIGITS[c] != 0 else None
        elif c in CN_SMALL_UNITS:
            if digit is None and c != "十":
                return None  # 百 / 千 need a digit before them
            section += (digit if digit is not None else 1) * CN_SMALL_UNITS[c]
            digit = None
        else:  # 万 / 亿
            value = CN_BIG_UNITS[c]
            if last_big is not None and value >= last_big:
                return None  # 万万, 万亿: not written in news
            amount = section + (digit or 0)
            if amount == 0:
                return None
            total += amount * value
            section, digit, last_big = 0, None, value
    return Decimal(total + section + (digit or 0))


def to_plain(value: Decimal) -> int | float:
    """``Decimal("248700.00")`` → ``248700``; ``Decimal("99.5")`` → ``99.5``."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)
