"""Character-level cleaning of text-layer Chinese: line rejoining, stray spaces, doubled headings.

Everything here is a pure function on strings, linear in the input (``undouble`` is bounded to
short heading lines). Accuracy and limits:

* ``join_lines`` rejoins hard wraps without losing or inventing characters; a space is put back
  only between two Latin letters (``Hello`` / ``world``), never between CJK or digits
  (``2024`` / ``年``, ``3.`` / ``1万``, ``86`` / ``0余`` rejoin as written).
* ``clean_spaces`` removes spaces next to CJK punctuation and between CJK and digits; a space
  between two CJK characters is kept when it stands alone (a slogan: 文明朝阳 你我同行) and removed
  when the text is letter-spaced (a caption: 图 为 10 月 2 日). Spaces between Latin words stay.
* ``undouble`` repairs bold headings whose text layer repeats every run
  (以精神文明引领社会风尚以精神文明引领社会风尚, ““鹤壁模式鹤壁模式””); a heading that genuinely
  repeats itself (天天向上天天向上) would be halved too — none is known in news headings.
"""

from __future__ import annotations

import re
from collections import Counter

# Sentence-final punctuation; a paragraph ending in anything else was cut mid-sentence.
TERMINAL = frozenset("。！？!?…")
CLOSERS = frozenset("”’」』）)》】〉\"'")
# Punctuation after which a paragraph certainly continues (never ends a paragraph).
OPEN_ENDS = frozenset("，、；：,;:（(《“‘「『【—·")
CLAUSE_MARKS = frozenset("，、,：:")  # marks inside a sentence: a line holding one is prose, not a heading

_SPACE_LIKE = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# Control (Cc, except the newline), format (Cf) and surrogate (Cs) characters.
_CONTROL = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\ud800-\udfff]"
)
_CJK_PUNCT = re.compile("[\u3000-\u303f\uff00-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2010-\u2027\u00b7\u30fb]")
_LETTER_SPACED_MIN = 3
_LETTER_SPACED_RATIO = 0.02
_NEIGHBOUR_WINDOW = 4
_UNDOUBLE_MAX = 160


def normalize_text(text: str) -> str:
    """Unify line ends and spaces; drop control and format characters (except newlines)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _SPACE_LIKE.sub(" ", text)
    return _CONTROL.sub("", text)


def is_cjk(c: str) -> bool:
    """A CJK ideograph (the basic and extension-A blocks, compatibility ideographs, 〇)."""
    o = ord(c)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF or o == 0x3007


def is_cjk_punct(c: str) -> bool:
    """Full-width punctuation and the quotes, dashes and dots that Chinese text uses."""
    o = ord(c)
    return (0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFF0F or 0xFF1A <= o <= 0xFF20
            or 0xFF3B <= o <= 0xFF40 or 0xFF5B <= o <= 0xFF65 or 0x2010 <= o <= 0x2027
            or o in (0x00B7, 0x30FB))


def display_width(s: str, punct: float = 1.0) -> float:
    """Printed width in em: ASCII is half as wide as a CJK character. ``punct`` is the width of
    CJK punctuation: 1.0 as set normally, 0.5 where the typesetter compresses punctuation
    (标点挤压), which some pages do."""
    ascii_count = len(s.encode("ascii", "ignore"))
    width = len(s) - 0.5 * ascii_count
    if punct != 1.0:
        width -= (1.0 - punct) * (len(s) - len(_CJK_PUNCT.sub("", s)))
    return width


def join_lines(lines: list[str]) -> str:
    """Rejoin hard-wrapped lines (already stripped) into one paragraph."""
    out = ""
    for line in lines:
        if not line:
            continue
        if out and out[-1].isascii() and out[-1].isalpha() and line[0].isascii() and line[0].isalpha():
            out += " "
        out += line
    return out


def clean_spaces(text: str) -> str:
    """Remove stray spaces of the text layer; keep meaningful ones (see the module docstring)."""
    if " " not in text:
        return text
    text = re.sub(r" {2,}", " ", text).strip()
    n = len(text)
    suspicious = [i for i in range(n) if text[i] == " " and _suspicious(text, i)]
    if not suspicious:
        return _join_numbers(text)
    cjk = sum(1 for c in text if is_cjk(c)) or 1
    letter_spaced = len(suspicious) >= _LETTER_SPACED_MIN and len(suspicious) / cjk >= _LETTER_SPACED_RATIO
    drop: set[int] = set()
    for k, i in enumerate(suspicious):
        a, b = text[i - 1], text[i + 1]
        if letter_spaced or _is_punct(a) or _is_punct(b) or a.isdigit() or b.isdigit():
            drop.add(i)
            continue
        # Between words (CJK or Latin): an isolated space is meant (a slogan: 文明朝阳 你我同行),
        # one among others is letter-spacing noise.
        near = (k > 0 and i - suspicious[k - 1] <= _NEIGHBOUR_WINDOW) or (
            k + 1 < len(suspicious) and suspicious[k + 1] - i <= _NEIGHBOUR_WINDOW
        )
        if near:
            drop.add(i)
    if letter_spaced:
        # Letter-spaced text also splits numbers (20 0 余 -> 200余).
        drop.update(i for i in range(1, n - 1) if text[i] == " " and text[i - 1].isdigit() and text[i + 1].isdigit())
    return _join_numbers("".join(c for i, c in enumerate(text) if i not in drop))


_SPLIT_NUMBER = re.compile(r"(?<![\d.．])\d+(?:(?: *[.．] *| +)\d+)+")


def _join_numbers(text: str) -> str:
    """Stray spaces inside a number set among Chinese text: 1 .2万株 -> 1.2万株, 1 50余名 -> 150余名.
    Numbers between Latin words (GB 2260 2023) keep their spaces."""
    if " " not in text:
        return text

    def fix(m: re.Match[str]) -> str:
        span = m.group(0)
        if " " not in span:
            return span
        i, j = m.start() - 1, m.end()
        while i >= 0 and text[i] == " ":
            i -= 1
        while j < len(text) and text[j] == " ":
            j += 1
        around = (text[i] if i >= 0 else "") + (text[j] if j < len(text) else "")
        if any(c.isascii() and c.isalpha() for c in around):
            return span
        if not any(is_cjk(c) or is_cjk_punct(c) or _fullwidth(c) for c in around):
            return span
        return span.replace(" ", "")

    return _SPLIT_NUMBER.sub(fix, text)


def _suspicious(text: str, i: int) -> bool:
    """A space that touches CJK text (a character or punctuation) on either side."""
    a, b = text[i - 1], text[i + 1]
    return is_cjk(a) or is_cjk(b) or is_cjk_punct(a) or is_cjk_punct(b) or _fullwidth(a) or _fullwidth(b)


def _is_punct(c: str) -> bool:
    return is_cjk_punct(c) or (_fullwidth(c) and not is_cjk(c)) or (c.isascii() and not c.isalnum())


def _fullwidth(c: str) -> bool:
    return ord(c) >= 0x2E80 and not c.isspace()


def is_dangling(text: str) -> bool:
    """True when ``text`` stops mid-sentence (it does not end with sentence-final punctuation)."""
    t = text.rstrip()
    if not t:
        return False
    i = len(t) - 1
    while i >= 0 and t[i] in CLOSERS:
        i -= 1
    if i < 0:
        return False
    return t[i] not in TERMINAL


def strip_dashes(text: str, dashes: str) -> str:
    """``——河南鹤壁市…`` -> ``河南鹤壁市…``."""
    return text.strip().lstrip(dashes + " ").strip()


def undouble(text: str) -> str | None:
    """The heading a doubled bold text layer stands for, or None when ``text`` is not doubled.

    A doubled string is a sequence of runs each printed twice (r1 r1 r2 r2 …); the result is
    r1 r2 …. At least one run must be two or more characters long.
    """
    n = len(text)
    if n < 4 or n % 2 or n > _UNDOUBLE_MAX:
        return None
    if any(v % 2 for v in Counter(text).values()):
        return None
    # ok[i]: the suffix text[i:] decomposes; run[i]: the run length chosen at i (longest first).
    ok = [False] * (n + 1)
    run = [0] * (n + 1)
    ok[n] = True
    for i in range(n - 2, -1, -1):
        for length in range((n - i) // 2, 0, -1):
            j = i + 2 * length
            if ok[j] and text[i : i + length] == text[i + length : j]:
                ok[i], run[i] = True, length
                break
    if not ok[0]:
        return None
    parts, i, longest = [], 0, 0
    while i < n:
        parts.append(text[i : i + run[i]])
        longest = max(longest, run[i])
        i += 2 * run[i]
    return "".join(parts) if longest >= 2 else None
