"""Gemeenteprofiel: rows, ranks, percentiles, changes, theme scores, summary and similar
gemeenten. Expected values are read by hand from the raw CBS files in ../shared/data/cbs
(86004NED, 86088NED, 85563NED), from gebieden_2025.csv and from the Sociale Agenda CSV."""

from __future__ import annotations

import csv
import dataclasses
import math
import statistics

import pandas as pd
import pytest

from dashboard.model import geo
from dashboard.views.profile import (
    PROFILE_COLUMNS,
    SIMILAR_COLUMNS,
    THEME_SCORE_COLUMNS,
    compare_with_similar,
    percentile,
    profile_display,
    profile_summary,
    profile_table,
    scope_rank,
    similar_gemeenten,
    theme_scores,
)

TYNAARLO, EMMEN, WESTERVELD = "GM1730", "GM0114", "GM1701"

# 86004NED, MediaanGestandaardiseerdInkomen_4 (x 1 000 euro), Perioden 2023, the 12 Drenthe
# gemeenten, copied from the raw file (and re-read from it in test_hand_values_match_raw_file)
MEDIAN_INCOME_2023 = {
    "Aa en Hunze": 36.3,
    "Assen": 33.1,
    "Borger-Odoorn": 34.1,
    "Coevorden": 33.6,
    "Emmen": 31.4,
    "Hoogeveen": 31.9,
    "Meppel": 33.7,
    "Midden-Drenthe": 35.1,
    "Noordenveld": 35.4,
    "Tynaarlo": 38.2,
    "Westerveld": 35.1,
    "De Wolden": 36.5,
}
# 86088NED, Werkloosheidspercentage_13 (%), Perioden 2024
UNEMPLOYMENT_2024 = {
    "Aa en Hunze": 3.0,
    "Assen": 3.8,
    "Borger-Odoorn": 3.1,
    "Coevorden": 3.4,
    "Emmen": 3.7,
    "Hoogeveen": 3.6,
    "Meppel": 3.6,
    "Midden-Drenthe": 2.9,
    "Noordenveld": 3.0,
    "Tynaarlo": 2.9,
    "Westerveld": 2.9,
    "De Wolden": 2.7,
}
# gebieden_2025.csv, inwoners
INWONERS = {
    "Aa en Hunze": 25936,
    "Assen": 70395,
    "Borger-Odoorn": 26052,
    "Coevorden": 35868,
    "Emmen": 109698,
    "Hoogeveen": 56917,
    "Meppel": 36288,
    "Midden-Drenthe": 34021,
    "Noordenveld": 31772,
    "Tynaarlo": 35013,
    "Westerveld": 19987,
    "De Wolden": 24665,
}


def raw_rows(settings, table: str) -> list[dict[str, str]]:
    with (settings.cbs_dir / f"{table}.csv").open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh, delimiter=";"))


def gemeente_rows(rows: list[dict[str, str]], period: str) -> list[dict[str, str]]:
    """Rows of gemeenten (not Nederland, provinces or COROP regions) in one period."""
    return [
        r
        for r in rows
        if r["Perioden"] == period
        and r["RegioS"] != "Nederland"
        and not r["RegioS"].endswith(("(PV)", "(CR)"))
    ]


@pytest.fixture(scope="module")
def drenthe(store) -> list[str]:
    return geo.scope_codes(store.gebieden, "drenthe")


@pytest.fixture(scope="module")
def tynaarlo(store, drenthe) -> pd.DataFrame:
    return profile_table(store, TYNAARLO, drenthe).set_index("indicator_id", drop=False)


@pytest.fixture(scope="module")
def emmen(store, drenthe) -> pd.DataFrame:
    return profile_table(store, EMMEN, drenthe).set_index("indicator_id", drop=False)


@pytest.fixture(scope="module")
def westerveld(store, drenthe) -> pd.DataFrame:
    return profile_table(store, WESTERVELD, drenthe).set_index("indicator_id", drop=False)


def rank_by_hand(values: dict[str, float], name: str, higher_is_better: bool) -> int:
    """1 + the number of gemeenten strictly better (ties share the better rank)."""
    own = values[name]
    better = [v for v in values.values() if (v > own if higher_is_better else v < own)]
    return 1 + len(better)


# --- the hand values are the raw file's ---------------------------------------------------


def test_hand_values_match_raw_file(settings):
    income = {
        r["RegioS"]: float(r["MediaanGestandaardiseerdInkomen_4"])
        for r in raw_rows(settings, "86004NED")
        if r["Perioden"] == "2023" and r["RegioS"] in MEDIAN_INCOME_2023
    }
    assert income == MEDIAN_INCOME_2023
    unemployment = {
        r["RegioS"]: float(r["Werkloosheidspercentage_13"])
        for r in raw_rows(settings, "86088NED")
        if r["Perioden"] == "2024" and r["RegioS"] in UNEMPLOYMENT_2024
    }
    assert unemployment == UNEMPLOYMENT_2024
    with (settings.cbs_dir / "gebieden_2025.csv").open(encoding="utf-8-sig") as fh:
        inwoners = {
            r["gemeente_naam"]: int(r["inwoners"])
            for r in csv.DictReader(fh)
            if r["provincie_code"] == "PV22"
        }
    assert inwoners == INWONERS


# --- rows, order and availability ---------------------------------------------------------


def test_columns_and_order(tynaarlo, store):
    assert list(tynaarlo.columns) == PROFILE_COLUMNS
    themes = [store.catalog.themes[t]["order"] for t in tynaarlo["theme"]]
    assert themes == sorted(themes)
    # Materiële welvaart: hier en nu in catalogue order (cbs.toml before sociale_agenda.toml),
    # then 'later'
    first = tynaarlo[tynaarlo["theme"] == "materiele_welvaart"]["indicator_id"].tolist()
    assert first == [
        "inkomen_gestandaardiseerd_mediaan",
        "inkomen_besteedbaar_gemiddeld",
        "huishoudens_laagste_inkomensgroep",
        "betalingsachterstand_zorgpremie",
        "problematische_schulden",
        "vermogen_mediaan",
    ]


def test_regional_indicators_left_out_unless_asked(tynaarlo, store, drenthe):
    assert not tynaarlo["indicator_id"].str.startswith("tabel1_").any()
    assert "tevredenheid_met_leven" not in tynaarlo.index  # Drenthe only
    assert set(tynaarlo["availability"]) == {"value"}
    full = profile_table(store, TYNAARLO, drenthe, include_regional=True)
    assert len(full) == len(store.catalog)
    regional = full[full["availability"] == "region_only"].set_index("indicator_id")
    assert "tabel1_bijstand" in regional.index
    row = regional.loc["tevredenheid_met_leven"]
    assert math.isnan(row["value"])
    assert row["availability_text"] == "Alleen voor regio's of heel Drenthe gepubliceerd"
    assert row["drenthe"] == 8.0  # Sociale Agenda, afbeelding 1


def test_missing_gemeente_value_stays_visible(westerveld):
    # Westerveld has no volunteering figure (footnote of Afbeelding 2)
    row = westerveld.loc["vrijwilligerswerk"]
    assert row["availability"] == "missing"
    assert row["availability_text"] == "Geen waarde voor deze gemeente"
    assert math.isnan(row["value"]) and row["value_text"] == "—"
    assert (row["period"], row["drenthe"], row["nederland"]) == ("2023", 52.6, 48.7)
    assert pd.isna(row["rank"]) and pd.isna(row["judgement_drenthe"])


def test_unknown_gemeente(store, drenthe):
    with pytest.raises(KeyError):
        profile_table(store, "GM9999", drenthe)


# --- values, references, differences --------------------------------------------------------


def test_median_income_row_tynaarlo(tynaarlo):
    row = tynaarlo.loc["inkomen_gestandaardiseerd_mediaan"]
    assert (row["period"], row["value"], row["value_text"]) == ("2023", 38.2, "€ 38,2 duizend")
    # 86004NED 2023: Drenthe (PV) 33.6, Nederland 34.0
    assert (row["drenthe"], row["nederland"], row["drenthe_status"]) == (33.6, 34.0, "")
    assert row["diff_drenthe"] == pytest.approx(38.2 - 33.6)
    assert row["diff_drenthe_text"] == "+€ 4,6 duizend"
    assert row["vs_drenthe"] == "hoger (beter)"
    assert row["judgement_drenthe"] == "better"
    assert row["diff_nederland_text"] == "+€ 4,2 duizend"
    assert bool(row["is_latest"]) and not bool(row["survey"])


def test_unemployment_row_emmen(emmen):
    row = emmen.loc["werkloosheid"]
    assert (row["period"], row["value"]) == ("2024", UNEMPLOYMENT_2024["Emmen"])
    # 86088NED 2024: Drenthe (PV) 3.4, Nederland 3.7
    assert (row["drenthe"], row["nederland"]) == (3.4, 3.7)
    assert row["diff_drenthe_text"] == "+0,3 procentpunt"
    assert row["vs_drenthe"] == "hoger (slechter)"
    assert row["judgement_drenthe"] == "worse"
    assert row["vs_nederland"] == "gelijk"
    assert row["judgement_nederland"] == "equal"
    assert bool(row["survey"])  # Enquête beroepsbevolking


def test_drenthe_is_computed_where_the_source_has_none(store, drenthe):
    # Drop the published Drenthe rows of werkloosheid: Drenthe becomes the mean of its 12
    # gemeenten weighted by inwoners 2025 (aggregation mean_population).
    obs = store.observations
    keep = ~((obs["indicator_id"] == "werkloosheid") & (obs["region_code"] == "PV22"))
    without = dataclasses.replace(store, observations=obs[keep].reset_index(drop=True))
    row = profile_table(without, EMMEN, drenthe).set_index("indicator_id").loc["werkloosheid"]
    expected = sum(INWONERS[g] * UNEMPLOYMENT_2024[g] for g in INWONERS) / sum(INWONERS.values())
    assert row["drenthe"] == pytest.approx(expected, abs=1e-12)
    assert row["drenthe_status"] == "computed"


# --- rank -------------------------------------------------------------------------------------


def test_rank_direction_aware_and_checked_by_hand(tynaarlo, emmen):
    income = tynaarlo.loc["inkomen_gestandaardiseerd_mediaan"]
    assert (income["rank"], income["rank_of"]) == (
        rank_by_hand(MEDIAN_INCOME_2023, "Tynaarlo", True),
        12,
    )
    assert income["rank"] == 1  # 38.2 is the highest of the twelve
    assert income["rank_text"] == "1 van 12 (1 = beste)"
    assert emmen.loc["inkomen_gestandaardiseerd_mediaan", "rank"] == 12  # 31.4, the lowest
    # unemployment, lower is better: Emmen 3.7 is beaten by ten gemeenten (only Assen's 3.8
    # is higher), so rank 11
    assert emmen.loc["werkloosheid", "rank"] == rank_by_hand(UNEMPLOYMENT_2024, "Emmen", False)
    assert emmen.loc["werkloosheid", "rank"] == 11


def test_tied_values_share_the_better_rank(store, drenthe):
    # Midden-Drenthe and Westerveld both have 35.1: ranks 5 and 5 (after 38.2, 36.5, 36.3,
    # 35.4); Borger-Odoorn (34.1) is then 7th.
    ranks = {}
    for code in ("GM1731", WESTERVELD, "GM1681"):
        rows = profile_table(store, code, drenthe).set_index("indicator_id")
        ranks[code] = rows.loc["inkomen_gestandaardiseerd_mediaan", "rank"]
    assert ranks == {"GM1731": 5, WESTERVELD: 5, "GM1681": 7}


def test_no_rank_for_a_few_quoted_gemeenten(tynaarlo):
    # vertrouwen_in_anderen: the report names only Emmen (lowest) and Tynaarlo (highest)
    row = tynaarlo.loc["vertrouwen_in_anderen"]
    assert row["value"] == 76.1
    assert pd.isna(row["rank"]) and row["rank_of"] == 2 and row["rank_text"] == ""
    # volunteering: 11 of 12; De Wolden 61.3 and Aa en Hunze 58.9 are above Tynaarlo's 58.5
    vrijwilligers = tynaarlo.loc["vrijwilligerswerk"]
    assert (vrijwilligers["rank"], vrijwilligers["rank_of"]) == (3, 11)


def test_scope_rank_outside_scope_and_sparse():
    values = pd.Series({"A": 1.0, "B": 2.0, "C": 3.0, "D": 4.0})
    assert scope_rank(values, "B", -1, ["A", "B", "C", "D"]) == (2, 4)
    assert scope_rank(values, "B", 1, ["A", "B", "C", "D"]) == (3, 4)
    assert scope_rank(values, "D", 1, ["A", "B"]) == (None, 2)
    assert scope_rank(values, "A", 1, ["A", "X", "Y", "Z", "Q"]) == (None, 1)  # 1 of 5


# --- percentile -------------------------------------------------------------------------------


def test_percentile_definition():
    values = pd.Series({"A": 10.0, "B": 20.0, "C": 20.0, "D": 30.0, "E": 40.0})
    # B: one worse (A), one equal (C): (1 + 0.5) / 4
    assert percentile(values, "B", 1) == pytest.approx(37.5)
    assert percentile(values, "E", 1) == 100.0
    assert percentile(values, "E", -1) == 0.0
    assert percentile(values, "A", -1) == 100.0
    assert percentile(values, "D", 0) == 75.0  # neutral: position from low to high
    assert percentile(pd.Series({"A": 1.0}), "A", 1) is None
    assert percentile(values, "Z", 1) is None


def test_percentile_among_all_gemeenten_from_raw_file(tynaarlo, settings):
    rows = gemeente_rows(raw_rows(settings, "86004NED"), "2023")
    cells = [r["MediaanGestandaardiseerdInkomen_4"] for r in rows]
    values = [float(v) for v in cells if v]  # an empty cell is no value
    own = MEDIAN_INCOME_2023["Tynaarlo"]
    worse = sum(v < own for v in values)
    equal = sum(v == own for v in values) - 1
    row = tynaarlo.loc["inkomen_gestandaardiseerd_mediaan"]
    assert row["percentile_of"] == len(values) == 339  # Rozendaal, Schiermonnikoog, Vlieland
    assert row["percentile"] == pytest.approx(100 * (worse + equal / 2) / (len(values) - 1))
    assert row["percentile_text"] == "beter dan 87% van de gemeenten in Nederland"


def test_no_national_percentile_for_drenthe_only_figures(tynaarlo):
    row = tynaarlo.loc["vrijwilligerswerk"]
    assert math.isnan(row["percentile"]) and row["percentile_text"] == ""


# --- change since the previous period -------------------------------------------------------


def test_change_since_previous_period(tynaarlo, emmen):
    income = tynaarlo.loc["inkomen_gestandaardiseerd_mediaan"]
    # 86004NED Tynaarlo: 2022 35.6, 2023 38.2
    assert income["previous_period"] == "2022"
    assert income["change"] == pytest.approx(38.2 - 35.6)
    assert income["change_text"] == "+€ 2,6 duizend"
    assert (income["trend"], income["trend_text"]) == ("better", "↑ beter")
    # 86088NED Emmen werkloosheid: 2023 3.5, 2024 3.7 (lower is better)
    unemployment = emmen.loc["werkloosheid"]
    assert (unemployment["trend"], unemployment["trend_text"]) == ("worse", "↑ slechter")


def test_no_trend_for_incomparable_periods(tynaarlo):
    row = tynaarlo.loc["ervaren_gezondheid_goed"]  # comparable = false (Gezondheidsmonitor)
    assert row["previous_period"] == "2020"
    assert pd.isna(row["trend"]) and math.isnan(row["change"])
    assert row["trend_text"] == "niet vergelijkbaar met de vorige periode"
    only_one = tynaarlo.loc["psychische_klachten"]  # only 2022
    assert pd.isna(only_one["previous_period"]) and only_one["trend_text"] == ""


# --- survey margins ---------------------------------------------------------------------------


def test_drenthe_inside_the_margin(tynaarlo):
    # 85563NED Tynaarlo 2022: psychische klachten 15.6 [12.7; 19.1], Drenthe 17.1: inside;
    # overgewicht 49.2 [45.2; 53.3], Drenthe 57.0: outside
    klachten = tynaarlo.loc["psychische_klachten"]
    assert (klachten["lower"], klachten["upper"], klachten["drenthe"]) == (12.7, 19.1, 17.1)
    assert klachten["drenthe_in_margin"] is True
    assert tynaarlo.loc["overgewicht", "drenthe_in_margin"] is False
    assert tynaarlo.loc["werkloosheid", "drenthe_in_margin"] is None  # no margins published


# --- English ----------------------------------------------------------------------------------


def test_english_texts(store, drenthe):
    rows = profile_table(store, TYNAARLO, drenthe, "en").set_index("indicator_id")
    row = rows.loc["inkomen_gestandaardiseerd_mediaan"]
    assert row["label"] == "Median standardised income"
    assert row["value_text"] == "€38.2 thousand"
    assert row["vs_drenthe"] == "higher (better)"
    assert row["rank_text"] == "1 of 12 (1 = best)"
    assert row["percentile_text"] == "better than 87% of municipalities in the Netherlands"
    assert row["trend_text"] == "↑ better"


# --- theme scores and summary (synthetic profile, exact arithmetic) -------------------------


def synthetic_profile() -> pd.DataFrame:
    rows = [
        # theme, label, direction, percentile, judgement, survey, in margin
        ("materiele_welvaart", "Materiële welvaart", 1, 80.0, "better", False, None),
        ("materiele_welvaart", "Materiële welvaart", -1, 60.0, "better", True, True),
        ("materiele_welvaart", "Materiële welvaart", 0, 50.0, None, False, None),
        ("wonen", "Wonen", -1, 20.0, "worse", True, False),
        ("wonen", "Wonen", 1, 40.0, "equal", False, None),
        ("sociaal", "Sociaal", 1, math.nan, "worse", False, None),
    ]
    frame = pd.DataFrame(
        [
            {
                "theme": th,
                "theme_label": label,
                "direction": d,
                "percentile": p,
                "judgement_drenthe": j,
                "survey": s,
                "drenthe_in_margin": m,
                "availability": "value",
            }
            for th, label, d, p, j, s, m in rows
        ]
    )
    return frame.reindex(columns=PROFILE_COLUMNS)


def test_theme_scores_exact():
    scores = theme_scores(synthetic_profile()).set_index("theme")
    assert list(scores.reset_index().columns) == THEME_SCORE_COLUMNS
    assert list(scores.index) == ["materiele_welvaart", "wonen", "sociaal"]
    mw = scores.loc["materiele_welvaart"]
    assert (mw["n_indicators"], mw["n_values"], mw["n_scored"]) == (3, 3, 2)
    assert mw["mean_percentile"] == 70.0  # (80 + 60) / 2; the neutral row does not count
    assert (mw["n_better"], mw["n_equal"], mw["n_worse"], mw["balance"]) == (2, 0, 0, 1.0)
    wonen = scores.loc["wonen"]
    assert wonen["mean_percentile"] == 30.0
    assert (wonen["share_better"], wonen["balance"]) == (0.0, -0.5)
    sociaal = scores.loc["sociaal"]
    assert sociaal["n_scored"] == 0 and math.isnan(sociaal["mean_percentile"])
    assert sociaal["balance"] == -1.0


def test_theme_scores_with_catalog_lists_every_theme(store):
    scores = theme_scores(synthetic_profile(), store.catalog)
    assert scores["theme"].tolist()[:3] == [
        "subjectief_welzijn",
        "materiele_welvaart",
        "gezondheid",
    ]
    assert len(scores) == len(store.catalog.themes)
    empty = scores.set_index("theme").loc["subjectief_welzijn"]
    assert empty["n_indicators"] == 0 and math.isnan(empty["balance"])


def test_summary_exact_dutch_and_english():
    profile = synthetic_profile()
    scores = theme_scores(profile)
    assert profile_summary(profile, scores, "Testdorp") == (
        "Van de 5 indicatoren waarbij hoger of lager duidelijk beter is, scoort Testdorp er 2 "
        "beter dan Drenthe, 2 slechter en 1 gelijk. Relatief het sterkst is Testdorp op "
        "materiële welvaart (2 van 2 beter dan Drenthe), het zwakst op sociaal (1 van 1 "
        "slechter). Let op: 2 van deze cijfers komen uit enquêtes (steekproeven); kleine "
        "verschillen zijn daarbij mogelijk niet significant. Bij 1 daarvan ligt de waarde van "
        "Drenthe binnen de 95%-foutmarge van Testdorp."
    )
    english = profile_summary(profile, scores, "Testdorp", "en")
    assert english.startswith(
        "Of the 5 indicators where higher or lower is clearly better, Testdorp scores better "
        "than Drenthe on 2, worse on 2 and equal on 1."
    )


def test_summary_always_cautions(tynaarlo):
    no_surveys = synthetic_profile().assign(survey=False)
    text = profile_summary(no_surveys, theme_scores(no_surveys), "Testdorp")
    assert text.endswith("cijfers uit enquêtes hebben een foutmarge.")
    real = profile_summary(tynaarlo, theme_scores(tynaarlo), "Tynaarlo")
    assert "niet significant" in real


def test_real_scores_count_the_rows(tynaarlo):
    scores = theme_scores(tynaarlo)
    directional = tynaarlo[tynaarlo["direction"] != 0]
    for verdict in ("better", "equal", "worse"):
        assert scores[f"n_{verdict}"].sum() == (directional["judgement_drenthe"] == verdict).sum()
    assert scores["n_indicators"].sum() == len(tynaarlo)


# --- display ----------------------------------------------------------------------------------


def test_profile_display_headers(tynaarlo):
    shown = profile_display(tynaarlo)
    assert list(shown.columns) == [
        "Thema",
        "Indicator",
        "Periode",
        "Waarde",
        "Drenthe",
        "Ten opzichte van Drenthe",
        "Nederland",
        "Ten opzichte van Nederland",
        "Plaats in het kaartgebied",
        "Positie in Nederland",
        "Sinds vorige periode",
        "Opmerking",
    ]
    # Sociale Agenda approximation ('één op de twintig') is marked
    note = shown.loc[tynaarlo["indicator_id"].eq("problematische_schulden").to_numpy()]
    assert note["Opmerking"].iloc[0] == "benadering"


# --- similar gemeenten ------------------------------------------------------------------------


def gebieden_csv(settings) -> list[dict[str, str]]:
    with (settings.cbs_dir / "gebieden_2025.csv").open(encoding="utf-8-sig") as fh:
        return list(csv.DictReader(fh))


def test_similar_gemeenten_tynaarlo(store, settings):
    result = similar_gemeenten(store.gebieden, TYNAARLO)
    assert list(result.columns) == SIMILAR_COLUMNS
    # Read by hand from gebieden_2025.csv: Tynaarlo has 35013 inwoners, stedelijkheid 4.
    # Class-4 gemeenten nearest in population: Berg en Dal 35556, Hof van Twente 35669,
    # Lochem 34314, Beekdaelen 35817, Coevorden 35868 (next: Twenterand 34115). One class
    # step weighs far more than these differences, so no other class comes near.
    assert result["gemeente_code"].tolist() == ["GM1945", "GM1735", "GM0262", "GM1954", "GM0109"]
    assert result["inwoners"].tolist() == [35556, 35669, 34314, 35817, 35868]
    assert set(result["stedelijkheid_code"]) == {4}
    logs = [math.log(int(r["inwoners"])) for r in gebieden_csv(settings)]
    expected = abs(math.log(35556 / 35013)) / statistics.pstdev(logs)
    assert result["distance"].iloc[0] == pytest.approx(expected, rel=1e-12)


def test_similar_gemeenten_is_deterministic_and_excludes_itself(store):
    first = similar_gemeenten(store.gebieden, EMMEN, n=8)
    assert EMMEN not in first["gemeente_code"].tolist()
    assert first["distance"].is_monotonic_increasing
    shuffled = store.gebieden.sample(frac=1, random_state=1)
    again = similar_gemeenten(shuffled, EMMEN, n=8)
    assert again["gemeente_code"].tolist() == first["gemeente_code"].tolist()
    with pytest.raises(KeyError):
        similar_gemeenten(store.gebieden, "GM9999")


def test_compare_with_similar(store, tynaarlo, settings):
    peers = similar_gemeenten(store.gebieden, TYNAARLO)["gemeente_code"].tolist()
    result = compare_with_similar(store, tynaarlo, peers).set_index("indicator_id")
    row = result.loc["inkomen_gestandaardiseerd_mediaan"]
    # 86004NED 2023: Berg en Dal 33.9, Hof van Twente 35.5, Lochem 36.4, Beekdaelen 35.2,
    # Coevorden 33.6
    names = {"Berg en Dal", "Hof van Twente", "Lochem", "Beekdaelen", "Coevorden"}
    raw = [
        float(r["MediaanGestandaardiseerdInkomen_4"])
        for r in gemeente_rows(raw_rows(settings, "86004NED"), "2023")
        if r["RegioS"] in names
    ]
    assert sorted(raw) == [33.6, 33.9, 35.2, 35.5, 36.4]
    assert row["n_similar"] == 5
    assert row["similar_mean"] == pytest.approx(sum(raw) / 5)
    assert row["similar_text"] == "€ 34,9 duizend"
    assert row["diff_similar_text"] == "+€ 3,3 duizend"
    assert (row["vs_similar"], row["judgement_similar"]) == ("hoger (beter)", "better")
    # a Drenthe-only figure has no values for gemeenten elsewhere
    assert result.loc["vrijwilligerswerk", "n_similar"] == 1  # only Coevorden is in Drenthe


# --- issue 17: the profile's lookups answer as the frame functions do -----------------------


@pytest.mark.parametrize("indicator_id", ["werkloosheid", "woz_waarde", "rokers", "overgewicht"])
def test_facts_answer_as_the_frame_functions(store, indicator_id):
    from dashboard.views import profile

    ind = store.indicator(indicator_id)
    frame = store.frame(indicator_id)
    facts = profile._facts(store, ind)
    drenthe = geo.scope_codes(store.gebieden, "drenthe")
    checked = 0
    for period in store.periods(indicator_id):
        values = profile.gemeente_values(frame, period)
        pd.testing.assert_series_equal(facts.values(period), values)
        for code in [*drenthe, "GM0363", "GM0014", "PV22", "NL01"]:
            assert facts.value(code, period) == profile.frame_value(frame, code, period)
            assert list(facts.own(code)) == profile.value_periods(frame, code)
            for direction in (-1, 0, 1):
                assert facts.rank(period, code, direction, drenthe) == scope_rank(
                    values, code, direction, drenthe
                )
                assert facts.percentile(period, code, direction) == percentile(
                    values, code, direction
                )
            checked += 1
    assert checked > 20


def test_facts_are_built_once_per_store(store):
    from dashboard.views import profile

    ind = store.indicator("werkloosheid")
    assert profile._facts(store, ind) is profile._facts(store, ind)
