"""Eigen gegevens: a user's own indicator table read from bytes and a file name (pure).

One reader serves the app's upload (kept in the session only, app/uploads.py) and
``python -m dashboard import FILE --id ID`` (a persistent local source, :mod:`dashboard.model.own`).

Accepted files
    CSV (``,`` or ``;`` separated, UTF-8 with or without BOM, or cp1252; decimal point or
    decimal comma, one style per file) and Excel ``.xlsx`` (the first sheet; formula cells
    are refused, paste the values). An optional sheet ``metadata`` (or ``eigenschappen``)
    holds ``veld, waarde`` rows: label, eenheid, decimalen, richting, thema, regioregel.
Two shapes, recognised from the header
    *tidy*: columns gemeente (or regio, code, naam), periode, waarde, optional onder, boven
    (an interval) and indicator (one indicator per file); *wide*: a first column gemeente
    and one column per period (``2021``, ``2022``, ``2012/2013`` …).
Areas
    A CBS code (GM0106, CR07, PV22, NL01) or a name, matched case- and accent-insensitively
    with the project's area lists, historical gemeenten included (store.names and the
    gebieden's StatLine labels). A name that fits several areas (Groningen: the gemeente and
    the province; Bergen) or none is an error naming the row.
Missing values
    An empty cell is missing: no observation, never 0.

Every problem raises :class:`UploadError`, whose text (i18n ``upload_err_*``) names the file,
the row as a spreadsheet counts it (the header is row 1), the column and what was expected.
Nothing is half-read: a file either yields an :class:`Upload` or an error.
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
import re
import unicodedata
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

import pandas as pd

from dashboard.model.catalog import AGGREGATIONS, DIRECTIONS, Catalog, Indicator, Source
from dashboard.model.errors import DataError
from dashboard.model.schema import PeriodError, make_observations, parse_period
from dashboard.text.i18n import t

MAX_BYTES = 5 * 1024 * 1024  # also the app's upload limit (st.file_uploader max_upload_size)
MAX_ROWS = 20_000  # data rows of one file
OWN_THEME = "eigen_gegevens"  # the theme of an upload whose file names none
OWN_THEME_ENTRY = {"label_nl": "Eigen gegevens", "label_en": "Own data", "order": 0}
UPLOAD_ID = "eigen_gegevens"  # the id of a session's upload (one per session)
SOURCE_KIND = "upload"  # Source.kind of an own indicator (sentences.source_citation)
AGGREGATION_CHOICES = ("mean_population", "sum", "none")  # ratio needs components
METADATA_SHEETS = ("metadata", "eigenschappen")

# header aliases (compared after normalising: lower case, no accents, no spaces/underscores)
_REGION = (
    "gemeente",
    "gemeentecode",
    "gemeentenaam",
    "regio",
    "regiocode",
    "region",
    "regioncode",
    "gebied",
    "code",
    "naam",
    "name",
    "gemeenten",
)
_REGION_CODE = ("gemeentecode", "regiocode", "regioncode", "code")
_PERIOD = ("periode", "period", "jaar", "year", "schooljaar")
_VALUE = ("waarde", "value")
_LOWER = ("onder", "ondergrens", "lower")
_UPPER = ("boven", "bovengrens", "upper")
_INDICATOR = ("indicator", "indicatorid", "indicatornaam")
_META_KEYS = {
    "label": "label",
    "naam": "label",
    "name": "label",
    "eenheid": "unit",
    "unit": "unit",
    "decimalen": "decimals",
    "decimals": "decimals",
    "richting": "direction",
    "direction": "direction",
    "thema": "theme",
    "theme": "theme",
    "regioregel": "aggregation",
    "aggregation": "aggregation",
    "regel": "aggregation",
}
_POINT = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_COMMA = re.compile(r"^[+-]?(\d+(,\d*)?|,\d+)$")
_COMMA_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$")
_CODE = re.compile(r"^(GM\d{4}|CR\d{2}|PV\d{2}|NL01|RD\d{2})$", re.IGNORECASE)


class _Areas(tuple):
    """Areas a name can be, as (level i18n key, name, code): worded in the message's
    language ('gemeente Groningen (GM0014), provincie Groningen (PV20)')."""

    def text(self, lang: str) -> str:
        return ", ".join(f"{t(key, lang)} {name} ({code})" for key, name, code in self)


class UploadError(DataError):
    """A problem with an uploaded or imported file; ``message(lang)`` says it in Dutch or
    English, ``str()`` in Dutch. ``key`` is the i18n key of the problem."""

    def __init__(
        self,
        key: str,
        file: str,
        row: int | None = None,
        column: str | None = None,
        **fields: object,
    ) -> None:
        self.key, self.file, self.row, self.column, self.fields = key, file, row, column, fields
        super().__init__(self.message("nl"))

    def message(self, lang: str = "nl") -> str:
        if self.row is not None and self.column is not None:
            where = t("upload_at_cell", lang, file=self.file, row=self.row, column=self.column)
        elif self.row is not None:
            where = t("upload_at_row", lang, file=self.file, row=self.row)
        elif self.column is not None:
            where = t("upload_at_column", lang, file=self.file, column=self.column)
        else:
            where = self.file
        fields = {k: v.text(lang) if isinstance(v, _Areas) else v for k, v in self.fields.items()}
        return f"{where}: {t(self.key, lang, **fields)}"


@dataclass(frozen=True)
class Meta:
    """What the file does not say by its numbers: label, unit, decimals, direction, theme and
    how a region value is computed. Defaults are shown in the app's form."""

    label: str
    unit: str = "count"
    decimals: int = 1
    direction: int = 0
    theme: str = OWN_THEME
    aggregation: str = "mean_population"


@dataclass(frozen=True)
class Upload:
    """A valid file: its observations (indicator_id is filled in by :func:`indicator_for`)."""

    filename: str
    shape: str  # "tidy" or "wide"
    observations: pd.DataFrame = field(compare=False, hash=False)
    meta: Meta  # the defaults, with what the file's metadata sheet says
    fingerprint: str  # sha256 of the bytes (first 16 hex digits)
    separator: str = ""  # CSV: "," or ";"; Excel: ""
    encoding: str = ""  # CSV: "utf-8" or "cp1252"

    @property
    def rows(self) -> int:
        return len(self.observations)

    @property
    def periods(self) -> list[str]:
        return sorted(self.observations["period"].unique())


# --- areas --------------------------------------------------------------------------------


def normalise_name(text: str) -> str:
    """'  Borger-Odoorn ' -> 'borger odoorn'; accents, case, hyphens and quotes do not count."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    plain = re.sub(r"[-_.'’`]", " ", plain)
    return " ".join(plain.split())


def _header_key(text: object) -> str:
    return normalise_name(str(text)).replace(" ", "")


@dataclass(frozen=True)
class AreaLookup:
    """Area names -> CBS codes (built once from the store's area lists)."""

    by_name: Mapping[str, tuple[str, ...]]  # normalised name -> codes
    names: Mapping[str, str]  # code -> display name
    codes: frozenset[str]

    @classmethod
    def of(cls, names: Mapping[str, str], gebieden: pd.DataFrame) -> AreaLookup:
        found: dict[str, set[str]] = {}

        def add(label: str, code: str) -> None:
            label = str(label).strip()
            if not label:
                return
            keys = {normalise_name(label)}
            base = re.sub(r"\s*\((gm|cr|pv|ld)\)$", "", label, flags=re.IGNORECASE)
            keys.add(normalise_name(base))
            for key in keys:
                found.setdefault(key, set()).add(code)
            # 'Bergen (NH.)' is also 'Bergen' (then ambiguous with 'Bergen (L.)')
            short = re.sub(r"\s*\([^)]*\)$", "", base)
            if short != base:
                found.setdefault(normalise_name(short), set()).add(code)

        for code, name in names.items():
            add(name, code)
        for col, code_col in (
            ("statline_label", "gemeente_code"),
            ("provincie_statline_label", "provincie_code"),
            ("corop_statline_label", "corop_code"),
        ):
            if col in gebieden:
                for label, code in zip(gebieden[col], gebieden[code_col], strict=True):
                    add(label, code)
        by_name = {k: tuple(sorted(v)) for k, v in found.items()}
        return cls(by_name=by_name, names=dict(names), codes=frozenset(names))


_LEVEL_KEYS = {
    "GM": "upload_level_gemeente",
    "CR": "upload_level_corop",
    "PV": "upload_level_provincie",
    "NL": "upload_level_land",
}


def _region_code(text: str, lookup: AreaLookup, file: str, row: int, column: str) -> str:
    if _CODE.match(text):
        code = text.upper()
        if code not in lookup.codes:
            raise UploadError("upload_err_unknown_code", file, row, column, value=text)
        return code
    codes = lookup.by_name.get(normalise_name(text), ())
    if len(codes) == 1:
        return codes[0]
    if not codes:
        raise UploadError("upload_err_unknown_name", file, row, column, value=text)
    options = _Areas((_LEVEL_KEYS.get(c[:2], "upload_level_gemeente"), lookup.names.get(c, c), c)
                     for c in codes)  # fmt: skip
    raise UploadError(
        "upload_err_ambiguous_name",
        file,
        row,
        column,
        value=text,
        options=options,
        codes=" / ".join(codes),
    )


# --- cells --------------------------------------------------------------------------------


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


class _Numbers:
    """Reads number cells, holding the file to one decimal style (point or comma)."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.style: str | None = None  # "point" or "comma", from the first cell that shows it
        self.style_row = 0

    def _style(self, style: str, text: str, row: int, column: str) -> None:
        if self.style is None:
            self.style, self.style_row = style, row
        elif self.style != style:
            key = "upload_err_mixed_point" if style == "point" else "upload_err_mixed_comma"
            raise UploadError(key, self.file, row, column, value=text, first=self.style_row)

    def read(self, value: object, row: int, column: str) -> float:
        """A number, or NaN for an empty cell (missing, never 0)."""
        if isinstance(value, (bool, datetime, date)):
            raise UploadError(
                "upload_err_not_number", self.file, row, column, value=_cell_text(value)
            )
        if isinstance(value, (int, float)):
            if not math.isfinite(value):
                raise UploadError("upload_err_not_finite", self.file, row, column, value=value)
            return float(value)
        text = _cell_text(value).replace("\u00a0", "").replace(" ", "")
        if not text:
            return math.nan
        if text.endswith("%"):
            raise UploadError(
                "upload_err_percent", self.file, row, column, value=text, number=text[:-1]
            )
        # '1.234,5' is Dutch; '1.234' only in a file that has shown a decimal comma (else a
        # decimal point: the file's first number sets its style)
        if _COMMA_THOUSANDS.match(text) and ("," in text or self.style == "comma"):
            self._style("comma", text, row, column)
            return float(text.replace(".", "").replace(",", "."))
        if _POINT.match(text):
            if "." in text:
                self._style("point", text, row, column)
            return float(text)
        if _COMMA.match(text):
            self._style("comma", text, row, column)
            return float(text.replace(",", "."))
        raise UploadError("upload_err_not_number", self.file, row, column, value=text)


def _period(value: object, file: str, row: int, column: str) -> str:
    text = _cell_text(value)
    if not text:
        raise UploadError("upload_err_empty_period", file, row, column)
    try:
        return parse_period(text)
    except PeriodError:
        raise UploadError("upload_err_period", file, row, column, value=text) from None


# --- files --------------------------------------------------------------------------------

Records = list[list[object]]  # rows of cells as read (text, numbers, None)


def _decode(data: bytes, file: str) -> tuple[str, str]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UploadError("upload_err_utf16", file)
    if b"\x00" in data:
        raise UploadError("upload_err_binary", file)
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as exc:
        row = data[: exc.start].count(b"\n") + 1
        raise UploadError(
            "upload_err_encoding", file, row, byte=f"0x{data[exc.start]:02X}"
        ) from None


def _csv_records(data: bytes, file: str) -> tuple[Records, str, str]:
    text, encoding = _decode(data, file)
    if not text.strip():
        raise UploadError("upload_err_empty", file)
    first = text.lstrip("\r\n").splitlines()[0]
    counts = {sep: first.count(sep) for sep in (",", ";")}
    if not any(counts.values()):
        if "\t" in first:
            raise UploadError("upload_err_tab", file, 1)
        raise UploadError("upload_err_one_column", file, 1, header=first.strip()[:40])
    separator = max(counts, key=counts.__getitem__)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True))
    except csv.Error as exc:
        raise UploadError("upload_err_quotes", file, detail=str(exc)) from None
    return [list(r) for r in rows], separator, encoding


def _xlsx_records(data: bytes, file: str) -> tuple[Records, dict[str, object], str]:
    """The first sheet's cells, the metadata sheet's fields and the first sheet's name."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise UploadError("upload_err_bad_xlsx", file) from None
    sheets = [ws for ws in book.worksheets if ws.title.strip().lower() not in METADATA_SHEETS]
    if not sheets:
        raise UploadError("upload_err_no_data_sheet", file)
    meta: dict[str, object] = {}
    for ws in book.worksheets:
        if ws.title.strip().lower() in METADATA_SHEETS:
            meta = _metadata_sheet(ws, file)
    ws = sheets[0]
    if ws.max_row > MAX_ROWS + 1:
        raise UploadError("upload_err_too_many_rows", file, rows=ws.max_row - 1, limit=MAX_ROWS)
    records: Records = []
    for cells in ws.iter_rows():
        row: list[object] = []
        for cell in cells:
            if cell.data_type == "f":
                names = records[0] if records else []
                i = cell.column - 1
                column = _cell_text(names[i]) if i < len(names) and _cell_text(names[i]) else None
                raise UploadError(
                    "upload_err_formula",
                    f"{file} ({ws.title})",
                    cell.row,
                    column or cell.column_letter,
                    cell=cell.coordinate,
                    formula=str(cell.value)[:40],
                )
            row.append(cell.value)
        records.append(row)
    return records, meta, ws.title


def _metadata_sheet(ws: Any, file: str) -> dict[str, object]:
    where = f"{file} ({ws.title})"
    meta: dict[str, object] = {}
    for number, cells in enumerate(ws.iter_rows(values_only=False), start=1):
        values = [c for c in cells[:2]]
        if any(c.data_type == "f" for c in values):
            cell = next(c for c in values if c.data_type == "f")
            raise UploadError(
                "upload_err_formula",
                where,
                number,
                "waarde" if cell.column == 2 else "veld",
                cell=cell.coordinate,
                formula=str(cell.value)[:40],
            )
        key = _cell_text(values[0].value) if values else ""
        value = values[1].value if len(values) > 1 else None
        if not key or _header_key(key) in ("veld", "field"):
            continue
        name = _META_KEYS.get(_header_key(key))
        if name is None:
            known = "label, eenheid, decimalen, richting, thema, regioregel"
            raise UploadError(
                "upload_err_meta_field", where, number, "veld", value=key, known=known
            )
        meta[name] = value
    return meta


def _trim(records: Records) -> Records:
    """Without trailing empty cells and wholly empty rows at the end."""
    out = [list(r) for r in records]
    while out and not any(_cell_text(c) for c in out[-1]):
        out.pop()
    return out


def _header(records: Records, file: str) -> list[str]:
    if not records or not any(_cell_text(c) for c in records[0]):
        raise UploadError("upload_err_empty", file)
    header = [_cell_text(c) for c in records[0]]
    while header and not header[-1]:
        header.pop()
    seen: dict[str, int] = {}
    for i, name in enumerate(header):
        if not name:
            raise UploadError("upload_err_empty_header", file, 1, None, position=i + 1)
        key = _header_key(name)
        if key in seen:
            raise UploadError("upload_err_duplicate_header", file, 1, name, value=name)
        seen[key] = i
    if len(records) < 2 or not any(any(_cell_text(c) for c in r) for r in records[1:]):
        raise UploadError("upload_err_only_header", file)
    return header


def _find(header: list[str], aliases: tuple[str, ...]) -> int | None:
    for i, name in enumerate(header):
        if _header_key(name) in aliases:
            return i
    return None


def _is_period(name: str) -> bool:
    try:
        parse_period(name)
    except PeriodError:
        return False
    return True


# --- the reader ---------------------------------------------------------------------------


def read_upload(
    data: bytes,
    filename: str,
    lookup: AreaLookup,
    max_rows: int = MAX_ROWS,
) -> Upload:
    """Read and check one file; every problem raises :class:`UploadError`."""
    name = filename.replace("\\", "/").rsplit("/", 1)[-1] or "bestand"
    file = name
    if len(data) > MAX_BYTES:
        raise UploadError(
            "upload_err_too_large",
            file,
            size=f"{len(data) / 1e6:.1f}",
            limit=f"{MAX_BYTES / 1e6:.0f}",
        )
    if not data:
        raise UploadError("upload_err_empty", file)
    ext = file.rsplit(".", 1)[-1].lower() if "." in file else ""
    meta_raw: dict[str, object] = {}
    separator = encoding = ""
    if ext == "xlsx":
        records, meta_raw, sheet = _xlsx_records(data, file)
        file = f"{name} ({sheet})"  # problems of the data name its sheet
    elif ext == "xls" or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise UploadError("upload_err_xls", file)
    elif ext in ("csv", "txt"):
        if data.startswith(b"PK\x03\x04"):
            raise UploadError("upload_err_zip_as_csv", file)
        records, separator, encoding = _csv_records(data, file)
    else:
        raise UploadError("upload_err_extension", file, ext=ext or "—")
    records = _trim(records)
    header = _header(records, file)
    if len(records) - 1 > max_rows:
        raise UploadError("upload_err_too_many_rows", file, rows=len(records) - 1, limit=max_rows)

    value_col, period_col = _find(header, _VALUE), _find(header, _PERIOD)
    # a code column wins over a name column; the other is kept for people and ignored
    region_col = _find(header, _REGION_CODE)
    region_col = _find(header, _REGION) if region_col is None else region_col
    if value_col is not None or period_col is not None:
        shape = "tidy"
        missing = [
            name
            for name, col in (
                ("gemeente", region_col),
                ("periode", period_col),
                ("waarde", value_col),
            )
            if col is None
        ]
        if missing:
            raise UploadError(
                "upload_err_tidy_columns",
                file,
                1,
                None,
                missing=", ".join(missing),
                found=", ".join(header),
            )
        _check_widths(records, header, file, ext == "xlsx")
        frame, label = _read_tidy(records, header, file, lookup, region_col, period_col, value_col)
    elif region_col is not None and any(_is_period(h) for h in header if h != header[region_col]):
        shape = "wide"
        _check_widths(records, header, file, ext == "xlsx")
        frame, label = _read_wide(records, header, file, lookup, region_col)
    else:
        raise UploadError("upload_err_no_shape", file, 1, None, found=", ".join(header))
    if frame.empty:
        raise UploadError("upload_err_no_values", file)

    default_label = label or re.sub(r"[_-]+", " ", name.rsplit(".", 1)[0]).strip() or name
    meta = meta_from(meta_raw, Meta(label=default_label, decimals=_decimals(frame)), name)
    return Upload(
        filename=name,
        shape=shape,
        observations=frame,
        meta=meta,
        fingerprint=hashlib.sha256(data).hexdigest()[:16],
        separator=separator,
        encoding=encoding,
    )


def _check_widths(records: Records, header: list[str], file: str, excel: bool) -> None:
    """No row has filled cells beyond the header's columns."""
    for number, record in enumerate(records[1:], start=2):
        cells = list(record)
        while cells and not _cell_text(cells[-1]):
            cells.pop()
        if len(cells) > len(header):
            key = "upload_err_extra_cells_xlsx" if excel else "upload_err_extra_cells"
            raise UploadError(key, file, number, None, cells=len(cells), header=len(header))


def _decimals(frame: pd.DataFrame) -> int:
    """The decimals the values are written with (at most 4): the default of the form."""
    most = 0
    for value in frame["value"]:
        text = f"{value:.4f}".rstrip("0")
        most = max(most, len(text.split(".")[1]) if "." in text else 0)
    return min(most, 4)


def _check_key(
    key: tuple[str, str], row: int, first: dict[tuple[str, str], int], file: str, lookup: AreaLookup
) -> None:
    if key in first:
        code, period = key
        raise UploadError(
            "upload_err_duplicate",
            file,
            row,
            None,
            first=first[key],
            name=lookup.names.get(code, code),
            code=code,
            period=period,
        )
    first[key] = row


def _read_tidy(
    records: Records,
    header: list[str],
    file: str,
    lookup: AreaLookup,
    region_col: int,
    period_col: int,
    value_col: int,
) -> tuple[pd.DataFrame, str]:
    lower_col, upper_col = _find(header, _LOWER), _find(header, _UPPER)
    indicator_col = _find(header, _INDICATOR)
    numbers = _Numbers(file)
    rows: list[dict] = []
    first: dict[tuple[str, str], int] = {}
    indicator, indicator_row = "", 0
    for number, record in enumerate(records[1:], start=2):
        cells = record + [None] * (len(header) - len(record))
        if not any(_cell_text(c) for c in cells):
            continue
        if indicator_col is not None:
            name = _cell_text(cells[indicator_col])
            if name and not indicator:
                indicator, indicator_row = name, number
            elif name and name != indicator:
                raise UploadError(
                    "upload_err_two_indicators",
                    file,
                    number,
                    header[indicator_col],
                    value=name,
                    first=indicator,
                    first_row=indicator_row,
                )
        region_text = _cell_text(cells[region_col])
        if not region_text:
            raise UploadError("upload_err_empty_region", file, number, header[region_col])
        code = _region_code(region_text, lookup, file, number, header[region_col])
        period = _period(cells[period_col], file, number, header[period_col])
        value = numbers.read(cells[value_col], number, header[value_col])
        lower = numbers.read(cells[lower_col], number, header[lower_col]) if lower_col else math.nan
        upper = numbers.read(cells[upper_col], number, header[upper_col]) if upper_col else math.nan
        if math.isnan(value):
            if not (math.isnan(lower) and math.isnan(upper)):
                raise UploadError(
                    "upload_err_bounds_without_value", file, number, header[value_col]
                )
            _check_key((code, period), number, first, file, lookup)
            continue  # missing: no observation
        if lower > upper:
            raise UploadError(
                "upload_err_lower_upper",
                file,
                number,
                header[lower_col],
                lower=_cell_text(cells[lower_col]),
                upper=_cell_text(cells[upper_col]),
            )
        if lower > value:
            raise UploadError(
                "upload_err_lower_value",
                file,
                number,
                header[lower_col],
                lower=_cell_text(cells[lower_col]),
                value=_cell_text(cells[value_col]),
            )
        if upper < value:
            raise UploadError(
                "upload_err_upper_value",
                file,
                number,
                header[upper_col],
                upper=_cell_text(cells[upper_col]),
                value=_cell_text(cells[value_col]),
            )
        _check_key((code, period), number, first, file, lookup)
        rows.append(
            {"region_code": code, "period": period, "value": value, "lower": lower, "upper": upper}
        )
    return _frame(rows), indicator


def _read_wide(
    records: Records, header: list[str], file: str, lookup: AreaLookup, region_col: int
) -> tuple[pd.DataFrame, str]:
    periods: dict[int, str] = {}
    for i, name in enumerate(header):
        if i == region_col or _header_key(name) in _REGION:
            continue
        if not _is_period(name):
            raise UploadError("upload_err_wide_column", file, 1, name, value=name)
        periods[i] = parse_period(name)
    seen: dict[str, str] = {}
    for i, period in periods.items():
        if period in seen:
            raise UploadError(
                "upload_err_wide_same_period",
                file,
                1,
                header[i],
                first=seen[period],
                value=header[i],
            )
        seen[period] = header[i]
    numbers = _Numbers(file)
    rows: list[dict] = []
    first: dict[tuple[str, str], int] = {}
    for number, record in enumerate(records[1:], start=2):
        cells = record + [None] * (len(header) - len(record))
        if not any(_cell_text(c) for c in cells):
            continue
        region_text = _cell_text(cells[region_col])
        if not region_text:
            raise UploadError("upload_err_empty_region", file, number, header[region_col])
        code = _region_code(region_text, lookup, file, number, header[region_col])
        for i, period in periods.items():
            value = numbers.read(cells[i], number, header[i])
            _check_key((code, period), number, first, file, lookup)
            if not math.isnan(value):
                rows.append({"region_code": code, "period": period, "value": value})
    return _frame(rows), ""


def _frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["region_code", "period", "value", "lower", "upper"])
    frame.insert(0, "indicator_id", UPLOAD_ID)
    return make_observations(frame).sort_values(["region_code", "period"], ignore_index=True)


# --- metadata -----------------------------------------------------------------------------

_DIRECTION_WORDS = {
    "1": 1,
    "+1": 1,
    "hoger is beter": 1,
    "higher is better": 1,
    "beter": 1,
    "-1": -1,
    "hoger is slechter": -1,
    "higher is worse": -1,
    "slechter": -1,
    "0": 0,
    "neutraal": 0,
    "neutral": 0,
}


def meta_from(raw: Mapping[str, object], defaults: Meta, file: str) -> Meta:
    """``defaults`` with what a metadata sheet (or the command line) says, checked."""
    meta = defaults
    for name, value in raw.items():
        text = _cell_text(value)
        if not text:
            continue
        if name == "label":
            meta = replace(meta, label=text[:120])
        elif name == "decimals":
            if not re.fullmatch(r"[0-4]", text):
                raise UploadError("upload_err_meta_decimals", file, value=text)
            meta = replace(meta, decimals=int(text))
        elif name == "direction":
            if normalise_name(text) not in _DIRECTION_WORDS and text not in _DIRECTION_WORDS:
                raise UploadError("upload_err_meta_direction", file, value=text)
            direction = _DIRECTION_WORDS.get(text, _DIRECTION_WORDS.get(normalise_name(text), 0))
            meta = replace(meta, direction=direction)
        elif name == "aggregation":
            if text not in AGGREGATION_CHOICES:
                raise UploadError(
                    "upload_err_meta_aggregation",
                    file,
                    value=text,
                    known=", ".join(AGGREGATION_CHOICES),
                )
            meta = replace(meta, aggregation=text)
        elif name in ("unit", "theme"):  # checked against the vocabulary by check_meta
            meta = replace(meta, **{name: text})
    return meta


def check_meta(meta: Meta, catalog: Catalog, file: str) -> Meta:
    """The unit and theme must be the vocabulary's (key or label, Dutch or English)."""

    def resolve(value: str, table: Mapping[str, Mapping[str, Any]], key: str, extra=()) -> str:
        if value in table or value in extra:
            return value
        wanted = normalise_name(value)
        for name, entry in table.items():
            labels = (
                entry.get("label_nl", ""),
                entry.get("label_en", ""),
                entry.get("symbol_nl", ""),
                name,
            )
            if wanted in {normalise_name(str(x)) for x in labels}:
                return name
        raise UploadError(key, file, value=value, known=", ".join([*extra, *table]))

    unit = resolve(meta.unit, catalog.units, "upload_err_meta_unit")
    theme = resolve(meta.theme, catalog.themes, "upload_err_meta_theme", (OWN_THEME,))
    if meta.direction not in DIRECTIONS or meta.aggregation not in AGGREGATIONS:
        raise UploadError(
            "upload_err_meta_aggregation",
            file,
            value=meta.aggregation,
            known=", ".join(AGGREGATION_CHOICES),
        )
    return replace(meta, unit=unit, theme=theme)


# characters that markdown, HTML or Streamlit's math give a meaning -> look-alikes that are
# only text; the app shows catalogue labels in titles and sentences as markdown
_LOOK_ALIKES = str.maketrans({"<": "‹", ">": "›", "*": "∗", "_": " ", "[": "(", "]": ")",
                              "`": "'", "|": "¦", "\\": "/", "~": "∼", "$": "＄", "#": "♯",
                              "&": "＆"})  # fmt: skip


def plain_label(text: str) -> str:
    """An untrusted label as text that shows the same in markdown, HTML and plain widgets:
    control characters dropped, whitespace runs one space, markup characters replaced by
    look-alikes ('<b>' -> '‹b›'), at most 120 characters. A leading '=' stays: downloads
    neutralise it (publish.export.neutralise)."""
    kept = "".join(c for c in str(text) if unicodedata.category(c)[0] != "C" or c in "\t\n")
    return " ".join(kept.translate(_LOOK_ALIKES).split())[:120] or "?"


def indicator_for(
    upload_meta: Meta, indicator_id: str, uploaded: date, persistent: bool = False
) -> Indicator:
    """The catalogue entry of an own indicator; its label is :func:`plain_label`."""
    label = plain_label(upload_meta.label)
    source = Source(
        kind=SOURCE_KIND, name="eigen" if persistent else "upload", reference=uploaded.isoformat()
    )
    return Indicator(
        id=indicator_id,
        label_nl=label,
        label_en=label,
        definition_nl=t("upload_definition", "nl"),
        definition_en=t("upload_definition", "en"),
        theme=upload_meta.theme,
        perspective="hier_en_nu",
        unit=upload_meta.unit,
        decimals=upload_meta.decimals,
        direction=upload_meta.direction,
        aggregation=upload_meta.aggregation,
        comparable=True,
        licence=t("upload_licence", "nl"),
        sources=(source,),
    )


def with_indicators(store: Any, extra: list[tuple[Indicator, pd.DataFrame]]) -> Any:
    """A new store with these indicators and their observations added; ``store`` is not
    changed (the app's shared store stays as it is)."""
    from dashboard.model.store import Store

    if not extra:
        return store
    indicators = dict(store.catalog.indicators)
    themes = dict(store.catalog.themes)
    parts = [store.observations]
    for ind, observations in extra:
        indicators[ind.id] = ind
        if ind.theme == OWN_THEME:
            themes.setdefault(OWN_THEME, OWN_THEME_ENTRY)
        parts.append(observations.assign(indicator_id=ind.id))
    catalog = replace(store.catalog, indicators=indicators, themes=themes)
    return Store(
        catalog=catalog,
        observations=pd.concat(parts, ignore_index=True),
        gebieden=store.gebieden,
        names=store.names,
        household_weights=store.household_weights,
        components=store.components,
        origin=store.origin,
        class_breaks=store.class_breaks,  # keyed by their inputs: an upload's are computed
    )


def is_own(indicator: Indicator) -> bool:
    return any(s.kind == SOURCE_KIND for s in indicator.sources)
