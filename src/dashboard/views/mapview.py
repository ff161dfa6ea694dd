"""What a view shows, computed once from the store and the view state (pure, no Streamlit).

:func:`map_view` gives the map page everything it draws: one row per area of the scope with
its value, rank, differences to Drenthe and Nederland, colour class and tooltip text, plus
the classes, the summary sentence and the source line. The map, the ranked strip, the table
and (later) image and static exports all read this one frame, so they cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.model import geo
from dashboard.model.catalog import Catalog, Indicator
from dashboard.model.store import Store, level, official_regions, region_values
from dashboard.render import classify
from dashboard.state import ViewState
from dashboard.text import numbers, sentences
from dashboard.text.i18n import t
from dashboard.text.numbers import period_label
from dashboard.vocabulary import DRENTHE_CODE, NEDERLAND_CODE, SCOPES


@dataclass(frozen=True)
class MapView:
    indicator: Indicator
    period: str
    scope: str
    level: str  # gemeente | corop | provincie | nederland (the last two are not mapped)
    table: pd.DataFrame  # one row per area, see map_table
    classes: classify.Classes | None
    centre_name: str | None  # Drenthe / Nederland when the colours diverge around it
    drenthe: float | None
    nederland: float | None
    summary: str
    source: str
    notes: tuple[str, ...]

    @property
    def mappable(self) -> bool:
        return self.level in ("gemeente", "corop")


def area_codes(store: Store, scope: str, lvl: str) -> list[str]:
    """The areas drawn for a scope: its gemeenten, or the COROP regions they form."""
    gemeenten = geo.scope_codes(store.gebieden, scope)
    if lvl == "gemeente":
        return gemeenten
    g = store.gebieden
    return sorted(g.loc[g["gemeente_code"].isin(gemeenten), "corop_code"].unique())


def period_values(store: Store, indicator_id: str, codes: list[str], lvl: str) -> pd.DataFrame:
    """All observations of the areas (every period): official values, and for COROP maps
    region values computed by the indicator's rule where the source publishes none."""
    if lvl == "corop":
        regions = [r for r in official_regions(store, "corop").regions if r.code in codes]
        return region_values(store, indicator_id, regions)
    frame = store.frame(indicator_id)
    return frame[frame["region_code"].isin(codes)]


def reference_value(store: Store, indicator_id: str, code: str, period: str) -> float | None:
    """Drenthe's or Nederland's value: the source's own, else computed for Drenthe."""
    value = store.value(indicator_id, code, period)
    if value is None and code == DRENTHE_CODE:
        drenthe = [r for r in official_regions(store, "provincie").regions if r.code == code]
        computed = region_values(store, indicator_id, drenthe)
        hit = computed[computed["period"] == period]
        value = None if hit.empty else float(hit["value"].iloc[0])
    return value


def ranks(values: pd.Series, direction: int) -> pd.Series:
    """1 = best (highest for direction +1 and 0 — 'highest' then — lowest for -1); ties share
    the better rank; missing values get no rank."""
    return values.rank(ascending=direction == -1, method="min").astype("Int64")


def _diff_text(diff: float | None, ind: Indicator, store: Store, lang: str, against: str) -> str:
    if diff is None or pd.isna(diff):
        return ""
    word = sentences.comparison_word(diff, ind.direction, lang, ind.decimals)
    amount = numbers.format_difference(diff, ind, store.catalog, lang)
    return f"{t(f'col_diff_{against}', lang)}: {amount}, {word}"


def map_table(
    store: Store,
    ind: Indicator,
    period: str,
    codes: list[str],
    values: pd.DataFrame,
    classes: classify.Classes | None,
    drenthe: float | None,
    nederland: float | None,
    lang: str,
) -> pd.DataFrame:
    """One row per area: region_code, name, value, status, rank, diff_drenthe, diff_nederland,
    color (hex), value_text, rank_text, status_text, tooltip fields (plain text, which
    Streamlit escapes)."""
    current = values[values["period"] == period].set_index("region_code")
    table = pd.DataFrame({"region_code": codes})
    table["name"] = table["region_code"].map(store.name)
    table["value"] = table["region_code"].map(current["value"]).astype(float)
    table["status"] = table["region_code"].map(current["status"]).fillna("")
    table["rank"] = ranks(table["value"], ind.direction)
    n = int(table["value"].notna().sum())
    table["diff_drenthe"] = table["value"] - drenthe if drenthe is not None else np.nan
    table["diff_nederland"] = table["value"] - nederland if nederland is not None else np.nan
    no_data = classify.NO_DATA_COLOR if classes is None else classes.no_data_color
    table["color"] = [classes.color(v) if classes is not None else no_data for v in table["value"]]
    table["value_text"] = [
        numbers.format_value(v, ind, store.catalog, lang) for v in table["value"]
    ]
    rank_note = t("rank_highest" if ind.direction == 0 else "rank_best", lang)
    table["rank_text"] = [
        "" if pd.isna(r) else t("map_rank_text", lang, rank=r, n=n, note=rank_note)
        for r in table["rank"]
    ]
    table["status_text"] = [sentences.status_text(s, lang) for s in table["status"]]
    tips = {
        "tip_value": [
            v if pd.notna(x) else t("status_missing", lang)
            for v, x in zip(table["value_text"], table["value"], strict=True)
        ],
        "tip_rank": table["rank_text"],
        "tip_drenthe": [_diff_text(d, ind, store, lang, "drenthe") for d in table["diff_drenthe"]],
        "tip_nederland": [
            _diff_text(d, ind, store, lang, "nederland") for d in table["diff_nederland"]
        ],
        "tip_period": [
            f"{t('period', lang)}: {period_label(period, lang)}" + (f" ({s})" if s else "")
            for s in table["status_text"]
        ],
    }
    # Plain text: Streamlit's deck.gl element HTML-escapes every value it fills into the
    # tooltip template, so escaping here too showed "&#x27;s-Gravenhage".
    for key, column in tips.items():
        table[key] = [str(c) for c in column]
    table["tip_name"] = [str(c) for c in table["name"]]
    return table


def one_class(colors: pd.Series, present: pd.DataFrame) -> bool:
    """True when several areas have a value and all share one colour (the fixed classes of
    a trending indicator can put a whole year into one class)."""
    return len(present) > 1 and colors[present.index].nunique() == 1


def pooled_values(values: pd.DataFrame, period: str | None) -> pd.Series:
    """The values a map's classes are computed from: one period's (colouring "periode", and
    the diverging colourings), or every period's (None: the fixed classes, "klassen")."""
    return values["value"] if period is None else values.loc[values["period"] == period, "value"]


def stored_breaks(store: Store) -> dict[str, tuple[float, ...]]:
    """The sequential breaks of every map the map page offers, by classify.breaks_key: for
    each indicator on each scope (vocabulary.SCOPES), the fixed classes and each period's
    classes. Computed with mapclassify when the compiled store is written (model/store.py),
    so that a server reading it does not import mapclassify for these maps (issue 17)."""
    known: dict[str, tuple[float, ...]] = {}
    for ind in store.catalog:
        frame = store.frame(ind.id)
        lvl = level(set(frame["region_code"])) if len(frame) else None
        if lvl not in ("gemeente", "corop"):
            continue
        for scope in SCOPES:
            values = period_values(store, ind.id, area_codes(store, scope, lvl), lvl)
            # pooled_values of every period and of each (the key sorts the values)
            pools = [values["value"], *(g for _, g in values.groupby("period")["value"])]
            for pooled in (p.tolist() for p in pools):
                key = classify.breaks_key(pooled, classify.DEFAULT_CLASSES, ind.decimals)
                if key not in known and pd.notna(pooled).any():
                    inner = classify.breaks(pooled, classify.DEFAULT_CLASSES, ind.decimals)
                    known[key] = tuple(inner)
    return known


TOOLTIP_FIELDS = ("tip_value", "tip_rank", "tip_drenthe", "tip_nederland", "tip_period")


def map_view(store: Store, view: ViewState) -> MapView:
    ind = store.indicator(view.indicator)
    period = view.period or store.latest_period(ind.id)
    lang = view.lang
    lvl = level(set(store.frame(ind.id)["region_code"]))
    drenthe = reference_value(store, ind.id, DRENTHE_CODE, period)
    nederland = reference_value(store, ind.id, NEDERLAND_CODE, period)
    source = sentences.source_line(ind, period, lang)
    notes = tuple(n for n in (ind.notes(lang),) if n)
    if lvl not in ("gemeente", "corop"):
        empty = pd.DataFrame(columns=["region_code", "name", "value"])
        summary = sentences.map_summary(
            {}, {}, ind, store.catalog, period, drenthe, nederland, lang
        )
        return MapView(
            ind,
            period,
            view.scope,
            lvl,
            empty,
            None,
            None,
            drenthe,
            nederland,
            summary,
            source,
            notes,
        )

    codes = area_codes(store, view.scope, lvl)
    values = period_values(store, ind.id, codes, lvl)
    centre_name, centre = None, None
    if view.colouring == "drenthe" and drenthe is not None:
        centre_name, centre = store.name(DRENTHE_CODE), drenthe
    elif view.colouring == "nederland" and nederland is not None:
        centre_name, centre = "Nederland", nederland
    if view.colouring in ("drenthe", "nederland") and centre is None:
        missing = "Drenthe" if view.colouring == "drenthe" else "Nederland"
        notes = (t("no_centre", lang, name=missing), *notes)
    this_period = centre is not None or view.colouring == "periode"
    pooled = pooled_values(values, period if this_period else None)
    classes = (
        classify.indicator_classes(
            pooled.tolist(), ind, store.catalog, centre=centre, known=store.class_breaks
        )
        if pooled.notna().any()
        else None
    )
    table = map_table(store, ind, period, codes, values, classes, drenthe, nederland, lang)
    present = table.dropna(subset=["value"])
    summary = sentences.map_summary(
        dict(zip(present["region_code"], present["value"], strict=True)),
        dict(zip(table["region_code"], table["name"], strict=True)),
        ind,
        store.catalog,
        period,
        drenthe,
        nederland,
        lang,
        missing=table.loc[table["value"].isna(), "region_code"].tolist(),
    )
    if lvl == "corop":
        notes = (t("region_only", lang), *notes)
    if classes is not None and view.colouring == "klassen" and one_class(table["color"], present):
        notes = (t("one_class", lang, period=period_label(period, lang)), *notes)
    return MapView(
        ind,
        period,
        view.scope,
        lvl,
        table,
        classes,
        centre_name,
        drenthe,
        nederland,
        summary,
        source,
        notes,
    )


# --- the table ------------------------------------------------------------------------------


def _minus(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None or pd.isna(a) or pd.isna(b) else float(a) - float(b)


@dataclass(frozen=True)
class TableRow:
    """One line of a view's table: for the app's table, the static site's HTML table and the
    CSV alike, so they cannot differ."""

    code: str
    name: str
    value: float | None
    value_text: str
    rank: int | None
    diff_drenthe: float | None
    diff_nederland: float | None
    note: str
    reference: bool


def table_rows(mv: MapView, catalog: Catalog, lang: str) -> list[TableRow]:
    """The areas by rank (missing last), then Drenthe (with its difference to Nederland) and
    Nederland."""
    rows = []
    if mv.mappable:
        table = mv.table.sort_values(["rank", "name"], na_position="last")
        for r in table.itertuples():
            rows.append(
                TableRow(
                    r.region_code,
                    r.name,
                    None if pd.isna(r.value) else float(r.value),
                    r.value_text,
                    None if pd.isna(r.rank) else int(r.rank),
                    None if pd.isna(r.diff_drenthe) else float(r.diff_drenthe),
                    None if pd.isna(r.diff_nederland) else float(r.diff_nederland),
                    r.status_text,
                    False,
                )
            )
    fmt = lambda v: numbers.format_value(v, mv.indicator, catalog, lang)  # noqa: E731
    rows.append(
        TableRow(
            DRENTHE_CODE,
            "Drenthe",
            mv.drenthe,
            fmt(mv.drenthe),
            None,
            None,
            _minus(mv.drenthe, mv.nederland),
            "",
            True,
        )
    )
    rows.append(
        TableRow(
            NEDERLAND_CODE,
            t("name_nederland", lang),
            mv.nederland,
            fmt(mv.nederland),
            None,
            None,
            None,
            "",
            True,
        )
    )
    return rows


def table_headers(mv: MapView, lang: str) -> list[str]:
    area = t("col_region" if mv.level == "corop" else "col_gemeente", lang)
    heads = [area if mv.mappable else t("col_series", lang), t("col_value", lang)]
    if mv.mappable:
        heads += [t("col_rank", lang), t("col_diff_drenthe", lang)]
    heads.append(t("col_diff_nederland", lang))
    if mv.mappable:
        heads.append(t("col_status", lang))
    return heads


def shown_table(mv: MapView, catalog: Catalog, lang: str) -> pd.DataFrame:
    """The areas' table as the map page shows it: by rank, values and differences as text."""
    ind = mv.indicator

    def diff(value: float | None) -> str:
        return "" if value is None else numbers.format_difference(value, ind, catalog, lang)

    rows = [r for r in table_rows(mv, catalog, lang) if not r.reference]
    heads = table_headers(mv, lang)
    columns = [
        [r.name for r in rows],
        [r.value_text for r in rows],
        pd.array([r.rank for r in rows], dtype="Int64"),
        [diff(r.diff_drenthe) for r in rows],
        [diff(r.diff_nederland) for r in rows],
        [r.note for r in rows],
    ]
    return pd.DataFrame(dict(zip(heads, columns, strict=True)))
