"""Reader of the project's own tidy CSV format (e.g. data/sociale_agenda_2024/observations.csv).

The format is deliberately plain so that it can be typed and checked in a spreadsheet:

* UTF-8 (with or without BOM), comma-separated, a decimal point (58.5, never 58,5);
* one header row with at least ``indicator_id``, ``region_code``, ``period`` and ``value``;
  ``lower``, ``upper`` (a published interval) and ``status`` (one of
  :data:`dashboard.model.schema.STATUSES`) are optional; any other columns (source reference,
  line, note) are kept in the file for people and ignored here;
* one row per (indicator, region, period); a missing value is a row left out, never an empty
  ``value`` cell;
* ``period`` in the canonical form of :func:`dashboard.schema.parse_period` ("2023",
  "2012/2013", "2024H1").

Every problem raises :class:`DataError` naming the file, the row as a spreadsheet counts it
(the header is row 1) and the column.
"""

from __future__ import annotations

import csv
import io
import math
import re
from pathlib import Path

import pandas as pd

from dashboard.model.errors import DataError
from dashboard.model.schema import STATUSES, PeriodError, make_observations, parse_period

REQUIRED_COLUMNS = ("indicator_id", "region_code", "period", "value")
OPTIONAL_COLUMNS = ("lower", "upper", "status")
NUMBER_COLUMNS = ("value", "lower", "upper")

# "58,5", "-0,8", "1.234,5": a number written with a Dutch decimal comma
_DECIMAL_COMMA = re.compile(r"^[+-]?\d{1,3}(\.\d{3})*,\d+$|^[+-]?\d+,\d+$")
_OTHER_SEPARATORS = {";": "semicolon (;)", "\t": "tab"}


def _parse_number(text: str, where: str) -> float:
    if _DECIMAL_COMMA.match(text):
        suggestion = text.replace(".", "").replace(",", ".")
        raise DataError(
            f"{where}: {text!r} uses a decimal comma; write numbers with a decimal point "
            f"({suggestion})."
        )
    try:
        number = float(text)
    except ValueError:
        raise DataError(f"{where}: {text!r} is not a number.") from None
    if not math.isfinite(number):
        raise DataError(f"{where}: {text!r} is not a finite number.")
    return number


def _read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError(f"{path}: file not found.") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(
            f"{path}: not UTF-8 text (byte {exc.start}); save the file as UTF-8 CSV."
        ) from None


def _check_header(path: Path, header: list[str]) -> None:
    if len(header) == 1:
        for sep, name in _OTHER_SEPARATORS.items():
            if sep in header[0]:
                raise DataError(
                    f"{path}, row 1: the header is separated by {name}; expected "
                    "comma-separated values (save as 'CSV (comma delimited)')."
                )
    dupes = sorted({c for c in header if header.count(c) > 1})
    if dupes:
        raise DataError(f"{path}, row 1: column(s) {', '.join(dupes)} occur more than once.")
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise DataError(
            f"{path}, row 1: missing column(s) {', '.join(missing)}; found "
            f"{', '.join(h or '(empty)' for h in header)}. The header needs "
            f"{', '.join(REQUIRED_COLUMNS)} (optional: {', '.join(OPTIONAL_COLUMNS)})."
        )


def read_tidy(
    path: Path,
    known_regions: set[str] | None = None,
    known_indicators: set[str] | None = None,
) -> pd.DataFrame:
    """Read and check one tidy CSV file; return it in the observation schema.

    ``known_regions`` / ``known_indicators``: when given, every region code / indicator id must
    be one of them. Raises :class:`DataError` on the first problem found.
    """
    path = Path(path)
    text = _read_text(path)
    if not text.strip():
        raise DataError(f"{path}: the file is empty; expected a header row and data rows.")
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as exc:
        raise DataError(f"{path}: not readable as CSV ({exc}); check the quotes.") from None
    header = [h.strip() for h in records[0]]
    _check_header(path, header)
    col = {name: i for i, name in enumerate(header)}

    rows: list[dict] = []
    first_row_of: dict[tuple[str, str, str], int] = {}
    for row_number, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue  # a blank line
        if len(record) != len(header):
            hint = ""
            if len(record) > len(header):
                hint = (
                    " Is a number written with a decimal comma, or does a text cell "
                    "contain a comma without quotes?"
                )
            raise DataError(
                f"{path}, row {row_number}: {len(record)} cells, but the header has "
                f"{len(header)}.{hint}"
            )
        cells = {name: record[i].strip() for name, i in col.items()}

        def where(column: str, row_number: int = row_number) -> str:
            return f"{path}, row {row_number}, column {column}"

        for name in ("indicator_id", "region_code", "period"):
            if not cells[name]:
                raise DataError(f"{where(name)}: the cell is empty.")
        indicator, region, period = cells["indicator_id"], cells["region_code"], cells["period"]
        if known_indicators is not None and indicator not in known_indicators:
            raise DataError(
                f"{where('indicator_id')}: unknown indicator {indicator!r} (not in the catalogue)."
            )
        if known_regions is not None and region not in known_regions:
            raise DataError(
                f"{where('region_code')}: unknown region code {region!r}; use a CBS code "
                "such as GM0106, PV22, CR07 or NL01."
            )
        try:
            canonical = parse_period(period)
        except PeriodError as exc:
            raise DataError(f"{where('period')}: {exc}.") from None
        if canonical != period:
            raise DataError(
                f"{where('period')}: period {period!r} is not in canonical form; "
                f"write {canonical!r}."
            )
        status = cells.get("status", "")
        if status not in STATUSES:
            valid = ", ".join(repr(s) for s in STATUSES)
            raise DataError(f"{where('status')}: unknown status {status!r}; use one of {valid}.")

        if not cells["value"]:
            raise DataError(
                f"{where('value')}: value is empty; leave the row out for a missing value."
            )
        numbers = {"value": _parse_number(cells["value"], where("value"))}
        for name in ("lower", "upper"):
            cell = cells.get(name, "")
            numbers[name] = _parse_number(cell, where(name)) if cell else math.nan
        value, lower, upper = numbers["value"], numbers["lower"], numbers["upper"]
        if lower > upper:  # False when either is NaN
            raise DataError(
                f"{where('lower')}: lower bound {cells['lower']} is greater than upper bound "
                f"{cells['upper']}."
            )
        if value < lower or value > upper:
            bound = "lower" if value < lower else "upper"
            raise DataError(
                f"{where('value')}: value {cells['value']} lies outside the interval "
                f"[{cells.get('lower') or '-'}, {cells.get('upper') or '-'}] "
                f"(beyond the {bound} bound)."
            )

        key = (indicator, region, period)
        if key in first_row_of:
            raise DataError(
                f"{path}: rows {first_row_of[key]} and {row_number} both give indicator "
                f"{indicator!r}, region {region!r}, period {period!r}; keep one."
            )
        first_row_of[key] = row_number
        rows.append(
            {
                "indicator_id": indicator,
                "region_code": region,
                "period": period,
                "value": value,
                "lower": lower,
                "upper": upper,
                "status": status,
            }
        )

    if not rows:
        raise DataError(f"{path}: the file has a header but no data rows.")
    return make_observations(pd.DataFrame(rows))
