"""Regio's: Noord-, Zuidwest- and Zuidoost-Drenthe (or the Regio Deals, or the provinces)
side by side, in the spirit of Tabel 1 of the Sociale Agenda."""

import streamlit as st

from dashboard.app import ui
from dashboard.text.i18n import t

store = ui.store_or_stop()
view = ui.current_view(store)
lang = view.taal

st.title(t("page_regions", lang))
ui.show_notices(lang)
regions = ui.region_set_picker(store, view)
ui.region_picture(store, regions, view)
if not ui.embedded():
    st.subheader(t("regions_table", lang))
    ui.comparison(store, regions, ui.theme_picker(store, lang), view)
ui.page_end(store, view, "regios")
