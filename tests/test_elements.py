"""app/elements.py: a table whose message is built once is the element st.dataframe sends;
render/tables.py: the comparison's colours."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.delta_generator import DeltaGenerator
from streamlit.testing.v1 import AppTest

from dashboard.app import cache, elements
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
        if delta_type == "dataframe":
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
