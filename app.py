"""Brede Welvaart Dashboard Drenthe: entry point (`streamlit run app.py`).

Declares the page config, the navigation and the shared controls once; every page reads
the view state these controls produce (see dashboard.ui and dashboard.state)."""

import streamlit as st

from dashboard import ui
from dashboard.i18n import t

st.set_page_config(page_title="Brede welvaart Drenthe", page_icon="🌍", layout="wide")

ui.styles()
store = ui.store_or_stop()
view = ui.controls(store)
ui.set_current_view(view)

pages = [
    st.Page("pages/kaart.py", title=t("page_map", view.taal), icon="🗺️", default=True),
]
st.navigation(pages).run()
