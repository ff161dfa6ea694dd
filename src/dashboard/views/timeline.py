"""The map's timeline: which period comes next when it plays (pure).

The timeline steps through an indicator's periods, oldest to newest, with the classes fixed
over all periods (``kleur=klassen``), so that a colour means the same number in every year.
Playing from the last period starts again at the first; playing stops at the last."""

from __future__ import annotations

from collections.abc import Sequence

STEP_SECONDS = 1.5  # how long each period is shown while playing


def next_period(periods: Sequence[str], current: str | None) -> str | None:
    """The period after ``current``; None at the last one (or for an unknown period)."""
    if current not in periods:
        return None
    i = list(periods).index(current)
    return periods[i + 1] if i + 1 < len(periods) else None


def play_from(periods: Sequence[str], current: str | None) -> str | None:
    """Where pressing play starts: the current period, or the first when at the last."""
    if not periods:
        return None
    if current not in periods or current == periods[-1]:
        return periods[0]
    return current


def playable(periods: Sequence[str], colouring: str) -> bool:
    """Two periods or more, and classes fixed over all of them."""
    return len(periods) >= 2 and colouring == "klassen"
