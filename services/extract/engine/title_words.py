"""Names inside titles: LAC reads a title in 《》 as one word (nw); its words are read again.

《中国政治体制改革纵横谈》 is one ``nw`` word for the tagger, so the place in it is lost. The
inside of every such title is tagged once more, all titles of a body in one batch (one line
each), and the title word is replaced by the words found, with offsets into the body. People's
Daily tags the names inside titles (中国, 毛泽东 in 《毛泽东选集》); so does our gold for places
(《平凉市文明行为促进条例》 names 平凉市).

Limits: only titles the tagger read as one ``nw`` word of 4 to ``MAX_TITLE`` characters right
between 《 and 》; a title the tagger cut into several words is left as it is.
"""

from __future__ import annotations

from collections.abc import Sequence

from .lac_model import LacModel, Token

MAX_TITLE = 40  # characters of a title read again
MIN_TITLE = 4


def reread_titles(body: str, tokens: Sequence[Token], model: LacModel) -> list[Token]:
    """``tokens`` with every whole-title ``nw`` word replaced by the words of its inside."""
    titles = [
        i
        for i, t in enumerate(tokens)
        if t.tag == "nw"
        and MIN_TITLE <= len(t.text) <= MAX_TITLE
        and body[t.start - 1 : t.start] == "《"
        and body[t.end : t.end + 1] == "》"
        and "\n" not in t.text
    ]
    if not titles:
        return list(tokens)
    joined = "\n".join(tokens[i].text for i in titles)
    starts = []  # offset of each title in ``joined``
    pos = 0
    for i in titles:
        starts.append(pos)
        pos += len(tokens[i].text) + 1
    inner: dict[int, list[Token]] = {i: [] for i in titles}
    k = 0
    for w in model.tag(joined):
        while k + 1 < len(starts) and w.start >= starts[k + 1]:
            k += 1
        title = tokens[titles[k]]
        shift = title.start - starts[k]
        inner[titles[k]].append(Token(w.text, w.tag, w.start + shift, w.end + shift, w.margin))
    out: list[Token] = []
    for i, t in enumerate(tokens):
        out.extend(inner.get(i) or [t])
    return out
