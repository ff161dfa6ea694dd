"""pydeck map building: properties joined by region code, selection read back."""

from __future__ import annotations

import json

import pydeck as pdk

from dashboard.render import maps

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


def square(x: float, y: float, code: str, hole: bool = False) -> dict:
    ring = [[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]
    rings = [ring]
    if hole:
        rings.append(
            [[x + 0.25, y + 0.25], [x + 0.5, y + 0.25], [x + 0.5, y + 0.5], [x + 0.25, y + 0.25]]
        )
    return {
        "type": "Feature",
        "geometry": {"type": "Polygon", "coordinates": rings},
        "properties": {"region_code": code, "name": code},
    }


# two unit squares side by side (sharing the edge x=1), the right one with a triangular hole
SQUARES = {"type": "FeatureCollection", "features": [square(0, 0, "A"), square(1, 0, "B", True)]}


def test_edges_are_every_border_once_in_a_fixed_order():
    assert maps.edges(SQUARES) == [
        [[0.0, 0.0], [0.0, 1.0]],
        [[0.0, 0.0], [1.0, 0.0]],
        [[0.0, 1.0], [1.0, 1.0]],
        [[1.0, 0.0], [1.0, 1.0]],  # shared by A and B: once
        [[1.0, 0.0], [2.0, 0.0]],
        [[1.0, 1.0], [2.0, 1.0]],
        [[1.25, 0.25], [1.5, 0.25]],  # the hole
        [[1.25, 0.25], [1.5, 0.5]],
        [[1.5, 0.25], [1.5, 0.5]],
        [[2.0, 0.0], [2.0, 1.0]],
    ]


def test_borders_under_the_first_outline_can_be_left_out():
    outline = maps.only(SQUARES, ["A"])  # the first outline: square A's four edges
    kept = maps.Borders.of(SQUARES, [outline, SQUARES])
    assert kept.areas == maps.edges(SQUARES)
    dropped = maps.Borders.of(SQUARES, [outline, SQUARES], under_outlines=False)
    assert dropped.areas == [
        [[1.0, 0.0], [2.0, 0.0]],
        [[1.0, 1.0], [2.0, 1.0]],
        [[1.25, 0.25], [1.5, 0.25]],
        [[1.25, 0.25], [1.5, 0.5]],
        [[1.5, 0.25], [1.5, 0.5]],
        [[2.0, 0.0], [2.0, 1.0]],
    ]  # A's edges (and the shared one) are drawn by the outline
    assert dropped.outlines == kept.outlines == (maps.edges(outline), maps.edges(SQUARES))


def test_edges_of_multipolygons_rounded_without_empty_edges():
    a, b = square(0, 0, "A")["geometry"], square(3, 0, "B")["geometry"]
    ring = a["coordinates"][0]
    ring.insert(1, [0.00001, 0.0])  # rounds onto the corner: no zero-length edge
    multi = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {
                    "type": "MultiPolygon",
                    "coordinates": [a["coordinates"], b["coordinates"]],
                },
                "properties": {"region_code": "M"},
            }
        ],
    }
    lines = maps.edges(multi)
    assert len(lines) == 8
    assert [[0.0, 0.0], [1.0, 0.0]] in lines
    assert all(start != end for start, end in lines)
    assert maps.edges(AREAS) == []  # points have no borders
    assert maps.edges({"type": "FeatureCollection", "features": []}) == []


def test_choropleth_draws_its_borders_as_lines():
    """Borders are LineLayers, not the GeoJsonLayer's stroke (a PathLayer, whose shaders take
    over a second to compile without a GPU): white between areas, outlines on top, the
    selection in black."""
    deck = maps.choropleth(
        SQUARES,
        maps.Borders.of(SQUARES, [maps.only(SQUARES, ["A"])]),
        maps.only(SQUARES, ["B"]),
        maps.VIEWS["drenthe"],
        [],
    )
    layers = json.loads(deck.to_json())["layers"]
    assert [(layer["id"], layer["@@type"]) for layer in layers] == [
        ("gebieden", "GeoJsonLayer"),
        ("borders", "LineLayer"),
        ("outline-0", "LineLayer"),
        ("selected", "LineLayer"),
    ]
    assert layers[0]["stroked"] is False
    by_id = {layer["id"]: layer for layer in layers}
    assert by_id["borders"]["data"] == maps.edges(SQUARES)
    assert by_id["outline-0"]["data"] == maps.edges(maps.only(SQUARES, ["A"]))
    assert by_id["selected"]["data"] == maps.edges(maps.only(SQUARES, ["B"]))
    assert (by_id["borders"]["getColor"], by_id["borders"]["getWidth"]) == (maps.BORDER_COLOR, 1)
    assert (by_id["outline-0"]["getColor"], by_id["outline-0"]["getWidth"]) == (
        maps.OUTLINE_COLOR,
        2,
    )
    assert (by_id["selected"]["getColor"], by_id["selected"]["getWidth"]) == (
        maps.SELECTED_COLOR,
        3,
    )
    assert by_id["borders"]["getSourcePosition"] == "@@=this[0]"
    assert by_id["borders"]["getTargetPosition"] == "@@=this[1]"


def test_choropleth_has_no_basemap_and_a_tooltip_per_field():
    deck = maps.choropleth(
        AREAS,
        maps.Borders.of(AREAS, [AREAS]),
        maps.only(AREAS, ["GM0106"]),
        maps.VIEWS["drenthe"],
        ["tip_value"],
    )
    spec = json.loads(deck.to_json())  # its layers: test_choropleth_draws_its_borders_as_lines
    # the sentinel that makes Streamlit draw no basemap (None would give Carto's)
    assert spec["mapStyle"] == "__MAP_STYLE__"
    assert "mapProvider" not in spec  # None: no provider (pydeck leaves None out)
    assert deck._tooltip["html"] == "<b>{name}</b>{tip_lines}"
    assert deck._tooltip["style"]["whiteSpace"] == "pre-line"  # the newlines break lines


def test_the_tooltip_shows_no_blank_lines():
    """pydeck's tooltip template has no conditions: empty fields are left out per feature."""
    props = {"tip_value": "3,7%", "tip_rank": "", "tip_period": "2024"}
    lines = ("tip_value", "tip_rank", "tip_period")
    assert maps.tip_lines(props, lines) == "\n3,7%\n2024"
    assert maps.tip_lines({"tip_value": ""}, ("tip_value",)) == ""
    areas = maps.with_properties(
        AREAS, {"GM0106": {"tip_value": "3,7%", "tip_rank": ""}, "GM0114": {"tip_value": ""}}
    )
    deck = maps.choropleth(
        areas, maps.Borders.of(AREAS), None, maps.VIEWS["drenthe"], ["tip_value", "tip_rank"]
    )
    layer = json.loads(deck.to_json())["layers"][0]
    props = {f["properties"]["region_code"]: f["properties"] for f in layer["data"]["features"]}
    assert props["GM0106"]["tip_lines"] == "\n3,7%"
    assert props["GM0114"]["tip_lines"] == ""
    assert "tip_value" not in props["GM0106"]  # only the joined text is sent


def test_labels_layer_carries_its_characters():
    labels = maps.label_points(AREAS, {"GM0114": "Emmen\n3,7%"})
    assert labels == [{"position": [6.5, 53.0], "text": "Emmen\n3,7%"}]
    deck = maps.choropleth(
        AREAS, maps.Borders.of(AREAS), None, maps.VIEWS["drenthe"], [], labels=labels
    )
    layer = json.loads(deck.to_json())["layers"][-1]
    assert layer["@@type"] == "TextLayer"
    assert layer["characterSet"] == "auto"


def test_the_map_spec_is_pydecks_spec_without_the_whitespace():
    labels = maps.label_points(AREAS, {"GM0114": "Emmen\n3,7%"})
    deck = maps.choropleth(
        SQUARES,
        maps.Borders.of(SQUARES, [SQUARES]),
        maps.only(SQUARES, ["B"]),
        maps.VIEWS["drenthe"],
        ["tip_value"],
        labels=labels,
    )
    compact = deck.to_json()
    indented = pdk.Deck.to_json(deck)  # pydeck's own serialisation (indent=2)
    assert json.loads(compact) == json.loads(indented)
    assert "\n" not in compact and ": " not in compact


# --- the geometry as static files (issue 17) ------------------------------------------------------

TWO_SQUARES = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "geometry": {
                "type": "Polygon",
                "coordinates": [[[x, 0.0], [x + 1.0, 0.0], [x + 1.0, 1.0], [x, 1.0], [x, 0.0]]],
            },
            "properties": {"region_code": code, "name": name},
        }
        for x, code, name in ((0.0, "GM0106", "Assen"), (1.0, "GM0114", "Emmen"))
    ],
}
FILES = maps.GeometryFiles("/app/static/geo/a.json", "/app/static/geo/b.json", ("/o0.json",))


def test_geometry_payloads_keep_only_what_is_the_same_for_every_indicator():
    props = {"GM0106": {"fill": [1, 2, 3, 255], "tip_value": "5"}}
    coloured = maps.with_properties(TWO_SQUARES, props)
    borders = maps.Borders.of(TWO_SQUARES, [TWO_SQUARES])
    files = {
        name: json.loads(body) for name, body in maps.geometry_payloads(coloured, borders).items()
    }
    assert sorted(files) == ["areas", "borders", "outline-0"]
    assert [f["properties"] for f in files["areas"]["features"]] == [
        {"region_code": "GM0106", "tip_key": "g0"},
        {"region_code": "GM0114", "tip_key": "g1"},
    ]
    assert [f["geometry"] for f in files["areas"]["features"]] == [
        f["geometry"] for f in TWO_SQUARES["features"]
    ]
    assert files["borders"] == maps.edges(TWO_SQUARES)  # 7 edges: the shared one once
    assert len(files["borders"]) == 7
    assert files["outline-0"] == maps.edges(TWO_SQUARES)


def test_a_choropleth_on_geometry_files_sends_colours_and_tooltips_only():
    coloured = maps.with_properties(
        TWO_SQUARES,
        {
            "GM0106": {"fill": [1, 2, 3, 255], "tip_value": "5,0 %", "tip_rank": "Plaats 1"},
            "GM0114": {"fill": [4, 5, 6, 255], "tip_value": "7,5 %", "tip_rank": ""},
        },
    )
    borders = maps.Borders.of(TWO_SQUARES, [TWO_SQUARES])
    deck = maps.choropleth(
        coloured, borders, None, maps.VIEWS["drenthe"], ("tip_value", "tip_rank"), files=FILES
    )
    spec = json.loads(maps.DeckSpec.of(deck).json)
    layers = {layer["id"]: layer for layer in spec["layers"]}
    assert [layer["id"] for layer in spec["layers"]] == ["gebieden", "borders", "outline-0"]
    areas = layers["gebieden"]
    assert areas["data"] == "/app/static/geo/a.json"
    assert areas["getFillColor"] == {
        "@@function": "colorCategories",
        "attr": "region_code",
        "domain": ["GM0106", "GM0114"],
        "colors": [[1, 2, 3, 255], [4, 5, 6, 255]],
        "othersColor": [0, 0, 0, 0],
    }
    assert layers["borders"]["data"] == "/app/static/geo/b.json"
    assert layers["outline-0"]["data"] == "/o0.json"
    html = deck._tooltip["html"]
    assert html.startswith('<div class="bw-tip {tip_key}"><style>.bw-tip>p{display:none;margin:0}')
    assert ".g0>.g0{display:block}.g1>.g1{display:block}</style>" in html
    assert html.endswith("<p class=g0>Assen\n5,0 %\nPlaats 1</p><p class=g1>Emmen\n7,5 %</p></div>")
    # the colours' trigger changes with the colours, so deck.gl repaints on a switch
    recoloured = maps.with_properties(coloured, {"GM0114": {"fill": [9, 9, 9, 255]}})
    again = maps.choropleth(
        recoloured, borders, None, maps.VIEWS["drenthe"], ("tip_value",), files=FILES
    )
    triggers = [
        json.loads(maps.DeckSpec.of(d).json)["layers"][0]["updateTriggers"]["getFillColor"]
        for d in (deck, again)
    ]
    assert triggers[0] != triggers[1]


def test_a_gated_tooltip_shows_hostile_text_as_text():
    tip = maps.gated_tooltip({"g0": ("<img src=x onerror=alert(1)>", "\n{name} & {tip_key}")})
    body = tip["html"].split("</style>", 1)[1]
    assert body == (
        "<p class=g0>&lt;img src=x onerror=alert(1)&gt;\n"
        "&#123;name&#125; &amp; &#123;tip_key&#125;</p></div>"
    )
    # Streamlit fills in {field}s of the hovered object: the only one left is the gate's
    import re

    assert re.findall(r"{([^{}:]*)}", tip["html"]) == ["tip_key"]
