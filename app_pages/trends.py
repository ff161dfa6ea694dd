"""Trends: the chosen indicator over all its periods for the selected gemeenten and regions,
with Drenthe and Nederland, a table of change and one small chart per gemeente."""

import streamlit as st

from dashboard.app import ui
from dashboard.text.i18n import t

store = ui.store_or_stop()
view = ui.current_view(store)
lang = view.taal
ind = store.indicator(view.indicator)

st.title(f"{t('page_trends', lang)}: {ind.label(lang)}")
ui.show_notices(lang)
st.caption(ind.definition(lang))
codes = ui.trend_series(store, view)
if not codes:
    st.caption(t("trend_choose", lang))
ui.trend_picture(store, codes, view)
if not ui.embedded():
    ui.small_multiples(store, view)
ui.page_end(store, view, "trends")
