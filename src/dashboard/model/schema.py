"""The observation table's shape and the period vocabulary, shared by every importer.

An observation is one value of one indicator for one region in one period:

    indicator_id  region_code  period  value  lower  upper  status

``region_code`` is a CBS code (NL01, PV22, CR07, GM0106, or a project region such as RD01);
``period`` is a canonical, sortable label (see :func:`parse_period`); ``value``, ``lower`` and
``upper`` are floats where NaN means missing (never 0); ``status`` is "" for a value as
published, or one of :data:`STATUSES`.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

OBS_COLUMNS = ["indicator_id", "region_code", "period", "value", "lower", "upper", "status"]
OBS_KEY = ["indicator_id", "region_code", "period"]

# The statuses an observation may have ("": as published); their words are the i18n keys
# status_<status> (sentences.status_text).
STATUSES = ("", "computed", "approximate", "period_unstated", "provisional")

_YEAR = re.compile(r"^(\d{4})$")
_CANON_SCHOOL = re.compile(r"^(\d{4})/(\d{4})$")
_CANON_HALF = re.compile(r"^(\d{4})H([12])$")
_SCHOOL = re.compile(r"^(\d{4})/'(\d{2})$")
_HALF_NL = re.compile(r"^([12])e\s*half\s*jaar\s+(\d{4})$")
_HALF_FIRST = re.compile(r"^(\d{4})\s+eerste\s+helft$")
_HALF_SECOND = re.compile(r"^(\d{4})\s+tweede\s+helft$")


class PeriodError(ValueError):
    """A period label that cannot be read."""


def parse_period(label: str) -> str:
    """Turn a StatLine period label into a canonical, sortable period.

    '2023' -> '2023'; "2012/'13" -> '2012/2013'; '1e halfjaar 2021' and '1e half jaar 2024'
    -> '2021H1', '2024H1'; '2024 eerste helft' -> '2024H1'. Stray spaces are ignored.
    Canonical labels are returned unchanged. Sorting canonical labels as strings orders them
    in time (a year sorts before its halves).
    """
    text = " ".join(str(label).split())
    if _YEAR.match(text) or _CANON_HALF.match(text):
        return text
    if m := _CANON_SCHOOL.match(text):
        if int(m.group(2)) != int(m.group(1)) + 1:
            raise PeriodError(f"school year {label!r} does not span two consecutive years")
        return text
    if m := _SCHOOL.match(text):
        start = int(m.group(1))
        end = (start // 100) * 100 + int(m.group(2))
        end += 100 if end < start else 0
        if end != start + 1:
            raise PeriodError(f"school year {label!r} does not span two consecutive years")
        return f"{start}/{end}"
    if m := _HALF_NL.match(text.lower()):
        return f"{m.group(2)}H{m.group(1)}"
    if m := _HALF_FIRST.match(text.lower()):
        return f"{m.group(1)}H1"
    if m := _HALF_SECOND.match(text.lower()):
        return f"{m.group(1)}H2"
    raise PeriodError(f"unknown period label {label!r}")


def is_year(period: str) -> bool:
    return bool(_YEAR.match(period))


def half_year(period: str) -> tuple[str, str] | None:
    """(year, half) of a canonical half year ('2021H1' -> ('2021', '1')); None otherwise.
    Its label in words is text.numbers.period_label."""
    m = _CANON_HALF.match(period)
    return (m.group(1), m.group(2)) if m else None


def empty_observations() -> pd.DataFrame:
    return make_observations({c: [] for c in OBS_COLUMNS})


def make_observations(data: dict | pd.DataFrame) -> pd.DataFrame:
    """Build a frame with exactly the observation columns and dtypes."""
    frame = pd.DataFrame(data)
    for col in ("lower", "upper"):
        if col not in frame:
            frame[col] = np.nan
    if "status" not in frame:
        frame["status"] = ""
    frame = frame[OBS_COLUMNS].copy()
    for col in ("indicator_id", "region_code", "period", "status"):
        frame[col] = frame[col].astype(object).fillna("").astype(str)
    for col in ("value", "lower", "upper"):
        frame[col] = pd.to_numeric(frame[col]).astype("float64")
    return frame.reset_index(drop=True)
