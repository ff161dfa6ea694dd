"""Sharing a view on another site: the iframe snippet (pure)."""

from __future__ import annotations

import html

from dashboard.urls import embed_url

# width x height in pixels: a phone column, a content column, a full-width block
EMBED_SIZES = {"klein": (360, 960), "middel": (720, 900), "breed": (1200, 900)}


def embed_snippet(url: str, title: str, size: str, caption: str = "") -> str:
    """An iframe for another site: titled (screen readers name the frame by it), lazily
    loaded, sized by a preset, never wider than its column; an optional caption below
    (e.g. which period a frozen view shows). Every value is HTML-escaped."""
    width, height = EMBED_SIZES[size]
    snippet = (
        f'<iframe src="{html.escape(embed_url(url))}" title="{html.escape(title)}" '
        f'width="{width}" height="{height}" loading="lazy" style="border:0;max-width:100%">'
        "</iframe>"
    )
    if caption:
        snippet += f"\n<p>{html.escape(caption)}</p>"
    return snippet
