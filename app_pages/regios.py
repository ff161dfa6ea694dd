"""Regio's: Noord-, Zuidwest- and Zuidoost-Drenthe (or the Regio Deals, or the provinces)
side by side, in the spirit of Tabel 1 of the Sociale Agenda."""

import streamlit as st

from dashboard.app import context, controls, resources
from dashboard.app.widgets import regions as parts
from dashboard.app.widgets.common import section
from dashboard.app.widgets.share import page_end
from dashboard.text.i18n import t

store = resources.store_or_stop()
view = controls.current_view(store)
lang = view.lang

st.title(t("page_regions", lang))
controls.show_notices(lang)
set_id = parts.region_set_picker(view)
parts.region_picture(view, set_id)
if not context.embedded():
    section(t("regions_table", lang))
    parts.comparison(view, set_id, parts.theme_picker(store, lang))
page_end(store, view, "regios")
