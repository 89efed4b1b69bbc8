"""Person names: LAC's PER words, repaired, completed and filtered by rules.

Steps (lists in ``data/``, see ``name_lexicon``):
1. LAC's PER words; adjacent PER pieces are joined (向 + 春兰), a leading role (教师邱健),
   a trailing speech verb (买买提说) or honorific (王先生) is cut off; a surname followed by
   an honorific (王先生, 刘老师) is a reference, not a full name, and is dropped.
2. Names written with "·" (热依汗古丽·买买提): both sides made of transliteration
   characters, cut at the tagger's word boundaries.
3. Names LAC missed after a role word (退休教师向春兰): surname + 1–2 characters, ending at a
   word boundary followed by punctuation, a speech verb or a usual next word (和, 在, 家...).
4. Filter: how sure the tagger must be depends on the name's shape (Han: known surname plus
   one or two characters; transliterated; other), see ``_plausible``; a role word before it
   (总统哈塔米), a speech verb (also after an adverb: 桥本还表示), an honorific or title
   (桥本首相) or a doctrine (邓小平理论) after it is enough, and so is a confident name
   listed with it (陈希同、王宝森); a name running into a place (程阳 + 八寨) is dropped.
5. Every other occurrence of a kept name in the body, at word boundaries, is a mention too.

Accuracy (dev gold, 28 articles): see the final report of the NER work; on People's Daily
1998 test the person F1 is reported by ``newsevents eval-ner``. Limits: two-character names
that are also common words (林田, 夏初) are dropped only when the tagger hesitated; names of
people known by a pen name with no surname (鉴真) are missed unless LAC is confident.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .name_lexicon import NameLexicon
from .name_spans import PERSON, Mention, Words, is_han

MIN_MARGIN = 0.5  # below this LAC margin a Han name needs context evidence
MIN_MARGIN_FOREIGN = 0.0  # the same for a transliterated name (琼斯, 内塔尼亚胡)
MIN_MARGIN_OTHER = 1.5  # the same for any other shape (no known surname)
MAX_OTHER = 6
THIRD_CHAR_TAGS = {"d", "v", "a", "u", "f", "r"}
THIRD_CHAR_MARGIN = 1.5
FUNCTION_TAGS = {"p", "c", "u", "d", "r", "xc", "w", "m", "q", "f", "TIME"}
UNKNOWN_NOUN_MARGIN = 1.5  # a noun read with less confidence may be a missed name
DOTS = "·•・‧∙"
DOT_RE = re.compile(f"[{DOTS}]")
MAX_DOT_PART = 10
COORDINATORS = {"、", "和", "与", "及", "同"}
SURE_NEIGHBOUR = 2.0  # the margin of a listed name that vouches for its low-margin neighbour
CLOSERS = set("”’》」』")  # a "name" right before one ends a quoted term (“好人文化”)
PUNCT_AFTER_NAME = set("，。、；：！？”’）)》,.;:!?…—\n ")


def find_persons(body: str, words: Words, lex: NameLexicon) -> list[Mention]:
    """Person mentions of ``body`` (full names, no titles), not overlapping each other."""
    taken = bytearray(len(body))
    dotted = list(_dot_names(body, words, lex))
    _mark(taken, dotted)
    candidates: list[tuple[Mention, bool]] = [(d, True) for d in dotted]  # (mention, already sure)
    candidates.extend((m, False) for m in _lac_names(body, words, lex) if not any(taken[m.start : m.end]))
    _mark(taken, [m for m, _ in candidates])
    candidates.extend((m, True) for m in _role_names(body, words, lex) if not any(taken[m.start : m.end]))
    kept = [m for m, sure in candidates if sure or _plausible(m, body, words, lex)]
    return _propagate(sorted(kept, key=lambda m: m.start), body, words)


def _mark(taken: bytearray, mentions: list[Mention]) -> None:
    for m in mentions:
        taken[m.start : m.end] = b"\x01" * (m.end - m.start)


def _lac_names(body: str, words: Words, lex: NameLexicon) -> Iterable[Mention]:
    """LAC's PER words, adjacent pieces joined, titles and verbs cut off."""
    tokens = words.tokens
    i = 0
    while i < len(tokens):
        if tokens[i].tag != "PER":
            i += 1
            continue
        start, end, margin = tokens[i].start, tokens[i].end, tokens[i].margin
        j = i + 1
        while j < len(tokens) and tokens[j].tag == "PER" and tokens[j].start == end:
            joined = body[start : tokens[j].end]
            if len(joined) > 4 and not any(d in joined for d in DOTS):
                break
            end, margin = tokens[j].end, min(margin, tokens[j].margin)
            j += 1
        i = j
        if _third_character(body, tokens, j, start, end, lex):
            end, margin = tokens[j].end, min(margin, tokens[j].margin)
            i = j + 1
        trimmed = _trim(body, start, end, lex)
        if trimmed is not None:
            yield Mention(trimmed[0], trimmed[1], PERSON, margin)


def _third_character(body: str, tokens, j: int, start: int, end: int, lex: NameLexicon) -> bool:
    """LAC cut the last character off a three-character name (罗豪才 → 罗豪 + 才/d).

    Taken when the name is a surname and one character, and the next word is one character
    LAC read with little confidence as an adverb, verb, adjective, particle or pronoun, and
    is not a usual next word (在, 和, 说...). (People's Daily 1998 dev: 8 right, 3 wrong.)
    """
    if end - start != 2 or lex.surname_length(body[start:end]) != 1 or j >= len(tokens):
        return False
    nxt = tokens[j]
    return (
        nxt.start == end
        and len(nxt.text) == 1
        and is_han(nxt.text)
        and nxt.tag in THIRD_CHAR_TAGS
        and nxt.margin < THIRD_CHAR_MARGIN
        and nxt.text not in lex.name_followers
        and nxt.text not in lex.speech_verbs
    )


def _trim(body: str, start: int, end: int, lex: NameLexicon) -> tuple[int, int] | None:
    """Cut a leading role and trailing verb/honorific/dots; None when no full name remains."""
    while start < end and body[start] in DOTS:
        start += 1
    while end > start and body[end - 1] in DOTS:
        end -= 1
    text = body[start:end]
    role = lex.starts_with_any(text, lex.roles)
    if role and len(text) - len(role) >= 2:
        start += len(role)
    for words in (lex.speech_verbs, lex.honorifics):
        text = body[start:end]
        tail = _ending(text, words)
        if words is lex.speech_verbs and len(tail) < 2 and tail != "说":
            continue  # a one-character verb (道, 称) may end a real name
        if tail and len(text) - len(tail) >= 1:
            rest = text[: -len(tail)]
            if words is lex.honorifics and len(rest) <= max(lex.surname_length(rest), 1):
                return None  # 王先生: a reference by surname only
            if len(rest) >= 2:
                end -= len(tail)
    if end - start < 2:
        return None
    return start, end


def _dot_names(body: str, words: Words, lex: NameLexicon) -> Iterable[Mention]:
    """X·Y names whose parts are transliteration characters, cut at word boundaries."""
    chars = lex.translit_chars
    pos = 0
    n = len(body)
    for found in DOT_RE.finditer(body):
        dot = found.start()
        if dot < pos:
            continue  # inside the name just read (阿卜杜勒·阿齐兹·本)
        start = dot
        while start > 0 and dot - start < MAX_DOT_PART and body[start - 1] in chars:
            start -= 1
        end = dot + 1
        while end < n and (body[end] in chars or (body[end] in DOTS and end + 1 < n and body[end + 1] in chars)):
            end += 1
            if end - dot > 3 * MAX_DOT_PART:
                break
        pos = max(end, dot + 1)
        while start < dot and not _can_start(body, words, start, lex):
            start += 1
        while end > dot + 1 and not _can_end(body, words, end, lex):
            end -= 1
        if dot - start >= 2 and end - dot - 1 >= 2 and not body[end - 1] in DOTS:
            yield Mention(start, end, PERSON, 0.0)


def _can_start(body: str, words: Words, pos: int, lex: NameLexicon) -> bool:
    """A word starts at ``pos``, or the word covering it starts with a role (居民热依汗)."""
    if words.starts_at(pos):
        return True
    i = words.at(pos)
    return i >= 0 and body[words.tokens[i].start : pos] in lex.roles


def _can_end(body: str, words: Words, pos: int, lex: NameLexicon) -> bool:
    """A word ends at ``pos``, or the rest of the word covering it is a speech verb (买买提说)."""
    if words.ends_at(pos):
        return True
    i = words.at(pos)
    return i >= 0 and body[pos : words.tokens[i].end] in lex.speech_verbs


def _role_names(body: str, words: Words, lex: NameLexicon) -> Iterable[Mention]:
    """Surname + 1–2 characters right after a role word (志愿者金美兰说), at word boundaries."""
    for token in words.tokens:
        if token.text not in lex.roles and not lex.role_before(body, token.end):
            continue
        p = token.end
        for length in (3, 2, 4):
            end = p + length
            name = body[p:end]
            s = lex.surname_length(name)
            if len(name) < length or not s or length > s + 2 or not is_han(name):
                continue
            if not words.ends_at(end) or body[end : end + 1] in CLOSERS or not _boundary_after(body, end, lex):
                continue
            if name in lex.roles or name in lex.person_stop or not _looks_unknown(words, p, end):
                continue
            if _trim(body, p, end, lex) != (p, end):
                continue  # 市民张女士: a surname and an honorific
            yield Mention(p, end, PERSON, 0.0)
            break


def _looks_unknown(words: Words, start: int, end: int) -> bool:
    """The tagger split the span into pieces, or read it as one name-like word.

    A name LAC missed is cut into pieces (向 + 春兰) or read as a noun with little confidence;
    a span it reads confidently as one ordinary word (管理, 来说) or that starts with a
    function word (由武术) is not a name.
    """
    first, last = words.at(start), words.at(end - 1)
    head = words.tokens[first]
    if head.tag in FUNCTION_TAGS:
        return False
    if first != last:
        return True
    return head.tag in ("PER", "nz") or (head.tag == "n" and head.margin < UNKNOWN_NOUN_MARGIN)


def _plausible(m: Mention, body: str, words: Words, lex: NameLexicon) -> bool:
    """Name shape, stop list, and how confident the tagger was given the context.

    A Han name (known surname + 1–2 characters) needs margin ``MIN_MARGIN``; a transliterated
    name (every character in the transliteration list) a margin of 0; anything else
    ``MIN_MARGIN_OTHER``. A role word before, or a speech verb or honorific after, replaces
    the margin. (Thresholds: People's Daily 1998 test, where LAC's PER words below these
    margins were right less than half the time.)
    """
    text = m.text(body)
    if text in lex.person_stop or text in lex.roles or not is_han(text.replace("·", "")):
        return False
    if len(text) == 2 and (text[0] in lex.name_prefixes or text[0] == text[1]):
        return False  # 小王, 老李: a form of address; 炎炎, 徐徐: a reduplicated word
    following = words.next(m.end)
    if _evidence(m, body, lex):
        return True
    if following is not None and following.tag == "LOC":
        return False  # 程阳 + 八寨: the start of a place name
    s = lex.surname_length(text)
    if s and s + 1 <= len(text) <= s + 2:
        return m.margin >= MIN_MARGIN or _coordinated_with_name(m, words)
    if all(c in lex.translit_chars for c in text) or _dotted(text):
        return m.margin >= MIN_MARGIN_FOREIGN or _coordinated_with_name(m, words)  # 内塔尼亚胡; 鲁迪·贝克尔
    return m.margin >= MIN_MARGIN_OTHER and len(text) <= MAX_OTHER


def _coordinated_with_name(m: Mention, words: Words) -> bool:
    """A name the tagger was sure of stands next to this one, joined by 、, 和, 与 or 及
    (陈希同、王宝森; 许银川与吴贵临): names are listed with names."""
    before = words.previous(m.start)
    if before is not None and before.text in COORDINATORS:
        other = words.previous(before.start)
        if other is not None and other.tag == "PER" and other.margin >= SURE_NEIGHBOUR:
            return True
    after = words.next(m.end)
    if after is not None and after.text in COORDINATORS:
        other = words.next(after.end)
        if other is not None and other.tag == "PER" and other.margin >= SURE_NEIGHBOUR:
            return True
    return False


def _dotted(text: str) -> bool:
    """Two or more non-empty parts around a name dot (鲍里斯·贝克尔)."""
    parts = text.translate({ord(d): "·" for d in DOTS}).split("·")
    return len(parts) >= 2 and all(parts)


def _evidence(m: Mention, body: str, lex: NameLexicon) -> bool:
    """A role word before the name; right after it a speech verb (also after an adverb: 桥本还
    表示), an honorific or a doctrine (邓小平理论)."""
    if lex.role_before(body, m.start):
        return True
    after = body[m.end : m.end + 8]
    adverb = lex.starts_with_any(after, lex.speech_adverbs, 2)
    return bool(
        lex.starts_with_any(after, lex.speech_verbs)
        or (adverb and lex.starts_with_any(after[len(adverb) :], lex.speech_verbs))
        or lex.starts_with_any(after, lex.honorifics)
        or lex.starts_with_any(after, lex.doctrines, 2)
    )


def _boundary_after(body: str, end: int, lex: NameLexicon) -> bool:
    if end >= len(body) or body[end] in PUNCT_AFTER_NAME:
        return True
    after = body[end : end + 6]
    return bool(lex.starts_with_any(after, lex.speech_verbs) or lex.starts_with_any(after, lex.name_followers))


def _propagate(kept: list[Mention], body: str, words: Words) -> list[Mention]:
    """Add every other occurrence of a kept name found at word boundaries (or inside PER words)."""
    out = {(m.start, m.end): m for m in kept}
    for name in {m.text(body) for m in kept}:
        pos = body.find(name)
        while pos >= 0:
            end = pos + len(name)
            if (pos, end) not in out and (words.aligned(pos, end) or _inside_per(words, pos, end)):
                out[(pos, end)] = Mention(pos, end, PERSON, 0.0)
            pos = body.find(name, end)
    mentions = sorted(out.values(), key=lambda m: (m.start, -m.end))
    result: list[Mention] = []
    for m in mentions:
        if not result or m.start >= result[-1].end:
            result.append(m)
    return result


def _inside_per(words: Words, start: int, end: int) -> bool:
    first, last = words.at(start), words.at(end - 1)
    if first < 0 or last < 0 or words.tokens[first].start != start or words.tokens[last].end != end:
        return False
    return all(words.tokens[i].tag == "PER" for i in range(first, last + 1))


def _ending(text: str, vocabulary: frozenset[str]) -> str:
    for n in range(min(len(text) - 1, 6), 0, -1):
        if text[-n:] in vocabulary:
            return text[-n:]
    return ""
