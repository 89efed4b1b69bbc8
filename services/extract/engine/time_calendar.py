"""Calendar arithmetic and word tables for ``times.py`` (FORMAT.md §3).

``TimeRules.load()`` reads ``data/time_rules.toml`` and ``data/time_holidays.toml`` once;
the object is frozen afterwards. The helpers here are pure functions of their arguments.

Year inference (``infer_year``) follows FORMAT.md §3: a date written without a year falls in the
year that puts it nearest before publication, or at most ``AHEAD_DAYS`` (30) days after it:
12月28日 published 2025-01-03 is 2024-12-28; 1月5日 published 2024-12-20 is 2025-01-05.
"""

from __future__ import annotations

import calendar
import tomllib
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Any, Mapping

AHEAD_DAYS = 30
MIN_YEAR, MAX_YEAR = 1900, 2100


@dataclass(frozen=True, slots=True)
class Part:
    """A part of a month (days) or of a year (months): ``first``–``last`` inclusive."""

    first: int
    last: int
    fuzzy: bool
    needs_year: bool = False


@dataclass(frozen=True, slots=True)
class Suffix:
    """What a suffix does to a holiday: a day ``window`` around it, the official ``break``, or ``since``."""

    window: tuple[int, int] | str
    fuzzy: bool


@dataclass(frozen=True)
class TimeRules:
    relative_years: Mapping[str, int]
    relative_days: Mapping[str, int]
    recent: Mapping[str, tuple[int, str]]  # word → (days back, characters it must not follow)
    anaphoric_days: Mapping[str, int]
    relative_months: Mapping[str, int]
    relative_weeks: Mapping[str, int]
    unresolved: Mapping[str, str]  # word → characters it must not follow
    attributive_verbs: tuple[str, ...]
    label_openers: str
    month_parts: Mapping[str, Part]
    year_parts: Mapping[str, Part]
    holiday_aliases: Mapping[str, str]
    holiday_suffixes: Mapping[str, Suffix]
    _fixed: Mapping[str, tuple[int, int]]
    _derived: Mapping[str, tuple[str, int]]
    _breaks: Mapping[str, tuple[int, int]]
    _lunar: Mapping[str, Mapping[int, date]]

    @classmethod
    def load(cls) -> "TimeRules":
        return _load()

    @property
    def words(self) -> list[str]:
        """Every fixed word the scanner looks for, longest first."""
        found = set(self.relative_days) | set(self.recent) | set(self.anaphoric_days)
        found |= set(self.relative_months) | set(self.relative_weeks) | set(self.unresolved)
        return sorted(found, key=lambda w: (-len(w), w))

    def holiday(self, name: str, year: int) -> date | None:
        """The day ``name`` (canonical) falls on in ``year``; None outside the tables."""
        if name in self._fixed:
            month, day = self._fixed[name]
            return date(year, month, day)
        if name in self._derived:
            base, offset = self._derived[name]
            day = self.holiday(base, year)
            return day + timedelta(days=offset) if day else None
        return self._lunar.get(name, {}).get(year)

    def holiday_break(self, name: str) -> tuple[int, int]:
        return self._breaks.get(name, (0, 0))


def _read(name: str) -> dict[str, Any]:
    text = resources.files(__package__).joinpath(f"data/{name}").read_text("utf-8")
    return tomllib.loads(text)


def _part(entry: dict[str, Any], key: str) -> Part:
    first, last = entry[key]
    return Part(first, last, bool(entry.get("fuzzy", False)), bool(entry.get("needs_year", False)))


@lru_cache(maxsize=1)
def _load() -> TimeRules:
    rules, hol = _read("time_rules.toml"), _read("time_holidays.toml")
    frozen = MappingProxyType
    recent = {w: (int(v["days"]), str(v.get("not_after", ""))) for w, v in rules["recent"].items()}
    suffixes = {
        s: Suffix(tuple(v["window"]) if isinstance(v["window"], list) else v["window"], bool(v["fuzzy"]))
        for s, v in hol["suffixes"].items()
    }
    fixed = {n: (int(md[:2]), int(md[3:])) for n, md in hol["fixed"].items()}
    lunar = {
        name: frozen({day.year: day for day in map(date.fromisoformat, days)}) for name, days in hol["lunar"].items()
    }
    unresolved = rules["unresolved"]
    return TimeRules(
        relative_years=frozen(dict(rules["relative_years"])),
        relative_days=frozen(dict(rules["relative_days"])),
        recent=frozen(recent),
        anaphoric_days=frozen(dict(rules["anaphoric_days"])),
        relative_months=frozen(dict(rules["relative_months"])),
        relative_weeks=frozen(dict(rules["relative_weeks"])),
        unresolved=frozen({w: unresolved["not_after"].get(w, "") for w in unresolved["words"]}),
        attributive_verbs=tuple(rules["attributive"]["after_verbs"]),
        label_openers=str(rules["attributive"]["label_openers"]),
        month_parts=frozen({k: _part(v, "days") for k, v in rules["month_parts"].items()}),
        year_parts=frozen({k: _part(v, "months") for k, v in rules["year_parts"].items()}),
        holiday_aliases=frozen(dict(hol["aliases"])),
        holiday_suffixes=frozen(suffixes),
        _fixed=frozen(fixed),
        _derived=frozen({n: (v[0], int(v[1])) for n, v in hol["derived"].items()}),
        _breaks=frozen({n: (int(v[0]), int(v[1])) for n, v in hol["break"].items()}),
        _lunar=frozen(lunar),
    )


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + by
    return index // 12, index % 12 + 1


def safe_date(year: int, month: int, day: int) -> date | None:
    """``date(year, month, day)`` or None when it does not exist (2月30日) or is out of range."""
    if not (MIN_YEAR <= year <= MAX_YEAR):
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def infer_year(published: date, month: int, day: int = 1) -> int:
    """The year of 月/日 written without one: nearest before ``published`` or ≤ 30 days after it."""
    limit = published + timedelta(days=AHEAD_DAYS)
    for year in (published.year + 1, published.year, published.year - 1):
        candidate = safe_date(year, month, day) or safe_date(year, month, 28)
        if candidate is not None and candidate <= limit:
            return year
    return published.year - 1


def infer_holiday_year(rules: TimeRules, name: str, published: date) -> int | None:
    """Like ``infer_year`` for a holiday (春节 moves between January and February)."""
    limit = published + timedelta(days=AHEAD_DAYS)
    for year in (published.year + 1, published.year, published.year - 1):
        day = rules.holiday(name, year)
        if day is not None and day <= limit:
            return year
    return None


def week_of(day: date, by: int) -> tuple[date, date]:
    """Monday … Sunday of the week ``by`` weeks from the one holding ``day``."""
    monday = day - timedelta(days=day.weekday()) + timedelta(weeks=by)
    return monday, monday + timedelta(days=6)
