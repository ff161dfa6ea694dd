"""A static site of every indicator: ``python -m dashboard export site OUTDIR`` (pure but for
writing files).

For high-traffic public embedding: plain files any web server (or a file:// URL) can serve,
without Streamlit. One page per indicator (``<id>.html``) and an ``index.html`` by theme.

What a page holds
    The map of :func:`static_map.map_chart` (legend, title, source and export date in the
    chart itself), the ranked bars of :func:`charts.ranking`, a trend chart (the scope's areas
    as thin grey lines, Drenthe and Nederland in their reference colours, from the
    :class:`trendview.TrendView` the Trends page draws, its sentence the chart's
    description), the summary sentence of :func:`mapview.map_view` (also the
    charts' accessible description), a table with the same numbers, source, licence, the
    period of the data and the export date, and links to the map as PNG and SVG and to the
    table as CSV (:func:`export.to_csv`, with its metadata block). Indicators published only
    for Drenthe and Nederland get their two values, the trend and the table, and no map.
    Every figure comes from the one ``MapView`` the app draws, so page and app cannot differ.
    An indicator with periods that may be paired also gets ``<id>-verandering.html``: the
    change map since the first of them (views.changeview), slope chart, ranking of the
    change, table and downloads, linked below its map and listed under ``changes`` in the
    manifest; and the same change in the other kind (unit or relative), linked from it.

No requests at view time
    Each chart's Vega-Lite spec is inline, data included, in a ``<script
    type="application/json">`` element (``<`` escaped). Vega, Vega-Lite and vega-embed come
    from ONE shared file, ``vega-bundle.js`` (built offline by vl-convert's
    ``javascript_bundle``, about 0.9 MB, cached by browsers across pages), referenced
    relatively. The only absolute URLs are ``<a href>`` links to the sources. vega-embed's
    action menu (which links to the online Vega editor) is switched off.

Size
    Boundaries are simplified as for the app (maps.feature_collection, 0.0005° and 4
    decimals), and only the columns a chart uses are inlined. A Drenthe page is 4-90 KB
    (limit :data:`PAGE_LIMIT`, tested); a Nederland page, with 342 gemeenten, up to about
    2 MB. ``manifest.json`` lists the size of every file.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import altair as alt
import pandas as pd
import vl_convert as vlc

from dashboard.model import geo
from dashboard.model.catalog import Indicator
from dashboard.model.errors import DataError
from dashboard.model.store import Store
from dashboard.publish import export
from dashboard.render import charts, images, maps, static_map
from dashboard.state import ViewState
from dashboard.text import numbers
from dashboard.text.i18n import t
from dashboard.text.numbers import period_label
from dashboard.views import changeview, mapview, trendview
from dashboard.vocabulary import DRENTHE_CODE, SCOPES, language

BUNDLE_FILE = "vega-bundle.js"
INDEX_FILE = "index.html"
MANIFEST_FILE = "manifest.json"
PAGE_LIMIT = 300_000  # bytes of one Drenthe page (HTML with its inline data); tested
CHART_WIDTH = 520
AREA_LINE_COLOR = "#9e9e9e"
_ID = re.compile(r"[a-z0-9_]+")


# --- boundaries -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScopeGeometry:
    """Simplified GeoJSON of a scope: its gemeenten, its COROP regions and the province
    borders (drawn on top of the map), as the app loads them (app.resources.scope_areas)."""

    scope: str
    gemeenten: dict[str, Any]
    corop: dict[str, Any]
    outline: dict[str, Any]

    def areas(self, level: str) -> dict[str, Any]:
        return self.corop if level == "corop" else self.gemeenten


def load_geometry(store: Store, geo_dir: Path, scope: str) -> ScopeGeometry:
    gemeenten = geo.load_gemeenten(geo_dir, scope, store.gebieden)
    g = store.gebieden[store.gebieden["gemeente_code"].isin(gemeenten["region_code"])]
    corop = geo.load_outlines(geo_dir, "corop", sorted(g["corop_code"].unique()))
    provinces = geo.load_outlines(geo_dir, "provincie", sorted(g["provincie_code"].unique()))
    return ScopeGeometry(
        scope,
        maps.feature_collection(gemeenten),
        maps.feature_collection(corop),
        maps.feature_collection(provinces),
    )


# --- JavaScript -------------------------------------------------------------------------------


def vegalite_version() -> str | None:
    """The Vega-Lite version of Altair's specs ('6.4') when vl-convert has it, else None
    (vl-convert's latest)."""
    wanted = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
    return wanted if wanted in vlc.get_vegalite_versions() else None


@lru_cache(maxsize=2)
def js_bundle(version: str | None = None) -> str:
    """Vega, Vega-Lite and vega-embed in one classic script (globals vega, vegaLite,
    vegaEmbed), bundled by vl-convert from the copies it ships: no network needed."""
    header = (
        f"/* Vega {vlc.get_vega_version()}, Vega-Lite {version or 'latest'}, vega-embed "
        f"{vlc.get_vega_embed_version()} and their dependencies (BSD-3-Clause, University "
        "of Washington Interactive Data Lab; see github.com/vega), bundled by vl-convert. */\n"
    )
    return header + vlc.javascript_bundle(vl_version=version)


def script_json(spec: Mapping[str, Any]) -> str:
    """JSON for a ``<script type="application/json">`` element: compact, and no '<', '>' or
    '&' that could end the element or start markup."""
    raw = json.dumps(spec, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return raw.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


EMBED_SCRIPT = """
(function () {
  var options = {renderer: "svg", actions: false, formatLocale: %s};
  document.querySelectorAll("script[data-vega-target]").forEach(function (el) {
    var target = document.getElementById(el.getAttribute("data-vega-target"));
    vegaEmbed(target, JSON.parse(el.textContent), options).catch(function (err) {
      target.textContent = String(err);
    });
  });
})();
"""


# --- charts and tables ------------------------------------------------------------------------


def trend_chart(
    frame: pd.DataFrame, value_title: str, lang: str, areas_label: str
) -> alt.LayerChart:
    """The indicator over its periods: each area of the scope a thin grey line, Drenthe and
    Nederland thick in their reference colours (charts.REFERENCE_COLORS). Lines join points
    only within a segment of trends.trend_frame (no gaps or breaks in method bridged)."""
    data = frame[frame["value"].notna()].copy()
    data["series"] = [
        name if kind == "reference" else areas_label
        for name, kind in zip(data["name"], data["kind"], strict=True)
    ]
    data["line"] = data["region_code"] + "-" + data["segment"].astype(str)
    data = data[["name", "series", "period_label", "value", "value_text", "line", "kind"]]
    labels = list(dict.fromkeys(frame.sort_values("period")["period_label"]))
    refs = frame.drop_duplicates("region_code")
    refs = refs[refs["kind"] == "reference"]
    ref_colors = [
        charts.REFERENCE_COLORS["drenthe" if c == DRENTHE_CODE else "nederland"]
        for c in refs["region_code"]
    ]
    has_areas = bool((data["kind"] != "reference").any())
    domain = ([areas_label] if has_areas else []) + refs["name"].tolist()
    palette = ([AREA_LINE_COLOR] if has_areas else []) + ref_colors
    color = alt.Color(
        "series:N",
        scale=alt.Scale(domain=domain, range=palette),
        legend=alt.Legend(title=None, orient="bottom"),
    )
    x = alt.X(
        "period_label:O", sort=labels, title=None, axis=alt.Axis(labelAngle=0, labelOverlap=True)
    )
    y = alt.Y("value:Q", title=value_title, scale=alt.Scale(zero=False, nice=True))
    tooltip = [
        alt.Tooltip("name:N", title=t("col_series", lang)),
        alt.Tooltip("period_label:N", title=t("period", lang)),
        alt.Tooltip("value_text:N", title=t("col_value", lang)),
    ]
    base = alt.Chart(data).encode(x=x, y=y, color=color)
    is_ref = alt.datum.kind == "reference"
    area_lines = (
        base.transform_filter(~is_ref).mark_line(strokeWidth=1, opacity=0.7).encode(detail="line:N")
    )
    ref_lines = base.transform_filter(is_ref).mark_line(strokeWidth=3).encode(detail="line:N")
    points = base.mark_circle(size=28, opacity=0.9).encode(tooltip=tooltip)
    return alt.layer(area_lines, ref_lines, points).properties(width=CHART_WIDTH, height=260)


def _diff(value: float | None, ind: Indicator, store: Store, lang: str) -> str:
    if value is None or pd.isna(value):
        return ""
    return numbers.format_difference(value, ind, store.catalog, lang)


def _rounded(value: float | None, decimals: int) -> float | None:
    if value is None or pd.isna(value):
        return None
    return numbers.round_half_up(float(value), decimals)


def data_frame(mv: mapview.MapView, store: Store, lang: str) -> pd.DataFrame:
    """A page's table as numbers, for the CSV: the same rows and columns as the HTML table
    plus the region code; differences rounded as shown, the value as published."""
    ind = mv.indicator
    heads = mapview.table_headers(mv, lang)
    unit = store.catalog.unit_label(ind.unit, lang)
    if unit:
        heads[1] = f"{heads[1]} ({unit})"
    records = []
    for row in mapview.table_rows(mv, store.catalog, lang):
        cells = [row.name, row.value]
        if mv.mappable:
            cells += [row.rank, _rounded(row.diff_drenthe, ind.decimals)]
        cells.append(_rounded(row.diff_nederland, ind.decimals))
        if mv.mappable:
            cells.append(row.note)
        records.append([row.code, *cells])
    return pd.DataFrame(records, columns=["Code", *heads])


def _cell(value: object, number: float | None = None, header: bool = False) -> str:
    tag = "th" if header else "td"
    attrs = ' scope="row"' if header else ""
    if number is not None:
        attrs += f' data-value="{float(number)!r}"'
    return f"<{tag}{attrs}>{html.escape(str(value))}</{tag}>"


def _downloads_html(files: Mapping[str, str], lang: str) -> str:
    """The list of a page's downloads (map as PNG and SVG, data as CSV) that it has."""
    items = "".join(
        f'<li><a href="{html.escape(path)}" download>{html.escape(t(key, lang))}</a></li>'
        for kind, key in (
            ("png", "site_map_png"),
            ("svg", "site_map_svg"),
            ("csv", "site_data_csv"),
        )
        if (path := files.get(kind))
    )
    return f'<ul class="downloads">{items}</ul>'


def table_html(mv: mapview.MapView, store: Store, lang: str) -> str:
    """The figures as an HTML table, text as the app shows it and the number itself in a
    ``data-value`` attribute; each row carries its region code (``data-code``)."""
    ind = mv.indicator
    lines = {False: [], True: []}
    for row in mapview.table_rows(mv, store.catalog, lang):
        cells = [_cell(row.name, header=True), _cell(row.value_text, row.value)]
        if mv.mappable:
            cells.append(_cell("" if row.rank is None else row.rank))
            cells.append(_cell(_diff(row.diff_drenthe, ind, store, lang)))
        cells.append(_cell(_diff(row.diff_nederland, ind, store, lang)))
        if mv.mappable:
            cells.append(_cell(row.note))
        css = ' class="reference"' if row.reference else ""
        lines[row.reference].append(f'<tr{css} data-code="{row.code}">{"".join(cells)}</tr>')
    head = "".join(
        f'<th scope="col">{html.escape(h)}</th>' for h in mapview.table_headers(mv, lang)
    )
    caption = html.escape(f"{ind.label(lang)}, {period_label(mv.period, lang)}")
    return (
        f"<table><caption>{caption}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(lines[False])}</tbody><tfoot>{''.join(lines[True])}</tfoot></table>"
    )


# --- pages ------------------------------------------------------------------------------------

STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  color: #1a1a1a; margin: 0 auto; max-width: 60rem; padding: 1rem; line-height: 1.45; }
h1 { font-size: 1.6rem; margin: 0.5rem 0 0.2rem; }
h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ddd; }
.meta, footer, .note { color: #444; font-size: 0.95rem; }
.summary { font-weight: 600; }
.chart { overflow-x: auto; }
table { border-collapse: collapse; margin-top: 0.5rem; font-size: 0.95rem; }
caption { text-align: left; font-weight: 600; padding-bottom: 0.3rem; }
th, td { padding: 0.2rem 0.6rem; border-bottom: 1px solid #e3e3e3; text-align: left; }
td[data-value] { text-align: right; font-variant-numeric: tabular-nums; }
tfoot tr { font-weight: 600; }
.values { display: flex; gap: 2.5rem; font-size: 1.1rem; }
.values strong { display: block; font-size: 1.6rem; }
ul.downloads { display: flex; gap: 1.5rem; list-style: none; padding: 0; }
a { color: #0b5394; }
"""


def _document(title: str, body: str, lang: str, scripts: bool) -> str:
    script = ""
    if scripts:
        locale = json.dumps(numbers.D3_FORMAT_LOCALES[language(lang)], ensure_ascii=False)
        script = (
            f'<script src="{BUNDLE_FILE}"></script>\n<script>{EMBED_SCRIPT % locale}</script>\n'
        )
    return (
        f'<!DOCTYPE html>\n<html lang="{language(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        f"{body}\n{script}</body>\n</html>\n"
    )


def _chart_block(name: str, chart: alt.TopLevelMixin | Mapping[str, Any], label: str) -> str:
    if isinstance(chart, Mapping):
        spec = chart
    else:  # the Nederland trend has 342 areas x all periods, above Altair's 5,000-row guard
        with alt.data_transformers.enable("default", max_rows=None):
            spec = chart.to_dict()
    return (
        f'<div class="chart" id="{name}" role="img" aria-label="{html.escape(label)}"></div>\n'
        f'<script type="application/json" data-vega-target="{name}">{script_json(spec)}</script>'
    )


def _source_links(ind: Indicator) -> str:
    links = export.source_links(ind.sources)
    return " ".join(
        f'<a href="{html.escape(url)}" rel="noopener">{html.escape(url)}</a>' for url in links
    )


def page_html(
    mv: mapview.MapView,
    store: Store,
    map_spec: Mapping[str, Any] | None,
    trend: trendview.TrendView,
    lang: str,
    exported: date,
    files: Mapping[str, str],
    change_page: tuple[str, str] | None = None,
) -> str:
    """The self-contained page of one view (see the module docstring): ``map_spec`` is the
    Vega-Lite spec of the view's static_map.map_chart (needed when the view is mapped),
    ``trend`` the TrendView of its areas (the one model the Trends page draws), ``files``
    its downloads by kind ('png', 'svg', 'csv');
    ``change_page``: (file, start period) of the indicator's change page, linked below the
    map."""
    lang = language(lang)
    ind = mv.indicator
    catalog = store.catalog
    unit = catalog.unit_label(ind.unit, lang)
    period = period_label(mv.period, lang)
    theme = catalog.theme_label(ind.theme, lang)
    esc = html.escape
    parts = [
        f'<nav><a href="{INDEX_FILE}">← {esc(t("site_back", lang))}</a></nav>',
        "<main>",
        f"<h1>{esc(ind.label(lang))}</h1>",
        f'<p class="meta">{esc(theme)} · {esc(period)} · {esc(t(f"scope_{mv.scope}", lang))}</p>',
        f"<p>{esc(ind.definition(lang))}</p>",
        *(f'<p class="note">{esc(note)}</p>' for note in mv.notes),
        f'<p class="summary" id="samenvatting">{esc(mv.summary)}</p>',
        f'<noscript><p class="note">{esc(t("site_noscript", lang))}</p></noscript>',
    ]
    if mv.mappable:
        if map_spec is None:
            raise ValueError(f"{ind.id}: a mapped view needs its map chart")
        ranking = charts.ranking(
            mv.table, unit, mv.drenthe, mv.nederland, (), lang, ind.direction
        ).properties(width=CHART_WIDTH, description=mv.summary)
        parts += [
            f"<h2>{esc(t('page_map', lang))}</h2>",
            _chart_block("kaart", map_spec, mv.summary),
            f'<p><a href="{esc(change_page[0])}">'
            f"{esc(t('site_change_link', lang, start=period_label(change_page[1], lang)))}</a></p>"
            if change_page
            else "",
            f"<h2>{esc(t('ranking', lang))}</h2>",
            _chart_block("rangorde", ranking, mv.summary),
        ]
    else:
        fmt = lambda v: numbers.format_value(v, ind, catalog, lang)  # noqa: E731
        parts += [
            f'<p class="note">{esc(t("site_province_only", lang))}</p>',
            '<div class="values">'
            f"<p>Drenthe<strong>{esc(fmt(mv.drenthe))}</strong></p>"
            f"<p>{esc(t('name_nederland', lang))}<strong>{esc(fmt(mv.nederland))}</strong></p>"
            "</div>",
        ]
    parts.append(f"<h2>{esc(t('page_trends', lang))}</h2>")
    frame = trend.frame
    if frame["period"].nunique() > 1 and frame["value"].notna().any():
        areas_label = t("page_regions" if mv.level == "corop" else "gemeenten", lang)
        chart = trend_chart(frame, trend.unit, lang, areas_label)
        parts.append(_chart_block("trend", chart, trend.summary))
    else:
        parts.append(f'<p class="note">{esc(t("single_period", lang).capitalize())}.</p>')
    parts += [
        f"<h2>{esc(t('table', lang))}</h2>",
        table_html(mv, store, lang),
        f"<h2>{esc(t('about_download', lang))}</h2>",
        _downloads_html(files, lang),
        "</main>",
        "<footer>",
        f"<p>{esc(mv.source)}</p>",
        f"<p>{_source_links(ind)}</p>" if ind.sources else "",
        f"<p>{esc(t('site_data_period', lang))} {esc(period)} · "
        f"{esc(t('export_date', lang))} {exported.isoformat()}</p>",
        "</footer>",
    ]
    title = f"{ind.label(lang)} — {t('app_title', lang)}"
    return _document(title, "\n".join(p for p in parts if p), lang, scripts=True)


def change_page_html(
    cv: changeview.ChangeView,
    store: Store,
    map_spec: Mapping[str, Any],
    lang: str,
    exported: date,
    files: Mapping[str, str],
    back: str,
    alternate: tuple[str, str] | None = None,
) -> str:
    """The change page of an indicator (views.changeview): the change map, the slope chart,
    the ranking of the change, the summary, the table (start, end, change, significance)
    and its downloads; ``back`` is the indicator's own page, ``alternate`` (path, link text)
    the same change in the other kind (in the unit or relative)."""
    lang = language(lang)
    ind = cv.indicator
    catalog = store.catalog
    esc = html.escape
    frame = changeview.table_frame(cv, catalog, lang)
    slope = charts.slope_chart(
        changeview.slope_frame(cv, catalog, (), lang),
        catalog.unit_label(ind.unit, lang),
        lang,
        description=cv.summary,
    ).properties(width=CHART_WIDTH)
    unit = changeview.change_unit(cv, catalog, lang)
    ranking = charts.ranking(
        cv.table, f"{t('change_col', lang)} ({unit})", cv.drenthe_change,
        cv.nederland_change, (), lang, ind.direction,
    ).properties(width=CHART_WIDTH, description=cv.summary)  # fmt: skip
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in frame.columns)
    rows = []
    for values in frame.itertuples(index=False):
        cells = [_cell(values[0], header=True)]
        cells += [_cell("" if pd.isna(v) else v) for v in values[1:]]
        rows.append(f"<tr>{''.join(cells)}</tr>")
    title = t("change_legend", lang, periods=cv.periods_text)
    parts = [
        f'<nav><a href="{esc(back)}">← {esc(ind.label(lang))}</a> · '
        f'<a href="{INDEX_FILE}">{esc(t("site_back", lang))}</a></nav>',
        "<main>",
        f"<h1>{esc(ind.label(lang))}: {esc(title.lower())}</h1>",
        f'<p class="meta">{esc(t(f"scope_{cv.scope}", lang))}</p>',
        f"<p>{esc(ind.definition(lang))}</p>",
        f'<p class="summary" id="samenvatting">{esc(cv.summary)}</p>',
        f'<noscript><p class="note">{esc(t("site_noscript", lang))}</p></noscript>',
        f"<h2>{esc(t('page_map', lang))}</h2>",
        _chart_block("verandering", map_spec, cv.summary),
        f'<p><a href="{esc(alternate[0])}">{esc(alternate[1])}</a></p>' if alternate else "",
        f"<h2>{esc(t('change_slope', lang, start=cv.start, end=cv.period))}</h2>",
        _chart_block("van-naar", slope, cv.summary),
        f"<h2>{esc(t('change_ranking', lang))}</h2>",
        _chart_block("rangorde", ranking, cv.summary),
        f"<h2>{esc(t('change_table', lang))}</h2>",
        f"<table><caption>{esc(ind.label(lang))}, {esc(cv.periods_text)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>",
        f"<h2>{esc(t('about_download', lang))}</h2>",
        _downloads_html(files, lang),
        "</main>",
        "<footer>",
        f"<p>{esc(cv.source)}</p>",
        f"<p>{_source_links(ind)}</p>" if ind.sources else "",
        f"<p>{esc(t('export_date', lang))} {exported.isoformat()}</p>",
        "</footer>",
    ]
    doc_title = f"{ind.label(lang)}, {title.lower()} — {t('app_title', lang)}"
    return _document(doc_title, "\n".join(p for p in parts if p), lang, scripts=True)


def change_stem(ind: Indicator, kind: str) -> str:
    """``<id>-verandering`` for the indicator's own kind of change (the page of old links),
    ``<id>-verandering-<kind>`` for the other."""
    own = changeview.default_kind(ind)
    return f"{ind.id}-verandering" + ("" if kind == own else f"-{kind}")


def write_change_page(
    store: Store,
    ind_id: str,
    geometry: ScopeGeometry,
    scope: str,
    lang: str,
    exported: date,
    write: Any,
    back: str,
    kind: str | None = None,
) -> dict[str, Any] | None:
    """The change page of an indicator since its first period, with its PNG, SVG and CSV
    (via ``write(name, data)``), in the given kind of change (None: the indicator's own),
    and, linked from it and back, the same change in the other kind; the manifest entry
    (the other kind's under ``other``), or None when no change is offered."""
    if changeview.change_refusal(store, ind_id) is not None:
        return None
    ind = store.indicator(ind_id)
    kind = kind or changeview.default_kind(ind)
    entry = _write_change_page(store, ind, geometry, scope, lang, exported, write, back, kind)
    other = changeview.other_kind(kind)
    entry["other"] = _write_change_page(
        store, ind, geometry, scope, lang, exported, write, back, other
    )
    return entry


def _write_change_page(
    store: Store,
    ind: Indicator,
    geometry: ScopeGeometry,
    scope: str,
    lang: str,
    exported: date,
    write: Any,
    back: str,
    kind: str,
) -> dict[str, Any]:
    ind_id = ind.id
    start = changeview.pairable_periods(store, ind_id)[0]
    view = ViewState(indicator=ind_id, scope=scope, lang=lang, since=start, change_kind=kind)
    cv = changeview.change_view(store, view)
    catalog = store.catalog
    chart = static_map.change_map_chart(
        cv, geometry.areas(cv.level), lang, exported,
        unit_label=changeview.change_unit(cv, catalog, lang),
    )  # fmt: skip
    spec = chart.to_dict()
    stem = change_stem(ind, kind)
    files = {}
    for fmt, image in images.both(spec).items():
        files[fmt] = f"{stem}.{fmt}"
        write(files[fmt], image)
    meta = export.ExportMeta.for_indicators(
        [cv.indicator],
        exported,
        lang,
        title=f"{cv.indicator.label(lang)}, {t('change_col', lang).lower()} {cv.periods_text}",
        url=f"{stem}.html",
    )
    files["csv"] = f"{stem}.csv"
    write(files["csv"], export.to_csv(changeview.table_frame(cv, catalog, lang), meta))
    page = f"{stem}.html"
    other = changeview.other_kind(kind)
    alternate = (
        f"{change_stem(ind, other)}.html",
        t("site_change_kind_link", lang, kind=changeview.kind_label(ind, other, lang)),
    )
    write(page, change_page_html(cv, store, spec, lang, exported, files, back, alternate))
    return {"indicator": ind_id, "kind": kind, "start": cv.start, "end": cv.period,
            "path": page, "files": files}  # fmt: skip


@dataclass(frozen=True)
class PageEntry:
    """What the index and the manifest say about one page."""

    indicator: Indicator
    level: str
    period: str
    page: str
    files: dict[str, str]


def index_html(
    entries: Sequence[PageEntry], store: Store, scope: str, lang: str, exported: date
) -> str:
    """Links to every page, grouped by theme (catalogue order), with period and level."""
    lang = language(lang)
    esc = html.escape
    by_id = {e.indicator.id: e for e in entries}
    parts = [
        "<main>",
        f"<h1>{esc(t('app_title', lang))}</h1>",
        f'<p class="meta">{esc(t("scope", lang))}: {esc(t(f"scope_{scope}", lang))} · '
        f"{esc(t('site_generated', lang, date=exported.isoformat()))}</p>",
        f"<p>{esc(t('site_intro', lang))}</p>",
    ]
    for theme, inds in store.catalog.by_theme().items():
        shown = [by_id[i.id] for i in inds if i.id in by_id]
        if not shown:
            continue
        parts.append(f"<h2>{esc(store.catalog.theme_label(theme, lang))}</h2>")
        items = "".join(
            f'<li><a href="{esc(e.page)}">{esc(e.indicator.label(lang))}</a> '
            f'<span class="meta">{esc(period_label(e.period, lang))} · '
            f"{esc(t(f'site_level_{e.level}', lang))}</span></li>"
            for e in shown
        )
        parts.append(f"<ul>{items}</ul>")
    parts.append("</main>")
    return _document(t("app_title", lang), "\n".join(parts), lang, scripts=False)


# --- the export -------------------------------------------------------------------------------


def _change_entry(c: Mapping[str, Any], written: Mapping[str, int]) -> dict[str, Any]:
    """A change page in the manifest: indicator, kind, periods, path, size and files."""
    return {
        **{k: c[k] for k in ("indicator", "kind", "start", "end", "path")},
        "bytes": written[c["path"]],
        "files": {k: {"path": v, "bytes": written[v]} for k, v in c["files"].items()},
    }


def _level(mv: mapview.MapView) -> str:
    return mv.level if mv.mappable else "provincie"


def trend_codes(mv: mapview.MapView) -> list[str]:
    """The series of a page's trend chart: the map's areas (Drenthe and Nederland are added
    by the TrendView)."""
    return mv.table["region_code"].tolist() if mv.mappable else []


def export_site(
    store: Store,
    geo_dir: Path,
    outdir: Path,
    scope: str = "drenthe",
    indicators: Sequence[str] | None = None,
    lang: str = "nl",
    exported: date | None = None,
) -> dict[str, Any]:
    """Write the static site to ``outdir`` and return its manifest (also written as
    manifest.json): per page its path, size in bytes and files; the shared bundle; the
    total size of everything written."""
    lang = language(lang)
    exported = exported or date.today()
    if scope not in SCOPES:
        raise DataError(f"Unknown map scope {scope!r}; valid scopes: {', '.join(SCOPES)}.")
    ids = list(indicators) if indicators else [ind.id for ind in store.catalog]
    unknown = [i for i in ids if i not in store.catalog.indicators]
    if unknown:
        raise DataError(f"Unknown indicator(s): {', '.join(unknown)}.")
    bad = [i for i in ids if not _ID.fullmatch(i)]
    if bad:
        raise DataError(f"Indicator id(s) not usable as file names: {', '.join(bad)}.")
    outdir.mkdir(parents=True, exist_ok=True)
    geometry = load_geometry(store, geo_dir, scope)
    written: dict[str, int] = {}

    def write(name: str, data: bytes | str) -> None:
        raw = data.encode("utf-8") if isinstance(data, str) else data
        (outdir / name).write_bytes(raw)
        written[name] = len(raw)

    write(BUNDLE_FILE, js_bundle(vegalite_version()))
    entries = []
    changes: list[dict[str, Any]] = []
    for ind_id in dict.fromkeys(ids):
        ind = store.indicator(ind_id)
        mv = mapview.map_view(store, ViewState(indicator=ind_id, scope=scope, lang=lang))
        files: dict[str, str] = {}
        spec = None
        if mv.mappable:
            chart = static_map.map_chart(
                mv,
                geometry.areas(mv.level),
                lang,
                exported,
                unit_label=store.catalog.unit_label(ind.unit, lang),
                outlines=geometry.outline,
            )
            spec = chart.to_dict()  # once: for the page and both images
            for fmt, image in images.both(spec).items():
                files[fmt] = f"{ind_id}.{fmt}"
                write(files[fmt], image)
        meta = export.ExportMeta.for_indicators(
            [ind],
            exported,
            lang,
            title=f"{ind.label(lang)}, {period_label(mv.period, lang)}",
            url=f"{ind_id}.html",
        )
        files["csv"] = f"{ind_id}.csv"
        write(files["csv"], export.to_csv(data_frame(mv, store, lang), meta))
        trend = trendview.trend_view(store, ViewState(indicator=ind_id, lang=lang), trend_codes(mv))
        page = f"{ind_id}.html"
        change = write_change_page(store, ind_id, geometry, scope, lang, exported, write, page)
        if change is not None:
            changes.append(change)
        link = (change["path"], change["start"]) if change else None
        write(page, page_html(mv, store, spec, trend, lang, exported, files, link))
        entries.append(PageEntry(ind, _level(mv), mv.period, page, files))
    write(INDEX_FILE, index_html(entries, store, scope, lang, exported))
    manifest = {
        "scope": scope,
        "lang": lang,
        "exported": exported.isoformat(),
        "bundle": {"path": BUNDLE_FILE, "bytes": written[BUNDLE_FILE]},
        "index": {"path": INDEX_FILE, "bytes": written[INDEX_FILE]},
        "pages": [
            {
                "indicator": e.indicator.id,
                "level": e.level,
                "period": e.period,
                "path": e.page,
                "bytes": written[e.page],
                "files": {k: {"path": v, "bytes": written[v]} for k, v in e.files.items()},
            }
            for e in entries
        ],
        # per indicator with comparable periods: the change since its first period
        # (in the indicator's own kind of change; the other kind under "other")
        "changes": [
            {
                **_change_entry(c, written),
                "other": _change_entry(c["other"], written),
            }
            for c in changes
        ],
    }
    manifest["total_bytes"] = sum(written.values())
    text_ = json.dumps(manifest, ensure_ascii=False, indent=1) + "\n"
    (outdir / MANIFEST_FILE).write_text(text_, encoding="utf-8")
    return manifest
