"""Kaart: a choropleth of one indicator with its legend, ranking, table and summary."""

import streamlit as st

from dashboard.app import cache, context, controls, resources
from dashboard.app.widgets import change
from dashboard.app.widgets import map as parts
from dashboard.app.widgets.common import sentence
from dashboard.app.widgets.share import page_end
from dashboard.app.widgets.timeline import timeline

store = resources.store_or_stop()
view = controls.current_view(store)
mv = cache.map_view(view)
lang = view.lang

parts.page_header(mv, lang)
if not context.embedded() or context.embed_with_controls():
    controls.change_controls(store, view)  # "Verandering sinds …" and "Verandering in"
if change.wanted(view):  # "Verandering sinds …": the change map (?vanaf=)
    change.body(view, context.embedded())
elif not mv.mappable:
    parts.reference_only(mv, lang)
elif context.embedded():
    parts.map_chart(mv, view)
    parts.legend(mv, lang)
    sentence(mv.summary)
else:
    # The map first (issue 17): title, map, legend and summary are sent before the ranking,
    # the downloads and the table, which fill their places in the same layout afterwards.
    left, right = st.columns([3, 2], gap="large")
    below = st.container()
    with left:
        with_stories = parts.stories_toggle(mv, lang)
        parts.map_chart(mv, view, stories=with_stories)
        timeline(view, store.periods(view.indicator))
        parts.legend(mv, lang)
        if with_stories:
            parts.map_stories(mv, view)
        downloads_here = st.container()
    with below:
        sentence(mv.summary)
    with right:
        parts.ranking_chart(mv, view)
    with downloads_here:
        parts.map_downloads(mv, view)
    with below:
        parts.data_table(mv, view)
if change.wanted(view):
    change.footer(view)
else:
    parts.footer(mv)
page_end(store, view, "kaart")
