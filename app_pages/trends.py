"""Trends: the chosen indicator over all its periods for the selected gemeenten and regions,
with Drenthe and Nederland, a table of change and one small chart per gemeente."""

import streamlit as st

from dashboard.app import context, controls, resources
from dashboard.app.widgets import trends as parts
from dashboard.app.widgets.share import page_end
from dashboard.text.i18n import t

store = resources.store_or_stop()
view = controls.current_view(store)
lang = view.lang
ind = store.indicator(view.indicator)

st.title(f"{t('page_trends', lang)}: {ind.label(lang)}")
controls.show_notices(lang)
st.caption(ind.definition(lang))
extra = parts.extra_series(view)
if not view.gemeenten and not extra:
    st.caption(t("trend_choose", lang))
parts.trend_picture(view, extra)
if not context.embedded():
    parts.small_multiples(view)
page_end(store, view, "trends")
