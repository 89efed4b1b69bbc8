"""Place names from the tagger: hints for the gazetteer, and the places it does not know.

The gazetteer (``places.py``) resolves administrative divisions; these mentions add places
that are not divisions (人民广场, 黄柏河, 中央大街) and tell it where the tagger saw a place.

Steps (lists in ``data/``, see ``name_lexicon``):
1. LAC's LOC words that do not end like an organisation (those are ``organizations.py``'s).
2. Joining: a one-character piece and the place right after it (绳 + 金塔街道); a short name
   and the autonomous prefecture/county right after it (延边 + 朝鲜族自治州).
3. Splitting: a chain of divisions is one place per level (北京市朝阳区 → 北京市, 朝阳区), as
   in People's Daily; two one-character country names (中美, 印巴) are two places, except
   names such as 中东, 印尼; a weather word the tagger ran into (北京晴) and a generic tail
   (中东地区, 新疆北部) are cut.
4. One-character place names LAC leaves untagged, in fixed contexts only
   (``ner_abbreviations.toml``): 中美两国 / 中、阿建交, 访华 / 在京 / 抗日, 美方 / 美军,
   华侨 / 中华民族; words of several places are one place per character (黄淮, 港澳台同胞,
   青藏高原 → 青, 藏; not 京沪铁路).
5. Weather tables (北京晴转多云19℃／32℃天津…): the name before each weather word and
   temperature, whatever the tagger read (卡拉奇多云 as a person).
6. Filter: stop list, and one-character pieces that are not country names.
Names from fixed patterns (steps 4–5) are ``sure``: they win over any name overlapping them.

Limits: place names LAC does not tag (some scenic spots, villages) are left to the gazetteer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from itertools import pairwise

from .lac_model import Token
from .name_lexicon import Abbreviations, NameLexicon
from .name_spans import LOCATION, Mention, Words
from .organizations import is_org_like

WEATHER_NEXT = set("0123456789０１２３４５６７８９－-～~转")
ABBREVIATION_MARGIN = 1.0  # the margin given to one-character names found by context


def find_locations(body: str, words: Words, lex: NameLexicon) -> list[Mention]:
    """Location mentions of ``body``."""
    tokens = [t for t in words.tokens if t.tag == "LOC" and not is_org_like(t.text, lex)]
    out: list[Mention] = []
    i = 0
    while i < len(tokens):
        start, end, margin = tokens[i].start, tokens[i].end, tokens[i].margin
        while i + 1 < len(tokens) and _joins(tokens[i], tokens[i + 1], body[start:end], lex):
            i += 1
            end, margin = tokens[i].end, min(margin, tokens[i].margin)
        i += 1
        out.extend(_clean(body, Mention(start, end, LOCATION, margin), lex))
    taken = {(m.start, m.end) for m in out}
    out.extend(m for m in _abbreviations(body, words, lex) if (m.start, m.end) not in taken)
    if "℃" in body:
        out.extend(_weather_table(body, words, lex))
    return out


def _weather_table(body: str, words: Words, lex: NameLexicon) -> Iterable[Mention]:
    """The places of a weather table (北京晴转雷阵雨19℃／32℃天津…卡拉奇多云29℃): names of 2–8
    characters before a weather word and a temperature, whatever the tagger read there (卡拉奇多云
    as a person, 开 + 罗晴). Only in a table: each entry but the first right after a ℃, and the
    first followed by such an entry; a time word (明天多云28℃) is no place."""
    found = list(_weather_regex(lex.weather_words).finditer(body))
    entries = [body[max(0, m.start() - 3) : m.start()].rstrip().endswith("℃") for m in found]
    for k, m in enumerate(found):
        if not (entries[k] or (k + 1 < len(found) and entries[k + 1] and found[k + 1].start() - m.end() < 20)):
            continue
        if any(words.tokens[i].tag == "TIME" for i in (words.at(m.start(1)), words.at(m.end(1) - 1)) if i >= 0):
            continue
        yield Mention(m.start(1), m.end(1), LOCATION, ABBREVIATION_MARGIN, sure=True)


@lru_cache(maxsize=4)
def _weather_regex(weather_words: frozenset[str]) -> re.Pattern[str]:
    w = "|".join(map(re.escape, sorted(weather_words, key=len, reverse=True)))
    return re.compile(rf"(?:^|(?<=[℃\s，。；、]))([\u4e00-\u9fff]{{2,8}}?)(?:{w})(?:转(?:{w}))*(?=[－-]?\d{{1,2}}℃)")


def _joins(left: Token, right: Token, so_far: str, lex: NameLexicon) -> bool:
    if left.end != right.start:
        return False
    if len(so_far) == 1 and so_far not in lex.abbreviations.countries:
        return True  # 绳 + 金塔街道
    return right.text.endswith(lex.autonomous_endings) and len(so_far) <= 4 and not lex.place_suffix(so_far)


def _split_divisions(body: str, m: Mention, lex: NameLexicon) -> list[Mention]:
    """北京市朝阳区奥林匹克森林公园 → 北京市, 朝阳区, 奥林匹克森林公园 (one place per level)."""
    text = m.text(body)
    ends = lex.division_prefixes(text)
    if ends and len(text) - ends[-1] < 2:
        ends = ends[:-1]  # 宣恩县城, 西昌市区: the last piece is too short to be a place
    if not ends:
        return [m]
    cuts = [0, *ends, len(text)]
    return [Mention(m.start + a, m.start + b, LOCATION, m.margin) for a, b in pairwise(cuts) if b > a]


def _clean(body: str, whole: Mention, lex: NameLexicon) -> list[Mention]:
    pieces = _split_word(body, whole.start, whole.end, lex.abbreviations)
    if pieces:  # 黄淮, 青藏高原 → 黄, 淮; 青, 藏
        return [Mention(whole.start + k, whole.start + k + 1, LOCATION, whole.margin, sure=True) for k in range(pieces)]
    return [piece for m in _split_divisions(body, whole, lex) for piece in _clean_one(body, m, lex)]


def _clean_one(body: str, m: Mention, lex: NameLexicon) -> list[Mention]:
    text = m.text(body)
    ab = lex.abbreviations
    if len(text) == 2 and text not in ab.whole and all(c in ab.countries for c in text):
        return [Mention(m.start, m.start + 1, LOCATION, m.margin), Mention(m.start + 1, m.end, LOCATION, m.margin)]
    end = m.end
    weather = _weather_tail(text, lex)
    if weather and body[m.end : m.end + 1] in WEATHER_NEXT:  # 开罗晴21℃, 成都阴转多云
        end -= len(weather)
    else:
        tail = next((t for t in lex.generic_tails if text.endswith(t) and len(text) - len(t) >= 2), "")
        end -= len(tail)
    text = body[m.start : end]
    if text in lex.location_stop or (len(text) == 1 and text not in ab.countries | ab.after_verb):
        return []
    return [Mention(m.start, end, LOCATION, m.margin)]


def _weather_tail(text: str, lex: NameLexicon) -> str:
    for n in range(min(len(text) - 2, 5), 0, -1):
        if text[-n:] in lex.weather_words:
            return text[-n:]
    return ""


def _abbreviations(body: str, words: Words, lex: NameLexicon) -> Iterable[Mention]:
    """One-character place names in the contexts of ``ner_abbreviations.toml``."""
    ab = lex.abbreviations
    for i, token in enumerate(words.tokens):
        text = token.text
        if token.tag in ("LOC", "ORG", "PER") and len(text) > 2:
            continue
        # 中美两国 / 中日韩首脑 / 中、阿建交: a run of country characters right before a pair word
        chars, end = _country_run(body, token.start, ab.countries)
        if 2 <= len(chars) <= 4 and (end - token.start > len(chars) or "".join(body[c] for c in chars) not in ab.whole):
            after = body[end : end + 2]
            listed = end - token.start > len(chars)  # 中、阿: written as a list
            if any(after.startswith(w) for w in ab.pair_after) and (listed or _starts_word(words, end)):
                yield from (Mention(c, c + 1, LOCATION, ABBREVIATION_MARGIN, sure=True) for c in chars)
                continue
        # 黄淮, 港澳台同胞: one place per character
        if token.tag != "ORG":
            pieces = _split_word(body, token.start, token.end, ab)
            if pieces:
                yield from (
                    Mention(token.start + k, token.start + k + 1, LOCATION, ABBREVIATION_MARGIN, sure=True)
                    for k in range(pieces)
                )
                continue
        # 访华, 在京, 抗日: a verb character and the place, as one word or two
        if len(text) == 2 and text[0] in ab.verbs and text[1] in ab.after_verb:
            yield Mention(token.start + 1, token.end, LOCATION, ABBREVIATION_MARGIN)
        elif len(text) == 1 and text in ab.after_verb and i > 0:
            prev = words.tokens[i - 1]
            if prev.end == token.start and prev.text in ab.verbs:
                yield Mention(token.start, token.end, LOCATION, ABBREVIATION_MARGIN)
        # 美方, 俄军; 华侨, 中华民族
        elif len(text) == 2 and text[0] in ab.side and text[1] in ab.side_suffixes:
            yield Mention(token.start, token.start + 1, LOCATION, ABBREVIATION_MARGIN)
        elif text in ab.place_in_word:
            yield Mention(token.start, token.start + ab.place_in_word[text], LOCATION, ABBREVIATION_MARGIN)


def _country_run(body: str, start: int, countries: frozenset[str]) -> tuple[list[int], int]:
    """Positions of the country characters from ``start`` (at most 5; single characters may be
    listed with 、 between them: 中、阿), and where the run ends."""
    chars: list[int] = []
    pos = start
    while len(chars) < 5 and pos < len(body) and body[pos] in countries:
        chars.append(pos)
        pos += 1
        if (
            body[pos : pos + 1] == "、"
            and body[pos + 1 : pos + 2] in countries
            and body[pos - 2 : pos - 1] not in countries
        ):
            pos += 1
    return chars, pos


def _split_word(body: str, start: int, end: int, ab: Abbreviations) -> int:
    """How many one-character places ``body[start:end]`` starts with when it is a word of several
    places (黄淮, 港澳台) alone or with generic tails (青藏高原东部); 0 otherwise (京沪铁路)."""
    text = body[start:end]
    if text[:2] not in ab.split_heads:
        return 0
    word = next((w for w in ab.split_words if text.startswith(w)), "")
    if not word or any(body.startswith(w, end) for w in ab.split_not_before):
        return 0
    rest = text[len(word) :]
    while rest:
        tail = next((t for t in ab.split_tails if rest.startswith(t)), "")
        if not tail:
            return 0
        rest = rest[len(tail) :]
    return len(word)


def _starts_word(words: Words, pos: int) -> bool:
    return words.starts_at(pos) or words.at(pos) < 0
