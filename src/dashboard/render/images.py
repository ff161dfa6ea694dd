"""Charts as image files (PNG, SVG) through vl-convert: no browser, no network."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import altair as alt
import vl_convert as vlc

FORMATS = ("png", "svg")
SCALE = 2.0  # PNGs at twice the chart's size: sharp on paper and beamers


def image_bytes(chart: alt.TopLevelMixin | Mapping[str, Any], fmt: str) -> bytes:
    """PNG or SVG (text stays text) of a chart or of its Vega-Lite spec (a dict, to convert a
    spec that is already written without writing it again). Fonts come from the machine."""
    spec = dict(chart) if isinstance(chart, Mapping) else chart.to_dict()
    if fmt == "png":
        return vlc.vegalite_to_png(spec, scale=SCALE)
    if fmt == "svg":
        return vlc.vegalite_to_svg(spec).encode("utf-8")
    raise ValueError(f"unknown image format {fmt!r}; use one of {', '.join(FORMATS)}")


def both(chart: alt.TopLevelMixin | Mapping[str, Any]) -> dict[str, bytes]:
    """Both images of a chart, {'png': ..., 'svg': ...}, from one Vega run: the PNG is the SVG
    rasterised (the same picture as :func:`image_bytes` gives, faster)."""
    svg = image_bytes(chart, "svg")
    return {"png": vlc.svg_to_png(svg.decode("utf-8"), scale=SCALE), "svg": svg}
