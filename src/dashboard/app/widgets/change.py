"""The map page's change mode ("Verandering sinds …"): change map, legend, slope chart,
ranking of the change, table and downloads (views.changeview; cached in app.cache)."""

from __future__ import annotations

import html
from datetime import date

import streamlit as st

from dashboard.app import cache, keys
from dashboard.app.context import narrow
from dashboard.app.resources import get_store
from dashboard.app.widgets.common import downloads, image_downloads, section, sentence, source, vega
from dashboard.app.widgets.map import _on_map_select
from dashboard.app.widgets.timeline import timeline
from dashboard.state import ViewState
from dashboard.text.i18n import t
from dashboard.views import changeview
from dashboard.views.changeview import ChangeView


def wanted(view: ViewState) -> bool:
    """True when the view asks for a change map that is offered."""
    return view.since is not None and cache.change_refusal(view.indicator, view.period) is None


def change_map(
    cv: ChangeView, view: ViewState, key: str = keys.MAP_SELECTION, presenting: bool = False
) -> None:
    """The change map; its accessible description is the change summary."""
    st.pydeck_chart(
        cache.change_spec(view, presenting, narrow()),  # type: ignore[arg-type]
        height=640 if presenting else 420 if narrow() else 560,
        on_select="ignore" if presenting else _on_map_select,
        selection_mode="single-object",
        key=key,
        alt=cv.summary,
    )


def legend(cv: ChangeView, lang: str) -> None:
    """The change classes, then 'geen verandering', 'niet significant' (a white swatch with
    a dark outline, as on the map) and the no-data grey, where the map has them."""
    title = changeview.legend_title(cv, get_store().catalog, lang)
    items = "".join(
        f'<li><span class="swatch" style="background:{color}'
        + (";outline:2px solid #5a5a5a" if label == t("change_not_significant", lang) else "")
        + f'"></span>{html.escape(label)}</li>'
        for color, label in changeview.legend_items(cv, lang)
    )
    st.html(  # not markdown with HTML: see common.legend_html
        f'<div class="bw-legend" role="list" aria-label="{html.escape(title)}">'
        f"<strong>{html.escape(title)}</strong><ul>{items}</ul></div>"
    )


def slope_chart(cv: ChangeView, view: ViewState) -> None:
    section(t("change_slope", view.lang, start=cv.start, end=cv.period))
    vega(cache.slope_spec(view))


def ranking(cv: ChangeView, view: ViewState) -> None:
    section(t("change_ranking", view.lang))
    vega(cache.change_ranking_spec(view))
    missing = cv.table.loc[cv.table["value"].isna(), "name"].tolist()
    if missing and len(missing) <= 20:
        st.caption(f"{t('change_no_data', view.lang)}: {', '.join(missing)}")


def table(cv: ChangeView, view: ViewState) -> None:
    lang = view.lang
    shown = cache.change_table(view)
    name = f"verandering-{cv.indicator.id}-{cv.start}-{cv.period}".replace("/", "-")
    with st.expander(t("change_table", lang), expanded=cv.scope == "drenthe"):
        st.dataframe(shown, hide_index=True, width="stretch")
        downloads(
            shown,
            [cv.indicator],
            name,
            view,
            title=f"{cv.indicator.label(lang)}, {t('change_col', lang).lower()} {cv.periods_text}",
        )


def image_buttons(cv: ChangeView, view: ViewState) -> None:
    name = f"verandering-{cv.indicator.id}-{cv.start}-{cv.period}".replace("/", "-")
    image_downloads(lambda fmt: cache.change_image(view, fmt, date.today()), name)


def body(view: ViewState, embedded: bool) -> None:
    """The change mode of the map page (below its header)."""
    cv = cache.change_view(view)
    lang = view.lang
    for note in cv.notes[:1]:
        if note != cv.indicator.notes(lang):
            st.info(note, icon="ℹ️")
    if embedded:
        change_map(cv, view)
        legend(cv, lang)
        sentence(cv.summary)
        return
    left, right = st.columns([3, 2], gap="large")
    with left:
        change_map(cv, view)
        after = changeview.pairable_periods(get_store(), view.indicator)
        timeline(view, after[after.index(cv.start) + 1 :], fixed=True)
        legend(cv, lang)
        image_buttons(cv, view)
    with right:
        slope_chart(cv, view)
    sentence(cv.summary)
    ranking(cv, view)
    table(cv, view)


def footer(view: ViewState) -> None:
    """The source line with both periods."""
    source(cache.change_view(view).source)
