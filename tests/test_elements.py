"""app/elements.py: a table or chart whose message is built once is the element st.dataframe
or st.vega_lite_chart sends; render/tables.py: the comparison's colours."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.delta_generator import DeltaGenerator
from streamlit.testing.v1 import AppTest

from dashboard.app import cache, elements, keys
from dashboard.render import tables
from dashboard.state import ViewState
from tests.support.apptest import APP, assert_clean

SHOWN = pd.DataFrame(
    {
        "Indicator": ["Werkloosheid", "Inkomen", "Rokers"],
        "Noord-Drenthe": ["✓ 3,1%", "€ 35,0 duizend", None],
        "Zuidoost-Drenthe": ["✗ 4,2%", "—", "▲ 21%"],
    }
).astype("string")


def _both_ways() -> None:
    """st.dataframe and elements.show, one after the other, at the top and in a column."""
    import pandas as pd
    import streamlit as st

    from dashboard.app import elements
    from dashboard.render import tables

    shown = pd.DataFrame(st.session_state["shown"]).astype("string")
    st.dataframe(tables.comparison_styler(shown), hide_index=True, width="stretch")
    elements.show(elements.dataframe_proto(tables.comparison_styler(shown)), width="stretch")
    _, right = st.columns(2)
    with right:
        elements.show(elements.dataframe_proto(tables.comparison_styler(shown)), width="stretch")


@pytest.fixture
def sent(monkeypatch) -> list[tuple]:
    """Every element a script run enqueues: its type, message bytes and layout."""
    calls: list[tuple] = []
    original = DeltaGenerator._enqueue

    def recording(self, delta_type, element_proto, layout_config=None, **kwargs):
        if delta_type in ("dataframe", "vega_lite_chart"):
            calls.append((delta_type, element_proto.SerializeToString(), layout_config))
        return original(self, delta_type, element_proto, layout_config, **kwargs)

    monkeypatch.setattr(DeltaGenerator, "_enqueue", recording)
    return calls


def test_a_table_built_once_is_the_element_st_dataframe_sends(sent):
    at = AppTest.from_function(_both_ways)
    at.session_state["shown"] = SHOWN.to_dict(orient="list")
    at.run()
    assert not at.exception
    assert len(sent) == 3
    assert {kind for kind, _, _ in sent} == {"dataframe"}
    assert sent[1] == sent[0]  # same message bytes, same layout (width "stretch")
    assert sent[2] == sent[0]
    # the third sits in the right-hand column, as st.dataframe inside `with` would
    assert len(at.columns[1].get("dataframe")) == 1
    assert len(at.columns[0].get("dataframe")) == 0
    shown = at.dataframe[1]
    assert shown.proto.arrow_data.styler.uuid == tables.COMPARISON_UUID
    assert shown.value.fillna("<leeg>").values.tolist() == [
        ["Werkloosheid", "✓ 3,1%", "✗ 4,2%"],
        ["Inkomen", "€ 35,0 duizend", "—"],
        ["Rokers", "<leeg>", "▲ 21%"],
    ]


def test_the_message_of_a_table_is_the_same_on_every_build():
    # a fixed uuid: the same bytes each time, so the browser's message cache can be used
    first = elements.dataframe_proto(tables.comparison_styler(SHOWN)).SerializeToString()
    again = elements.dataframe_proto(tables.comparison_styler(SHOWN)).SerializeToString()
    assert first == again


def test_best_and_worst_cells_are_coloured_and_no_others():
    assert tables.cell_colour("✓ 3,1%") == f"background-color: {tables.BEST_COLOR}"
    assert tables.cell_colour("✗ 4,2%") == f"background-color: {tables.WORST_COLOR}"
    for cell in ("▲ 21%", "▼ 2%", "3,1% ✓", "—", None, pd.NA):
        assert tables.cell_colour(cell) == ""
    styles = elements.dataframe_proto(tables.comparison_styler(SHOWN)).arrow_data.styler.styles
    assert styles.count(tables.BEST_COLOR) == 1
    assert styles.count(tables.WORST_COLOR) == 1


def test_the_regions_page_sends_the_cached_comparison_of_its_view(store, sent):
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page("app_pages/regios.py")
    at.run()
    assert_clean(at)
    view = ViewState(indicator="werkloosheid", scope="drenthe", lang="nl")
    cv = cache.comparison_view(view)
    assert at.dataframe[0].value.fillna("").equals(cv.shown.fillna(""))
    built = elements.dataframe_proto(tables.comparison_styler(cv.shown))
    assert sent[-1][1] == built.SerializeToString()
    # a switch to another indicator sends the same table, from the cache
    at.session_state["w_indicator"] = "rokers"
    at.run()
    assert_clean(at)
    assert sent[-1][1] == built.SerializeToString()
    assert cache.comparison_table(view) is cache.comparison_table(view)


def _charts_both_ways() -> None:
    """st.vega_lite_chart and elements.show_chart, for both widths the pages use."""
    import streamlit as st

    from dashboard.app import elements

    spec = st.session_state["spec"]
    for width in ("stretch", "content"):
        st.vega_lite_chart(spec, width=width)
        elements.show_chart(elements.vega_proto(spec, width), width=width)


def _spec() -> dict:
    """A layered chart with a tabular dataset (Arrow bytes, as cache.arrow_spec makes them)
    and a GeoJSON one (kept in the spec)."""
    from streamlit.dataframe_util import convert_anything_to_arrow_bytes

    rows = [{"name": "Assen", "value": 3.1}, {"name": "Emmen", "value": 4.2}]
    square = [[[6.5, 52.9], [6.6, 52.9], [6.6, 53.0], [6.5, 52.9]]]
    geo = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"name": "Assen"},
             "geometry": {"type": "Polygon", "coordinates": square}},
        ],
    }  # fmt: skip
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "description": "Werkloosheid. Assen laagst.",
        "datasets": {"rows": convert_anything_to_arrow_bytes(rows), "areas": geo},
        "vconcat": [
            {"data": {"name": "rows"}, "mark": "bar",
             "encoding": {"x": {"field": "value", "type": "quantitative"},
                          "y": {"field": "name", "type": "nominal"}}},
            {"data": {"name": "areas", "format": {"type": "json", "property": "features"}},
             "mark": "geoshape"},
        ],
    }  # fmt: skip


def test_a_chart_built_once_is_the_element_st_vega_lite_chart_sends(sent):
    spec = _spec()
    at = AppTest.from_function(_charts_both_ways)
    at.session_state["spec"] = spec
    at.run()
    assert not at.exception
    assert [kind for kind, _, _ in sent] == ["vega_lite_chart"] * 4
    assert sent[1] == sent[0]  # stretch: same bytes, same layout
    assert sent[3] == sent[2]  # content
    assert sent[2] != sent[0]  # the width is in the message: the two are not the same
    proto = at.get("vega_lite_chart")[1].proto
    assert [d.name for d in proto.datasets] == ["rows"]  # the GeoJSON stays in the spec
    assert '"areas"' in proto.spec and proto.theme == "streamlit"
    assert spec == _spec()  # the spec given is not changed


def test_the_pages_send_each_chart_from_its_cached_message(store, sent):
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["indicator"] = "werkloosheid"
    at.run()
    sent.clear()  # the map page's ranking
    for page in ("app_pages/regios.py", "app_pages/trends.py"):
        at.switch_page(page).run()
        assert_clean(at)
    first = [body for kind, body, _ in sent if kind == "vega_lite_chart"]
    assert len(first) == 4  # the strip, the region map, the trend, the small multiples
    sent.clear()
    for page in ("app_pages/regios.py", "app_pages/trends.py"):  # again: the same messages
        at.switch_page(page).run()
    assert [body for kind, body, _ in sent if kind == "vega_lite_chart"] == first
    view = at.session_state[keys.CURRENT]
    title = f"Trends: {store.indicator('werkloosheid').label('nl')}"
    summary = cache.trend_view(view).summary
    made = cache.chart(
        "trend", cache.for_trend(view), ((), "absoluut"), lambda: None, title=title, summary=summary
    )  # found, not made again (make would give None)
    assert made is not None and made.SerializeToString() == first[2]


def _frames_both_ways() -> None:
    """A plain DataFrame (numbers, text, a gap) both ways."""
    import pandas as pd
    import streamlit as st

    from dashboard.app import elements

    frame = pd.DataFrame(
        {"Gemeente": ["Assen", "Emmen", "Tynaarlo"], "Waarde": [3.1, None, 2.0]}
    ).astype({"Gemeente": "string"})
    st.dataframe(frame, hide_index=True, width="stretch")
    elements.show(elements.dataframe_proto(frame, hide_index=True), width="stretch")


def test_a_plain_table_built_once_is_the_element_st_dataframe_sends(sent):
    at = AppTest.from_function(_frames_both_ways)
    at.run()
    assert not at.exception
    assert len(sent) == 2 and sent[1] == sent[0]
    assert not at.dataframe[1].proto.arrow_data.styler.uuid  # no Styler: no styles sent
    shown = at.dataframe[1].value
    assert shown["Gemeente"].tolist() == ["Assen", "Emmen", "Tynaarlo"]
    assert shown["Waarde"].isna().tolist() == [False, True, False]  # the gap stays a gap


def test_the_map_and_trends_tables_are_sent_from_their_cached_messages(store, sent):
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["indicator"] = "werkloosheid"
    at.run()
    assert_clean(at)
    view = at.session_state[keys.CURRENT]
    tables_sent = [body for kind, body, _ in sent if kind == "dataframe"]
    map_table = elements.dataframe_proto(cache.map_table(view), hide_index=True)
    assert tables_sent == [map_table.SerializeToString()]
    assert at.dataframe[0].value.equals(cache.map_table(view))
    sent.clear()
    at.switch_page("app_pages/trends.py").run()
    assert_clean(at)
    changes = elements.dataframe_proto(cache.trend_view(view).changes, hide_index=True)
    assert [body for kind, body, _ in sent if kind == "dataframe"] == [changes.SerializeToString()]
