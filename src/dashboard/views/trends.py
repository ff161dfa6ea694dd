"""One indicator over time, for the Trends page (pure, no Streamlit).

Series
    :func:`trend_frame` holds the chosen gemeenten and regions plus Drenthe (PV22) and
    Nederland (NL01), each over *every* period of the indicator. A period without a value is
    a row with NaN (status 'missing'): nothing is interpolated, carried over or set to 0.
    Region values come from :func:`dashboard.store.region_values` (official, else computed by
    the catalogue's aggregation and marked computed).

Segments
    A chart may join two points only when they are comparable and adjacent. The ``segment``
    column numbers the runs of a series: it starts a new run after every missing period, and,
    when the catalogue says the periods of the indicator are not comparable
    (``comparable = false``, e.g. the three Gezondheidsmonitor rounds 2016/2020/2022 with
    different age limits), every point is a run of its own. Draw lines with the segment as
    detail, so a line never crosses a gap or a break in method.

Index and change
    :func:`index_frame` sets the first period in which every shown series has a value to 100
    and says which period that is; without such a period (or with a base value of 0 or less)
    there is no index and a reason instead. :func:`change_table` compares each series' first
    and last value with direction-aware words, and refuses the verdict across periods that
    are not comparable.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from dashboard.model.catalog import Catalog, Indicator
from dashboard.model.errors import DataError
from dashboard.model.regions import Region
from dashboard.model.store import Store, region_values
from dashboard.text import numbers, sentences
from dashboard.text.i18n import t
from dashboard.text.numbers import period_label
from dashboard.views.compare import (
    all_regions,
    area_name,
    cell_status,
    status_text,
)
from dashboard.vocabulary import DRENTHE_CODE, NEDERLAND_CODE

REFERENCE_CODES = (DRENTHE_CODE, NEDERLAND_CODE)
INDEX_DECIMALS = 1
TREND_COLUMNS = [
    "indicator_id",
    "region_code",
    "name",
    "kind",
    "period",
    "period_label",
    "value",
    "lower",
    "upper",
    "status",
    "value_text",
    "status_text",
    "segment",
]


# --- the series -----------------------------------------------------------------------------


def series_codes(codes: Sequence[str]) -> list[str]:
    """The chosen codes without duplicates (in their order), then Drenthe and Nederland."""
    chosen = [c for c in dict.fromkeys(codes) if c not in REFERENCE_CODES]
    return chosen + list(REFERENCE_CODES)


def _observations(
    store: Store, indicator_id: str, codes: Sequence[str], regions: dict[str, Region]
) -> pd.DataFrame:
    """Observations of the codes: gemeenten and Nederland as published, regions (COROP,
    province, programme area; ``regions`` by code) by the store's region rule."""
    direct = [c for c in codes if c not in regions]
    unknown = [c for c in direct if c != NEDERLAND_CODE and c not in store.names]
    if unknown:
        raise DataError(f"Unknown region code(s) {', '.join(unknown)}.")
    frame = store.frame(indicator_id)
    parts = [frame[frame["region_code"].isin(direct)]]
    wanted = [regions[c] for c in codes if c in regions]
    if wanted:
        parts.append(region_values(store, indicator_id, wanted))
    return pd.concat([p for p in parts if not p.empty] or parts[:1], ignore_index=True)


def segments(values: pd.Series, comparable: bool) -> pd.Series:
    """Run numbers (0, 1, …) of one series ordered by period: a new run after every missing
    value, and for non-comparable periods at every value; <NA> where the value is missing."""
    present = values.notna()
    starts = present if not comparable else present & ~present.shift(fill_value=False)
    runs = starts.astype(int).cumsum() - 1
    return runs.where(present).astype("Int64")


def _series_segments(present: list[bool], comparable: bool) -> list[int | None]:
    """:func:`segments` of one series, as a list (None where the value is missing)."""
    out: list[int | None] = []
    run, before = -1, False
    for here in present:
        if here and (not comparable or not before):
            run += 1
        out.append(run if here else None)
        before = here
    return out


def trend_frame(
    store: Store, indicator_id: str, codes: Sequence[str], lang: str = "nl"
) -> pd.DataFrame:
    """Every series (:func:`series_codes`) over every period of the indicator, one row per
    series and period, columns :data:`TREND_COLUMNS`. ``kind`` is 'selected' or 'reference'
    (Drenthe, Nederland); ``status`` uses compare.CELL_STATUSES ('missing' where there is no
    value: value NaN, never interpolated); ``segment`` see the module docstring. Rows are in
    series order, then period order. ``frame.attrs`` holds ``indicator_id`` and
    ``comparable``.

    Built cell by cell from the observations' values and one frame at the end, not by a
    merge onto the grid and a column at a time (each a copy of every Arrow-backed column:
    a third of a Trends page's first request, issue 17; tests/test_first_requests.py
    compares it with the merge it replaces)."""
    ind = store.indicator(indicator_id)
    wanted = series_codes(codes)
    periods = store.periods(indicator_id)
    regions = all_regions(store)
    obs = _observations(store, indicator_id, wanted, regions)
    keys = zip(obs["region_code"].tolist(), obs["period"].tolist(), strict=True)
    cells = {key: i for i, key in enumerate(keys)}
    found = [cells.get((code, period), -1) for code in wanted for period in periods]
    at = np.array(found, dtype=np.intp)
    missing = at < 0

    def column(name: str) -> np.ndarray:
        values = obs[name].to_numpy(dtype=float)
        out = values[at] if len(values) else np.full(len(at), np.nan)
        out[missing] = np.nan
        return out

    value, lower, upper = column("value"), column("lower"), column("upper")
    obs_status = obs["status"].tolist()
    status = [
        cell_status(v, np.nan if i < 0 else obs_status[i])
        for v, i in zip(value.tolist(), found, strict=True)
    ]
    names = {c: area_name(store, c, lang, [regions[c]] if c in regions else []) for c in wanted}
    n = len(periods)
    labels = [period_label(p, lang) for p in periods]
    texts = [numbers.format_value(v, ind, store.catalog, lang) for v in value.tolist()]
    present = (~np.isnan(value)).tolist()
    segment: list[int | None] = []
    for s in range(len(wanted)):
        segment += _series_segments(present[s * n : (s + 1) * n], ind.comparable)
    frame = pd.DataFrame(
        {
            "indicator_id": [ind.id] * len(found),
            "region_code": [c for c in wanted for _ in periods],
            "name": [names[c] for c in wanted for _ in periods],
            "kind": [
                "reference" if c in REFERENCE_CODES else "selected" for c in wanted for _ in periods
            ],
            "period": periods * len(wanted),
            "period_label": labels * len(wanted),
            "value": value,
            "lower": lower,
            "upper": upper,
            "status": status,
            "value_text": texts,
            "status_text": [status_text(s, lang) for s in status],
            "segment": pd.array(segment, dtype="Int64"),
        },
        columns=TREND_COLUMNS,
    )
    frame.attrs.update(indicator_id=ind.id, comparable=ind.comparable)
    return frame


# --- index ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndexResult:
    """An index frame (the trend frame plus ``base_period``, ``base_value``, ``index`` and
    ``index_text``) with its base period, or no frame and the i18n key of the reason."""

    frame: pd.DataFrame | None
    base_period: str | None
    reason: str | None = None

    def message(self, lang: str = "nl") -> str:
        """'Index: 2013 = 100 (…)', or why there is no index."""
        key = "index_base" if self.frame is not None else self.reason or "index_no_common_period"
        return t(key, lang, period=period_label(self.base_period or "", lang))


def common_periods(frame: pd.DataFrame) -> list[str]:
    """Periods, sorted, in which every series of the frame has a value."""
    codes, periods = frame["region_code"].tolist(), frame["period"].tolist()
    present = frame["value"].notna().tolist()
    series = len({c for c in codes if c == c})  # (c == c: not NaN, as nunique counts)
    found: dict[object, set] = {}
    for code, period, here in zip(codes, periods, present, strict=True):
        if here and code == code and period == period:
            found.setdefault(period, set()).add(code)
    return sorted(str(p) for p, c in found.items() if len(c) == series) if series else []


def index_frame(frame: pd.DataFrame, lang: str = "nl") -> IndexResult:
    """Index every series on the first common period (= 100): index = value / base * 100.
    No common period: reason 'index_no_common_period'. A base value of 0 or less (the index
    would divide by zero or flip sign): reason 'index_base_not_positive'. Missing values
    stay missing."""
    common = common_periods(frame)
    if not common:
        return IndexResult(None, None, "index_no_common_period")
    base = common[0]
    codes, values = frame["region_code"].tolist(), frame["value"].to_numpy(dtype=float)
    at_base = [i for i, p in enumerate(frame["period"].tolist()) if p == base]
    base_of = {codes[i]: values[i] for i in at_base}
    if any(v <= 0 for v in values[at_base]):
        return IndexResult(None, base, "index_base_not_positive")
    base_value = np.array([base_of.get(c, np.nan) for c in codes], dtype=float)
    index = values / base_value * 100
    result = frame.copy()
    result["base_period"] = base
    result["base_value"] = base_value
    result["index"] = index
    result["index_text"] = [numbers.format_number(v, INDEX_DECIMALS, lang) for v in index.tolist()]
    return IndexResult(result, base)


# --- change between the first and the last period ---------------------------------------------

CHANGE_COLUMNS = [
    "region_code",
    "name",
    "kind",
    "first_period",
    "first_value",
    "first_text",
    "last_period",
    "last_value",
    "last_text",
    "change",
    "change_text",
    "change_pct",
    "change_pct_text",
    "comparable",
    "movement",
    "judgement",
    "verdict",
]


def _signed_percent(value: float, lang: str) -> str:
    if pd.isna(value):
        return numbers.MISSING
    shown = numbers.round_half_up(value, 1)
    sign = "+" if shown > 0 else (numbers.MINUS if shown < 0 else "")
    return f"{sign}{numbers.format_number(abs(shown), 1, lang)}%"


def movement(change: float, decimals: int, lang: str = "nl") -> str:
    """'gestegen', 'gedaald' or 'gelijk gebleven' for a change, compared as shown."""
    shown = numbers.round_half_up(change, decimals)
    return t("rose" if shown > 0 else "fell" if shown < 0 else "unchanged", lang)


def _verdict(
    n_values: int, change: float, indicator: Indicator, lang: str
) -> tuple[str, str | None, str]:
    """(movement, judgement, verdict) of a series with ``n_values`` values: no judgement
    without two values or across periods that are not comparable."""
    if n_values < 2:
        return "", None, t("status_missing" if n_values == 0 else "single_period", lang)
    if not indicator.comparable:
        return "", None, t("not_comparable", lang)
    moved = movement(change, indicator.decimals, lang)
    judged = sentences.judgement(change, indicator.direction, lang, indicator.decimals)
    if judged is None or moved == t("unchanged", lang):
        return moved, judged, moved
    return moved, judged, f"{moved} ({judged})"


def _change_row(
    head: tuple[object, object, object],
    first: Mapping[str, Any],
    last: Mapping[str, Any],
    n_values: int,
    indicator: Indicator,
    catalog: Catalog,
    lang: str,
) -> dict[str, object]:
    """The change table's row of a series: ``head`` its code, name and kind; ``first`` and
    ``last`` its first and last period with a value and that value (the same row without
    values), ``n_values`` how many it has."""
    change = last["value"] - first["value"] if n_values > 1 else np.nan
    pct = change / first["value"] * 100 if n_values > 1 and first["value"] > 0 else np.nan
    moved, judged, verdict = _verdict(n_values, change, indicator, lang)
    fmt = lambda v: numbers.format_value(v, indicator, catalog, lang)  # noqa: E731
    return {
        "region_code": head[0],
        "name": head[1],
        "kind": head[2],
        "first_period": first["period"],
        "first_value": float(first["value"]),
        "first_text": fmt(first["value"]),
        "last_period": last["period"],
        "last_value": float(last["value"]),
        "last_text": fmt(last["value"]),
        "change": change,
        "change_text": numbers.format_difference(change, indicator, catalog, lang),
        "change_pct": pct,
        "change_pct_text": _signed_percent(pct, lang),
        "comparable": indicator.comparable,
        "movement": moved,
        "judgement": judged,
        "verdict": verdict,
    }


def _series_rows(frame: pd.DataFrame) -> dict[object, list[int]]:
    """Row positions per series (region code), series in order of appearance, as
    ``frame.groupby("region_code", sort=False)`` groups them (no missing codes)."""
    rows: dict[object, list[int]] = {}
    for i, code in enumerate(frame["region_code"].tolist()):
        if code == code:  # not NaN
            rows.setdefault(code, []).append(i)
    return rows


def change_table(
    frame: pd.DataFrame, indicator: Indicator, catalog: Catalog, lang: str = "nl"
) -> pd.DataFrame:
    """Per series (in frame order): its first and last period with a value, both values,
    the absolute change (``change``, last minus first) and the relative change in percent
    (``change_pct``, only when the first value is above 0), formatted; ``movement``
    ('gestegen'/'gedaald'/'gelijk gebleven') and ``judgement`` ('beter'/'slechter'/'gelijk',
    None for a neutral indicator) compare the values as shown; ``verdict`` is the words for
    the table ('gedaald (beter)', 'gestegen', 'niet vergelijkbaar', 'één periode',
    'geen gegevens'). For an indicator whose periods are not comparable the change is given
    but not judged. Columns :data:`CHANGE_COLUMNS`.

    Read from the frame's columns as lists, not per series from the frame's groups (a
    tenth of a trend view's first request, issue 17; tests/test_first_requests.py compares
    it with the groups)."""
    codes, names, kinds = (frame[c].tolist() for c in ("region_code", "name", "kind"))
    periods = frame["period"].tolist()
    values = frame["value"].to_numpy()  # np.float64 values, as a row of the frame gives them
    present = frame["value"].notna().tolist()
    rows = []
    for code, at in _series_rows(frame).items():
        found = [i for i in at if present[i]]
        if found:
            first = {"period": periods[found[0]], "value": values[found[0]]}
            last = {"period": periods[found[-1]], "value": values[found[-1]]}
        else:  # (as a frame of no rows gave it)
            first = last = pd.Series({"period": None, "value": np.nan})
        head = (code, names[at[0]], kinds[at[0]])
        rows.append(_change_row(head, first, last, len(found), indicator, catalog, lang))
    return pd.DataFrame(rows, columns=CHANGE_COLUMNS)


# --- summary ---------------------------------------------------------------------------------

MAX_NAMED = 4  # above this many chosen series the summary counts them instead of naming them


def _series_clause(row: Mapping[str, Any], span: tuple[str, str], lang: str) -> str:
    """'Drenthe gedaald van 8,1% naar 3,4% (beter)'; a series' own periods are added when they
    differ from the span of the sentence ('van 103,4 in 2010 naar 73,6 in 2023')."""
    first, last = row["first_text"], row["last_text"]
    if (row["first_period"], row["last_period"]) != span:
        first = t(
            "trend_value_in", lang, value=first, period=period_label(row["first_period"], lang)
        )
        last = t("trend_value_in", lang, value=last, period=period_label(row["last_period"], lang))
    word, verdict = row["movement"], row["judgement"]
    if word == t("unchanged", lang):
        return f"{row['name']} {word} ({first})"
    clause = t("trend_series_change", lang, name=row["name"], word=word, first=first, last=last)
    return f"{clause} ({verdict})" if verdict else clause


def _count_clause(chosen: pd.DataFrame, lang: str) -> str:
    """'in 9 van de 12 gekozen gebieden gedaald (beter), in 3 gestegen (slechter)'."""
    counts = chosen["verdict"].value_counts(sort=True)
    parts = [t("trend_count", lang, n=n, word=word) for word, n in counts.items()]
    word, n = counts.index[0], counts.iloc[0]
    parts[0] = t("trend_count_first", lang, n=n, total=len(chosen), word=word)
    return ", ".join(parts)


def _no_trend_sentence(frame: pd.DataFrame, ind: Indicator, lang: str) -> str:
    """For a single period or periods that are not comparable: name the periods, then the
    latest values."""
    periods = sorted(frame.loc[frame["value"].notna(), "period"].unique())
    labels = sentences.join_names([period_label(p, lang) for p in periods], lang)
    label = ind.label(lang)
    latest = frame[(frame["period"] == periods[-1]) & frame["value"].notna()]
    named = latest[latest["kind"] == "reference"]
    chosen = latest[latest["kind"] == "selected"]
    if len(chosen) <= MAX_NAMED:
        named = pd.concat([chosen, named])
    values = ", ".join(f"{n} {v}" for n, v in zip(named["name"], named["value_text"], strict=True))
    if len(periods) == 1:
        return t("trend_only_measured", lang, label=label, periods=labels, values=values)
    last = period_label(periods[-1], lang)
    return t("trend_no_trend", lang, label=label, periods=labels, last=last, values=values)


def trend_summary(
    frame: pd.DataFrame,
    indicator: Indicator,
    catalog: Catalog,
    lang: str = "nl",
    changes: pd.DataFrame | None = None,
) -> str:
    """One plain sentence on the trend, e.g. 'Werkloosheid van 2013 tot 2024: Drenthe
    gedaald van 8,1% naar 3,4% (beter), Nederland gedaald van 8,2% naar 3,7% (beter).'
    The chosen areas come first (counted instead of named when there are more than
    :data:`MAX_NAMED`); non-comparable periods or a single period give no trend.
    ``changes``: the frame's :func:`change_table`, when the caller has made it already."""
    if changes is None:
        changes = change_table(frame, indicator, catalog, lang)
    # the change table's rows as dicts and the frame's columns as lists, not masks of the
    # frames (a tenth of a trend view's first request, issue 17; tests/test_first_requests.py
    # compares with the masks)
    rows = _rows(changes)
    found = [r for r in rows if not pd.isna(r["first_period"])]
    if not found:
        return t("trend_no_data", lang, label=indicator.label(lang))
    present = frame["value"].notna().tolist()
    periods = {p for p, here in zip(frame["period"].tolist(), present, strict=True) if here}
    absent = _absent_sentence([r["name"] for r in rows if pd.isna(r["first_period"])], lang)
    if len(periods) == 1 or not indicator.comparable:
        return _no_trend_sentence(frame, indicator, lang) + absent
    span = min(r["first_period"] for r in found), max(r["last_period"] for r in found)
    judged = [r for r in rows if r["movement"] == r["movement"] and r["movement"]]
    chosen = [r for r in judged if r["kind"] == "selected"]
    refs = [r for r in judged if r["kind"] == "reference"]
    clauses = [_series_clause(r, span, lang) for r in chosen]
    if len(chosen) > MAX_NAMED:
        verdicts = pd.Series([r["verdict"] for r in chosen], dtype=changes["verdict"].dtype)
        clauses = [_count_clause(pd.DataFrame({"verdict": verdicts}), lang)]
    clauses += [_series_clause(r, span, lang) for r in refs]
    frm, to = (period_label(p, lang) for p in span)
    head = t("trend_span", lang, label=indicator.label(lang), first=frm, last=to)
    return f"{head}: {'; '.join(clauses)}.{absent}"


def _rows(changes: pd.DataFrame) -> list[dict[str, Any]]:
    """A change table's rows as dicts of its columns' values (``tolist``: the values a row
    of it gives for its text columns)."""
    names = list(changes.columns)
    columns = [changes[c].tolist() for c in names]
    return [dict(zip(names, r, strict=True)) for r in zip(*columns, strict=True)]


def _absent_sentence(absent: list[str], lang: str) -> str:
    """' Van Westerveld zijn geen gegevens.' for the chosen series without any value."""
    if not absent:
        return ""
    return f" {sentences.no_data_for(absent, lang)}"


def display_changes(changes: pd.DataFrame, lang: str = "nl") -> pd.DataFrame:
    """The change table as shown: area, first and last value with their period, absolute and
    relative change and the verdict, headers in the language."""

    def with_period(values: pd.Series, periods: pd.Series) -> list[str]:
        return [
            f"{v} ({period_label(p, lang)})" if isinstance(p, str) else v
            for v, p in zip(values, periods, strict=True)
        ]

    return pd.DataFrame(
        {
            t("col_series", lang): changes["name"],
            t("col_first", lang): with_period(changes["first_text"], changes["first_period"]),
            t("col_last", lang): with_period(changes["last_text"], changes["last_period"]),
            t("col_change", lang): changes["change_text"],
            t("col_change_pct", lang): changes["change_pct_text"],
            t("col_verdict", lang): changes["verdict"],
        }
    )
