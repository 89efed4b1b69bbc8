"""Every written form of a place name, and a linear scan of a text for them.

Surface forms come from the division table (official names, rule-made short names such as
恩施州/恩施 and 三江县/三江, former names such as 湟中县 and 襄樊), the town table
(``data/towns.tsv``: 39k towns, townships and subdistricts of three characters or more, each with
the counties that have one of that name) and the rules in ``data/place_rules.toml``. ``scan`` reports every form found at every
position (overlaps included; choosing among them is ``place_resolve``'s job). It is linear in the
text: one dictionary probe for the two characters at each position, and one more per length of
the forms they open (rarely more than three).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple
from importlib import resources

from .divisions import DivisionTable

# How a form names its unit, strongest first.
FULL = 0  # 恩施土家族苗族自治州, 朝阳区
ALIAS = 1  # a suffixed abbreviation or a former name: 恩施州, 三江县, 湟中县
TOWN = 2  # 谋道镇 (code: its county)
SHORT = 3  # 恩施, 崇信, 甘肃
FORMER_SUFFIXES = ("县", "市", "区")


class Sense(NamedTuple):
    """One unit a surface form may name (a tuple: tens of thousands are built at load)."""

    code: str  # the division (for a town: its county)
    name: str  # the official name (for a town: the town's name)
    level: str  # province | city | county | town
    kind: int  # FULL, ALIAS, TOWN or SHORT
    common: bool = False  # also an everyday word: needs its parent right before it


class Hit(NamedTuple):
    """A form found in a text; ``kind`` is its strongest sense's."""

    start: int
    end: int
    text: str
    senses: tuple[Sense, ...]
    kind: int


@dataclass(frozen=True)
class Rules:
    """The word lists of ``data/place_rules.toml``."""

    boundary_before: frozenset[str]
    province_not_before: frozenset[str]
    province_not_after: dict[str, str]
    landmark_after_short: tuple[str, ...]
    landmark_suffixes: tuple[str, ...]
    landmark_generic: frozenset[str]
    landmark_not_in_stem: frozenset[str]
    word_start_endings: tuple[str, ...]
    town_suffixes: tuple[str, ...]
    town_generic: frozenset[str]
    town_bad_next: dict[str, str]
    village_suffixes: tuple[str, ...]
    village_generic: frozenset[str]
    village_locative: frozenset[str]
    village_cues: tuple[str, ...]


class PlaceLexicon:
    """Surface forms → senses, with a two-character index for scanning; immutable.

    Division forms are held as senses; the 30k town names as their county codes (a sense is
    built only for a town a text names, which keeps loading fast).
    """

    def __init__(self, table: DivisionTable, forms: dict[str, tuple[Sense, ...]], towns: dict[str, str],
                 rules: Rules) -> None:
        self.table = table
        self.forms = forms
        self.towns = towns  # town name -> its counties' codes, space-separated
        self.rules = rules
        lengths: dict[str, set[int]] = {}  # first two characters -> lengths of the forms they open
        for form in forms:
            lengths.setdefault(form[:2], set()).add(len(form))
        for name in towns:
            lengths.setdefault(name[:2], set()).add(len(name))
        self._lengths = {c: tuple(sorted(ls, reverse=True)) for c, ls in lengths.items()}
        self._kinds = {form: min(s.kind for s in senses) for form, senses in forms.items()}

    @classmethod
    def load(cls) -> PlaceLexicon:
        return _load_lexicon()

    def scan(self, text: str) -> list[Hit]:
        """Every known form at every position, longest first at each position."""
        hits: list[Hit] = []
        forms, towns, lengths, kinds = self.forms, self.towns, self._lengths, self._kinds
        size = len(text)
        for i in range(size - 1):
            lens = lengths.get(text[i : i + 2])
            if lens is None:
                continue
            for n in lens:
                if i + n > size:
                    continue
                word = text[i : i + n]
                entry = forms.get(word)
                if entry is not None:
                    hits.append(Hit(i, i + n, word, entry, kinds[word]))
                elif word in towns:
                    hits.append(Hit(i, i + n, word, self._town_senses(word), TOWN))
        return hits

    def senses(self, form: str) -> tuple[Sense, ...]:
        senses = self.forms.get(form)
        if senses is not None:
            return senses
        return self._town_senses(form) if form in self.towns else ()

    def _town_senses(self, name: str) -> tuple[Sense, ...]:
        return tuple(Sense(code, name, "town", TOWN) for code in self.towns[name].split())


def _data_text(name: str) -> str:
    return resources.files(__package__).joinpath(f"data/{name}").read_text("utf-8")


def _load_rules() -> tuple[Rules, frozenset[str], frozenset[str]]:
    raw = tomllib.loads(_data_text("place_rules.toml"))
    rules = Rules(
        boundary_before=frozenset(raw["boundary"]["before"]),
        province_not_before=frozenset(raw["boundary"]["province_not_before"]),
        province_not_after=dict(raw["boundary"]["province_not_after"]),
        landmark_after_short=tuple(sorted(raw["landmarks"]["after_short"], key=len, reverse=True)),
        landmark_suffixes=tuple(sorted(raw["landmarks"]["suffixes"], key=len, reverse=True)),
        landmark_generic=frozenset(raw["landmarks"]["generic_stems"]),
        landmark_not_in_stem=frozenset(raw["landmarks"]["not_in_stem"]),
        word_start_endings=tuple(raw["names"]["word_start_endings"]),
        town_suffixes=tuple(sorted(raw["towns"]["suffixes"], key=len, reverse=True)),
        town_generic=frozenset(raw["towns"]["generic_stems"]),
        town_bad_next=dict(raw["towns"]["bad_next"]),
        village_suffixes=tuple(sorted(raw["villages"]["suffixes"], key=len, reverse=True)),
        village_generic=frozenset(raw["villages"]["generic_stems"]),
        village_locative=frozenset(raw["villages"]["locative_before"]),
        village_cues=tuple(raw["villages"]["cue_after"]),
    )
    return rules, frozenset(raw["names"]["common_full"]), frozenset(raw["names"]["common_short"])


@lru_cache(maxsize=1)
def _load_lexicon() -> PlaceLexicon:
    table = DivisionTable.load()
    rules, common_full, common_short = _load_rules()
    forms: dict[str, list[Sense]] = {}

    def add(form: str, sense: Sense) -> None:
        if len(form) < 2:
            return
        senses = forms.setdefault(form, [])
        same = next((i for i, s in enumerate(senses) if s.code == sense.code and s.level == sense.level), None)
        if same is None:
            senses.append(sense)
        elif sense.kind < senses[same].kind:
            senses[same] = sense  # one sense per unit: the strongest way this form names it

    for d in table:
        add(d.name, Sense(d.code, d.name, d.level, FULL, d.name in common_full))
        for short in d.short_names:
            suffixed = short[-1] in "州县旗盟" and not d.name.startswith(short)  # 恩施州, not 红旗
            add(short, Sense(d.code, d.name, d.level, ALIAS if suffixed else SHORT, short in common_short))
    for f in table.former_names:
        unit = table.get(f.code)
        if unit is None:
            continue
        add(f.name, Sense(unit.code, unit.name, unit.level, ALIAS, f.name in common_full))
        stem = f.name[:-1] if f.name.endswith(FORMER_SUFFIXES) else ""
        if len(stem) >= 2 and stem not in forms:
            add(stem, Sense(unit.code, unit.name, unit.level, SHORT, stem in common_short))
    towns: dict[str, str] = {}
    for line in _data_text("towns.tsv").splitlines():
        if line and line[0] != "#":
            name, codes = line.split("\t")
            if name not in forms:  # a division's own name wins (a town named like a county)
                towns[name] = codes
    return PlaceLexicon(table, {k: tuple(v) for k, v in forms.items()}, towns, rules)
