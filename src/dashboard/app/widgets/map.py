"""The map page's parts: title, choropleth, legend, ranking, table, reference values."""

from __future__ import annotations

from datetime import date

import streamlit as st

from dashboard.app import cache, keys
from dashboard.app.context import embedded, narrow
from dashboard.app.controls import select_gemeente, show_notices
from dashboard.app.resources import get_store
from dashboard.app.widgets import a11y
from dashboard.app.widgets.common import (
    downloads,
    image_downloads,
    legend_html,
    section,
    sentence,
    source,
    vega,
)
from dashboard.render import maps
from dashboard.state import ViewState
from dashboard.text import numbers
from dashboard.text.i18n import t
from dashboard.text.numbers import period_label
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
    select_gemeente(maps.selected_code(st.session_state.get(keys.MAP_SELECTION)))


def map_chart(
    mv: MapView, view: ViewState, key: str = keys.MAP_SELECTION, presenting: bool = False
) -> None:
    """The choropleth of ``view`` (whose map view is ``mv``). On the map page a click selects
    a gemeente; presenting, the areas carry big labels (name and value) and clicks do
    nothing."""
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
    """The ranking of ``view`` (whose map view is ``mv``); its spec is cached per view."""
    lang = view.lang
    section(t("ranking", lang))
    title = f"{t('ranking', lang)}: {mv.indicator.label(lang)}"
    vega(cache.ranking_spec(view), title=title, summary=mv.summary)
    missing = mv.table.loc[mv.table["value"].isna(), "name"].tolist()
    if missing and len(missing) <= 20:
        st.caption(f"{t('ranking_no_data', lang)}: {', '.join(missing)}")


def data_table(mv: MapView, view: ViewState) -> None:
    """The table of ``view`` (whose map view is ``mv``) with its downloads."""
    lang = view.lang
    shown = cache.map_table(view)
    # the target of the map's "skip to the table" link (a11y.skip_to_table)
    with (
        st.container(key=a11y.SKIP_TARGET),
        st.expander(t("table", lang), expanded=mv.scope == "drenthe"),
    ):
        st.dataframe(shown, hide_index=True, width="stretch")
        downloads(
            shown,
            [mv.indicator],
            f"kaart-{mv.indicator.id}-{mv.period.replace('/', '-')}",
            view,
            title=f"{mv.indicator.label(lang)}, {period_label(mv.period, lang)}",
        )


def map_downloads(mv: MapView, view: ViewState) -> None:
    """PNG and SVG of the map with its legend, title, period and source drawn in."""
    image_downloads(
        lambda fmt: cache.map_image(view, fmt, date.today()),
        f"kaart-{mv.indicator.id}-{mv.period.replace('/', '-')}",
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
