"""Streamlit elements whose message is built once per view and sent again on every run.

``st.dataframe`` marshals a pandas Styler on every script run: styles computed cell by cell,
the table rendered to find each display value, two Arrow files written. For the Regio's
comparison table (74 rows) that took 15–19 ms of every run of the page, and under thirty
sessions a quarter of the time the server's interpreter was busy (py-spy --gil,
docs/benchmarks.md, issue 17). The table only changes with its view, so its protobuf is made
once (:func:`dataframe_proto`, cached in app/cache.py) and each run sends a copy (:func:`show`).

Both follow what ``st.dataframe`` does in Streamlit 1.67 for a Styler without selections;
tests/test_elements.py checks that the element sent equals the one ``st.dataframe`` sends,
so an upgrade that changes it fails there, not on screen.
"""

from __future__ import annotations

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
from streamlit.proto.Dataframe_pb2 import Dataframe as DataframeProto

__all__ = ["DataframeProto", "dataframe_proto", "show"]


def dataframe_proto(styler: Styler, hide_index: bool = True) -> DataframeProto:
    """The message ``st.dataframe(styler, hide_index=hide_index)`` sends (read-only, no
    selections). The Styler needs a fixed uuid (``set_uuid``); pandas' default is random, and
    ``st.dataframe``'s would depend on the element's place."""
    proto = DataframeProto()
    proto.editing_mode = DataframeProto.EditingMode.READ_ONLY
    marshall_styler(proto.arrow_data, styler, default_uuid=str(styler.uuid))
    frame = dataframe_util.convert_anything_to_pandas_df(styler, ensure_copy=False)
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
