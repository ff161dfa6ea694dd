"""The Regio's page's parts: the region set and theme pickers, the regional picture of one
indicator and the Tabel 1-style comparison."""

from __future__ import annotations

import functools

import streamlit as st

from dashboard.app import cache, elements, keys
from dashboard.app.context import embedded
from dashboard.app.resources import region_sets
from dashboard.app.widgets.common import (
    chart,
    downloads,
    image_downloads,
    legend_html,
    section,
    sentence,
)
from dashboard.model.store import Store
from dashboard.publish import downloads as tables
from dashboard.state import ViewState
from dashboard.text.i18n import t
from dashboard.text.numbers import escape_markdown
from dashboard.views import compare
from dashboard.views.regionsview import ALL_THEMES


def region_set_picker(view: ViewState) -> str:
    """The region set to compare (COROP regions by default); its id."""
    choices = region_sets(view.scope)
    if embedded():
        return compare.DEFAULT_SET
    lang = view.lang
    set_id = st.segmented_control(
        t("region_set", lang),
        list(choices),
        default=compare.DEFAULT_SET,
        key=keys.REGION_SET,
        format_func=lambda k: choices[k].label(lang),
    )
    return set_id or compare.DEFAULT_SET


def theme_picker(store: Store, lang: str) -> str:
    """The theme (or all) of the comparison table."""
    return st.selectbox(
        t("theme", lang),
        [ALL_THEMES, *store.catalog.by_theme()],
        key=keys.REGION_THEME,
        format_func=lambda k: (
            t("all_themes", lang) if k == ALL_THEMES else store.catalog.theme_label(k, lang)
        ),
    )


def region_picture(view: ViewState, set_id: str) -> None:
    """The chosen indicator across the regions: gemeenten as dots per region, a small map of
    the regions and a summary sentence."""
    lang = view.lang
    rv = cache.regions_view(view, set_id)
    ind = rv.indicator
    section(ind.label(lang))
    sentence(rv.summary)
    key = cache.for_regions(view)
    strip = cache.chart(
        "region_strip",
        key,
        (set_id,),
        lambda: cache.region_specs(view, set_id)[0],
        title=ind.label(lang),
        summary=rv.summary,
    )
    if strip is None or rv.period is None:
        st.info(t("regions_no_data", lang), icon="ℹ️")
        return
    period = rv.period
    region_map = cache.chart(
        "region_map",
        key,
        (set_id,),
        lambda: cache.region_specs(view, set_id)[1],
        title=f"{ind.label(lang)}: {t('a11y_regions_map', lang)}",
    )
    left, right = st.columns([3, 2], gap="large")
    with left:
        chart(strip)
        if not embedded():
            image_downloads(
                lambda fmt: cache.chart_image(cache.region_strip(rv, lang), ind, period, lang, fmt),
                f"regios-{ind.id}",
            )
    if region_map is not None:
        with right:
            chart(region_map)
            legend_html(rv.classes, lang, no_data=False)
    st.caption(rv.source)
    if not embedded():
        downloads(
            lambda: tables.regions_download(rv, lang),
            [ind],
            f"regios-{ind.id}",
            view,
            title=ind.label(lang),
            page="regios",
        )


@functools.lru_cache(maxsize=512)
def _weighting_line(weighting: str, names: str) -> str:
    # the same few lines on every run; escaping them char by char took ~1 ms a run
    return f"{escape_markdown(weighting, 800)}  \n*{escape_markdown(names, 4000)}*"


def comparison(view: ViewState, set_id: str, theme: str) -> None:
    lang = view.lang
    cv = cache.comparison_view(view, set_id, theme)
    elements.show(cache.comparison_table(view, set_id, theme), width="stretch")
    st.caption(f"{t('regions_legend', lang)} {t('computed_marker', lang)}")
    with st.expander(t("regions_weighting", lang)):
        for weighting, names in cv.weightings:
            st.markdown(_weighting_line(weighting, names))
    downloads(
        lambda: tables.comparison_download(cv, lang),
        list(cv.indicators),
        "regios",
        view,
        title=t("page_regions", lang),
        page="regios",
    )
