"""The cached view models and specs of every page, keyed on the (normalised) ViewState.

Each view model is computed once per server for a view and shared by every session, the
page, its slide, its images and its downloads. A view is normalised before it becomes a key
(:func:`for_map` and friends drop the fields a model does not read), so that, say, selecting
a gemeente does not recompute the map's classes. Streamlit hashes the frozen dataclass by
its fields."""

from __future__ import annotations

import html
import textwrap
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

import altair as alt
import pandas as pd
import pydeck as pdk
import streamlit as st

from dashboard.app import elements
from dashboard.app.resources import (
    agenda_data,
    agenda_or_none,
    geometry_files,
    get_store,
    map_areas,
    region_areas,
    scope_areas,
    scope_borders,
    scope_gemeenten,
)
from dashboard.model.catalog import Indicator
from dashboard.model.verhalen import Verhaal
from dashboard.publish import export
from dashboard.render import charts, images, maps, static_map, tables
from dashboard.render.classify import hex_to_rgba
from dashboard.state import ViewState
from dashboard.text import sentences
from dashboard.text.i18n import t
from dashboard.text.numbers import period_label
from dashboard.views import (
    agenda,
    changeview,
    compare,
    mapview,
    profileview,
    regionsview,
    trends,
    trendview,
)

# Streamlit hashes a dataclass argument through dataclasses.asdict, a deep copy: 126 µs per
# ViewState on every cached call of every run, against 13 µs for its repr, which names every
# field (issue 17; streamlit/runtime/caching/hashing.py).
VIEW_KEY: dict[Any, Callable[[Any], Any]] = {ViewState: repr}

# The view models every run of a page reads are shared objects (st.cache_resource), not
# st.cache_data's unpickled copy per read: those copies were an eighth of the server's
# interpreter time under thirty sessions (py-spy --gil, docs/benchmarks.md, issue 17). No page,
# chart or download changes a view it is given; tests/test_shared_views.py checks that.
SHARED = ("_map_view", "_map_table", "_regions_view", "_comparison_view", "_trend_view")
# the Streamlit messages built once per view (app/elements.py), also shared
ELEMENTS = ("_comparison_table", "_chart", "_map_table_element", "_trend_changes_element")


def clear_views() -> None:
    """Empty every cached view, spec and element of the pages (tests that change the data)."""
    st.cache_data.clear()
    for name in (*SHARED, *ELEMENTS):
        globals()[name].clear()


# --- normalised keys ---------------------------------------------------------------------------


def for_map(view: ViewState) -> ViewState:
    """What a map view reads: everything but the selection and a change map's start."""
    return replace(view, gemeenten=(), since=None, change_kind=None)


def for_regions(view: ViewState) -> ViewState:
    """What the Regio's page reads: indicator, period, scope, language."""
    return replace(view, gemeenten=(), colouring=ViewState.colouring, since=None, change_kind=None)


def for_trend(view: ViewState) -> ViewState:
    """What a trend reads: indicator, selection, language (all periods)."""
    return replace(
        view,
        period=None,
        colouring=ViewState.colouring,
        scope=ViewState.scope,
        since=None,
        change_kind=None,
    )


def for_profile(view: ViewState) -> ViewState:
    """What a profile reads: its gemeente, scope and language."""
    code = profileview.profile_gemeente(get_store(), view)
    return ViewState(gemeenten=(code,), scope=view.scope, lang=view.lang)


# --- Kaart --------------------------------------------------------------------------------------


@st.cache_resource(show_spinner=False, hash_funcs=VIEW_KEY, max_entries=512)  # shared: see SHARED
def _map_view(view: ViewState) -> mapview.MapView:
    return mapview.map_view(get_store(), view)


def map_view(view: ViewState) -> mapview.MapView:
    return _map_view(for_map(view))


def _coloured_areas(mv: mapview.MapView, level: str) -> dict[str, Any]:
    """The areas of a map view with their fill colour and tooltip fields."""
    props = {
        row.region_code: {
            "fill": hex_to_rgba(row.color),
            **{f: getattr(row, f) for f in (*mapview.TOOLTIP_FIELDS, "tip_name")},
        }
        for row in mv.table.itertuples()
    }
    areas = maps.with_properties(map_areas(mv.scope, level), props)
    for feature in areas["features"]:
        feature["properties"]["name"] = feature["properties"]["tip_name"]
    return areas


def _story_markers(
    stories: tuple[Verhaal, ...],
    lang: str,
    selected: str | None = None,
    fields: tuple[str, ...] = mapview.TOOLTIP_FIELDS,
) -> list[pdk.Layer]:
    if not stories:
        return []
    points = maps.story_points(stories, lang, fields, t("agenda_map_click", lang), selected)
    return [maps.story_layer(points)]


@st.cache_resource(show_spinner=False, hash_funcs=VIEW_KEY, max_entries=512)
def map_spec(
    view: ViewState, presenting: bool, narrow: bool, stories: bool = False
) -> maps.DeckSpec:
    """The choropleth of a view, serialised once (a shared, immutable string); with
    ``stories``, the markers of the stories of the goals its indicator measures on top."""
    mv = map_view(view)
    level = "corop" if mv.level == "corop" else "gemeente"
    areas = _coloured_areas(mv, level)
    selected = maps.only(areas, list(view.gemeenten))
    labels = []
    if presenting and len(mv.table) <= 25:
        text_ = {
            row.region_code: f"{row.name}\n{row.value_text}" if pd.notna(row.value) else row.name
            for row in mv.table.itertuples()
        }
        labels = maps.label_points(areas, text_)
    place = maps.VIEWS[mv.scope]
    if narrow:  # a 360 px column: the whole area must fit
        place = replace(place, zoom=place.zoom - 1)
    deck = maps.choropleth(
        areas,
        scope_borders(mv.scope, level),
        selected,
        place,
        mapview.TOOLTIP_FIELDS,
        labels=labels,
        label_size=20,
        extra_layers=_story_markers(map_stories(view.indicator), view.lang) if stories else (),
        files=geometry_files(mv.scope, level),
    )
    return maps.DeckSpec.of(deck)


def arrow_spec(chart: alt.TopLevelMixin | dict) -> dict:
    """``charts.spec`` with its tabular datasets as Arrow IPC bytes, for a cached spec.

    ``st.vega_lite_chart`` turns every dataset of a spec into Arrow on every run (records,
    then a DataFrame, then Arrow), and passes datasets that are bytes already straight on.
    Converted once with the very function it would call, a cached spec saves that work on
    each run: under 30 sessions it was a seventh of the server's time (docs/benchmarks.md).
    Not for GeoJSON datasets, which Streamlit keeps in the spec."""
    from streamlit.dataframe_util import convert_anything_to_arrow_bytes

    spec = chart if isinstance(chart, dict) else charts.spec(chart)
    spec["datasets"] = {
        name: convert_anything_to_arrow_bytes(rows) for name, rows in spec["datasets"].items()
    }
    return spec


@st.cache_data(show_spinner=False, hash_funcs=VIEW_KEY, max_entries=512)
def ranking_spec(view: ViewState) -> dict:
    mv = map_view(view)
    unit = get_store().catalog.unit_label(mv.indicator.unit, view.lang)
    return arrow_spec(
        charts.ranking_spec(
            mv.table, unit, mv.drenthe, mv.nederland, view.gemeenten, view.lang,
            mv.indicator.direction,
        )
    )  # fmt: skip


@st.cache_resource(show_spinner=False, hash_funcs=VIEW_KEY, max_entries=512)  # shared: see SHARED
def _map_table(view: ViewState) -> pd.DataFrame:
    return mapview.shown_table(map_view(view), get_store().catalog, view.lang)


def map_table(view: ViewState) -> pd.DataFrame:
    """The map view's table as shown: ranked, values and differences as text."""
    return _map_table(for_map(view))


@st.cache_resource(show_spinner=False, hash_funcs=VIEW_KEY, max_entries=512)
def _map_table_element(view: ViewState) -> elements.DataframeProto:
    # its Arrow file was written on every run of the map page (app/elements.py)
    return elements.dataframe_proto(_map_table(view), hide_index=True)


def map_table_element(view: ViewState) -> elements.DataframeProto:
    """:func:`map_table` as Streamlit sends it (app.elements.show draws it)."""
    return _map_table_element(for_map(view))


@st.cache_data(show_spinner=False, hash_funcs=VIEW_KEY, max_entries=128)
def _map_image(view: ViewState, fmt: str, day: date) -> bytes:
    mv = map_view(view)
    level = "corop" if mv.level == "corop" else "gemeente"
    unit = get_store().catalog.unit_label(mv.indicator.unit, view.lang)
    areas = scope_areas(view.scope, level)
    chart = static_map.map_chart(mv, areas, view.lang, day, unit_label=unit)
    return images.image_bytes(chart, fmt)


def map_image(view: ViewState, fmt: str, day: date) -> bytes:
    """The map of a view as PNG or SVG: the same classes and legend as the app, with title,
    period, source and export date drawn in."""
    return _map_image(for_map(view), fmt, day)


# --- Kaart: change over time (views.changeview) ---------------------------------------------------


def for_change(view: ViewState) -> ViewState:
    """What a change map reads: indicator, both periods, scope, language."""
    return replace(view, gemeenten=(), colouring=ViewState.colouring)


@st.cache_data(show_spinner=False, max_entries=1024)
def change_refusal(indicator: str, period: str | None) -> str | None:
    """Why the change map is not offered for this indicator and period (an i18n key), or
    None (changeview.change_refusal)."""
    return changeview.change_refusal(get_store(), indicator, period)


@st.cache_data(show_spinner=False, hash_funcs=VIEW_KEY, max_entries=256)
def _change_view(view: ViewState) -> changeview.ChangeView:
    return changeview.change_view(get_store(), view)


def change_view(view: ViewState) -> changeview.ChangeView:
    return _change_view(for_change(view))


@st.cache_resource(show_spinner=False, hash_funcs=VIEW_KEY, max_entries=256)
def change_spec(view: ViewState, presenting: bool, narrow: bool) -> maps.DeckSpec:
    """The change map of a view: areas coloured by their change, areas whose change is not
    significant outlined in dark grey, selected areas in black."""
    cv = change_view(view)
    level = "corop" if cv.level == "corop" else "gemeente"
    props = {
        row.region_code: {
            "fill": hex_to_rgba(row.color),
            **{f: getattr(row, f) for f in (*changeview.TOOLTIP_FIELDS, "tip_name")},
        }
        for row in cv.table.itertuples()
    }
    areas = maps.with_properties(map_areas(cv.scope, level), props)
    for feature in areas["features"]:
        feature["properties"]["name"] = feature["properties"]["tip_name"]
    labels = []
    if presenting and len(cv.table) <= 25:
        text_ = {
            row.region_code: f"{row.name}\n{row.value_text}" if pd.notna(row.value) else row.name
            for row in cv.table.itertuples()
        }
        labels = maps.label_points(areas, text_)
    place = maps.VIEWS[cv.scope]
    if narrow:
        place = replace(place, zoom=place.zoom - 1)
    deck = maps.choropleth(
        areas,
        scope_borders(cv.scope, level),
        maps.only(areas, list(view.gemeenten)),
        place,
        changeview.TOOLTIP_FIELDS,
        labels=labels,
        label_size=20,
        files=geometry_files(cv.scope, level),
    )
    flat = cv.table.loc[cv.table["significant"].eq(False).fillna(False).astype(bool)]
    if not flat.empty:  # "niet significant": outlined, under the selection's black outline
        outline = maps.border_layer(
            "not-significant",
            maps.edges(maps.only(areas, flat["region_code"].tolist())),
            changeview.NOT_SIGNIFICANT_OUTLINE,
            2.5,
        )
        ids = [layer.id for layer in deck.layers]
        at = next((i for i, id_ in enumerate(ids) if id_ in ("selected", "labels")), len(ids))
        deck.layers.insert(at, outline)
    return maps.DeckSpec.of(deck)


@st.cache_data(show_spinner=False, hash_funcs=VIEW_KEY, max_entries=256)
def change_ranking_spec(view: ViewState) -> dict:
    """The ranking of the change (the table's value is the change)."""
    cv = change_view(view)
    unit = changeview.change_unit(cv, get_store().catalog, view.lang)
    return arrow_spec(
        charts.ranking_spec(
            cv.table, f"{t('change_col', view.lang)} ({unit})", cv.drenthe_change,
            cv.nederland_change, view.gemeenten, view.lang, cv.indicator.direction,
        )
    )  # fmt: skip


def slope(view: ViewState) -> alt.TopLevelMixin:
    cv = change_view(view)
    catalog = get_store().catalog
    frame = changeview.slope_frame(cv, catalog, view.gemeenten, view.lang)
    unit = catalog.unit_label(cv.indicator.unit, view.lang)
    return charts.slope_chart(frame, unit, view.lang, description=cv.summary)


@st.cache_data(show_spinner=False, hash_funcs=VIEW_KEY, max_entries=256)
def _slope_spec(view: ViewState) -> dict:
    return arrow_spec(slope(view))


def slope_spec(view: ViewState) -> dict:
    """The slope chart of a change view; the selection is highlighted, so it is in the key."""
    return _slope_spec(replace(view, colouring=ViewState.colouring))


@st.cache_data(show_spinner=False, hash_funcs=VIEW_KEY, max_entries=256)
def _change_table(view: ViewState) -> pd.DataFrame:
    return changeview.table_frame(change_view(view), get_store().catalog, view.lang)


def change_table(view: ViewState) -> pd.DataFrame:
    """The change table as shown and downloaded: start, end, change and significance."""
    return _change_table(for_change(view))


@st.cache_data(show_spinner=False, hash_funcs=VIEW_KEY, max_entries=128)
def _change_image(view: ViewState, fmt: str, day: date) -> bytes:
    cv = change_view(view)
    level = "corop" if cv.level == "corop" else "gemeente"
    unit = changeview.change_unit(cv, get_store().catalog, view.lang)
    chart = static_map.change_map_chart(
        cv, scope_areas(view.scope, level), view.lang, day, unit_label=unit
    )
    return images.image_bytes(chart, fmt)


def change_image(view: ViewState, fmt: str, day: date) -> bytes:
    """The change map as PNG or SVG with its legend, title, periods and source drawn in."""
    return _change_image(for_change(view), fmt, day)


# --- Regio's ------------------------------------------------------------------------------------


@st.cache_resource(show_spinner=False, hash_funcs=VIEW_KEY, max_entries=256)  # shared: see SHARED
def _regions_view(view: ViewState, set_id: str | None) -> regionsview.RegionsView:
    return regionsview.regions_view(get_store(), view, set_id)


def regions_view(view: ViewState, set_id: str | None = None) -> regionsview.RegionsView:
    return _regions_view(for_regions(view), set_id or compare.DEFAULT_SET)


def region_strip(rv: regionsview.RegionsView, lang: str) -> alt.TopLevelMixin:
    return charts.region_strip(rv.spread, rv.unit, rv.drenthe, rv.nederland, lang)


@st.cache_data(show_spinner=False, hash_funcs=VIEW_KEY, max_entries=256)
def _region_specs(view: ViewState, set_id: str | None) -> tuple[dict | None, dict | None]:
    rv = _regions_view(view, set_id)
    if rv.period is None:
        return None, None
    strip = arrow_spec(
        charts.region_strip_spec(rv.spread, rv.unit, rv.drenthe, rv.nederland, view.lang)
    )
    if rv.region_values is None:
        return strip, None
    areas = region_areas(view.scope, rv.region_codes)
    return strip, charts.region_map_spec(areas, rv.region_values, view.lang)


def region_specs(view: ViewState, set_id: str | None = None) -> tuple[dict | None, dict | None]:
    """The strip of gemeenten per region and the small map of the regions (None: no data)."""
    return _region_specs(for_regions(view), set_id or compare.DEFAULT_SET)


@st.cache_resource(show_spinner=False, hash_funcs=VIEW_KEY, max_entries=128)  # shared: see SHARED
def _comparison_view(view: ViewState, set_id: str | None, theme: str) -> regionsview.ComparisonView:
    return regionsview.comparison_view(get_store(), view, set_id, theme)


def comparison_view(
    view: ViewState, set_id: str | None = None, theme: str = regionsview.ALL_THEMES
) -> regionsview.ComparisonView:
    return _comparison_view(*_comparison_key(view, set_id, theme))


def _comparison_key(view: ViewState, set_id: str | None, theme: str) -> tuple:
    """The comparison's key: it shows every indicator in its latest period."""
    key = replace(for_regions(view), indicator=ViewState.indicator, period=None)
    return key, set_id or compare.DEFAULT_SET, theme


@st.cache_resource(show_spinner=False, hash_funcs=VIEW_KEY, max_entries=128)
def _comparison_table(view: ViewState, set_id: str, theme: str) -> elements.DataframeProto:
    # The Streamlit message, not only the view: marshalling its Styler took 15-19 ms of
    # every run of the page (app/elements.py). A resource: every run copies it, none changes it.
    shown = _comparison_view(view, set_id, theme).shown
    return elements.dataframe_proto(tables.comparison_styler(shown), hide_index=True)


def comparison_table(
    view: ViewState, set_id: str | None = None, theme: str = regionsview.ALL_THEMES
) -> elements.DataframeProto:
    """The comparison table as Streamlit sends it (app.elements.show draws it)."""
    return _comparison_table(*_comparison_key(view, set_id, theme))


# --- charts as Streamlit sends them --------------------------------------------------------------


@st.cache_resource(show_spinner=False, hash_funcs=VIEW_KEY, max_entries=1024)
def _chart(
    name: str,
    view: ViewState,
    key: tuple,
    width: str,
    title: str,
    summary: str,
    _make: Callable[[], dict | None],
) -> elements.VegaLiteChartProto | None:
    # The message, not only the spec: st.vega_lite_chart writes a spec as JSON twice on
    # every run (app/elements.py). A resource: every run copies it, none changes it.
    spec = _make()
    if spec is None:
        return None
    return elements.vega_proto(charts.described(spec, title, summary) if title else spec, width)


def chart(
    name: str,
    view: ViewState,
    key: tuple,
    make: Callable[[], dict | None],
    width: str = "stretch",
    title: str = "",
    summary: str = "",
) -> elements.VegaLiteChartProto | None:
    """The chart whose spec ``make()`` returns (None: no chart) as Streamlit sends it, with
    its accessible name and description, built once. ``name``, ``view`` and ``key`` are what
    the spec depends on; ``make`` runs only when the chart is not cached yet."""
    return _chart(name, view, key, width, title, summary, _make=make)


# --- Trends -------------------------------------------------------------------------------------


@st.cache_resource(show_spinner=False, hash_funcs=VIEW_KEY, max_entries=256)  # shared: see SHARED
def _trend_view(view: ViewState, extra: tuple[str, ...]) -> trendview.TrendView:
    return trendview.trend_view(get_store(), view, extra)


def trend_view(view: ViewState, extra: tuple[str, ...] = ()) -> trendview.TrendView:
    return _trend_view(for_trend(view), tuple(extra))


@st.cache_resource(show_spinner=False, hash_funcs=VIEW_KEY, max_entries=256)
def _trend_changes_element(view: ViewState, extra: tuple[str, ...]) -> elements.DataframeProto:
    # the table of change of the Trends page, as the map's table (app/elements.py)
    return elements.dataframe_proto(_trend_view(view, extra).changes, hide_index=True)


def trend_changes_element(view: ViewState, extra: tuple[str, ...] = ()) -> elements.DataframeProto:
    """The trend view's table of change as Streamlit sends it."""
    return _trend_changes_element(for_trend(view), tuple(extra))


def trend_chart(tv: trendview.TrendView, measure: str, lang: str) -> alt.TopLevelMixin | None:
    """The trend as values or as an index (None when there is no index)."""
    if measure == "index":
        frame = tv.index.frame
        return None if frame is None else charts.trend_lines(frame, "index", lang, y="index")
    return charts.trend_lines(tv.frame, tv.unit, lang)


@st.cache_data(show_spinner=False, hash_funcs=VIEW_KEY, max_entries=512)
def _trend_spec(view: ViewState, extra: tuple[str, ...], measure: str) -> dict | None:
    tv = _trend_view(view, extra)
    if measure == "index":  # as trend_chart, as plain dicts (charts.trend_lines_spec)
        frame = tv.index.frame
        if frame is None:
            return None
        return arrow_spec(charts.trend_lines_spec(frame, "index", view.lang, y="index"))
    return arrow_spec(charts.trend_lines_spec(tv.frame, tv.unit, view.lang))


def trend_spec(view: ViewState, extra: tuple[str, ...], measure: str) -> dict | None:
    return _trend_spec(for_trend(view), tuple(extra), measure)


def small_multiples_codes(scope: str) -> tuple[str, ...]:
    return trendview.small_multiples_codes(scope_gemeenten(scope), scope_gemeenten("drenthe"))


@st.cache_data(show_spinner=False, hash_funcs=VIEW_KEY, max_entries=256)
def _small_multiples_spec(view: ViewState) -> dict | None:
    # the trend frame only: the chart reads neither the trend's change table, nor its
    # index, nor its summary (half of this view's first request: issue 17)
    store = get_store()
    codes = small_multiples_codes(view.scope)
    frame = trends.trend_frame(store, view.indicator, list(codes), view.lang)
    if not trendview.has_gemeente_values(frame):
        return None
    unit = store.catalog.unit_label(store.indicator(view.indicator).unit, view.lang)
    return arrow_spec(charts.small_multiples_spec(frame, unit, view.lang))


def small_multiples_spec(view: ViewState) -> dict | None:
    """One mini chart per gemeente of the scope (Drenthe's twelve for the whole country);
    None when no gemeente has a value."""
    return _small_multiples_spec(
        replace(
            view,
            gemeenten=(),
            period=None,
            colouring=ViewState.colouring,
            since=None,
            change_kind=None,
        )
    )


# --- Gemeenteprofiel and Over de data -----------------------------------------------------------


@st.cache_data(show_spinner=False, hash_funcs=VIEW_KEY, max_entries=256)
def _profile_view(view: ViewState) -> profileview.ProfileView:
    return profileview.profile_view(get_store(), view)


def profile_view(view: ViewState) -> profileview.ProfileView:
    return _profile_view(for_profile(view))


@st.cache_data(show_spinner=False, hash_funcs=VIEW_KEY, max_entries=256)
def _profile_overview_spec(view: ViewState) -> dict:
    pv = _profile_view(view)
    title = f"{t('profile_overview', view.lang)}: {pv.name}"
    return charts.described(
        arrow_spec(charts.profile_overview(pv.table, view.lang)), title, pv.summary
    )


def profile_overview_spec(view: ViewState) -> dict:
    """The profile's overview chart (selectable), named and described, built once per
    profile (it was built and validated on every run of the page: issue 17)."""
    return _profile_overview_spec(for_profile(view))


@st.cache_data(show_spinner=False, hash_funcs=VIEW_KEY, max_entries=64)
def _handout_image(view: ViewState, fmt: str, day: date) -> bytes:
    store = get_store()
    pv = _profile_view(view)
    lang = view.lang
    inds = [store.indicator(i) for i in pv.with_value]
    meta = export.ExportMeta.for_indicators(inds, day, lang)
    footer = [
        *textwrap.wrap(f"{t('export_source', lang)}: {meta.source}", 130),
        f"{t('export_licence', lang)}: {meta.licence}",
        f"{t('export_date', lang)}: {day.isoformat()}",
    ]
    chart = charts.profile_handout(pv.table, pv.name, pv.summary, footer, lang)
    return images.image_bytes(chart, fmt)


def handout_image(view: ViewState, fmt: str, day: date) -> bytes:
    """The one-page profile handout as PNG or SVG (made when downloaded, cached per day)."""
    return _handout_image(for_profile(view), fmt, day)


@st.cache_data(show_spinner=False)
def catalog_table(lang: str) -> pd.DataFrame:
    return export.catalog_table(get_store(), lang)


# --- every page ---------------------------------------------------------------------------------

PAGE_SUMMARIES = ("kaart", "regios", "trends", "profiel")


def page_summary(page: str, view: ViewState) -> str:
    """The one plain sentence a page says of a view: what a slide made there says."""
    if page == "regios":
        return regions_view(view).summary
    if page == "trends":
        return trend_view(view).summary
    if page == "profiel":
        return profile_view(view).summary
    if view.since is not None and change_refusal(view.indicator, view.period) is None:
        return change_view(view).summary
    return map_view(view).summary


def chart_image(chart: Any, ind: Indicator, period: str, lang: str, fmt: str) -> bytes:
    """A chart of a page as PNG or SVG, with the indicator, period, source and date drawn in."""
    footer = [
        *textwrap.wrap(sentences.source_line(ind, period, lang), 120),
        f"{t('export_date', lang)}: {date.today().isoformat()}",
    ]
    framed = charts.titled(chart, ind.label(lang), period_label(period, lang), footer)
    return images.image_bytes(framed, fmt)


# --- Sociale Agenda -----------------------------------------------------------------------------


def for_agenda(view: ViewState) -> ViewState:
    """What the agenda page reads of a view: its language (its maps are always Drenthe's)."""
    return ViewState(lang=view.lang)


@st.cache_data(show_spinner=False, hash_funcs=VIEW_KEY, max_entries=128)
def _agenda_view(view: ViewState, goal_id: str, story_id: str | None) -> agenda.AgendaView:
    return agenda.agenda_view(get_store(), view, goal_id, agenda_data(), story_id)


def agenda_view(view: ViewState, goal_id: str, story_id: str | None = None) -> agenda.AgendaView:
    return _agenda_view(for_agenda(view), goal_id, story_id)


AGENDA_PLACE = maps.View(52.86, 6.60, 8.1)  # the province in a ~530 x 460 px map
# the small maps' tooltip: an area's value and period, a story's place and "click to read"
AGENDA_TOOLTIP = ("tip_value", "tip_period")


@st.cache_resource(show_spinner=False, max_entries=256)
def agenda_map_spec(
    lang: str, goal_id: str, story_id: str | None, presenting: bool, narrow: bool
) -> maps.DeckSpec:
    """A goal's small map: the choropleth of its map indicator (grey gemeenten when it has
    none) with its stories as markers, the chosen story larger."""
    av = agenda_view(ViewState(lang=lang), goal_id, story_id)
    if av.map_indicator is not None:
        mv = map_view(ViewState(indicator=av.map_indicator, scope="drenthe", lang=lang))
        level = "corop" if mv.level == "corop" else "gemeente"
        areas = _coloured_areas(mv, level)
    else:
        level = "gemeente"
        areas = _plain_areas(lang)
    place = AGENDA_PLACE
    if narrow:
        place = replace(place, zoom=place.zoom - 0.6)
    if presenting:
        place = replace(place, zoom=place.zoom + 0.4)
    deck = maps.choropleth(
        areas,
        scope_borders("drenthe", level),
        None,
        place,
        AGENDA_TOOLTIP,
        extra_layers=_story_markers(av.stories, lang, story_id, AGENDA_TOOLTIP),
    )
    return maps.DeckSpec.of(deck)


def _plain_areas(lang: str, highlight: str | None = None) -> dict[str, Any]:
    """Drenthe's gemeenten in light grey (a map of stories without figures)."""
    fields = dict.fromkeys(mapview.TOOLTIP_FIELDS, "")
    fields[mapview.TOOLTIP_FIELDS[0]] = t("agenda_map_no_figures", lang)
    collection = scope_areas("drenthe", "gemeente")
    props = {
        f["properties"]["region_code"]: {
            "fill": [205, 205, 205, 255]
            if f["properties"]["region_code"] != highlight
            else [160, 160, 160, 255],
            "name": html.escape(str(f["properties"]["name"])),
            **fields,
        }
        for f in collection["features"]
    }
    return maps.with_properties(collection, props)


@st.cache_resource(show_spinner=False, max_entries=128)
def story_map_spec(lang: str, story_id: str, narrow: bool) -> maps.DeckSpec | None:
    """One story's marker on the gemeenten of Drenthe, its own gemeente darker (a slide)."""
    data = agenda_data()
    story = data.story(story_id)
    if story is None:
        return None
    place = replace(AGENDA_PLACE, zoom=AGENDA_PLACE.zoom + (-0.6 if narrow else 0.1))
    deck = maps.choropleth(
        _plain_areas(lang, story.gemeente),
        scope_borders("drenthe", "gemeente"),
        None,
        place,
        AGENDA_TOOLTIP,
        extra_layers=_story_markers((story,), lang, story.id, AGENDA_TOOLTIP),
    )
    return maps.DeckSpec.of(deck)


def map_stories(indicator_id: str) -> tuple[Verhaal, ...]:
    """The stories of the goals an indicator measures (none when the agenda cannot load)."""
    data = agenda_or_none()
    return () if data is None else data.stories_for_indicator(indicator_id)


# --- Eigen gegevens (branch upload) -------------------------------------------------------------
# Every cached function above becomes session-aware: in a session with an upload, a call that
# may show it is computed for that session alone and memoised in its state; every other call
# uses the shared cache, computed from the shared store (app/uploads.py). Keep this last.
from dashboard.app import uploads as _uploads  # noqa: E402

_uploads.wrap_cached(globals(), __name__)
