"""Region sets and region values: exact expectations, checked by hand against gebieden_2025.csv."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from dashboard.config import load_settings
from dashboard.model.errors import DataError
from dashboard.model.gebieden import load_gebieden
from dashboard.model.regions import (
    OBSERVATION_COLUMNS,
    Region,
    load_region_sets,
    population_weights,
    region_values,
    restrict_to_province,
)


@pytest.fixture(scope="module")
def gebieden() -> pd.DataFrame:
    return load_gebieden(load_settings().cbs_dir)


@pytest.fixture(scope="module")
def sets(gebieden):
    return load_region_sets(gebieden)


# --- region sets ---------------------------------------------------------------------------


def test_set_ids_and_official_flags(sets):
    assert list(sets) == ["corop", "provincie", "regio_deal"]
    assert len(sets["corop"].regions) == 40
    assert len(sets["provincie"].regions) == 12
    assert all(r.official for r in sets["corop"].regions + sets["provincie"].regions)
    assert not any(r.official for r in sets["regio_deal"].regions)
    assert sets["regio_deal"].label("en") == "Region Deals"


def test_regio_deals(sets):
    rd = {r.code: r for r in sets["regio_deal"].regions}
    assert list(rd) == ["RD01", "RD02", "RD03"]
    assert rd["RD01"].name_nl == "Regio Deal Noord-Drenthe / Nij Begun"
    # Tynaarlo, Aa en Hunze, Noordenveld
    assert rd["RD01"].members == ("GM1730", "GM1680", "GM1699")
    # Borger-Odoorn, Coevorden, Hoogeveen, Emmen
    assert rd["RD02"].members == ("GM1681", "GM0109", "GM0118", "GM0114")
    # Hoogeveen, Meppel, Westerveld, De Wolden
    assert rd["RD03"].members == ("GM0118", "GM0119", "GM1701", "GM1690")
    assert set(rd["RD02"].members) & set(rd["RD03"].members) == {"GM0118"}  # Hoogeveen
    assert rd["RD03"].name("en") == "Region Deal Zwolle Region (Drenthe part)"


def test_drenthe_corop_regions(sets, gebieden):
    drenthe = restrict_to_province(sets["corop"], gebieden)
    assert [(r.code, r.name_nl, r.members) for r in drenthe.regions] == [
        ("CR07", "Noord-Drenthe", ("GM0106", "GM1680", "GM1699", "GM1730", "GM1731")),
        ("CR08", "Zuidoost-Drenthe", ("GM0109", "GM0114", "GM1681")),
        ("CR09", "Zuidwest-Drenthe", ("GM0118", "GM0119", "GM1690", "GM1701")),
    ]
    provinces = restrict_to_province(sets["provincie"], gebieden)
    assert [r.code for r in provinces.regions] == ["PV22"]
    assert len(provinces.regions[0].members) == 12
    assert len(restrict_to_province(sets["regio_deal"], gebieden).regions) == 3


def test_population_weights(gebieden):
    weights = population_weights(gebieden)
    assert weights["GM0106"] == 70395.0  # Assen
    assert weights["GM1701"] == 19987.0  # Westerveld
    drenthe = gebieden.loc[gebieden["provincie_code"] == "PV22", "gemeente_code"]
    assert weights[drenthe].sum() == 506612.0
    assert weights.sum() == 18_045_532.0


# --- region values -------------------------------------------------------------------------

A = Region("RX01", "Regio A", "Region A", ("GM0001", "GM0002"), official=False)
C = Region("CR99", "Corop C", "Corop C", ("GM0001", "GM0002", "GM0003"), official=True)
WEIGHTS = pd.Series({"GM0001": 1000.0, "GM0002": 3000.0, "GM0003": 500.0})


def _obs(rows: list[tuple]) -> pd.DataFrame:
    """Rows of (region_code, period, value[, lower, upper, status])."""
    full = [(r + (np.nan, np.nan, ""))[:6] for r in rows]
    frame = pd.DataFrame(full, columns=OBSERVATION_COLUMNS[1:])
    frame.insert(0, "indicator_id", "x")
    return frame.astype({"value": float, "lower": float, "upper": float})


def _value(result: pd.DataFrame, code: str, period: str) -> pd.Series:
    rows = result[(result["region_code"] == code) & (result["period"] == period)]
    assert len(rows) == 1, rows
    return rows.iloc[0]


def test_weighted_mean_exact():
    obs = _obs([("GM0001", "2023", 10.0), ("GM0002", "2023", 20.0)])
    result = region_values(obs, [A], "mean_population", WEIGHTS)
    row = _value(result, "RX01", "2023")
    # (1000 * 10 + 3000 * 20) / 4000 = 70000 / 4000 = 17.5
    assert row["value"] == 17.5
    assert row["status"] == "computed"
    assert math.isnan(row["lower"]) and math.isnan(row["upper"])
    assert row["indicator_id"] == "x"
    assert list(result.columns) == OBSERVATION_COLUMNS


def test_weighted_mean_with_real_population(sets, gebieden):
    rd01 = next(r for r in sets["regio_deal"].regions if r.code == "RD01")
    obs = _obs([("GM1730", "2023", 10.0), ("GM1680", "2023", 20.0), ("GM1699", "2023", 30.0)])
    result = region_values(obs, [rd01], "mean_households", population_weights(gebieden))
    # Tynaarlo 35,013, Aa en Hunze 25,936, Noordenveld 31,772 inwoners:
    # (35013*10 + 25936*20 + 31772*30) / 92721 = 1,822,010 / 92,721
    assert _value(result, "RD01", "2023")["value"] == pytest.approx(1_822_010 / 92_721, abs=1e-12)


def test_sum_and_none():
    obs = _obs([("GM0001", "2023", 10.0), ("GM0002", "2023", 20.0)])
    assert _value(region_values(obs, [A], "sum"), "RX01", "2023")["value"] == 30.0
    assert region_values(obs, [A], "none", WEIGHTS).empty


def test_missing_member_gives_no_region_value():
    obs = _obs(
        [
            ("GM0001", "2022", 10.0),
            ("GM0002", "2022", np.nan),
            ("GM0001", "2023", 10.0),
            ("GM0002", "2023", 30.0),
            ("GM0001", "2024", 10.0),  # GM0002 has no row at all in 2024
        ]
    )
    result = region_values(obs, [A], "sum")
    assert list(result["period"]) == ["2023"]
    assert result["value"].tolist() == [40.0]


def test_official_row_preferred():
    obs = _obs(
        [
            ("GM0001", "2023", 10.0),
            ("GM0002", "2023", 20.0),
            ("GM0003", "2023", 30.0),
            ("CR99", "2023", 99.0, 95.0, 103.0, "approximate"),
            # 2024: members complete, but CBS publishes this COROP level (see 2023): no computing.
            ("GM0001", "2024", 10.0),
            ("GM0002", "2024", 20.0),
            ("GM0003", "2024", 30.0),
        ]
    )
    result = region_values(obs, [C, A], "mean_population", WEIGHTS)
    official = _value(result, "CR99", "2023")
    assert (official["value"], official["lower"], official["upper"]) == (99.0, 95.0, 103.0)
    assert official["status"] == "approximate"
    assert result[result["region_code"] == "CR99"]["period"].tolist() == ["2023"]
    assert result[result["region_code"] == "RX01"]["period"].tolist() == ["2023", "2024"]


def test_official_region_is_computed_when_source_has_no_such_level():
    obs = _obs([("GM0001", "2023", 10.0), ("GM0002", "2023", 20.0), ("GM0003", "2023", 40.0)])
    row = _value(region_values(obs, [C], "mean_population", WEIGHTS), "CR99", "2023")
    # (1000*10 + 3000*20 + 500*40) / 4500 = 90000 / 4500 = 20
    assert row["value"] == 20.0 and row["status"] == "computed"


def test_own_row_of_a_programme_area_is_used():
    obs = _obs([("GM0001", "2023", 10.0), ("GM0002", "2023", 20.0), ("RX01", "2023", 12.0)])
    row = _value(region_values(obs, [A], "sum"), "RX01", "2023")
    assert row["value"] == 12.0 and row["status"] == ""


def test_bad_calls():
    obs = _obs([("GM0001", "2023", 10.0), ("GM0002", "2023", 20.0)])
    with pytest.raises(DataError, match="no positive weight for gemeente.*GM0002"):
        region_values(obs, [A], "mean_population", pd.Series({"GM0001": 5.0}))
    with pytest.raises(DataError, match="needs weights"):
        region_values(obs, [A], "mean_population")
    with pytest.raises(DataError, match="Unknown aggregation method 'median'"):
        region_values(obs, [A], "median")
    with pytest.raises(DataError, match="region GM0001, period 2023 occurs more than once"):
        region_values(pd.concat([obs, obs]), [A], "sum")
    empty = region_values(obs.iloc[:0], [A], "sum")
    assert empty.empty and list(empty.columns) == OBSERVATION_COLUMNS


def test_values_come_out_as_floats_whatever_came_in():
    # the own-rows path and the computed path, with float32 value columns (and objects on the
    # own-rows path: computing takes numbers)
    obs = _obs([("GM0001", "2023", 10.0), ("GM0002", "2023", 20.0), ("CR99", "2023", 12.5)])
    cases = [(object, [C], [12.5]), (np.float32, [C], [12.5]), (np.float32, [A, C], [12.5, 30.0])]
    for dtype, regions, expected in cases:
        given = obs.astype({"value": dtype, "lower": dtype, "upper": dtype})
        result = region_values(given, regions, "sum")
        assert [str(result[c].dtype) for c in ("value", "lower", "upper")] == ["float64"] * 3
        assert result["value"].tolist() == expected


def test_checked_observations_are_taken_as_they_are():
    # ``checked`` (a store's frame) skips the checks a caller's frame gets: the same values
    obs = _obs([("GM0001", "2023", 10.0), ("GM0002", "2023", 20.0)])
    pd.testing.assert_frame_equal(
        region_values(obs, [A], "sum", checked=True), region_values(obs, [A], "sum")
    )
    with pytest.raises(DataError, match="occurs more than once"):
        region_values(pd.concat([obs, obs]), [A], "sum")


# --- malformed region_sets.toml ----------------------------------------------------------------

GOOD = """
[[region_set]]
id = "test"
label_nl = "Test"
label_en = "Test"

[[region_set.region]]
code = "TS01"
name_nl = "Eén"
name_en = "One"
members = {members}
"""
SECOND_REGION = """
[[region_set.region]]
code = "TS01"
name_nl = "Twee"
name_en = "Two"
members = ["GM0109"]
"""


def _toml(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "region_sets.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_valid_custom_file(tmp_path, gebieden):
    sets = load_region_sets(gebieden, _toml(tmp_path, GOOD.format(members='["GM0106"]')))
    assert list(sets) == ["corop", "provincie", "test"]
    assert sets["test"].regions[0].members == ("GM0106",)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        (
            GOOD.format(members='["GM0106", "GM9999"]'),
            "region TS01: unknown gemeente code(s) GM9999",
        ),
        (GOOD.format(members="[]"), "region TS01: the region is empty"),
        (GOOD.format(members='["GM0106", "GM0106"]'), "member(s) GM0106 listed more than once"),
        (
            GOOD.format(members='["GM0106"]') + SECOND_REGION,
            "region code TS01 is used more than once",
        ),
        (GOOD.format(members='["GM0106"]').replace("TS01", "CR07"), "region code CR07"),
        (GOOD.format(members='["GM0106"]').replace('"test"', '"corop"'), "'corop' is used twice"),
        (GOOD.format(members='["GM0106"]').replace("members", "leden"), "unknown field(s) leden"),
        ("[[region_set]\nid = 1", "not valid TOML"),
    ],
)
def test_malformed_region_sets(tmp_path, gebieden, text, fragment):
    path = _toml(tmp_path, text)
    with pytest.raises(DataError) as exc:
        load_region_sets(gebieden, path)
    assert fragment in str(exc.value)
    assert str(path) in str(exc.value)


def test_missing_region_sets_file(tmp_path, gebieden):
    with pytest.raises(DataError, match="region_sets.toml: region set file not found"):
        load_region_sets(gebieden, tmp_path / "region_sets.toml")
