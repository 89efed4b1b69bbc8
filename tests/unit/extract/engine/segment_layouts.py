"""Random page layouts of invented articles: a stress test for ``split_page``.

``compose(seed)`` typesets a few stories of ``segment_corpus`` into the text layer of one page,
the way the pages the product reads are printed: hard-wrapped columns of 11-22 characters (ASCII
half as wide, punctuation sometimes compressed), closing punctuation never starting a line, so
numbers split anywhere (99.\\n2%); headlines wrapped over one to three lines, sometimes with a blank
line inside, sometimes printed after their brief's body, sometimes doubled by a bold font; feature
subtitles (——…) under or above the headline or after the body, sometimes wrapped over two lines;
bylines in every common form (本报讯（记者 A 通讯员 B）, ◎ 本报记者 A B, 文/A B, a trailing （A B）);
section subheads (/ X / and a title line, doubled forms, bare / X /, plain or doubled titles,
bullets); column breaks inside paragraphs; briefs whose paragraphs have no blank line between
them; pages that indent paragraphs; a brief or a caption printed inside a feature, between its
paragraphs or in the middle of one; a brief continued after another item; briefs set in the same
width as a feature; captions letter-spaced or with stray spaces inside numbers (1 .2万株, 1 50余名),
their credit "A B 摄" (or "张伟刘芳摄") on the last line or a line of its own; page furniture.
``compose_article`` does the same for an article pushed on its own (a paragraph per line, a
dateline, byline line or trailing byline). ``score_page`` runs ``split_page`` and measures
segmentation recall and precision (matched by lead, as the scorer does), body exact, similarity,
completeness and contamination (by sentences), headline, subheadline, subheads and byline F1.

Run ``python -m tests.unit.extract.engine.segment_layouts -n 1000`` (``--articles`` for single
articles, ``-v`` to list failures by layout feature, ``--show SEED`` to print one page,
``--jsonl PATH`` to also write the pages as gold documents for ``newsevents eval``).
"""

from __future__ import annotations

import argparse
import difflib
import json
import random
import re
from collections import Counter
from dataclasses import dataclass, field

from .segment_corpus import BRIEFS, CAPTIONS, FEATURES, Story

NO_LINE_START = frozenset("，。、；：？！”’）》」』…%")
PUNCT = frozenset("，。、；：？！“”‘’（）《》「」『』…—·")
TERMINAL = frozenset("。！？”")
QUOTES = "“”‘’《》「」"


# --- typesetting ---------------------------------------------------------------------------
def _width(c: str, compress: bool) -> float:
    if ord(c) < 128:
        return 0.5
    return 0.5 if compress and c in PUNCT else 1.0


def wrap(text: str, width: float, *, compress: bool = False, indent: float = 0.0) -> list[str]:
    """Hard-wrap ``text`` at ``width`` em; closing punctuation stays on the line before; the first
    line may be indented by ``indent`` em (the text layer drops the indent's spaces)."""
    lines: list[str] = []
    cur, w = "", indent
    for c in text:
        cw = _width(c, compress)
        if cur and w + cw > width + 1e-9 and c not in NO_LINE_START:
            lines.append(cur)
            cur, w = "", 0.0
        cur += c
        w += cw
    if cur:
        lines.append(cur)
    return lines


def wrap_lines(text: str, n: int) -> list[str]:
    """``text`` wrapped over ``n`` lines of about equal length (a headline)."""
    size = -(-len(text) // n)
    out = wrap(text, size)
    return out if len(out) > 1 else [text]


def doubled(text: str) -> str:
    """How a bold heading comes out of some text layers: every run printed twice, runs cut at
    quotes (让“礼”融入日常 -> 让让““礼礼””融入日常融入日常)."""
    runs = re.findall(f"[{QUOTES}]|[^{QUOTES}]+", text)
    return "".join(r + r for r in runs)


def letter_spaced(text: str, rng: random.Random) -> str:
    """A caption whose text layer puts stray spaces between characters, also inside numbers."""
    out = []
    for i, c in enumerate(text):
        out.append(c)
        if i + 1 < len(text) and rng.random() < 0.22:
            out.append(" ")
    return "".join(out)


@dataclass
class Block:
    """Lines printed together; ``gap`` says whether a blank line comes before them."""

    lines: list[str]
    gap: bool = True
    subhead: bool = False


@dataclass
class Piece:
    story: Story
    head: list[Block] = field(default_factory=list)
    paras: list[Block] = field(default_factory=list)
    tail: list[Block] = field(default_factory=list)
    gold: dict = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    width: float = 16
    indent: float = 0.0  # first lines of paragraphs indented by this many em


def _names(story: Story, with_titles: bool) -> str:
    if not with_titles or not story.titles:
        return " ".join(story.byline)
    parts = []
    for name, title in zip(story.byline, story.titles + ("",) * len(story.byline)):
        parts.append(f"{title} {name}" if title else name)
    return " ".join(parts)


def _paragraph_blocks(piece: Piece, paras: list[str], rng: random.Random, compress: bool,
                      joined: bool) -> list[Block]:
    blocks = []
    for k, p in enumerate(paras):
        lines = wrap(p, piece.width, compress=compress, indent=piece.indent)
        gap = not (joined and k > 0)
        if len(lines) >= 4 and rng.random() < 0.12:
            cuts = [j for j in range(1, len(lines) - 1) if lines[j - 1][-1] not in TERMINAL]
            if cuts:
                j = rng.choice(cuts)
                blocks.append(Block(lines[:j], gap))
                blocks.append(Block(lines[j:], True))
                piece.flags.add("column-break")
                continue
        blocks.append(Block(lines, gap))
    return blocks


def _headline_block(text: str, width: float, rng: random.Random, piece: Piece) -> list[Block]:
    if rng.random() < 0.08:
        piece.flags.add("doubled-headline")
        return [Block([doubled(text)])]
    if len(text) > width + 4 or rng.random() < 0.3:
        n = rng.choice([2, 2, 3]) if len(text) >= 9 else 2
        lines = wrap_lines(text, n)
        piece.flags.add(f"headline-{len(lines)}-lines")
        if len(lines) > 1 and rng.random() < 0.12:
            piece.flags.add("headline-blank-inside")
            j = rng.randrange(1, len(lines))
            return [Block(lines[:j]), Block(lines[j:])]
        return [Block(lines)]
    return [Block([text])]


def _subtitle_lines(text: str, rng: random.Random, piece: Piece) -> list[str]:
    line = "——" + text
    if rng.random() < 0.35:
        piece.flags.add("subtitle-wrapped")
        size = rng.randint(max(8, len(line) // 2), len(line) - 2)
        return wrap(line, size)
    return [line]


def typeset_brief(story: Story, rng: random.Random, width: float, compress: bool, indent: float = 0.0) -> Piece:
    piece = Piece(story, width=width, indent=indent)
    paras = list(story.paragraphs)
    names = _names(story, with_titles=rng.random() < 0.5)
    byline = list(story.byline)
    form = rng.choice(["dateline", "dateline", "dateline-space", "trailer", "trailer-inline", "marked", "none"])
    if not byline:
        form = rng.choice(["none", "dateline-bare"])
    piece.flags.add(f"brief-byline-{form}")
    trailer = None
    if form == "dateline":
        paras[0] = f"本报讯（{names}）" + paras[0]
    elif form == "dateline-space":
        paras[0] = f"本报讯 （{names}）" + paras[0]
    elif form == "dateline-bare":
        paras[0] = "本报讯 " + paras[0]
    elif form in ("trailer", "trailer-inline"):
        trailer = f"（{' '.join(story.byline)}）"
    elif form == "marked":
        piece.head.append(Block([f"◎ 本报记者 {' '.join(story.byline)}"]))
    joined = rng.random() < 0.3
    if joined:
        piece.flags.add("brief-no-blank-lines")
    piece.paras = _paragraph_blocks(piece, paras, rng, compress, joined)
    if trailer and form == "trailer-inline":
        piece.paras[-1].lines[-1] += trailer
    elif trailer:
        piece.tail.append(Block([trailer], gap=rng.random() < 0.7))
    head = _headline_block(story.headline or "", min(width, 14) if rng.random() < 0.5 else width, rng, piece)
    if rng.random() < 0.22:
        piece.flags.add("brief-headline-after-body")
        piece.tail.extend(head)
    else:
        if rng.random() < 0.15:
            piece.flags.add("brief-headline-no-gap")
            (piece.head[0] if piece.head else piece.paras[0]).gap = False
        piece.head[:0] = head
    piece.gold = {"headline": story.headline, "subheadline": None, "byline": byline if form != "none" else [],
                      "body": story.body, "subheads": []}
    return piece


_SLASH_FORMS = ["slash", "slash", "slash", "slash-doubled", "slash-bare", "slash-bare-doubled", "title", "title-doubled"]
_TITLE_FORMS = ["title", "title", "title-doubled", "bullet"]
_LABEL_FORMS = ["slash-bare", "slash-bare-doubled"]


def _subhead(label: str | None, title: str | None, form: str) -> tuple[list[str], str]:
    """The printed lines of a section subhead and what segmentation should keep of it."""
    if label is None:
        form = form if form in _TITLE_FORMS else "title"
    elif title is None:
        form = form if form in _LABEL_FORMS else "slash-bare"
    slash = f"/ {label} /"
    if form == "slash":
        return [slash, title], f"{slash} {title}"
    if form == "slash-doubled":
        return [slash, title + slash, title], f"{slash} {title}"
    if form == "slash-bare":
        return [slash], slash
    if form == "slash-bare-doubled":
        return [slash + slash], slash
    if form == "title-doubled":
        return [doubled(title)], title
    if form == "bullet":
        return [f"■ {title}"], title
    return [title], title


def typeset_feature(story: Story, rng: random.Random, width: float, compress: bool, indent: float = 0.0) -> Piece:
    piece = Piece(story, width=width, indent=indent)
    headline = story.headline if rng.random() < 0.93 else None
    if headline is None:
        piece.flags.add("feature-no-headline")
    head_blocks = _headline_block(headline, 14, rng, piece) if headline else []
    sub = story.subheadline
    sub_pos = rng.choice(["after-head", "after-head", "before-head", "after-body"]) if sub else "none"
    if sub_pos == "before-head" and not headline:
        sub_pos = "after-head"
    piece.flags.add(f"subtitle-{sub_pos}")
    sub_lines = _subtitle_lines(sub, rng, piece) if sub else []
    # byline
    byline = list(story.byline)
    form = rng.choice(["mark", "mark-titled", "wen", "titled-line", "trailer", "trailer-inline"]) if byline else "none"
    piece.flags.add(f"feature-byline-{form}")
    byline_line = None
    if form == "mark":
        byline_line = "◎ " + " ".join(byline)
    elif form == "mark-titled":
        byline_line = "◎ 本报记者 " + " ".join(byline)
    elif form == "wen":
        byline_line = "文/" + " ".join(byline)
    elif form == "titled-line":
        byline_line = "本报记者 " + " ".join(byline) if len(byline) == 1 else f"本报记者 {byline[0]} 通讯员 {' '.join(byline[1:])}"
    # head: headline / subtitle / byline, with or without blank lines between
    same_block = rng.random() < 0.3
    if same_block:
        piece.flags.add("feature-head-one-block")
    if sub_pos == "before-head":
        piece.head.append(Block(sub_lines))
        for b in head_blocks:
            b.gap = not same_block
        piece.head.extend(head_blocks)
    else:
        piece.head.extend(head_blocks)
        if sub_pos == "after-head":
            piece.head.append(Block(sub_lines, gap=not same_block or not head_blocks))
    if byline_line:
        piece.head.append(Block([byline_line]))
    # body with subheads
    joined = rng.random() < 0.06
    if joined:
        piece.flags.add("feature-no-blank-lines")
    form_choice = rng.choice(_SLASH_FORMS)
    title_form = rng.choice(_TITLE_FORMS)
    piece.flags.add(f"subheads-{form_choice}")
    subheads = []
    for label, title, paras in story.sections:
        if label or title:
            lines, kept = _subhead(label, title, form_choice if label else title_form)
            subheads.append(kept)
            piece.paras.append(Block(lines, subhead=True))
        piece.paras.extend(_paragraph_blocks(piece, list(paras), rng, compress, joined))
    last = piece.paras[-1]
    if form == "trailer":
        piece.tail.append(Block([f"（{' '.join(byline)}）"]))
    elif form == "trailer-inline":
        last.lines[-1] += f"（{' '.join(byline)}）"
    if sub_pos == "after-body":
        piece.tail.append(Block([" " + line for line in sub_lines] if rng.random() < 0.5 else sub_lines))
    piece.gold = {"headline": headline, "subheadline": sub if sub_pos != "none" else None, "byline": byline,
                      "body": story.body, "subheads": subheads}
    return piece


def typeset_caption(story: Story, rng: random.Random, width: float) -> Piece:
    piece = Piece(story, width=width)
    text = story.body
    lines = wrap(text, width)
    if rng.random() < 0.5:
        piece.flags.add("caption-letter-spaced")
        lines = [letter_spaced(line, rng) for line in lines]
    elif rng.random() < 0.4:
        piece.flags.add("caption-number-spaces")  # 1 .2万株, 1 50余名
        lines = [re.sub(r"(?<=\d)(?=[.\d])", lambda m: " " if rng.random() < 0.5 else "", line) for line in lines]
    credit = " ".join(story.byline) + " 摄"
    if rng.random() < 0.2 and all(n[0] not in "次额扎其巴格旦阿玉岩" for n in story.byline):
        piece.flags.add("caption-credit-glued")  # 张国荣望作信摄
        credit = "".join(story.byline) + "摄"
    if rng.random() < 0.5:
        lines[-1] += " " + credit
    else:
        lines.append(credit)
        piece.flags.add("caption-credit-own-line")
    piece.paras = [Block(lines)]
    piece.gold = {"headline": None, "subheadline": None, "byline": list(story.byline), "body": text, "subheads": []}
    return piece


# --- pages ---------------------------------------------------------------------------------
@dataclass
class Page:
    text: str
    gold: list[dict]
    flags: set[str]


def _emit(blocks: list[Block], indent: bool, rng: random.Random) -> list[Block]:
    if not indent:
        return blocks
    return [Block([(" " + s) if rng.random() < 0.3 else s for s in b.lines], b.gap) for b in blocks]


def compose(seed: int) -> Page:
    rng = random.Random(seed)
    compress = rng.random() < 0.3
    n_features = rng.choice([0, 1, 1, 1, 2])
    n_briefs = rng.randint(1, 4)
    n_captions = rng.choice([0, 0, 1, 1, 2])
    stories = rng.sample(FEATURES, n_features) + rng.sample(BRIEFS, n_briefs) + rng.sample(CAPTIONS, n_captions)
    widths = rng.sample(range(11, 23), len(stories))
    pieces: list[Piece] = []
    feature_widths = []
    indent = 2.0 if rng.random() < 0.15 else 0.0  # the page indents paragraphs
    for story, width in zip(stories, widths):
        if story.kind == "feature":
            pieces.append(typeset_feature(story, rng, width, compress, indent))
            feature_widths.append(width)
        elif story.kind == "brief":
            if feature_widths and rng.random() < 0.35:
                width = rng.choice(feature_widths)
            pieces.append(typeset_brief(story, rng, width, compress, indent))
            if width in feature_widths:
                pieces[-1].flags.add("brief-same-width-as-feature")
        else:
            pieces.append(typeset_caption(story, rng, width))
    for p in pieces:
        p.flags.add("compressed" if compress else "full-punct")
        if indent:
            p.flags.add("paragraphs-indented")
    rng.shuffle(pieces)
    # a brief or caption printed inside a feature
    hosts = [p for p in pieces if p.story.kind == "feature"]
    guests = [p for p in pieces if p.story.kind != "feature"]
    inside: dict[int, tuple[Piece, int, int | None]] = {}
    if hosts and guests and rng.random() < 0.45:
        host, guest = rng.choice(hosts), rng.choice(guests)
        pieces.remove(guest)
        # (never between a subhead and its paragraph: typesetters keep them together)
        body_idx = [i for i, b in enumerate(host.paras) if len(b.lines) >= 2 and i > 0 and not b.subhead]
        if body_idx:
            i = rng.choice(body_idx)
            cuts = [j for j in range(1, len(host.paras[i].lines)) if host.paras[i].lines[j - 1][-1] not in TERMINAL]
            if cuts and (rng.random() < 0.6 or host.paras[i - 1].subhead):
                inside[id(host)] = (guest, i, rng.choice(cuts))
                host.flags.add("guest-mid-paragraph")
            else:
                inside[id(host)] = (guest, i, None)
                host.flags.add("guest-between-paragraphs")
            guest.flags.add(f"inside-feature-{guest.story.kind}")
        else:
            pieces.append(guest)
    # a brief continued in the next column, with another item printed between its two parts
    split: dict[int, tuple[int, Piece]] = {}
    briefs = [p for p in pieces if p.story.kind == "brief" and len(p.paras) >= 3]
    if briefs and len(pieces) >= 3 and rng.random() < 0.2:
        brief = rng.choice(briefs)
        ends = [k for k in range(1, len(brief.paras)) if brief.paras[k - 1].lines[-1][-1] in TERMINAL]
        others = [p for p in pieces if p is not brief and p.story.kind != "feature"]
        if ends and others:
            other = rng.choice(others)
            pieces.remove(other)
            split[id(brief)] = (rng.choice(ends), other)
            brief.flags.add("brief-split-by-other")
    out: list[Block] = []
    flags: set[str] = set()
    gold: list[dict] = []
    for p in pieces:
        indent = rng.random() < 0.1
        paras = p.paras
        if id(p) in split:
            k, other = split[id(p)]
            rest = [Block(paras[k].lines, True), *paras[k + 1:]]
            paras = paras[:k] + other.head + other.paras + other.tail + rest
            gold.append(other.gold)
            flags |= other.flags
        if id(p) in inside:
            guest, i, cut = inside[id(p)]
            g = guest.head + guest.paras + guest.tail
            if cut is None:
                paras = paras[:i] + g + paras[i:]
            else:
                b = paras[i]
                paras = paras[:i] + [Block(b.lines[:cut], b.gap)] + g + [Block(b.lines[cut:])] + paras[i + 1:]
            gold.append(guest.gold)
            flags |= guest.flags
        out.extend(_emit(p.head + paras + p.tail, indent, rng))
        gold.append(p.gold)
        flags |= p.flags
    if rng.random() < 0.15:  # page furniture, dropped wherever it is
        flags.add("furniture")
        out.insert(0, Block([rng.choice(["（上接第1版）", "（下转第3版）"])]))
        out.append(Block([rng.choice(["本版责编：李明", "责任编辑：王丽 校对：张强", "（完）"])]))
    lines: list[str] = []
    for b in out:
        if b.gap and lines:
            lines.append("")
        lines.extend(b.lines)
    for g in gold:
        g["lead"] = g["body"][:20]
    return Page("\n".join(lines), gold, flags)


def compose_article(seed: int) -> tuple[str, str | None, dict, set[str]]:
    """One story pushed on its own (kind=article): ``(text, headline given, gold, flags)``.
    Mostly flowed text (a paragraph per line), opening with a dateline or byline line or
    closing with a trailing byline; sometimes hard-wrapped like a page."""
    rng = random.Random(seed)
    story = rng.choice(BRIEFS + FEATURES)
    paras = list(story.paragraphs)
    names = list(story.byline)
    flags: set[str] = set()
    head: list[str] = []
    form = rng.choice(["dateline", "dateline-titled", "mark", "wen", "trailer", "trailer-inline", "none"]) if names else "none"
    flags.add(f"article-byline-{form}")
    if form == "dateline":
        paras[0] = f"本报讯（{' '.join(names)}）" + paras[0]
    elif form == "dateline-titled":
        paras[0] = f"本报讯 （{_names(story, with_titles=True)}）" + paras[0]
    elif form == "mark":
        head.append("◎ 本报记者 " + " ".join(names))
    elif form == "wen":
        head.append("文/" + " ".join(names))
    elif form == "trailer":
        paras.append(f"（{' '.join(names)}）")
    elif form == "trailer-inline":
        paras[-1] += f"（{' '.join(names)}）"
    sub = story.subheadline if rng.random() < 0.5 else None
    if sub:
        head.insert(0, "——" + sub)
        flags.add("article-subtitle")
    given = story.headline if rng.random() < 0.8 else None
    if given is None and story.headline:
        head.insert(0, story.headline)
        flags.add("article-headline-in-text")
    if rng.random() < 0.25:
        flags.add("article-hard-wrapped")
        width = rng.randint(11, 22)
        blocks = ["\n".join(wrap(p, width)) for p in paras]
        text = "\n\n".join(head + blocks)
    else:
        text = "\n".join(head + paras)
    gold = {"headline": story.headline, "subheadline": sub, "byline": names if form != "none" else [],
                "body": story.body, "subheads": [], "lead": story.body[:20]}
    return text, given, gold, flags


def run_articles(n: int, start: int = 0, verbose: bool = False) -> Tally:
    from newsevents.extract.engine.segment import clean_article

    tally = Tally()
    for seed in range(start, start + n):
        text, given, gold, flags = compose_article(seed)
        score_page(Page(text, [gold], flags), [clean_article(text, given)], tally, seed, verbose)
    return tally


# --- scoring -------------------------------------------------------------------------------
def _squash(text: str | None) -> str:
    return "".join((text or "").split())


def _sentences(body: str) -> list[str]:
    return [s for s in re.split(r"(?<=[。！？])", body.replace("\n", "")) if len(s) >= 8]


def match(gold: list[dict], bodies: list[str], window: int = 40) -> dict[int, int]:
    pairs: dict[int, int] = {}
    for g, art in enumerate(gold):
        lead = _squash(art["lead"])
        for p, body in enumerate(bodies):
            if p not in pairs.values() and 0 <= _squash(body).find(lead) <= window:
                pairs[g] = p
                break
    return pairs


@dataclass
class Tally:
    counts: Counter = field(default_factory=Counter)
    similarity: list[float] = field(default_factory=list)
    failures: Counter = field(default_factory=Counter)  # layout flag -> pages with a failure
    seen: Counter = field(default_factory=Counter)  # layout flag -> pages
    examples: list[tuple[int, str]] = field(default_factory=list)

    def ratio(self, good: str, total: str, empty: float = 1.0) -> float:
        return self.counts[good] / self.counts[total] if self.counts[total] else empty

    def figures(self) -> dict[str, float]:
        c = self.counts
        bp = c["by_tp"] / max(1, c["by_tp"] + c["by_fp"])
        br = c["by_tp"] / max(1, c["by_tp"] + c["by_fn"])
        return {
            "pages": c["pages"],
            "gold articles": c["gold"],
            "segmentation recall": self.ratio("matched", "gold"),
            "segmentation precision": self.ratio("matched", "predicted"),
            "body exact": self.ratio("body_exact", "matched"),
            "body similarity": sum(self.similarity) / max(1, len(self.similarity)),
            "body completeness": self.ratio("sent_found", "sent_total"),
            "body contamination": self.ratio("sent_foreign", "sent_predicted", 0.0),
            "headline exact": self.ratio("headline_ok", "headline_n"),
            "headline where gold has none": self.ratio("headline_extra", "headline_none", 0.0),
            "subheadline exact": self.ratio("sub_ok", "sub_n"),
            "subheads exact": self.ratio("subheads_ok", "subheads_n"),
            "byline F1": 2 * bp * br / max(1e-9, bp + br),
            "pages all exact": self.ratio("page_ok", "pages"),
        }


def score_page(page: Page, articles, tally: Tally, seed: int, verbose: bool = False) -> None:
    c = tally.counts
    gold = page.gold
    bodies = [a.body for a in articles]
    pairs = match(gold, bodies)
    c["pages"] += 1
    c["gold"] += len(gold)
    c["predicted"] += len(articles)
    c["matched"] += len(pairs)
    problems: list[str] = []
    own_sentences = [set(_sentences(g["body"])) for g in gold]
    for g, want in enumerate(gold):
        if g not in pairs:
            problems.append(f"missed {want['lead']}")
            continue
        got = articles[pairs[g]]
        exact = got.body == want["body"]
        c["body_exact"] += exact
        if not exact:
            problems.append(f"body {want['lead'][:12]}: {_diff(want['body'], got.body)}")
        tally.similarity.append(difflib.SequenceMatcher(None, want["body"], got.body, autojunk=False).ratio())
        mine = _squash(got.body)
        sentences = _sentences(want["body"])
        c["sent_total"] += len(sentences)
        c["sent_found"] += sum(_squash(s) in mine for s in sentences)
        predicted = _sentences(got.body)
        foreign = [s for s in predicted if s not in own_sentences[g] and any(s in o for k, o in enumerate(own_sentences) if k != g)]
        c["sent_predicted"] += len(predicted)
        c["sent_foreign"] += len(foreign)
        if want["headline"] is not None:
            c["headline_n"] += 1
            ok = _squash(got.headline) == _squash(want["headline"])
            c["headline_ok"] += ok
            if not ok:
                problems.append(f"headline {got.headline!r} != {want['headline']!r}")
        else:
            c["headline_none"] += 1
            c["headline_extra"] += got.headline is not None
            if got.headline is not None:
                problems.append(f"headline {got.headline!r} where none")
        if want["subheadline"] is not None:
            c["sub_n"] += 1
            ok = _squash(got.subheadline) == _squash(want["subheadline"])
            c["sub_ok"] += ok
            if not ok:
                problems.append(f"subheadline {got.subheadline!r} != {want['subheadline']!r}")
        if want["subheads"]:
            c["subheads_n"] += 1
            ok = got.subheads == want["subheads"]
            c["subheads_ok"] += ok
            if not ok:
                problems.append(f"subheads {got.subheads} != {want['subheads']}")
        mine_names, theirs = set(got.byline), set(want["byline"])
        c["by_tp"] += len(mine_names & theirs)
        c["by_fp"] += len(mine_names - theirs)
        c["by_fn"] += len(theirs - mine_names)
        if mine_names != theirs:
            problems.append(f"byline {got.byline} != {want['byline']}")
    for p, a in enumerate(articles):
        if p not in pairs.values():
            problems.append(f"extra article: {a.headline!r} | {a.body[:30]}")
    for f in page.flags:
        tally.seen[f] += 1
        if problems:
            tally.failures[f] += 1
    if not problems:
        c["page_ok"] += 1
    elif verbose:
        tally.examples.append((seed, "\n".join(problems)))


def _diff(want: str, got: str) -> str:
    ops = difflib.SequenceMatcher(None, want, got, autojunk=False).get_opcodes()
    out = [f"{op} {want[a:b][:30]!r}->{got[c:d][:30]!r}" for op, a, b, c, d in ops if op != "equal"]
    return "; ".join(out[:3])


def run(n: int, start: int = 0, verbose: bool = False) -> Tally:
    from newsevents.extract.engine.segment import split_page

    tally = Tally()
    for seed in range(start, start + n):
        page = compose(seed)
        score_page(page, split_page(page.text), tally, seed, verbose)
    return tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", type=int, default=1000)
    parser.add_argument("--start", type=int, default=0)
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--show", type=int, help="print the page of this seed and exit")
    parser.add_argument("--articles", action="store_true", help="single articles (clean_article), not pages")
    parser.add_argument("--jsonl", help="also write the pages as gold documents (FORMAT.md) here")
    args = parser.parse_args()
    if args.show is not None:
        page = compose(args.show)
        print(page.text)
        print("----")
        for g in page.gold:
            print(json.dumps({k: v for k, v in g.items() if k != "body"}, ensure_ascii=False))
        return
    if args.jsonl:
        with open(args.jsonl, "w", encoding="utf-8") as fh:
            for seed in range(args.start, args.start + args.n):
                page = compose(seed)
                arts = [{k: v for k, v in g.items() if k != "subheads"} for g in page.gold]
                fh.write(json.dumps({"id": f"layout-{seed}", "kind": "page", "published": "2024-10-10",
                                     "text": page.text, "gold": {"articles": arts}}, ensure_ascii=False) + "\n")
    tally = run_articles(args.n, args.start, args.verbose) if args.articles else run(args.n, args.start, args.verbose)
    for name, value in tally.figures().items():
        print(f"{name:32s} {value:.3f}" if isinstance(value, float) else f"{name:32s} {value}")
    if args.verbose:
        print("\nlayout feature: pages with a failure / pages")
        for f, n in sorted(tally.seen.items(), key=lambda kv: -tally.failures[kv[0]] / kv[1]):
            print(f"  {f:34s} {tally.failures[f]:4d} / {n:4d}  ({tally.failures[f] / n:.2f})")
        for seed, text in tally.examples[:40]:
            print(f"\n[seed {seed}]\n{text}")


if __name__ == "__main__":
    main()
