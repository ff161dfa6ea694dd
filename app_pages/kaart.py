"""Kaart: a choropleth of one indicator with its legend, ranking, table and summary."""

import streamlit as st

from dashboard import ui

store = ui.store_or_stop()
view = ui.current_view(store)
mv = ui.cached_map_view(view)
lang = view.taal

ui.page_header(mv, lang)
if mv.mappable:
    left, right = st.columns([3, 2], gap="large")
    with left:
        ui.map_chart(mv, view)
        ui.legend(mv, lang)
    with right:
        ui.ranking_chart(mv, view)
    ui.summary(mv)
    ui.data_table(mv, view)
else:
    ui.reference_only(mv, lang)
ui.footer(mv)
