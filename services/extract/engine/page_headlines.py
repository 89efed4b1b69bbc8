"""Headlines settled at the end of a page: printed over the wrong article, or after their own.

A heading run opens the article printed after it; but a headline can also be printed after its
article's body (under a photo, or just above the next brief's headline). When the article after
a run repeats only part of it, the leading blocks go to the headline-less article whose lead
repeats them (``ORPHAN_MIN_RATIO`` of their character bigrams); a brief's headline that repeats
another article's lead far better than its own moves there. Candidates are limited to ``WINDOW``
articles around the heading, so the cost stays linear.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from .document import RawArticle
from .page_drafts import Draft, bigrams, matched, overlap
from .text_clean import clean_spaces, join_lines

WINDOW = 24  # articles a stray headline may belong to: those printed around it
ORPHAN_MIN_RATIO = 0.5  # share of a stray headline's bigrams its article's lead must repeat


def settle(articles: list[Draft]) -> list[RawArticle]:
    """Headlines given to their articles; the articles with text, in reading order of their body."""
    headless = [i for i, a in enumerate(articles) if _headless(a)]
    orphans: list[tuple[str, int]] = []
    for i, a in enumerate(articles):
        if a.head is None:
            continue
        near = _near(articles, headless, i)
        blocks = [join_lines(b) for b in a.head.blocks]
        if a.empty:
            if near:
                orphans.extend((t, i) for t in _split_orphans(blocks, near))
            continue
        j = _split_point(blocks, a, near) if near else 0
        if j:
            orphans.append((join_lines(blocks[:j]), i))
        own = join_lines(blocks[j:])
        if near and _belongs_elsewhere(own, a, near):
            orphans.append((own, i))  # a headline printed after its own article, over the next one
            continue
        a.headline = clean_spaces(own)
    headless = [i for i, a in enumerate(articles) if a.headline is None and not a.empty and a.kind != "caption"]
    for text, i in orphans:
        _adopt(text, [a for a in _near(articles, headless, i) if a.headline is None])
    kept = [a for a in articles if not a.empty and _has_words(a)]
    kept.sort(key=lambda a: a.paragraphs[0].first)
    return [_raw(a) for a in kept]


def _near(articles: list[Draft], headless: list[int], i: int) -> list[Draft]:
    """The headline-less articles printed near article ``i``."""
    lo, hi = bisect_left(headless, i - WINDOW), bisect_right(headless, i + WINDOW)
    return [articles[k] for k in headless[lo:hi]]


def _has_words(article: Draft) -> bool:
    return any(c.isalnum() for p in article.paragraphs for part in p.parts for c in part)


def _belongs_elsewhere(headline: str, article: Draft, near: list[Draft]) -> bool:
    """A news headline repeats its lead; one that repeats another article's lead instead was
    printed after its own article (and just before this one)."""
    if len(headline) < 8 or overlap(headline, article.lead()) >= 0.25:
        return False
    return any(overlap(headline, b.lead()) >= ORPHAN_MIN_RATIO for b in near if b is not article)


def _split_point(blocks: list[str], article: Draft, articles: list[Draft]) -> int:
    """How many leading heading blocks belong to other (headline-less) articles."""
    if len(blocks) == 1:
        return 0
    lead = article.lead()
    best_j, best = 0, matched(join_lines(blocks), lead)
    for j in range(1, len(blocks)):
        prefix = join_lines(blocks[:j])
        other = max((matched(prefix, b.lead()) for b in articles if b is not article), default=0)
        if other < ORPHAN_MIN_RATIO * len(bigrams(prefix)):
            continue
        score = other + matched(join_lines(blocks[j:]), lead)
        if score > best:
            best_j, best = j, score
    return best_j


def _split_orphans(blocks: list[str], articles: list[Draft]) -> list[str]:
    """Stray heading blocks with no article after them: one headline, or two when each half
    matches a headline-less article better than the whole does."""
    whole = join_lines(blocks)
    best, pieces = _adoption_score(whole, articles), [whole]
    for j in range(1, len(blocks)):
        first, second = join_lines(blocks[:j]), join_lines(blocks[j:])
        score = _adoption_score(first, articles) + _adoption_score(second, articles)
        if score > best:
            best, pieces = score, [first, second]
    return pieces


def _adoption_score(text: str, articles: list[Draft]) -> int:
    need = ORPHAN_MIN_RATIO * len(bigrams(text))
    scores = [matched(text, a.lead()) for a in articles]
    return max((s for s in scores if s >= need), default=0)


def _headless(article: Draft) -> bool:
    return article.headline is None and article.head is None and not article.empty and article.kind != "caption"


def _adopt(text: str, articles: list[Draft]) -> None:
    """Give a stray headline to the headline-less article whose lead repeats it most."""
    scored = [(overlap(text, a.lead()), -i) for i, a in enumerate(articles)]
    if not scored:
        return
    ratio, neg = max(scored)
    if ratio >= ORPHAN_MIN_RATIO:
        articles[-neg].headline = clean_spaces(text)


def _raw(a: Draft) -> RawArticle:
    body = "\n".join(t for t in (clean_spaces(p.raw) for p in a.paragraphs) if t)
    return RawArticle(body=body, headline=a.headline or None, subheadline=a.subheadline or None,
                      byline=list(dict.fromkeys(a.byline)), subheads=a.subheads)
