"""Word lists of the name tagger and the quote finder, read once from ``data/*.txt``.

Each ``.txt`` file holds one entry per line; ``#`` starts a comment; blank lines are ignored.
``ner_translit_chars.txt`` lists single characters and may put several on a line;
``ner_abbreviations.toml`` holds the one-character place names and their contexts. The lists are general vocabulary of Chinese news, not tuned to
any document; what each one is for is written at the top of the file.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


def read_words(name: str) -> tuple[str, ...]:
    """Entries of ``data/<name>`` in file order (duplicates dropped)."""
    text = resources.files(__package__).joinpath("data", name).read_text("utf-8")
    seen: dict[str, None] = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            seen.setdefault(line, None)
    return tuple(seen)


def read_toml(name: str) -> dict:
    """``data/<name>`` parsed as TOML."""
    return tomllib.loads(resources.files(__package__).joinpath("data", name).read_text("utf-8"))


def read_chars(name: str) -> frozenset[str]:
    """Every non-space character of ``data/<name>`` outside comments."""
    return frozenset(c for word in read_words(name) for c in word if not c.isspace())


@dataclass(frozen=True)
class Abbreviations:
    """One-character place names and the contexts that make them places (中美两国, 访华)."""

    countries: frozenset[str]
    whole: frozenset[str]
    pair_after: tuple[str, ...]
    after_verb: frozenset[str]
    verbs: frozenset[str]
    side: frozenset[str]
    side_suffixes: frozenset[str]
    place_in_word: dict[str, int]
    split_words: tuple[str, ...]  # 黄淮, 港澳台: one place per character, longest first
    split_tails: frozenset[str]  # 高原, 地区: what may follow such a word
    split_not_before: tuple[str, ...]  # 铁路: ... unless this follows (京沪铁路)
    split_heads: frozenset[str] = frozenset()  # first two characters of the split words

    @classmethod
    def load(cls) -> Abbreviations:
        raw = read_toml("ner_abbreviations.toml")
        return cls(
            countries=frozenset(raw["countries"]),
            whole=frozenset(raw["whole"]),
            pair_after=tuple(sorted(raw["pair_after"], key=len, reverse=True)),
            after_verb=frozenset(raw["after_verb"]),
            verbs=frozenset(raw["verbs"]),
            side=frozenset(raw["side"]),
            side_suffixes=frozenset(raw["side_suffixes"]),
            place_in_word={str(k): int(v) for k, v in raw["place_in_word"].items()},
            split_words=tuple(sorted(raw["split_words"], key=len, reverse=True)),
            split_tails=frozenset(raw["split_tails"]),
            split_not_before=tuple(raw["split_not_before"]),
            split_heads=frozenset(w[:2] for w in raw["split_words"]),
        )


@dataclass(frozen=True)
class OrgRules:
    """Word lists of ``organizations.py`` (data/ner_org_rules.toml)."""

    level_chars: frozenset[str]
    joiners: frozenset[str]
    coordinators: tuple[str, ...]
    government_words: tuple[str, ...]
    not_place_endings: tuple[str, ...]
    collective_words: frozenset[str] = frozenset()

    @classmethod
    def load(cls) -> OrgRules:
        raw = read_toml("ner_org_rules.toml")
        return cls(
            level_chars=frozenset(raw["level_chars"]),
            joiners=frozenset(raw["joiners"]),
            coordinators=tuple(raw["coordinators"]),
            government_words=tuple(raw["government_words"]),
            not_place_endings=tuple(raw["not_place_endings"]),
            collective_words=frozenset(raw["collective_words"]),
        )


@dataclass(frozen=True)
class NameLexicon:
    surnames: frozenset[str]  # 王, 欧阳
    roles: frozenset[str]  # 党委书记, 志愿者
    honorifics: frozenset[str]  # 先生, 老师
    name_prefixes: frozenset[str]  # 小, 老 (小王, 老李)
    speech_verbs: frozenset[str]  # 说, 表示
    translit_chars: frozenset[str]  # 阿, 买, 提
    abbreviations: Abbreviations  # 中, 美, 京 as places (data/ner_abbreviations.toml)
    division_endings: tuple[str, ...]  # 省, 自治州, 县 (data/ner_divisions.toml), longest first
    not_divisions: tuple[str, ...]  # 城市, 超市
    generic_tails: tuple[str, ...]  # 地区, 北部 (cut off place names), longest first
    autonomous_endings: tuple[str, ...]  # 自治州
    org_rules: OrgRules  # data/ner_org_rules.toml
    org_suffixes: frozenset[str]  # 局, 研究会
    place_suffixes: frozenset[str]  # 广场, 大街, 站
    org_false_endings: frozenset[str]  # 北部, 干部
    weather_words: frozenset[str]  # 晴, 多云
    name_followers: frozenset[str]  # 在, 和, 带领
    org_stop: frozenset[str]
    person_stop: frozenset[str]
    location_stop: frozenset[str]
    doctrines: frozenset[str] = frozenset()  # 理论, 思想 (邓小平理论)
    speech_adverbs: frozenset[str] = frozenset()  # 还, 也 (桥本还表示)

    max_role: int = 0  # length of the longest role word
    org_heads: tuple[str, ...] = ()  # organisation endings of 2+ characters, longest first

    def __post_init__(self) -> None:
        object.__setattr__(self, "max_role", max(map(len, self.roles), default=0))
        heads = sorted((s for s in self.org_suffixes if len(s) >= 2), key=lambda s: (-len(s), s))
        object.__setattr__(self, "org_heads", tuple(heads))

    def division_prefixes(self, text: str) -> list[int]:
        """Ends of the division names ``text`` starts with, in order (四川省凉山彝族自治州西昌市… → [3, 10, 13])."""
        ends: list[int] = []
        pos = 0
        while pos < len(text):
            end = self._division_end(text, pos)
            if not end:
                break
            ends.append(end)
            pos = end
        return ends

    def _division_end(self, text: str, pos: int) -> int:
        """End of the shortest plausible division name starting at ``pos`` (0 if none)."""
        for end in range(pos + 2, min(len(text), pos + 9) + 1):
            piece = text[pos:end]
            ending = next((e for e in self.division_endings if piece.endswith(e)), "")
            short_stem = len(piece) - len(ending) < 2 and ending != "州"  # 团县委 is no division
            if ending and len(piece) - len(ending) >= 1 and not short_stem:
                if any(piece.endswith(w) for w in self.not_divisions):
                    return 0
                while end < len(text) and text[end] in "省市县区":
                    end += 1  # 广州 + 市, 贵州 + 省: the shortest match stopped at 州
                return end
        return 0

    def surname_length(self, name: str) -> int:
        """Length of the surname ``name`` starts with (2 for compound surnames), 0 if none."""
        if name[:2] in self.surnames:
            return 2
        return 1 if name[:1] in self.surnames else 0

    def org_suffix(self, name: str) -> str:
        """The longest organisation ending of ``name`` ('' if none)."""
        return _longest_ending(name, self.org_suffixes)

    def place_suffix(self, name: str) -> str:
        """The longest place ending of ``name`` ('' if none)."""
        return _longest_ending(name, self.place_suffixes)

    def starts_with_any(self, text: str, words: frozenset[str], longest: int = 6) -> str:
        """The longest of ``words`` that ``text`` starts with ('' if none)."""
        for n in range(min(len(text), longest), 0, -1):
            if text[:n] in words:
                return text[:n]
        return ""

    def role_before(self, text: str, end: int) -> str:
        """The longest role word ending at ``text[end]`` ('' if none)."""
        for n in range(min(end, self.max_role), 1, -1):
            if text[end - n : end] in self.roles:
                return text[end - n : end]
        return ""


def _longest_ending(name: str, endings: frozenset[str]) -> str:
    for n in range(min(len(name), 8), 0, -1):
        if name[-n:] in endings:
            return name[-n:]
    return ""


@lru_cache(maxsize=1)
def lexicon() -> NameLexicon:
    """The lists, loaded on first use and shared (immutable)."""
    divisions = read_toml("ner_divisions.toml")
    return NameLexicon(
        surnames=frozenset(read_words("ner_surnames.txt")),
        roles=frozenset(read_words("ner_roles.txt")),
        honorifics=frozenset(read_words("ner_honorifics.txt")),
        name_prefixes=frozenset(read_words("ner_name_prefixes.txt")),
        speech_verbs=frozenset(read_words("quote_verbs.txt")),
        translit_chars=read_chars("ner_translit_chars.txt"),
        abbreviations=Abbreviations.load(),
        division_endings=tuple(sorted(divisions["endings"], key=len, reverse=True)),
        not_divisions=tuple(divisions["not_divisions"]),
        generic_tails=tuple(sorted(divisions["generic_tails"], key=len, reverse=True)),
        autonomous_endings=tuple(divisions["autonomous_endings"]),
        org_rules=OrgRules.load(),
        org_suffixes=frozenset(read_words("ner_org_suffixes.txt")),
        place_suffixes=frozenset(read_words("ner_place_suffixes.txt")),
        org_false_endings=frozenset(read_words("ner_org_false_endings.txt")),
        weather_words=frozenset(read_words("ner_weather_words.txt")),
        name_followers=frozenset(read_words("ner_name_followers.txt")),
        org_stop=frozenset(read_words("ner_org_stop.txt")),
        person_stop=frozenset(read_words("ner_person_stop.txt")),
        location_stop=frozenset(read_words("ner_location_stop.txt")),
        doctrines=frozenset(read_words("ner_doctrines.txt")),
        speech_adverbs=frozenset(read_words("ner_speech_adverbs.txt")),
    )
