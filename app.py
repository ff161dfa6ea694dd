"""Brede Welvaart Dashboard Drenthe: entry point (`streamlit run app.py`).

Declares the page config, the navigation and the shared controls once; every page reads
the view state these controls produce (see dashboard.app.controls and dashboard.state)."""

import streamlit as st

from dashboard.app import context, controls, resources, warmup
from dashboard.app.widgets import common, present
from dashboard.text.i18n import t

st.set_page_config(page_title="Brede welvaart Drenthe", page_icon="🌍", layout="wide")

common.styles()
store = resources.store_or_stop()
warmup.start()  # once per server process: the views a workshop asks for, in the background
if context.embedded() and not context.embed_with_controls():
    view = controls.url_view(store)  # an embed: the view of its URL, no controls
    st.html(common.EMBED_CSS)
else:
    view = controls.controls(store)
controls.set_current_view(view)

# Page paths are public (embeds and bookmarks use them). The folder is app_pages/, not
# pages/: Streamlit treats a pages/ folder as a legacy (v1) multipage app until the first
# st.navigation call of the server process, so the very first visitor of /profiel after a
# restart would get that page without this entry point (no layout, no navigation titles).
pages = [
    st.Page(
        "app_pages/kaart.py", title=t("page_map", view.taal), icon=":material/map:", default=True
    ),
    st.Page(
        "app_pages/regios.py",
        title=t("page_regions", view.taal),
        icon=":material/compare_arrows:",
        url_path="regios",
    ),
    st.Page(
        "app_pages/trends.py",
        title=t("page_trends", view.taal),
        icon=":material/show_chart:",
        url_path="trends",
    ),
    st.Page(
        "app_pages/profiel.py",
        title=t("page_profile", view.taal),
        icon=":material/location_city:",
        url_path="profiel",
    ),
    st.Page(
        "app_pages/agenda.py",
        title=t("page_agenda", view.taal),
        icon=":material/diversity_3:",
        url_path="agenda",
    ),
    st.Page(
        "app_pages/presenteren.py",
        title=t("page_present", view.taal),
        icon=":material/co_present:",
        url_path="presenteren",
    ),
    st.Page(
        "app_pages/over.py",
        title=t("page_about", view.taal),
        icon=":material/info:",
        url_path="over",
    ),
]
page = st.navigation(pages, position="hidden" if context.embedded() else "sidebar")
if not context.embedded():
    present.add_to_story(view, page.url_path)
page.run()
