"""Downloads (CSV, Excel), formula neutralisation and the catalogue of "Over de data"."""

from __future__ import annotations

import csv
import io
import math
import zipfile
from datetime import date

import numpy as np
import openpyxl
import pandas as pd
import pytest

from dashboard.publish.export import (
    CATALOG_COLUMNS,
    ExportMeta,
    catalog_display,
    catalog_table,
    gemeente_coverage,
    neutralise,
    periods_text,
    search_catalog,
    to_csv,
    to_excel,
)

META = ExportMeta(
    source="CBS, tabel 86088NED",
    licence="CC BY 4.0",
    exported=date(2025, 1, 31),
)


def small_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Gemeente": ["Assen", "=1+1", None],
            "Waarde": [58.5, -3.5, math.nan],
            "Plaats": pd.array([1, 12, None], dtype="Int64"),
            "Verschil": ["+1,2 procentpunt", "@SUM(A1)", "−0,3 procentpunt"],
        }
    )


# --- neutralise -------------------------------------------------------------------------------


def test_neutralise_text_only():
    assert neutralise("=1+1") == "'=1+1"
    assert neutralise("+31 6 1234") == "'+31 6 1234"
    assert neutralise("-2+3") == "'-2+3"
    assert neutralise("@SUM(A1:A2)") == "'@SUM(A1:A2)"
    assert neutralise("\t=1") == "'\t=1"
    assert neutralise("Assen") == "Assen"
    assert neutralise("−1,2") == "−1,2"  # the true minus sign starts no formula
    assert neutralise("") == ""
    # numbers stay numbers, negative ones too
    assert neutralise(-3.5) == -3.5 and isinstance(neutralise(-3.5), float)
    assert neutralise(np.float64(-3.5)) == -3.5
    assert neutralise(-2) == -2
    assert neutralise(None) is None


# --- CSV --------------------------------------------------------------------------------------


def test_csv_plain_exact_bytes():
    data = to_csv(small_frame(), META)
    assert data == (
        b'"# Bron: CBS, tabel 86088NED"\r\n'  # a ',' inside: quoted, one field
        b"# Licentie: CC BY 4.0\r\n"
        b"# Ge\xc3\xabxporteerd op: 2025-01-31\r\n"
        b"\r\n"
        b"Gemeente,Waarde,Plaats,Verschil\r\n"
        b'Assen,58.5,1,"\'+1,2 procentpunt"\r\n'
        b"'=1+1,-3.5,12,'@SUM(A1)\r\n"
        b',,,"\xe2\x88\x920,3 procentpunt"\r\n'  # true minus sign, quoted for its ','
    )
    assert not data.startswith(b"\xef\xbb\xbf")


def test_csv_dutch_excel_exact_bytes():
    data = to_csv(small_frame(), META, dutch_excel=True)
    assert data == (
        b"\xef\xbb\xbf"  # BOM: Excel reads UTF-8
        b"# Bron: CBS, tabel 86088NED\r\n"  # no ';' inside: not quoted
        b"# Licentie: CC BY 4.0\r\n"
        b"# Ge\xc3\xabxporteerd op: 2025-01-31\r\n"
        b"\r\n"
        b"Gemeente;Waarde;Plaats;Verschil\r\n"
        b"Assen;58,5;1;'+1,2 procentpunt\r\n"
        b"'=1+1;-3,5;12;'@SUM(A1)\r\n"
        b";;;\xe2\x88\x920,3 procentpunt\r\n"
    )


def test_csv_meta_with_separator_is_quoted_and_title_and_url_are_added():
    meta = ExportMeta(
        source="CBS; Sociale Agenda",
        licence="CC BY 4.0",
        exported=date(2025, 1, 31),
        title="Werkloosheid",
        url="https://example.org/?indicator=werkloosheid",
    )
    lines = to_csv(pd.DataFrame({"a": [1]}), meta, dutch_excel=True).decode("utf-8-sig")
    assert lines.split("\r\n")[:6] == [
        "# Titel: Werkloosheid",
        '"# Bron: CBS; Sociale Agenda"',
        "# Licentie: CC BY 4.0",
        "# Geëxporteerd op: 2025-01-31",
        "# Weergave: https://example.org/?indicator=werkloosheid",
        "",
    ]


def test_csv_reads_back_as_numbers():
    data = to_csv(small_frame(), META, dutch_excel=True)
    back = pd.read_csv(io.BytesIO(data), sep=";", decimal=",", skiprows=4, encoding="utf-8-sig")
    assert back["Waarde"].tolist()[:2] == [58.5, -3.5]
    assert math.isnan(back["Waarde"].iloc[2])
    assert back["Gemeente"].iloc[1] == "'=1+1"
    rows = list(csv.reader(io.StringIO(to_csv(small_frame(), META).decode("utf-8"))))
    assert rows[5] == ["Assen", "58.5", "1", "'+1,2 procentpunt"]


def test_csv_numbers_full_precision_and_integral_floats():
    frame = pd.DataFrame({"x": [75.27173913043478, 244807.0, 0.1 + 0.2, -0.5]})
    body = to_csv(frame, META, dutch_excel=True).decode("utf-8-sig").split("\r\n")[5:-1]
    assert body == ["75,27173913043478", "244807", "0,30000000000000004", "-0,5"]


def test_csv_english_labels():
    meta = ExportMeta("CBS, table 86088NED", "CC BY 4.0", date(2025, 1, 31), lang="en")
    head = to_csv(pd.DataFrame({"a": [1]}), meta).decode("utf-8").split("\r\n")[:3]
    assert head == [
        '"# Source: CBS, table 86088NED"',
        "# Licence: CC BY 4.0",
        "# Exported on: 2025-01-31",
    ]


def test_headers_are_neutralised():
    data = to_csv(pd.DataFrame({"=cmd": [1], "-x": [2]}), META).decode("utf-8")
    assert "\r\n'=cmd,'-x\r\n" in data


# --- Excel ------------------------------------------------------------------------------------


def test_excel_reads_back():
    meta = ExportMeta("CBS, tabel 86088NED", "CC BY 4.0", date(2025, 1, 31), title="=HYPERLINK()")
    wb = openpyxl.load_workbook(io.BytesIO(to_excel(small_frame(), meta)))
    assert wb.sheetnames == ["data", "bron"]
    rows = list(wb["data"].iter_rows(values_only=True))
    # no visible apostrophe: texts stay as they are ...
    assert rows == [
        ("Gemeente", "Waarde", "Plaats", "Verschil"),
        ("Assen", 58.5, 1, "+1,2 procentpunt"),
        ("=1+1", -3.5, 12, "@SUM(A1)"),
        (None, None, None, "−0,3 procentpunt"),
    ]
    sheet = wb["data"]
    assert sheet["B3"].data_type == "n"  # -3.5 is a number, not text
    # ... and the ones a spreadsheet would run are string cells with Excel's hidden quote
    # prefix, never formulas
    for ref in ("A3", "D2", "D3"):
        assert (sheet[ref].data_type, sheet[ref].quotePrefix) == ("s", True), ref
    assert (sheet["A2"].data_type, sheet["A2"].quotePrefix) == ("s", False)
    with zipfile.ZipFile(io.BytesIO(to_excel(small_frame(), meta))) as xlsx:
        assert b"<f>" not in xlsx.read("xl/worksheets/sheet1.xml")
        assert b"<f>" not in xlsx.read("xl/worksheets/sheet2.xml")
    assert sheet.freeze_panes == "A2"
    assert wb["bron"]["B1"].quotePrefix is True
    assert list(wb["bron"].iter_rows(values_only=True)) == [
        ("Titel", "=HYPERLINK()"),
        ("Bron", "CBS, tabel 86088NED"),
        ("Licentie", "CC BY 4.0"),
        ("Geëxporteerd op", "2025-01-31"),
    ]


def test_excel_english_sheet_names_and_control_characters():
    meta = ExportMeta("CBS", "CC BY 4.0", date(2025, 1, 31), lang="en")
    frame = pd.DataFrame({"name": ["bell\x07here"]})
    wb = openpyxl.load_workbook(io.BytesIO(to_excel(frame, meta)))
    assert wb.sheetnames == ["data", "source"]
    assert wb["data"]["A2"].value == "bellhere"
    assert wb["source"]["A1"].value == "Source"


def test_meta_for_indicators(store):
    inds = [store.indicator(i) for i in ("werkloosheid", "netto_arbeidsparticipatie", "rokers")]
    inds.append(store.indicator("vrijwilligerswerk"))
    meta = ExportMeta.for_indicators(inds, date(2025, 1, 31))
    assert meta.source == (
        "CBS, tabel 86088NED; CBS, tabel 85012NED; CBS, tabel 85563NED; "
        "Sociale Agenda Drenthe, jaarverslag 2024, afbeelding 2, paragraaf 3.2"
    )
    assert meta.licence.startswith("CC BY 4.0; Provincie Drenthe, Sociale Agenda Drenthe")


# --- catalogue --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def catalog_nl(store) -> pd.DataFrame:
    return catalog_table(store)


def test_catalog_table_shape_and_order(catalog_nl, store):
    assert list(catalog_nl.columns) == CATALOG_COLUMNS
    assert len(catalog_nl) == len(store.catalog)
    assert catalog_nl["id"].iloc[0] == "tevredenheid_met_leven"  # Subjectief welzijn first


def test_catalog_row_median_income(catalog_nl, settings):
    row = catalog_nl.set_index("id").loc["inkomen_gestandaardiseerd_mediaan"]
    assert row["label"] == "Mediaan gestandaardiseerd inkomen"
    assert row["theme"] == "Materiële welvaart"
    assert row["unit"] == "€ x 1.000"
    assert row["direction"] == "hoger is beter"
    assert row["source"] == "CBS, tabel 86004NED"
    assert row["link"] == "https://opendata.cbs.nl/statline/#/CBS/nl/dataset/86004NED/table"
    assert row["licence"] == "CC BY 4.0"
    assert (row["periods"], row["n_periods"], row["latest_period"]) == ("2011–2023", 13, "2023")
    # count the 2023 gemeente cells with a value in the raw file: 339 of 342 (Rozendaal,
    # Schiermonnikoog and Vlieland are empty)
    with (settings.cbs_dir / "86004NED.csv").open(encoding="utf-8-sig", newline="") as fh:
        raw = [
            r
            for r in csv.DictReader(fh, delimiter=";")
            if r["Perioden"] == "2023"
            and r["RegioS"] != "Nederland"
            and not r["RegioS"].endswith(("(PV)", "(CR)"))
            and r["MediaanGestandaardiseerdInkomen_4"]
        ]
    assert len(raw) == 339
    assert row["coverage"] == pytest.approx(len(raw) / 342)
    assert row["coverage_text"] == "339 van 342 gemeenten (99%)"


def test_catalog_directions_links_periods_levels(catalog_nl):
    rows = catalog_nl.set_index("id")
    assert rows.loc["werkloosheid", "direction"] == "lager is beter"
    assert rows.loc["woz_waarde", "direction"] == "neutraal (hoger is niet vanzelf beter)"
    assert rows.loc["zonnepanelen_vermogen_per_woning", "links"].split("\n") == [
        "https://opendata.cbs.nl/statline/#/CBS/nl/dataset/85005NED/table",
        "https://opendata.cbs.nl/statline/#/CBS/nl/dataset/82900NED/table",
    ]
    assert rows.loc["ervaren_gezondheid_goed", "periods"] == "2016, 2020, 2022"
    assert rows.loc["voortijdig_schoolverlaters", "periods"] == "2012/2013–2022/2023"
    assert rows.loc["vrijwilligerswerk", "level"] == "gemeenten (alleen Drenthe)"
    assert rows.loc["vrijwilligerswerk", "coverage_text"] == "11 van 12 gemeenten (92%)"
    assert rows.loc["vrijwilligerswerk", "link"] == ""  # the report has no URL
    assert rows.loc["tabel1_bijstand", "level"] == "COROP-regio's"
    assert math.isnan(rows.loc["tabel1_bijstand", "coverage"])
    assert rows.loc["tevredenheid_met_leven", "level"] == "Drenthe (provincie)"
    # 341 of 342 is not rounded up to 100%
    assert rows.loc["opleidingsniveau_hoog", "coverage_text"] == "341 van 342 gemeenten (99%)"


def test_catalog_english(store):
    rows = catalog_table(store, "en").set_index("id")
    assert rows.loc["werkloosheid", "direction"] == "lower is better"
    assert rows.loc["werkloosheid", "coverage_text"] == "342 of 342 municipalities (100%)"
    assert rows.loc["werkloosheid", "source"] == "CBS, table 86088NED"


def test_gemeente_coverage_per_period(store):
    # README of the CBS folder: 83674NED 2016 GM2025 324/322, 85012NED 337/335,
    # 85563NED 341/339 (present / with a value)
    cov = gemeente_coverage(store, "ervaren_gezondheid_goed")
    assert cov["period"].tolist() == ["2016", "2020", "2022"]
    assert cov["n"].tolist() == [322, 335, 339]
    assert set(cov["of"]) == {342}
    assert gemeente_coverage(store, "tevredenheid_met_leven").empty


def test_periods_text():
    assert periods_text(["2019", "2020", "2021"]) == "2019–2021"
    assert periods_text(["2016", "2020", "2022"]) == "2016, 2020, 2022"
    assert periods_text(["2022", "2023"]) == "2022, 2023"
    assert periods_text(["2021H1", "2021H2", "2022H1"]) == (
        "1e halfjaar 2021, 2e halfjaar 2021, 1e halfjaar 2022"
    )


def test_search_catalog(catalog_nl):
    found = search_catalog(catalog_nl, "materiele MEDIAAN")["id"].tolist()
    assert found == ["inkomen_gestandaardiseerd_mediaan", "vermogen_mediaan"]
    assert search_catalog(catalog_nl, "86088NED")["id"].tolist() == [
        "netto_arbeidsparticipatie",
        "werkloosheid",
    ]
    assert search_catalog(catalog_nl, "  ") is catalog_nl
    assert search_catalog(catalog_nl, "geen-bestaand-woord").empty


def test_catalog_display_headers(catalog_nl):
    shown = catalog_display(catalog_nl)
    assert list(shown.columns)[:4] == ["Id", "Indicator", "Definitie", "Thema"]
    assert "Dekking gemeenten (laatste periode)" in shown.columns
    assert "links" not in shown.columns
