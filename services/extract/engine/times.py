"""Time expressions normalised against the publication date (FORMAT.md §3).

One left-to-right scan over the body with a single compiled pattern (built once from
``data/time_rules.toml`` and ``data/time_holidays.toml``) finds, at each position, the first of:

* a holiday with a suffix: 春节期间, 国庆节前夕, 2024年春节 (lunar days tabled for 2000–2040);
* a word from the tables: 今天/昨日 (one day), 近日/日前 (a week back, fuzzy), 连日来 (ten days),
  本月, 上周, 当天/次日 (relative to the time mentioned just before, when that is one exact
  day; else unresolved), and the unresolved
  adverbials (近年来, 目前, 截至目前, 入冬以来, 会上 …) reported with ``start = end = None``;
* a date: [year] [month [day | 上旬/中旬/下旬/初/底]] or [year] [上半年/第一季度/年底 …],
  followed by 以来/至今 (→ … published, fuzzy) or a range (4月1日至6日, 2017年8月至11月);
* a bare day at the head of a clause (15日，… / 15日上午): the latest such day on or before
  publication.

Every result is an inclusive ISO date interval; ``fuzzy`` marks vague ones. Results are in order
of appearance, never overlap, and ``body[offset:offset + len(text)] == text``.

Never times: numbers without 年/月/日 (2000多场次, 3.1万), durations and ordinals (5年, 75周年,
第八届, 第一时间), versions (2023年版), recurring days (每月5日, 每年3月), anything inside a
《title》 (《2024年创建宣传工作方案》 names a document; it is not when something happened), and
dates that name a thing rather than date an event: right after a verb such as 召开/入选/举办
(召开2024年全国文明城市创建工作推进会) or a year-level date before a label (2024年上半年“…”).
Those rules are in ``data/time_rules.toml`` [attributive].

Accuracy on the dev gold (tuned on it: optimistic): through the whole engine, ``newsevents eval``
on the 25 dev documents scores event time accuracy 1.000 (169 events, events.py choosing among these
spans). Alone, taking for each gold event the last time found before its trigger in its
sentence gives the gold time for 131 of 138 (87 of the 90 with a time, 44 of the 48 without);
the rest need paragraph context. On JioNLP's own parser suite it reads 38 of the 169
day-granular cases: colloquial forms (下下周一, 十月31, 腊月18, 3年半以来) and clock times are out
of scope; JioNLP itself scores 0.78 on the dev gold with the same proxy (no 近日/日前/连日来,
false years from 2000多/18年/1860起).
Limits: lunar dates (腊月初八), clock times and weekdays are not read; two-digit years only
before a month (98年4月); 同年/次年/当年 are not resolved; a bare day (15日) needs a clause
boundary before it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, timedelta

from newsevents.contract.analysis import TimeSpan

from .numbers import parse_number, to_halfwidth
from .time_calendar import (
    MAX_YEAR,
    MIN_YEAR,
    TimeRules,
    infer_holiday_year,
    infer_year,
    month_end,
    safe_date,
    shift_month,
    week_of,
)
from .time_grammar import DAY_AFTER, TITLE, Scanner, scanner


@dataclass(frozen=True, slots=True)
class _Found:
    start: int
    end: int
    first: date | None
    last: date | None
    fuzzy: bool


def find_times(body: str, published: date) -> list[TimeSpan]:
    """Every time expression in ``body`` with ``offset`` set, in order of appearance."""
    if not body:
        return []
    grammar = scanner()
    scan = to_halfwidth(body)
    titles = _title_spans(scan)
    out: list[TimeSpan] = []
    anchor: date | None = None
    pos = 0
    while True:
        m = grammar.pattern.search(scan, pos)
        if m is None:
            break
        found = _dispatch(m, scan, published, grammar, anchor)
        pos = max(m.end(), pos + 1) if found is None else found.end
        if found is None or _inside(found.start, titles):
            continue
        # 当天 / 次日 refer to the time mentioned last, when that is one exact day.
        anchor = found.first if found.first is not None and found.first == found.last and not found.fuzzy else None
        out.append(
            TimeSpan(
                text=body[found.start : found.end],
                start=found.first,
                end=found.last,
                fuzzy=found.fuzzy,
                offset=found.start,
            )
        )
    return out


def _dispatch(m: re.Match[str], scan: str, published: date, grammar: Scanner, anchor: date | None) -> _Found | None:
    if m["holiday"] is not None:
        return _holiday(m, scan, published, grammar.rules)
    if m["word"] is not None:
        return _word(m, scan, published, grammar.rules, anchor)
    if m["bareday"] is not None:
        return _bare_day(m, published)
    if m["date"]:
        return _date(m, scan, published, grammar)
    return None


def _holiday(m: re.Match[str], scan: str, published: date, rules: TimeRules) -> _Found | None:
    name = rules.holiday_aliases[m["h_name"]]
    suffix_text = m["h_suffix"] or ""
    year = _year_of(m, "h_", published, rules)
    has_year = m["h_yabs"] is not None or m["h_yrel"] is not None
    if not suffix_text and not (has_year and (m.end() == len(scan) or scan[m.end()] in "，。；、")):
        return None  # 春节联欢晚会, 绿色清明: a name, not a time
    if year is None:
        if has_year:
            return None
        year = infer_holiday_year(rules, name, published)
        if year is None:
            return None
    day = rules.holiday(name, year)
    if day is None:
        return None
    suffix = rules.holiday_suffixes[suffix_text]
    if suffix.window == "since":
        return _Found(m.start(), m.end(), day, published, True) if day <= published else None
    first, last = rules.holiday_break(name) if suffix.window == "break" else suffix.window
    return _Found(m.start(), m.end(), day + timedelta(days=first), day + timedelta(days=last), suffix.fuzzy)


def _word(m: re.Match[str], scan: str, published: date, rules: TimeRules, anchor: date | None) -> _Found | None:
    word, start, end = m["word"], m.start(), m.end()
    if word in rules.relative_days:
        day = published + timedelta(days=rules.relative_days[word])
        return _Found(start, end, day, day, False)
    if word in rules.recent:
        days, not_after = rules.recent[word]
        if start > 0 and scan[start - 1] in not_after:
            return None
        return _Found(start, end, published - timedelta(days=days), published, True)
    if word in rules.anaphoric_days:
        if anchor is None:
            return _Found(start, end, None, None, True)
        day = anchor + timedelta(days=rules.anaphoric_days[word])
        return _Found(start, end, day, day, False)
    if word in rules.relative_months:
        year, month = shift_month(published.year, published.month, rules.relative_months[word])
        day = DAY_AFTER.match(scan, end)  # 本月9日, 上个月15号
        if day is not None:
            exact = safe_date(year, month, _small_number(day["day"]) or 0)
            return _Found(start, day.end(), exact, exact, False) if exact else None
        return _Found(start, end, date(year, month, 1), month_end(year, month), False)
    if word in rules.relative_weeks:
        first, last = week_of(published, rules.relative_weeks[word])
        return _Found(start, end, first, last, False)
    if start > 0 and scan[start - 1] in rules.unresolved.get(word, ""):
        return None  # 社会上 is no meeting
    return _Found(start, end, None, None, True)  # unresolved: 近年来, 目前, 会上


def _bare_day(m: re.Match[str], published: date) -> _Found | None:
    day = int(m["bareday"])
    year, month = published.year, published.month
    for _ in range(3):
        candidate = safe_date(year, month, day)
        if candidate is not None and candidate <= published:
            return _Found(m.start(), m.end(), candidate, candidate, False)
        year, month = shift_month(year, month, -1)
    return None


def _date(m: re.Match[str], scan: str, published: date, grammar: Scanner) -> _Found | None:
    rules = grammar.rules
    start, end = m.start(), m.end()
    if (start >= 1 and scan[start - 1] == "每") or scan[max(0, start - 2) : start] in ("每年", "每月"):
        return None  # 每月5日, 每年3月: recurring
    span = _interval(m, "", published, rules)
    if span is None:
        return None
    first, last, fuzzy, grain = span
    if grain == "year" and end < len(scan) and scan[end] == "版" and not m["since"]:
        return None  # 2023年版: a version
    if m["since"]:
        if first > published:
            return None
        return _Found(start, end, first, published, True)
    if _attributive(scan, start, end, grain, rules):
        return None
    ranged = _range(grammar, scan, end, first, grain, published)
    if ranged is not None:
        range_end, range_last = ranged
        return _Found(start, range_end, first, range_last, fuzzy)
    return _Found(start, end, first, last, fuzzy)


def _attributive(scan: str, start: int, end: int, grain: str, rules: TimeRules) -> bool:
    """召开2024年…推进会, 入选2024年第一季度“…榜”: the date names the thing, not the event's time."""
    if any(scan.endswith(verb, 0, start) for verb in rules.attributive_verbs):
        return True
    return grain in ("year", "part") and end < len(scan) and scan[end] in rules.label_openers


def _interval(m: re.Match[str], p: str, published: date, rules: TimeRules):
    """(first, last, fuzzy, grain) for the year/month/day/part groups prefixed ``p``; None if invalid."""
    year = _year_of(m, p, published, rules)
    has_year = any(m[p + g] is not None for g in ("yabs", "yrel", "yshort"))
    if has_year and year is None:
        return None
    month = _small_number(m[p + "month"])
    if month is not None and p + "mfrom" in m.re.groupindex and m[p + "mfrom"]:
        first_month = _small_number(m[p + "mfrom"]) or 0
        if not 1 <= first_month < month <= 12 or m[p + "day"] or m[p + "mpart"]:
            return None
        if year is None:
            year = infer_year(published, first_month)
        return date(year, first_month, 1), month_end(year, month), False, "months"
    if month is not None:
        if not 1 <= month <= 12:
            return None
        day = _small_number(m[p + "day"])
        if year is None:
            year = infer_year(published, month, day or 1)
        if day is not None:
            exact = safe_date(year, month, day)
            return (exact, exact, False, "day") if exact else None
        if m[p + "mpart"]:
            part = rules.month_parts[m[p + "mpart"]]
            last = min(part.last, month_end(year, month).day)
            return date(year, month, part.first), date(year, month, last), part.fuzzy, "part"
        return date(year, month, 1), month_end(year, month), False, "month"
    ypart = m[p + "ypart"]
    if ypart:
        if m[p + "quarter"]:
            quarter = _small_number(m[p + "quarter"].lstrip("第"))
            first_month, last_month, fuzzy = quarter * 3 - 2, quarter * 3, False
            if year is None:
                year = infer_year(published, first_month)
        elif m[p + "firstmonths"]:
            last_month = _small_number(m[p + "firstmonths"]) or 0
            if not has_year or not 1 <= last_month <= 12:
                return None
            first_month, fuzzy = 1, False
        else:
            part = rules.year_parts[ypart]
            if part.needs_year and not has_year:
                return None
            first_month, last_month, fuzzy = part.first, part.last, part.fuzzy
            year = published.year if year is None else year
        return date(year, first_month, 1), month_end(year, last_month), fuzzy, "part"
    if has_year:
        return date(year, 1, 1), date(year, 12, 31), False, "year"
    return None


def _range(grammar: Scanner, scan: str, pos: int, first: date, grain: str, published: date):
    """The end of a range written after a date (至6日, 至11月, —2024年): (end offset, last day)."""
    if grain not in ("day", "month", "year"):
        return None
    m = grammar.range_pattern.match(scan, pos)
    if m is None:
        return None
    has_year = any(m[g] is not None for g in ("yabs", "yrel", "yshort"))
    has_month, has_day = m["month"] is not None, m["day"] is not None
    if grain == "day" and has_day:
        year = first.year
        month = _small_number(m["month"]) if has_month else first.month
        explicit = _year_of(m, "", published, grammar.rules) if has_year else None
        last = safe_date(explicit or year, month, _small_number(m["day"]) or 0)
        if last is not None and last < first and explicit is None:
            last = safe_date(year + 1, month, last.day)
    elif grain == "month" and has_month and not has_day:
        month = _small_number(m["month"]) or 0
        explicit = _year_of(m, "", published, grammar.rules) if has_year else None
        year = explicit or first.year
        if not 1 <= month <= 12:
            return None
        last = month_end(year, month)
        if last < first and explicit is None:
            last = month_end(year + 1, month)
    elif grain == "year" and has_year and not has_month:
        explicit = _year_of(m, "", published, grammar.rules)
        last = date(explicit, 12, 31) if explicit else None
    else:
        return None
    if last is None or last < first:
        return None
    return m.end(), last


def _year_of(m: re.Match[str], p: str, published: date, rules: TimeRules) -> int | None:
    if m[p + "yabs"]:
        value = parse_number(m[p + "yabs"])
        if value is None or not (MIN_YEAR <= value <= MAX_YEAR):
            return None
        return int(value)
    if m[p + "yrel"]:
        return published.year + rules.relative_years[m[p + "yrel"]]
    if m[p + "yshort"]:  # 98年 → 1998, 15年 → 2015: the century that keeps it at most a year ahead
        short = int(m[p + "yshort"])
        return 2000 + short if 2000 + short <= published.year + 1 else 1900 + short
    return None


def _small_number(text: str | None) -> int | None:
    if not text:
        return None
    value = parse_number(text)
    return int(value) if value is not None else None


def _title_spans(scan: str) -> list[tuple[int, int]]:
    """(start, end) of every 《…》 (book and document titles), in order."""
    return [(t.start(), t.end()) for t in TITLE.finditer(scan)]


def _inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    i = bisect_right(spans, (offset, -1)) - 1  # the last title opened before offset
    return i >= 0 and spans[i][0] < offset < spans[i][1]
