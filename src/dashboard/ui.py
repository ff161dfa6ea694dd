"""Streamlit glue shared by app.py and the pages: cached loading, the shared controls and the
URL sync. Everything that decides *what* to show lives in the pure modules; this module only
wires them to Streamlit."""

from __future__ import annotations

import html
from dataclasses import replace
from typing import Any

import pandas as pd
import streamlit as st

from dashboard import charts, geo, maps, state, text, views
from dashboard.classify import hex_to_rgba, legend_items
from dashboard.config import ConfigError, check_folder, load_settings
from dashboard.errors import DataError
from dashboard.i18n import t
from dashboard.schema import period_label
from dashboard.state import NOTICE_TEXT, ViewState
from dashboard.store import Store, load_store
from dashboard.text import escape_markdown

# session_state keys of the shared widgets
KEY = {name: f"w_{name}" for name in state.PARAMS}
SEEDED = "_view_seeded"
NOTICES = "_view_notices"


@st.cache_resource(show_spinner="Gegevens laden…")
def get_store() -> Store:
    return load_store()


def store_or_stop() -> Store:
    """The store, or a clear message (never a traceback) and a stopped script."""
    try:
        return get_store()
    except (DataError, ConfigError) as exc:
        st.error(f"{t('data_error')}\n\n{escape_markdown(str(exc), max_len=600)}")
        st.stop()
        raise  # unreachable: st.stop() raises


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


def _query_dict() -> dict[str, list[str]]:
    return {k: st.query_params.get_all(k) for k in st.query_params}


def _seed(store: Store) -> None:
    """On a session's first run: read the URL into the widgets' state, keep the notices."""
    view, notices = state.parse_query(
        _query_dict(),
        indicators=store.catalog.indicators,
        periods_of=store.periods,
        gemeente_codes=set(store.gebieden["gemeente_code"]),
    )
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
    if not st.session_state.get(SEEDED):
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
    scope_codes = geo.scope_codes(store.gebieden, schaal)
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
    if query != {k: v if k == "gemeente" else v[-1] for k, v in _query_dict().items()}:
        st.query_params.from_dict(query)
    return view


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


def current_view() -> ViewState:
    return st.session_state[CURRENT]


@st.cache_data(show_spinner=False, max_entries=512)
def _map_view(indicator: str, periode: str | None, schaal: str, kleur: str, taal: str):
    view = ViewState(indicator=indicator, periode=periode, schaal=schaal, kleur=kleur, taal=taal)
    return views.map_view(get_store(), view)


def cached_map_view(view: ViewState) -> views.MapView:
    return _map_view(view.indicator, view.periode, view.schaal, view.kleur, view.taal)


def page_header(mv: views.MapView, lang: str) -> None:
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


def map_chart(mv: views.MapView, view: ViewState) -> None:
    level = "corop" if mv.level == "corop" else "gemeente"
    props = {
        row.region_code: {
            "fill": hex_to_rgba(row.color),
            **{f: getattr(row, f) for f in (*views.TOOLTIP_FIELDS, "tip_name")},
        }
        for row in mv.table.itertuples()
    }
    areas = maps.with_properties(scope_areas(mv.scope, level), props)
    for feature in areas["features"]:
        feature["properties"]["name"] = feature["properties"]["tip_name"]
    selected = maps.only(areas, list(view.gemeenten))
    deck = maps.choropleth(
        areas, scope_outlines(mv.scope), selected, maps.VIEWS[mv.scope], views.TOOLTIP_FIELDS
    )
    st.pydeck_chart(
        deck,
        height=560,
        on_select=_on_map_select,
        selection_mode="single-object",
        key="kaart",
        alt=mv.summary,
    )


def legend(mv: views.MapView, lang: str) -> None:
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


def ranking_chart(mv: views.MapView, view: ViewState) -> None:
    lang = view.taal
    unit = get_store().catalog.unit_label(mv.indicator.unit, lang)
    st.subheader(t("ranking", lang))
    chart = charts.ranking(
        mv.table, unit, mv.drenthe, mv.nederland, view.gemeenten, lang, mv.indicator.direction
    )
    st.altair_chart(chart, width="stretch")
    missing = mv.table.loc[mv.table["value"].isna(), "name"].tolist()
    if missing and len(missing) <= 20:
        label = "No data" if lang == "en" else "Geen gegevens"
        st.caption(f"{label}: {', '.join(missing)}")


def summary(mv: views.MapView) -> None:
    st.markdown(f"**{escape_markdown(mv.summary, max_len=2000)}**")


def data_table(mv: views.MapView, lang: str) -> None:
    table = mv.table.sort_values(["rank", "name"], na_position="last")
    ind = mv.indicator
    store = get_store()
    shown = pd.DataFrame(
        {
            t("col_region" if mv.level == "corop" else "col_gemeente", lang): table["name"],
            t("col_value", lang): table["value_text"],
            t("col_rank", lang): table["rank"],
            t("col_diff_drenthe", lang): [
                "" if pd.isna(d) else text.format_difference(d, ind, store.catalog, lang)
                for d in table["diff_drenthe"]
            ],
            t("col_diff_nederland", lang): [
                "" if pd.isna(d) else text.format_difference(d, ind, store.catalog, lang)
                for d in table["diff_nederland"]
            ],
            t("col_status", lang): table["status_text"],
        }
    )
    with st.expander(t("table", lang), expanded=mv.scope == "drenthe"):
        st.dataframe(shown, hide_index=True, width="stretch")


def reference_only(mv: views.MapView, lang: str) -> None:
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
        col.metric(name, text.format_value(value, mv.indicator, store.catalog, lang))
    summary(mv)


def footer(mv: views.MapView) -> None:
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
