"""pydeck map building: properties joined by region code, selection read back."""

from __future__ import annotations

import json

import pydeck as pdk

from dashboard import maps

AREAS = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [6.5, 53.0]},
            "properties": {"region_code": code, "name": name},
        }
        for code, name in (("GM0106", "Assen"), ("GM0114", "Emmen"))
    ],
}


def test_with_properties_joins_by_code_without_touching_the_input():
    joined = maps.with_properties(AREAS, {"GM0114": {"fill": [1, 2, 3, 255]}})
    assert [f["properties"] for f in joined["features"]] == [
        {"region_code": "GM0106", "name": "Assen"},
        {"region_code": "GM0114", "name": "Emmen", "fill": [1, 2, 3, 255]},
    ]
    assert "fill" not in AREAS["features"][1]["properties"]


def test_only_keeps_the_selected_codes():
    assert [f["properties"]["region_code"] for f in maps.only(AREAS, ["GM0114"])["features"]] == [
        "GM0114"
    ]


def test_selected_code_from_a_pydeck_selection():
    picked = {"properties": {"region_code": "GM0114", "name": "Emmen"}}
    state = {"selection": {"indices": {"gebieden": [1]}, "objects": {"gebieden": [picked]}}}
    assert maps.selected_code(state) == "GM0114"
    assert maps.selected_code({"selection": {"objects": {"outline-0": [picked]}}}) is None
    assert maps.selected_code({"selection": {"objects": {}}}) is None
    assert maps.selected_code(None) is None


def test_choropleth_has_no_basemap_and_a_tooltip_per_field():
    deck = maps.choropleth(
        AREAS, [AREAS], maps.only(AREAS, ["GM0106"]), maps.VIEWS["drenthe"], ["tip_value"]
    )
    spec = json.loads(deck.to_json())
    assert [layer["id"] for layer in spec["layers"]] == ["gebieden", "outline-0", "selected"]
    # the sentinel that makes Streamlit draw no basemap (None would give Carto's)
    assert spec["mapStyle"] == "__MAP_STYLE__"
    assert "mapProvider" not in spec  # None: no provider (pydeck leaves None out)
    assert deck._tooltip["html"] == "<b>{name}</b><br/>{tip_value}"


def test_labels_layer_carries_its_characters():
    labels = maps.label_points(AREAS, {"GM0114": "Emmen\n3,7%"})
    assert labels == [{"position": [6.5, 53.0], "text": "Emmen\n3,7%"}]
    deck = maps.choropleth(AREAS, [], None, maps.VIEWS["drenthe"], [], labels=labels)
    layer = json.loads(deck.to_json())["layers"][-1]
    assert layer["@@type"] == "TextLayer"
    assert layer["characterSet"] == "auto"


def test_the_map_spec_is_pydecks_spec_without_the_whitespace():
    labels = maps.label_points(AREAS, {"GM0114": "Emmen\n3,7%"})
    deck = maps.choropleth(
        AREAS,
        [AREAS],
        maps.only(AREAS, ["GM0106"]),
        maps.VIEWS["drenthe"],
        ["tip_value"],
        labels=labels,
    )
    compact = deck.to_json()
    indented = pdk.Deck.to_json(deck)  # pydeck's own serialisation (indent=2)
    assert json.loads(compact) == json.loads(indented)
    assert "\n" not in compact and ": " not in compact
