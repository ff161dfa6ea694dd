"""Gemeenteprofiel: every indicator of one gemeente at once, against Drenthe and Nederland."""

from dataclasses import replace
from datetime import date
from functools import partial

import streamlit as st

from dashboard import pages, urls
from dashboard.app import cache, context, controls, keys, resources
from dashboard.app.widgets import agenda as agenda_parts
from dashboard.app.widgets.common import downloads, section, sentence
from dashboard.app.widgets.profile import gemeente_picker
from dashboard.app.widgets.share import page_end
from dashboard.publish import downloads as tables
from dashboard.render import charts
from dashboard.text.i18n import t
from dashboard.text.numbers import escape_markdown
from dashboard.text.sentences import join_names

store = resources.store_or_stop()
view = controls.current_view(store)
lang = view.lang

st.title(t("page_profile", lang))
controls.show_notices(lang)
code = gemeente_picker(store, view)
pv = cache.profile_view(replace(view, gemeenten=(code,)))

sentence(pv.summary)

section(t("profile_overview", lang))
st.caption(t("profile_overview_help", lang))
event = st.vega_lite_chart(
    cache.profile_overview_spec(replace(view, gemeenten=(code,))),
    on_select="rerun",
    selection_mode=charts.OVERVIEW_SELECTION,
    key=keys.PROFILE_OVERVIEW,
)
picked = event.selection.get(charts.OVERVIEW_SELECTION) if event else None
if picked:
    ind = store.indicator(picked[0]["indicator_id"])
    target = replace(view, indicator=ind.id, period=None, gemeenten=(code,))
    cols = st.columns(2, width=640)
    cols[0].page_link(
        pages.page("kaart").file,
        label=t("profile_open_map", lang, label=ind.label(lang)),
        icon=":material/map:",
        query_params=urls.to_query(target),
    )

if context.embedded():
    st.caption(t("profile_sources", lang))
    page_end(store, view, "profiel")
    st.stop()

section(t("profile_all", lang))
shown = pv.shown
st.dataframe(shown, hide_index=True, width="stretch", height=min(38 * (len(shown) + 1), 900))
downloads(
    lambda: tables.profile_download(pv.table, shown, store.catalog, lang),
    [store.indicator(i) for i in pv.indicator_ids],
    f"profiel-{code}",
    view,
    title=f"{t('page_profile', lang)}: {pv.name}",
    page="profiel",
)
st.caption(t("profile_png_help", lang))
cols = st.columns(2, width=420)
for col, fmt in zip(cols, ("png", "svg"), strict=True):
    col.download_button(
        t("profile_handout", lang, fmt=fmt.upper()),
        partial(cache.handout_image, replace(view, gemeenten=(code,)), fmt, date.today()),
        f"profiel-{code}.{fmt}",
        "image/png" if fmt == "png" else "image/svg+xml",
        on_click="ignore",
        icon=":material/image:",
        key=f"handout-{fmt}",
    )

section(t("profile_similar", lang))
st.caption(
    t(
        "profile_similar_help",
        lang,
        # names from the data are text, never markdown (a name could be a link)
        name=escape_markdown(pv.name, max_len=120),
        names=join_names([escape_markdown(n, 120) for n in pv.similar["gemeente_naam"]], lang),
    )
)
st.dataframe(pv.compared, hide_index=True, width="stretch")
st.caption(t("profile_sources", lang))
agenda_parts.gemeente_stories(view, code, pv.name)
page_end(store, view, "profiel")
