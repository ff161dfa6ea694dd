"""The Sociale Agenda 2024 quotes CBS figures; the CBS values we import must agree with them.

data/sociale_agenda_2024/crosschecks.csv lists each quote with the line it stands on. A value
agrees when the CBS value, rounded to the report's precision, equals it (or lies within the
row's explicit tolerance). Rows marked agrees=false are known discrepancies of the report
(its exercise-guideline figures do not match the Gezondheidsmonitor): the test pins that too,
so a change in either side is noticed.
"""

from __future__ import annotations

import csv

import pytest

from dashboard.config import PROJECT_DATA
from dashboard.model.regions import official_set
from dashboard.model.store import region_values

CROSSCHECKS = PROJECT_DATA / "sociale_agenda_2024" / "crosschecks.csv"
ROWS = list(csv.DictReader(CROSSCHECKS.open(encoding="utf-8")))


def cbs_value(store, indicator: str, region: str, period: str) -> float | None:
    value = store.value(indicator, region, period)
    if value is None and region.startswith("CR"):
        corop = [r for r in official_set(store.gebieden, "corop").regions if r.code == region]
        values = region_values(store, indicator, corop)
        hit = values[values["period"] == period]
        value = None if hit.empty else float(hit["value"].iloc[0])
    return value


@pytest.mark.parametrize(
    "row", ROWS, ids=[f"{r['cbs_indicator_id']}-{r['region_code']}-{r['line']}" for r in ROWS]
)
def test_report_quotes_agree_with_cbs(store, row):
    report = float(row["report_value"])
    decimals = len(row["report_value"].partition(".")[2])
    tolerance = float(row["tolerance"] or 0.5 * 10**-decimals)
    value = cbs_value(store, row["cbs_indicator_id"], row["region_code"], row["period_guess"])
    assert value is not None
    agrees = abs(round(value, 6) - report) <= tolerance + 1e-9
    assert agrees == (row["agrees"] == "true"), f"CBS {value} vs report {report}"
