"""Parts every page uses: the summary sentence, charts, legends, downloads, styles."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from dashboard import pages, urls
from dashboard.app import elements
from dashboard.app.context import app_base_url
from dashboard.model.catalog import Indicator
from dashboard.model.upload import UPLOAD_ID
from dashboard.publish import export
from dashboard.render import charts, images
from dashboard.render.classify import legend_items
from dashboard.state import ViewState
from dashboard.text.numbers import escape_markdown

STYLES = """
<style>
.bw-legend ul { list-style: none; padding: 0; margin: 0.3rem 0 0 0; display: flex;
  flex-wrap: wrap; gap: 0.3rem 1rem; }
.bw-legend li { display: flex; align-items: center; gap: 0.4rem; font-size: 0.95rem;
  margin: 0.2em 0 0.2em 1.15em; padding-left: 0.3em; }
.bw-legend strong { font-weight: 600; }
.bw-legend .swatch { width: 1.1rem; height: 1.1rem; border: 1px solid #666;
  display: inline-block; }
/* the legends are st.html: the two rules above keep the spacing and weight they had as
   markdown (Streamlit's list items and bold) */
/* section headings (common.section) are h2 for the heading order, sized as before */
.stMain h2 { font-size: 1.5rem; }
</style>
"""


def styles() -> None:
    st.html(STYLES)


def sentence(text_: str) -> None:
    """A view's one plain summary sentence, in bold, as text (never markup)."""
    st.markdown(f"**{escape_markdown(text_, max_len=2000)}**")


def source(text_: str) -> None:
    """A view's source line, as text."""
    st.caption(escape_markdown(text_, max_len=500))


def section(text_: str) -> None:
    """A section heading of a page: h2, under the page's h1 title (WCAG heading order)."""
    st.header(text_)


def vega(
    chart: alt.TopLevelMixin | dict, width: str = "stretch", title: str = "", summary: str = ""
) -> None:
    """An Altair chart (or its ``charts.spec``), drawn without validating it again; with a
    ``title`` its accessible name and description are the title and ``summary`` sentence."""
    spec = chart if isinstance(chart, dict) else charts.spec(chart)
    if title:
        spec = charts.described(spec, title, summary)
    st.vega_lite_chart(spec, width=width)


def chart(proto: elements.VegaLiteChartProto | None, width: str = "stretch") -> bool:
    """Draw a chart message made by ``cache.chart`` (with the same ``width``); False, and
    nothing drawn, when there is no chart."""
    if proto is None:
        return False
    elements.show_chart(proto, width=width)
    return True


def legend_html(classes: Any, lang: str, no_data: bool, title: str | None = None) -> None:
    """A legend of colour classes as an HTML list (pydeck and Vega maps have none)."""
    items = "".join(
        f'<li><span class="swatch" style="background:{color}"></span>{html.escape(label)}</li>'
        for color, label in legend_items(classes, lang, no_data=no_data)
    )
    # st.html, not st.markdown(unsafe_allow_html=True): markdown with HTML makes the browser
    # load and run rehype-raw (190 KB) while the map is being drawn (issue 17)
    if title is None:
        st.html(f'<div class="bw-legend"><ul>{items}</ul></div>')
        return
    # the list is the <ul> itself (a role="list" around it would need listitem children)
    st.html(
        f'<div class="bw-legend"><strong>{html.escape(title)}</strong>'
        f'<ul aria-label="{html.escape(title)}">{items}</ul></div>'
    )


# a download's table, or what makes it when the button is clicked (publish.downloads)
Table = pd.DataFrame | Callable[[], pd.DataFrame]


def _csv(frame: Table, meta: export.ExportMeta, dutch_excel: bool = False) -> bytes:
    return export.to_csv(frame() if callable(frame) else frame, meta, dutch_excel)


def _excel(frame: Table, meta: export.ExportMeta) -> bytes:
    return export.to_excel(frame() if callable(frame) else frame, meta)


def downloads(
    frame: Table,
    indicators: list[Indicator],
    name: str,
    view: ViewState,
    title: str = "",
    page: str = pages.DEFAULT.id,
    url: str | None = None,
) -> None:
    """CSV, CSV for a Dutch Excel and Excel of ``frame`` (a table, or a function making it:
    what the page shows, numbers beside the formatted values, publish.downloads), each
    carrying source, licence, export date and the view's URL (``url`` where a page has
    parameters of its own). The files (and a function's table) are made only when clicked."""
    # eigen gegevens: no view URL, a link would not show them
    own = view.indicator == UPLOAD_ID
    url = "" if own else url or urls.view_url(view, page, app_base_url())
    meta = export.ExportMeta.for_indicators(
        indicators, date.today(), view.lang, title=title, url=url
    )
    cols = st.columns(3, width=520)
    common = {"on_click": "ignore", "type": "tertiary", "icon": ":material/download:"}
    cols[0].download_button(
        "CSV",
        partial(_csv, frame, meta),
        f"{name}.csv",
        "text/csv",
        key=f"dl-{name}-csv",
        **common,
    )
    cols[1].download_button(
        "CSV (Excel NL)",
        partial(_csv, frame, meta, dutch_excel=True),
        f"{name}-excel-nl.csv",
        "text/csv",
        key=f"dl-{name}-csvnl",
        **common,
    )
    cols[2].download_button(
        "Excel",
        partial(_excel, frame, meta),
        f"{name}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"dl-{name}-xlsx",
        **common,
    )


def image_downloads(make: Callable[[str], bytes], name: str) -> None:
    """PNG and SVG downloads of a chart; ``make(fmt)`` renders it only when clicked."""
    cols = st.columns(2, width=320)
    for col, fmt in zip(cols, images.FORMATS, strict=True):
        col.download_button(
            fmt.upper(),
            partial(make, fmt),
            f"{name}.{fmt}",
            "image/png" if fmt == "png" else "image/svg+xml",
            on_click="ignore",
            type="tertiary",
            icon=":material/image:",
            key=f"img-{name}-{fmt}",
        )


EMBED_CSS = """
<style>
.stMain .block-container { padding: 0.5rem 1rem 1rem 1rem; }
.stMain h1 { font-size: 1.6rem !important; }
</style>
"""
