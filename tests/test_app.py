"""The app in Streamlit's AppTest: every indicator on every scope renders, the URL round-trips,
and hostile URLs show the default view with an escaped notice."""

from __future__ import annotations

import re

import pytest

from dashboard.model.store import level
from dashboard.vocabulary import SCOPES
from tests.support.apptest import assert_clean, html_bodies, open_app, rerun, texts


@pytest.fixture(scope="module")
def catalog(store):
    return store.catalog


@pytest.mark.parametrize("scope", SCOPES)
def test_every_indicator_renders_on_every_scope(store, scope):
    at = open_app(schaal=scope)
    assert_clean(at)
    for ind in store.catalog:
        at.session_state["w_indicator"] = ind.id
        rerun(at)
        assert_clean(at)
        assert texts(at.title) == [ind.label("nl")], ind.id
        assert at.sidebar.selectbox[1].value == store.latest_period(ind.id)
        assert at.query_params.get("indicator") == (
            None if ind.id == "vrijwilligerswerk" else ind.id
        )
        captions = " ".join(texts(at.caption))
        assert "Bron:" in captions and store.latest_period(ind.id)[:4] in captions, ind.id
        lvl = level(set(store.frame(ind.id)["region_code"]))
        markdown = " ".join(texts(at.markdown))
        if lvl in ("gemeente", "corop"):
            assert len(at.get("deck_gl_json_chart")) == 1, ind.id
            assert 'class="bw-legend"' in html_bodies(at), ind.id
            assert ind.label("nl") in markdown, ind.id  # the summary sentence
        else:
            assert len(at.get("deck_gl_json_chart")) == 0, ind.id
            assert any("geen kaart" in i for i in texts(at.info)), ind.id
        if lvl == "corop":
            assert "de kaart toont de COROP-regio's" in " ".join(texts(at.info)), ind.id


def test_url_round_trip(store):
    params = {
        "indicator": "overgewicht",
        "periode": "2020",
        "gemeente": ["GM0114", "GM1730"],
        "schaal": "noord-nederland",
        "taal": "en",
        "kleur": "nederland",
    }
    at = open_app(**params)
    assert_clean(at)
    assert not at.warning
    assert [s.value for s in at.sidebar.selectbox][:2] == ["overgewicht", "2020"]
    assert at.sidebar.multiselect[0].value == ["GM0114", "GM1730"]
    assert [r.value for r in at.sidebar.radio] == ["noord-nederland", "nederland"]
    assert texts(at.title) == [store.indicator("overgewicht").label("en")]
    assert at.query_params == params

    again = open_app(**at.query_params)
    assert texts(again.title) == texts(at.title)
    assert [s.value for s in again.sidebar.selectbox][:2] == ["overgewicht", "2020"]


def test_widget_changes_are_written_to_the_url():
    at = open_app(indicator="werkloosheid")
    at.sidebar.selectbox[1].select("2022")
    rerun(at)
    assert at.query_params == {"indicator": "werkloosheid", "periode": "2022"}
    at.sidebar.radio[0].set_value("nederland")
    rerun(at)
    assert at.query_params == {
        "indicator": "werkloosheid",
        "periode": "2022",
        "schaal": "nederland",
    }
    # a new indicator starts at its own latest period: the URL drops the frozen period
    at.sidebar.selectbox[0].select("overgewicht")
    rerun(at)
    assert at.sidebar.selectbox[1].value == "2022"
    assert at.query_params == {"indicator": "overgewicht", "schaal": "nederland"}
    at.sidebar.multiselect[0].select("GM0114")
    rerun(at)
    assert at.query_params["gemeente"] == "GM0114"


@pytest.mark.parametrize(
    ("params", "notice"),
    [
        ({"indicator": "<script>alert(1)</script>"}, "Onbekende indicator"),
        ({"indicator": "x" * 10_000}, "Onbekende indicator"),
        ({"periode": "1850"}, "Periode"),
        ({"gemeente": "GM9999"}, "Onbekende gemeentecode"),
        ({"schaal": "<img src=x onerror=alert(1)>"}, "Onbekende waarde"),
        ({"taal": "x" * 10_000}, "Onbekende waarde"),
        ({"kleur": "[klik](javascript:alert(1))"}, "Onbekende waarde"),
    ],
)
def test_hostile_url_shows_the_default_view_with_an_escaped_notice(store, params, notice):
    at = open_app(**params)
    assert_clean(at)
    assert texts(at.title) == [store.indicator("vrijwilligerswerk").label("nl")]
    assert len(at.warning) == 1
    warning = at.warning[0].value
    assert warning.startswith(notice)
    assert len(warning) < 300  # long junk is cut short, not echoed
    # every markup character from the URL is backslash-escaped: shown as text, never rendered
    assert re.search(r"(?<!\\)[<>\[\]()]", warning) is None
    # nothing from the URL reaches HTML that Streamlit renders unescaped
    for md in at.markdown:
        if md.allow_html:
            assert "alert(1)" not in md.value


def test_english_interface(store):
    at = open_app(taal="en", indicator="werkloosheid", periode="2024")
    assert_clean(at)
    assert texts(at.title) == ["Unemployment"] == [store.indicator("werkloosheid").label("en")]
    assert at.sidebar.selectbox[0].label == "Indicator"
    assert at.sidebar.selectbox[1].label == "Period"
    summary = [m for m in texts(at.markdown) if m.startswith("**")]
    assert summary and "highest in Assen" in summary[0]


def test_the_map_sent_carries_every_gemeente_in_its_class_colour(store):
    """The (cached, prepared) map spec: one colour per gemeente, its class colour; the
    geometry (areas and borders) in static files the browser fetches by URL; the chosen
    gemeente outlined, and the tooltip; switching the gemeente changes only that."""
    import json

    from dashboard.app import resources
    from dashboard.render import maps
    from dashboard.render.classify import hex_to_rgba
    from dashboard.state import ViewState
    from dashboard.views import mapview

    def fetched(url: str):  # what the browser gets for a URL of the map
        assert url.startswith("/app/static/geo/drenthe-gemeente-"), url
        return json.loads((resources.STATIC_DIR / "geo" / url.rsplit("/", 1)[1]).read_text())

    at = open_app(indicator="werkloosheid", gemeente="GM0114")
    assert_clean(at)
    element = at.get("deck_gl_json_chart")[0].proto
    spec = json.loads(element.json)
    layers = {layer["id"]: layer for layer in spec["layers"]}
    mv = mapview.map_view(store, ViewState(indicator="werkloosheid"))
    colours = layers["gebieden"]["getFillColor"]
    assert colours["@@function"] == "colorCategories" and colours["attr"] == "region_code"
    fills = dict(zip(colours["domain"], colours["colors"], strict=True))
    assert fills == {row.region_code: hex_to_rgba(row.color) for row in mv.table.itertuples()}
    assert len(fills) == 12
    areas = fetched(layers["gebieden"]["data"])
    assert sorted(f["properties"]["region_code"] for f in areas["features"]) == sorted(fills)
    assert fetched(layers["borders"]["data"]) == maps.edges(areas)
    assert layers["selected"]["data"] == maps.edges(maps.only(areas, ["GM0114"]))
    tip = json.loads(element.tooltip)["html"]
    assert tip.startswith('<div class="bw-tip {tip_key}">')
    gemeente = next(f for f in areas["features"] if f["properties"]["region_code"] == "GM0114")
    row = mv.table.set_index("region_code").loc["GM0114"]
    key = gemeente["properties"]["tip_key"]
    assert f"<p class={key}>{row['tip_name']}\n{row['tip_value']}\n" in tip

    at = open_app(indicator="werkloosheid", gemeente="GM0106")
    spec2 = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    layers2 = {layer["id"]: layer for layer in spec2["layers"]}
    assert layers2["selected"]["data"] == maps.edges(maps.only(areas, ["GM0106"]))
    assert layers2["selected"]["data"] != layers["selected"]["data"]
    assert layers2["borders"] == layers["borders"]
    assert layers2["gebieden"]["data"] == layers["gebieden"]["data"]


def test_the_ranking_sent_holds_every_value_as_arrow(store):
    """The cached ranking spec carries its data as Arrow (converted once): every gemeente
    with a value, equal to the source."""
    import json

    import pyarrow as pa

    at = open_app(indicator="werkloosheid")
    assert_clean(at)
    (chart,) = at.get("vega_lite_chart")
    assert "datasets" not in json.loads(chart.proto.spec)
    tables = [pa.ipc.open_stream(d.data.data).read_all() for d in chart.proto.datasets]
    ranked = next(t for t in tables if "region_code" in t.column_names).to_pandas()
    period = store.latest_period("werkloosheid")
    assert dict(zip(ranked["region_code"], ranked["value"], strict=True)) == {
        code: store.value("werkloosheid", code, period) for code in ranked["region_code"]
    }
    assert len(ranked) == 12


def test_deselecting_the_language_keeps_the_language(store):
    # a segmented control sends None when its chosen option is clicked again; the session
    # then fell back to Dutch
    at = open_app(indicator="rokers", taal="en")
    assert texts(at.title) == [store.indicator("rokers").label("en")]
    at.session_state["w_taal"] = None
    rerun(at)
    assert_clean(at)
    assert texts(at.title) == [store.indicator("rokers").label("en")]
    assert at.session_state["w_taal"] == "en"  # shown chosen again
    assert at.query_params.get("taal") == "en"
