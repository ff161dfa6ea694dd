"""The Trends page's parts: the extra series, the trend chart with its table of change, and
the small multiples."""

from __future__ import annotations

import streamlit as st

from dashboard.app import cache, elements, keys
from dashboard.app.context import embedded
from dashboard.app.resources import get_store, region_sets
from dashboard.app.widgets.common import (
    chart,
    downloads,
    image_downloads,
    section,
    sentence,
)
from dashboard.publish import downloads as tables
from dashboard.state import ViewState
from dashboard.text.i18n import t
from dashboard.views.trendview import MEASURES


def extra_series(view: ViewState) -> tuple[str, ...]:
    """Regions chosen on the page to follow next to the selected gemeenten."""
    if embedded():
        return ()
    lang = view.lang
    regions = {r.code: r for s in region_sets(view.scope).values() for r in s.regions}
    chosen = st.multiselect(
        t("trend_regions", lang),
        list(regions),
        key=keys.TREND_REGIONS,
        format_func=lambda c: regions[c].name(lang),
        max_selections=6,
        select_all=False,  # as the gemeenten: no "Select all" a keypress chooses by accident
        placeholder=t("trend_regions_placeholder", lang),
    )
    return tuple(chosen)


def trend_picture(view: ViewState, extra: tuple[str, ...]) -> None:
    lang = view.lang
    tv = cache.trend_view(view, extra)
    ind = tv.indicator
    measure = (
        st.segmented_control(
            t("trend_measure", lang),
            list(MEASURES),
            default=MEASURES[0],
            key=keys.TREND_MEASURE,
            format_func=lambda m: t(f"trend_{m}", lang),
        )
        or MEASURES[0]
    )
    sentence(tv.summary)
    if measure == "index":
        st.caption(tv.index.message(lang))
    drawn = chart(
        cache.chart(
            "trend",
            cache.for_trend(view),
            (extra, measure),
            lambda: cache.trend_spec(view, extra, measure),
            title=f"{t('page_trends', lang)}: {ind.label(lang)}",
            summary=tv.summary,
        )
    )
    if drawn and not embedded():

        def trend_image(fmt: str) -> bytes:
            figure = cache.trend_chart(tv, measure, lang)
            return cache.chart_image(figure, ind, tv.latest, lang, fmt)

        image_downloads(trend_image, f"trend-{ind.id}")
    if embedded():
        st.caption(tv.source)
        return
    if not tv.comparable:
        st.info(t("trend_not_comparable", lang), icon="ℹ️")
    section(t("trend_changes", lang))
    elements.show(cache.trend_changes_element(view, extra), width="stretch")
    st.caption(tv.source)
    downloads(
        lambda: tables.trend_download(tv, lang),
        [ind],
        f"trend-{ind.id}",
        view,
        title=ind.label(lang),
        page="trends",
    )


def small_multiples(view: ViewState) -> None:
    """One mini chart per gemeente of the scope (Drenthe's twelve for the whole country)."""
    lang = view.lang
    label = get_store().indicator(view.indicator).label(lang)
    title = f"{t('trend_small_multiples', lang)}: {label}"
    proto = cache.chart(
        "small_multiples",
        view,
        (),
        lambda: cache.small_multiples_spec(view),
        width="content",
        title=title,
    )
    if proto is None:
        return
    section(t("trend_small_multiples", lang))
    elements.show_chart(proto, width="content")
