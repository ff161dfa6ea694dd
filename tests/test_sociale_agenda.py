"""The Sociale Agenda Drenthe 2024 dataset: it reads cleanly, matches the catalogue, and the
values pinned here were checked by hand against the report text."""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from dashboard.config import PROJECT_DATA, check_folder
from dashboard.model.catalog import load_catalog
from dashboard.model.gebieden import load_gebieden
from dashboard.model.sources.tidy import read_tidy
from dashboard.vocabulary import DRENTHE_CODE, NEDERLAND_CODE

DATA_DIR = PROJECT_DATA / "sociale_agenda_2024"
OBS_FILE = DATA_DIR / "observations.csv"
CROSSCHECKS_FILE = DATA_DIR / "crosschecks.csv"
COROP_DRENTHE = {"CR07", "CR08", "CR09"}  # Noord-, Zuidoost-, Zuidwest-Drenthe


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


@pytest.fixture(scope="module")
def gebieden(settings):
    return load_gebieden(check_folder(settings, "cbs_dir"))


@pytest.fixture(scope="module")
def known_regions(gebieden):
    return set(gebieden["gemeente_code"]) | {DRENTHE_CODE, NEDERLAND_CODE} | COROP_DRENTHE


@pytest.fixture(scope="module")
def obs(catalog, known_regions):
    return read_tidy(
        OBS_FILE, known_regions=known_regions, known_indicators=set(catalog.indicators)
    )


@pytest.fixture(scope="module")
def raw():
    """The file with its extra columns (source_ref, line, note), as text."""
    with OBS_FILE.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def value(obs: pd.DataFrame, indicator: str, region: str, period: str) -> float:
    rows = obs[
        (obs["indicator_id"] == indicator)
        & (obs["region_code"] == region)
        & (obs["period"] == period)
    ]
    assert len(rows) == 1, (indicator, region, period)
    return rows["value"].iloc[0]


def test_reads_cleanly(obs):
    assert len(obs) >= 80
    assert obs["value"].notna().all()
    assert obs["lower"].isna().all() and obs["upper"].isna().all()


def test_exact_columns(raw):
    header = OBS_FILE.read_text(encoding="utf-8").splitlines()[0]
    assert header == "indicator_id,region_code,period,value,lower,upper,status,source_ref,line,note"
    assert all(r["source_ref"] and r["line"].isdigit() for r in raw)


@pytest.mark.parametrize(
    ("indicator", "region", "period", "expected"),
    [
        # Afbeelding 2: volunteering 2023
        ("vrijwilligerswerk", "GM1730", "2023", 58.5),  # Tynaarlo
        ("vrijwilligerswerk", "GM0106", "2023", 46.3),  # Assen
        ("vrijwilligerswerk", "GM0114", "2023", 46.8),  # Emmen (jumbled label resolved)
        ("vrijwilligerswerk", "GM0109", "2023", 52.5),  # Coevorden
        ("vrijwilligerswerk", "GM1731", "2023", 55.0),  # Midden-Drenthe
        ("vrijwilligerswerk", "GM0119", "2023", 55.6),  # Meppel
        ("vrijwilligerswerk", "GM1690", "2023", 61.3),  # De Wolden ("ruim 61%")
        ("vrijwilligerswerk", "PV22", "2023", 52.6),
        ("vrijwilligerswerk", "NL01", "2023", 48.7),
        # Tabel 1 (COROP: CR07 Noord, CR08 Zuidoost, CR09 Zuidwest)
        ("tabel1_besteedbaar_inkomen", "CR07", "2022", 51200),
        ("tabel1_besteedbaar_inkomen", "CR09", "2022", 50000),
        ("tabel1_besteedbaar_inkomen", "CR08", "2022", 47000),
        ("tabel1_bijstand", "CR08", "2023", 37),
        ("tabel1_bijstand", "CR07", "2023", 28),
        ("tabel1_lage_inkomensgrens", "CR08", "2023", 2.8),
        ("tabel1_lage_inkomensgrens_aantal", "CR09", "2023", 3300),
        ("tabel1_problematische_schulden", "CR08", "2023", 8.9),
        ("tabel1_problematische_schulden_aantal", "CR07", "2023", 5690),
        ("tabel1_problematische_schulden_aantal", "CR08", "2023", 5690),
        ("tabel1_problematische_schulden_aantal", "CR09", "2023", 4170),
        ("tabel1_startkwalificatie", "CR09", "2024", 70.9),
        ("tabel1_langdurige_aandoening", "CR07", "2024", 34.0),
        ("tabel1_vertrouwen_in_anderen", "CR09", "2024", 69.0),
        # text
        ("tevredenheid_met_leven", "PV22", "2024", 8),
        ("tevredenheid_sociale_contacten", "PV22", "2018", 7.5),
        ("tevredenheid_sociale_contacten", "PV22", "2022", 7.2),
        ("vertrouwen_in_anderen", "PV22", "2018", 61.1),
        ("vertrouwen_in_anderen", "PV22", "2023", 67.7),
        ("vertrouwen_in_anderen", "GM0114", "2023", 61.3),
        ("vertrouwen_in_anderen", "GM1730", "2023", 76.1),
        ("vertrouwen_in_instituties", "PV22", "2023", 59.4),
        ("vertrouwen_in_instituties", "NL01", "2023", 61.2),
        ("moeite_met_rondkomen", "PV22", "2020", 9.5),
        ("moeite_met_rondkomen", "PV22", "2022", 15.6),
        ("eenzaamheid", "PV22", "2024", 46),
        ("ernstige_eenzaamheid", "PV22", "2024", 11),
        ("jongeren_psychische_klachten", "PV22", "2019", 22),
        ("jongeren_psychische_klachten", "PV22", "2023", 27),
        ("huisarts_bereiken_problemen", "PV22", "2024", 5),
        ("thuis_voelen_in_dorp_of_wijk", "PV22", "2024", 82),
        ("discriminatie_ervaren", "PV22", "2024", 10),
    ],
)
def test_hand_checked_values(obs, indicator, region, period, expected):
    assert value(obs, indicator, region, period) == expected


def test_volunteering_covers_drenthe_except_westerveld(obs, gebieden):
    drenthe_gm = set(gebieden.loc[gebieden["provincie_code"] == DRENTHE_CODE, "gemeente_code"])
    assert len(drenthe_gm) == 12
    regions = set(obs.loc[obs["indicator_id"] == "vrijwilligerswerk", "region_code"])
    assert "GM1701" not in regions  # Westerveld: no figures in the report
    assert regions == (drenthe_gm - {"GM1701"}) | {DRENTHE_CODE, NEDERLAND_CODE}
    only_drenthe = obs[obs["region_code"].str.startswith("GM")]["region_code"]
    assert set(only_drenthe) <= drenthe_gm


def test_tabel1_indicators_are_region_only(obs):
    tabel1 = obs[obs["indicator_id"].str.startswith("tabel1_")]
    assert tabel1["indicator_id"].nunique() == 11
    assert set(tabel1["region_code"]) == COROP_DRENTHE
    assert (tabel1.groupby("indicator_id")["region_code"].nunique() == 3).all()
    assert set(obs.loc[obs["region_code"].isin(COROP_DRENTHE), "indicator_id"]) == set(
        tabel1["indicator_id"]
    )


def test_undated_tabel1_rows_are_flagged(obs):
    undated = [
        "tabel1_startkwalificatie",
        "tabel1_langdurige_aandoening",
        "tabel1_ervaren_gezondheid",
        "tabel1_vrijwilligerswerk",
        "tabel1_vertrouwen_in_anderen",
    ]
    rows = obs[obs["indicator_id"].isin(undated)]
    assert len(rows) == 15
    assert set(rows["status"]) == {"period_unstated"}
    assert set(rows["period"]) == {"2024"}
    dated = obs[obs["indicator_id"].str.startswith("tabel1_") & ~obs["indicator_id"].isin(undated)]
    assert set(dated["status"]) == {""}


def test_catalogue_and_observations_match(obs, catalog):
    tidy_ids = {
        ind.id
        for ind in catalog
        if any(
            s.kind == "tidy" and s.file == "sociale_agenda_2024/observations.csv"
            for s in ind.sources
        )
    }
    assert tidy_ids == set(obs["indicator_id"])
    every_tidy = {ind.id for ind in catalog if any(s.kind == "tidy" for s in ind.sources)}
    assert every_tidy <= set(obs["indicator_id"]), "a tidy catalogue entry without observations"
    for ind_id in tidy_ids:
        ind = catalog.get(ind_id)
        assert ind.aggregation == "none", ind_id
        assert ind.licence.startswith("Provincie Drenthe"), ind_id


def test_no_duplicates_of_cbs_indicators(obs, catalog):
    cbs_ids = {ind.id for ind in catalog if all(s.kind == "cbs" for s in ind.sources)}
    assert not cbs_ids & set(obs["indicator_id"])


def test_approximate_rows_say_what_they_approximate(raw):
    approx = [r for r in raw if r["status"] == "approximate"]
    assert len(approx) >= 5
    for r in approx:
        assert r["note"].startswith("approximates '"), r
        phrase = r["note"].split("'")[1]
        assert phrase, r


def test_undated_rows_say_so(raw):
    for r in raw:
        if r["status"] == "period_unstated":
            assert r["period"] == "2024"
            assert "year not stated" in r["note"] or "no year" in r["note"], r


def test_approximate_and_unstated_statuses_only_where_expected(obs):
    assert set(obs["status"]) <= {"", "approximate", "period_unstated"}
    approx = obs[obs["status"] == "approximate"]
    assert value(approx, "problematische_schulden", "GM0114", "2024") == 10
    assert value(approx, "problematische_schulden", "GM1730", "2024") == 5


def test_crosschecks_file(catalog, known_regions):
    with CROSSCHECKS_FILE.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == [
        "cbs_indicator_id",
        "region_code",
        "period_guess",
        "report_value",
        "tolerance",
        "agrees",
        "line",
        "note",
    ]
    for r in rows:
        assert r["cbs_indicator_id"] in catalog, r
        assert all(s.kind == "cbs" for s in catalog.get(r["cbs_indicator_id"]).sources)
        assert r["region_code"] in known_regions, r
        assert r["period_guess"].isdigit() and r["line"].isdigit(), r
        float(r["report_value"])
