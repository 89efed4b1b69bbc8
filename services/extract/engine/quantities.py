"""Stated quantities with normalised values and units (24.87万人 → 248700 人).

A quantity is an optional hedge (近, 约, 逾), a number (Arabic with decimals and thousands
commas, or Chinese numerals such as 十二), optional 余/多, an optional multiplier (万, 亿, 千万)
and a measure word or unit from ``data/units.txt`` (个, 支, 人次, 平方米, %, 元, 年 …), in that
order: 1.9万余次, 500余万平方米, 近2300万元, 3000多万元, 150万余人次, 十二支, 99.5%.
Values follow FORMAT.md §4: 万 = 10⁴, 亿 = 10⁸, hedges and 余/多 keep the stated number, ``int``
whenever integral; the text keeps the hedge 近/约/逾 but not 达/共 or a trailing 以上.

Never reported: dates and years (10月2日, 2024年, 2023年版), ordinals (第八届, 第一季度),
anniversaries (75周年: 周 is no unit), anything inside a 《title》, vague amounts (数十名, 几十个,
千家万户), a bare 一 before a measure word (一名少年: an article, not a count), Chinese numerals
before 年 (十年如一日), and the fixed phrases of ``data/quantity_stop.txt`` (八项规定, 四处张望).

Accuracy: on the 18 dev articles (articles.jsonl) every one of the 137 gold metrics is found with
its text, value and unit, and nothing else is reported there. The gold counts durations
(坚持了5年 → 5 年), so this module does too.
Limits: a range (3至5天) gives only its last number; 百分之…, fractions and 上千/数百 are not read;
a number whose unit is not right after it (游客1.9万，同比…) is no quantity; team names such as
76人队 are counted.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Mapping

from newsevents.contract.analysis import Metric

from .numbers import parse_number, to_halfwidth, to_plain

_MULTIPLIERS = {
    "万": Decimal(10_000),
    "萬": Decimal(10_000),
    "亿": Decimal(100_000_000),
    "億": Decimal(100_000_000),
    "千万": Decimal(10_000_000),
    "百万": Decimal(1_000_000),
    "万亿": Decimal(10**12),
    "千": Decimal(1_000),
}
_ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,12}(?:\.\d{1,6})?"
# Chinese numerals start with a digit or 十 (not 百/千/万: 百名干部进千村, 千家万户 are figures of speech).
_CHINESE = r"[一二两三四五六七八九十][〇零一二两三四五六七八九十百千]{0,6}"
# Not inside another number, not an ordinal (第), not a code (G20); Chinese numerals not vague
# either (几十名, 数十个, 一百多: the 十 after 几/数 is no count).
_BEFORE_ARABIC = r"(?<![\d.,A-Za-z第])"
_TITLE = re.compile(r"《[^《》\n]{1,80}》")
_BEFORE_CHINESE = r"(?<![\d.,A-Za-z〇零一二两三四五六七八九十百千万亿第几数])"


@dataclass(frozen=True, slots=True)
class _Unit:
    text: str
    blockers: str
    canonical: str


@dataclass(frozen=True, slots=True)
class _Grammar:
    pattern: re.Pattern[str]
    canonical: Mapping[str, str]
    stop_phrases: re.Pattern[str]


def _read_lines(name: str) -> list[str]:
    text = resources.files(__package__).joinpath(f"data/{name}").read_text("utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def _parse_unit(line: str) -> _Unit:
    fields = line.split("\t")
    blockers, canonical = "", fields[0].strip()
    for field in fields[1:]:
        field = field.strip()
        if field.startswith("!"):
            blockers = field[1:]
        elif field.startswith("="):
            canonical = field[1:]
    return _Unit(fields[0].strip(), blockers, canonical)


@lru_cache(maxsize=1)
def _grammar() -> _Grammar:
    units: dict[str, _Unit] = {}
    for line in _read_lines("units.txt"):
        unit = _parse_unit(line)
        units.setdefault(unit.text, unit)
    alternatives = []
    for unit in sorted(units.values(), key=lambda u: (-len(u.text), u.text)):
        guard = f"(?![{re.escape(unit.blockers)}])" if unit.blockers else ""
        alternatives.append(re.escape(unit.text) + guard)
    # 千 before 米/克/瓦 is part of the unit (10千米), not a multiplier.
    guarded = {"千": "千(?![米克瓦])"}
    multipliers = "|".join(guarded.get(k, k) for k in sorted(_MULTIPLIERS, key=len, reverse=True))
    pattern = re.compile(
        rf"(?:(?<![最附邻靠就接])(?P<hedge>近|约|逾))?"
        rf"(?P<num>{_BEFORE_ARABIC}(?:{_ARABIC})|{_BEFORE_CHINESE}{_CHINESE})"
        rf"(?P<approx1>余|多)?(?P<mult>{multipliers})?(?P<approx2>余|多)?"
        rf"(?P<unit>{'|'.join(alternatives)})"
    )
    stops = re.compile("|".join(map(re.escape, _read_lines("quantity_stop.txt"))))
    return _Grammar(pattern, MappingProxyType({u.text: u.canonical for u in units.values()}), stops)


def find_metrics(body: str) -> list[Metric]:
    """Every quantity in ``body``, in order; never dates, ordinals (第八届) or anniversaries (75周年)."""
    if not body:
        return []
    grammar = _grammar()
    scan = to_halfwidth(body)  # same length: offsets index ``body``
    titles = [(t.start(), t.end()) for t in _TITLE.finditer(scan)]
    out: list[Metric] = []
    for m in grammar.pattern.finditer(scan):
        if titles and _inside(m.start(), titles):
            continue  # 《三块广告牌》, 《十大行动方案》: a title names, it does not count
        metric = _metric(m, body, grammar)
        if metric is not None:
            out.append(metric)
    return out


def _metric(m: re.Match[str], body: str, grammar: _Grammar) -> Metric | None:
    num, unit, mult = m["num"], m["unit"], m["mult"]
    chinese = not num[0].isdigit()
    if chinese and num == "一":
        return None  # 一名少年, 一个夜晚: an article, not a count
    if unit == "年" and (chinese or mult or _looks_like_year(num)):
        return None  # 2024年 is a date; 十年如一日 a figure of speech
    if grammar.stop_phrases.match(body, m.start("num")):
        return None
    number = parse_number(num)
    if number is None:
        return None
    value = number * _MULTIPLIERS[mult] if mult else number
    start = m.start("hedge") if m["hedge"] else m.start("num")
    return Metric(
        text=body[start : m.end()],
        start=start,
        end=m.end(),
        value=to_plain(value),
        unit=grammar.canonical.get(unit, unit),
    )


def _inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    i = bisect_right(spans, (offset, -1)) - 1  # the last title opened before offset
    return i >= 0 and spans[i][0] < offset < spans[i][1]


def _looks_like_year(num: str) -> bool:
    return len(num) == 4 and num.isdigit() and 1000 <= int(num) <= 2999
