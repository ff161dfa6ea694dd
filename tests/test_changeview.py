"""The change map (views.changeview): values, classes, significance, refusals, the summary,
the table, the slope chart and the static map.

By hand from 86088NED.csv (Werkloosheidspercentage_13, "Totaal personen"): Emmen 4,7% (2019)
and 3,7% (2024), Hoogeveen 3,8% and 3,6%, Drenthe (PV) 4,0% and 3,4%, Nederland 4,4% and
3,7%. The synthetic cases (a rising, a falling, a missing and a within-margin gemeente, with
margins) change four gemeenten of that table; their expected values are worked out below."""

from __future__ import annotations

import math
from dataclasses import replace

import pandas as pd
import pytest

from dashboard.render import charts, classify, static_map
from dashboard.state import ViewState
from dashboard.text import sentences
from dashboard.text.i18n import t
from dashboard.views import changeview

UNEMPLOYMENT = ViewState(indicator="werkloosheid", period="2024", since="2019")


def by_name(cv: changeview.ChangeView) -> pd.DataFrame:
    return cv.table.set_index("name")


def test_unemployment_2019_2024_by_hand(store):
    cv = changeview.change_view(store, UNEMPLOYMENT)
    rows = by_name(cv)
    assert (cv.start, cv.period, cv.relative, cv.level) == ("2019", "2024", False, "gemeente")
    assert rows.loc["Emmen", ["start", "end"]].tolist() == [4.7, 3.7]
    assert rows.loc["Emmen", "value"] == pytest.approx(-1.0)
    assert rows.loc["Emmen", "value_text"] == "−1,0 procentpunt"
    assert rows.loc["Hoogeveen", "value"] == pytest.approx(-0.2)
    assert rows.loc["Emmen", "rank"] == 1  # the largest fall of a "higher is worse" indicator
    assert rows.loc["Hoogeveen", "rank"] == 12
    assert cv.drenthe == (4.0, 3.4) and cv.nederland == (4.4, 3.7)
    assert cv.drenthe_change == pytest.approx(-0.6)
    assert pd.isna(rows.loc["Emmen", "significant"])  # no margins in this table
    assert rows.loc["Emmen", "tip_change"] == "Verandering: −1,0 procentpunt, gedaald (beter)"
    assert cv.summary == (
        "Werkloosheid 2019–2024: in alle 12 gemeenten gedaald; het sterkst in Emmen "
        "(−1,0 procentpunt). Drenthe: −0,6 procentpunt, Nederland: −0,7 procentpunt."
    )
    en = changeview.change_view(store, replace(UNEMPLOYMENT, lang="en"))
    assert en.summary == (
        "Unemployment 2019–2024: fallen in all 12 municipalities; most in Emmen "
        "(−1.0 percentage point). Drenthe: −0.6 percentage points, "
        "Netherlands: −0.7 percentage points."
    )


def test_change_classes_are_symmetric_around_zero_and_direction_aware(store):
    cv = changeview.change_view(store, UNEMPLOYMENT)
    # pooled over the changes 2019 -> 2020, ..., 2019 -> 2024 of the 12 gemeenten (so the
    # timeline keeps its colours): 90% of |change| <= 1,0; 1,0 / 3 = 0,33, and the nearest
    # nice step with one decimal is 0,5 (0,25 needs two); breaks ±1,0, ±0,5 and 0
    assert cv.classes.breaks == (-1.0, -0.5, 0.0, 0.5, 1.0)
    assert cv.classes.breaks == tuple(-b + 0.0 for b in reversed(cv.classes.breaks))
    # falling unemployment is favourable: blue-green (BrBG reversed for direction -1)
    assert cv.classes.colors == tuple(reversed(classify.BRBG[6]))
    rows = by_name(cv)
    assert rows.loc["Emmen", "color"] == "#5ab4ac"  # −1,0 – −0,5
    assert rows.loc["Hoogeveen", "color"] == "#c7eae5"  # −0,5 – 0,0
    assert cv.classes.labels["nl"][:2] == ("< −1,0", "−1,0 – −0,5")
    assert changeview.legend_title(cv, store.catalog, "nl") == (
        "Verandering 2019–2024 (procentpunt)"
    )
    # a rise of a "higher is better" indicator gets the same blue-green
    income = changeview.change_view(
        store, ViewState(indicator="netto_arbeidsparticipatie", period="2024", since="2019")
    )
    assert income.classes.colors == tuple(classify.BRBG[6])


@pytest.fixture(scope="module")
def margins_store(store):
    """Unemployment with four gemeenten changed (2019 -> 2024, lower/upper as margins):
    Assen rises 4,0 (3,5-4,5) -> 5,2 (4,8-5,6): +1,2, combined margin sqrt(0,5² + 0,4²) =
    0,64, significant; Emmen falls 5,0 (4,7-5,3) -> 3,2 (2,9-3,5): −1,8 > 0,42, significant;
    Hoogeveen has no 2024 value; Meppel 4,0 (3,0-5,0) -> 4,5 (3,8-5,2): +0,5 within
    sqrt(1,0² + 0,7²) = 1,22, not significant."""
    obs = store.observations.copy()
    ind = obs["indicator_id"] == "werkloosheid"
    cases = {
        ("GM0106", "2019"): (4.0, 3.5, 4.5),
        ("GM0106", "2024"): (5.2, 4.8, 5.6),
        ("GM0114", "2019"): (5.0, 4.7, 5.3),
        ("GM0114", "2024"): (3.2, 2.9, 3.5),
        ("GM0119", "2019"): (4.0, 3.0, 5.0),
        ("GM0119", "2024"): (4.5, 3.8, 5.2),
    }
    for (code, period), (value, lower, upper) in cases.items():
        at = ind & (obs["region_code"] == code) & (obs["period"] == period)
        assert at.sum() == 1
        obs.loc[at, ["value", "lower", "upper"]] = [value, lower, upper]
    gone = ind & (obs["region_code"] == "GM0118") & (obs["period"] == "2024")
    return replace(store, observations=obs[~gone].reset_index(drop=True))


def test_rising_falling_missing_and_within_margin(margins_store):
    cv = changeview.change_view(margins_store, UNEMPLOYMENT)
    rows = by_name(cv)
    assen, emmen, hoogeveen, meppel = (
        rows.loc[n] for n in ("Assen", "Emmen", "Hoogeveen", "Meppel")
    )
    assert assen["value"] == pytest.approx(1.2)
    assert (assen["value_text"], bool(assen["significant"])) == ("+1,2 procentpunt", True)
    assert assen["color"] == cv.classes.color(1.2) and assen["color"] in classify.BRBG[6][:3]
    assert assen["tip_change"] == "Verandering: +1,2 procentpunt, gestegen (slechter)"
    assert emmen["value"] == pytest.approx(-1.8)
    assert (emmen["value_text"], bool(emmen["significant"])) == ("−1,8 procentpunt", True)
    assert emmen["color"] == "#01665e" and emmen["rank"] == 1
    assert math.isnan(hoogeveen["value"]) and pd.isna(hoogeveen["rank"])
    assert hoogeveen["color"] == classify.NO_DATA_COLOR
    assert hoogeveen["note"] == "geen gegevens in een van beide perioden"
    assert hoogeveen["value_text"] == "—"
    assert meppel["value"] == pytest.approx(0.5)
    assert not bool(meppel["significant"])
    assert meppel["color"] == classify.NOT_SIGNIFICANT_COLOR
    assert meppel["note"] == "niet significant"
    # gemeenten without margins: significance unknown, coloured as they are
    assert pd.isna(rows.loc["Coevorden", "significant"])
    # of the 11 with both values: risen Assen; fallen Emmen and the 8 without margins other
    # than Hoogeveen; Meppel not significant
    assert cv.summary == (
        "Werkloosheid 2019–2024: in 9 van de 11 gemeenten gedaald; het sterkst in Emmen "
        "(−1,8 procentpunt). Drenthe: −0,6 procentpunt, Nederland: −0,7 procentpunt. "
        "In Meppel is de verandering niet significant. "
        "Van Hoogeveen zijn geen gegevens in een van beide perioden."
    )
    items = changeview.legend_items(cv, "nl")
    assert items[-2:] == [
        (classify.NOT_SIGNIFICANT_COLOR, "niet significant"),
        (classify.NO_DATA_COLOR, "geen gegevens in een van beide perioden"),
    ]


def test_significance_by_hand():
    assert changeview.significance(4.0, 5.2, (3.5, 4.5), (4.8, 5.6)) is True
    assert changeview.significance(4.0, 4.5, (3.0, 5.0), (3.8, 5.2)) is False
    assert changeview.significance(4.0, 4.5, (None, None), (3.8, 5.2)) is None
    assert changeview.significance(None, 4.5, (3.0, 5.0), (3.8, 5.2)) is None
    # exactly on the combined margin (0,3 and 0,4 -> 0,5): not significant
    assert changeview.significance(1.0, 1.5, (0.7, 1.3), (1.1, 1.9)) is False


def test_relative_change_for_counts():
    assert changeview.change_of(200.0, 250.0, relative=True) == pytest.approx(25.0)
    assert changeview.change_of(0.0, 5.0, relative=True) is None
    assert changeview.change_of(None, 5.0, relative=False) is None
    assert changeview.change_of(3.0, 3.0, relative=False) == 0.0


def test_non_comparable_periods_are_refused_with_the_reason(store):
    # overgewicht without the catalogue's change_periods (2020, 2022): no pair at all
    ind = store.indicator("overgewicht")
    indicators = {**store.catalog.indicators, ind.id: replace(ind, change_periods=())}
    unpaired = replace(store, catalog=replace(store.catalog, indicators=indicators))
    assert changeview.change_refusal(unpaired, "overgewicht") == "change_refused_not_comparable"
    assert changeview.start_periods(unpaired, "overgewicht") == []
    assert t("change_refused_not_comparable", "nl") == (
        "Verandering over de tijd is niet beschikbaar: de perioden van deze indicator zijn "
        "niet vergelijkbaar (bijvoorbeeld enquêterondes met een gewijzigde methode of andere "
        "leeftijdsgrenzen)."
    )
    assert changeview.change_refusal(store, "vrijwilligerswerk") == "change_refused_one_period"
    assert changeview.change_refusal(store, "werkloosheid", "2013") == "change_refused_first"
    assert changeview.change_refusal(store, "tevredenheid_sociale_contacten") == (
        "change_refused_no_map"
    )
    assert changeview.change_refusal(store, "werkloosheid") is None
    assert changeview.start_periods(store, "werkloosheid", "2016") == ["2015", "2014", "2013"]
    with pytest.raises(ValueError):
        changeview.change_view(unpaired, ViewState(indicator="overgewicht", since="2020"))
    with pytest.raises(ValueError):
        changeview.change_view(store, replace(UNEMPLOYMENT, since="2024"))


def test_table_has_start_end_change_and_significance(margins_store):
    cv = changeview.change_view(margins_store, UNEMPLOYMENT)
    table = changeview.table_frame(cv, margins_store.catalog, "nl")
    assert list(table.columns) == [
        "Gemeente",
        "2019 (%)",
        "2024 (%)",
        "Verandering (procentpunt)",
        "Verandering (tekst)",
        "Plaats",
        "Significantie",
        "Opmerking",
    ]
    first = table.iloc[0].tolist()
    assert first[:7] == ["Emmen", 5.0, 3.2, -1.8, "−1,8 procentpunt", 1, "significant"]
    meppel = table.set_index("Gemeente").loc["Meppel"]
    assert meppel["Significantie"] == "niet significant" and meppel["Opmerking"] == ""
    hoogeveen = table.set_index("Gemeente").loc["Hoogeveen"]
    assert pd.isna(hoogeveen["2024 (%)"]) and pd.isna(hoogeveen["Plaats"])
    assert hoogeveen["Opmerking"] == "geen gegevens in een van beide perioden"
    assert table.iloc[-2].tolist()[:5] == ["Drenthe", 4.0, 3.4, -0.6, "−0,6 procentpunt"]
    assert table.iloc[-1].tolist()[0] == "Nederland"


def test_summary_counts_risen_and_names_ties():
    class Stub:  # the sentence reads only label, decimals and unit of an indicator
        unit, decimals, direction = "percent", 1, -1

        def label(self, lang: str) -> str:
            return "Werkloosheid"

    ind = Stub()
    table = {
        "region_code": ["A", "B", "C", "D"],
        "name": ["Assen", "Beilen", "Coevorden", "Dalen"],
        "value": [0.3, 0.5, 0.5, -0.1],
        "significant": [None, None, None, None],
    }
    text = sentences.change_summary(table, ind, None, "2019", "2024", "nl")  # type: ignore[arg-type]
    assert text == (
        "Werkloosheid 2019–2024: in 3 van de 4 gemeenten gestegen; het sterkst in Beilen en "
        "Coevorden (+0,5 procentpunt)."
    )
    flat = {**table, "value": [0.0, 0.04, -0.04, 0.0]}
    assert sentences.change_summary(flat, ind, None, "2019", "2024", "nl") == (  # type: ignore[arg-type]
        "Werkloosheid 2019–2024: in alle 4 gemeenten gelijk gebleven."
    )


def test_slope_frame_and_chart(store):
    cv = changeview.change_view(store, UNEMPLOYMENT)
    frame = changeview.slope_frame(cv, store.catalog, ("GM0114",), "nl")
    assert len(frame) == 2 * 12 + 2 * 2
    emmen = frame[frame["region_code"] == "GM0114"]
    assert emmen["kind"].unique().tolist() == ["selected"]
    assert emmen["value"].tolist() == [4.7, 3.7]
    refs = frame[frame["kind"].isin(["drenthe", "nederland"])]
    assert refs["value_text"].tolist() == ["4,0%", "3,4%", "4,4%", "3,7%"]
    chart = charts.slope_chart(frame, "%", "nl", description=cv.summary)
    spec = chart.to_dict()  # validates against the Vega-Lite schema
    assert spec["description"] == cv.summary


def test_static_change_map_png_and_svg(store, settings):
    from datetime import date

    from dashboard.config import check_folder
    from dashboard.model import geo
    from dashboard.render import images, maps

    areas = maps.feature_collection(
        geo.load_gemeenten(check_folder(settings, "geo_dir"), "drenthe", store.gebieden)
    )
    cv = changeview.change_view(store, UNEMPLOYMENT)
    chart = static_map.change_map_chart(
        cv, areas, "nl", date(2025, 1, 31), unit_label="procentpunt"
    )
    spec = chart.to_dict()  # validates
    assert spec["description"] == cv.summary
    assert spec["title"]["subtitle"] == "Verandering 2019–2024 · Drenthe"
    svg = images.image_bytes(chart, "svg").decode()
    assert "Verandering 2019–2024 (procentpunt)" in svg and "Bron: CBS" in svg
    assert images.image_bytes(chart, "png").startswith(b"\x89PNG")


# --- the kind of change: eenheid | relatief (?verandering=) ---------------------------------


def test_relative_unemployment_2019_2024_by_hand(store):
    """Relative: (end − start) / start × 100 from the same 86088NED rows: Emmen (3,7 − 4,7) /
    4,7 = −21,28%, Noordenveld 3,9 -> 3,0: −23,08% (the largest fall, rank 1), Hoogeveen
    (3,6 − 3,8) / 3,8 = −5,26%, Drenthe (3,4 − 4,0) / 4,0 = −15,0%, Nederland −15,91%."""
    cv = changeview.change_view(store, replace(UNEMPLOYMENT, change_kind="relatief"))
    rows = by_name(cv)
    assert (cv.relative, cv.kind) == (True, "relatief")
    assert rows.loc["Emmen", "value"] == pytest.approx(-21.276596, abs=1e-6)
    assert rows.loc["Emmen", "value_text"] == "−21,3%"
    assert rows.loc["Noordenveld", ["value_text", "rank"]].tolist() == ["−23,1%", 1]
    assert rows.loc["Hoogeveen", ["value_text", "rank"]].tolist() == ["−5,3%", 12]
    assert cv.drenthe_change == pytest.approx(-15.0)
    assert cv.nederland_change == pytest.approx(-15.909091, abs=1e-6)
    assert changeview.legend_title(cv, store.catalog, "nl") == (
        "Verandering 2019–2024 (% van de beginwaarde)"
    )
    assert changeview.legend_title(cv, store.catalog, "en") == (
        "Change 2019–2024 (% of the start value)"
    )
    assert cv.summary == (
        "Werkloosheid 2019–2024 (relatieve verandering): in alle 12 gemeenten gedaald; het "
        "sterkst in Noordenveld (−23,1%). Drenthe: −15,0%, Nederland: −15,9%."
    )
    table = changeview.table_frame(cv, store.catalog, "nl")
    assert table.columns[3] == "Verandering (% van de beginwaarde)"
    emmen = table.set_index("Gemeente").loc["Emmen"]
    assert emmen.iloc[:4].tolist() == [4.7, 3.7, -21.3, "−21,3%"]
    # the same view in the unit (the default of a percentage): percentage points, as before
    unit = changeview.change_view(store, replace(UNEMPLOYMENT, change_kind="eenheid"))
    assert unit.table.equals(changeview.change_view(store, UNEMPLOYMENT).table)
    assert (unit.relative, unit.kind) == (False, "eenheid")


def test_the_default_kind_is_relative_for_counts_only(store):
    count = store.indicator("tabel1_lage_inkomensgrens_aantal")
    share = store.indicator("werkloosheid")
    assert (count.unit, share.unit) == ("count", "percent")
    assert changeview.default_kind(count) == "relatief"
    assert changeview.default_kind(share) == "eenheid"
    assert changeview.relative_for(count, None) is True
    assert changeview.relative_for(count, "eenheid") is False
    assert changeview.relative_for(share, None) is False
    assert changeview.relative_for(share, "relatief") is True


@pytest.fixture(scope="module")
def zero_start_store(store):
    """Unemployment with Assen's 2019 value set to 0 (from 3,8 in 2024)."""
    obs = store.observations.copy()
    at = (
        (obs["indicator_id"] == "werkloosheid")
        & (obs["region_code"] == "GM0106")
        & (obs["period"] == "2019")
    )
    assert at.sum() == 1
    obs.loc[at, "value"] = 0.0
    return replace(store, observations=obs)


def test_a_relative_change_from_zero_is_no_data_with_its_reason(zero_start_store):
    cv = changeview.change_view(zero_start_store, replace(UNEMPLOYMENT, change_kind="relatief"))
    assen = by_name(cv).loc["Assen"]
    assert math.isnan(assen["value"]) and pd.isna(assen["rank"])
    assert (assen["value_text"], assen["color"]) == ("—", classify.NO_DATA_COLOR)
    assert (
        assen["note"]
        == "geen gegevens: de beginwaarde is 0 of lager, dus geen relatieve verandering"
    )
    assert assen["tip_note"] == assen["note"]
    assert cv.table["value"].dropna().map(math.isfinite).all()  # never inf
    assert changeview.legend_items(cv, "nl")[-1] == (
        classify.NO_DATA_COLOR,
        "geen gegevens: beginwaarde 0, geen relatieve verandering",
    )
    assert cv.summary.endswith(
        "Van Assen is geen relatieve verandering te berekenen: de beginwaarde is 0 of lager."
    )
    assert "in alle 11 gemeenten gedaald" in cv.summary
    en = changeview.change_view(
        zero_start_store, replace(UNEMPLOYMENT, change_kind="relatief", lang="en")
    )
    table = changeview.table_frame(en, zero_start_store.catalog, "en").set_index("Municipality")
    assert pd.isna(table.loc["Assen"].iloc[2])
    assert table.loc["Assen", "Note"] == (
        "no data: the start value is 0 or below, so no relative change"
    )
    # in the unit the change from 0 is an ordinary one: +3,8 procentpunt
    unit = by_name(changeview.change_view(zero_start_store, UNEMPLOYMENT)).loc["Assen"]
    assert (unit["value_text"], unit["note"]) == ("+3,8 procentpunt", "")


# --- "niet significant" on real margins: the Gezondheidsmonitor's 2020 and 2022 rounds --------

SPORT = ViewState(indicator="wekelijks_sporten", since="2020")


def test_the_health_rounds_2020_and_2022_pair_and_2016_does_not(store):
    assert store.indicator("wekelijks_sporten").change_periods == ("2020", "2022")
    assert changeview.pairable_periods(store, "wekelijks_sporten") == ["2020", "2022"]
    assert changeview.start_periods(store, "wekelijks_sporten") == ["2020"]
    assert changeview.change_refusal(store, "wekelijks_sporten") is None
    # the 2016 round (aged 19 and over) is not paired: as an end or as a start
    assert changeview.change_refusal(store, "wekelijks_sporten", "2016") == "change_refused_period"
    assert changeview.change_refusal(store, "wekelijks_sporten", "2020") == "change_refused_first"
    with pytest.raises(ValueError):
        changeview.change_view(store, replace(SPORT, since="2016"))


def test_real_margins_make_a_change_not_significant(store):
    """By hand from 85012NED (2020) and 85563NED (2022), WekelijksSporter_13 /
    WekelijkseSporters_11, rows Waarde, Ondergrens and Bovengrens 95%-interval, margin m =
    (upper − lower) / 2, combined sqrt(m2020² + m2022²):
    Emmen 36,4 (31,8-41,3) -> 42,9 (38,6-47,3): +6,5 > sqrt(4,75² + 4,35²) = 6,44, significant;
    Meppel 46,3 (41,9-50,9) -> 54,1 (49,5-58,6): +7,8 > sqrt(4,5² + 4,55²) = 6,40, significant;
    Assen 45,3 (40,6-50,2) -> 49,0 (44,6-53,4): +3,7 <= sqrt(4,8² + 4,4²) = 6,51, not;
    Borger-Odoorn 40,5 (35,9-45,2) -> 46,5 (42,5-50,7): +6,0 <= sqrt(4,65² + 4,1²) = 6,20, not;
    Hoogeveen 44,6 (39,4-49,9) -> 42,4 (38,1-46,8): −2,2, not. Drenthe 44,5 -> 48,0,
    Nederland 50,8 -> 53,6."""
    cv = changeview.change_view(store, SPORT)
    rows = by_name(cv)
    assert rows.loc["Emmen", ["start", "start_lower", "start_upper"]].tolist() == [36.4, 31.8, 41.3]
    assert rows.loc["Emmen", ["end", "end_lower", "end_upper"]].tolist() == [42.9, 38.6, 47.3]
    for name, change, significant in (
        ("Emmen", 6.5, True),
        ("Meppel", 7.8, True),
        ("Assen", 3.7, False),
        ("Borger-Odoorn", 6.0, False),
        ("Hoogeveen", -2.2, False),
    ):
        assert rows.loc[name, "value"] == pytest.approx(change), name
        assert bool(rows.loc[name, "significant"]) is significant, name
    assert rows.loc["Assen", "color"] == classify.NOT_SIGNIFICANT_COLOR
    assert rows.loc["Assen", "note"] == "niet significant"
    assert rows.loc["Assen", "tip_note"] == "niet significant"
    assert rows.loc["Emmen", "color"] == cv.classes.color(6.5)
    assert int(cv.table["significant"].eq(False).sum()) == 10
    assert cv.drenthe == (44.5, 48.0) and cv.nederland == (50.8, 53.6)
    assert cv.summary == (
        "Wekelijks sporten 2020–2022: in 2 van de 12 gemeenten gestegen; het sterkst in "
        "Meppel (+7,8 procentpunt). Drenthe: +3,5 procentpunt, Nederland: +2,8 procentpunt. "
        "In 10 gemeenten is de verandering niet significant."
    )
    assert (classify.NOT_SIGNIFICANT_COLOR, "niet significant") in changeview.legend_items(cv, "nl")
    table = changeview.table_frame(cv, store.catalog, "nl").set_index("Gemeente")
    assert table.loc["Assen", "Significantie"] == "niet significant"
    assert table.loc["Emmen", "Significantie"] == "significant"
    # significance is of the difference, whatever unit it is shown in
    relative = changeview.change_view(store, replace(SPORT, change_kind="relatief"))
    assert relative.table["significant"].tolist() == cv.table["significant"].tolist()
    assert by_name(relative).loc["Emmen", "value_text"] == "+17,9%"  # 6,5 / 36,4


def test_static_relative_change_map(store, settings):
    from datetime import date

    from dashboard.config import check_folder
    from dashboard.model import geo
    from dashboard.render import images, maps

    areas = maps.feature_collection(
        geo.load_gemeenten(check_folder(settings, "geo_dir"), "drenthe", store.gebieden)
    )
    cv = changeview.change_view(store, replace(UNEMPLOYMENT, change_kind="relatief"))
    unit = changeview.change_unit(cv, store.catalog, "nl")
    chart = static_map.change_map_chart(cv, areas, "nl", date(2025, 1, 31), unit_label=unit)
    spec = chart.to_dict()
    assert spec["description"] == cv.summary
    svg = images.image_bytes(chart, "svg").decode()
    assert "Verandering 2019–2024 (% van de beginwaarde)" in svg
    assert "&lt; −20,0%" in svg  # the relative classes in the legend
