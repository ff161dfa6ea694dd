"""The map page's parts: title, choropleth, legend, ranking, table, reference values."""

from __future__ import annotations

from datetime import date

import streamlit as st

from dashboard.app import cache, elements, keys
from dashboard.app.context import embedded, narrow
from dashboard.app.controls import select_gemeente, show_notices
from dashboard.app.resources import agenda_or_none, get_store
from dashboard.app.widgets import a11y
from dashboard.app.widgets.after_map import after_map
from dashboard.app.widgets.agenda import story_card
from dashboard.app.widgets.common import (
    chart,
    downloads,
    image_downloads,
    legend_html,
    section,
    sentence,
    source,
)
from dashboard.publish import downloads as tables
from dashboard.render import charts, maps
from dashboard.state import ViewState
from dashboard.text import numbers
from dashboard.text.i18n import t
from dashboard.text.numbers import escape_markdown, period_label
from dashboard.text.sentences import join_names
from dashboard.views.mapview import MapView


def page_header(mv: MapView, lang: str) -> None:
    ind = mv.indicator
    st.title(ind.label(lang))
    theme = get_store().catalog.theme_label(ind.theme, lang)
    st.caption(f"{theme} · {period_label(mv.period, lang)} · {ind.definition(lang)}")
    show_notices(lang)
    for note in mv.notes[: 1 if mv.level == "gemeente" else 2]:
        if note != ind.notes(lang):
            st.info(note, icon="ℹ️")


def _on_map_select() -> None:
    selection = st.session_state.get(keys.MAP_SELECTION)
    story = maps.selected_story(selection)
    if story:
        st.session_state[keys.MAP_STORY] = story
        return
    select_gemeente(maps.selected_code(selection))


def map_chart(
    mv: MapView,
    view: ViewState,
    key: str = keys.MAP_SELECTION,
    presenting: bool = False,
    stories: bool = False,
) -> None:
    """The choropleth of ``view`` (whose map view is ``mv``). On the map page a click selects
    a gemeente (or, with ``stories``, shows the clicked story); presenting, the areas carry
    big labels (name and value) and clicks do nothing."""
    # the same arguments as the warm-up (dashboard.app.warmup) passes, or its cached spec is
    # missed: Streamlit keys a cache on the arguments as given, without the defaults
    if stories:
        spec = cache.map_spec(view, presenting, narrow(), True)
    else:
        spec = cache.map_spec(view, presenting, narrow())
    with_table = not presenting and not embedded()  # an embed shows no table
    if with_table:
        a11y.skip_to_table(view.lang)
    st.pydeck_chart(
        spec,  # type: ignore[arg-type]  # quacks like the pydeck Deck it was made from
        height=640 if presenting else 420 if narrow() else 560,
        on_select="ignore" if presenting else _on_map_select,
        selection_mode="single-object",
        key=key,
        alt=mv.summary,
    )
    if with_table:
        st.caption(t("a11y_map_keyboard", view.lang))


def legend(mv: MapView, lang: str) -> None:
    if mv.classes is None:
        return
    title = t("legend", lang)
    if mv.centre_name:
        centre = "drenthe" if mv.centre_name == "Drenthe" else "nederland"
        title += f" ({t('colour_' + centre, lang).lower()})"
    legend_html(mv.classes, lang, no_data=bool(mv.table["value"].isna().any()), title=title)


def ranking_chart(mv: MapView, view: ViewState) -> None:
    """The ranking of ``view`` (whose map view is ``mv``); its spec is cached per view. The
    chart waits for the map's first paint (after_map)."""
    lang = view.lang
    section(t("ranking", lang))
    title = f"{t('ranking', lang)}: {mv.indicator.label(lang)}"
    after_map(
        "ranking",
        _ranking_height(mv),
        lang,
        lambda: chart(
            cache.chart(
                "ranking",
                view,
                (),
                lambda: cache.ranking_spec(view),
                title=title,
                summary=mv.summary,
            )
        ),
    )
    missing = mv.table.loc[mv.table["value"].isna(), "name"].tolist()
    if missing and len(missing) <= 20:
        st.caption(f"{t('ranking_no_data', lang)}: {', '.join(missing)}")


def _ranking_height(mv: MapView) -> int:
    """About the height of the ranking chart in pixels (charts.ranking_spec: 22 px a bar up
    to MAX_BARS, else a 160 px strip; with its axis, title and legend), for its placeholder."""
    bars = int(mv.table["value"].notna().sum())
    return (22 * bars if bars <= charts.MAX_BARS else 160) + 127


def data_table(mv: MapView, view: ViewState) -> None:
    """The table of ``view`` (whose map view is ``mv``) with its downloads; the expander
    comes at once, its content waits for the map's first paint (after_map)."""
    lang = view.lang
    # the target of the map's "skip to the table" link (a11y.skip_to_table)
    with (
        st.container(key=a11y.SKIP_TARGET),
        st.expander(t("table", lang), expanded=mv.scope == "drenthe"),
    ):
        after_map("table", _table_height(mv), lang, lambda: _table(mv, view))


def _table(mv: MapView, view: ViewState) -> None:
    lang = view.lang
    elements.show(cache.map_table_element(view), width="stretch")
    downloads(
        lambda: tables.map_download(mv, get_store().catalog, lang),
        [mv.indicator],
        f"kaart-{mv.indicator.id}-{mv.period.replace('/', '-')}",
        view,
        title=f"{mv.indicator.label(lang)}, {period_label(mv.period, lang)}",
    )


def _table_height(mv: MapView) -> int:
    """About the height of the table (Streamlit's default: 35 px a row and the header, at
    most 400 px) and its row of download buttons, for its placeholder."""
    return min((len(mv.table) + 1) * 35 + 3, 400) + 56


def map_downloads(mv: MapView, view: ViewState) -> None:
    """PNG and SVG of the map with its legend, title, period and source drawn in; the
    buttons wait for the map's first paint (after_map)."""
    after_map(
        "downloads",
        40,
        view.lang,
        lambda: image_downloads(
            lambda fmt: cache.map_image(view, fmt, date.today()),
            f"kaart-{mv.indicator.id}-{mv.period.replace('/', '-')}",
        ),
    )


def reference_only(mv: MapView, lang: str) -> None:
    """Indicators with only a Drenthe and/or Nederland value: no map, the values themselves."""
    st.info(t("site_province_only", lang), icon="ℹ️")
    store = get_store()
    cols = st.columns(2)
    for col, name, value in (
        (cols[0], "Drenthe", mv.drenthe),
        (cols[1], t("scope_nederland", lang), mv.nederland),
    ):
        col.metric(name, numbers.format_value(value, mv.indicator, store.catalog, lang))
    sentence(mv.summary)


def footer(mv: MapView) -> None:
    source(mv.source)


def stories_toggle(mv: MapView, lang: str) -> bool:
    """'Verhalen op de kaart' (off by default): the stories of the goals of the Sociale
    Agenda that this indicator measures, as markers."""
    return st.toggle(
        t("map_stories_toggle", lang),
        value=False,
        key=keys.MAP_STORIES,
        help=t("map_stories_help", lang),
    )


def map_stories(mv: MapView, view: ViewState) -> None:
    """Under the map with its stories: how many, for which goals, and the clicked one."""
    lang = view.lang
    found = cache.map_stories(mv.indicator.id)
    data = agenda_or_none()
    if not found or data is None:
        st.caption(t("map_stories_none", lang))
        return
    names = [g.short(lang) for g in data.goals.for_indicator(mv.indicator.id)]
    goals = t(
        "map_stories_goal" if len(names) == 1 else "map_stories_goals",
        lang,
        goals=join_names(names, lang),
    )
    n = len(found)
    count = t("agenda_n_stories_one" if n == 1 else "agenda_n_stories", lang, n=str(n))
    st.caption(escape_markdown(t("map_stories_count", lang, stories=count, goals=goals), 400))
    picked = st.session_state.get(keys.MAP_STORY)
    story = next((s for s in found if s.id == picked), None)
    if story is not None:
        with st.container(border=True):
            st.caption(t("agenda_story_chosen", lang))
            story_card(story, data, get_store(), lang, link_view=view)
