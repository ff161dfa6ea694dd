"""Over de data: the catalogue (searchable), how the numbers are made, and downloads of any
selection of indicators x regions x periods."""

import streamlit as st

from dashboard.app import cache, controls, keys, resources
from dashboard.app.widgets.common import downloads, section
from dashboard.app.widgets.share import page_end
from dashboard.model import geo
from dashboard.publish import export
from dashboard.text.i18n import t
from dashboard.vocabulary import DRENTHE_CODE, NEDERLAND_CODE

store = resources.store_or_stop()
view = controls.current_view(store)
lang = view.lang

st.title(t("page_about", lang))
controls.show_notices(lang)
st.markdown(t("about_intro", lang))

section(t("about_catalog", lang))
query = st.text_input(t("about_search", lang), key=keys.ABOUT_SEARCH, max_chars=100)
table = export.search_catalog(cache.catalog_table(lang), query)
shown = export.catalog_display(table, lang)
st.caption(t("about_found", lang, n=str(len(table)), of=str(len(store.catalog))))
st.dataframe(
    shown,
    hide_index=True,
    width="stretch",
    column_config={
        t("catalog_link", lang): st.column_config.LinkColumn(display_text="StatLine"),
    },
)
downloads(
    shown, list(store.catalog), "catalogus", view, title=t("about_catalog", lang), page="over"
)

section(t("about_download", lang))
options, labels = controls.indicator_options(store, lang)
chosen = st.multiselect(
    t("about_indicators", lang),
    options,
    default=[view.indicator],
    format_func=labels.get,
    key=keys.ABOUT_INDICATORS,
)
scope = geo.scope_codes(store.gebieden, view.scope)
regions = [*view.gemeenten] or scope
codes = [*dict.fromkeys([*regions, DRENTHE_CODE, NEDERLAND_CODE])]
st.caption(
    t("about_regions", lang, n=str(len(regions)))
    if view.gemeenten
    else t("about_regions_scope", lang, scope=t(f"scope_{view.scope}", lang))
)
data = export.observations_table(store, chosen, codes, lang=lang)
st.dataframe(data, hide_index=True, width="stretch", height=300)
downloads(
    data,
    [store.indicator(i) for i in chosen],
    "gegevens",
    view,
    title=t("about_download", lang),
    page="over",
)
st.markdown(t("about_method", lang))
page_end(store, view, "over")
