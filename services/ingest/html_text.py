"""HTML bodies reduced to text with paragraphs kept (one paragraph per line, blank-line separated)."""

from __future__ import annotations

from html.parser import HTMLParser

_BLOCK = {
    "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "section",
    "article", "header", "footer", "figure", "figcaption", "table", "tr", "pre", "hr",
}
_SKIP = {"script", "style", "head", "template", "noscript"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._current: list[str] = []
        self._skipping = 0

    def _flush(self) -> None:
        text = " ".join("".join(self._current).split())
        if text:
            self.paragraphs.append(text)
        self._current = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _SKIP:
            self._skipping += 1
        elif tag in _BLOCK:
            self._flush()

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in _BLOCK:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCK:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._current.append(data)


def html_to_text(html: str) -> str:
    """``<p>甲</p><p>乙<br>丙</p>`` → ``"甲\\n\\n乙\\n\\n丙"``; entities decoded, scripts dropped."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    parser._flush()
    return "\n\n".join(parser.paragraphs)
