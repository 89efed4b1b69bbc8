"""Names the tagger misses or mislabels, put right in its words before the name rules run.

LAC leaves some very common names untagged (国会, 内阁, 海军 read as nouns), labels others
wrongly (欧盟 as a place) or glues a title to them (外交部长, 市委书记 read as one noun). The
names come from ``data/ner_known_names.toml`` (bodies of state known without a place before
them, international bodies, news agencies, 地球 and 月球), the countries of
``data/ner_countries.txt`` (a word the tagger did not read as a name, 印尼/n, or a country +
人/人民/族: 美国人 → 美国) plus three patterns: the congresses of the Communist Party (党的
十五大, 中共十六大, 二十大精神), newspapers and magazines in 《》 (《费加罗报》), and a doctrine
named after a transliterated name (马克思主义 → 马克思). A known name becomes one word with
its label when a word of the tagger starts where it starts and one ends where it ends, or the
word covering its end goes on with a title only (外交部 + 长, 市委 + 书记 are split in two).
The rules that follow see these words as the tagger's own, so a place written right before an
organisation joins it (美国 + 国会 → 美国国会) as for any other name.

Accuracy: People's Daily 1998 dev, see ``ner.py``. Limits: a known name inside a longer word
of the tagger (国务院办公厅, 海军陆战队) is left to the tagger; the lists hold general news
vocabulary only, so rarer bodies (国家语委) stay as the tagger reads them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from .lac_model import Token
from .name_lexicon import NameLexicon, lexicon, read_toml, read_words

KNOWN_MARGIN = 3.0  # the confidence given to a known name (a confident word of the tagger)
PERIODICAL = re.compile(r"《([^《》\s]{2,12})》")
CONGRESS = re.compile(r"(?:中共)?(?:二十|十)[一二三四五六七八九]?大")  # 十五大, 中共二十大


@dataclass(frozen=True)
class KnownNames:
    """Known names by label, the titles that may follow them, and the congress context words."""

    labels: dict[str, str]  # name → "ORG" | "LOC" (the tagger's labels)
    by_first: dict[str, tuple[str, ...]]  # first character → names, longest first
    titles: frozenset[str]
    congress_before: tuple[str, ...]
    congress_after: tuple[str, ...]
    periodical_endings: tuple[str, ...] = ()  # 报, 周刊 (《费加罗报》)
    countries: frozenset[str] = frozenset()  # 印尼, 阿尔巴尼亚
    country_tails: tuple[str, ...] = ()  # 人, 族 (美国人 → 美国)
    doctrines: tuple[str, ...] = ()  # 主义 (马克思主义 → 马克思 + 主义)
    translit_chars: frozenset[str] = frozenset()
    not_persons: frozenset[str] = frozenset()  # 马列, 法西斯

    @classmethod
    def load(cls, lex: NameLexicon) -> KnownNames:
        raw = read_toml("ner_known_names.toml")
        labels = {name: "ORG" for name in raw["organizations"]}
        labels.update({name: "LOC" for name in raw["locations"]})
        by_first: dict[str, list[str]] = {}
        for name in sorted(labels, key=len, reverse=True):
            by_first.setdefault(name[0], []).append(name)
        return cls(
            labels=labels,
            by_first={c: tuple(names) for c, names in by_first.items()},
            titles=frozenset(raw["title_tails"]) | lex.roles,
            congress_before=tuple(raw["congress"]["before"]),
            congress_after=tuple(raw["congress"]["after"]),
            periodical_endings=tuple(raw["periodical_endings"]),
            countries=frozenset(w for line in read_words("ner_countries.txt") for w in line.split()),
            country_tails=tuple(raw["country_tails"]),
            doctrines=tuple(lex.doctrines),
            translit_chars=lex.translit_chars,
            not_persons=lex.person_stop,
        )


@lru_cache(maxsize=1)
def known_names() -> KnownNames:
    """The lists, loaded on first use and shared (immutable)."""
    return KnownNames.load(lexicon())


def retag(body: str, tokens: Sequence[Token], known: KnownNames) -> list[Token]:
    """The tagger's words with known names made whole words with their labels."""
    found = _congresses(body, known) + _periodicals(body, known)
    for t in tokens:
        for name in known.by_first.get(t.text[0], ()):
            if body.startswith(name, t.start):
                found.append((t.start, t.start + len(name), known.labels[name]))
                break
        else:
            stem = _doctrine_stem(t.text, known)
            if stem:
                found.append((t.start, t.start + stem, "PER"))
            elif t.tag != "ORG":
                country = _country(t.text, known)
                if country and (country < len(t.text) or t.tag != "LOC"):
                    found.append((t.start, t.start + country, "LOC"))
    if not found:
        return list(tokens)
    return _apply(body, tokens, sorted(found), known)


def _country(text: str, known: KnownNames) -> int:
    """Length of the country a word of the tagger is or starts with (印尼 → 2, 美国人 → 2), else 0."""
    if text in known.countries:
        return len(text)
    for tail in known.country_tails:
        if text.endswith(tail) and text[: -len(tail)] in known.countries:
            return len(text) - len(tail)
    return 0


def _doctrine_stem(text: str, known: KnownNames) -> int:
    """Length of the transliterated name a doctrine word starts with (马克思主义 → 3), else 0."""
    if len(text) < 4 or not text.endswith(known.doctrines):
        return 0
    for d in known.doctrines:
        stem = text[: -len(d)]
        if (
            text.endswith(d)
            and 2 <= len(stem) <= 4
            and stem not in known.not_persons
            and all(c in known.translit_chars for c in stem)
        ):
            return len(stem)
    return 0


def _periodicals(body: str, known: KnownNames) -> list[tuple[int, int, str]]:
    """《费加罗报》, 《朝日新闻》: the title of a newspaper or magazine, an organisation."""
    out = []
    for m in PERIODICAL.finditer(body):
        if m.group(1).endswith(known.periodical_endings):
            out.append((m.start(1), m.end(1), "ORG"))
    return out


def _congresses(body: str, known: KnownNames) -> list[tuple[int, int, str]]:
    """党的十五大, 中共十五大, 十五大精神: the number names a congress only in these contexts."""
    out = []
    for m in CONGRESS.finditer(body):
        s, e = m.span()
        named = m.group().startswith("中共") or body[max(0, s - 2) : s] in known.congress_before
        if named or (m.group() != "十大" and any(body.startswith(w, e) for w in known.congress_after)):
            out.append((s, e, "ORG"))
    return out


def _apply(body: str, tokens: Sequence[Token], found: list[tuple[int, int, str]], known: KnownNames) -> list[Token]:
    out: list[Token] = []
    k = 0  # next found name
    i = 0
    n = len(tokens)
    while i < n:
        t = tokens[i]
        while k < len(found) and found[k][0] < t.start:
            k += 1
        if k >= len(found) or found[k][0] != t.start:
            out.append(t)
            i += 1
            continue
        start, end, label = found[k]
        k += 1
        j = i
        while j + 1 < n and tokens[j].end < end and tokens[j + 1].start == tokens[j].end:
            j += 1
        last = tokens[j]
        rest = body[end : last.end]
        if last.end < end or (rest and rest not in known.titles):
            out.append(t)  # not aligned with the tagger's words: leave them
            i += 1
            continue
        out.append(Token(body[start:end], label, start, end, max(KNOWN_MARGIN, t.margin)))
        if rest:
            out.append(Token(rest, "n", end, last.end, last.margin))
        i = j + 1
    return out
