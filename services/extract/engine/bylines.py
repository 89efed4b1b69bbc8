"""Datelines, bylines and photo credits: who wrote an article, and where its text starts.

Recognised forms (cue words and patterns live in ``data/segment_cues.toml``; family names in
``data/segment_surnames.txt``; how Tibetan, Mongolian, Uyghur, Yi and Dai names begin in
``data/segment_name_starts.txt``):

* datelines ``本报讯（记者 A B）…``, ``本报讯 （A B）…``, ``本报北京10月9日电（记者 A）…``,
  ``新华社北京10月9日电（记者 A）…``: the names, and where the body text starts;
* byline lines ``◎ 本报记者 A B``, ``◎ A B``, ``文/A B``, ``本报记者 A 通讯员 B``;
* trailing byline lines ``（王志宏 于佳琪）``, ``（次仁卓玛 其木格）`` (names only, each led by a
  known family name or a known start of a minority name — or beside one that is);
* photo credits ending a caption: ``…。 唐文杰 莫小雨 摄``, ``…。\\n张国荣望作信摄``, ``张伟刘芳摄``.

Names are returned without titles (记者, 通讯员 …). Names printed without a space between
them are split at family names (张国荣望作信 -> 张国荣, 望作信; 张伟刘芳 -> 张伟, 刘芳, but not
欧阳明月, 吉克阿呷 or 阿旺罗布); when no split fits they are kept whole. ``◎ 鹤壁文`` ("written by
鹤壁") yields no name, because 鹤壁 is not led by a family name.
Limits: without an explicit cue (记者, ◎, 文/, a dateline bracket) a name must start with a listed
family name or minority-name start, or stand beside one that does, so a trailing （A B） of two
unlisted names is missed and a bracket of two words one of which looks like a name (（王府井 西单）)
is taken for names; a name longer than four characters needs a middle dot (阿依努尔·吐尔逊) unless
it splits into names.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

_NAME_CHARS = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff·•・]+")
_SEPARATORS = re.compile(r"[\s、，,；;/／|]+")


@dataclass(frozen=True)
class Lexicon:
    surnames: frozenset[str]
    compound_surnames: frozenset[str]
    titles: tuple[str, ...]
    dateline: tuple[re.Pattern[str], ...]
    line_marks: str
    line_prefixes: tuple[re.Pattern[str], ...]
    credit: re.Pattern[str]
    credit_ends: tuple[str, ...]
    furniture: tuple[re.Pattern[str], ...]
    furniture_starts: frozenset[str]
    dashes: str
    subtitle_endings: tuple[tuple[str, ...], tuple[str, ...]]  # genre words, then weaker ones
    bullets: str
    max_name_chars: int
    story_opening: re.Pattern[str]
    province: re.Pattern[str]
    name_starts: dict[str, tuple[str, ...]]  # first character -> starts of minority names
    openers: tuple[re.Pattern[str], ...]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The cue lexicon, read once from the package's data files."""
    data = resources.files(__package__).joinpath("data")
    cues = tomllib.loads(data.joinpath("segment_cues.toml").read_text("utf-8"))
    names = data.joinpath("segment_surnames.txt").read_text("utf-8")
    words = [w for line in names.splitlines() if not line.startswith("#") for w in line.split()]
    starts_text = data.joinpath("segment_name_starts.txt").read_text("utf-8")
    starts: dict[str, list[str]] = {}
    for w in (w for line in starts_text.splitlines() if not line.startswith("#") for w in line.split()):
        starts.setdefault(w[0], []).append(w)
    by = cues["byline"]
    credit_words = sorted(by["credit_words"], key=len, reverse=True)
    provinces = "(" + "|".join(sorted(cues["story"]["provinces"], key=len, reverse=True)) + ")"
    credit = re.compile(r"\s*(?:" + "|".join(re.escape(w) for w in credit_words) + r")\s*$")
    return Lexicon(
        surnames=frozenset(w for w in words if len(w) == 1),
        compound_surnames=frozenset(w for w in words if len(w) == 2),
        titles=tuple(sorted(by["titles"], key=len, reverse=True)),
        dateline=tuple(re.compile(p) for p in cues["dateline"]["prefixes"]),
        line_marks="".join(by["line_marks"]),
        line_prefixes=tuple(re.compile(p) for p in by["line_prefixes"]),
        credit=credit,
        credit_ends=tuple(credit_words),
        furniture=tuple(re.compile(p) for p in cues["furniture"]["lines"]),
        furniture_starts=frozenset(cues["furniture"]["first_chars"]),
        dashes=cues["subtitle"]["dashes"],
        subtitle_endings=(tuple(cues["subtitle"]["endings"]), tuple(cues["subtitle"]["weak_endings"])),
        bullets="".join(cues["subhead"]["bullet_marks"]),
        max_name_chars=int(by["max_name_chars"]),
        story_opening=re.compile(rf"^[^，。！？,]{{0,{int(cues['story']['opening_chars'])}}}[，,]{provinces}"),
        province=re.compile(provinces),
        name_starts={k: tuple(v) for k, v in starts.items()},
        openers=tuple(re.compile(p) for p in cues["paragraph"]["openers"]),
    )


def has_surname(token: str) -> bool:
    lex = lexicon()
    return token[:1] in lex.surnames or token[:2] in lex.compound_surnames


def looks_like_name(token: str) -> bool:
    """Led by a family name (张三) or by a common start of Tibetan, Mongolian, Uyghur, Yi or Dai
    names (次仁卓玛, 巴特尔, 其木格, 吉克阿呷, 岩温), or written with a middle dot."""
    if "·" in token or "•" in token or "・" in token:
        return True
    return has_surname(token) or _minority_start(token)


def split_names(text: str, *, strict: bool = False) -> list[str] | None:
    """The names in a byline fragment (titles dropped), or None when something else is there.

    ``strict`` (no explicit cue seen): every name must be 2-4 characters and look like a name
    (``looks_like_name``) — except that beside one such name, other 2-4 character tokens are
    taken as names too (（巴特尔 其木格）: a family name vouches for the pair).
    """
    lex = lexicon()
    out: list[str] = []
    doubtful = 0
    for token in _SEPARATORS.split(text.strip()):
        if not token:
            continue
        token = _drop_titles(token, lex.titles)
        if not token:
            continue
        if not _NAME_CHARS.fullmatch(token) or len(token) > lex.max_name_chars:
            return None
        if "·" in token or "•" in token or "・" in token:
            out.append(token)
            continue
        if len(token) < 2:
            return None
        if len(token) > 4 or (len(token) == 4 and _two_glued(token)):
            parts = _split_glued(token)
            if parts is None:
                return None
            out.extend(parts)
            continue
        if strict and not looks_like_name(token):
            doubtful += 1
        out.append(token)
    if doubtful and (doubtful == len(out) or len(out) < 2):
        return None
    return out


def _drop_titles(token: str, titles: tuple[str, ...]) -> str:
    """记者张三 -> 张三; 通讯员 -> ''. One-character titles (文, 图, 摄) only as whole tokens."""
    changed = True
    while token and changed:
        changed = False
        for t in titles:
            if token == t or (len(t) > 1 and token.startswith(t)):
                token = token[len(t) :]
                changed = True
                break
    return token


def _two_glued(token: str) -> bool:
    """Four characters that are two two-character names printed without a space (张伟刘芳),
    not one name (欧阳明月, 吉克阿呷, 阿旺罗布: a compound family name or a minority name)."""
    if token[:2] in lexicon().compound_surnames or _minority_start(token):
        return False
    return has_surname(token[:2]) and has_surname(token[2:]) and not _minority_start(token[2:])


def _minority_start(token: str) -> bool:
    return any(token.startswith(s) for s in lexicon().name_starts.get(token[:1], ()))


def _split_glued(token: str) -> list[str] | None:
    """Names printed without a space (张国荣望作信): pieces of 2-4 characters, each led by a family
    name; three-character pieces are preferred. None when no such split exists."""
    n = len(token)
    best: list[tuple[int, list[str]] | None] = [None] * (n + 1)
    best[n] = (0, [])
    for i in range(n - 2, -1, -1):
        for size in (3, 2, 4):
            j = i + size
            if j > n or best[j] is None or not looks_like_name(token[i:j]):
                continue
            score = best[j][0] + (2 if size == 3 else 1)
            if best[i] is None or score > best[i][0]:
                best[i] = (score, [token[i:j], *best[j][1]])
    return best[0][1] if best[0] is not None and len(best[0][1]) > 1 else None


@dataclass(frozen=True)
class Dateline:
    names: list[str]
    body_start: int  # where the article text starts in the paragraph


def match_dateline_prefix(text: str) -> re.Match[str] | None:
    lex = lexicon()
    for p in lex.dateline:
        m = p.match(text)
        if m:
            return m
    return None


def parse_dateline(paragraph: str) -> Dateline | None:
    """``本报讯（胡杨 孙伟）奋进新时代…`` -> names [胡杨, 孙伟] and the offset of 奋进."""
    m = match_dateline_prefix(paragraph)
    if m is None:
        return None
    i = m.end()
    while i < len(paragraph) and paragraph[i].isspace():
        i += 1
    names: list[str] = []
    if i < len(paragraph) and paragraph[i] in "（(":
        close = _closing(paragraph, i)
        if close is not None:
            names = split_names(paragraph[i + 1 : close]) or []
            i = close + 1
    while i < len(paragraph) and (paragraph[i].isspace() or paragraph[i] in "：:"):
        i += 1
    return Dateline(names=names, body_start=i)


def _closing(text: str, start: int, limit: int = 48) -> int | None:
    for j in range(start + 1, min(len(text), start + limit)):
        if text[j] in "）)":
            return j
        if text[j] in "。！？（(":
            return None
    return None


def parse_byline_line(line: str) -> list[str] | None:
    """A line that is only a byline (◎ 本报记者 A B / 文/A B / 本报记者 A): its names, else None."""
    lex = lexicon()
    s = line.strip()
    if not s or len(s) > 40 or any(c in s for c in "。，！？；："):
        return None
    if s[0] in lex.line_marks:
        rest = s[1:].strip()
        if not rest:
            return None
        if " " not in rest and rest.endswith("文") and len(rest) >= 3 and not has_surname(rest):
            return []  # ◎ 鹤壁文: written by a place or an office, no person named
        names = split_names(rest)
        return names if names else ([] if names is not None else None)
    for p in lex.line_prefixes:
        m = p.match(s)
        if m and m.end() < len(s):
            names = split_names(s[m.end() :])
            return names or None
    return None


_TRAILER = re.compile(r"^[（(]([^（）()]{2,40})[）)]$")


def parse_trailer(line: str) -> list[str] | None:
    """``（王志宏 于佳琪）`` on its own line -> [王志宏, 于佳琪]; None for anything else (（试行）)."""
    m = _TRAILER.match(line.strip())
    if not m:
        return None
    inner = m.group(1)
    cued = any(t in inner for t in ("记者", "記者", "通讯员", "通訊員", "文/", "文／"))
    names = split_names(inner, strict=not cued)
    return names or None


def split_credit(text: str) -> tuple[str, list[str]] | None:
    """A caption's photo credit: ``…画卷。 张国荣望作信摄`` -> (``…画卷。``, [张国荣, 望作信])."""
    lex = lexicon()
    m = lex.credit.search(text)
    if not m:
        return None
    head = text[: m.start()].rstrip()
    if head.endswith(("（", "(")):
        return None
    # The names run back to the last sentence end (or the start of the text).
    cut = max(head.rfind(c) for c in "。！？!?…”）)") + 1
    names_part = head[cut:].strip()
    if not names_part or len(names_part) > 30:
        return None
    cued = any(t in names_part for t in ("记者", "記者", "通讯员", "通訊員"))
    names = split_names(names_part, strict=not cued)
    if not names:
        return None
    return head[:cut].rstrip(), names


def is_furniture(line: str) -> bool:
    """Page furniture: 上接第1版, （完）, 责任编辑：… (patterns in the cue file)."""
    lex = lexicon()
    return line[:1] in lex.furniture_starts and any(p.match(line) for p in lex.furniture)
