"""The end of every page: 'Delen en insluiten' (link and iframe snippet, live or frozen), or
in an embed the link to the full dashboard."""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from urllib.parse import urlencode

import streamlit as st

from dashboard import urls
from dashboard.app import keys, uploads
from dashboard.app.context import app_base_url, embedded
from dashboard.model.store import Store
from dashboard.model.upload import UPLOAD_ID
from dashboard.publish import share
from dashboard.state import ViewState
from dashboard.text.i18n import t
from dashboard.text.numbers import period_label


def _url(view: ViewState, page: str, extra: Mapping[str, str] | None) -> str:
    """The view's full URL on a page (with the proxy's path prefix), with the page's own
    parameters (``extra``) after it."""
    url = urls.view_url(view, page, app_base_url())
    if extra:
        url += ("&" if "?" in url else "?") + urlencode(extra)
    return url


def dashboard_link(view: ViewState, page: str, extra: Mapping[str, str] | None = None) -> None:
    """'Bekijk in het dashboard': the full app in the same state (on the page with this id),
    in a new tab."""
    url = _url(view, page, extra)
    st.markdown(
        f'<a href="{html.escape(url)}" target="_blank" rel="noopener">'
        f"{html.escape(t('embed_open', view.lang))} ↗</a>",
        unsafe_allow_html=True,
    )


def frozen(view: ViewState, store: Store) -> ViewState:
    """The view fixed to the period it shows now ('vast')."""
    return replace(view, period=view.period or store.latest_period(view.indicator))


def share_panel(
    store: Store,
    view: ViewState,
    page: str,
    extra: Mapping[str, str] | None = None,
    title: str | None = None,
) -> None:
    """'Delen en insluiten': the link of this view and an iframe snippet, live or frozen.

    Its content is made only while the panel is open (a rerun when it opens): the
    highlighted snippet took a quarter second of the browser's main thread on every first
    load, before the map could be drawn (docs/benchmarks.md)."""
    lang = view.lang
    panel = st.expander(
        t("share_title", lang),
        icon=":material/share:",
        key=keys.SHARE_OPEN + page,
        on_change="rerun",
    )
    if not panel.open:
        return
    with panel:
        if view.indicator == UPLOAD_ID:  # eigen gegevens live in this session only
            uploads.no_share(store, view)
            return
        mode = st.radio(
            t("share_mode", lang),
            ["live", "vast"],
            format_func=lambda m: t(f"share_{m}", lang),
            horizontal=True,
            key=keys.SHARE_MODE + page,
        )
        shown = frozen(view, store) if mode == "vast" else view
        url = _url(shown, page, extra)
        st.caption(t("share_link", lang))
        st.code(url, language=None)
        size = st.selectbox(
            t("share_size", lang),
            list(share.EMBED_SIZES),
            format_func=lambda s: f"{s} ({share.EMBED_SIZES[s][0]} × {share.EMBED_SIZES[s][1]})",
            key=keys.SHARE_SIZE + page,
        )
        ind = store.indicator(view.indicator)
        caption = (
            t(
                "share_frozen_caption",
                lang,
                period=period_label(shown.period or "", lang),
                date=date.today().isoformat(),
            )
            if mode == "vast"
            else ""
        )
        st.caption(t("share_embed", lang))
        label = title or ind.label(lang)
        st.code(share.embed_snippet(url, label, size, caption), language="html")


def page_end(
    store: Store,
    view: ViewState,
    page: str,
    extra: Mapping[str, str] | None = None,
    title: str | None = None,
) -> None:
    """The end of every page (``page``: its id in dashboard.pages): in an embed the link to
    the full dashboard, else the 'Delen en insluiten' panel. ``extra``: the page's own query
    parameters (``?doel=``), ``title``: the embed's title when it is not the indicator's."""
    if embedded():
        dashboard_link(view, page, extra)
    else:
        share_panel(store, view, page, extra, title)
