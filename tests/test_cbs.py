"""The CBS importer: exact values read by hand from the raw CSVs, and precise errors."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from dashboard.model.catalog import Source
from dashboard.model.errors import DataError
from dashboard.model.sources import cbs

LABELS = {"Nederland": "NL01", "Assen": "GM0106", "Drenthe (PV)": "PV22", "Emmen": "GM0114"}
HEADER = "ID;Geslacht;RegioS;Perioden;Leerlingen_1;Percentage_2"


def write(tmp_path: Path, text: str, name: str = "12345NED.csv", bom: bool = True) -> Path:
    path = tmp_path / name
    path.write_text(("\ufeff" if bom else "") + text, encoding="utf-8")
    return path


def read_measure(path: Path, measure: str = "Percentage_2", period: str | None = None):
    frame = cbs.read_table(path)
    return cbs.measure_frame(frame, measure, LABELS, period)


# --- values from the real tables (the store fixture reads ../shared/data/cbs) ---------------


def obs(store, indicator, region, period):
    f = store.frame(indicator)
    return f[(f["region_code"] == region) & (f["period"] == period)]


def test_median_income_assen_2022(store):
    # 86004NED line 936: Assen;2022;31.8;100;32.7;30.6;...
    assert store.value("inkomen_gestandaardiseerd_mediaan", "GM0106", "2022") == 30.6


def test_corop_row_kept_with_its_own_code(store):
    # 86004NED line 260: Noord-Drenthe (CR);2022;...;GemiddeldBesteedbaarInkomen_5 = 51.1
    assert store.value("inkomen_besteedbaar_gemiddeld", "CR07", "2022") == 51.1
    assert store.value("inkomen_besteedbaar_gemiddeld", "CR08", "2022") == 47.0
    assert store.value("inkomen_besteedbaar_gemiddeld", "CR09", "2022") == 49.9


def test_health_survey_value_with_margins(store):
    # 83674NED lines 34, 437, 840 (Waarde / Ondergrens / Bovengrens) for Assen 2016
    row = obs(store, "ervaren_gezondheid_goed", "GM0106", "2016").iloc[0]
    assert (row.value, row.lower, row.upper) == (74.4, 69.9, 78.5)
    # 85563NED has no Perioden column: the period comes from the catalogue (2022)
    row = obs(store, "ervaren_gezondheid_goed", "GM0106", "2022").iloc[0]
    assert (row.value, row.lower, row.upper) == (68.0, 63.8, 71.9)
    assert store.periods("ervaren_gezondheid_goed") == ["2016", "2020", "2022"]
    assert store.periods("rokers") == ["2020", "2022"]  # 2016 has no smoking measure


def test_school_years_and_computed_share(store):
    # 84780NED line 375: Assen;2022/'13 -> Leerlingen 5800, VSV 180
    assert store.value("voortijdig_schoolverlaters", "GM0106", "2022/2023") == pytest.approx(
        180 / 5800 * 100
    )
    assert store.periods("voortijdig_schoolverlaters")[0] == "2012/2013"


def test_empty_cells_stay_missing(store):
    # 86004NED line 4538: Vlieland 2023 has households but no income values
    assert obs(store, "inkomen_gestandaardiseerd_mediaan", "GM0096", "2023").empty
    assert store.value("inkomen_gestandaardiseerd_mediaan", "GM0096", "2022") is not None
    assert not store.observations["value"].isna().any()


def test_historical_gemeenten_keep_their_own_codes(store):
    # 82900NED line 2465 Groningen (gemeente) 2018 (before Haren joined), line 2621 Haren 2018
    assert store.value("koopwoningen_aandeel", "GM0014", "2018") == pytest.approx(
        38402 / 100946 * 100
    )
    assert store.value("koopwoningen_aandeel", "GM0017", "2018") == pytest.approx(6382 / 8925 * 100)
    assert store.value("koopwoningen_aandeel", "GM0017", "2019") is None
    # Midden-Groningen was formed in 2018: no value before, none borrowed from predecessors
    assert store.value("koopwoningen_aandeel", "GM1952", "2017") is None
    assert store.value("koopwoningen_aandeel", "GM1952", "2018") == pytest.approx(
        17249 / 28025 * 100
    )


def test_ratio_over_two_tables_and_period_labels_with_spaces(store):
    # 85005NED line 628 'Emmen;2021 ' (trailing space): 167430 kW; 82900NED line 2078: 49528
    assert store.value("zonnepanelen_vermogen_per_woning", "GM0114", "2021") == pytest.approx(
        167430 * 1000 / 49528
    )
    assert "2024H1" not in store.periods("zonnepanelen_vermogen_per_woning")


def test_half_years_left_out_where_the_catalogue_asks(store):
    # 85098NED line 3010: Tynaarlo;2023;12.9
    assert store.value("jeugdhulp", "GM1730", "2023") == 12.9
    assert store.periods("jeugdhulp") == ["2021", "2022", "2023"]


def test_all_current_gemeenten_resolve(store):
    current = set(store.gebieden["gemeente_code"])
    income = store.frame("vermogen_mediaan")
    assert set(income[income["period"] == "2023"]["region_code"]) >= current


# --- malformed inputs --------------------------------------------------------------------


def test_reads_a_valid_file(tmp_path):
    path = write(tmp_path, f"{HEADER}\n1;Totaal;Assen;2020;100.0;3.5\n2;Totaal;Emmen;2020;;\n")
    frame = read_measure(path)
    assert frame["region_code"].tolist() == ["GM0106", "GM0114"]
    assert frame["value"].iloc[0] == 3.5
    assert math.isnan(frame["value"].iloc[1])


def test_wrong_separator(tmp_path):
    path = write(tmp_path, HEADER.replace(";", ",") + "\n1,Totaal,Assen,2020,100,3.5\n")
    with pytest.raises(DataError, match=r"expected ';'-separated .* header contains ','"):
        cbs.read_table(path)


def test_unknown_region_label(tmp_path):
    path = write(tmp_path, f"{HEADER}\n1;Totaal;Atlantis;2020;100.0;3.5\n")
    with pytest.raises(DataError, match=r"line 2, column RegioS: unknown region label 'Atlantis'"):
        read_measure(path)


def test_duplicate_rows(tmp_path):
    body = "1;Mannen;Assen;2020;100.0;3.5\n2;Vrouwen;Assen;2020;90.0;3.1\n"
    path = write(tmp_path, f"{HEADER}\n{body}")
    with pytest.raises(
        DataError,
        match=r"duplicate rows for region 'Assen' \(GM0106\), period "
        r"2020 at lines 2 and 3",
    ):
        read_measure(path)


def test_text_in_a_number_column(tmp_path):
    path = write(tmp_path, f"{HEADER}\n1;Totaal;Assen;2020;100.0;veel\n")
    with pytest.raises(DataError, match=r"line 2, column Percentage_2: 'veel' is not a number"):
        read_measure(path)


def test_dutch_decimal_comma(tmp_path):
    path = write(tmp_path, f"{HEADER}\n1;Totaal;Assen;2020;100.0;3,5\n")
    with pytest.raises(DataError, match=r"'3,5' is not a number \(a decimal comma"):
        read_measure(path)


def test_missing_measure_column(tmp_path):
    path = write(tmp_path, f"{HEADER}\n1;Totaal;Assen;2020;100.0;3.5\n")
    with pytest.raises(DataError, match=r"missing measure column\(s\) Werkloosheid_3"):
        cbs.read_table(path, ["Werkloosheid_3"])


def test_missing_region_column(tmp_path):
    path = write(tmp_path, "ID;Gebied;Perioden;X_1\n1;Assen;2020;1\n")
    with pytest.raises(DataError, match=r"missing region column \(one of RegioS, Regiokenmerken\)"):
        cbs.read_table(path)


def test_empty_file_and_header_only(tmp_path):
    with pytest.raises(DataError, match=r"the file is empty"):
        cbs.read_table(write(tmp_path, "", bom=False))
    with pytest.raises(DataError, match=r"header but no rows"):
        cbs.read_table(write(tmp_path, HEADER + "\n"))


def test_unknown_period_label(tmp_path):
    path = write(tmp_path, f"{HEADER}\n1;Totaal;Assen;Q3 2020;100.0;3.5\n")
    with pytest.raises(DataError, match=r"line 2, column Perioden: unknown period label 'Q3 2020'"):
        read_measure(path)


def test_table_without_period_needs_one_from_the_catalogue(tmp_path):
    path = write(tmp_path, "ID;RegioS;X_1\n1;Assen;4.0\n")
    with pytest.raises(DataError, match=r"no Perioden column; set 'period'"):
        read_measure(path, "X_1")
    assert read_measure(path, "X_1", "2022")["period"].tolist() == ["2022"]


def test_missing_table_names_the_setting(tmp_path):
    with pytest.raises(DataError, match=r"CBS table 99999NED not found: .*DASHBOARD_CBS_DIR"):
        cbs.table_path(tmp_path, "99999NED")


def test_table_file_names_are_case_insensitive(tmp_path):
    path = write(tmp_path, f"{HEADER}\n1;Totaal;Assen;2020;100.0;3.5\n", name="81064ned.csv")
    assert cbs.table_path(tmp_path, "81064NED") == path


def test_ratio_source_skips_zero_denominators(tmp_path):
    write(tmp_path, f"{HEADER}\n1;Totaal;Assen;2020;0.0;3.5\n2;Totaal;Emmen;2020;200.0;5.0\n")
    source = Source(
        kind="cbs",
        name="CBS",
        table="12345NED",
        measure="Percentage_2",
        denominator="Leerlingen_1",
        factor=100.0,
    )
    cache = cbs.TableCache(tmp_path)
    result = cbs.import_source(source, cache, LABELS).set_index("region_code")["value"]
    assert math.isnan(result["GM0106"])
    assert result["GM0114"] == 2.5
