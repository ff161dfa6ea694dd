"""Where the page is shown: embedded in another site, on a narrow screen, at which address."""

from __future__ import annotations

import streamlit as st

from dashboard import urls


def embedded() -> bool:
    """The page is shown inside another site (Streamlit's ``?embed=true``)."""
    return bool(st.context.is_embedded)


def narrow() -> bool:
    """The page may be a phone-wide column: an embed, or a phone's browser ("Mobi" is in the
    user agent of phone browsers, as MDN recommends for this check)."""
    return embedded() or "Mobi" in (st.context.headers.get("User-Agent") or "")


def embed_with_controls() -> bool:
    """An embed that keeps the shared controls (``bediening=ja``)."""
    return urls.wants_controls(st.query_params)


def app_base_url() -> str:
    """The app's root as the browser sees it: scheme, host, port and the path prefix of
    ``--server.baseUrlPath`` (behind a proxy at ``https://example.org/bw/``), without the
    page; every link the app writes starts with it (urls.app_root)."""
    return urls.app_root(st.context.url or "", st.get_option("server.baseUrlPath"))
