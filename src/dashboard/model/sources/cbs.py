"""Importer for CBS StatLine tables saved by ``cbsodata.get_data()`` as CSV (``;``, UTF-8 BOM).

Each file has an ``ID`` column, dimension columns holding category *labels* (the region in
``RegioS`` or ``Regiokenmerken``, the period in ``Perioden``, margins in ``Marges``), and one
column per measure named by its CBS key. Region labels are translated to CBS codes with the
area lists (:mod:`dashboard.gebieden`); a historical gemeente keeps its own code, so a
predecessor's values are never attributed to the gemeente it merged into. Empty cells stay
missing.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.model.catalog import Indicator, Source
from dashboard.model.errors import (
    DataError,
    MissingColumns,
    check_complete_rows,
    decode_text,
    parser_error,
)
from dashboard.model.schema import OBS_KEY, PeriodError, is_year, make_observations, parse_period

REGION_COLUMNS = ("RegioS", "Regiokenmerken")
PERIOD_COLUMN = "Perioden"
MARGIN_COLUMN = "Marges"
MARGINS = {
    "Waarde": "value",
    "Ondergrens 95%-interval": "lower",
    "Bovengrens 95%-interval": "upper",
}


def table_path(cbs_dir: Path, table: str) -> Path:
    """The file of a table; CBS ids are case-insensitive (81064ned vs 86004NED)."""
    exact = cbs_dir / f"{table}.csv"
    if exact.is_file():
        return exact
    for candidate in cbs_dir.glob("*.csv"):
        if candidate.stem.lower() == table.lower():
            return candidate
    raise MissingColumns(
        f"CBS table {table} not found: expected {exact}. Put the cbsodata CSV of table {table} "
        "in the CBS data folder (setting DASHBOARD_CBS_DIR or [data] cbs_dir in dashboard.toml).",
        table,
        [],
    )


def read_table(path: Path, measures: Iterable[str] | None = None) -> pd.DataFrame:
    """Read a cbsodata CSV as strings, check its shape, and keep the dimension columns plus
    ``measures`` (all columns when None). The frame's index is the file's line number."""
    text = decode_text(path)
    if not text.strip():
        raise DataError(f"{path}: the file is empty.")
    try:
        frame = pd.read_csv(io.StringIO(text), sep=";", dtype=str, keep_default_na=False)
    except pd.errors.ParserError as exc:
        raise parser_error(path, exc) from None
    if len(frame.columns) == 1:
        header = frame.columns[0]
        sep = next((s for s in (",", "\t", "|") if s in header), None)
        hint = f" (the header contains {sep!r})" if sep else ""
        raise DataError(f"{path}: expected ';'-separated columns but found one column{hint}.")
    if "ID" not in frame.columns:
        raise DataError(f"{path}: missing column 'ID'; is this a cbsodata CSV?")
    region_col = next((c for c in REGION_COLUMNS if c in frame.columns), None)
    if region_col is None:
        raise DataError(f"{path}: missing region column (one of {', '.join(REGION_COLUMNS)}).")
    if frame.empty:
        raise DataError(f"{path}: the file has a header but no rows.")
    check_complete_rows(text, path, ";")
    if measures is not None:
        measures = list(dict.fromkeys(measures))
        missing = [m for m in measures if m not in frame.columns]
        if missing:
            raise MissingColumns(
                f"{path}: missing measure column(s) {', '.join(missing)}.", path.stem, missing
            )
        dims = [c for c in (region_col, PERIOD_COLUMN, MARGIN_COLUMN) if c in frame.columns]
        frame = frame[dims + measures]
    frame.index = frame.index + 2  # line numbers as a spreadsheet shows them (header = 1)
    frame.attrs["path"] = path
    frame.attrs["region_column"] = region_col
    return frame


def to_number(column: pd.Series, path: Path, name: str) -> pd.Series:
    """Strings to floats; empty stays NaN. Anything else that is not a number is an error."""
    text = column.str.strip()
    numbers = pd.to_numeric(text.where(text != ""), errors="coerce")
    bad = text[(text != "") & (numbers.isna() | ~np.isfinite(numbers))]
    if not bad.empty:
        line, raw = bad.index[0], bad.iloc[0]
        hint = (
            " (a decimal comma: CBS files use a decimal point)"
            if "," in raw and pd.notna(pd.to_numeric(raw.replace(",", "."), errors="coerce"))
            else ""
        )
        raise DataError(f"{path}, line {line}, column {name}: {raw!r} is not a number{hint}.")
    return numbers.astype("float64")


def region_codes(frame: pd.DataFrame, labels: dict[str, str]) -> pd.Series:
    path, col = frame.attrs["path"], frame.attrs["region_column"]
    stripped = frame[col].str.strip()
    codes = stripped.map(labels)
    unknown = stripped[codes.isna()]
    if not unknown.empty:
        raise DataError(
            f"{path}, line {unknown.index[0]}, column {col}: unknown region label "
            f"{unknown.iloc[0]!r} (not in gebieden_2025.csv or gemeenten_historie.csv)."
        )
    return codes


def periods(frame: pd.DataFrame, fixed: str | None) -> pd.Series:
    path = frame.attrs["path"]
    if PERIOD_COLUMN not in frame.columns:
        if fixed is None:
            raise DataError(
                f"{path}: the table has no {PERIOD_COLUMN} column; set 'period' on the "
                "catalogue source that reads it."
            )
        return pd.Series(parse_period(fixed), index=frame.index)
    out = {}
    for label in frame[PERIOD_COLUMN].unique():
        try:
            out[label] = parse_period(label)
        except PeriodError as exc:
            line = frame.index[frame[PERIOD_COLUMN] == label][0]
            raise DataError(f"{path}, line {line}, column {PERIOD_COLUMN}: {exc}.") from None
    return frame[PERIOD_COLUMN].map(out)


def measure_frame(
    frame: pd.DataFrame, measure: str, labels: dict[str, str], fixed_period: str | None
) -> pd.DataFrame:
    """region_code, period, value[, lower, upper] of one measure; margins pivoted to columns."""
    path = frame.attrs["path"]
    out = pd.DataFrame(
        {
            "region_code": region_codes(frame, labels),
            "period": periods(frame, fixed_period),
            "value": to_number(frame[measure], path, measure),
        },
        index=frame.index,
    )
    if MARGIN_COLUMN in frame.columns:
        kind = frame[MARGIN_COLUMN].str.strip().map(MARGINS)
        if kind.isna().any():
            line = kind.index[kind.isna()][0]
            raise DataError(
                f"{path}, line {line}, column {MARGIN_COLUMN}: unknown margin "
                f"{frame.at[line, MARGIN_COLUMN]!r}."
            )
        out["kind"] = kind
    else:
        out["kind"] = "value"
    dupes = out.duplicated(["region_code", "period", "kind"], keep=False)
    if dupes.any():
        lines = list(out.index[dupes][:2])
        first = out.loc[lines[0]]
        label = frame.at[lines[0], frame.attrs["region_column"]]
        raise DataError(
            f"{path}: duplicate rows for region {label!r}"
            f" ({first.region_code}), period {first.period} at lines {lines[0]} and {lines[1]}; "
            "was a dimension left unfiltered?"
        )
    wide = out.pivot(index=["region_code", "period"], columns="kind", values="value")
    wide = wide.reindex(columns=["value", "lower", "upper"]).reset_index()
    wide.columns.name = None
    return wide


@dataclass
class TableCache:
    """Reads each table once per import, with only the columns the catalogue asks for."""

    cbs_dir: Path
    wanted: dict[str, set[str]] = field(default_factory=dict)
    _frames: dict[str, pd.DataFrame] = field(default_factory=dict)

    def want(self, table: str, *measures: str | None) -> None:
        self.wanted.setdefault(table.lower(), set()).update(m for m in measures if m)

    def get(self, table: str) -> pd.DataFrame:
        key = table.lower()
        if key not in self._frames:
            path = table_path(self.cbs_dir, table)
            self._frames[key] = read_table(path, sorted(self.wanted.get(key, set())) or None)
        return self._frames[key]


def ratio_components(source: Source, cache: TableCache, labels: dict[str, str]) -> pd.DataFrame:
    """region_code, period, numerator, denominator of a computed share (both tables joined on
    region code and period, so both must use the same boundaries for a period)."""
    assert source.table and source.measure and source.denominator
    num = measure_frame(cache.get(source.table), source.measure, labels, source.period)
    den_frame = cache.get(source.denominator_table or source.table)
    den = measure_frame(den_frame, source.denominator, labels, source.period)
    both = num[["region_code", "period", "value"]].merge(
        den[["region_code", "period", "value"]], on=["region_code", "period"], how="inner"
    )
    both.columns = ["region_code", "period", "numerator", "denominator"]
    if source.period_type == "year":
        both = both[both["period"].map(is_year)]
    return both.reset_index(drop=True)


def import_source(source: Source, cache: TableCache, labels: dict[str, str]) -> pd.DataFrame:
    """Observations (without indicator_id) of one catalogue source."""
    assert source.table and source.measure
    if source.denominator:
        parts = ratio_components(source, cache, labels)
        den = parts["denominator"].where(parts["denominator"] > 0)
        result = parts[["region_code", "period"]].assign(
            value=parts["numerator"] / den * source.factor, lower=np.nan, upper=np.nan
        )
    else:
        result = measure_frame(cache.get(source.table), source.measure, labels, source.period)
        if source.factor != 1.0:
            result[["value", "lower", "upper"]] *= source.factor
    if source.period_type == "year":
        result = result[result["period"].map(is_year)]
    return result


def import_indicator(
    indicator: Indicator, cache: TableCache, labels: dict[str, str]
) -> pd.DataFrame:
    """All observations of a CBS indicator; rows without a value are left out (missing)."""
    parts = [import_source(s, cache, labels) for s in indicator.sources if s.kind == "cbs"]
    if not parts:
        return make_observations({c: [] for c in OBS_KEY + ["value"]})
    frame = pd.concat(parts, ignore_index=True)
    frame = frame[frame["value"].notna()]
    frame.insert(0, "indicator_id", indicator.id)
    dupes = frame.duplicated(OBS_KEY, keep=False)
    if dupes.any():
        row = frame[dupes].iloc[0]
        raise DataError(
            f"indicator {indicator.id}: two sources give a value for {row.region_code} in "
            f"{row.period}; give each source its own periods."
        )
    return make_observations(frame)


def register_tables(indicators: Iterable[Indicator], cache: TableCache) -> None:
    for ind in indicators:
        for s in ind.sources:
            if s.kind == "cbs" and s.table:
                cache.want(s.table, s.measure, None if s.denominator_table else s.denominator)
                if s.denominator_table:
                    cache.want(s.denominator_table, s.denominator)
