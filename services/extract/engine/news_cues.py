"""Cues in the wording of news text: how a story opens, where a paragraph starts, places named.

Word lists and patterns live in ``data/segment_cues.toml`` (``[story]`` provinces, ``[paragraph]``
openers), read once with the byline lexicon. Accuracy and limits: these are cues, not parses —
``place_names`` also yields common words (全市), which callers only compare between articles;
``opens_paragraph`` knows the common openers of news paragraphs (据了解，…; 5月13日，…), not all.
"""

from __future__ import annotations

import re

from .bylines import lexicon


def story_province(paragraph: str) -> str | None:
    """The province a news-story opening names (10月8日，河南省郑州市… -> 河南), else None."""
    m = lexicon().story_opening.match(paragraph)
    return m.group(1) if m else None


_PLACE_NAME = re.compile(r"[\u4e00-\u9fff]{2,6}?(?:省|市|县|区|州|盟|旗|镇|乡|村|街道|古镇|景区)")


def place_names(text: str) -> list[str]:
    """Place-like words (福田区, 黄龙溪古镇): a few characters closed by a division word. Rough:
    it also yields common words (全市); callers compare them between articles."""
    return _PLACE_NAME.findall(text)


def opens_paragraph(text: str) -> bool:
    """Text that opens the way news paragraphs do (据了解，…), not mid-sentence."""
    return any(p.match(text) for p in lexicon().openers)


def starts_with_province(text: str) -> bool:
    """A news headline's way to begin: 海南三亚市…, 内蒙古呼和浩特市…"""
    return lexicon().province.match(text) is not None


def first_province(text: str) -> str | None:
    m = lexicon().province.search(text)
    return m.group(1) if m else None
