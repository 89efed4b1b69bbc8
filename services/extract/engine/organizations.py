"""Organisation names: LAC's ORG words joined into whole names, and names LAC missed.

Steps (lists in ``data/``, see ``name_lexicon``):
1. Seeds: LAC's ORG words, LOC words that end like an organisation rather than a place
   (湟中区生态环境局 and 上杨乡交管站 are organisations; 哈尔滨站 stays a place), and LOC
   words or a level character (县, 市) that step 2 extends into one (县 + 文化和旅游局).
2. Joining: a place or organisation written right before a seed joins it (澳门 + 中华总商会,
   市委 + 市直机关工委); an ORG or LOC word is extended over following nouns (at most
   ``MAX_EXTENSION`` characters) when that makes it end like an organisation (区文明 + 办,
   大理市 + 文化和旅游局, 中国 + 队).
3. Names LAC missed: an organisation ending of three or more characters (融媒体中心, 团市委,
   党支部) preceded by a place or a one-character level word (县, 市, 区...).
4. Filter: stop list (also a level word + 政府, 市政府: a reference that neither People's Daily
   nor MSRA tags; 市委 and 市文明办 stay), digits, one character; a name with no organisation
   ending is kept only when the tagger was confident (margin ``MIN_MARGIN``). "Place + 政府/当局"
   (中国政府) gives the place only, as in People's Daily and MSRA, and so do the tagger's place
   words + a generic collective (美国 + 军队, 非洲 + 球队); 平凉市人民政府 stays. A
   chain of divisions in front is cut to the lowest one, the others becoming places:
   四川省凉山彝族自治州西昌市公安局交警大队 → 四川省, 凉山彝族自治州 + 西昌市公安局交警大队.
   One-character ORG pieces (电 of a dateline: 5月7日电国务院) start and join no name, and a
   transliterated place is no organisation for its last character (莫斯科 does not end in 科).

Limits: a verb glued to the front of a name by the tagger stays (联合镇卫生院); names of
companies and brands without a usual ending are found only when LAC finds them.
"""

from __future__ import annotations

from collections.abc import Iterable

from .name_lexicon import NameLexicon
from .name_spans import LOCATION, ORGANIZATION, Mention, Words, is_han

MIN_MARGIN = 0.5  # an organisation without a usual ending needs this LAC margin
EXTENSION_TAGS = {"n", "nz", "vn", "an", "j", "ORG"}  # words a name may be extended over
SHORT_TAGS = {"n", "v", "vn", "nz", "q", "j", "c"}  # the same for one-character words (办, 局)
NOUN_TAGS = {"n", "vn", "nz", "an"}
MAX_EXTENSION = 10  # characters a name may be extended by


def find_organizations(body: str, words: Words, lex: NameLexicon) -> list[Mention]:
    """Organisation mentions of ``body`` (may overlap persons and places; ner.py resolves)."""
    out: list[Mention] = []
    covered_to = -1
    tokens = words.tokens
    for i, token in enumerate(tokens):
        level = token.text in lex.org_rules.level_chars  # 县 + 文化和旅游局
        if token.start < covered_to or not (token.tag in ("ORG", "LOC") or level):
            continue
        if len(token.text) == 1 and not level:
            continue  # 电/ORG of a dateline (…5月7日电国务院): no name starts with it
        last = _extend_right(body, tokens, i, lex)
        if token.tag != "ORG" and last == i and not is_org_like(token.text, lex):
            continue  # a place, or a level character not starting an organisation name
        first = _join_left(tokens, i, lex)
        start, end = tokens[first].start, tokens[last].end
        margin = min(t.margin for t in tokens[first : last + 1])
        covered_to = end
        place = _government_of(body[start:end], lex) or _collective_of(body, tokens, first, last, lex)
        if place:
            out.append(Mention(start, start + len(place), LOCATION, margin))
            continue
        for cut in _higher_divisions(body[start:end], lex):
            out.append(Mention(start, start + cut, LOCATION, margin))
            start += cut
        for s, e in _coordinated(body, start, end, lex):
            if _keep(body[s:e], margin, lex):
                out.append(Mention(s, e, ORGANIZATION, margin))
    out.extend(_headed(body, words, lex, out))
    return sorted(out, key=lambda m: m.start)


def is_org_like(text: str, lex: NameLexicon) -> bool:
    """Ends like an organisation, and not at least as long like a place (nor 北部, 干部)."""
    org = lex.org_suffix(text)
    if not org or len(text) <= len(org) or len(org) <= len(lex.place_suffix(text)):
        return False
    if len(org) == 1 and all(c in lex.translit_chars for c in text):
        return False  # 莫斯科, 摩洛哥: a foreign name that only looks like it ends in 科
    return not any(text.endswith(w) for w in lex.org_false_endings)


def _join_left(tokens, i: int, lex: NameLexicon) -> int:
    """Index of the first word of the name: places and organisations right before join."""
    first = i
    while first > 0:
        prev = tokens[first - 1]
        if prev.end != tokens[first].start:
            break
        if prev.tag in ("LOC", "ORG") and len(prev.text) >= 2:
            first -= 1  # not a one-character piece: 电/ORG of a dateline (…5月7日电国务院)
        elif len(prev.text) == 1 and prev.text + tokens[first].text[:2] in lex.org_suffixes:
            first -= 1  # 团 + 市委
            break
        else:
            break
    return first


def _extend_right(body: str, tokens, i: int, lex: NameLexicon) -> int:
    """Index of the last word: following words up to ``MAX_EXTENSION`` characters, kept when
    the result ends like an organisation (区文明 + 办, 大理市 + 文化 + 和 + 旅游 + 局)."""
    last = i
    start = tokens[i].start
    rules = lex.org_rules
    for j in range(i + 1, len(tokens)):
        t = tokens[j]
        if t.start != tokens[j - 1].end or not is_han(t.text) or t.end - tokens[i].end > MAX_EXTENSION:
            break
        glued_joiner = (  # 和旅游局 (文化和旅游局) but not 和县妇联 (团县委和县妇联: two names)
            t.tag == "c" and len(t.text) > 1 and t.text[0] in rules.joiners and t.text[1] not in rules.level_chars
        )
        if t.tag not in (EXTENSION_TAGS if len(t.text) > 1 else SHORT_TAGS) and not glued_joiner:
            break
        if t.tag == "c" and not glued_joiner and t.text not in rules.joiners:
            break
        if t.text in rules.joiners and (
            j + 1 >= len(tokens) or tokens[j + 1].tag not in NOUN_TAGS or tokens[j + 1].text[0] in rules.level_chars
        ):
            break  # 文化和旅游局 joins; 美国队和澳大利亚队 does not
        if is_org_like(body[start : t.end], lex):
            last = j
    return last


def _coordinated(body: str, start: int, end: int, lex: NameLexicon) -> list[tuple[int, int]]:
    """One span per organisation of a coordination the tagger read as one name.

    市城管局联合市场监管局 → 市城管局, 市场监管局: split at 联合/和/与/及/、 when both sides
    end like organisations (文化和旅游局 stays whole: 文化 does not).
    """
    text = body[start:end]
    for word in lex.org_rules.coordinators:
        at = text.find(word, 2)
        while at > 0:
            left, right = text[:at], text[at + len(word) :]
            if len(right) >= 2 and is_org_like(left, lex) and lex.org_suffix(right):
                rest = _coordinated(body, start + at + len(word), end, lex)
                return [(start, start + at), *rest]
            at = text.find(word, at + 1)
    return [(start, end)]


def _higher_divisions(text: str, lex: NameLexicon) -> list[int]:
    """Lengths of the divisions to cut off the front: all but the lowest of a leading chain.

    四川省凉山彝族自治州西昌市公安局交警大队 → [3, 7] (四川省, 凉山彝族自治州); the name keeps
    西昌市. A name with one leading division (恩施州委宣传部) is left whole.
    """
    ends = lex.division_prefixes(text)
    if len(ends) < 2 or ends[-1] >= len(text):
        return []
    starts = [0, *ends[:-1]]
    return [e - s for s, e in zip(starts[:-1], ends[:-1])]


def _collective_of(body: str, tokens, first: int, last: int, lex: NameLexicon) -> str:
    """The place of "place words + generic word" (美国 + 军队 → 美国, 非洲 + 球队), '' otherwise."""
    if last == first or tokens[last].text not in lex.org_rules.collective_words:
        return ""
    if all(t.tag == "LOC" for t in tokens[first:last]):
        return body[tokens[first].start : tokens[last - 1].end]
    return ""


def _government_of(text: str, lex: NameLexicon) -> str:
    """The place of "place + 政府/当局" (中国政府 → 中国), '' otherwise.

    People's Daily and MSRA both tag such a phrase as the place alone; a full official name
    (平凉市人民政府) and a level word alone (市政府, 县政府) stay organisations.
    """
    rules = lex.org_rules
    for word in rules.government_words:
        if text.endswith(word):
            place = text[: -len(word)]
            if place in lex.abbreviations.countries or (  # 俄政府
                len(place) >= 2 and not place.endswith(rules.not_place_endings) and place not in lex.org_stop
            ):
                return place
    return ""


def _headed(body: str, words: Words, lex: NameLexicon, found: list[Mention]) -> Iterable[Mention]:
    """Place or level character + an organisation ending LAC did not tag (县融媒体中心, 县妇联).

    Endings of three or more characters may follow a place or a level character; two-character
    endings only a level character (县妇联, 市文联).
    """
    taken = bytearray(len(body))
    for m in found:
        taken[m.start : m.end] = b"\x01" * (m.end - m.start)
    for head in lex.org_heads:
        pos = body.find(head)
        while pos >= 0:
            end = pos + len(head)
            start = _prefix_start(body, words, pos, lex, allow_place=len(head) >= 3)
            if (
                start is not None
                and not any(taken[start:end])
                and words.ends_at(end)
                and is_org_like(body[start:end], lex)
                and body[start:end] not in lex.org_stop
            ):
                taken[start:end] = b"\x01" * (end - start)
                yield Mention(start, end, ORGANIZATION, 0.0)
            pos = body.find(head, end)


def _prefix_start(body: str, words: Words, pos: int, lex: NameLexicon, allow_place: bool) -> int | None:
    """Where the name starts: a place word or a level character right before ``pos``."""
    if words.starts_at(pos):
        prev = words.previous(pos)
        if prev is not None and prev.tag == "LOC" and allow_place:
            return prev.start
        if prev is not None and prev.text in lex.org_rules.level_chars:
            return prev.start
        return None
    i = words.at(pos)
    if i < 0 or pos < 1 or body[pos - 1] not in lex.org_rules.level_chars:
        return None
    glue = body[words.tokens[i].start : pos - 1]
    if glue == "" or glue in lex.org_rules.joiners:
        return pos - 1  # 县融媒体 + 中心, 和县妇联: the level character is glued to the word
    return None


def _keep(text: str, margin: float, lex: NameLexicon) -> bool:
    if len(text) < 2 or text in lex.org_stop or text[0].isdigit() or not is_han(text.replace("·", "")):
        return False
    return bool(lex.org_suffix(text)) or margin >= MIN_MARGIN
