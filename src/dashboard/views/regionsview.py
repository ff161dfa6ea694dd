"""What the Regio's page shows (pure, no Streamlit): :class:`RegionsView` for one indicator
across the regions of a set, and :class:`ComparisonView` for the Tabel 1-style table.

The page, its slide in Presenteren and the downloads all read these, so the regions appear
in one order everywhere: Tabel 1's (Noord-, Zuidwest-, Zuidoost-Drenthe), then by code.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.model.catalog import Indicator
from dashboard.model.regions import Region, RegionSet
from dashboard.model.store import Store, region_values
from dashboard.render import classify
from dashboard.state import ViewState
from dashboard.text import sentences
from dashboard.views import compare
from dashboard.views.mapview import reference_value
from dashboard.vocabulary import DRENTHE_CODE, NEDERLAND_CODE, REPORT_ORDER, SCOPES

ALL_THEMES = "alle"


def ordered_regions(region_set: RegionSet) -> tuple[Region, ...]:
    """The regions of a set as every page shows them: Tabel 1's order first, then by code."""
    order = {code: i for i, code in enumerate(REPORT_ORDER)}
    return tuple(sorted(region_set.regions, key=lambda r: (order.get(r.code, len(order)), r.code)))


def chosen_regions(store: Store, scope: str, set_id: str | None) -> tuple[Region, ...]:
    """The ordered regions of a set of the scope (the default set for None or an unknown id)."""
    choices = compare.region_set_choices(store, scope)
    return ordered_regions(
        choices.get(set_id or compare.DEFAULT_SET) or choices[compare.DEFAULT_SET]
    )


@dataclass(frozen=True)
class RegionsView:
    """One indicator across the regions of a set: the member gemeenten per region (the
    strip), the regions' own values (the small map) and the summary sentence."""

    indicator: Indicator
    regions: tuple[Region, ...]
    spread: pd.DataFrame  # compare.region_spread, rows in the regions' order
    summary: str
    unit: str
    source: str
    period: str | None = None  # None: no region or member has a value
    drenthe: float | None = None
    nederland: float | None = None
    region_values: pd.DataFrame | None = None  # region_code, name, color, value_text
    classes: classify.Classes | None = None

    @property
    def region_codes(self) -> tuple[str, ...]:
        return tuple(r.code for r in self.regions)


def region_classes(regions: int) -> int:
    """How many classes the regions' small map has: three, or one per region when fewer."""
    return min(3, regions)


def stored_breaks(store: Store) -> dict[str, tuple[float, ...]]:
    """The breaks of every regions' map the Regio's page offers that needs mapclassify (more
    distinct values than classes), by classify.breaks_key: each scope's region sets, each
    indicator, each period in which regions have values. Kept in the compiled store with the
    map page's (views/mapview.stored_breaks), so that a server reading it does not import
    mapclassify (1.6 s) for the first Regio's page of a scope with more than three regions
    (issue 17)."""
    known: dict[str, tuple[float, ...]] = {}
    for scope in SCOPES:
        for region_set in compare.region_set_choices(store, scope).values():
            regions = list(ordered_regions(region_set))
            codes = {r.code for r in regions}
            for ind in store.catalog:
                values = region_values(store, ind.id, regions)
                values = values[values["region_code"].isin(codes) & values["value"].notna()]
                for _, rows in values.groupby("period"):
                    pooled = rows["value"].tolist()  # one row per region and period
                    k = region_classes(len(pooled))
                    if len(set(pooled)) <= k:
                        continue  # one class per value: no mapclassify (classify.breaks)
                    key = classify.breaks_key(pooled, k, ind.decimals)
                    if key not in known:
                        known[key] = tuple(classify.breaks(pooled, k, ind.decimals))
    return known


def regions_view(store: Store, view: ViewState, set_id: str | None = None) -> RegionsView:
    lang = view.lang
    ind = store.indicator(view.indicator)
    regions = chosen_regions(store, view.scope, set_id)
    summary = compare.region_summary(store, ind.id, list(regions), lang, view.period)
    spread = compare.region_spread(store, ind.id, list(regions), view.period, lang)
    unit = store.catalog.unit_label(ind.unit, lang)
    if spread["value"].notna().sum() == 0:
        source = sentences.source_line(ind, store.latest_period(ind.id), lang)
        return RegionsView(ind, regions, spread, summary, unit, source)
    period = str(spread["period"].dropna().iloc[0])
    region_rows = spread[spread["kind"] == "region"].dropna(subset=["value"])
    classes = values = None
    if len(region_rows):
        classes = classify.indicator_classes(
            region_rows["value"].tolist(),
            ind,
            store.catalog,
            k=region_classes(len(region_rows)),
            known=store.class_breaks,
        )
        values = pd.DataFrame(
            {
                "region_code": region_rows["region_code"],
                "name": region_rows["region_name"],
                "color": [classes.color(v) for v in region_rows["value"]],
                "value_text": region_rows["value_text"],
            }
        )
    return RegionsView(
        ind,
        regions,
        spread,
        summary,
        unit,
        sentences.source_line(ind, period, lang),
        period,
        reference_value(store, ind.id, DRENTHE_CODE, period),
        reference_value(store, ind.id, NEDERLAND_CODE, period),
        values,
        classes,
    )


def theme_indicators(store: Store, theme: str) -> list[str]:
    """The ids of one theme's indicators, or of all (:data:`ALL_THEMES`), in catalogue order."""
    themes = store.catalog.by_theme()
    chosen = themes.values() if theme == ALL_THEMES else [themes[theme]]
    return [ind.id for inds in chosen for ind in inds]


def mark_extremes(table: pd.DataFrame, shown: pd.DataFrame) -> pd.DataFrame:
    """Best and worst cells get a symbol (✓ / ✗, not colour alone); 'highest'/'lowest' for
    neutral indicators get ▲ / ▼."""
    areas: dict[str, str] = table.attrs.get("areas", {})
    marked = shown.copy()
    for i, row in enumerate(table.itertuples(index=False)):
        good = row.best or ()
        bad = row.worst or ()
        high = () if good or bad else row.highest or ()
        low = () if good or bad else row.lowest or ()
        for code, name in areas.items():
            mark = (
                "✓ " if code in good else "✗ " if code in bad
                else "▲ " if code in high else "▼ " if code in low else ""
            )  # fmt: skip
            if mark:
                marked.iloc[i, marked.columns.get_loc(name)] = mark + marked.iloc[i][name]
    return marked


@dataclass(frozen=True)
class ComparisonView:
    """The Tabel 1-style table: every indicator of a theme across the regions."""

    regions: tuple[Region, ...]
    indicators: tuple[Indicator, ...]
    table: pd.DataFrame  # compare.comparison_table
    shown: pd.DataFrame  # as displayed and downloaded: best and worst marked
    weightings: tuple[tuple[str, str], ...]  # (how region values are found, which indicators)


def comparison_view(
    store: Store, view: ViewState, set_id: str | None = None, theme: str = ALL_THEMES
) -> ComparisonView:
    regions = chosen_regions(store, view.scope, set_id)
    ids = theme_indicators(store, theme)
    table = compare.comparison_table(store, list(regions), ids, view.lang)
    shown = mark_extremes(table, compare.display_table(table, view.lang))
    weightings = tuple(
        (str(weighting), ", ".join(labels))
        for weighting, labels in table.groupby("weighting", sort=False)["label"]
    )
    return ComparisonView(regions, tuple(store.indicator(i) for i in ids), table, shown, weightings)
