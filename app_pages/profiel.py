"""Gemeenteprofiel: every indicator of one gemeente at once, against Drenthe and Nederland."""

from dataclasses import replace
from datetime import date
from functools import partial

import streamlit as st

from dashboard import state
from dashboard.app import ui
from dashboard.render import charts
from dashboard.text.i18n import t
from dashboard.text.sentences import join_names
from dashboard.views import profile

store = ui.store_or_stop()
view = ui.current_view(store)
lang = view.taal

st.title(t("page_profile", lang))
ui.show_notices(lang)
code = ui.gemeente_picker(store, view)
name = store.name(code)
prof, scores, summary = ui.cached_profile(code, view.schaal, lang)

ui.sentence(summary)

st.subheader(t("profile_overview", lang))
st.caption(t("profile_overview_help", lang))
event = st.altair_chart(
    charts.profile_overview(prof, lang),
    on_select="rerun",
    selection_mode=charts.OVERVIEW_SELECTION,
    key="profiel_overzicht",
)
picked = event.selection.get(charts.OVERVIEW_SELECTION) if event else None
if picked:
    ind = store.indicator(picked[0]["indicator_id"])
    target = replace(view, indicator=ind.id, periode=None, gemeenten=(code,))
    cols = st.columns(2, width=640)
    cols[0].page_link(
        "app_pages/kaart.py",
        label=t("profile_open_map", lang, label=ind.label(lang)),
        icon=":material/map:",
        query_params=state.to_query(target),
    )

if ui.embedded():
    st.caption(t("profile_sources", lang))
    ui.page_end(store, view, "profiel")
    st.stop()

st.subheader(t("profile_all", lang))
shown = profile.profile_display(prof, lang)
st.dataframe(shown, hide_index=True, width="stretch", height=min(38 * (len(shown) + 1), 900))
ui.downloads(
    shown,
    [store.indicator(i) for i in prof["indicator_id"]],
    f"profiel-{code}",
    view,
    title=f"{t('page_profile', lang)}: {name}",
    page="profiel",
)
st.caption(t("profile_png_help", lang))
cols = st.columns(2, width=420)
for col, fmt in zip(cols, ("png", "svg"), strict=True):
    col.download_button(
        t("profile_handout", lang, fmt=fmt.upper()),
        partial(ui.handout_image, code, view.schaal, lang, fmt, date.today()),
        f"profiel-{code}.{fmt}",
        "image/png" if fmt == "png" else "image/svg+xml",
        on_click="ignore",
        icon=":material/image:",
        key=f"handout-{fmt}",
    )

st.subheader(t("profile_similar", lang))
similar, compared = ui.cached_similar(code, view.schaal, lang)
st.caption(
    t(
        "profile_similar_help",
        lang,
        name=name,
        names=join_names(similar["gemeente_naam"].tolist(), lang),
    )
)
st.dataframe(profile.similar_display(compared, lang), hide_index=True, width="stretch")
st.caption(t("profile_sources", lang))
ui.page_end(store, view, "profiel")
