"""The event noun that ends a frame verb's object (or, for some verbs, its subject).

A frame verb (举行, 开展, 发布…) takes its type from the event noun that heads its object. In
Chinese the head of a noun phrase is its last noun, so the *rightmost* event noun of the
object window wins (举行…合唱比赛决赛 → 决赛), the longest at one position (开工仪式 beats
仪式); nouns that end like an event noun but are not one (委员会) cancel a match. Before the
verb (…启动仪式在人民广场举行) the noun nearest the verb wins.

Quotation marks need care: a noun that is the last word of a quoted name counts (开展“暖冬
行动”), but not when the quotation goes on into more noun text (新增“厕所开放联盟”成员单位).
Two special objects stand for any book title (``《》``) and any quoted name (``“”``).
Limits: without part-of-speech tags an unlisted noun after a listed one is not seen, so
开展志愿服务活动进社区 still reads 活动 as the head (which is right here, but not always).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .layout import Layout
from .lexicon import Lexicon
from .taxonomy import QUOTE_OBJECT, TITLE_OBJECT

NOT_AN_EVENT = ""  # the type given to non-event nouns
_LIGHT_AFTER_QUOTE = frozenset("等的和与及、")
_LIGHT_AFTER_NAME = frozenset("，,。；;：:！？、”“《）)")


@dataclass(frozen=True, slots=True)
class EventNouns:
    """The event nouns one verb accepts: word → type (``NOT_AN_EVENT`` for a non-event noun)."""

    types: dict[str, str]
    lexicon: Lexicon
    title_type: str | None  # type of a 《…》 object, when a frame takes one
    quote_type: str | None  # type of a “…” object, when a frame takes one

    @classmethod
    def of(cls, types: Mapping[str, str], non_event: Sequence[str]) -> EventNouns:
        merged = dict(types)
        for w in non_event:
            merged.setdefault(w, NOT_AN_EVENT)
        title_type = merged.pop(TITLE_OBJECT, None)
        quote_type = merged.pop(QUOTE_OBJECT, None)
        return cls(merged, Lexicon(merged), title_type, quote_type)

    def after(self, body: str, layout: Layout, start: int, stop: int) -> tuple[str, int] | None:
        """(type, end) of the event noun that ends the object in ``[start, stop)``, if any."""
        best: tuple[int, str] | None = None
        for pos, word in self.lexicon.scan(body, start, stop):
            end = pos + len(word)
            if layout.in_title(pos, end) or (layout.in_quote(pos, end) and _modifier_quote(body, layout, pos, end)):
                continue
            typ = self.types[word]
            if typ != NOT_AN_EVENT:
                best = (end, typ)
        for spans, typ in ((layout.titles, self.title_type), (layout.quotes, self.quote_type)):
            if typ is None:
                continue
            i = bisect_left(spans, (start + 1, 0))
            if i < len(spans) and spans[i][0] - 1 < stop and spans[i][1] < len(body):
                end = spans[i][1] + 1
                rest = body[end:stop].lstrip()
                if spans is layout.quotes and rest and not (rest[0] in _LIGHT_AFTER_NAME or rest[0].isdigit()):
                    continue  # 推出“长安志愿”等服务品牌: the quoted name is not the object
                if best is None or end > best[0]:
                    best = (end, typ)
        return (best[1], best[0]) if best else None

    def before(self, body: str, layout: Layout, lo: int, end: int) -> tuple[str, int] | None:
        """(type, start) of the event noun nearest before ``end`` (the verb) in ``[lo, end)``."""
        best: tuple[int, str] | None = None
        for pos, word in self.lexicon.scan(body, lo, end):
            if layout.in_title(pos, pos + len(word)):
                continue
            typ = self.types[word]
            if typ != NOT_AN_EVENT:
                best = (pos, typ)
        return (best[1], best[0]) if best else None


def _modifier_quote(body: str, layout: Layout, pos: int, end: int) -> bool:
    """The quotation holding ``[pos, end)`` goes on into more noun text, so it only modifies it."""
    i = bisect_left(layout.quotes, (pos + 1, 0)) - 1
    if i < 0:
        return False
    close = layout.quotes[i][1]
    if body[end:close].strip():
        return True  # the noun is not the last word of the quotation
    after = body[close + 1 : close + 2]
    return bool(after) and _is_cjk(after) and after not in _LIGHT_AFTER_QUOTE


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"
