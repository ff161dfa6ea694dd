"""The stories' marker layer (render/maps.py): positions, escaped tooltips, the pydeck layer's
JSON and reading a click back."""

from __future__ import annotations

import json

import pytest

from dashboard.model.verhalen import Verhaal
from dashboard.render import maps


def story(ident: str, lat: float, lon: float, title: str = "Titel", place: str = "Plaats"):
    return Verhaal(
        id=ident,
        title_nl=title,
        summary_nl="…",
        place=place,
        gemeente="GM0106",
        lat=lat,
        lon=lon,
        goals=("inclusie",),
        theme="inclusie",
        source="test",
        year=2024,
        title_en=f"{title} (en)",
    )


def test_points_far_apart_keep_their_place():
    points = [(6.6083, 52.8497), (6.9511, 52.9622)]  # Westerbork, Nieuw-Buinen
    assert maps.spread(points) == points


def test_points_in_one_place_are_spread_on_a_ring():
    # Assen has three stories: 52.9925/6.5625 twice and the Drents Museum 0.002° away
    assen = [(6.5625, 52.9925), (6.5644, 52.9928), (6.5625, 52.9925), (6.6083, 52.8497)]
    out = maps.spread(assen)
    assert out[3] == assen[3]  # Westerbork, far away, stays
    ring = out[:3]
    assert len(set(ring)) == 3
    # first on top (north), then a third of a turn each way, 0.045° from the first point
    assert ring[0] == pytest.approx((6.5625, 52.9925 + 0.045))
    for lon, lat in ring:
        squash = 1 / 0.6018  # cos(53°), longitude degrees are shorter
        assert ((lon - 6.5625) / squash) ** 2 + (lat - 52.9925) ** 2 == pytest.approx(
            0.045**2, rel=1e-3
        )


def test_story_points_give_titles_and_places_as_plain_text_for_streamlit_to_escape():
    # Streamlit's deck.gl element HTML-escapes each value it fills into the tooltip
    hostile = story("x", 52.99, 6.56, title="<img src=x onerror=alert(1)>", place="A & B")
    (point,) = maps.story_points([hostile], "nl", ("tip_value", "tip_period", "tip_rank"), "klik")
    assert point == {
        "id": "x",
        "position": [6.56, 52.99],
        "radius": maps.STORY_RADIUS,
        "color": maps.STORY_COLOR,
        "name": "<img src=x onerror=alert(1)>",
        "tip_key": "s0",  # its block in a gated tooltip (maps.gated_tooltip)
        "tip_value": "A & B",
        "tip_period": "klik",
        "tip_rank": "",  # every tooltip field is filled: none shows as '{tip_rank}'
        "tip_lines": "\nA & B\nklik",  # what the tooltip shows: no blank line
    }
    (english,) = maps.story_points([hostile], "en", ("tip_value",), "click")
    assert english["name"] == "<img src=x onerror=alert(1)> (en)"


def test_the_chosen_story_is_drawn_larger():
    points = maps.story_points(
        [story("a", 52.8, 6.6), story("b", 53.0, 6.9)], "nl", ("tip_value",), "", selected="b"
    )
    assert [(p["id"], p["radius"], p["color"]) for p in points] == [
        ("a", maps.STORY_RADIUS, maps.STORY_COLOR),
        ("b", maps.STORY_SELECTED_RADIUS, maps.STORY_SELECTED_COLOR),
    ]


def test_the_layer_on_top_of_the_choropleth():
    points = maps.story_points([story("a", 52.8, 6.6)], "nl", ("tip_value",), "")
    areas = {"type": "FeatureCollection", "features": []}
    deck = maps.choropleth(
        areas,
        maps.Borders([]),
        None,
        maps.VIEWS["drenthe"],
        ("tip_value",),
        extra_layers=[maps.story_layer(points)],
    )
    spec = json.loads(maps.DeckSpec.of(deck).json)
    layers = spec["layers"]
    assert [layer["id"] for layer in layers] == ["gebieden", "borders", "verhalen"]
    markers = layers[-1]
    assert markers["@@type"] == "ScatterplotLayer"
    assert markers["pickable"] is True
    assert (markers["radiusUnits"], markers["getRadius"], markers["getPosition"]) == (
        "pixels",
        "@@=radius",
        "@@=position",
    )
    assert markers["data"][0]["id"] == "a"


def test_story_markers_get_their_own_block_in_a_gated_tooltip():
    points = maps.story_points([story("a", 52.8, 6.6)], "nl", ("tip_value",), "klik")
    deck = maps.choropleth(
        {"type": "FeatureCollection", "features": []}, maps.Borders([]), None,
        maps.VIEWS["drenthe"], ("tip_value",),
        extra_layers=[maps.story_layer(points)], files=maps.GeometryFiles("/a.json", "/b.json"),
    )  # fmt: skip
    assert points[0]["tip_key"] == "s0"
    assert "<p class=s0>Titel\nPlaats</p>" in deck._tooltip["html"]
    assert ".s0>.s0{display:block}" in deck._tooltip["html"]


def test_reading_a_click_back():
    clicked = {"selection": {"indices": {"verhalen": [0]}, "objects": {"verhalen": [{"id": "a"}]}}}
    assert maps.selected_story(clicked) == "a"
    area = {"selection": {"objects": {"gebieden": [{"properties": {"region_code": "GM0106"}}]}}}
    assert maps.selected_story(area) is None
    assert maps.selected_code(area) == "GM0106"
    assert maps.selected_story(None) is None
    assert maps.selected_story({"selection": {"objects": {"verhalen": ["junk"]}}}) is None
