"""Every URL the dashboard writes: the path and query of a view on a page."""

from __future__ import annotations

from urllib.parse import urlencode

from dashboard import pages, state
from dashboard.state import ViewState


def view_url(view: ViewState, page: str = pages.DEFAULT.id) -> str:
    """The path and query of a view on a page (by id; relative to the app's root)."""
    query = urlencode(state.to_query(view), doseq=True)
    return f"/{pages.page(page).url_path}" + (f"?{query}" if query else "")
