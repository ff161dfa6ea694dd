"""The Trends page logic: series over time, gaps, segments, index, change table and summary.
Expected values are read here from the raw CBS StatLine CSVs, not from the store under test."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from dashboard.model.errors import DataError
from dashboard.render import charts
from dashboard.text.numbers import format_number
from dashboard.views.trends import (
    CHANGE_COLUMNS,
    TREND_COLUMNS,
    change_table,
    display_changes,
    index_frame,
    segments,
    trend_frame,
    trend_summary,
)

HEALTH_TABLES = {"83674NED", "85012NED", "85563NED"}  # Gezondheidsmonitor 2016, 2020, 2022
DRENTHE = ["GM0106", "GM0109", "GM0114", "GM0118", "GM0119", "GM1680"]
DRENTHE += ["GM1681", "GM1690", "GM1699", "GM1701", "GM1730", "GM1731"]


def raw_cbs(settings, table: str, measure: str, period: str | None = None, **dims: str):
    """(StatLine region label, period) -> value of one measure, straight from the CSV; rows
    filtered on dimension labels (``Marges="Waarde"``); ``period`` for tables without one."""
    path = settings.cbs_dir / f"{table}.csv"
    frame = pd.read_csv(path, sep=";", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    for column, label in dims.items():
        frame = frame[frame[column].str.strip() == label]
    frame = frame[frame[measure].str.strip() != ""]
    periods = frame["Perioden"] if period is None else [period] * len(frame)
    return {
        (r.strip(), p.strip()): float(v)
        for r, p, v in zip(frame["RegioS"], periods, frame[measure], strict=True)
    }


@pytest.fixture(scope="module")
def werkloosheid(settings):
    return raw_cbs(settings, "86088NED", "Werkloosheidspercentage_13")


@pytest.fixture(scope="module")
def misdrijven(settings):
    return raw_cbs(settings, "83648NED", "GeregistreerdeMisdrijvenPer1000Inw_3")


@pytest.fixture(scope="module")
def misdrijven_all_periods(settings) -> list[str]:
    path = settings.cbs_dir / "83648NED.csv"
    frame = pd.read_csv(path, sep=";", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    return sorted(frame["Perioden"].str.strip().unique())


def series(frame: pd.DataFrame, code: str) -> pd.DataFrame:
    return frame[frame["region_code"] == code].set_index("period")


# --- the trend frame -----------------------------------------------------------------------------


def test_trend_frame_holds_the_series_and_every_period(store, werkloosheid):
    frame = trend_frame(store, "werkloosheid", ["GM0114", "GM0114", "PV22"])
    assert list(frame.columns) == TREND_COLUMNS
    assert frame["region_code"].unique().tolist() == ["GM0114", "PV22", "NL01"]
    assert frame.groupby("region_code", sort=False)["kind"].first().tolist() == [
        "selected",
        "reference",
        "reference",
    ]
    periods = sorted({p for (r, p) in werkloosheid if r == "Nederland"})
    assert periods[0] == "2013" and periods[-1] == "2024"
    labels = {"GM0114": "Emmen", "PV22": "Drenthe (PV)", "NL01": "Nederland"}
    for code, label in labels.items():
        own = series(frame, code)
        assert own.index.tolist() == periods
        assert own["value"].tolist() == [werkloosheid[(label, p)] for p in periods]
        assert set(own["status"]) == {"official"}
        assert set(own["segment"]) == {0}  # comparable, no gaps: one line
    assert series(frame, "GM0114").loc["2024", "value_text"] == "3,7%"
    assert frame.attrs == {"indicator_id": "werkloosheid", "comparable": True}


def test_regions_in_a_trend(store, werkloosheid):
    frame = trend_frame(store, "werkloosheid", ["CR08", "RD02"], lang="en")
    cr08 = series(frame, "CR08")
    assert cr08.loc["2013", "value"] == werkloosheid[("Zuidoost-Drenthe (CR)", "2013")]
    assert set(cr08["status"]) == {"official"}
    rd02 = series(frame, "RD02")
    assert set(rd02["status"]) == {"computed"}
    assert rd02["name"].iloc[0] == "Region Deal South and East Drenthe"
    assert series(frame, "NL01")["name"].iloc[0] == "Netherlands"


def test_unknown_code_is_an_error(store):
    with pytest.raises(DataError, match="Unknown region code"):
        trend_frame(store, "werkloosheid", ["GM9999"])


def test_gaps_stay_gaps(store, misdrijven, misdrijven_all_periods):
    # Vlieland: 83648NED has an empty per-1,000 cell in 2015-2022 and 2024 (too few residents)
    frame = trend_frame(store, "misdrijven_per_1000", ["GM0096"])
    vlieland = series(frame, "GM0096")
    assert vlieland.index.tolist() == misdrijven_all_periods
    empty = [p for p in misdrijven_all_periods if ("Vlieland", p) not in misdrijven]
    assert empty == [str(y) for y in range(2015, 2023)] + ["2024"]
    assert vlieland.loc[empty, "value"].isna().all()  # not interpolated, not 0
    assert set(vlieland.loc[empty, "status"]) == {"missing"}
    assert set(vlieland.loc[empty, "value_text"]) == {"—"}
    assert vlieland.loc[empty, "segment"].isna().all()
    # the line breaks: 2010-2014 is one run, 2023 another
    assert vlieland.loc["2010":"2014", "segment"].tolist() == [0] * 5
    assert vlieland.loc["2023", "segment"] == 1
    assert vlieland.loc["2023", "value"] == misdrijven[("Vlieland", "2023")]


def test_segments_rule():
    values = pd.Series([1.0, 2.0, math.nan, 3.0, 4.0, math.nan])
    assert segments(values, True).tolist() == [0, 0, pd.NA, 1, 1, pd.NA]
    assert segments(values, False).tolist() == [0, 1, pd.NA, 2, 3, pd.NA]


def test_health_survey_rounds_are_never_joined(store, settings):
    health = [
        ind
        for ind in store.catalog
        if {s.table for s in ind.sources} & HEALTH_TABLES and len(store.periods(ind.id)) > 1
    ]
    assert {i.id for i in health} >= {"ervaren_gezondheid_goed", "overgewicht", "rokers"}
    for ind in health:
        assert not ind.comparable, ind.id
        frame = trend_frame(store, ind.id, ["GM0114"])
        for _, one in frame.groupby("region_code"):
            present = one["segment"].dropna()
            assert present.is_unique, ind.id  # every round is its own segment
    # the values are those of the three survey tables (row 'Waarde', age 'Totaal')
    frame = series(trend_frame(store, "ervaren_gezondheid_goed", ["GM0114"]), "GM0114")
    measure = "ErvarenGezondheidGoedZeerGoed_1"
    raw = raw_cbs(settings, "83674NED", measure, Marges="Waarde", Leeftijd="Totaal")
    raw |= raw_cbs(settings, "85012NED", measure, "2020", Marges="Waarde", Leeftijd="Totaal")
    raw |= raw_cbs(settings, "85563NED", measure, "2022", Marges="Waarde", Leeftijd="Totaal")
    assert frame["value"].tolist() == [raw[("Emmen", p)] for p in ("2016", "2020", "2022")]
    assert frame["segment"].tolist() == [0, 1, 2]


# --- index -------------------------------------------------------------------------------------


def test_index_on_the_first_common_period(store, werkloosheid):
    result = index_frame(trend_frame(store, "werkloosheid", ["GM0114"]))
    assert result.base_period == "2013" and result.reason is None
    emmen = series(result.frame, "GM0114")
    expected = werkloosheid[("Emmen", "2024")] / werkloosheid[("Emmen", "2013")] * 100
    assert emmen.loc["2024", "index"] == pytest.approx(expected)  # 3.7 / 9.3 x 100 = 39.8
    assert emmen.loc["2024", "index_text"] == "39,8"
    assert (result.frame.loc[result.frame["period"] == "2013", "index"] == 100).all()
    assert result.message() == (
        "Index: 2013 = 100 (de eerste periode waarin alle reeksen een waarde hebben)."
    )


def test_index_base_moves_to_the_first_period_all_series_share(store, misdrijven):
    # Westerwolde was formed in 2018: before that it has no values of its own
    first = min(p for (r, p) in misdrijven if r == "Westerwolde")
    assert first == "2018"
    result = index_frame(trend_frame(store, "misdrijven_per_1000", ["GM1950"]))
    assert result.base_period == first
    westerwolde = series(result.frame, "GM1950")
    assert westerwolde.loc["2017", "index"] != westerwolde.loc["2017", "index"]  # NaN
    assert westerwolde.loc["2018", "index"] == 100
    drenthe = series(result.frame, "PV22")
    expected = misdrijven[("Drenthe (PV)", "2010")] / misdrijven[("Drenthe (PV)", "2018")] * 100
    assert drenthe.loc["2010", "index"] == pytest.approx(expected)
    assert "2018 = 100" in result.message("en")


def test_no_common_period_gives_a_reason(store, misdrijven):
    # Bellingwedde (until 2017) and Westerwolde (from 2018) never overlap
    last = max(p for (r, p) in misdrijven if r == "Bellingwedde")
    assert last < min(p for (r, p) in misdrijven if r == "Westerwolde")
    result = index_frame(trend_frame(store, "misdrijven_per_1000", ["GM0007", "GM1950"]))
    assert result.frame is None and result.base_period is None
    assert result.reason == "index_no_common_period"
    assert result.message("en").startswith("No index possible")


def test_zero_base_gives_a_reason_not_a_division(store):
    frame = trend_frame(store, "werkloosheid", ["GM0114"])
    frame.loc[(frame["region_code"] == "GM0114") & (frame["period"] == "2013"), "value"] = 0.0
    result = index_frame(frame)
    assert result.frame is None and result.base_period == "2013"
    assert result.reason == "index_base_not_positive"
    assert result.message() == "Geen index mogelijk: in 2013 is een waarde 0 of negatief."


# --- change table ----------------------------------------------------------------------------


def test_change_table_direction_aware(store, werkloosheid):
    ind = store.indicator("werkloosheid")
    assert ind.direction == -1
    frame = trend_frame(store, "werkloosheid", ["GM0114"])
    table = change_table(frame, ind, store.catalog)
    assert list(table.columns) == CHANGE_COLUMNS
    emmen = table.set_index("region_code").loc["GM0114"]
    first, last = werkloosheid[("Emmen", "2013")], werkloosheid[("Emmen", "2024")]
    assert (emmen["first_period"], emmen["last_period"]) == ("2013", "2024")
    assert (emmen["first_value"], emmen["last_value"]) == (first, last)
    assert emmen["change"] == pytest.approx(last - first)
    assert emmen["change_text"] == "−5,6 procentpunt"
    assert emmen["change_pct"] == pytest.approx((last - first) / first * 100)
    assert emmen["change_pct_text"] == "−60,2%"
    assert (emmen["movement"], emmen["judgement"]) == ("gedaald", "beter")
    assert emmen["verdict"] == "gedaald (beter)"
    english = change_table(
        trend_frame(store, "werkloosheid", ["GM0114"], "en"), ind, store.catalog, "en"
    )
    assert english.set_index("region_code").loc["GM0114", "verdict"] == "fell (better)"


def test_change_table_worse_and_equal(store, werkloosheid):
    ind = store.indicator("werkloosheid")
    frame = trend_frame(store, "werkloosheid", ["GM0114", "CR09"])
    recent = frame[frame["period"].isin(["2022", "2024"])]
    # Emmen 2022 -> 2024 rose: higher unemployment is worse
    assert werkloosheid[("Emmen", "2024")] > werkloosheid[("Emmen", "2022")]
    emmen = change_table(recent, ind, store.catalog).set_index("region_code").loc["GM0114"]
    assert emmen["verdict"] == "gestegen (slechter)"
    # Zuidwest-Drenthe had the same rate in 2013 and 2014
    assert (
        werkloosheid[("Zuidwest-Drenthe (CR)", "2013")]
        == werkloosheid[("Zuidwest-Drenthe (CR)", "2014")]
    )
    early = frame[frame["period"].isin(["2013", "2014"])]
    cr09 = change_table(early, ind, store.catalog).set_index("region_code").loc["CR09"]
    assert (cr09["movement"], cr09["judgement"]) == ("gelijk gebleven", "gelijk")
    assert cr09["verdict"] == "gelijk gebleven"
    assert cr09["change_text"] == "0,0 procentpunt"
    assert cr09["change_pct_text"] == "0,0%"


def test_change_table_neutral_indicator(store, settings):
    ind = store.indicator("woz_waarde")
    assert ind.direction == 0
    raw = raw_cbs(settings, "85036NED", "GemiddeldeWOZWaardeVanWoningen_1", Eigendom="Totaal")
    frame = trend_frame(store, "woz_waarde", ["GM0106"])
    assen = change_table(frame, ind, store.catalog).set_index("region_code").loc["GM0106"]
    assert (
        assen["last_value"] - assen["first_value"]
        == raw[("Assen", "2024")] - raw[("Assen", "2019")]
    )
    assert assen["judgement"] is None  # neutral: no better or worse
    assert assen["verdict"] == assen["movement"] == "gestegen"


def test_change_table_not_comparable_single_and_missing(store, settings):
    ind = store.indicator("ervaren_gezondheid_goed")
    frame = trend_frame(store, ind.id, ["GM0114"])
    emmen = change_table(frame, ind, store.catalog).set_index("region_code").loc["GM0114"]
    measure = "ErvarenGezondheidGoedZeerGoed_1"
    r2016 = raw_cbs(settings, "83674NED", measure, Marges="Waarde", Leeftijd="Totaal")
    r2022 = raw_cbs(settings, "85563NED", measure, "2022", Marges="Waarde", Leeftijd="Totaal")
    assert emmen["change"] == pytest.approx(r2022[("Emmen", "2022")] - r2016[("Emmen", "2016")])
    assert emmen["verdict"] == "niet vergelijkbaar"
    assert emmen["judgement"] is None and emmen["movement"] == ""
    vol = store.indicator("vrijwilligerswerk")
    table = change_table(trend_frame(store, vol.id, ["GM1701", "GM0114"]), vol, store.catalog)
    table = table.set_index("region_code")
    assert table.loc["GM1701", "verdict"] == "geen gegevens"  # Westerveld: no figure
    assert pd.isna(table.loc["GM1701", "first_period"])
    assert table.loc["GM0114", "verdict"] == "één periode"
    assert math.isnan(table.loc["GM0114", "change"])


def test_display_changes(store, misdrijven):
    ind = store.indicator("misdrijven_per_1000")
    frame = trend_frame(store, ind.id, ["GM0096"], "en")
    shown = display_changes(change_table(frame, ind, store.catalog, "en"), "en")
    assert list(shown.columns) == [
        "Area",
        "First period",
        "Last period",
        "Change",
        "Relative change",
        "Assessment",
    ]
    vlieland = shown.iloc[0]
    # the last value of Vlieland is 2023: 2024 is empty in 83648NED
    assert ("Vlieland", "2024") not in misdrijven
    assert vlieland["Last period"] == "73.6 per 1,000 residents (2023)"
    assert vlieland["Assessment"] == "fell (better)"


# --- summary -----------------------------------------------------------------------------------


def test_trend_summary_sentence(store, werkloosheid):
    ind = store.indicator("werkloosheid")
    frame = trend_frame(store, "werkloosheid", ["GM0114"])

    def pct(label: str, period: str) -> str:
        return format_number(werkloosheid[(label, period)], 1) + "%"

    parts = [
        f"{name} gedaald van {pct(label, '2013')} naar {pct(label, '2024')} (beter)"
        for name, label in (("Emmen", "Emmen"), ("Drenthe", "Drenthe (PV)"))
    ]
    parts.append(
        f"Nederland gedaald van {pct('Nederland', '2013')} naar {pct('Nederland', '2024')} (beter)"
    )
    assert trend_summary(frame, ind, store.catalog) == (
        f"Werkloosheid van 2013 tot 2024: {'; '.join(parts)}."
    )
    assert parts[0] == "Emmen gedaald van 9,3% naar 3,7% (beter)"


def test_trend_summary_counts_many_series(store, werkloosheid, settings):
    gebieden = pd.read_csv(settings.cbs_dir / "gebieden_2025.csv", dtype=str)
    labels = dict(zip(gebieden["gemeente_code"], gebieden["statline_label"], strict=True))
    fell = sum(
        werkloosheid[(labels[c], "2024")] < werkloosheid[(labels[c], "2013")] for c in DRENTHE
    )
    frame = trend_frame(store, "werkloosheid", DRENTHE)
    sentence = trend_summary(frame, store.indicator("werkloosheid"), store.catalog)
    assert sentence.startswith(f"Werkloosheid van 2013 tot 2024: in {fell} van de 12 gekozen")
    assert "Drenthe gedaald van 8,1% naar 3,4% (beter)" in sentence


def test_trend_summary_gap_and_no_trend(store):
    frame = trend_frame(store, "misdrijven_per_1000", ["GM0096"])
    sentence = trend_summary(frame, store.indicator("misdrijven_per_1000"), store.catalog)
    assert "Vlieland gedaald van 103,4 per 1.000 inwoners in 2010 naar 73,6 per 1.000 " in sentence
    health = store.indicator("ervaren_gezondheid_goed")
    sentence = trend_summary(trend_frame(store, health.id, ["GM0114"]), health, store.catalog)
    assert sentence.startswith(
        "Ervaren gezondheid (zeer) goed: gemeten in 2016, 2020 en 2022; die metingen zijn "
        "niet met elkaar te vergelijken, dus er is geen trend. In 2022: Emmen 67,0%"
    )
    vol = store.indicator("vrijwilligerswerk")
    sentence = trend_summary(trend_frame(store, vol.id, ["GM1701"], "en"), vol, store.catalog, "en")
    assert sentence == (
        "Volunteering: only measured in 2023; Drenthe 52.6%, Netherlands 48.7%. "
        "No data for Westerveld."
    )


# --- charts ----------------------------------------------------------------------------------


def _layer_data(spec: dict, layer: dict) -> list[dict]:
    """The rows a layer draws: its own dataset, else the chart's."""
    return spec["datasets"][(layer.get("data") or spec["data"])["name"]]


def test_trend_lines_never_join_non_comparable_rounds(store):
    frame = trend_frame(store, "ervaren_gezondheid_goed", ["GM0114"])
    spec = charts.trend_lines(frame, "%", "nl").to_dict()
    rows = _layer_data(spec, spec["layer"][1])  # after the margin bars
    lines = [r["line"] for r in rows]
    assert len(lines) == len(set(lines)) == 9  # 3 series x 3 rounds, every point alone
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks == ["rule", "line", "point"]  # margins (lower/upper), lines, points
    # one shared legend names the series: a layer with legend null would hide it
    legends = [layer["encoding"]["color"].get("legend", "absent") for layer in spec["layer"]]
    assert None not in legends and legends[1]["orient"] == "bottom"
    line = spec["layer"][1]["encoding"]
    assert line["detail"]["field"] == "line"
    assert line["strokeDash"]["condition"]["value"] == [6, 3]  # Drenthe and Nederland


def test_trend_lines_hollow_points_and_index(store):
    frame = trend_frame(store, "werkloosheid", ["GM0114"])
    frame.loc[frame.index[-1], "status"] = "approximate"  # Nederland 2024, as a test
    spec = charts.trend_lines(frame, "%", "nl").to_dict()
    rows = _layer_data(spec, spec["layer"][0])
    assert [r["hollow"] for r in rows].count(True) == 1
    assert spec["layer"][1]["encoding"]["fill"]["condition"]["value"] == "white"
    result = index_frame(frame)
    spec = charts.trend_lines(result.frame, "Index", "nl", y="index").to_dict()
    assert spec["layer"][0]["encoding"]["y"]["field"] == "index"


def test_small_multiples_one_panel_per_gemeente(store):
    frame = trend_frame(store, "werkloosheid", DRENTHE)
    spec = charts.small_multiples(frame, "%", "nl").to_dict()
    assert spec["facet"]["field"] == "panel" and spec["columns"] == 4
    rows = spec["datasets"][spec["data"]["name"]]
    panels = {r["panel"] for r in rows}
    assert len(panels) == 12
    drenthe = [r for r in rows if r["region_code"] == "PV22"]
    assert len(drenthe) == 12 * 12  # Drenthe's 12 years drawn in each of the 12 panels
    assert not any(r["region_code"] == "NL01" for r in rows)
