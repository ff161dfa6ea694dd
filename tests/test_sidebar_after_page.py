"""app.py makes the page first and draws the shared controls in the sidebar after it (issue
17: the map is sent, and starts drawing, before the sidebar's widgets compete for the
browser), with the view :func:`controls.prepare` read from the session state."""

from __future__ import annotations

from dashboard.app import cache, controls
from dashboard.app.widgets import map as parts
from tests.support.apptest import assert_clean, open_app, rerun, texts


def test_the_map_is_made_before_the_sidebar(store, monkeypatch):
    events: list[str] = []
    real_map_chart, real_draw = parts.map_chart, controls.draw

    def map_chart(*args, **kwargs):
        events.append("map")
        return real_map_chart(*args, **kwargs)

    def draw(*args, **kwargs):
        events.append("sidebar")
        return real_draw(*args, **kwargs)

    monkeypatch.setattr(parts, "map_chart", map_chart)
    monkeypatch.setattr(controls, "draw", draw)
    at = open_app(indicator="rokers")
    assert_clean(at)
    assert events == ["map", "sidebar"]
    assert at.sidebar.selectbox(key="w_indicator").value == "rokers"
    assert texts(at.title) == [store.indicator("rokers").label("nl")]


def test_a_switch_shows_the_new_view_in_the_page_and_the_controls(store):
    at = open_app(indicator="rokers")
    at.sidebar.selectbox(key="w_indicator").set_value("werkloosheid")
    at.sidebar.radio(key="w_schaal").set_value("nederland")
    rerun(at)
    assert_clean(at)
    assert texts(at.title) == [store.indicator("werkloosheid").label("nl")]
    assert at.sidebar.selectbox(key="w_indicator").value == "werkloosheid"
    assert at.sidebar.radio(key="w_schaal").value == "nederland"
    assert at.query_params.get("indicator") == "werkloosheid"
    assert at.query_params.get("schaal") == "nederland"
    # the period follows the new indicator: its latest, in the page and in the control
    latest = store.latest_period("werkloosheid")
    assert at.sidebar.selectbox(key="w_periode").value == latest


def test_a_page_that_ends_early_still_has_its_controls(store, monkeypatch):
    at = open_app(indicator="rokers", schaal="nederland")
    monkeypatch.setattr(cache, "map_view", lambda view: controls.end_page())
    rerun(at)
    assert not at.exception
    assert at.sidebar.selectbox(key="w_indicator").value == "rokers"
    assert at.sidebar.radio(key="w_schaal").value == "nederland"
    monkeypatch.undo()
    rerun(at)  # the values were kept, not reset to the defaults
    assert_clean(at)
    assert at.query_params.get("schaal") == "nederland"
    assert texts(at.title) == [store.indicator("rokers").label("nl")]


def test_a_page_that_fails_still_has_its_controls(store, monkeypatch):
    at = open_app(indicator="rokers")

    def broken(view):
        raise RuntimeError("a bug in a page")

    monkeypatch.setattr(cache, "map_view", broken)
    rerun(at)
    assert len(at.exception) == 1  # shown (its details are in the log, not on the page)
    assert at.sidebar.selectbox(key="w_indicator").value == "rokers"
