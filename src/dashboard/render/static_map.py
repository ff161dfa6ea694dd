"""The map of a view as a static Altair chart: for images (PNG, SVG) and the static site (pure).

:func:`map_chart` draws the same areas in the same colours as the app's pydeck map: it reads
the ``color`` column of :attr:`views.MapView.table` as it is (``scale=None``), so the
classes, the palette, the direction and the grey no-data class are decided in one place
(classify.py via views.py) and the image cannot disagree with the app. pydeck has no legend
and Vega-Lite's own legend would need a scale, so the legend is a small chart of its own
(a swatch and a label per item of :func:`classify.legend_items`) placed beside the map.

Layout (one Vega-Lite spec)::

    title: indicator label                          (top-level title)
    subtitle: period · map area
    [ map (geoshape) ]  [ legend: swatches + labels ]
    footer: source and licence (sentences.source_line), export date

Projection
    Mercator, fitted by Vega-Lite to the areas drawn (the scope's bounds): at Drenthe's
    latitude it keeps local shapes and the north-south/east-west ratio right, and needs no
    projected coordinates in the data (the GeoJSON stays EPSG:4326 as maps.py makes it).

The export date is a parameter, so a chart (and its image) is reproducible in tests.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Mapping
from datetime import date
from typing import Any

import altair as alt
import pandas as pd

from dashboard.render.classify import NO_DATA_LABELS, legend_items
from dashboard.text.i18n import t
from dashboard.text.numbers import period_label
from dashboard.views import changeview
from dashboard.views.changeview import ChangeView
from dashboard.views.mapview import MapView
from dashboard.vocabulary import language

MAP_WIDTH = 440
LEGEND_WIDTH = 210
BORDER_COLOR = "#ffffff"  # area borders, as on the app's map
OUTLINE_COLOR = "#282828"  # province borders drawn on top (maps.OUTLINE_COLOR)
FOOTER_COLOR = "#444444"
FOOTER_WRAP = 95  # characters per footer line
LINE_HEIGHT = 14
SWATCH_STEP = 20
RECORD_COLUMNS = ["type", "geometry", "region_code", "name", "value", "value_text", "rank", "color"]


def fitted_height(areas_geojson: Mapping[str, Any], width: int, limits=(240, 720)) -> int:
    """The height (pixels) that gives the areas' Mercator bounds the chart's ``width``, within
    ``limits``: Drenthe comes out a little taller than wide, the Netherlands taller still."""
    lons, lats = [], []

    def walk(coords: Any) -> None:
        if coords and isinstance(coords[0], int | float):
            lons.append(float(coords[0]))
            lats.append(float(coords[1]))
        else:
            for part in coords:
                walk(part)

    for feature in areas_geojson.get("features", []):
        if feature.get("geometry"):
            walk(feature["geometry"]["coordinates"])
    if not lons or max(lons) == min(lons):
        return width
    y = [math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) for lat in (min(lats), max(lats))]
    ratio = (y[1] - y[0]) / math.radians(max(lons) - min(lons))
    return int(min(max(round(width * ratio), limits[0]), limits[1]))


def _number(value: object) -> float | None:
    """A finite float, or None (JSON null) for a missing value."""
    if value is None or pd.isna(value):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def area_records(mv: MapView, areas_geojson: Mapping[str, Any], lang: str) -> list[dict]:
    """One GeoJSON Feature per area of the view that has a boundary, its properties flattened
    to the top level (as Altair does for ``__geo_interface__``): region_code, name, value,
    value_text (the no-data label when missing), rank and color (the app's hex colour)."""
    table = mv.table.set_index("region_code")
    no_data = NO_DATA_LABELS[language(lang)]
    records = []
    for feature in areas_geojson["features"]:
        code = feature["properties"]["region_code"]
        if code not in table.index:
            continue
        row = table.loc[code]
        value = _number(row["value"])
        records.append(
            {
                "type": "Feature",
                "geometry": feature["geometry"],
                "region_code": code,
                "name": str(row["name"]),
                "value": value,
                "value_text": str(row["value_text"]) if value is not None else no_data,
                "rank": None if pd.isna(row["rank"]) else int(row["rank"]),
                "color": str(row["color"]),
            }
        )
    return records


def legend_title(mv: MapView, lang: str, unit_label: str = "") -> str:
    """'Legenda (%)' or 'Legenda (afwijking van Drenthe)', as the app's legend says."""
    title = t("legend", lang)
    if mv.centre_name:
        centre = "drenthe" if mv.centre_name == "Drenthe" else "nederland"
        return f"{title} ({t('colour_' + centre, lang).lower()})"
    return f"{title} ({unit_label})" if unit_label else title


def map_legend(mv: MapView, lang: str) -> list[tuple[str, str]]:
    """(colour, label) items of the map's legend: the classes, and the no-data item only when
    an area of the map has no value."""
    if mv.classes is None:  # nothing has a value: the whole map is the no-data class
        return (
            [(mv.table["color"].iloc[0], NO_DATA_LABELS[language(lang)])] if len(mv.table) else []
        )
    missing = bool(mv.table["value"].isna().any())
    return legend_items(mv.classes, lang, no_data=missing)


def subtitle(mv: MapView, lang: str) -> str:
    """'Periode: 2024 · Drenthe' (the map area; 'COROP-regio's' style notes stay on the page)."""
    return f"{t('period', lang)}: {period_label(mv.period, lang)} · {t(f'scope_{mv.scope}', lang)}"


def footer_lines(mv: MapView, lang: str, exported: date) -> list[str]:
    """The source line (source, licence, period) wrapped, then the export date."""
    lines = textwrap.wrap(mv.source, FOOTER_WRAP)
    return [*lines, f"{t('export_date', lang)}: {exported.isoformat()}"]


def _legend_chart(items: list[tuple[str, str]], title: str) -> alt.LayerChart:
    data = pd.DataFrame(
        {
            "order": range(len(items)),
            "color": [c for c, _ in items],
            "label": [label for _, label in items],
        }
    )
    y = alt.Y("order:O", axis=None, scale=alt.Scale(paddingOuter=0.2))
    swatches = (
        alt.Chart(data)
        .mark_square(size=190, stroke="#666666", strokeWidth=0.5, opacity=1)
        .encode(x=alt.value(8), y=y, color=alt.Color("color:N", scale=None))
    )
    labels = (
        alt.Chart(data)
        .mark_text(align="left", baseline="middle", fontSize=12, color="#1a1a1a")
        .encode(x=alt.value(24), y=y, text="label:N")
    )
    return alt.layer(swatches, labels).properties(
        width=LEGEND_WIDTH,
        height=max(1, len(items)) * SWATCH_STEP,
        title=alt.TitleParams(title, anchor="start", fontSize=12, fontWeight="bold"),
    )


def _footer_chart(lines: list[str], width: int) -> alt.Chart:
    data = pd.DataFrame({"i": range(len(lines)), "line": lines})
    return (
        alt.Chart(data)
        .mark_text(align="left", baseline="top", fontSize=10, color=FOOTER_COLOR)
        .encode(x=alt.value(0), y=alt.Y("i:O", axis=None), text="line:N")
        .properties(width=width, height=len(lines) * LINE_HEIGHT)
    )


def _area_layer(
    frame: pd.DataFrame, area_title: str, value_title: str, rank_title: str
) -> alt.Chart:
    """The areas in their class colours, with a tooltip of name, value and rank."""
    # a DataFrame, not alt.Data(values=...): Altair deep-copies inline values (and their
    # coordinates) on every operation, a frame only once when the spec is written
    return (
        alt.Chart(frame)
        .mark_geoshape(stroke=BORDER_COLOR, strokeWidth=0.8)
        .encode(
            color=alt.Color("color:N", scale=None),
            tooltip=[
                alt.Tooltip("name:N", title=area_title),
                alt.Tooltip("value_text:N", title=value_title),
                alt.Tooltip("rank:Q", title=rank_title),
            ],
        )
    )


def _framed(
    the_map: alt.LayerChart,
    legend: alt.Chart,
    footer: alt.Chart,
    title: str,
    subtitle_text: str,
    description: str,
) -> alt.VConcatChart:
    """Map and legend side by side above the footer, titled, on white: one frame for the
    map and the change map images."""
    return (
        alt.vconcat(alt.hconcat(the_map, legend, spacing=16), footer, spacing=12)
        .properties(
            title=alt.TitleParams(
                title,
                subtitle=subtitle_text,
                anchor="start",
                fontSize=17,
                subtitleFontSize=12,
                subtitleColor=FOOTER_COLOR,
            ),
            description=description,
            background="#ffffff",
            padding=12,
        )
        .configure_view(stroke=None)
    )


def map_chart(
    mv: MapView,
    areas_geojson: Mapping[str, Any],
    lang: str,
    exported: date | None = None,
    *,
    unit_label: str = "",
    outlines: Mapping[str, Any] | None = None,
    width: int = MAP_WIDTH,
    height: int | None = None,
) -> alt.VConcatChart:
    """A choropleth of the view's areas with legend, title block and footer (see module doc).

    ``areas_geojson``: the scope's areas (maps.feature_collection, properties region_code and
    name); ``exported``: the date written in the footer (today when None); ``unit_label``:
    shown in the legend title; ``outlines``: optional borders (e.g. the province) drawn on
    top; ``height``: fitted to the areas' bounds (:func:`fitted_height`) when None. The
    summary sentence is the chart's description (aria-label of the SVG in the browser).
    A view that is not mapped (provincie-only indicators) raises ValueError."""
    if not mv.mappable:
        raise ValueError(f"{mv.indicator.id}: a {mv.level}-level indicator has no map")
    lang = language(lang)
    exported = exported or date.today()
    records = area_records(mv, areas_geojson, lang)
    height = height or fitted_height(areas_geojson, width)
    frame = pd.DataFrame(records, columns=RECORD_COLUMNS).astype({"rank": "Int64"})
    area_title = t("col_region" if mv.level == "corop" else "col_gemeente", lang)
    areas = _area_layer(frame, area_title, t("col_value", lang), t("col_rank", lang))
    layers: list[alt.Chart] = [areas]
    if outlines is not None and outlines.get("features"):
        layers.append(
            alt.Chart(pd.DataFrame(list(outlines["features"])))
            .mark_geoshape(filled=False, stroke=OUTLINE_COLOR, strokeWidth=1.5)
            .encode()
        )
    the_map = alt.layer(*layers).project(type="mercator").properties(width=width, height=height)
    legend = _legend_chart(map_legend(mv, lang), legend_title(mv, lang, unit_label))
    footer = _footer_chart(footer_lines(mv, lang, exported), width + LEGEND_WIDTH)
    return _framed(
        the_map, legend, footer, mv.indicator.label(lang), subtitle(mv, lang), mv.summary
    )


def change_map_chart(
    cv: ChangeView,
    areas_geojson: Mapping[str, Any],
    lang: str,
    exported: date | None = None,
    *,
    unit_label: str = "",
    width: int = MAP_WIDTH,
) -> alt.VConcatChart:
    """The change map (views.changeview) as a static chart: areas coloured by their change
    (white with a dark outline where it is not significant), its legend, the title with
    both periods, the source and the export date; the summary is its description."""
    lang = language(lang)
    exported = exported or date.today()
    records = area_records(cv, areas_geojson, lang)  # type: ignore[arg-type]  # same columns
    height = fitted_height(areas_geojson, width)
    frame = pd.DataFrame(records, columns=RECORD_COLUMNS).astype({"rank": "Int64"})
    flat = set(cv.table.loc[cv.table["significant"].eq(False).fillna(False).astype(bool),
                            "region_code"])  # fmt: skip
    frame["flat"] = frame["region_code"].isin(flat)
    area_title = t("col_region" if cv.level == "corop" else "col_gemeente", lang)
    areas = _area_layer(frame, area_title, t("change_col", lang), t("col_rank", lang))
    layers: list[alt.Chart] = [areas]
    if frame["flat"].any():
        layers.append(
            alt.Chart(frame[frame["flat"]])
            .mark_geoshape(filled=False, stroke="#5a5a5a", strokeWidth=2, strokeDash=[4, 2])
            .encode()
        )
    the_map = alt.layer(*layers).project(type="mercator").properties(width=width, height=height)
    title = t("change_legend", lang, periods=cv.periods_text)
    legend = _legend_chart(
        changeview.legend_items(cv, lang), f"{title} ({unit_label})" if unit_label else title
    )
    footer = _footer_chart(footer_lines(cv, lang, exported), width + LEGEND_WIDTH)  # type: ignore[arg-type]
    sub = f"{t('change_col', lang)} {cv.periods_text} · {t(f'scope_{cv.scope}', lang)}"
    return _framed(the_map, legend, footer, cv.indicator.label(lang), sub, cv.summary)
