"""The pattern ``times.py`` scans with, built once from the word tables of ``TimeRules``.

``scanner()`` compiles one alternation, tried left to right at each position:
``holiday`` (春节期间, 2024年春节), ``word`` (近日, 今天, 目前, 当天, 本月), ``bareday``
(15日，), ``date`` ([year] [[month—]month [day | 上旬 …] | 上半年/第一季度/年底 …] [以来/至今]);
and ``range_pattern``, tried right after a date (至6日, 至11月, —2024年). Group names are the
contract between this module and ``times.py``.

Linear by construction: bounded quantifiers only, and a lookahead that lets a date start only
at a digit, a numeral or a relative year, so text such as 年年年 never leaves the regex engine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .time_calendar import TimeRules

_CN = "〇零一二三四五六七八九"
_NOT_START = "初(?![心中级期步衷始])"  # 初心, 初中, 初步 are words, not "early in"
_MONTH_NUMBER = "1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]"
_RANGE_JOIN = r"(?:至|到|—|－|-|~|～)"


def _year(p: str, rel: str) -> str:
    short = rf"(?P<{p}yshort>\d{{2}})年(?=(?:{_MONTH_NUMBER})月)"  # 98年4月, never 30年 alone
    return rf"(?:(?P<{p}yabs>(?:19|20)\d{{2}}|[〇零一二][{_CN}]{{3}})年度?|{short}|(?P<{p}yrel>{rel}))"


def _month(p: str, with_from: bool = False) -> str:
    first = rf"(?:(?P<{p}mfrom>{_MONTH_NUMBER}){_RANGE_JOIN})?" if with_from else ""  # 1—5月
    return rf"{first}(?P<{p}month>{_MONTH_NUMBER})月份?"


def _day(p: str) -> str:
    cn = "三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九]"
    return rf"(?P<{p}day>3[01]|[12]\d|0?[1-9]|{cn})[日号]"


def _month_part(p: str) -> str:
    return rf"(?P<{p}mpart>上中旬|中下旬|上旬|中旬|下旬|月初|月中|月底|月末|{_NOT_START}|底|末)"


def _year_part(p: str) -> str:
    quarter = rf"(?P<{p}quarter>第?[一二三四1-4])季度"
    months = rf"前(?P<{p}firstmonths>1[0-2]|[1-9]|十[一二]?|[一二两三四五六七八九])个月"  # 今年前5个月
    return rf"(?P<{p}ypart>上半年|下半年|前三季度|首季度|{quarter}|{months}|年初|年底|年末|年中|{_NOT_START}|底|末)"


DAY_AFTER = re.compile(_day(""))
_BEFORE_DATE = rf"(?<![\d{_CN}十两百千万.第每])"
_BAREDAY = r"(?<![^，。；：\n])(?P<bareday>3[01]|[12]\d|[1-9])日(?=[，上下晚早凌中]|$)"
TITLE = re.compile(r"《[^《》\n]{1,80}》")  # longer: an unbalanced bracket, not a title


@dataclass(frozen=True)
class Scanner:
    """The compiled patterns and the tables they were built from (shared, never mutated)."""

    rules: TimeRules
    pattern: re.Pattern[str]
    range_pattern: re.Pattern[str]


def _date_groups(p: str, rel: str) -> str:
    """[year] [[month—]month [day | part of month] | part of year], every piece optional."""
    month = _month(p, with_from=True)
    return rf"(?:{_year(p, rel)})?(?:{month}(?:{_day(p)}|{_month_part(p)})?|{_year_part(p)})?"


@lru_cache(maxsize=1)
def scanner() -> Scanner:
    rules = TimeRules.load()
    rel_years = "|".join(sorted(rules.relative_years, key=len, reverse=True))
    holidays = "|".join(sorted(map(re.escape, rules.holiday_aliases), key=len, reverse=True))
    suffixes = "|".join(sorted((re.escape(s) for s in rules.holiday_suffixes if s), key=len, reverse=True))
    words = "|".join(map(re.escape, rules.words))
    holiday_year = _year("h_", rel_years)
    # Where a date can start: a number before 年/月 (or before a month range: 1—5月), a quarter,
    # a relative year, or a part of a year that stands alone. Keeps the scan in the regex engine
    # on text full of numerals (一个, 三人) or of 年.
    numeral = rf"[\d{_CN}十]{{1,4}}(?:年|月|{_RANGE_JOIN}(?:{_MONTH_NUMBER})月)"
    date_start = rf"(?={numeral}|第?[一二三四1-4]季度|{rel_years}|上半年|下半年|前三季度|首季度|年[初底末])"
    pattern = re.compile(
        rf"(?P<holiday>(?:{holiday_year})?(?P<h_name>{holidays})(?P<h_suffix>{suffixes})?)"
        rf"|(?P<word>{words})"
        rf"|{_BAREDAY}"
        rf"|(?P<date>{_BEFORE_DATE}{date_start}{_date_groups('', rel_years)}(?P<since>以来|至今)?)"
    )
    range_pattern = re.compile(rf"{_RANGE_JOIN}(?:{_year('', rel_years)})?(?:{_month('')})?(?:{_day('')})?")
    return Scanner(rules, pattern, range_pattern)
