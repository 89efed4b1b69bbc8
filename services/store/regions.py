"""Administrative divisions (GB/T 2260 codes) as the store files and filters them.

An adcode is filed under its enclosing province, city and county codes, so a region filter
is an equality on one indexed column whichever dialect runs it. A filter value is a code
prefix with the trailing zeros of a province or city code stripped: ``620000`` → province
62 (matches 6208xx), ``620800`` → city 6208, ``620802`` → that county; ``62`` and ``6208``
are accepted too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Level = Literal["province", "city", "county"]
UNKNOWN = "000000"

_ADCODE = re.compile(r"^\d{6}(?:\d{3}(?:\d{3})?)?$")  # county, township or village code
_PREFIX = re.compile(r"^(?:\d{2}|\d{4}|\d{6})$")
_LEVELS: dict[int, Level] = {2: "province", 4: "city", 6: "county"}


@dataclass(frozen=True)
class Divisions:
    province: str | None = None
    city: str | None = None
    county: str | None = None


def divisions(adcode: str | None) -> Divisions:
    """The province, city and county codes enclosing ``adcode`` (None where it does not say)."""
    if not adcode or not _ADCODE.match(adcode) or adcode.startswith(UNKNOWN):
        return Divisions()
    code = adcode[:6]
    return Divisions(
        province=code[:2] + "0000",
        city=code[:4] + "00" if code[2:4] != "00" else None,
        county=code if code[4:6] != "00" else None,
    )


@dataclass(frozen=True)
class RegionFilter:
    level: Level
    code: str  # six digits, at ``level``


def parse_region(value: str) -> RegionFilter:
    """``620000`` → province 620000; ``6208``/``620800`` → city 620800. Raises ``ValueError``."""
    value = value.strip()
    if not _PREFIX.match(value):
        raise ValueError("a region is a GB/T 2260 code or its prefix: 2, 4 or 6 digits")
    digits = value
    while len(digits) > 2 and digits.endswith("00"):
        digits = digits[:-2]
    if digits == "00":
        raise ValueError("000000 is not a region")
    return RegionFilter(level=_LEVELS[len(digits)], code=digits.ljust(6, "0"))
