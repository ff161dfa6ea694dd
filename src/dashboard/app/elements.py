"""Streamlit elements whose message is built once per view and sent again on every run.

Tables and charts: ``st.dataframe`` writes every table to Arrow on every run, and
``st.vega_lite_chart`` writes every chart's spec as JSON twice (``json.dumps``, then its
stabilising pass), region maps with their GeoJSON.

``st.dataframe`` marshals a pandas Styler on every script run: styles computed cell by cell,
the table rendered to find each display value, two Arrow files written. For the Regio's
comparison table (74 rows) that took 15–19 ms of every run of the page, and under thirty
sessions a quarter of the time the server's interpreter was busy (py-spy --gil,
docs/benchmarks.md, issue 17). The table only changes with its view, so its protobuf is made
once (:func:`dataframe_proto`, cached in app/cache.py) and each run sends a copy (:func:`show`).

Each follows what ``st.dataframe`` / ``st.vega_lite_chart`` do in Streamlit 1.67 without
selections; tests/test_elements.py checks that the element sent equals the one Streamlit's own
command sends, so an upgrade that changes it fails there, not on screen.
"""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler
from streamlit import dataframe_util
from streamlit.elements.lib.column_config_utils import (
    INDEX_IDENTIFIER,
    marshall_column_config,
    update_column_config,
)
from streamlit.elements.lib.layout_utils import LayoutConfig, Width
from streamlit.elements.lib.pandas_styler_utils import marshall_styler
from streamlit.elements.vega_charts import (
    _marshall_chart_data,
    _prepare_vega_lite_spec,
    _stabilize_vega_json_spec,
)
from streamlit.proto.Dataframe_pb2 import Dataframe as DataframeProto
from streamlit.proto.VegaLiteChart_pb2 import VegaLiteChart as VegaLiteChartProto

__all__ = [
    "DataframeProto",
    "VegaLiteChartProto",
    "dataframe_proto",
    "show",
    "show_chart",
    "vega_proto",
]


def dataframe_proto(data: Styler | pd.DataFrame, hide_index: bool = True) -> DataframeProto:
    """The message ``st.dataframe(data, hide_index=hide_index)`` sends for a DataFrame or a
    Styler (read-only, no selections). A Styler needs a fixed uuid (``set_uuid``); pandas'
    default is random, and ``st.dataframe``'s would depend on the element's place."""
    proto = DataframeProto()
    proto.editing_mode = DataframeProto.EditingMode.READ_ONLY
    if isinstance(data, Styler):
        marshall_styler(proto.arrow_data, data, default_uuid=str(data.uuid))
    frame = dataframe_util.convert_anything_to_pandas_df(data, ensure_copy=False)
    proto.arrow_data.data = dataframe_util.convert_pandas_df_to_arrow_bytes(frame)
    config: dict = {}
    update_column_config(config, INDEX_IDENTIFIER, {"hidden": hide_index})
    marshall_column_config(proto, config)
    return proto


def show(proto: DataframeProto, width: Width = "stretch") -> None:
    """Send a table made by :func:`dataframe_proto` at the current place on the page (inside
    a ``with`` block too, as ``st.dataframe`` does); the cached message itself is not changed
    (Streamlit copies it into the delta)."""
    st._main._enqueue("dataframe", proto, layout_config=LayoutConfig(width=width))


def vega_proto(spec: dict, width: Width = "stretch") -> VegaLiteChartProto:
    """The message ``st.vega_lite_chart(spec, width=width)`` sends (Streamlit's theme, no
    selections); ``spec`` itself is not changed."""
    proto = VegaLiteChartProto()
    prepared = _prepare_vega_lite_spec(spec, width == "stretch")
    _marshall_chart_data(proto, prepared, None)
    proto.spec = _stabilize_vega_json_spec(json.dumps(prepared))
    proto.theme = "streamlit"
    return proto


def show_chart(proto: VegaLiteChartProto, width: Width = "stretch") -> None:
    """Send a chart made by :func:`vega_proto` (with the same ``width``) here."""
    layout = LayoutConfig(width=width, height="content")
    st._main._enqueue("vega_lite_chart", proto, layout_config=layout)
