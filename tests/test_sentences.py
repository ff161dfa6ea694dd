"""Judgement and comparison words, name lists, map summaries and source lines
(text/sentences.py)."""

from __future__ import annotations

import dataclasses
import math

import pytest

from dashboard.model.catalog import load_catalog
from dashboard.text.sentences import (
    comparison_word,
    join_names,
    judgement,
    map_summary,
    source_line,
    status_text,
)


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def test_judgement_and_comparison_word():
    assert judgement(1.0, 1) == "beter"
    assert judgement(1.0, -1) == "slechter"
    assert judgement(-1.0, -1) == "beter"
    assert judgement(0.0, 1) == "gelijk"
    assert judgement(0.04, 1, decimals=1) == "gelijk"  # equal as shown
    assert judgement(1.0, 0) is None
    assert judgement(None, 1) is None
    assert judgement(-2.0, 1, "en") == "worse"
    assert comparison_word(1.0, 1) == "hoger (beter)"
    assert comparison_word(-1.0, 1) == "lager (slechter)"
    assert comparison_word(1.0, -1) == "hoger (slechter)"
    assert comparison_word(-1.0, -1, "en") == "lower (better)"
    assert comparison_word(1.0, 0) == "hoger"
    assert comparison_word(-1.0, 0, "en") == "lower"
    assert comparison_word(0.0, 0) == "gelijk"
    assert comparison_word(math.nan, 1) is None


def test_status_text():
    assert status_text("") == ""
    assert status_text("computed") == "berekend"
    assert status_text("period_unstated", "en") == "year not stated in the source"
    assert status_text("missing", "en") == "no data"
    assert status_text("mystery") == "mystery"  # no words: shown as it is, never hidden


def test_join_names():
    assert join_names(["Assen"]) == "Assen"
    assert join_names(["Assen", "Emmen"]) == "Assen en Emmen"
    assert join_names(["Assen", "Emmen", "Meppel"], "en") == "Assen, Emmen and Meppel"


NAMES = {"GM1": "Aa", "GM2": "Bee", "GM3": "Cee", "GM4": "Dee", "GM5": "Ee"}


def test_map_summary_cases(catalog):
    ind = catalog.get("werkloosheid")  # percent, 1 decimal, direction -1
    s = map_summary({"GM1": 3.0, "GM2": 5.04, "GM3": 4.0}, NAMES, ind, catalog, "2023", 4.1, 3.9)
    assert s == (
        "Werkloosheid in 2023: het hoogst in Bee (5,0%), het laagst in Aa (3,0%). "
        "Drenthe scoort slechter dan Nederland (4,1% tegen 3,9%)."
    )
    # ties, as shown (5.04 and 4.96 are both 5,0)
    s = map_summary(
        {"GM1": 3.0, "GM2": 5.04, "GM3": 4.96, "GM4": 3.0}, NAMES, ind, catalog, "2023", 4.0, 4.0
    )
    assert s == (
        "Werkloosheid in 2023: het hoogst in Bee en Cee (5,0%), het laagst in Aa en Dee (3,0%). "
        "Drenthe en Nederland hebben dezelfde waarde (4,0%)."
    )
    # one region, Drenthe missing, NaN counted as missing
    s = map_summary({"GM1": 3.0, "GM2": math.nan}, NAMES, ind, catalog, "2021H1", None, 3.9)
    assert s == (
        "Werkloosheid in het 1e halfjaar 2021: alleen van Aa is een waarde bekend (3,0%). "
        "Nederland: 3,9%; voor Drenthe als geheel is geen waarde bekend. "
        "Van Bee zijn geen gegevens."
    )
    # no values at all, Nederland missing
    s = map_summary({}, NAMES, ind, catalog, "2023", 4.1, None, missing=["GM1", "GM2"])
    assert s == (
        "Werkloosheid in 2023: geen gegevens per gemeente. "
        "Drenthe als geheel: 4,1% (geen waarde voor Nederland)."
    )
    # all equal; many missing; English
    s = map_summary(
        {"GM1": 4.0, "GM2": 4.0}, NAMES, ind, catalog, "2023", None, None, "en",
        missing=["GM3", "GM4", "GM5", "GM9"],
    )  # fmt: skip
    assert s == (
        "Unemployment in 2023: all 2 municipalities have the same value (4.0%). "
        "No data for 4 municipalities."
    )


def test_map_summary_neutral(catalog):
    ind = catalog.get("koopwoningen_aandeel")  # direction 0
    s = map_summary({"GM1": 60.0, "GM2": 70.0}, NAMES, ind, catalog, "2023", 66.1, 57.0)
    assert s.endswith("Drenthe ligt hoger dan Nederland (66,1% tegen 57,0%).")
    s = map_summary({"GM1": 60.0, "GM2": 70.0}, NAMES, ind, catalog, "2023", 50.0, 57.0, "en")
    assert s.endswith("Drenthe is lower than the Netherlands (50.0% versus 57.0%).")


def _drenthe_map(store, indicator_id: str, period: str, lang: str = "nl") -> str:
    codes = store.gemeente_codes(["PV22"])
    values = {c: v for c in codes if (v := store.value(indicator_id, c, period)) is not None}
    return map_summary(
        values,
        store.names,
        store.indicator(indicator_id),
        store.catalog,
        period,
        store.value(indicator_id, "PV22", period),
        store.value(indicator_id, "NL01", period),
        lang,
        missing=[c for c in codes if c not in values],
    )


def test_map_summary_real_income(store):
    # checked by hand in 86004NED.csv (MediaanGestandaardiseerdInkomen_4, 2022, particuliere
    # huishoudens incl. studenten): Tynaarlo 35.6 highest, Emmen 28.9 lowest of the 12
    # Drenthe gemeenten; Drenthe (PV) 31.2, Nederland 31.7; direction +1 -> worse.
    assert _drenthe_map(store, "inkomen_gestandaardiseerd_mediaan", "2022") == (
        "Mediaan gestandaardiseerd inkomen in 2022: het hoogst in Tynaarlo (€ 35,6 duizend), "
        "het laagst in Emmen (€ 28,9 duizend). "
        "Drenthe scoort slechter dan Nederland (€ 31,2 duizend tegen € 31,7 duizend)."
    )
    assert _drenthe_map(store, "inkomen_gestandaardiseerd_mediaan", "2022", "en") == (
        "Median standardised income in 2022: highest in Tynaarlo (€35.6 thousand), "
        "lowest in Emmen (€28.9 thousand). "
        "Drenthe scores worse than the Netherlands (€31.2 thousand versus €31.7 thousand)."
    )


def test_map_summary_real_volunteering(store):
    if "vrijwilligerswerk" not in store.catalog:
        pytest.skip("vrijwilligerswerk not in the catalogue")
    # data/sociale_agenda_2024/observations.csv, 2023: De Wolden 61.3 highest, Assen 46.3
    # lowest, Westerveld absent; Drenthe 52.6, Nederland 48.7; direction +1 -> better.
    assert _drenthe_map(store, "vrijwilligerswerk", "2023") == (
        "Vrijwilligerswerk in 2023: het hoogst in De Wolden (61,3%), het laagst in Assen "
        "(46,3%). Drenthe scoort beter dan Nederland (52,6% tegen 48,7%). "
        "Van Westerveld zijn geen gegevens."
    )


def test_source_line(catalog):
    ind = catalog.get("inkomen_gestandaardiseerd_mediaan")
    assert source_line(ind, "2023") == (
        "Bron: CBS, tabel 86004NED · Licentie: CC BY 4.0 · Periode: 2023"
    )
    assert source_line(ind, "2023", "en") == (
        "Source: CBS, table 86004NED · Licence: CC BY 4.0 · Period: 2023"
    )
    assert source_line(ind, "2024H1", "nl", status="provisional") == (
        "Bron: CBS, tabel 86004NED · Licentie: CC BY 4.0 · Periode: 1e halfjaar 2024 (voorlopig)"
    )
    custom = dataclasses.replace(ind, licence="CC BY 4.0")
    assert source_line(custom, "2023/2024", "en").endswith("Period: 2023/2024")
