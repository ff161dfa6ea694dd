"""Streamlit glue shared by app.py and the pages: cached loading, the shared controls and the
URL sync. Everything that decides *what* to show lives in the pure modules; this module only
wires them to Streamlit."""

from __future__ import annotations

import base64
import html
import textwrap
from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from typing import Any
from urllib.parse import urlencode

import altair as alt
import pandas as pd
import streamlit as st

from dashboard import state
from dashboard.config import ConfigError, check_folder, load_settings
from dashboard.model import geo
from dashboard.model.catalog import Indicator
from dashboard.model.errors import DataError
from dashboard.model.schema import period_label
from dashboard.model.store import Store, load_store
from dashboard.publish import export, share
from dashboard.render import charts, classify, images, maps, static_map
from dashboard.render.classify import hex_to_rgba, legend_items
from dashboard.state import NOTICE_TEXT, ViewState
from dashboard.text import numbers
from dashboard.text.i18n import t
from dashboard.text.numbers import escape_markdown
from dashboard.views import compare, mapview, profile, stories, trends

# session_state keys of the shared widgets
KEY = {name: f"w_{name}" for name in state.PARAMS}
SEEDED = "_view_seeded"
WRITTEN = "_view_written"  # the query parameters the controls last wrote
NOTICES = "_view_notices"


@st.cache_resource(show_spinner="Gegevens laden…")
def get_store() -> Store:
    return load_store()


def store_or_stop() -> Store:
    """The store, or the page that says what is missing and offers to fetch it (never a
    traceback; app/fetch.py)."""
    try:
        return get_store()
    except (DataError, ConfigError) as exc:
        from dashboard.app.fetch import no_data_page

        no_data_page(exc)


@st.cache_resource(show_spinner=False)
def scope_gemeenten(scope: str) -> tuple[str, ...]:
    """The gemeente codes of a scope (geo.scope_codes, once per scope)."""
    return tuple(geo.scope_codes(get_store().gebieden, scope))


@st.cache_data(show_spinner=False)
def scope_areas(scope: str, level: str) -> dict[str, Any]:
    """Simplified GeoJSON of the gemeenten (level 'gemeente') or COROP regions ('corop') of a
    scope, with region_code and name."""
    store = get_store()
    geo_dir = check_folder(load_settings(), "geo_dir")
    gemeenten = geo.load_gemeenten(geo_dir, scope, store.gebieden)
    if level == "gemeente":
        return maps.feature_collection(gemeenten)
    scope_gebieden = store.gebieden[store.gebieden["gemeente_code"].isin(gemeenten["region_code"])]
    codes = sorted(scope_gebieden["corop_code"].unique())
    return maps.feature_collection(geo.load_outlines(geo_dir, "corop", codes))


@st.cache_data(show_spinner=False)
def scope_outlines(scope: str) -> list[dict[str, Any]]:
    """Province borders (thick) and COROP borders (thin) of a scope, simplified."""
    store = get_store()
    geo_dir = check_folder(load_settings(), "geo_dir")
    provinces = geo.SCOPES[scope]
    g = store.gebieden
    if provinces is not None:
        g = g[g["provincie_code"].isin(provinces)]
    outlines = [
        maps.feature_collection(
            geo.load_outlines(geo_dir, "provincie", sorted(g["provincie_code"].unique()))
        )
    ]
    if scope != "nederland":
        corop = geo.load_outlines(geo_dir, "corop", sorted(g["corop_code"].unique()))
        outlines.append(maps.feature_collection(corop))
    return outlines


@st.cache_resource(show_spinner=False)
def scope_borders(scope: str, level: str) -> maps.Borders:
    """The borders of a scope's areas (level 'gemeente' or 'corop') and its outlines, once
    per server: shared by every session and never mutated."""
    return maps.Borders.of(scope_areas(scope, level), scope_outlines(scope))


def _query_dict() -> dict[str, list[str]]:
    return {k: st.query_params.get_all(k) for k in st.query_params}


def _parse_url(store: Store) -> tuple[ViewState, list[state.Notice]]:
    return state.parse_query(
        _query_dict(),
        indicators=store.catalog.indicators,
        periods_of=store.periods,
        gemeente_codes=set(store.gebieden["gemeente_code"]),
    )


def _seed(store: Store) -> None:
    """On a session's first run: read the URL into the widgets' state, keep the notices."""
    view, notices = _parse_url(store)
    periods = store.periods(view.indicator)
    st.session_state[KEY["indicator"]] = view.indicator
    st.session_state[KEY["periode"]] = view.periode or periods[-1]
    st.session_state[KEY["gemeente"]] = list(view.gemeenten)
    st.session_state[KEY["schaal"]] = view.schaal
    st.session_state[KEY["taal"]] = view.taal
    st.session_state[KEY["kleur"]] = view.kleur
    st.session_state["_periode_explicit"] = view.periode is not None
    st.session_state[NOTICES] = notices
    st.session_state[SEEDED] = True


def _on_period_change() -> None:
    st.session_state["_periode_explicit"] = True


def _on_indicator_change() -> None:
    st.session_state["_periode_explicit"] = False


def indicator_options(store: Store, lang: str) -> tuple[list[str], dict[str, str]]:
    options, labels = [], {}
    for theme, indicators in store.catalog.by_theme().items():
        theme_label = store.catalog.theme_label(theme, lang)
        for ind in indicators:
            options.append(ind.id)
            labels[ind.id] = f"{theme_label} · {ind.label(lang)}"
    return options, labels


def controls(store: Store) -> ViewState:
    """Draw the shared controls in the sidebar, sync the URL, and return the view."""
    for key in KEY.values():
        if key in st.session_state:
            # Re-assigning makes the values survive a page switch: Streamlit otherwise
            # resets widgets of the entry point to their defaults on the new page.
            st.session_state[key] = st.session_state[key]
    url = _query_dict()
    in_url = _flat(url)
    if not st.session_state.get(SEEDED) or (in_url and in_url != st.session_state.get(WRITTEN)):
        # a first visit, or a URL the controls did not write (a link between pages, the
        # browser's back button): the URL wins. An empty URL (after a page switch) keeps
        # the session's view and gets it written back.
        _seed(store)
    ss = st.session_state
    lang = ss[KEY["taal"]]
    sidebar = st.sidebar

    options, labels = indicator_options(store, lang)
    indicator = sidebar.selectbox(
        t("indicator", lang),
        options,
        key=KEY["indicator"],
        format_func=labels.__getitem__,
        help=t("indicator_help", lang),
        on_change=_on_indicator_change,
    )
    periods = store.periods(indicator)
    if ss.get(KEY["periode"]) not in periods or not ss.get("_periode_explicit"):
        ss[KEY["periode"]] = periods[-1]
    periode = sidebar.selectbox(
        t("period", lang),
        list(reversed(periods)),
        key=KEY["periode"],
        format_func=lambda p: period_label(p, lang),
        on_change=_on_period_change,
    )
    schaal = sidebar.radio(
        t("scope", lang),
        state.SCOPES,
        key=KEY["schaal"],
        format_func=lambda s: t(f"scope_{s}", lang),
    )
    scope_codes = scope_gemeenten(schaal)
    chosen = ss.get(KEY["gemeente"], [])
    gemeente_options = sorted(set(scope_codes) | set(chosen), key=store.name)
    gemeenten = sidebar.multiselect(
        t("gemeenten", lang),
        gemeente_options,
        key=KEY["gemeente"],
        format_func=store.name,
        max_selections=state.MAX_GEMEENTEN,
        placeholder="Kies gemeenten" if lang == "nl" else "Choose municipalities",
        help=t("gemeenten_help", lang),
    )
    kleur = sidebar.radio(
        t("colouring", lang),
        state.COLOURINGS,
        key=KEY["kleur"],
        format_func=lambda c: t(f"colour_{c}", lang),
    )
    taal = sidebar.segmented_control(
        t("language", lang),
        state.LANGS,
        key=KEY["taal"],
        format_func=lambda code: {"nl": "Nederlands", "en": "English"}[code],
        selection_mode="single",
    )
    if taal is None:  # a segmented control can be deselected; keep the language
        taal = lang
    view = ViewState(
        indicator=indicator,
        periode=periode if ss.get("_periode_explicit") else None,
        gemeenten=tuple(gemeenten),
        schaal=schaal,
        taal=taal,
        kleur=kleur,
    )
    query = state.to_query(view)
    current = _query_dict()
    if query != _flat(current):
        # parameters of a page itself (a story, a slide number) stay as they are
        extra = {k: v for k, v in current.items() if k not in state.PARAMS}
        st.query_params.from_dict({**extra, **query})
    if ss.get(WRITTEN) not in (None, query):
        ss[NOTICES] = []  # the user changed the view: notices about the old URL are stale
    ss[WRITTEN] = query
    return view


def _flat(query: dict[str, list[str]]) -> dict[str, str | list[str]]:
    """The view's query parameters in the shape of state.to_query (one value, a list for
    gemeente); parameters of a page itself are left out."""
    return {k: v if k == "gemeente" else v[-1] for k, v in query.items() if k in state.PARAMS}


def view_url(view: ViewState, page: str = "") -> str:
    """The path and query of a view on a page (relative to the app's root)."""
    query = urlencode(state.to_query(view), doseq=True)
    return f"/{page}" + (f"?{query}" if query else "")


def show_notices(lang: str) -> None:
    for notice in st.session_state.get(NOTICES, []):
        nl, en = NOTICE_TEXT[notice.reason]
        template = en if lang == "en" else nl
        value = f"“{escape_markdown(notice.value)}”" if notice.value else ""
        st.warning(template.format(value=value, param=notice.param), icon="⚠️")


def select_gemeente(code: str | None) -> None:
    """Add a gemeente to the shared selection (from a map click); call from a callback."""
    if not code or not code.startswith("GM"):
        return
    chosen = list(st.session_state.get(KEY["gemeente"], []))
    if code in chosen:
        chosen.remove(code)
    else:
        chosen.append(code)
    st.session_state[KEY["gemeente"]] = chosen[-state.MAX_GEMEENTEN :]


def resolved(view: ViewState, store: Store) -> ViewState:
    """The view with its period filled in."""
    return replace(view, periode=view.periode or store.latest_period(view.indicator))


CURRENT = "_current_view"


def set_current_view(view: ViewState) -> None:
    st.session_state[CURRENT] = view


def current_view(store: Store) -> ViewState:
    """The view app.py's controls produced in this run. A page run on its own (Streamlit's
    AppTest runs only the page when asked for one) draws the controls itself."""
    if CURRENT not in st.session_state:
        set_current_view(controls(store))
    return st.session_state[CURRENT]


@st.cache_data(show_spinner=False, max_entries=512)
def _map_view(indicator: str, periode: str | None, schaal: str, kleur: str, taal: str):
    view = ViewState(indicator=indicator, periode=periode, schaal=schaal, kleur=kleur, taal=taal)
    return mapview.map_view(get_store(), view)


def cached_map_view(view: ViewState) -> mapview.MapView:
    return _map_view(view.indicator, view.periode, view.schaal, view.kleur, view.taal)


def page_header(mv: mapview.MapView, lang: str) -> None:
    ind = mv.indicator
    st.title(ind.label(lang))
    theme = get_store().catalog.theme_label(ind.theme, lang)
    st.caption(f"{theme} · {period_label(mv.period, lang)} · {ind.definition(lang)}")
    show_notices(lang)
    for note in mv.notes[: 1 if mv.level == "gemeente" else 2]:
        if note != ind.notes(lang):
            st.info(note, icon="ℹ️")


def _on_map_select() -> None:
    select_gemeente(maps.selected_code(st.session_state.get("kaart")))


@st.cache_resource(show_spinner=False, max_entries=512)
def _map_spec(
    indicator: str,
    periode: str | None,
    schaal: str,
    kleur: str,
    taal: str,
    gemeenten: tuple[str, ...],
    presenting: bool,
    narrow_: bool,
) -> maps.DeckSpec:
    """The choropleth of a view, serialised once (a shared, immutable string)."""
    mv = _map_view(indicator, periode, schaal, kleur, taal)
    level = "corop" if mv.level == "corop" else "gemeente"
    props = {
        row.region_code: {
            "fill": hex_to_rgba(row.color),
            **{f: getattr(row, f) for f in (*mapview.TOOLTIP_FIELDS, "tip_name")},
        }
        for row in mv.table.itertuples()
    }
    areas = maps.with_properties(scope_areas(mv.scope, level), props)
    for feature in areas["features"]:
        feature["properties"]["name"] = feature["properties"]["tip_name"]
    selected = maps.only(areas, list(gemeenten))
    labels = []
    if presenting and len(mv.table) <= 25:
        text_ = {
            row.region_code: f"{row.name}\n{row.value_text}" if pd.notna(row.value) else row.name
            for row in mv.table.itertuples()
        }
        labels = maps.label_points(areas, text_)
    place = maps.VIEWS[mv.scope]
    if narrow_:  # a 360 px column: the whole area must fit
        place = replace(place, zoom=place.zoom - 1)
    deck = maps.choropleth(
        areas,
        scope_borders(mv.scope, level),
        selected,
        place,
        mapview.TOOLTIP_FIELDS,
        labels=labels,
        label_size=20,
    )
    return maps.DeckSpec.of(deck)


def map_chart(
    mv: mapview.MapView, view: ViewState, key: str = "kaart", presenting: bool = False
) -> None:
    """The choropleth of ``view`` (whose map view is ``mv``). On the map page a click selects
    a gemeente; presenting, the areas carry big labels (name and value) and clicks do
    nothing."""
    v = view
    spec = _map_spec(
        v.indicator, v.periode, v.schaal, v.kleur, v.taal, tuple(v.gemeenten), presenting, narrow()
    )
    st.pydeck_chart(
        spec,  # type: ignore[arg-type]  # quacks like the pydeck Deck it was made from
        height=640 if presenting else 420 if narrow() else 560,
        on_select="ignore" if presenting else _on_map_select,
        selection_mode="single-object",
        key=key,
        alt=mv.summary,
    )


def legend(mv: mapview.MapView, lang: str) -> None:
    if mv.classes is None:
        return
    entries = legend_items(mv.classes, lang, no_data=mv.table["value"].isna().any())
    items = "".join(
        f'<li><span class="swatch" style="background:{color}"></span>{html.escape(label)}</li>'
        for color, label in entries
    )
    title = t("legend", lang)
    if mv.centre_name:
        centre = "drenthe" if mv.centre_name == "Drenthe" else "nederland"
        title += f" ({t('colour_' + centre, lang).lower()})"
    st.markdown(
        f'<div class="bw-legend" role="list" aria-label="{html.escape(title)}">'
        f"<strong>{html.escape(title)}</strong><ul>{items}</ul></div>",
        unsafe_allow_html=True,
    )


def arrow_spec(chart: alt.TopLevelMixin) -> dict:
    """``charts.spec`` with its tabular datasets as Arrow IPC bytes, for a cached spec.

    ``st.vega_lite_chart`` turns every dataset of a spec into Arrow on every run (records,
    then a DataFrame, then Arrow), and passes datasets that are bytes already straight on.
    Converted once with the very function it would call, a cached spec saves that work on
    each run: under 30 sessions it was a seventh of the server's time (docs/benchmarks.md).
    Not for GeoJSON datasets, which Streamlit keeps in the spec."""
    from streamlit.dataframe_util import convert_anything_to_arrow_bytes

    spec = charts.spec(chart)
    spec["datasets"] = {
        name: convert_anything_to_arrow_bytes(rows) for name, rows in spec["datasets"].items()
    }
    return spec


def vega(chart: alt.TopLevelMixin | dict, width: str = "stretch") -> None:
    """An Altair chart (or its ``charts.spec``), drawn without validating it again."""
    st.vega_lite_chart(chart if isinstance(chart, dict) else charts.spec(chart), width=width)


@st.cache_data(show_spinner=False, max_entries=512)
def _ranking_spec(
    indicator: str,
    periode: str | None,
    schaal: str,
    kleur: str,
    taal: str,
    gemeenten: tuple[str, ...],
) -> dict:
    mv = _map_view(indicator, periode, schaal, kleur, taal)
    unit = get_store().catalog.unit_label(mv.indicator.unit, taal)
    return arrow_spec(
        charts.ranking(
            mv.table, unit, mv.drenthe, mv.nederland, gemeenten, taal, mv.indicator.direction
        )
    )


def ranking_chart(mv: mapview.MapView, view: ViewState) -> None:
    """The ranking of ``view`` (whose map view is ``mv``); its spec is cached per view."""
    v, lang = view, view.taal
    st.subheader(t("ranking", lang))
    vega(_ranking_spec(v.indicator, v.periode, v.schaal, v.kleur, v.taal, tuple(v.gemeenten)))
    missing = mv.table.loc[mv.table["value"].isna(), "name"].tolist()
    if missing and len(missing) <= 20:
        label = "No data" if lang == "en" else "Geen gegevens"
        st.caption(f"{label}: {', '.join(missing)}")


def sentence(text_: str) -> None:
    """A view's one plain summary sentence, in bold, as text (never markup)."""
    st.markdown(f"**{escape_markdown(text_, max_len=2000)}**")


def summary(mv: mapview.MapView) -> None:
    sentence(mv.summary)


@st.cache_data(show_spinner=False, max_entries=512)
def _table_shown(indicator: str, periode: str | None, schaal: str, kleur: str, taal: str):
    """The map view's table as shown: ranked, values and differences as numbers."""
    mv = _map_view(indicator, periode, schaal, kleur, taal)
    lang = taal
    table = mv.table.sort_values(["rank", "name"], na_position="last")
    ind = mv.indicator
    store = get_store()
    return pd.DataFrame(
        {
            t("col_region" if mv.level == "corop" else "col_gemeente", lang): table["name"],
            t("col_value", lang): table["value_text"],
            t("col_rank", lang): table["rank"],
            t("col_diff_drenthe", lang): [
                "" if pd.isna(d) else numbers.format_difference(d, ind, store.catalog, lang)
                for d in table["diff_drenthe"]
            ],
            t("col_diff_nederland", lang): [
                "" if pd.isna(d) else numbers.format_difference(d, ind, store.catalog, lang)
                for d in table["diff_nederland"]
            ],
            t("col_status", lang): table["status_text"],
        }
    )


def data_table(mv: mapview.MapView, view: ViewState) -> None:
    """The table of ``view`` (whose map view is ``mv``) with its downloads."""
    lang = view.taal
    v = view
    shown = _table_shown(v.indicator, v.periode, v.schaal, v.kleur, v.taal)
    with st.expander(t("table", lang), expanded=mv.scope == "drenthe"):
        st.dataframe(shown, hide_index=True, width="stretch")
        downloads(
            shown,
            [mv.indicator],
            f"kaart-{mv.indicator.id}-{mv.period.replace('/', '-')}",
            view,
            title=f"{mv.indicator.label(lang)}, {period_label(mv.period, lang)}",
        )


def reference_only(mv: mapview.MapView, lang: str) -> None:
    """Indicators with only a Drenthe and/or Nederland value: no map, the values themselves."""
    st.info(
        "Deze indicator is alleen voor Drenthe (en soms Nederland) beschikbaar; er is geen kaart."
        if lang == "nl"
        else "This indicator is available for Drenthe (and sometimes the Netherlands) only; "
        "there is no map.",
        icon="ℹ️",
    )
    store = get_store()
    cols = st.columns(2)
    for col, name, value in (
        (cols[0], "Drenthe", mv.drenthe),
        (cols[1], t("scope_nederland", lang), mv.nederland),
    ):
        col.metric(name, numbers.format_value(value, mv.indicator, store.catalog, lang))
    summary(mv)


def footer(mv: mapview.MapView) -> None:
    st.caption(escape_markdown(mv.source, max_len=500))


STYLES = """
<style>
.bw-legend ul { list-style: none; padding: 0; margin: 0.3rem 0 0 0; display: flex;
  flex-wrap: wrap; gap: 0.3rem 1rem; }
.bw-legend li { display: flex; align-items: center; gap: 0.4rem; font-size: 0.95rem; }
.bw-legend .swatch { width: 1.1rem; height: 1.1rem; border: 1px solid #666;
  display: inline-block; }
</style>
"""


def styles() -> None:
    st.html(STYLES)


def downloads(
    frame: pd.DataFrame,
    indicators: list[Indicator],
    name: str,
    view: ViewState,
    title: str = "",
    page: str = "",
) -> None:
    """CSV, CSV for a Dutch Excel and Excel of exactly ``frame``, each carrying source,
    licence, export date and the view's URL. The files are made only when clicked."""
    lang = view.taal
    meta = export.ExportMeta.for_indicators(
        indicators, date.today(), lang, title=title, url=view_url(view, page)
    )
    cols = st.columns(3, width=520)
    common = {"on_click": "ignore", "type": "tertiary", "icon": ":material/download:"}
    cols[0].download_button(
        "CSV",
        partial(export.to_csv, frame, meta),
        f"{name}.csv",
        "text/csv",
        key=f"dl-{name}-csv",
        **common,
    )
    cols[1].download_button(
        "CSV (Excel NL)",
        partial(export.to_csv, frame, meta, dutch_excel=True),
        f"{name}-excel-nl.csv",
        "text/csv",
        key=f"dl-{name}-csvnl",
        **common,
    )
    cols[2].download_button(
        "Excel",
        partial(export.to_excel, frame, meta),
        f"{name}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"dl-{name}-xlsx",
        **common,
    )


# --- Gemeenteprofiel and Over de data ---------------------------------------------------------

PICKER = "w_profiel_gemeente"
DEFAULT_GEMEENTE = "GM0106"  # Assen, the provincial capital, when nothing is selected


def _on_pick() -> None:
    """Put the gemeente chosen on the profile page first in the shared selection."""
    code = st.session_state[PICKER]
    rest = [c for c in st.session_state.get(KEY["gemeente"], []) if c != code]
    st.session_state[KEY["gemeente"]] = [code, *rest][: state.MAX_GEMEENTEN]


def gemeente_picker(store: Store, view: ViewState) -> str:
    """The gemeente of the profile: the first of the shared selection (else Assen), with a
    picker that changes the shared selection (and so the URL)."""
    lang = view.taal
    options = sorted(store.gemeente_codes(), key=store.name)
    code = next((c for c in view.gemeenten if c in options), DEFAULT_GEMEENTE)
    if embedded():
        return code
    st.session_state[PICKER] = code
    st.selectbox(
        t("gemeente", lang), options, key=PICKER, format_func=store.name, on_change=_on_pick
    )
    return code


@st.cache_data(show_spinner=False, max_entries=256)
def cached_profile(code: str, scope: str, lang: str) -> tuple[pd.DataFrame, pd.DataFrame, str]:
    store = get_store()
    prof = profile.profile_table(store, code, geo.scope_codes(store.gebieden, scope), lang)
    scores = profile.theme_scores(prof, store.catalog, lang)
    return prof, scores, profile.profile_summary(prof, scores, store.name(code), lang)


@st.cache_data(show_spinner=False, max_entries=256)
def cached_similar(code: str, scope: str, lang: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    store = get_store()
    similar = profile.similar_gemeenten(store.gebieden, code)
    prof = cached_profile(code, scope, lang)[0]
    return similar, profile.compare_with_similar(
        store, prof, similar["gemeente_code"].tolist(), lang
    )


@st.cache_data(show_spinner=False)
def cached_catalog(lang: str) -> pd.DataFrame:
    return export.catalog_table(get_store(), lang)


@st.cache_data(show_spinner=False, max_entries=64)
def handout_image(code: str, scope: str, lang: str, fmt: str, day: date) -> bytes:
    """The one-page profile handout as PNG or SVG (made when downloaded, cached per day)."""
    store = get_store()
    prof, _, summary = cached_profile(code, scope, lang)
    inds = [store.indicator(i) for i in prof.loc[prof["availability"] == "value", "indicator_id"]]
    meta = export.ExportMeta.for_indicators(inds, day, lang)
    footer = [
        *textwrap.wrap(f"{t('export_source', lang)}: {meta.source}", 130),
        f"{t('export_licence', lang)}: {meta.licence}",
        f"{t('export_date', lang)}: {day.isoformat()}",
    ]
    chart = charts.profile_handout(prof, store.name(code), summary, footer, lang)
    return images.image_bytes(chart, fmt)


# --- Regio's and Trends -----------------------------------------------------------------------

REPORT_ORDER = ("CR07", "CR09", "CR08")  # Noord-, Zuidwest-, Zuidoost-Drenthe, as Tabel 1
BEST_COLOR, WORST_COLOR = "#d1e5f0", "#f6e0c0"  # light blue / light brown, text stays dark


@st.cache_resource(show_spinner=False)
def region_sets(scope: str) -> dict[str, Any]:
    """The region sets of a scope (built once per scope; they never change)."""
    return compare.region_set_choices(get_store(), scope)


def region_set_picker(store: Store, view: ViewState) -> list[Any]:
    """The regions to compare: a region set of the scope (COROP regions by default)."""
    choices = region_sets(view.schaal)
    lang = view.taal
    set_id = (
        compare.DEFAULT_SET
        if embedded()
        else st.segmented_control(
            t("region_set", lang),
            list(choices),
            default=compare.DEFAULT_SET,
            key="w_regio_set",
            format_func=lambda k: choices[k].label(lang),
        )
    )
    return ordered_regions(choices[set_id or compare.DEFAULT_SET])


def ordered_regions(region_set: Any) -> list[Any]:
    """The regions of a set as the page shows them: Tabel 1's order first, then by code."""
    order = {code: i for i, code in enumerate(REPORT_ORDER)}
    return sorted(region_set.regions, key=lambda r: (order.get(r.code, len(order)), r.code))


def theme_picker(store: Store, lang: str) -> list[str]:
    """The indicators of one theme (or all) for the comparison table."""
    theme = st.selectbox(
        t("theme", lang),
        [ALL_THEMES, *store.catalog.by_theme()],
        key="w_regio_thema",
        format_func=lambda k: (
            t("all_themes", lang) if k == ALL_THEMES else store.catalog.theme_label(k, lang)
        ),
    )
    return theme_indicators(store, theme)


ALL_THEMES = "alle"


def theme_indicators(store: Store, theme: str) -> list[str]:
    """The ids of one theme's indicators, or of all (:data:`ALL_THEMES`), in catalogue order."""
    themes = store.catalog.by_theme()
    chosen = themes.values() if theme == ALL_THEMES else [themes[theme]]
    return [ind.id for inds in chosen for ind in inds]


def _mark_extremes(table: pd.DataFrame, shown: pd.DataFrame, lang: str) -> pd.DataFrame:
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


def comparison(store: Store, regions: list[Any], ids: list[str], view: ViewState) -> None:
    lang = view.taal
    table, shown = _comparison_shown(tuple(r.code for r in regions), view.schaal, tuple(ids), lang)

    def colour(cell: object) -> str:
        text_ = str(cell)
        if text_.startswith("✓"):
            return f"background-color: {BEST_COLOR}"
        if text_.startswith("✗"):
            return f"background-color: {WORST_COLOR}"
        return ""

    st.dataframe(shown.style.map(colour), hide_index=True, width="stretch")
    st.caption(f"{t('regions_legend', lang)} {t('computed_marker', lang)}")
    with st.expander(t("regions_weighting", lang)):
        for weighting, labels in table.groupby("weighting", sort=False)["label"]:
            names = ", ".join(labels)
            st.markdown(f"{escape_markdown(weighting, 800)}  \n*{escape_markdown(names, 4000)}*")
    downloads(
        shown,
        [store.indicator(i) for i in ids],
        "regios",
        view,
        title=t("page_regions", lang),
        page="regios",
    )


@st.cache_data(show_spinner=False, max_entries=128)
def cached_comparison(
    region_codes: tuple[str, ...], scope: str, ids: tuple[str, ...], lang: str
) -> pd.DataFrame:
    store = get_store()
    regions = _regions_by_code(scope)
    return compare.comparison_table(store, [regions[c] for c in region_codes], list(ids), lang)


@st.cache_data(show_spinner=False, max_entries=128)
def _comparison_shown(
    region_codes: tuple[str, ...], scope: str, ids: tuple[str, ...], lang: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The comparison table and its display form with the best/worst marks."""
    table = cached_comparison(region_codes, scope, ids, lang)
    return table, _mark_extremes(table, compare.display_table(table, lang), lang)


def _regions_by_code(scope: str) -> dict[str, Any]:
    return {r.code: r for s in region_sets(scope).values() for r in s.regions}


@st.cache_data(show_spinner=False, max_entries=64)
def region_areas(scope: str, region_codes: tuple[str, ...]) -> dict[str, Any]:
    """Simplified GeoJSON of regions dissolved from their member gemeenten."""
    store = get_store()
    regions = _regions_by_code(scope)
    geo_dir = check_folder(load_settings(), "geo_dir")
    gemeenten = geo.load_gemeenten(geo_dir, "nederland", store.gebieden)
    chosen = [regions[c] for c in region_codes]
    dissolved = geo.dissolve(
        gemeenten, {r.code: list(r.members) for r in chosen}, {r.code: r.name() for r in chosen}
    )
    return maps.feature_collection(dissolved)


@dataclass(frozen=True)
class RegionPicture:
    """What the Regio's page shows of one indicator, computed once per view."""

    spread: pd.DataFrame
    summary: str
    period: str | None = None  # None: no region has a value
    strip: dict | None = None  # Vega-Lite specs
    region_map: dict | None = None
    classes: Any = None


def _region_strip(
    indicator: str, region_codes: tuple[str, ...], scope: str, periode: str | None, lang: str
) -> tuple[pd.DataFrame, alt.TopLevelMixin | None, str | None]:
    store = get_store()
    regions = _regions_by_code(scope)
    chosen = [regions[c] for c in region_codes]
    spread = compare.region_spread(store, indicator, chosen, periode, lang)
    if spread["value"].notna().sum() == 0:
        return spread, None, None
    period = spread["period"].dropna().iloc[0]
    drenthe = mapview.reference_value(store, indicator, "PV22", period)
    nederland = mapview.reference_value(store, indicator, "NL01", period)
    unit = store.catalog.unit_label(store.indicator(indicator).unit, lang)
    return spread, charts.region_strip(spread, unit, drenthe, nederland, lang), period


@st.cache_data(show_spinner=False, max_entries=256)
def _region_picture(
    indicator: str, region_codes: tuple[str, ...], scope: str, periode: str | None, lang: str
) -> RegionPicture:
    store = get_store()
    ind = store.indicator(indicator)
    regions = _regions_by_code(scope)
    chosen = [regions[c] for c in region_codes]
    summary = compare.region_summary(store, indicator, chosen, lang, periode)
    spread, strip, period = _region_strip(indicator, region_codes, scope, periode, lang)
    if strip is None:
        return RegionPicture(spread=spread, summary=summary)
    region_rows = spread[spread["kind"] == "region"].dropna(subset=["value"])
    classes = region_map = None
    if len(region_rows):
        classes = classify.indicator_classes(
            region_rows["value"].tolist(), ind, store.catalog, k=min(3, len(region_rows))
        )
        values = pd.DataFrame(
            {
                "region_code": region_rows["region_code"],
                "name": region_rows["region_name"],
                "color": [classes.color(v) for v in region_rows["value"]],
                "value_text": region_rows["value_text"],
            }
        )
        region_map = charts.spec(charts.region_map(region_areas(scope, region_codes), values, lang))
    return RegionPicture(spread, summary, period, arrow_spec(strip), region_map, classes)


def region_picture(store: Store, regions: list[Any], view: ViewState) -> None:
    """The chosen indicator across the regions: gemeenten as dots per region, a small map of
    the regions and a summary sentence."""
    lang = view.taal
    ind = store.indicator(view.indicator)
    codes = tuple(r.code for r in regions)
    pic = _region_picture(ind.id, codes, view.schaal, view.periode, lang)
    st.subheader(ind.label(lang))
    sentence(pic.summary)
    if pic.strip is None or pic.period is None:
        st.info(t("regions_no_data", lang), icon="ℹ️")
        return
    period = pic.period
    left, right = st.columns([3, 2], gap="large")
    with left:
        vega(pic.strip)
        if not embedded():

            def strip_image(fmt: str) -> bytes:
                chart = _region_strip(ind.id, codes, view.schaal, view.periode, lang)[1]
                return chart_image(chart, ind, period, lang, fmt)

            image_downloads(strip_image, f"regios-{ind.id}", lang)
    if pic.region_map is not None:
        with right:
            vega(pic.region_map)
            legend_html(pic.classes, lang, no_data=False)
    st.caption(numbers.source_line(ind, period, lang))
    if not embedded():
        downloads(pic.spread, [ind], f"regios-{ind.id}", view, title=ind.label(lang), page="regios")


def legend_html(classes: Any, lang: str, no_data: bool) -> None:
    items = "".join(
        f'<li><span class="swatch" style="background:{color}"></span>{html.escape(label)}</li>'
        for color, label in legend_items(classes, lang, no_data=no_data)
    )
    st.markdown(f'<div class="bw-legend"><ul>{items}</ul></div>', unsafe_allow_html=True)


def trend_series(store: Store, view: ViewState) -> list[str]:
    """The series of the trend: the selected gemeenten plus regions chosen on the page."""
    lang = view.taal
    if embedded():
        return list(view.gemeenten)
    regions = _regions_by_code(view.schaal)
    chosen = st.multiselect(
        t("trend_regions", lang),
        list(regions),
        key="w_trend_regios",
        format_func=lambda c: regions[c].name(lang),
        max_selections=6,
        placeholder=t("trend_regions_placeholder", lang),
    )
    return [*view.gemeenten, *chosen]


@st.cache_data(show_spinner=False, max_entries=256)
def cached_trend(indicator_id: str, codes: tuple[str, ...], lang: str) -> pd.DataFrame:
    return trends.trend_frame(get_store(), indicator_id, list(codes), lang)


def _trend_chart(
    indicator: str, codes: tuple[str, ...], measure: str, lang: str
) -> tuple[alt.TopLevelMixin | None, str | None]:
    """The trend chart (values or index) and, for the index, the message about its base."""
    store = get_store()
    frame = cached_trend(indicator, codes, lang)
    if measure == "index":
        result = trends.index_frame(frame, lang)
        if result.frame is None:
            return None, result.message(lang)
        return charts.trend_lines(result.frame, "index", lang, y="index"), result.message(lang)
    unit = store.catalog.unit_label(store.indicator(indicator).unit, lang)
    return charts.trend_lines(frame, unit, lang), None


@st.cache_data(show_spinner=False, max_entries=512)
def _trend_spec(
    indicator: str, codes: tuple[str, ...], measure: str, lang: str
) -> tuple[dict | None, str | None]:
    chart, message = _trend_chart(indicator, codes, measure, lang)
    return (None if chart is None else arrow_spec(chart)), message


@st.cache_data(show_spinner=False, max_entries=512)
def _trend_tables(indicator: str, codes: tuple[str, ...], lang: str) -> tuple[str, pd.DataFrame]:
    """The trend's summary sentence and its table of change, as shown."""
    store = get_store()
    ind = store.indicator(indicator)
    frame = cached_trend(indicator, codes, lang)
    changes = trends.change_table(frame, ind, store.catalog, lang)
    return trends.trend_summary(frame, ind, store.catalog, lang), trends.display_changes(
        changes, lang
    )


def trend_picture(store: Store, codes: list[str], view: ViewState) -> None:
    lang = view.taal
    ind = store.indicator(view.indicator)
    frame = cached_trend(ind.id, tuple(codes), lang)
    measure = st.segmented_control(
        t("trend_measure", lang),
        ["absoluut", "index"],
        default="absoluut",
        key="w_trend_maat",
        format_func=lambda m: t(f"trend_{m}", lang),
    )
    summary, changes = _trend_tables(ind.id, tuple(codes), lang)
    sentence(summary)
    spec, message = _trend_spec(ind.id, tuple(codes), measure or "absoluut", lang)
    if message:
        st.caption(message)
    if spec is not None:
        vega(spec)
        if not embedded():
            last = store.latest_period(ind.id)

            def trend_image(fmt: str) -> bytes:
                chart = _trend_chart(ind.id, tuple(codes), measure or "absoluut", lang)[0]
                return chart_image(chart, ind, last, lang, fmt)

            image_downloads(trend_image, f"trend-{ind.id}", lang)
    if embedded():
        st.caption(numbers.source_line(ind, store.latest_period(ind.id), lang))
        return
    if not frame.attrs.get("comparable", True):
        st.info(t("trend_not_comparable", lang), icon="ℹ️")
    st.subheader(t("trend_changes", lang))
    st.dataframe(changes, hide_index=True, width="stretch")
    st.caption(numbers.source_line(ind, store.latest_period(ind.id), lang))
    downloads(
        frame.drop(columns=["segment"]),
        [ind],
        f"trend-{ind.id}",
        view,
        title=ind.label(lang),
        page="trends",
    )


SMALL_MULTIPLES_MAX = 25


def small_multiples(store: Store, view: ViewState) -> None:
    """One mini chart per gemeente of the scope (Drenthe's twelve for the whole country)."""
    lang = view.taal
    ind = store.indicator(view.indicator)
    spec = _small_multiples_spec(ind.id, small_multiples_codes(view.schaal), lang)
    if spec is None:
        return
    st.subheader(t("trend_small_multiples", lang))
    vega(spec, width="content")


def small_multiples_codes(scope: str) -> tuple[str, ...]:
    """The gemeenten of the small multiples: the scope's, or Drenthe's twelve when the scope
    has more than :data:`SMALL_MULTIPLES_MAX`."""
    codes = scope_gemeenten(scope)
    return codes if len(codes) <= SMALL_MULTIPLES_MAX else scope_gemeenten("drenthe")


@st.cache_data(show_spinner=False, max_entries=256)
def _small_multiples_spec(indicator: str, codes: tuple[str, ...], lang: str) -> dict | None:
    """The small multiples' spec; None when no gemeente has a value."""
    store = get_store()
    frame = cached_trend(indicator, codes, lang)
    if frame.loc[frame["kind"] != "reference", "value"].notna().sum() == 0:
        return None
    unit = store.catalog.unit_label(store.indicator(indicator).unit, lang)
    return arrow_spec(charts.small_multiples(frame, unit, lang))


# --- warm-up ---------------------------------------------------------------------------------


def warm_view(view: ViewState) -> None:
    """Compute, and so cache, what the map, Regio's and Trends pages show of ``view`` when
    their own controls are as a visitor finds them (the default region set, all themes, no
    extra trend series, absolute values), and the map for wide and narrow screens. Calls the
    same cached functions as the pages, with the same arguments."""
    v, lang = view, view.taal
    store = get_store()
    mv = _map_view(v.indicator, v.periode, v.schaal, v.kleur, lang)
    gemeenten = tuple(v.gemeenten)
    if mv.mappable:
        for narrow_ in (False, True):
            _map_spec(v.indicator, v.periode, v.schaal, v.kleur, lang, gemeenten, False, narrow_)
        _ranking_spec(v.indicator, v.periode, v.schaal, v.kleur, lang, gemeenten)
        _table_shown(v.indicator, v.periode, v.schaal, v.kleur, lang)
    regions = ordered_regions(region_sets(v.schaal)[compare.DEFAULT_SET])
    codes = tuple(r.code for r in regions)
    _region_picture(v.indicator, codes, v.schaal, v.periode, lang)
    _comparison_shown(codes, v.schaal, tuple(theme_indicators(store, ALL_THEMES)), lang)
    _trend_tables(v.indicator, gemeenten, lang)
    _trend_spec(v.indicator, gemeenten, "absoluut", lang)
    _small_multiples_spec(v.indicator, small_multiples_codes(v.schaal), lang)


# --- Presenteren ------------------------------------------------------------------------------

SLIDE = "w_dia"  # the slide number (0-based) in session state
DRAFT = "_story_draft"  # slides added with "voeg deze weergave toe"

PROJECTOR_CSS = """
<style>
.stMain p, .stMain li, .stMain [data-testid="stCaptionContainer"] { font-size: 28px !important;
  line-height: 1.35; }
.stMain h1 { font-size: 56px !important; }
.bw-sentence { font-size: 34px; font-weight: 700; color: #111; margin: 0.4rem 0 0.8rem; }
.bw-slide-number { font-size: 24px; color: #333; }
.bw-qr { position: fixed; right: 24px; bottom: 24px; width: 180px; background: #fff;
  padding: 6px; border: 2px solid #111; z-index: 1000; }
.bw-qr p { font-size: 14px !important; margin: 0; text-align: center; }
.stMain button p, .stMain [data-baseweb] p, .stMain label p { font-size: 18px !important; }
.stMain .block-container { padding-right: 220px; }
.bw-legend li { font-size: 24px !important; }
.bw-legend .swatch { width: 1.6rem; height: 1.6rem; }
</style>
"""
HIDE_CHROME_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stSidebarCollapsedControl"]
  { display: none !important; }
.stMain .block-container { padding-top: 1rem; max-width: 100%; }
</style>
"""


@st.cache_data(show_spinner=False)
def shipped_stories() -> tuple[dict[str, stories.Story], list[str]]:
    """The stories in data/stories and, separately, what is wrong with the invalid ones."""
    found, errors = stories.list_stories(stories.STORIES_DIR, get_store())
    return found, [str(e) for e in errors]


def add_to_story(view: ViewState, page: str) -> None:
    """Sidebar button: add the current view as a slide of the facilitator's own story."""
    page = {"": "kaart"}.get(page, page)
    if page not in stories.PAGES:
        return
    lang = view.taal
    draft: list[stories.Slide] = st.session_state.setdefault(DRAFT, [])

    def add() -> None:
        store = get_store()
        ind = store.indicator(view.indicator)
        sentence = cached_map_view(view).summary
        slide = stories.Slide(page, view, ind.label(lang)[:120], sentence[:300])
        st.session_state[DRAFT] = [*draft, slide][: stories.MAX_SLIDES]

    st.sidebar.button(
        t("story_add", lang, n=str(len(draft))),
        on_click=add,
        icon=":material/playlist_add:",
        help=t("story_add_help", lang),
    )


def _stepper(n: int) -> Any:
    def go(delta: int | None = None, to: int | None = None) -> None:
        current = st.session_state.get(SLIDE, 0)
        target = to if to is not None else current + (delta or 0)
        st.session_state[SLIDE] = max(0, min(n - 1, target))

    return go


def slide_controls(n: int, lang: str) -> int:
    """Buttons to step through n slides, each with the key a presenter's clicker or keyboard
    sends (→ ← PageDown PageUp Home End); returns the current slide (0-based)."""
    go = _stepper(n)
    st.session_state[SLIDE] = max(0, min(n - 1, st.session_state.get(SLIDE, 0)))
    cols = st.columns(5, width=760)
    cols[0].button(
        t("slide_first", lang),
        on_click=go,
        kwargs={"to": 0},
        shortcut="Home",
        icon=":material/first_page:",
    )
    cols[1].button(
        t("slide_previous", lang),
        on_click=go,
        kwargs={"delta": -1},
        shortcut="Left",
        icon=":material/chevron_left:",
    )
    cols[2].button(
        t("slide_next", lang),
        on_click=go,
        kwargs={"delta": 1},
        shortcut="Right",
        icon=":material/chevron_right:",
        type="primary",
    )
    cols[3].button(
        t("slide_last", lang),
        on_click=go,
        kwargs={"to": n - 1},
        shortcut="End",
        icon=":material/last_page:",
    )
    # what presenter clickers send: the same steps on PageUp / PageDown
    with cols[4]:
        st.button(
            t("slide_previous", lang) + " (PageUp)",
            on_click=go,
            kwargs={"delta": -1},
            shortcut="PageUp",
            key="dia_pageup",
            type="tertiary",
        )
        st.button(
            t("slide_next", lang) + " (PageDown)",
            on_click=go,
            kwargs={"delta": 1},
            shortcut="PageDown",
            key="dia_pagedown",
            type="tertiary",
        )
    return st.session_state[SLIDE]


def projector_chart(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """Axis and legend text large enough to read from the back of a room."""
    return chart.configure_axis(
        labelFontSize=20, titleFontSize=22, labelLimit=400, tickCount=6
    ).configure_legend(labelFontSize=20, titleFontSize=20, symbolSize=200)


def show_slide(store: Store, slide: stories.Slide) -> None:
    """One slide's view, drawn for the projector (the shared controls are not touched)."""
    view = slide.view
    lang = view.taal
    ind = store.indicator(view.indicator)
    mv = cached_map_view(view)
    if slide.page == "kaart" and mv.mappable:
        left, right = st.columns([3, 1], gap="large")
        with left:
            map_chart(mv, view, key="dia_kaart", presenting=True)
        with right:
            legend(mv, lang)
    elif slide.page == "regios":
        regions = list(region_sets(view.schaal)["corop"].regions)
        spread = compare.region_spread(store, ind.id, regions, view.periode, lang)
        period = spread["period"].dropna().iloc[0] if spread["value"].notna().any() else None
        refs = [
            mapview.reference_value(store, ind.id, c, period) if period else None
            for c in ("PV22", "NL01")
        ]
        unit = store.catalog.unit_label(ind.unit, lang)
        vega(projector_chart(charts.region_strip(spread, unit, *refs, lang)), width="stretch")
    elif slide.page == "trends":
        frame = cached_trend(ind.id, tuple(view.gemeenten), lang)
        unit = store.catalog.unit_label(ind.unit, lang)
        vega(projector_chart(charts.trend_lines(frame, unit, lang)), width="stretch")
    elif slide.page == "profiel":
        code = view.gemeenten[0] if view.gemeenten else DEFAULT_GEMEENTE
        prof = cached_profile(code, view.schaal, lang)[0]
        vega(projector_chart(charts.profile_overview(prof, lang, selectable=False)))
    else:
        reference_only(mv, lang)
    st.caption(escape_markdown(mv.source, max_len=500))


def app_base_url() -> str:
    """The app's address as the browser sees it (scheme, host, port), without the page."""
    url = st.context.url or ""
    parts = url.split("/", 3)  # ["http:", "", "host:port", "page?query"]
    return "/".join(parts[:3]) if len(parts) >= 3 else ""


def qr_corner(slide: stories.Slide, lang: str) -> None:
    url = stories.slide_url(slide, app_base_url())
    svg = stories.qr_svg(url, title=t("slide_qr", lang))
    # as an image: st.html sanitises inline SVG away
    src = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
    label = html.escape(t("slide_qr", lang))
    st.html(
        f'<div class="bw-qr"><img src="{src}" alt="{label}: {html.escape(url)}" width="168">'
        f"<p>{label}</p></div>"
    )


# --- Embedding and sharing --------------------------------------------------------------------

CONTROLS_PARAM = "bediening"  # ?embed=true&bediening=ja: an embed that keeps the controls
EMBED_CSS = """
<style>
.stMain .block-container { padding: 0.5rem 1rem 1rem 1rem; }
.stMain h1 { font-size: 1.6rem !important; }
</style>
"""


def embedded() -> bool:
    """The page is shown inside another site (Streamlit's ``?embed=true``)."""
    return bool(st.context.is_embedded)


def narrow() -> bool:
    """The page may be a phone-wide column: an embed, or a phone's browser ("Mobi" is in the
    user agent of phone browsers, as MDN recommends for this check)."""
    return embedded() or "Mobi" in (st.context.headers.get("User-Agent") or "")


def embed_with_controls() -> bool:
    return st.query_params.get(CONTROLS_PARAM) == "ja"


def url_view(store: Store) -> ViewState:
    """The view from the URL alone, without controls (an embed): notices are kept."""
    view, notices = _parse_url(store)
    st.session_state[NOTICES] = notices
    return view


def dashboard_link(view: ViewState, page: str) -> None:
    """'Bekijk in het dashboard': the full app in the same state, in a new tab."""
    url = app_base_url() + view_url(view, page)
    st.markdown(
        f'<a href="{html.escape(url)}" target="_blank" rel="noopener">'
        f"{html.escape(t('embed_open', view.taal))} ↗</a>",
        unsafe_allow_html=True,
    )


def frozen(view: ViewState, store: Store) -> ViewState:
    """The view fixed to the period it shows now ('vast')."""
    return replace(view, periode=view.periode or store.latest_period(view.indicator))


SHARE_OPEN = "x_share_open_"  # + page path: whether 'Delen en insluiten' is open


def share_panel(store: Store, view: ViewState, page: str) -> None:
    """'Delen en insluiten': the link of this view and an iframe snippet, live or frozen.

    Its content is made only while the panel is open (a rerun when it opens): the
    highlighted snippet took a quarter second of the browser's main thread on every first
    load, before the map could be drawn (docs/benchmarks.md)."""
    lang = view.taal
    panel = st.expander(
        t("share_title", lang),
        icon=":material/share:",
        key=SHARE_OPEN + page,
        on_change="rerun",
    )
    if not panel.open:
        return
    with panel:
        mode = st.radio(
            t("share_mode", lang),
            ["live", "vast"],
            format_func=lambda m: t(f"share_{m}", lang),
            horizontal=True,
            key=f"w_share_mode_{page}",
        )
        shown = frozen(view, store) if mode == "vast" else view
        url = app_base_url() + view_url(shown, page)
        st.caption(t("share_link", lang))
        st.code(url, language=None)
        size = st.selectbox(
            t("share_size", lang),
            list(share.EMBED_SIZES),
            format_func=lambda s: f"{s} ({share.EMBED_SIZES[s][0]} × {share.EMBED_SIZES[s][1]})",
            key=f"w_share_size_{page}",
        )
        ind = store.indicator(view.indicator)
        caption = (
            t(
                "share_frozen_caption",
                lang,
                period=period_label(shown.periode or "", lang),
                date=date.today().isoformat(),
            )
            if mode == "vast"
            else ""
        )
        st.caption(t("share_embed", lang))
        st.code(share.embed_snippet(url, ind.label(lang), size, caption), language="html")


@st.cache_data(show_spinner=False, max_entries=128)
def map_image(
    indicator: str, periode: str | None, schaal: str, kleur: str, taal: str, fmt: str, day: date
) -> bytes:
    """The map of a view as PNG or SVG: the same classes and legend as the app, with title,
    period, source and export date drawn in."""
    mv = _map_view(indicator, periode, schaal, kleur, taal)
    level = "corop" if mv.level == "corop" else "gemeente"
    unit = get_store().catalog.unit_label(mv.indicator.unit, taal)
    chart = static_map.map_chart(mv, scope_areas(schaal, level), taal, day, unit_label=unit)
    return images.image_bytes(chart, fmt)


def image_downloads(make: Any, name: str, lang: str) -> None:
    """PNG and SVG downloads of a chart; ``make(fmt)`` renders it only when clicked."""
    cols = st.columns(2, width=320)
    for col, fmt in zip(cols, images.FORMATS, strict=True):
        col.download_button(
            fmt.upper(),
            partial(make, fmt),
            f"{name}.{fmt}",
            "image/png" if fmt == "png" else "image/svg+xml",
            on_click="ignore",
            type="tertiary",
            icon=":material/image:",
            key=f"img-{name}-{fmt}",
        )


def page_end(store: Store, view: ViewState, page: str) -> None:
    """The end of every page: in an embed the link to the full dashboard, else the
    'Delen en insluiten' panel."""
    if embedded():
        dashboard_link(view, page)
    else:
        share_panel(store, view, page)


def chart_image(chart: Any, ind: Indicator, period: str, lang: str, fmt: str) -> bytes:
    """A chart of a page as PNG or SVG, with the indicator, period, source and date drawn in."""
    footer = [
        *textwrap.wrap(numbers.source_line(ind, period, lang), 120),
        f"{t('export_date', lang)}: {date.today().isoformat()}",
    ]
    framed = charts.titled(chart, ind.label(lang), period_label(period, lang), footer)
    return images.image_bytes(framed, fmt)
