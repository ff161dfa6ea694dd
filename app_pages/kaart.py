"""Kaart: a choropleth of one indicator with its legend, ranking, table and summary."""

from datetime import date

import streamlit as st

from dashboard.app import ui

store = ui.store_or_stop()
view = ui.current_view(store)
mv = ui.cached_map_view(view)
lang = view.taal

ui.page_header(mv, lang)
if not mv.mappable:
    ui.reference_only(mv, lang)
elif ui.embedded():
    ui.map_chart(mv, view)
    ui.legend(mv, lang)
    ui.summary(mv)
else:
    left, right = st.columns([3, 2], gap="large")
    with left:
        ui.map_chart(mv, view)
        ui.legend(mv, lang)
        ui.image_downloads(
            lambda fmt: ui.map_image(
                view.indicator, mv.period, view.schaal, view.kleur, lang, fmt, date.today()
            ),
            f"kaart-{mv.indicator.id}-{mv.period.replace('/', '-')}",
            lang,
        )
    with right:
        ui.ranking_chart(mv, view)
    ui.summary(mv)
    ui.data_table(mv, view)
ui.footer(mv)
ui.page_end(store, view, "")
