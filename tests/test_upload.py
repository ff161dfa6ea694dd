"""Eigen gegevens: the reader of uploaded and imported files (model/upload.py). Every file of
tests/data/uploads/bad/ gets exactly the message below (naming file, row and column and what
was expected); the good files of tests/data/uploads/good/ give exactly these observations."""

from __future__ import annotations

# ruff: noqa: E501 (the table of messages below: one line per file)
import io
import math
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from dashboard.model import upload
from dashboard.model.upload import AreaLookup, UploadError, read_upload
from dashboard.publish import export, templates

DATA = Path(__file__).parent / "data" / "uploads"
BAD = DATA / "bad"
GOOD = DATA / "good"

# file -> the exact (Dutch) message
BAD_MESSAGES = {
    "ambiguous_bergen.csv": "ambiguous_bergen.csv, rij 4, kolom gemeente: ‘Bergen’ kan zijn: gemeente Bergen (NH.) (GM0373), gemeente Bergen (L.) (GM0893); schrijf de code (GM0373 / GM0893).",
    "ambiguous_groningen.csv": "ambiguous_groningen.csv, rij 2, kolom gemeente: ‘Groningen’ kan zijn: gemeente Groningen (GM0014), provincie Groningen (PV20); schrijf de code (GM0014 / PV20).",
    "bad_encoding.csv": "bad_encoding.csv, rij 2: de tekst is geen UTF-8 en ook geen Windows-1252 (byte 0x81); sla het op als CSV UTF-8.",
    "bad_period.csv": "bad_period.csv, rij 3, kolom periode: ‘2023Q1’ is geen jaar (2023), schooljaar (2012/2013) of halfjaar (2021H1).",
    "binary.csv": "binary.csv: geen tekstbestand (het bevat nul-bytes); verwacht CSV of .xlsx.",
    "blank_lines.csv": "blank_lines.csv: het bestand is leeg; verwacht een kopregel en gegevensrijen.",
    "bounds_without_value.csv": "bounds_without_value.csv, rij 2, kolom waarde: de waarde is leeg maar onder of boven niet; laat ze alle drie leeg voor een ontbrekende waarde.",
    "corrupt.xlsx": "corrupt.xlsx: geen leesbare Excel-werkmap (.xlsx); sla het bestand opnieuw op in Excel.",
    "data.json": "data.json: bestanden van het type .json worden niet gelezen; gebruik CSV (.csv) of Excel (.xlsx).",
    "date_in_value.xlsx": "date_in_value.xlsx (Blad1), rij 2, kolom waarde: ‘2023-01-05 00:00:00’ is geen getal.",
    "decimal_comma_unquoted.csv": "decimal_comma_unquoted.csv, rij 2: 4 cellen, maar de kopregel heeft er 3. Staat er een decimaalkomma zonder aanhalingstekens in een bestand met komma's als scheidingsteken?",
    "duplicate_header.csv": "duplicate_header.csv, rij 1, kolom Waarde: de kolom ‘Waarde’ komt twee keer voor.",
    "duplicate_name_and_code.csv": "duplicate_name_and_code.csv, rij 3: Assen (GM0106) in 2023 staat ook in rij 2; houd er één.",
    "duplicate_pair.csv": "duplicate_pair.csv, rij 4: Assen (GM0106) in 2023 staat ook in rij 2; houd er één.",
    "empty.csv": "empty.csv: het bestand is leeg; verwacht een kopregel en gegevensrijen.",
    "empty_header.csv": "empty_header.csv, rij 1: kolom 2 van de kopregel heeft geen naam.",
    "empty_period.csv": "empty_period.csv, rij 2, kolom periode: de cel is leeg; verwacht een periode.",
    "empty_region.csv": "empty_region.csv, rij 3, kolom gemeente: de cel is leeg; verwacht een gemeentenaam of CBS-code (GM0106).",
    "formula.xlsx": "formula.xlsx (Blad1), rij 3, kolom waarde: cel C3 bevat een formule (=B3*2); plak de waarden (Plakken speciaal → Waarden).",
    "hostile_formula.csv": "hostile_formula.csv, rij 2, kolom gemeente: onbekende gemeente of regio ‘=cmd|' /C calc'!A0’; gebruik de naam uit de CBS-lijst of de CBS-code (GM0106).",
    "html_in_value.csv": "html_in_value.csv, rij 2, kolom waarde: ‘<b>41</b>’ is geen getal.",
    "lower_above_upper.csv": "lower_above_upper.csv, rij 2, kolom onder: de ondergrens 44.0 is groter dan de bovengrens 39.0.",
    "lower_above_value.csv": "lower_above_value.csv, rij 2, kolom onder: de ondergrens 42.0 is groter dan de waarde 41.5.",
    "meta_decimals.xlsx": "meta_decimals.xlsx: decimalen ‘7’: verwacht 0, 1, 2, 3 of 4.",
    "meta_direction.xlsx": "meta_direction.xlsx: richting ‘omhoog’: verwacht 1 (hoger is beter), -1 (hoger is slechter) of 0 (neutraal).",
    "meta_formula.xlsx": 'meta_formula.xlsx (metadata), rij 2, kolom waarde: cel B2 bevat een formule (=A1&"x"); plak de waarden (Plakken speciaal → Waarden).',
    "meta_unit.xlsx": "meta_unit.xlsx: eenheid ‘kilogram’: verwacht een van percent, eur_1000, eur, per_1000, km, m3, kwh, wp_per_woning, count, grade.",
    "meta_unknown_field.xlsx": "meta_unknown_field.xlsx (metadata), rij 2, kolom veld: onbekend veld ‘kleur’; bekende velden: label, eenheid, decimalen, richting, thema, regioregel.",
    "missing_value_column.csv": "missing_value_column.csv, rij 1: kolom(men) waarde ontbreken; gevonden: gemeente, periode, aantal. Verwacht gemeente, periode en waarde (en eventueel onder, boven, indicator).",
    "mixed_decimals.csv": "mixed_decimals.csv, rij 3, kolom waarde: ‘38.25’ heeft een decimaalpunt, maar rij 2 een decimaalkomma; gebruik één stijl.",
    "no_columns.xlsx": "no_columns.xlsx (Blad1), rij 1: de verwachte kolommen ontbreken (gevonden: Overzicht). Verwacht óf gemeente, periode, waarde (lang), óf gemeente en één kolom per periode zoals 2022, 2023 (breed).",
    "no_expected_columns.csv": "no_expected_columns.csv, rij 1: de verwachte kolommen ontbreken (gevonden: naam, score, opmerking). Verwacht óf gemeente, periode, waarde (lang), óf gemeente en één kolom per periode zoals 2022, 2023 (breed).",
    "old_excel.xls": "old_excel.xls: een oud Excel-bestand (.xls); sla het op als Excel-werkmap (.xlsx) of CSV.",
    "one_column.csv": "one_column.csv, rij 1: de kopregel ‘gemeente’ heeft maar één kolom; verwacht kolommen gescheiden door een komma (,) of puntkomma (;).",
    "only_empty_values.csv": "only_empty_values.csv: geen enkele waarde: alle waardecellen zijn leeg.",
    "only_header.csv": "only_header.csv: alleen een kopregel, geen gegevensrijen.",
    "only_metadata.xlsx": "only_metadata.xlsx: de werkmap heeft alleen een blad metadata, geen blad met gegevens.",
    "percent.csv": "percent.csv, rij 2, kolom waarde: ‘41.5%’ is geen getal; schrijf 41.5 zonder procentteken.",
    "school_year_gap.csv": "school_year_gap.csv, rij 2, kolom periode: ‘2012/2014’ is geen jaar (2023), schooljaar (2012/2013) of halfjaar (2021H1).",
    "tab_separated.csv": "tab_separated.csv, rij 1: de kolommen zijn gescheiden door tabs; verwacht een komma (,) of puntkomma (;).",
    "text_in_number.csv": "text_in_number.csv, rij 3, kolom waarde: ‘veertig’ is geen getal.",
    "two_indicators.csv": "two_indicators.csv, rij 4, kolom indicator: een tweede indicator ‘registraties’ (rij 2: ‘panel’); upload één indicator per bestand.",
    "unclosed_quote.csv": "unclosed_quote.csv: niet leesbaar als CSV (unexpected end of data); controleer de aanhalingstekens.",
    "unknown_code.csv": "unknown_code.csv, rij 2, kolom gemeente: onbekende CBS-code ‘GM9999’.",
    "unknown_name.csv": "unknown_name.csv, rij 3, kolom gemeente: onbekende gemeente of regio ‘Amsterdamm’; gebruik de naam uit de CBS-lijst of de CBS-code (GM0106).",
    "upper_below_value.csv": "upper_below_value.csv, rij 2, kolom boven: de bovengrens 40.0 is kleiner dan de waarde 41.5.",
    "utf16.csv": "utf16.csv: de tekst is UTF-16; sla het bestand op als CSV UTF-8.",
    "wide_same_period.csv": "wide_same_period.csv, rij 1, kolom 2012/'13: ‘2012/'13’ is dezelfde periode als kolom ‘2012/2013’.",
    "wide_text_column.csv": "wide_text_column.csv, rij 1, kolom opmerking: ‘opmerking’ is geen periode; in de brede vorm is elke kolom na gemeente een jaar (2023), schooljaar (2012/2013) of halfjaar (2021H1).",
    "xlsx_named_csv.csv": "xlsx_named_csv.csv: dit is geen CSV maar een Excel-werkmap; geef het de extensie .xlsx.",
}


@pytest.fixture(scope="module")
def lookup(store) -> AreaLookup:
    return AreaLookup.of(store.names, store.gebieden)


def read(path: Path, lookup: AreaLookup, store) -> upload.Upload:
    found = read_upload(path.read_bytes(), path.name, lookup)
    upload.check_meta(found.meta, store.catalog, found.filename)
    return found


def test_the_corpus_has_every_bad_file_and_at_least_thirty():
    assert sorted(p.name for p in BAD.iterdir()) == sorted(BAD_MESSAGES)
    assert len(BAD_MESSAGES) >= 30


@pytest.mark.parametrize("name", sorted(BAD_MESSAGES))
def test_a_bad_file_gets_its_exact_message(name, lookup, store):
    with pytest.raises(UploadError) as caught:
        read(BAD / name, lookup, store)
    assert str(caught.value) == BAD_MESSAGES[name]


def test_english_messages_say_the_same():
    error = UploadError("upload_err_not_number", "x.csv", 3, "waarde", value="veertig")
    assert error.message("en") == "x.csv, row 3, column waarde: ‘veertig’ is not a number."


def _values(found: upload.Upload) -> dict[tuple[str, str], float]:
    f = found.observations
    return dict(zip(zip(f["region_code"], f["period"], strict=True), f["value"], strict=True))


def test_tidy_with_commas_interval_and_a_missing_value(lookup, store):
    found = read(GOOD / "tidy_comma.csv", lookup, store)
    assert (found.shape, found.separator, found.encoding) == ("tidy", ",", "utf-8")
    assert found.rows == 13  # Westerveld's empty cell is missing, never 0
    assert "GM1701" not in set(found.observations["region_code"])
    assert _values(found)[("GM0106", "2022")] == 41.5
    assert _values(found)[("GM1730", "2023")] == 49.6
    assessed = found.observations.set_index(["region_code", "period"])
    assert tuple(assessed.loc[("GM0106", "2023"), ["lower", "upper"]]) == (40.1, 46.3)
    assert math.isnan(assessed.loc[("GM0109", "2023"), "lower"])
    assert list(found.observations.columns) == [
        "indicator_id", "region_code", "period", "value", "lower", "upper", "status",
    ]  # fmt: skip
    assert found.meta == upload.Meta(label="tidy comma", decimals=1)


def test_tidy_semicolons_cp1252_decimal_comma_codes_and_names_in_any_case(lookup, store):
    found = read(GOOD / "tidy_semicolon_cp1252.csv", lookup, store)
    assert (found.shape, found.separator, found.encoding) == ("tidy", ";", "cp1252")
    assert found.meta.label == "Tevredenheid leefomgeving – ‘panel’"  # from the indicator column
    values = _values(found)
    assert len(values) == 12
    assert values[("GM0106", "2023")] == 41.5  # GM0106
    assert values[("GM0109", "2023")] == 38.0  # COEVORDEN
    assert values[("GM0114", "2023")] == 36.4  # emmen
    assert values[("GM1681", "2023")] == 35.5  # Borger Odoorn (no hyphen)


def test_wide_with_bom_semicolons_and_an_empty_cell(lookup, store):
    found = read(GOOD / "wide_semicolon_bom.csv", lookup, store)
    assert (found.shape, found.separator) == ("wide", ";")
    assert found.periods == ["2021", "2022", "2023"]
    values = _values(found)
    assert len(values) == 35 and ("GM0109", "2022") not in values
    assert values[("GM0106", "2023")] == 14.25
    assert found.meta.decimals == 2


def test_wide_with_codes_and_school_years(lookup, store):
    found = read(GOOD / "wide_comma_schoolyears.csv", lookup, store)
    assert found.periods == ["2012/2013", "2013/2014"]
    assert _values(found) == {
        ("GM0106", "2012/2013"): 3.1, ("GM0106", "2013/2014"): 3.4,
        ("GM0109", "2012/2013"): 2.2, ("GM0109", "2013/2014"): 2.0,
        ("GM0114", "2012/2013"): 4.0, ("GM0114", "2013/2014"): 4.4,
    }  # fmt: skip


def test_excel_tidy_with_a_metadata_sheet(lookup, store):
    found = read(GOOD / "tidy_metadata.xlsx", lookup, store)
    assert found.shape == "tidy" and found.rows == 10
    assert _values(found)[("GM0114", "2024")] == 115.5  # a year written as text
    meta = upload.check_meta(found.meta, store.catalog, found.filename)
    assert meta == upload.Meta(
        label="Deelnemers programma Samen Sterk", unit="count", decimals=0, direction=1,
        theme="sociaal", aggregation="sum",
    )  # fmt: skip


def test_excel_wide_with_year_numbers_as_headers(lookup, store):
    found = read(GOOD / "wide.xlsx", lookup, store)
    assert found.shape == "wide" and found.periods == ["2022", "2023"]
    assert found.rows == 23 and ("GM1701", "2023") not in _values(found)


def test_names_with_accents_historical_names_and_regions(lookup):
    def code(name: str) -> tuple[str, ...]:
        return lookup.by_name[upload.normalise_name(name)]

    assert code("Súdwest-Fryslân") == code("sudwest fryslan") == ("GM1900",)
    assert code("Menterwolde") == ("GM1987",)  # merged in 2018: keeps its own code
    assert code("Noord-Drenthe") == ("CR07",)
    assert code("Drenthe") == ("PV22",)
    assert code("NEDERLAND") == ("NL01",)


def test_limits_of_size_and_rows(lookup):
    data = (GOOD / "tidy_comma.csv").read_bytes()
    with pytest.raises(UploadError) as caught:
        read_upload(data, "groot.csv", lookup, max_rows=5)
    assert str(caught.value) == "groot.csv: 14 gegevensrijen; de grens is 5."
    with pytest.raises(UploadError) as caught:
        read_upload(b"x" * (upload.MAX_BYTES + 1), "groot.csv", lookup)
    assert str(caught.value) == "groot.csv: het bestand is 5.2 MB; de grens is 5 MB."


def test_the_templates_and_the_example(lookup, store):
    gemeenten = [
        (c, n) for c, n in zip(store.gebieden["gemeente_code"], store.gebieden["gemeente_naam"], strict=True)
        if c in store.gemeente_codes(["PV22"])
    ]  # fmt: skip
    assert len(gemeenten) == 12
    for make, name in ((templates.template_csv, "t.csv"), (templates.template_xlsx, "t.xlsx")):
        with pytest.raises(UploadError) as caught:  # the empty template: no value yet
            read_upload(make(gemeenten), name, lookup)
        assert caught.value.key == "upload_err_no_values"
        example = read_upload(make(gemeenten, example=True), name, lookup)
        assert example.shape == "wide" and example.rows == 24
        assert set(example.observations["region_code"]) == set(store.gemeente_codes(["PV22"]))
    example = read_upload(templates.template_xlsx(gemeenten, example=True), "v.xlsx", lookup)
    assert example.meta.label == templates.EXAMPLE_LABEL
    assert (example.meta.aggregation, example.meta.direction) == ("sum", 1)


HOSTILE_LABEL = "=cmd|' /C calc'!A0 <script>alert(1)</script> **vet** [x](javascript:y)"


def test_hostile_labels_are_text_and_neutralised_in_downloads(lookup, store):
    ind = upload.indicator_for(
        upload.Meta(label=HOSTILE_LABEL), upload.UPLOAD_ID, date(2026, 12, 1)
    )
    assert ind.label("nl") == (
        "=cmd¦' /C calc'!A0 ‹script›alert(1)‹/script› ∗∗vet∗∗ (x)(javascript:y)"
    )
    found = read(GOOD / "tidy_comma.csv", lookup, store)
    own = upload.with_indicators(store, [(ind, found.observations)])
    table = export.observations_table(own, [ind.id], ["GM0106"], None, "nl")
    meta = export.ExportMeta.for_indicators([ind], date(2026, 12, 1), "nl")
    text = export.to_csv(table, meta).decode()
    assert ",'=cmd¦' /C calc'!A0 ‹script›" in text  # a leading ' : no formula in a spreadsheet
    assert "# Bron: Eigen gegevens (geüpload 2026-12-01)" in text
    book = load_workbook(io.BytesIO(export.to_excel(table, meta)))
    cell = book.active["B2"]  # text with Excel's hidden quote prefix: shown, never run
    assert (cell.value.startswith("=cmd"), cell.data_type, cell.quotePrefix) == (True, "s", True)


def test_the_overlay_leaves_the_shared_store_as_it_was(lookup, store):
    before = (len(store.catalog), len(store.observations), store.periods(upload.UPLOAD_ID))
    found = read(GOOD / "tidy_comma.csv", lookup, store)
    ind = upload.indicator_for(found.meta, upload.UPLOAD_ID, date(2026, 12, 1))
    own = upload.with_indicators(store, [(ind, found.observations)])
    assert (len(store.catalog), len(store.observations), store.periods(upload.UPLOAD_ID)) == before
    assert upload.UPLOAD_ID not in store.catalog and upload.OWN_THEME not in store.catalog.themes
    assert own.periods(upload.UPLOAD_ID) == ["2022", "2023"]
    assert own.value(upload.UPLOAD_ID, "GM1730", "2023") == 49.6
    assert own.value(upload.UPLOAD_ID, "GM1701", "2023") is None  # missing, not 0
    assert len(own.observations) == len(store.observations) + 13
    # region values by the chosen rule (inwoners-weighted), marked computed; Zuidwest-Drenthe
    # (CR09) has none: Westerveld has no value
    from dashboard.model.store import region_values
    from dashboard.views import compare

    regions = list(compare.region_set_choices(own, "drenthe")["corop"].regions)
    result = region_values(own, upload.UPLOAD_ID, regions)
    inwoners = store.gebieden.set_index("gemeente_code")["inwoners"]
    cr07 = {"GM0106": 43.2, "GM1680": 47.1, "GM1699": 45.3, "GM1730": 49.6, "GM1731": 42.7}
    expected = sum(inwoners[c] * v for c, v in cr07.items()) / sum(inwoners[c] for c in cr07)
    assert list(zip(result["region_code"], result["period"], result["status"], strict=True)) == [
        ("CR07", "2023", "computed"), ("CR08", "2023", "computed"),
    ]  # fmt: skip
    assert result["value"].iloc[0] == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize(
    ("cells", "values"),
    [
        (["1,5", "1.234", "1.234,5"], [1.5, 1234.0, 1234.5]),  # a decimal comma: dots group
        (["1.5", "1.234", "-0.25"], [1.5, 1.234, -0.25]),  # a decimal point
        (["1.234", "7"], [1.234, 7.0]),  # the first number sets the style: a point
        (["  12 ", "1\u00a0234,5"], [12.0, 1234.5]),  # spaces and a non-breaking space
    ],
)
def test_numbers_of_both_styles(cells, values, lookup):
    names = ["Assen", "Emmen", "Meppel"]
    rows = "".join(f"{names[i]};2023;{c}\n" for i, c in enumerate(cells))
    found = read_upload(f"gemeente;periode;waarde\n{rows}".encode(), "n.csv", lookup)
    codes = {"Assen": "GM0106", "Emmen": "GM0114", "Meppel": "GM0119"}
    got = dict(zip(found.observations["region_code"], found.observations["value"], strict=True))
    assert [got[codes[n]] for n in names[: len(cells)]] == values
