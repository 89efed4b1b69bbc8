"""The working records of place resolution: one accepted place, and what a text has taken.

Both live only during one ``PlaceResolver.find`` call.
"""

from __future__ import annotations

from dataclasses import dataclass

from .document import PlaceMention
from .place_lexicon import Sense


def is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


@dataclass(slots=True)
class Found:
    """A place accepted in this text (working record of one call)."""

    start: int
    end: int
    text: str
    senses: tuple[Sense, ...]
    sense: Sense | None = None
    other: bool = False  # a site, street, village or tagged location (not a division or town)

    def mention(self) -> PlaceMention:
        s = self.sense
        code = s.code if s is not None else None
        if self.other:
            return PlaceMention(self.text, self.start, self.end, code, self.text, "other")
        if s is None:  # a real name whose unit stayed undecided (鼓楼区 with nothing around it)
            level = self.senses[0].level if self.senses else "other"
            return PlaceMention(self.text, self.start, self.end, None, self.text,
                                "other" if level == "town" else level)
        if s.level == "town":
            return PlaceMention(self.text, self.start, self.end, code, s.name, "other")
        return PlaceMention(self.text, self.start, self.end, code, s.name, s.level)


class Layout:
    """The places accepted so far in one text, with the characters they cover and where they end
    (each check is linear in the length of the span checked, so a long text stays linear)."""

    def __init__(self, size: int) -> None:
        self.items: list[Found] = []
        self.by_end: dict[int, Found] = {}
        self._cover = bytearray(size + 1)

    def free(self, start: int, end: int) -> bool:
        return self._cover.find(1, start, end) < 0

    def add(self, f: Found) -> Found:
        self.items.append(f)
        self._cover[f.start : f.end] = b"\x01" * (f.end - f.start)
        self.by_end[f.end] = f
        return f
