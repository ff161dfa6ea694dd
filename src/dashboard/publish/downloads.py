"""The tables of the app's downloads (pure): what a page's table shows, and beside every
formatted value its number at full precision, with headers in the user's language.

A page's table shows formatted text ("2,7%", "+0,2 procentpunt", "€ 33,1 duizend"): right for
reading, useless in a spreadsheet. Each download therefore carries, right after such a text
column, the column "<header> (getal)" / "<header> (number)" holding the number itself: the
value exactly as the source publishes it (or as the dashboard computes it for a region, not
rounded), a difference computed exactly from those values (2.7 - 3.4 = -0.7, not
-0.6999999999999997: the decimal difference of the two numbers as written). Missing stays
missing (an empty cell), never 0. Internal column names (``region_code``, ``value_text``) and
duplicates (a code twice, a period and its label) do not reach a download.

The map (:func:`map_download`), the profile (:func:`profile_download`), the Regio's page
(:func:`regions_download` of one indicator, :func:`comparison_download` of the Tabel 1-style
table) and Trends (:func:`trend_download`); publish.export writes them as CSV and Excel.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from decimal import Decimal

import pandas as pd

from dashboard.model.catalog import Catalog
from dashboard.text import numbers
from dashboard.text.i18n import t
from dashboard.text.numbers import period_label
from dashboard.views import mapview
from dashboard.views.regionsview import ComparisonView, RegionsView
from dashboard.views.trendview import TrendView


def _number(value: object) -> float | None:
    if value is None or value is pd.NA:
        return None
    number = float(value)  # type: ignore[arg-type]
    return None if math.isnan(number) else number


def exact_difference(a: object, b: object) -> float | None:
    """``a - b`` of the two numbers as written (shortest round-trip form), so binary floating
    point adds no noise: (2.7, 3.4) -> -0.7; None when either is missing."""
    x, y = _number(a), _number(b)
    if x is None or y is None or math.isinf(x) or math.isinf(y):
        return None
    return float(Decimal(repr(x)) - Decimal(repr(y)))


def number_header(column: str, lang: str) -> str:
    """'Waarde (getal)' / 'Value (number)': the header of a formatted column's number."""
    return t("export_col_number", lang, column=column)


def with_numbers(
    shown: pd.DataFrame, numbers: Mapping[str, Sequence[object]], lang: str
) -> pd.DataFrame:
    """``shown`` with, right after each column named in ``numbers``, that column's numbers
    (floats; missing as NaN, an empty cell in a download)."""
    out: dict[str, object] = {}
    for col in shown.columns:
        out[col] = shown[col].to_numpy()
        if col in numbers:
            values = [_number(v) for v in numbers[col]]
            out[number_header(col, lang)] = [math.nan if v is None else v for v in values]
    frame = pd.DataFrame(out)
    for col in numbers:
        frame[number_header(col, lang)] = frame[number_header(col, lang)].astype(float)
    return frame


# --- the map ----------------------------------------------------------------------------------


def map_download(mv: mapview.MapView, catalog: Catalog, lang: str) -> pd.DataFrame:
    """The map page's table (the columns of mapview.shown_table, by rank) with the areas'
    CBS codes after their names and the numbers of the value and of the differences. A view
    without areas to map (a figure only for Drenthe and Nederland) has their rows, with the
    value and the difference with Nederland."""
    ind = mv.indicator
    rows = [r for r in mapview.table_rows(mv, catalog, lang) if mv.mappable != r.reference]
    heads = mapview.table_headers(mv, lang)

    def diff(value: float | None) -> str:
        return "" if value is None else numbers.format_difference(value, ind, catalog, lang)

    columns: dict[str, list[object]] = {
        heads[0]: [r.name for r in rows],
        heads[1]: [r.value_text for r in rows],
    }
    numbers_: dict[str, list[object]] = {heads[1]: [r.value for r in rows]}
    if mv.mappable:
        columns[heads[2]] = [r.rank for r in rows]
        columns[heads[3]] = [diff(r.diff_drenthe) for r in rows]
        numbers_[heads[3]] = [exact_difference(r.value, mv.drenthe) for r in rows]
    columns[t("col_diff_nederland", lang)] = [diff(r.diff_nederland) for r in rows]
    numbers_[t("col_diff_nederland", lang)] = [
        exact_difference(r.value, mv.nederland) for r in rows
    ]
    if mv.mappable:
        columns[heads[-1]] = [r.note for r in rows]
    frame = with_numbers(pd.DataFrame(columns), numbers_, lang)
    if mv.mappable:
        frame[heads[2]] = pd.array(columns[heads[2]], dtype="Int64")
    frame.insert(1, t("col_code", lang), [r.code for r in rows])
    return frame


# --- the profile ------------------------------------------------------------------------------

# (column of profile.profile_table, header key of profile.profile_display) with a number
_PROFILE_NUMBERS = (
    ("value", "profile_col_value"),
    ("drenthe", "profile_col_drenthe"),
    ("nederland", "profile_col_nederland"),
    ("rank", "profile_col_rank"),
)


def profile_download(
    table: pd.DataFrame, shown: pd.DataFrame, catalog: Catalog, lang: str
) -> pd.DataFrame:
    """The profile as shown (``shown``: profile.profile_display of ``table``) with each
    indicator's unit after its name, and the numbers of the gemeente's value, Drenthe's,
    Nederland's and the rank."""
    numbers = {t(key, lang): table[col].tolist() for col, key in _PROFILE_NUMBERS}
    frame = with_numbers(shown, numbers, lang)
    rank = number_header(t("profile_col_rank", lang), lang)
    frame[rank] = pd.array([None if pd.isna(v) else int(v) for v in frame[rank]], dtype="Int64")
    units = [catalog.unit_label(u, lang) if u in catalog.units else u for u in table["unit"]]
    at = frame.columns.get_loc(t("profile_col_indicator", lang)) + 1
    frame.insert(at, t("col_unit", lang), units)
    return frame


# --- Regio's ----------------------------------------------------------------------------------


def regions_download(rv: RegionsView, lang: str) -> pd.DataFrame:
    """One indicator across the regions: per region its own value, then its member
    gemeenten, in the page's order: region, area, CBS code, kind (region or gemeente),
    period, the value as text and as a number, note."""
    spread = rv.spread
    kinds = {"region": t("col_kind_region", lang), "gemeente": t("col_kind_gemeente", lang)}
    shown = pd.DataFrame(
        {
            t("col_region", lang): spread["region_name"].to_numpy(),
            t("col_series", lang): spread["name"].to_numpy(),
            t("col_code", lang): spread["code"].to_numpy(),
            t("col_kind", lang): [kinds.get(k, k) for k in spread["kind"]],
            t("period", lang): [
                period_label(p, lang) if isinstance(p, str) else "" for p in spread["period"]
            ],
            t("col_value", lang): spread["value_text"].to_numpy(),
            t("col_status", lang): spread["status_text"].fillna("").to_numpy(),
        }
    )
    return with_numbers(shown, {t("col_value", lang): spread["value"].tolist()}, lang)


def comparison_download(cv: ComparisonView, lang: str) -> pd.DataFrame:
    """The Tabel 1-style table as shown (best and worst marked, computed values starred) with
    each indicator's unit and, after every area's column, its number."""
    areas: dict[str, str] = cv.table.attrs.get("areas", {})
    numbers = {name: cv.table[f"value_{code}"].tolist() for code, name in areas.items()}
    frame = with_numbers(cv.shown, numbers, lang)
    frame.insert(1, t("col_unit", lang), cv.table["unit"].to_numpy())
    return frame


# --- Trends -----------------------------------------------------------------------------------


def trend_download(tv: TrendView, lang: str) -> pd.DataFrame:
    """The trend's rows (every chosen area, then Drenthe and Nederland, by period): area,
    CBS code, period, the value as text and as a number, the source's margins, note."""
    frame = tv.frame
    shown = pd.DataFrame(
        {
            t("col_series", lang): frame["name"].to_numpy(),
            t("col_code", lang): frame["region_code"].to_numpy(),
            t("period", lang): frame["period_label"].to_numpy(),
            t("col_value", lang): frame["value_text"].to_numpy(),
            t("col_lower", lang): frame["lower"].astype(float).to_numpy(),
            t("col_upper", lang): frame["upper"].astype(float).to_numpy(),
            t("col_status", lang): frame["status_text"].fillna("").to_numpy(),
        }
    )
    return with_numbers(shown, {t("col_value", lang): frame["value"].tolist()}, lang)
