"""Charts as image files (PNG, SVG) through vl-convert: no browser, no network."""

from __future__ import annotations

import altair as alt
import vl_convert as vlc

FORMATS = ("png", "svg")


def image_bytes(chart: alt.TopLevelMixin, fmt: str, scale: float = 2.0) -> bytes:
    """The chart rendered as PNG (at ``scale`` times its size, sharp on paper and beamers)
    or SVG. Fonts come from the machine; text stays text in the SVG."""
    spec = chart.to_dict()
    if fmt == "png":
        return vlc.vegalite_to_png(spec, scale=scale)
    if fmt == "svg":
        return vlc.vegalite_to_svg(spec).encode("utf-8")
    raise ValueError(f"unknown image format {fmt!r}; use one of {', '.join(FORMATS)}")
