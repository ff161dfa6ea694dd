"""What no client may do to the server: empty the caches every session shares.

Streamlit (1.67) answers a ``clear_cache`` back message of any websocket client by clearing
``st.cache_data`` and ``st.cache_resource`` for the whole process
(``AppSession._handle_clear_cache_request``). The frontend's menu item is hidden here
(``toolbarMode = "minimal"``), but any program, or a visitor's devtools, can still send the
message: the store, the boundaries and every computed view would be rebuilt for everyone
(10 s instead of 0.3 s for the next visit) and the warm-up would start over. The dashboard
refuses it: the message only clears the sending session's own state, and the refusal is
logged. Caches are cleared by the server itself (a fetch of new data, app/fetch.py) or by a
restart.
"""

from __future__ import annotations

import logging

from streamlit.runtime.app_session import AppSession

LOG = logging.getLogger(__name__)


def _refuse_clear_cache(self: AppSession) -> None:
    LOG.warning(
        "Refused a client's clear_cache request (session %s): the caches are shared by "
        "every session; only the server clears them.",
        getattr(self, "id", "?"),
    )
    self._session_state.clear()  # what is the client's own: its session state


def refuse_client_cache_clear() -> None:
    """Install the refusal (idempotent; once per process is enough)."""
    if AppSession._handle_clear_cache_request is not _refuse_clear_cache:
        AppSession._handle_clear_cache_request = _refuse_clear_cache  # type: ignore[method-assign]
