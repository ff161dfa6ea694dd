"""The map view: one frame per view with values, ranks, differences, colours and text.

Expected values are read by hand: volunteering 2023 from Afbeelding 2 of the Sociale Agenda
(data/sociale_agenda_2024/observations.csv), unemployment 2024 from 86088NED.csv
(Werkloosheidspercentage_13, "Totaal personen"), Tabel 1 bijstand from the report."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from dashboard.render import classify
from dashboard.state import ViewState
from dashboard.views import mapview


def by_name(mv: mapview.MapView) -> pd.DataFrame:
    return mv.table.set_index("name")


def test_volunteering_ranks_and_differences(store):
    mv = mapview.map_view(store, ViewState(indicator="vrijwilligerswerk"))
    assert (mv.period, mv.level, mv.drenthe, mv.nederland) == ("2023", "gemeente", 52.6, 48.7)
    t = by_name(mv)
    assert len(t) == 12
    assert t.loc["De Wolden", "rank"] == 1
    assert t.loc["Aa en Hunze", "rank"] == 2
    # ties share the better rank: Noordenveld and Midden-Drenthe both 55
    assert t.loc["Noordenveld", "rank"] == t.loc["Midden-Drenthe", "rank"] == 5
    assert t.loc["Borger-Odoorn", "rank"] == 7
    assert t.loc["Assen", "rank"] == 11
    assert t.loc["De Wolden", "diff_drenthe"] == pytest.approx(61.3 - 52.6)
    assert t.loc["De Wolden", "diff_nederland"] == pytest.approx(61.3 - 48.7)
    assert t.loc["De Wolden", "tip_value"] == "61,3%"
    assert t.loc["De Wolden", "tip_rank"] == "Plaats 1 van 11 (1 = beste)"
    assert t.loc["Assen", "tip_drenthe"] == (
        "Verschil met Drenthe: −6,3 procentpunt, lager (slechter)"
    )


def test_missing_value_stays_missing_and_is_grey(store):
    mv = mapview.map_view(store, ViewState(indicator="vrijwilligerswerk"))
    westerveld = by_name(mv).loc["Westerveld"]
    assert math.isnan(westerveld["value"])
    assert pd.isna(westerveld["rank"])
    assert westerveld["color"] == classify.NO_DATA_COLOR
    assert westerveld["tip_value"] == "geen gegevens"
    assert westerveld["tip_rank"] == ""
    assert mv.summary == (
        "Vrijwilligerswerk in 2023: het hoogst in De Wolden (61,3%), het laagst in Assen "
        "(46,3%). Drenthe scoort beter dan Nederland (52,6% tegen 48,7%). "
        "Van Westerveld zijn geen gegevens."
    )


def test_higher_is_worse_ranks_lowest_first(store):
    mv = mapview.map_view(store, ViewState(indicator="werkloosheid", period="2024"))
    assert (mv.drenthe, mv.nederland) == (3.4, 3.7)
    t = by_name(mv)
    assert t.loc["De Wolden", ["value", "rank"]].tolist() == [2.7, 1]
    assert {n for n in t.index if t.loc[n, "rank"] == 2} == {
        "Midden-Drenthe",
        "Tynaarlo",
        "Westerveld",
    }
    assert t.loc["Assen", ["value", "rank"]].tolist() == [3.8, 12]
    # classes run from low to high values; the darkest ("best") blue goes to the lowest
    assert t.loc["De Wolden", "color"] == mv.classes.colors[0] == "#253494"
    assert mv.classes.colors[-1] == "#ffffcc"
    assert mv.summary.startswith("Werkloosheid in 2024: het hoogst in Assen (3,8%), het laagst")


def test_region_only_indicator_is_drawn_on_corop_regions(store):
    mv = mapview.map_view(store, ViewState(indicator="tabel1_bijstand"))
    assert mv.level == "corop" and mv.mappable
    t = mv.table.set_index("region_code")
    assert t["value"].to_dict() == {"CR07": 28.0, "CR08": 37.0, "CR09": 26.0}
    # bijstand: higher is worse
    assert t["rank"].to_dict() == {"CR07": 2, "CR08": 3, "CR09": 1}
    assert mv.notes[0] == (
        "Deze indicator is alleen voor regio's gepubliceerd; de kaart toont de COROP-regio's."
    )


def test_province_only_indicator_is_not_mapped(store):
    mv = mapview.map_view(store, ViewState(indicator="tevredenheid_met_leven"))
    assert not mv.mappable
    assert (mv.drenthe, mv.nederland) == (8.0, None)


def test_fixed_classes_are_the_same_for_every_period(store):
    first = mapview.map_view(store, ViewState(indicator="werkloosheid", period="2022"))
    last = mapview.map_view(store, ViewState(indicator="werkloosheid", period="2024"))
    assert first.classes == last.classes


def test_one_class_year_gets_a_hint_and_period_classes_separate(store):
    fixed = mapview.map_view(store, ViewState(indicator="inkomen_gestandaardiseerd_mediaan"))
    assert fixed.table["color"].nunique() == 1
    assert fixed.notes[0].startswith("In 2023 vallen alle gebieden in dezelfde klasse")
    own = mapview.map_view(
        store, ViewState(indicator="inkomen_gestandaardiseerd_mediaan", colouring="periode")
    )
    assert own.table["color"].nunique() == 5
    assert not any(n.startswith("In 2023 vallen") for n in own.notes)


def test_diverging_colours_centre_on_drenthe(store):
    mv = mapview.map_view(
        store, ViewState(indicator="inkomen_gestandaardiseerd_mediaan", colouring="drenthe")
    )
    assert mv.centre_name == "Drenthe"
    assert mv.classes.centre == mv.drenthe
    t = by_name(mv)
    below = mv.classes.colors[: len(mv.classes.colors) // 2]
    above = mv.classes.colors[len(mv.classes.colors) // 2 :]
    for name, row in t.iterrows():
        side = above if row["value"] >= mv.drenthe else below
        assert row["color"] in side, name


def test_nederland_scope_has_all_gemeenten(store):
    mv = mapview.map_view(store, ViewState(indicator="werkloosheid", scope="nederland"))
    assert len(mv.table) == 342
    assert mv.table["region_code"].is_unique


def test_tooltip_text_is_escaped(store):
    mv = mapview.map_view(store, ViewState(indicator="vrijwilligerswerk"))
    for column in (*mapview.TOOLTIP_FIELDS, "tip_name"):
        assert not mv.table[column].str.contains("<").any()
