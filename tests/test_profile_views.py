"""What the profile page draws and downloads: the overview heat table, the handout image and
the data selection of "Over de data"."""

from __future__ import annotations

import xml.dom.minidom

import pandas as pd

from dashboard.publish import export
from dashboard.render import charts, images
from dashboard.views import profile

DRENTHE = [
    "GM0106", "GM0109", "GM0114", "GM0118", "GM0119", "GM1680",
    "GM1681", "GM1690", "GM1699", "GM1701", "GM1730", "GM1731",
]  # fmt: skip


def overview_rows(chart) -> pd.DataFrame:
    return pd.DataFrame(chart.to_dict()["datasets"].popitem()[1])


def test_overview_marks_each_indicator_against_drenthe(store):
    prof = profile.profile_table(store, "GM1701", DRENTHE, "nl")
    rows = overview_rows(charts.profile_overview(prof, "nl")).set_index("indicator_id")
    # Westerveld has no volunteering figure: no cell, rather than a cell for a missing value
    assert "vrijwilligerswerk" not in rows.index
    assert len(rows) == int((prof["availability"] == "value").sum())
    # unemployment 2024: Westerveld 2.9% against Drenthe 3.4% (86088NED): better, "+"
    assert rows.loc["werkloosheid", ["judgement", "symbol"]].tolist() == ["better", "+"]
    # distance to the GP: higher is worse, Westerveld is further away than Drenthe: "−"
    assert rows.loc["afstand_huisarts", ["judgement", "symbol"]].tolist() == ["worse", "−"]
    # WOZ value is neutral: no judgement
    assert rows.loc["woz_waarde", ["judgement", "symbol"]].tolist() == ["none", "·"]
    # cells run left to right within a theme
    materieel = rows[rows["theme_label"] == "Materiële welvaart"]["column"].tolist()
    assert materieel == list(range(len(materieel)))


def test_handout_renders_as_png_and_svg(store):
    prof = profile.profile_table(store, "GM1730", DRENTHE, "nl")
    chart = charts.profile_handout(prof, "Tynaarlo", "Een samenvatting.", ["Bron: CBS"], "nl")
    png = images.image_bytes(chart, "png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    svg = images.image_bytes(chart, "svg").decode()
    xml.dom.minidom.parseString(svg)
    for text in ("Gemeenteprofiel: Tynaarlo", "Een samenvatting.", "Bron: CBS", "€ 38,2 duizend"):
        assert text in svg


def test_observations_table_keeps_missing_missing(store):
    data = export.observations_table(
        store, ["vrijwilligerswerk"], ["GM1701", "GM1730", "PV22", "NL01"]
    )
    # Westerveld has no volunteering figure: no row (never a 0)
    assert data[["region_code", "period", "value"]].values.tolist() == [
        ["GM1730", "2023", 58.5],
        ["PV22", "2023", 52.6],
        ["NL01", "2023", 48.7],
    ]
    assert data.columns.tolist() == [
        "indicator_id", "indicator", "unit", "region_code", "region", "period",
        "value", "lower", "upper", "status",
    ]  # fmt: skip


def test_observations_table_with_margins_and_periods(store):
    data = export.observations_table(store, ["overgewicht"], ["GM0114"], periods=["2022"])
    # 85563NED, Emmen, Overgewicht_7: 66.7 (62.5 - 70.6)
    assert data[["period", "value", "lower", "upper"]].values.tolist() == [
        ["2022", 66.7, 62.5, 70.6]
    ]


def test_chart_image_has_title_period_source_and_date(store):
    from dashboard.views import trends

    ind = store.indicator("werkloosheid")
    frame = trends.trend_frame(store, ind.id, ["GM0114"], "nl")
    chart = charts.titled(
        charts.trend_lines(frame, "%", "nl"), ind.label("nl"), "2024", ["Bron: CBS", "Datum"]
    )
    svg = images.image_bytes(chart, "svg").decode()
    for text in ("Werkloosheid", "2024", "Bron: CBS", "Datum", "Emmen"):
        assert text in svg
