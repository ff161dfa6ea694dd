"""Downloads of exactly what a view shows, and the catalogue of "Over de data" (pure).

CSV (:func:`to_csv`)
    Every line is a valid CSV record. First a block of metadata lines, one field each:
    ``# Bron: …``, ``# Licentie: …``, ``# Geëxporteerd op: 2025-01-31`` (ISO date; title and
    view URL when given), then one empty line, then the header and the rows. Readers skip
    everything up to the first empty line (``pd.read_csv(..., skiprows=n)``). Records end
    with CRLF (RFC 4180). The frame's index is not written.

    Two dialects: plain (UTF-8 without BOM, ``,`` separator, decimal point) and
    ``dutch_excel`` (UTF-8 *with* BOM so Excel detects the encoding, ``;`` separator and a
    decimal comma, which a Dutch Excel opens without an import wizard). Numbers are written
    in full (shortest round-trip form, no thousands separators, integral floats without
    ``.0``); missing values (None, NaN, pd.NA) are empty fields.

Formula injection (:func:`neutralise`)
    In a CSV, a *text* cell or header starting with ``=``, ``+``, ``-`` or ``@`` (and, as
    OWASP advises, tab or carriage return) gets a leading single quote, so a spreadsheet
    shows it as text instead of running it. Numbers are never touched: -3.5 stays the number
    -3.5 (and every formatted value of a download has its number beside it,
    publish.downloads). A CSV has no other way to say "text": ``+1,2 procentpunt`` keeps its
    quote there.

Excel (:func:`to_excel`)
    openpyxl workbook with a data sheet (numbers as numbers, header bold and frozen) and a
    ``bron`` sheet (``source`` in English) with title, source, licence, export date and URL.
    A workbook can say "text" without a visible mark: such a text is stored as a string cell
    (never a formula) with Excel's hidden quote prefix (``quotePrefix``), so Excel shows
    ``+1,2 procentpunt`` as it is and keeps it text when the cell is edited.

Catalogue (:func:`catalog_table`)
    One row per indicator in display order (themes, then catalogue order) for the searchable
    table on "Over de data"; :func:`search_catalog` filters it.
"""

from __future__ import annotations

import csv
import io
import math
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from dashboard.model.catalog import Indicator, Source
from dashboard.model.schema import is_year
from dashboard.model.store import Store, level
from dashboard.text import numbers, sentences
from dashboard.text.i18n import t
from dashboard.text.numbers import period_label
from dashboard.vocabulary import DRENTHE_CODE

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CBS_DATASET_URL = "https://opendata.cbs.nl/statline/#/CBS/nl/dataset/{table}/table"
_MAX_WIDTH = 60


# --- metadata -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportMeta:
    """What a download says about itself. ``exported`` is given by the caller (today's date
    in the app), so exports are reproducible and testable."""

    source: str
    licence: str
    exported: date
    title: str = ""
    url: str = ""
    lang: str = "nl"

    def items(self) -> list[tuple[str, str]]:
        """(label, value) pairs in ``lang``: title, source, licence, export date, view URL;
        empty title and URL are left out."""
        pairs = [
            ("export_title", self.title),
            ("export_source", self.source),
            ("export_licence", self.licence),
            ("export_date", self.exported.isoformat()),
            ("export_view", self.url),
        ]
        return [(t(key, self.lang), value) for key, value in pairs if value]

    @classmethod
    def for_indicators(
        cls,
        indicators: Iterable[Indicator],
        exported: date,
        lang: str = "nl",
        title: str = "",
        url: str = "",
    ) -> ExportMeta:
        """Sources and licences of the indicators shown, each named once, in order."""
        inds = list(indicators)
        sources = dict.fromkeys(sentences.citation(ind, lang) for ind in inds)
        licences = dict.fromkeys(ind.licence for ind in inds)
        return cls("; ".join(sources), "; ".join(licences), exported, title, url, lang)


# --- cells ----------------------------------------------------------------------------------


def neutralise(value: object) -> object:
    """A text starting with = + - @ (or tab/CR) gets a leading ``'``; anything that is not a
    string (numbers included, negative ones too) is returned unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _missing(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float | np.floating) and math.isnan(value)


def _python(value: object) -> object:
    """numpy scalars as Python scalars; missing as None."""
    if _missing(value):
        return None
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    return value


def format_csv_number(value: float | int, decimal: str = ".") -> str:
    """Full precision, no thousands separators: 58.5 -> '58,5' (decimal ','), 12.0 -> '12',
    -3.5 -> '-3.5'; non-finite -> ''."""
    if isinstance(value, int):
        return str(value)
    if not math.isfinite(value):
        return ""
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value)).replace(".", decimal)


def csv_cell(value: object, decimal: str = ".") -> str:
    """One CSV field: numbers via :func:`format_csv_number`, text neutralised."""
    value = _python(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return format_csv_number(value, decimal)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(neutralise(str(value)))


def _one_line(value: str) -> str:
    return " ".join(str(value).split())


# --- CSV ------------------------------------------------------------------------------------


def to_csv(frame: pd.DataFrame, meta: ExportMeta, dutch_excel: bool = False) -> bytes:
    """The frame as CSV bytes with a metadata block first (see the module docstring)."""
    sep, decimal = (";", ",") if dutch_excel else (",", ".")
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=sep, lineterminator="\r\n")
    for label, value in meta.items():
        writer.writerow([f"# {label}: {_one_line(value)}"])
    writer.writerow([])
    writer.writerow([csv_cell(str(c)) for c in frame.columns])
    for row in frame.itertuples(index=False, name=None):
        writer.writerow([csv_cell(v, decimal) for v in row])
    return buffer.getvalue().encode("utf-8-sig" if dutch_excel else "utf-8")


# --- Excel ----------------------------------------------------------------------------------


def excel_cell(value: object) -> object:
    """A cell value for openpyxl: numbers and dates as such, text without the control
    characters Excel cannot store (a text starting with = + - @ is marked as text by
    :func:`_keep_text`, not changed); missing as None (an empty cell)."""
    value = _python(value)
    if value is None or isinstance(value, bool | int | float | datetime | date):
        if isinstance(value, float) and not math.isfinite(value):
            return None
        return value
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))


def _keep_text(sheet: Worksheet) -> None:
    """Every text cell that a spreadsheet would read as a formula (= + - @ first) becomes a
    string cell with Excel's hidden quote prefix: shown as it is, never run."""
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith(FORMULA_PREFIXES):
                cell.data_type = "s"  # openpyxl made '=...' a formula
                cell.quotePrefix = True


def _widths(rows: Sequence[Sequence[object]]) -> list[int]:
    widths: list[int] = []
    for row in rows:
        for i, value in enumerate(row):
            size = len(str(value)) if value is not None else 0
            if i == len(widths):
                widths.append(size)
            else:
                widths[i] = max(widths[i], size)
    return [min(_MAX_WIDTH, w + 2) for w in widths]


def to_excel(frame: pd.DataFrame, meta: ExportMeta) -> bytes:
    """An .xlsx workbook: a data sheet and a source sheet (see the module docstring)."""
    wb = Workbook()
    data = wb.active
    data.title = t("export_sheet_data", meta.lang)
    header = [excel_cell(str(c)) for c in frame.columns]
    rows = [[excel_cell(v) for v in row] for row in frame.itertuples(index=False, name=None)]
    data.append(header)
    for row in rows:
        data.append(row)
    for cell in data[1]:
        cell.font = Font(bold=True)
    data.freeze_panes = "A2"
    _keep_text(data)
    for i, width in enumerate(_widths([header, *rows]), start=1):
        data.column_dimensions[get_column_letter(i)].width = width

    bron = wb.create_sheet(t("export_sheet_source", meta.lang))
    items = [[excel_cell(label), excel_cell(value)] for label, value in meta.items()]
    for item in items:
        bron.append(item)
    for row in bron.iter_rows(min_col=1, max_col=1):
        row[0].font = Font(bold=True)
    _keep_text(bron)
    for i, width in enumerate(_widths(items), start=1):
        bron.column_dimensions[get_column_letter(i)].width = width

    stamp = datetime.combine(meta.exported, time())
    wb.properties.creator = t("app_title", meta.lang)
    wb.properties.created = stamp
    wb.properties.modified = stamp
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


# --- the catalogue of "Over de data" --------------------------------------------------------

CATALOG_COLUMNS = [
    "id",
    "label",
    "definition",
    "theme",
    "perspective",
    "unit",
    "direction",
    "source",
    "link",
    "links",
    "licence",
    "level",
    "periods",
    "n_periods",
    "latest_period",
    "coverage",
    "coverage_text",
    "notes",
]
_CATALOG_HEADERS = {
    "id": "catalog_id",
    "label": "catalog_label",
    "definition": "catalog_definition",
    "theme": "catalog_theme",
    "perspective": "catalog_perspective",
    "unit": "catalog_unit",
    "direction": "catalog_direction",
    "source": "catalog_source",
    "link": "catalog_link",
    "licence": "catalog_licence",
    "level": "catalog_level",
    "periods": "catalog_periods",
    "latest_period": "catalog_latest",
    "coverage_text": "catalog_coverage",
    "notes": "catalog_notes",
}
_DIRECTION_KEYS = {1: "catalog_direction_up", -1: "catalog_direction_down"}


def source_links(sources: Sequence[Source]) -> list[str]:
    """StatLine URLs of the CBS tables (denominator tables included) and the ``url`` of
    other sources, each once, in order."""
    links: list[str] = []
    for s in sources:
        if s.kind == "cbs":
            for table in (s.table, s.denominator_table):
                if table:
                    links.append(CBS_DATASET_URL.format(table=table))
        elif s.url:
            links.append(s.url)
    return list(dict.fromkeys(links))


def _consecutive(periods: Sequence[str]) -> bool:
    starts = [int(p[:4]) for p in periods]
    same_kind = all(is_year(p) for p in periods) or all("/" in p for p in periods)
    return same_kind and all(b - a == 1 for a, b in zip(starts, starts[1:], strict=False))


def periods_text(periods: Sequence[str], lang: str = "nl") -> str:
    """'2011–2023' for an unbroken run of years or school years, else a list
    ('2016, 2020, 2022'); half years by their label."""
    labels = [period_label(p, lang) for p in periods]
    if len(periods) > 2 and _consecutive(periods):
        return f"{labels[0]}–{labels[-1]}"
    return ", ".join(labels)


def gemeente_coverage(
    store: Store, indicator_id: str, frame: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Per period: gemeenten with a value (``n``) out of the 2025 gemeenten of every province
    in which the indicator has gemeente values (``of``; the universe of
    :func:`store.coverage`: 342 for CBS tables, Drenthe's 12 for the Sociale Agenda), and the
    ``share``. Early periods of tables on yearly boundaries have lower shares partly because
    merged gemeenten did not exist yet. Empty for indicators without gemeente values.
    ``frame`` is ``store.frame(indicator_id)`` when the caller already has it."""
    f = store.frame(indicator_id) if frame is None else frame
    g = store.gebieden
    current = f[f["region_code"].isin(set(g["gemeente_code"].tolist())) & f["value"].notna()]
    provinces = set(g.loc[g["gemeente_code"].isin(set(current["region_code"])), "provincie_code"])
    universe = int(g["provincie_code"].isin(provinces).sum())
    if universe == 0:
        return pd.DataFrame({"period": [], "n": [], "of": [], "share": []})
    counts = current.groupby("period")["region_code"].nunique()
    periods = sorted(f["period"].unique().tolist())
    n = counts.reindex(periods, fill_value=0).astype(int)
    return pd.DataFrame(
        {"period": periods, "n": n.to_numpy(), "of": universe, "share": n.to_numpy() / universe}
    )


def _coverage_text(n: int, of: int, lang: str) -> str:
    """'341 van 342 gemeenten (99%)': the percentage is rounded half up, but 100% only when
    every gemeente has a value and 0% only when none has."""
    pct = int(numbers.round_half_up(100 * n / of, 0))
    pct = min(pct, 99) if n < of else pct
    pct = max(pct, 1) if n > 0 else pct
    return t("catalog_coverage_text", lang, n=str(n), of=str(of), pct=str(pct))


def _level_key(store: Store, frame: pd.DataFrame) -> str:
    """catalog_level_gemeente (…_gemeente_drenthe when only Drenthe gemeenten have values),
    …_corop, …_provincie or …_nederland."""
    codes = set(frame["region_code"].tolist())
    lvl = level(codes)
    if lvl == "gemeente":
        g = store.gebieden
        drenthe = set(g.loc[g["provincie_code"] == DRENTHE_CODE, "gemeente_code"].tolist())
        if {c for c in codes if c.startswith("GM")} <= drenthe:
            return "catalog_level_gemeente_drenthe"
    return f"catalog_level_{lvl}"


def catalog_row(
    store: Store, ind: Indicator, lang: str = "nl", frame: pd.DataFrame | None = None
) -> dict[str, object]:
    """One row of :func:`catalog_table`."""
    catalog = store.catalog
    frame = store.frame(ind.id) if frame is None else frame
    periods = sorted(frame["period"].unique().tolist())
    cov = gemeente_coverage(store, ind.id, frame)
    latest = cov.iloc[-1] if not cov.empty else None
    links = source_links(ind.sources)
    return {
        "id": ind.id,
        "label": ind.label(lang),
        "definition": ind.definition(lang),
        "theme": catalog.theme_label(ind.theme, lang),
        "perspective": catalog.perspective_label(ind.perspective, lang),
        "unit": catalog.unit_label(ind.unit, lang),
        "direction": t(_DIRECTION_KEYS.get(ind.direction, "catalog_direction_neutral"), lang),
        "source": sentences.citation(ind, lang),
        "link": links[0] if links else "",
        "links": "\n".join(links),
        "licence": ind.licence,
        "level": t(_level_key(store, frame), lang),
        "periods": periods_text(periods, lang),
        "n_periods": len(periods),
        "latest_period": period_label(periods[-1], lang),
        "coverage": float(latest["share"]) if latest is not None else math.nan,
        "coverage_text": ""
        if latest is None
        else _coverage_text(int(latest["n"]), int(latest["of"]), lang),
        "notes": ind.notes(lang),
    }


def catalog_table(store: Store, lang: str = "nl") -> pd.DataFrame:
    """Every indicator, themes in display order, catalogue order within; columns
    :data:`CATALOG_COLUMNS` (texts in ``lang``; ``coverage`` is the share 0-1 of gemeenten
    with a value in the latest period, NaN without gemeente values)."""
    frames = dict(iter(store.observations.groupby("indicator_id", sort=False)))
    rows = [
        catalog_row(store, ind, lang, frames[ind.id])
        for inds in store.catalog.by_theme().values()
        for ind in inds
    ]
    return pd.DataFrame(rows, columns=CATALOG_COLUMNS)


def _fold(value: str) -> str:
    """Lower case without accents: 'Materiële' -> 'materiele'."""
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_SEARCHED = ("id", "label", "definition", "theme", "perspective", "source", "notes")


def search_catalog(table: pd.DataFrame, query: str) -> pd.DataFrame:
    """Rows whose id, label, definition, theme, perspective, source or notes contain every
    word of ``query`` (case and accents ignored); the whole table for an empty query."""
    words = _fold(query).split()
    if not words:
        return table
    haystack = table[list(_SEARCHED)].astype(str).agg(" ".join, axis=1).map(_fold)
    mask = haystack.map(lambda h: all(w in h for w in words))
    return table[mask.to_numpy(dtype=bool)]


def catalog_display(table: pd.DataFrame, lang: str = "nl") -> pd.DataFrame:
    """The catalogue as shown (and downloaded): the visible columns with headers in
    ``lang``."""
    return table[list(_CATALOG_HEADERS)].rename(
        columns={col: t(key, lang) for col, key in _CATALOG_HEADERS.items()}
    )


# --- data of a selection ----------------------------------------------------------------------


def observations_table(
    store: Store,
    indicator_ids: Sequence[str],
    region_codes: Sequence[str],
    periods: Sequence[str] | None = None,
    lang: str = "nl",
) -> pd.DataFrame:
    """The observations of the chosen indicators x regions (x periods; all when None), as a
    tidy table for download: indicator id and label, unit, region code and name, period,
    value, lower, upper and status. Only what the sources hold: a missing value is a missing
    row, never 0. Rows in the order of the arguments, then by period."""
    wanted = set(region_codes)
    parts = []
    for ind_id in indicator_ids:
        ind = store.indicator(ind_id)
        frame = store.frame(ind_id)
        frame = frame[frame["region_code"].isin(wanted)]
        if periods is not None:
            frame = frame[frame["period"].isin(list(periods))]
        part = frame.assign(
            indicator_id=ind_id,
            indicator=ind.label(lang),
            unit=store.catalog.unit_label(ind.unit, lang),
            region=frame["region_code"].map(store.name),
            order=frame["region_code"].map({c: i for i, c in enumerate(region_codes)}),
        )
        parts.append(part.sort_values(["order", "period"]))
    columns = [
        "indicator_id", "indicator", "unit", "region_code", "region", "period",
        "value", "lower", "upper", "status",
    ]  # fmt: skip
    if not parts:
        return pd.DataFrame(columns=columns)
    return pd.concat(parts, ignore_index=True)[columns]
