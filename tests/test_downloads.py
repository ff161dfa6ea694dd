"""The tables of the downloads (publish.downloads): beside every formatted value its number at
full precision, which is the source's observation itself; headers in the user's language,
no internal column names, no duplicates. (Werkloosheid 2024, CBS 85268NED: Drenthe 3.4,
Nederland 3.7, De Wolden 2.7, as in ../shared.)"""

from __future__ import annotations

import io
import math
from datetime import date

import openpyxl
import pandas as pd
import pytest

from dashboard.publish import downloads as D
from dashboard.publish import export
from dashboard.state import ViewState
from dashboard.views import compare, mapview, profileview, regionsview, trendview

META = export.ExportMeta("CBS", "CC BY 4.0", date(2025, 1, 31))
INTERNAL = {
    "region_code", "region_name", "code", "name", "kind", "period", "period_label", "value",
    "value_text", "status", "status_text", "indicator_id", "lower", "upper", "segment",
}  # fmt: skip


def observed(store, indicator: str, code: str, period: str) -> float:
    f = store.frame(indicator)
    (value,) = f.loc[(f["region_code"] == code) & (f["period"] == period), "value"].tolist()
    return float(value)


def assert_clean_headers(frame: pd.DataFrame) -> None:
    headers = list(frame.columns)
    assert len(headers) == len(set(headers)), headers
    assert not INTERNAL & set(headers), headers


def test_exact_difference():
    assert D.exact_difference(2.7, 3.4) == -0.7  # binary floats: -0.6999999999999997
    assert 2.7 - 3.4 != -0.7
    assert D.exact_difference(3.8, 3.4) == 0.4
    assert D.exact_difference(50.950959, 48.0) == 2.950959
    assert D.exact_difference(None, 3.4) is None
    assert D.exact_difference(2.7, math.nan) is None
    assert D.exact_difference(pd.NA, 1.0) is None


@pytest.fixture(scope="module")
def map_table(store):
    mv = mapview.map_view(store, ViewState(indicator="werkloosheid", period="2024"))
    return D.map_download(mv, store.catalog, "nl")


def test_map_download_numbers_beside_the_text(store, map_table):
    assert list(map_table.columns) == [
        "Gemeente", "Code", "Waarde", "Waarde (getal)", "Plaats",
        "Verschil met Drenthe", "Verschil met Drenthe (getal)",
        "Verschil met Nederland", "Verschil met Nederland (getal)", "Opmerking",
    ]  # fmt: skip
    first = map_table.iloc[0].tolist()
    assert first == [
        "De Wolden", "GM1690", "2,7%", 2.7, 1, "−0,7 procentpunt", -0.7, "−1,0 procentpunt",
        -1.0, "",
    ]  # fmt: skip
    assert map_table.iloc[-1].tolist()[:7] == [
        "Assen", "GM0106", "3,8%", 3.8, 12, "+0,4 procentpunt", 0.4,
    ]  # fmt: skip
    # every number is the source's observation, the differences exact against Drenthe's 3.4
    # and Nederland's 3.7
    for row in map_table.itertuples(index=False):
        assert row[3] == observed(store, "werkloosheid", row[1], "2024")
        assert row[6] == D.exact_difference(row[3], observed(store, "werkloosheid", "PV22", "2024"))
        assert row[8] == D.exact_difference(row[3], observed(store, "werkloosheid", "NL01", "2024"))
    assert len(map_table) == 12


def test_map_download_as_csv_and_excel(map_table):
    plain = export.to_csv(map_table, META).decode("utf-8").split("\r\n")
    assert plain[5] == (
        'De Wolden,GM1690,"2,7%",2.7,1,"−0,7 procentpunt",-0.7,"−1,0 procentpunt",-1,'
    )
    dutch = export.to_csv(map_table, META, dutch_excel=True).decode("utf-8-sig").split("\r\n")
    assert dutch[5] == "De Wolden;GM1690;2,7%;2,7;1;−0,7 procentpunt;-0,7;−1,0 procentpunt;-1;"
    # a positive difference is a text starting with '+': quoted in a CSV, its number is not
    assert dutch[-2] == "Assen;GM0106;3,8%;3,8;12;'+0,4 procentpunt;0,4;'+0,1 procentpunt;0,1;"
    sheet = openpyxl.load_workbook(io.BytesIO(export.to_excel(map_table, META)))["data"]
    last = [c.value for c in sheet[13]]
    assert last == ["Assen", "GM0106", "3,8%", 3.8, 12, "+0,4 procentpunt", 0.4,
                    "+0,1 procentpunt", 0.1, None]  # fmt: skip
    assert sheet["D13"].data_type == "n" and sheet["F13"].quotePrefix is True


def test_map_download_of_a_view_without_areas(store):
    """An indicator without gemeente or COROP values on the map (the app shows no table):
    Drenthe and Nederland with their numbers."""
    mv = next(
        mv
        for ind in store.catalog
        if not (mv := mapview.map_view(store, ViewState(indicator=ind.id))).mappable
        and mv.drenthe is not None
        and mv.nederland is not None
    )
    frame = D.map_download(mv, store.catalog, "nl")
    assert list(frame.columns) == [
        "Gebied", "Code", "Waarde", "Waarde (getal)", "Verschil met Nederland",
        "Verschil met Nederland (getal)",
    ]  # fmt: skip
    assert frame["Code"].tolist() == ["PV22", "NL01"]
    period = mv.period
    assert frame["Waarde (getal)"].tolist() == [
        observed(store, mv.indicator.id, "PV22", period),
        observed(store, mv.indicator.id, "NL01", period),
    ]
    assert frame["Verschil met Nederland (getal)"].tolist()[0] == D.exact_difference(
        mv.drenthe, mv.nederland
    )


def test_profile_download(store):
    pv = profileview.profile_view(store, ViewState(gemeenten=("GM0106",)))
    frame = D.profile_download(pv.table, pv.shown, store.catalog, "nl")
    assert_clean_headers(frame)
    assert list(frame.columns) == [
        "Thema", "Indicator", "Eenheid", "Periode", "Waarde", "Waarde (getal)", "Drenthe",
        "Drenthe (getal)", "Ten opzichte van Drenthe", "Nederland", "Nederland (getal)",
        "Ten opzichte van Nederland", "Plaats in het kaartgebied",
        "Plaats in het kaartgebied (getal)", "Positie in Nederland", "Sinds vorige periode",
        "Opmerking",
    ]  # fmt: skip
    row = frame[frame["Indicator"] == "Werkloosheid"].iloc[0]
    assert (row["Eenheid"], row["Periode"], row["Waarde"], row["Waarde (getal)"]) == (
        "%", "2024", "3,8%", 3.8,
    )  # fmt: skip
    assert (row["Drenthe (getal)"], row["Nederland (getal)"]) == (3.4, 3.7)
    assert row["Plaats in het kaartgebied (getal)"] == 12
    # every gemeente value is the observation of its period; missing stays missing
    for ind_id, period, value in zip(
        pv.table["indicator_id"], pv.table["period"], frame["Waarde (getal)"], strict=True
    ):
        if pd.isna(value):
            f = store.frame(ind_id)
            present = f[(f["region_code"] == "GM0106") & (f["period"] == period)]
            assert present["value"].notna().sum() == 0, ind_id
        else:
            assert value == observed(store, ind_id, "GM0106", period), ind_id
    assert frame["Waarde (getal)"].notna().sum() == 32  # of 34 indicators


def test_regions_download_in_english_without_internal_names(store):
    rv = regionsview.regions_view(store, ViewState(indicator="werkloosheid", lang="en"))
    frame = D.regions_download(rv, "en")
    assert_clean_headers(frame)
    assert list(frame.columns) == [
        "Region", "Area", "Code", "Kind", "Period", "Value", "Value (number)", "Note",
    ]  # fmt: skip
    assert frame.iloc[0].tolist() == [
        "Noord-Drenthe", "Noord-Drenthe", "CR07", "region", "2024", "3.2%", 3.2, "",
    ]  # fmt: skip
    assert frame.iloc[1].tolist() == [
        "Noord-Drenthe", "Assen", "GM0106", "municipality", "2024", "3.8%", 3.8, "",
    ]  # fmt: skip
    for row in frame.itertuples(index=False):
        assert row[6] == observed(store, "werkloosheid", row[2], "2024"), row
    dutch = D.regions_download(regionsview.regions_view(store, ViewState("werkloosheid")), "nl")
    assert list(dutch.columns) == [
        "Regio", "Gebied", "Code", "Soort", "Periode", "Waarde", "Waarde (getal)", "Opmerking",
    ]  # fmt: skip
    assert dutch.iloc[1, 3] == "gemeente"


def test_comparison_download_keeps_computed_values_unrounded(store):
    cv = regionsview.comparison_view(store, ViewState(), compare.DEFAULT_SET, "arbeid_vrije_tijd")
    frame = D.comparison_download(cv, "nl")
    assert_clean_headers(frame)
    assert list(frame.columns)[:5] == [
        "Indicator", "Eenheid", "Periode", "Noord-Drenthe", "Noord-Drenthe (getal)",
    ]  # fmt: skip
    row = frame[frame["Indicator"] == "Werkloosheid"].iloc[0]
    assert (row["Noord-Drenthe"], row["Noord-Drenthe (getal)"]) == ("✓ 3,2%", 3.2)
    assert row["Drenthe (getal)"] == observed(store, "werkloosheid", "PV22", "2024")
    # a region value the dashboard computes (population-weighted) is given as computed,
    # not rounded to the one decimal shown
    sport = frame[frame["Indicator"] == "Wekelijks sporten"].iloc[0]
    computed = cv.table.loc[cv.table["indicator_id"] == "wekelijks_sporten", "value_CR07"]
    assert sport["Noord-Drenthe"] == "✓ 51,0%*"
    assert sport["Noord-Drenthe (getal)"] == float(computed.iloc[0])
    assert sport["Noord-Drenthe (getal)"] != 51.0


def test_trend_download(store):
    view = ViewState(indicator="werkloosheid", gemeenten=("GM0106",))
    tv = trendview.trend_view(store, view)
    frame = D.trend_download(tv, "nl")
    assert_clean_headers(frame)
    assert list(frame.columns) == [
        "Gebied", "Code", "Periode", "Waarde", "Waarde (getal)", "Ondergrens", "Bovengrens",
        "Opmerking",
    ]  # fmt: skip
    assert frame.iloc[0].tolist()[:5] == ["Assen", "GM0106", "2013", "8,3%", 8.3]
    assert set(frame["Code"]) == {"GM0106", "PV22", "NL01"}
    for row in frame.itertuples(index=False):
        if not pd.isna(row[4]):
            assert row[4] == observed(store, "werkloosheid", row[1], row[2]), row
    english = D.trend_download(
        trendview.trend_view(store, ViewState("werkloosheid", lang="en")), "en"
    )
    assert list(english.columns) == [
        "Area", "Code", "Period", "Value", "Value (number)", "Lower bound", "Upper bound", "Note",
    ]  # fmt: skip


def test_trend_download_carries_the_sources_margins(store):
    """An indicator with margins (lower/upper in the source) has them as numbers."""
    f = store.observations
    with_margins = f[f["lower"].notna() & f["region_code"].str.startswith("GM")]
    ind_id, code = with_margins.iloc[0][["indicator_id", "region_code"]]
    tv = trendview.trend_view(store, ViewState(indicator=ind_id, gemeenten=(code,)))
    frame = D.trend_download(tv, "nl")
    mine = frame[frame["Code"] == code].dropna(subset=["Ondergrens"])
    source = with_margins[
        (with_margins["indicator_id"] == ind_id) & (with_margins["region_code"] == code)
    ]
    assert len(mine) == len(source) > 0
    assert mine["Ondergrens"].tolist() == source.sort_values("period")["lower"].tolist()
    assert mine["Bovengrens"].tolist() == source.sort_values("period")["upper"].tolist()


def test_every_indicators_map_download_holds_the_source_values(store):
    """Every indicator of the catalogue: the map download's numbers are the observations of
    the period shown, row by row, or missing where the source has none."""
    for ind in store.catalog:
        mv = mapview.map_view(store, ViewState(indicator=ind.id))
        frame = D.map_download(mv, store.catalog, "nl")
        f = store.frame(ind.id)
        f = f[f["period"] == mv.period].set_index("region_code")["value"]
        for code, number in zip(frame["Code"], frame["Waarde (getal)"], strict=True):
            if pd.isna(number):
                assert pd.isna(f.get(code)), (ind.id, code)
            else:
                assert number == f[code], (ind.id, code)
