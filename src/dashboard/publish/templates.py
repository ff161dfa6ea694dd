"""The templates of Eigen gegevens (model/upload.py): CSV and Excel with the gemeenten of a
province filled in, and an example that the reader accepts as it is (tests check both)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Font

TEMPLATE_PERIODS = ("2023", "2024")
# the example's figures are made up (they say so in their label)
EXAMPLE_LABEL = "Voorbeeld: deelnemers buurtpanel (verzonnen cijfers)"


def _rows(gemeenten: Sequence[tuple[str, str]], example: bool) -> list[list[object]]:
    rows: list[list[object]] = [["gemeente", "code", *TEMPLATE_PERIODS]]
    for i, (code, name) in enumerate(gemeenten):
        values = [round(40 + 3.5 * i, 1), round(42 + 3.25 * i, 1)] if example else ["", ""]
        rows.append([name, code, *values])
    return rows


def template_csv(gemeenten: Sequence[tuple[str, str]], example: bool = False) -> bytes:
    """Wide CSV, semicolon-separated with a decimal comma (Dutch Excel), UTF-8 with BOM: a
    row per gemeente, a column per period; the ``code`` column is for people (the reader
    matches the names)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for row in _rows(gemeenten, example):
        writer.writerow([str(v).replace(".", ",") if isinstance(v, float) else v for v in row])
    return buffer.getvalue().encode("utf-8-sig")


def template_xlsx(gemeenten: Sequence[tuple[str, str]], example: bool = False) -> bytes:
    """The same as a workbook, with a sheet ``metadata`` (veld, waarde) for label, unit,
    decimals, direction, theme and region rule."""
    wb = Workbook()
    data = wb.active
    data.title = "gegevens"
    for row in _rows(gemeenten, example):
        data.append([None if v == "" else v for v in row])
    for cell in data[1]:
        cell.font = Font(bold=True)
    meta = wb.create_sheet("metadata")
    for row in (
        ("veld", "waarde"),
        ("label", EXAMPLE_LABEL if example else ""),
        ("eenheid", "count"),
        ("decimalen", 1),
        ("richting", 1 if example else 0),
        ("thema", ""),
        ("regioregel", "sum" if example else "mean_population"),
    ):
        meta.append(list(row))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
