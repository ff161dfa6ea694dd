"""pydeck maps built from frames: the choropleth of one indicator with outlines, and the
residents' stories as a marker layer on top (pure)."""

from __future__ import annotations

import hashlib
import html
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import numpy as np
import pydeck as pdk
import shapely
from pydeck.bindings.json_tools import default_serialize

from dashboard.model import geo

CHOROPLETH_LAYER = "gebieden"
STORY_LAYER = "verhalen"
OUTLINE_COLOR = [40, 40, 40, 255]
BORDER_COLOR = [255, 255, 255, 255]
SELECTED_COLOR = [0, 0, 0, 255]


# No basemap: the areas are the map. pydeck's default map_style (this sentinel) with
# map_provider=None tells Streamlit's frontend not to create a MapLibre map at all: no tile
# server, no second WebGL context. (None or "" would make it fall back to Carto's basemap.)
NO_BASEMAP = "__MAP_STYLE__"


class CompactDeck(pdk.Deck):
    """A pydeck Deck that serialises without indentation.

    pydeck's ``to_json`` indents by two spaces, which makes Python use its pure-Python JSON
    encoder and sends every coordinate on its own line: for the 342 gemeenten of Nederland
    that is a 5.1 MB spec serialised in 254 ms, against 0.95 MB in 42 ms compact (see
    docs/benchmarks.md). Same keys, same order, same values."""

    def to_json(self) -> str:
        return json.dumps(self, sort_keys=True, default=default_serialize, separators=(",", ":"))


@dataclass(frozen=True)
class DeckSpec:
    """A map ready for ``st.pydeck_chart``: the JSON spec and the tooltip, which is all that
    Streamlit reads from a pydeck Deck (``to_json()``, ``_tooltip``, ``mapbox_key``,
    ``deck_widget``, ``layers``).

    Made once per view and cached. Building a pydeck Deck is slow for a reason of its own:
    its constructor tries to import the Jupyter widget (ipywidgets, not installed) several
    times per Deck, and a failed import is not cached; under 30 sessions that was a fifth of
    the server's time (py-spy, docs/benchmarks.md)."""

    json: str
    _tooltip: dict[str, Any]
    mapbox_key: None = None
    deck_widget: None = None
    layers: None = None

    @classmethod
    def of(cls, deck: pdk.Deck) -> DeckSpec:
        return cls(json=deck.to_json(), _tooltip=deck._tooltip)

    def to_json(self) -> str:
        return self.json


@dataclass(frozen=True)
class View:
    latitude: float
    longitude: float
    zoom: float


# Fitted by eye to a ~700 x 520 px map; the bounds of each scope are in the README of geo/.
VIEWS = {
    "drenthe": View(52.86, 6.60, 8.4),
    "noord-nederland": View(53.05, 6.65, 7.8),
    "nederland": View(52.20, 5.45, 6.3),
}


def feature_collection(gdf: gpd.GeoDataFrame) -> dict[str, Any]:
    """Simplified GeoJSON of boundaries (region_code, name) for the browser."""
    return json.loads(geo.to_geojson(geo.simplify_for_browser(gdf)))


def simplified_collection(gdf: gpd.GeoDataFrame) -> dict[str, Any]:
    """GeoJSON of boundaries simplified already (geo.national_coverage), for the browser."""
    return json.loads(geo.to_geojson(gdf))


def with_properties(
    collection: Mapping[str, Any], properties: Mapping[str, Mapping[str, Any]]
) -> dict[str, Any]:
    """A copy of ``collection`` whose features carry ``properties[region_code]`` too.
    Geometry objects are shared, not copied (they are never mutated)."""
    features = []
    for feature in collection["features"]:
        code = feature["properties"]["region_code"]
        props = {**feature["properties"], **properties.get(code, {})}
        features.append({"type": "Feature", "geometry": feature["geometry"], "properties": props})
    return {"type": "FeatureCollection", "features": features}


def only(collection: Mapping[str, Any], codes: Sequence[str]) -> dict[str, Any]:
    wanted = set(codes)
    features = [f for f in collection["features"] if f["properties"]["region_code"] in wanted]
    return {"type": "FeatureCollection", "features": features}


Edge = list[list[float]]  # [[lon, lat], [lon, lat]]


def edges(collection: Mapping[str, Any], decimals: int = 4) -> list[Edge]:
    """Every edge of the areas' boundaries (outer and inner rings) once, as
    ``[[lon, lat], [lon, lat]]`` with the end points in (lon, lat) order, sorted; bare lists,
    the most compact JSON for 23 thousand edges of the Netherlands.

    Borders are drawn with deck.gl's LineLayer rather than the GeoJsonLayer's own stroke (a
    PathLayer): without a GPU, Chromium compiles the PathLayer's shaders in software for
    1.1–1.5 s before the first map appears, the LineLayer's in about 0.25 s
    (docs/benchmarks.md). Neighbours share their border (areas are simplified as a
    coverage), so a shared border is one edge, drawn once. Four decimals (about 7 m) are
    finer than the simplification (0.0005°, see geo.simplify_for_browser)."""
    geoms = [shapely.geometry.shape(f["geometry"]) for f in collection["features"]]
    parts = shapely.get_parts(geoms) if geoms else []
    polygons = [g for g in parts if isinstance(g, shapely.Polygon)]
    if not polygons:
        return []
    coords, ring = shapely.get_coordinates(shapely.get_rings(polygons), return_index=True)
    coords = np.round(coords, decimals)
    same_ring = ring[1:] == ring[:-1]
    a, b = coords[:-1][same_ring], coords[1:][same_ring]
    keep = (a != b).any(axis=1)
    a, b = a[keep], b[keep]
    swap = (a[:, 0] > b[:, 0]) | ((a[:, 0] == b[:, 0]) & (a[:, 1] > b[:, 1]))
    start = np.where(swap[:, None], b, a)
    end = np.where(swap[:, None], a, b)
    unique = np.unique(np.hstack([start, end]), axis=0).tolist()
    return [[row[:2], row[2:]] for row in unique]


@dataclass(frozen=True)
class Borders:
    """The edges of a scope's areas and of its outlines (province, COROP): the same for every
    indicator, so computed once per scope (for the 342 gemeenten, 23 thousand edges)."""

    areas: list[Edge]
    outlines: tuple[list[Edge], ...] = ()

    @classmethod
    def of(
        cls,
        areas: Mapping[str, Any],
        outlines: Sequence[Mapping[str, Any]] = (),
        under_outlines: bool = True,
    ) -> Borders:
        """The edges of ``areas`` and of each of ``outlines``. Without ``under_outlines`` the
        areas' edges leave out those of the first (thickest) outline: they lie under its
        2-pixel line, which hides them (the national map: a third of its border edges)."""
        lines = tuple(edges(outline) for outline in outlines)
        area_lines = edges(areas)
        if not under_outlines and lines:
            covered = {(a[0], a[1], b[0], b[1]) for a, b in lines[0]}
            area_lines = [e for e in area_lines if (*e[0], *e[1]) not in covered]
        return cls(area_lines, lines)


def border_layer(
    layer_id: str, lines: list[Edge] | str, color: list[int], width: float
) -> pdk.Layer:
    """A LineLayer of border ``lines`` (see :func:`edges`, or the URL of a file of them),
    ``width`` pixels wide."""
    return pdk.Layer(
        "LineLayer",
        id=layer_id,
        data=lines,
        get_source_position="this[0]",  # deck.gl's JSON expressions: `this` is the row
        get_target_position="this[1]",
        get_color=color,
        get_width=width,
        pickable=False,
    )


TIP_LINES = "tip_lines"  # the property that holds a feature's tooltip lines, joined


def tip_lines(properties: Mapping[str, Any], lines: Sequence[str]) -> str:
    """The tooltip lines of one feature or marker: each non-empty ``lines`` property after a
    newline. pydeck's tooltip is a template without conditions, so an empty field given a
    line of its own would show as a blank line (a story marker has no rank, a missing value
    no Drenthe comparison); joined here, it takes no room. A newline, not ``<br/>``:
    Streamlit HTML-escapes the values it fills into the template, and the tooltip's
    ``white-space: pre-line`` (:func:`tooltip`) shows the newlines as line breaks."""
    return "".join(f"\n{properties[line]}" for line in lines if properties.get(line))


def with_tip_lines(collection: Mapping[str, Any], lines: Sequence[str]) -> dict[str, Any]:
    """A copy of ``collection`` whose features carry :data:`TIP_LINES` for ``lines``
    instead of the lines one by one (the tooltip reads only the joined text; the map's JSON
    stays as large as it was)."""

    def joined(props: Mapping[str, Any]) -> dict[str, Any]:
        kept = {k: v for k, v in props.items() if k not in lines}
        return {**kept, TIP_LINES: tip_lines(props, lines)}

    return {
        **collection,
        "features": [{**f, "properties": joined(f["properties"])} for f in collection["features"]],
    }


TOOLTIP_STYLE = {
    "backgroundColor": "#ffffff",
    "color": "#1a1a1a",
    "fontSize": "14px",
    "border": "1px solid #999",
    "padding": "6px 8px",
    "whiteSpace": "pre-line",  # the newlines of tip_lines are the line breaks
}


def tooltip(lines: Sequence[str]) -> dict[str, Any]:
    """pydeck tooltip: the name in bold, then the non-empty ``lines`` (property names of the
    features, already formatted text), joined per feature in :data:`TIP_LINES`."""
    html = "<b>{name}</b>" + (f"{{{TIP_LINES}}}" if lines else "")
    return {"html": html, "style": dict(TOOLTIP_STYLE)}


# --- the geometry as static files ----------------------------------------------------------------
#
# A scope's areas and borders are the same for every indicator; sent inside every map's JSON,
# the national map carried 624 of a switch's 724 KB (issue 17). Written once as files that
# Streamlit serves (``server.enableStaticServing``), deck.gl fetches them by URL and keeps them
# while the URL stays the same: a switch sends only each area's colour and tooltip text.

TIP_KEY = "tip_key"  # the property a tooltip's block is chosen by (see gated_tooltip)


@dataclass(frozen=True)
class GeometryFiles:
    """Where the browser fetches a scope's areas (GeoJSON with region_code and
    :data:`TIP_KEY`) and the border lines of :class:`Borders` (JSON lists of edges)."""

    areas: str
    borders: str
    outlines: tuple[str, ...] = ()


def geometry_payloads(areas: Mapping[str, Any], borders: Borders) -> dict[str, bytes]:
    """The files of :class:`GeometryFiles`, by name ("areas", "borders", "outline-0", ...):
    compact JSON. The areas keep only region_code (what a click selects) and their tooltip
    key ``g<index>``."""
    features = [
        {
            "type": "Feature",
            "geometry": f["geometry"],
            "properties": {"region_code": f["properties"]["region_code"], TIP_KEY: f"g{i}"},
        }
        for i, f in enumerate(areas["features"])
    ]
    files = {"areas": {"type": "FeatureCollection", "features": features}, "borders": borders.areas}
    files.update({f"outline-{n}": lines for n, lines in enumerate(borders.outlines)})
    return {
        name: json.dumps(content, separators=(",", ":")).encode() for name, content in files.items()
    }


def digest(payload: bytes) -> str:
    """The name part of a file that changes whenever its content does (so a browser may keep
    it for good)."""
    return hashlib.sha256(payload).hexdigest()[:16]


def _tip_text(text: str) -> str:
    """``text`` safe inside the tooltip template: HTML-escaped (the template is HTML and
    Streamlit escapes only the values it fills in) and without braces, which Streamlit would
    take for a field to fill."""
    return html.escape(text).replace("{", "&#123;").replace("}", "&#125;")


def gated_tooltip(blocks: Mapping[str, tuple[str, str]]) -> dict[str, Any]:
    """A pydeck tooltip that holds the text of every object and shows one: ``blocks`` maps a
    :data:`TIP_KEY` to its (name, joined tooltip lines). Streamlit fills only the hovered
    object's key into the template's class, and a style rule per key shows that block alone.

    This is how the areas' tooltips change without their geometry: Streamlit's tooltip can
    only fill in properties of the hovered object, and the objects are the features of the
    geometry file, the same for every indicator."""
    # compact on purpose (a rule and a paragraph per area, 342 for Nederland): one class per
    # key on the gate and its paragraph; the first line, the name, bold by one rule
    rules = "".join(f".{key}>.{key}{{display:block}}" for key in blocks)
    body = "".join(
        f"<p class={key}>{_tip_text(name)}{_tip_text(lines)}</p>"
        for key, (name, lines) in blocks.items()
    )
    template = (
        f'<div class="bw-tip {{{TIP_KEY}}}"><style>.bw-tip>p{{display:none;margin:0}}'
        f".bw-tip>p::first-line{{font-weight:bold}}{rules}</style>{body}</div>"
    )
    return {"html": template, "style": dict(TOOLTIP_STYLE)}


def colour_categories(codes: Sequence[str], fills: Sequence[Sequence[int]]) -> dict[str, Any]:
    """A fill-colour accessor in deck.gl's JSON: the colour of each area by its region_code
    (``colorCategories`` of @deck.gl/carto, which Streamlit's deck.gl element registers)."""
    return {
        "@@function": "colorCategories",
        "attr": "region_code",
        "domain": list(codes),
        "colors": [list(fill) for fill in fills],
        "othersColor": [0, 0, 0, 0],  # an area the view has no row for: not drawn
    }


def label_points(collection: Mapping[str, Any], text: Mapping[str, str]) -> list[dict[str, Any]]:
    """A label per area that has ``text[region_code]``, at a point inside the area."""
    labels = []
    for feature in collection["features"]:
        code = feature["properties"]["region_code"]
        if code in text:
            point = shapely.geometry.shape(feature["geometry"]).representative_point()
            labels.append({"position": [point.x, point.y], "text": text[code]})
    return labels


def choropleth(
    areas: Mapping[str, Any],
    borders: Borders,
    selected: Mapping[str, Any] | None,
    view: View,
    tooltip_lines: Sequence[str],
    labels: Sequence[Mapping[str, Any]] = (),
    label_size: int = 18,
    extra_layers: Sequence[pdk.Layer] = (),
    files: GeometryFiles | None = None,
) -> pdk.Deck:
    """Areas coloured by their ``fill`` property (RGBA list) with white ``borders``; the
    borders' outlines (province thick, COROP thin) drawn on top; selected areas outlined in
    black; optional text labels (``label_points``), large enough to read on a projector;
    ``extra_layers`` (the stories' markers, :func:`story_layer`) on top of everything.

    With ``files`` (the same ``areas`` and ``borders`` written by :func:`geometry_payloads`)
    the areas and borders are fetched from those URLs, and the map's JSON carries only the
    colours (:func:`colour_categories`) and tooltip texts (:func:`gated_tooltip`)."""
    area_layer: dict[str, Any] = {
        "id": CHOROPLETH_LAYER,
        "pickable": True,
        "stroked": False,  # borders: the LineLayer below (see edges)
        "filled": True,
        "auto_highlight": True,
        "highlight_color": [255, 255, 255, 90],
    }
    if files is None:
        area_layer |= {
            "data": with_tip_lines(areas, tooltip_lines),
            "get_fill_color": "properties.fill",
        }
        lines: Sequence[Any] = [borders.areas, *borders.outlines]
        tip = tooltip(tooltip_lines)
    else:
        codes = [f["properties"]["region_code"] for f in areas["features"]]
        fills = [f["properties"].get("fill", [0, 0, 0, 0]) for f in areas["features"]]
        colours = colour_categories(codes, fills)
        area_layer |= {
            "data": files.areas,
            "get_fill_color": colours,
            # deck.gl keeps an accessor function's colours until its trigger changes
            "update_triggers": {"getFillColor": digest(json.dumps(colours).encode())},
        }
        lines = [files.borders, *files.outlines]
        blocks = {
            f"g{i}": (f["properties"].get("name", ""), tip_lines(f["properties"], tooltip_lines))
            for i, f in enumerate(areas["features"])
        }
        for layer in extra_layers:  # the stories' markers carry their key (story_points)
            for point in layer.data if isinstance(layer.data, list) else ():
                if TIP_KEY in point:
                    blocks[point[TIP_KEY]] = (point.get("name", ""), point.get(TIP_LINES, ""))
        tip = gated_tooltip(blocks)
    layers = [
        pdk.Layer("GeoJsonLayer", **area_layer),
        border_layer("borders", lines[0], BORDER_COLOR, 1),
    ]
    for n, outline in enumerate(lines[1:]):
        layers.append(border_layer(f"outline-{n}", outline, OUTLINE_COLOR, 2 if n == 0 else 1))
    if selected and selected["features"]:
        layers.append(border_layer("selected", edges(selected), SELECTED_COLOR, 3))
    if labels:
        layers.append(
            pdk.Layer(
                "TextLayer",
                id="labels",
                data=list(labels),
                get_position="position",
                get_text="text",
                get_size=label_size,
                get_color=[20, 20, 20, 255],
                outline_width=4,
                outline_color=[255, 255, 255, 255],
                font_settings={"sdf": True},
                # every character of the labels (€, ë, −), not only ASCII; a plain string
                # would become a pydeck accessor expression
                character_set=pdk.types.String("auto"),
                font_family=pdk.types.String("'Source Sans Pro', Arial, sans-serif"),
                font_weight=pdk.types.String("bold"),
                pickable=False,
            )
        )
    layers.extend(extra_layers)
    deck = CompactDeck(
        layers=layers,
        initial_view_state=pdk.ViewState(
            latitude=view.latitude, longitude=view.longitude, zoom=view.zoom
        ),
        map_provider=None,
        map_style=NO_BASEMAP,
        tooltip=tip,
    )
    return deck


def selected_code(selection: Mapping[str, Any] | None) -> str | None:
    """The region code of the clicked area in a ``st.pydeck_chart`` selection, if any."""
    if not selection:
        return None
    objects = (selection.get("selection") or {}).get("objects") or {}
    picked = objects.get(CHOROPLETH_LAYER) or []
    if not picked:
        return None
    first = picked[0]
    props = first.get("properties", first) if isinstance(first, Mapping) else {}
    code = props.get("region_code")
    return str(code) if code else None


# --- the stories' markers ----------------------------------------------------------------------

STORY_COLOR = [230, 97, 1, 255]  # orange: apart from every class of the blue palettes
STORY_SELECTED_COLOR = [120, 40, 0, 255]
STORY_OUTLINE = [255, 255, 255, 255]
STORY_RADIUS = 9  # pixels
STORY_SELECTED_RADIUS = 14
# Points closer than this (degrees) share a place on a map of the province (Assen has three
# stories, Meppel two): they are drawn on a small ring around the first, about 13 px at the
# zoom of the province (7.8-8.4), so that each marker can be seen and clicked.
SPREAD_DEG = 0.04
SPREAD_RING_DEG = 0.045


def spread(points: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """(lon, lat) points with those that (nearly) coincide moved onto a ring around their
    first, in order, so that none hides another. Display only: the data keep their points."""
    import math

    out = list(points)
    groups: list[list[int]] = []
    for i, (lon, lat) in enumerate(points):
        for group in groups:
            lon0, lat0 = points[group[0]]
            if abs(lon - lon0) < SPREAD_DEG and abs(lat - lat0) < SPREAD_DEG:
                group.append(i)
                break
        else:
            groups.append([i])
    for group in groups:
        if len(group) < 2:
            continue
        lon0, lat0 = points[group[0]]
        # a degree of longitude is shorter than one of latitude at 53°N
        squash = 1 / math.cos(math.radians(lat0))
        for k, i in enumerate(group):
            angle = 2 * math.pi * k / len(group) + math.pi / 2
            out[i] = (
                round(lon0 + SPREAD_RING_DEG * squash * math.cos(angle), 5),
                round(lat0 + SPREAD_RING_DEG * math.sin(angle), 5),
            )
    return out


def story_points(
    stories: Sequence[Any],
    lang: str,
    tooltip_lines: Sequence[str],
    click_text: str,
    selected: str | None = None,
) -> list[dict[str, Any]]:
    """One marker per story (``model.verhalen.Verhaal``): its id, position, radius and colour,
    and the tooltip's fields: ``name`` is the story's title, the first line its place, the
    second ``click_text``, the others empty (one tooltip serves the areas and the markers),
    and :data:`TIP_LINES`: the non-empty ones joined, so that no blank line shows.
    Titles and places are untrusted text, given as plain text: Streamlit's deck.gl element
    HTML-escapes every value it fills into the tooltip template."""

    positions = spread([(s.lon, s.lat) for s in stories])
    points = []
    for story, position in zip(stories, positions, strict=True):
        chosen = story.id == selected
        tips = dict.fromkeys(tooltip_lines, "")
        if tooltip_lines:
            tips[tooltip_lines[0]] = story.place
        if len(tooltip_lines) > 1:
            tips[tooltip_lines[1]] = click_text
        tips[TIP_LINES] = tip_lines(tips, tooltip_lines)
        points.append(
            {
                "id": story.id,
                "position": [position[0], position[1]],
                "radius": STORY_SELECTED_RADIUS if chosen else STORY_RADIUS,
                "color": STORY_SELECTED_COLOR if chosen else STORY_COLOR,
                "name": story.title(lang),
                TIP_KEY: f"s{len(points)}",  # its block in a gated_tooltip
                **tips,
            }
        )
    return points


def story_layer(points: Sequence[Mapping[str, Any]]) -> pdk.Layer:
    """The stories as pickable dots (a ScatterplotLayer sized in pixels, white-ringed)."""
    return pdk.Layer(
        "ScatterplotLayer",
        id=STORY_LAYER,
        data=list(points),
        get_position="position",
        get_radius="radius",
        radius_units=pdk.types.String("pixels"),
        get_fill_color="color",
        get_line_color=STORY_OUTLINE,
        stroked=True,
        line_width_units=pdk.types.String("pixels"),
        get_line_width=2,
        pickable=True,
        auto_highlight=True,
        highlight_color=[255, 255, 255, 120],
    )


def selected_story(selection: Mapping[str, Any] | None) -> str | None:
    """The id of the clicked story marker in a ``st.pydeck_chart`` selection, if any."""
    if not selection:
        return None
    objects = (selection.get("selection") or {}).get("objects") or {}
    picked = objects.get(STORY_LAYER) or []
    if not picked or not isinstance(picked[0], Mapping):
        return None
    ident = picked[0].get("id")
    return str(ident) if ident else None
