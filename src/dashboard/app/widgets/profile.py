"""The Gemeenteprofiel's part of its own: the gemeente picker."""

from __future__ import annotations

import streamlit as st

from dashboard.app import keys
from dashboard.app.context import embedded
from dashboard.app.controls import put_first
from dashboard.model.store import Store
from dashboard.state import ViewState
from dashboard.text.i18n import t
from dashboard.views.profileview import profile_gemeente


def _on_pick() -> None:
    put_first(st.session_state[keys.PROFILE_GEMEENTE])


def gemeente_picker(store: Store, view: ViewState) -> str:
    """The gemeente of the profile (:func:`profile_gemeente`), with a picker that puts the
    chosen one first in the shared selection (and so in the URL)."""
    code = profile_gemeente(store, view)
    if embedded():
        return code
    st.session_state[keys.PROFILE_GEMEENTE] = code
    st.selectbox(
        t("gemeente", view.lang),
        sorted(store.gemeente_codes(), key=store.name),
        key=keys.PROFILE_GEMEENTE,
        format_func=store.name,
        on_change=_on_pick,
    )
    return code
