"""Progress on a goal since the nulmeting (pure): is the newest figure better, worse, the same,
or within the margin of error of the baseline, and how far is it along the way to a target.

The rules, in order, for one figure with a baseline (the nulmeting) and possibly a newer one:

1. no newer figure (none, or not from a later period): ``no_new`` ("nog geen nieuwe meting");
2. the change rounds to zero at the indicator's decimals, the precision it is shown with:
   ``same`` ("gelijk"), so the word never contradicts the numbers next to it;
3. the source gives margins (95% intervals, as the Gezondheidsmonitor does) and the two
   intervals overlap: ``within_margin`` ("binnen de foutmarge"). A figure without a margin
   counts as its own point; with no margin on either side this rule does not apply. Overlap
   is a cautious test: a change it calls within the margin may still be real, but one it
   calls better or worse is not chance;
4. otherwise ``better`` or ``worse``: the change in the direction the goal wants, or against it.

Progress to a target is the share of the distance from baseline to target covered by the
newest figure: (latest - baseline) / (target - baseline), 0.5 = half way; negative when the
figure moved away from the target, above 1 when it went past it. It is None when there is no
target value, no newer figure, or the baseline already equals the target.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from dashboard.text.numbers import round_half_up

STATUSES = ("better", "worse", "same", "within_margin", "no_new")


@dataclass(frozen=True)
class Point:
    """One figure: its period, value and (optional) 95% margin."""

    period: str
    value: float
    lower: float | None = None
    upper: float | None = None
    status: str = ""  # schema.STATUSES: "", approximate, period_unstated, ...

    @property
    def has_margin(self) -> bool:
        return _present(self.lower) and _present(self.upper)

    def interval(self) -> tuple[float, float]:
        if self.has_margin:
            return float(self.lower), float(self.upper)  # type: ignore[arg-type]
        return self.value, self.value


@dataclass(frozen=True)
class Assessment:
    status: str  # one of STATUSES
    change: float | None = None  # latest - baseline, None without a newer figure


def _present(value: float | None) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))


def assess(baseline: Point, latest: Point | None, desired: int, decimals: int) -> Assessment:
    """How the newest figure compares with the baseline, for a goal that wants the indicator
    ``desired`` (+1 higher, -1 lower); ``decimals``: the indicator's display precision."""
    if latest is None or latest.period <= baseline.period:
        return Assessment("no_new")
    change = latest.value - baseline.value
    if round_half_up(change, decimals) == 0:
        return Assessment("same", change)
    if baseline.has_margin or latest.has_margin:
        (b_low, b_high), (l_low, l_high) = baseline.interval(), latest.interval()
        if b_low <= l_high and l_low <= b_high:
            return Assessment("within_margin", change)
    return Assessment("better" if change * desired > 0 else "worse", change)


def target_progress(baseline: float, latest: float | None, target: float | None) -> float | None:
    """The share of the way from the baseline to the target that the newest figure covers."""
    if latest is None or target is None or target == baseline:
        return None
    return (latest - baseline) / (target - baseline)
