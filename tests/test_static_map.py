"""The static map (Altair geoshape) carries the app's colours, legend, title and footer, and
renders to PNG and SVG without a browser."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from datetime import date

import pandas as pd
import pytest

from dashboard.config import check_folder
from dashboard.model import geo
from dashboard.render import images, maps, static_map
from dashboard.render.classify import NO_DATA_COLOR, legend_items
from dashboard.state import ViewState
from dashboard.views import mapview

EXPORTED = date(2025, 1, 31)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def geo_dir(settings):
    return check_folder(settings, "geo_dir")


@pytest.fixture(scope="module")
def drenthe_areas(store, geo_dir):
    return maps.feature_collection(geo.load_gemeenten(geo_dir, "drenthe", store.gebieden))


@pytest.fixture(scope="module")
def corop_areas(store, geo_dir):
    return maps.feature_collection(geo.load_outlines(geo_dir, "corop", ["CR07", "CR08", "CR09"]))


def datasets(spec: dict, column: str) -> list[list[dict]]:
    """The inline datasets of a spec whose records have ``column``."""
    return [rows for rows in spec["datasets"].values() if rows and column in rows[0]]


def areas_of(spec: dict) -> list[dict]:
    """The map's areas: the one dataset with geometry and colour (outlines have none)."""
    (rows,) = [r for r in datasets(spec, "geometry") if "color" in r[0]]
    return rows


def legend_of(spec: dict) -> list[tuple[str, str]]:
    (rows,) = datasets(spec, "label")
    return [(r["color"], r["label"]) for r in sorted(rows, key=lambda r: r["order"])]


def footer_of(spec: dict) -> list[str]:
    (rows,) = datasets(spec, "line")
    return [r["line"] for r in sorted(rows, key=lambda r: r["i"])]


def geoshape_layers(spec: dict) -> list[dict]:
    the_map = spec["vconcat"][0]["hconcat"][0]
    return [layer for layer in the_map["layer"] if layer["mark"]["type"] == "geoshape"]


def same(a, b) -> bool:
    if a is None or (isinstance(a, float) and math.isnan(a)):
        return b is None or (isinstance(b, float) and math.isnan(b))
    return a == b


@pytest.mark.parametrize(
    "fields",
    [
        {"indicator": "werkloosheid"},
        {"indicator": "vrijwilligerswerk"},  # Westerveld has no value
        {"indicator": "werkloosheid", "colouring": "drenthe"},  # diverging palette
        {"indicator": "vermogen_mediaan", "colouring": "periode", "period": "2015"},
    ],
)
def test_each_area_carries_exactly_the_apps_colour_and_value(store, drenthe_areas, fields):
    mv = mapview.map_view(store, ViewState(**fields))
    spec = static_map.map_chart(mv, drenthe_areas, "nl", EXPORTED).to_dict()
    areas = areas_of(spec)
    table = mv.table.set_index("region_code")
    assert sorted(a["region_code"] for a in areas) == sorted(table.index)
    for area in areas:
        row = table.loc[area["region_code"]]
        assert area["color"] == row["color"]
        assert same(area["value"], float(row["value"]))
        assert area["name"] == row["name"]
        assert same(area["rank"], None if pd.isna(row["rank"]) else int(row["rank"]))
    # the colours are used as they are: no scale of Vega-Lite's own
    (shape, *_) = geoshape_layers(spec)
    assert shape["encoding"]["color"] == {"field": "color", "scale": None, "type": "nominal"}
    assert [t["field"] for t in shape["encoding"]["tooltip"]] == ["name", "value_text", "rank"]
    assert spec["vconcat"][0]["hconcat"][0]["projection"] == {"type": "mercator"}


def test_missing_area_is_grey_and_named_in_the_legend(store, drenthe_areas):
    mv = mapview.map_view(store, ViewState(indicator="vrijwilligerswerk"))
    spec = static_map.map_chart(mv, drenthe_areas, "nl", EXPORTED).to_dict()
    westerveld = next(a for a in areas_of(spec) if a["region_code"] == "GM1701")
    assert (westerveld["value"], westerveld["color"]) == (None, NO_DATA_COLOR)
    assert westerveld["value_text"] == "geen gegevens"
    legend = legend_of(spec)
    assert legend == legend_items(mv.classes, "nl", no_data=True)
    assert legend[-1] == (NO_DATA_COLOR, "geen gegevens")


def test_legend_without_missing_values_has_no_grey_item(store, drenthe_areas):
    mv = mapview.map_view(store, ViewState(indicator="werkloosheid", period="2022"))
    spec = static_map.map_chart(mv, drenthe_areas, "nl", EXPORTED, unit_label="%").to_dict()
    legend = legend_of(spec)
    assert legend == legend_items(mv.classes, "nl", no_data=False)
    assert "geen gegevens" not in [label for _, label in legend]
    assert [label for _, label in legend][0].startswith("< ")
    # the legend's title names the unit
    legend_chart = spec["vconcat"][0]["hconcat"][1]
    assert legend_chart["title"]["text"] == "Legenda (%)"


def test_title_subtitle_and_footer(store, drenthe_areas):
    mv = mapview.map_view(store, ViewState(indicator="werkloosheid", period="2022"))
    spec = static_map.map_chart(mv, drenthe_areas, "nl", EXPORTED).to_dict()
    assert spec["title"]["text"] == "Werkloosheid"
    assert spec["title"]["subtitle"] == "Periode: 2022 · Drenthe"
    assert spec["description"] == mv.summary
    lines = footer_of(spec)
    assert " ".join(lines[:-1]) == mv.source
    assert mv.source == "Bron: CBS, tabel 86088NED · Licentie: CC BY 4.0 · Periode: 2022"
    assert lines[-1] == "Geëxporteerd op: 2025-01-31"


def test_english_labels_and_diverging_legend_title(store, drenthe_areas):
    mv = mapview.map_view(
        store, ViewState(indicator="vrijwilligerswerk", lang="en", colouring="drenthe")
    )
    spec = static_map.map_chart(mv, drenthe_areas, "en", EXPORTED).to_dict()
    assert spec["title"]["subtitle"] == "Period: 2023 · Drenthe"
    assert footer_of(spec)[-1] == "Exported on: 2025-01-31"
    assert legend_of(spec)[-1] == (NO_DATA_COLOR, "no data")
    assert spec["vconcat"][0]["hconcat"][1]["title"]["text"] == "Legend (difference from drenthe)"
    colours = {a["region_code"]: a["color"] for a in areas_of(spec)}
    assert colours == dict(zip(mv.table["region_code"], mv.table["color"], strict=True))


def test_corop_map_and_province_outline(store, corop_areas, drenthe_areas):
    mv = mapview.map_view(store, ViewState(indicator="tabel1_besteedbaar_inkomen"))
    assert mv.level == "corop"
    outline = {"type": "FeatureCollection", "features": drenthe_areas["features"][:1]}
    spec = static_map.map_chart(mv, corop_areas, "nl", EXPORTED, outlines=outline).to_dict()
    colours = {a["region_code"]: a["color"] for a in areas_of(spec)}
    assert colours == dict(zip(mv.table["region_code"], mv.table["color"], strict=True))
    assert [a["name"] for a in areas_of(spec)] == [
        "Noord-Drenthe",
        "Zuidoost-Drenthe",
        "Zuidwest-Drenthe",
    ]
    outlines = geoshape_layers(spec)[1]
    assert outlines["mark"]["filled"] is False


def test_a_provincie_only_indicator_has_no_map(store, drenthe_areas):
    mv = mapview.map_view(store, ViewState(indicator="tevredenheid_met_leven"))
    assert not mv.mappable
    with pytest.raises(ValueError, match="no map"):
        static_map.map_chart(mv, drenthe_areas, "nl", EXPORTED)


def test_fitted_height_follows_the_mercator_bounds(drenthe_areas):
    square = {
        "features": [
            {"geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}}
        ]
    }
    assert static_map.fitted_height(square, 400) == 400  # near the equator 1° = 1°
    drenthe = static_map.fitted_height(drenthe_areas, 440)
    assert 440 < drenthe < 560  # Drenthe is a little taller than wide on the map


def test_png_and_svg(store, drenthe_areas):
    mv = mapview.map_view(store, ViewState(indicator="vrijwilligerswerk"))
    chart = static_map.map_chart(mv, drenthe_areas, "nl", EXPORTED)
    png = images.image_bytes(chart, "png")
    assert png.startswith(PNG_SIGNATURE)
    svg = images.image_bytes(chart.to_dict(), "svg")
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    texts = "".join(root.itertext())
    for label in ("Vrijwilligerswerk", "geen gegevens", "Geëxporteerd op: 2025-01-31"):
        assert label in texts
    fills = {el.get("fill", "").lower() for el in root.iter() if el.tag.endswith("path")}
    assert {c.lower() for c in mv.table["color"]} <= fills
    both = images.both(chart)
    assert both["svg"] == svg
    assert both["png"][:24] == png[:24]  # signature and IHDR: a PNG of the same size
    with pytest.raises(ValueError, match="unknown image format"):
        images.image_bytes(chart, "gif")
