"""Direct quotes and their speakers.

A quote is the text between matching quotation marks (“…”, 「…」, 『…』; nested marks stay
inside) that is speech rather than a quoted term. It is speech when
- it is attributed and has at least ``MIN_ATTRIBUTED`` characters: a speech verb and a colon
  right before it, or — when it opens a sentence and holds punctuation — a clause ending with
  a speech verb after it (see ``speakers``); or
- it reads as a sentence: it ends with 。！？… and has at least ``MIN_SENTENCE`` characters; or
- it opens a sentence, holds a comma and has at least ``MIN_CLAUSES`` characters.
So “热词”, “颜值”, “四梁八柱”, “志愿同心·服务同行” and “有场所、有队伍、有活动” are not quotes,
and neither is anything inside 《》. ``Quote.text`` is the text inside the marks and
``start``/``end`` index it in the body. Speakers: ``speakers.attribute``.

Limits: a quote running over several paragraphs (opening marks repeated, one closing mark)
is not found; unmatched marks are ignored.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from newsevents.contract.analysis import Entity, Quote

from .document import Sentence
from .speakers import EntityIndex, QuoteCues, attribute, cues

MIN_ATTRIBUTED = 4  # characters of an attributed quote
MIN_SENTENCE = 4  # characters of an unattributed quote that ends like a sentence (“谢谢你们！”)
MIN_CLAUSES = 12  # characters of an unattributed quote without a sentence end
SENTENCE_MARKS = "。！？!?…"
CLAUSE_MARKS = "，,；;"


def find_quotes(body: str, sentences: Sequence[Sentence], entities: Sequence[Entity]) -> list[Quote]:
    """Every direct quote; ``speaker`` is a person's name or None with ``role`` kept."""
    c = cues()
    index = EntityIndex(entities)
    out: list[Quote] = []
    for open_at, close_at in _quoted_spans(body, c):
        inner = body[open_at + 1 : close_at]
        if not inner.strip():
            continue
        who = attribute(body, open_at, close_at + 1, index)
        attributed = who.speaker is not None or who.role is not None
        if not _is_speech(body, open_at, inner, attributed):
            continue
        out.append(Quote(speaker=who.speaker, role=who.role, text=inner, start=open_at + 1, end=close_at))
    return out


def _is_speech(body: str, open_at: int, inner: str, attributed: bool) -> bool:
    text = inner.strip()
    before = body[open_at - 1] if open_at else "\n"
    opens = before in "。！？!?\n”」』 "
    punctuated = any(m in text for m in SENTENCE_MARKS + CLAUSE_MARKS)
    if attributed and len(text) >= MIN_ATTRIBUTED and (before in "：:" or (opens and punctuated)):
        return True
    if text[-1] in SENTENCE_MARKS and len(text) >= MIN_SENTENCE:
        return True
    return opens and len(text) >= MIN_CLAUSES and any(m in text for m in CLAUSE_MARKS)


def _quoted_spans(body: str, c: QuoteCues) -> Iterable[tuple[int, int]]:
    """(opening, closing) positions of top-level quotation marks, within a paragraph, outside 《》."""
    stack: list[tuple[int, str]] = []
    in_title = 0
    for pos, ch in enumerate(body):
        if ch == "\n":
            stack.clear()
            in_title = 0
        elif ch == "《":
            in_title += 1
        elif ch == "》":
            in_title = max(0, in_title - 1)
        elif ch in c.marks and not in_title:
            stack.append((pos, c.marks[ch]))
        elif stack and ch == stack[-1][1]:
            open_at, _ = stack.pop()
            if not stack:
                yield open_at, pos
