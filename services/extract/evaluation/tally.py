"""Counting: every figure is a ratio ``num / den`` kept per document, then aggregated.

*Micro* pools numerators and denominators over documents (each item weighs the same);
*macro* averages the per-document ratios over the documents where the ratio is defined
(``den > 0``), so every document weighs the same. F1 is kept as ``2·tp / (2·tp + fp + fn)``,
which pools exactly like any other ratio.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(slots=True)
class Ratio:
    num: float = 0.0
    den: float = 0.0

    def add(self, num: float, den: float = 1.0) -> None:
        self.num += num
        self.den += den

    @property
    def value(self) -> float | None:
        return self.num / self.den if self.den else None


@dataclass(slots=True)
class Tally:
    """Named ratios of one document (or a pool of documents)."""

    ratios: dict[str, Ratio] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Ratio:
        ratio = self.ratios.get(name)
        if ratio is None:
            ratio = self.ratios[name] = Ratio()
        return ratio

    def add(self, name: str, num: float, den: float = 1.0) -> None:
        self[name].add(num, den)

    def f1(self, name: str, tp: float, fp: float, fn: float) -> None:
        """Record ``name.precision``, ``name.recall`` and ``name.f1`` from one set of counts."""
        self.add(f"{name}.precision", tp, tp + fp)
        self.add(f"{name}.recall", tp, tp + fn)
        self.add(f"{name}.f1", 2 * tp, 2 * tp + fp + fn)


def micro(tallies: Iterable[Tally]) -> dict[str, Ratio]:
    """Pooled ratios: sum of numerators over sum of denominators."""
    pooled = Tally()
    for tally in tallies:
        for name, ratio in tally.ratios.items():
            pooled.add(name, ratio.num, ratio.den)
    return pooled.ratios


def macro(tallies: Iterable[Tally]) -> dict[str, Ratio]:
    """Per-document ratios averaged: ``num`` is the sum of values, ``den`` the number of documents."""
    averaged = Tally()
    for tally in tallies:
        for name, ratio in tally.ratios.items():
            if ratio.value is not None:
                averaged.add(name, ratio.value, 1)
    return averaged.ratios
