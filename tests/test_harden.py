"""Issue 21, hardening: what no visitor may see or do. Tracebacks show nothing
(showErrorDetails "none"), a client's clear_cache leaves the shared caches alone (through
Streamlit's own handler in process, and through a real websocket to a real server)."""

from __future__ import annotations

import time
import tomllib
from pathlib import Path
from types import SimpleNamespace

from streamlit.config import ShowErrorDetailsConfigOptions
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime.app_session import AppSession

from dashboard.app import resources
from dashboard.model.errors import DataError
from dashboard.testing import streamlit_server
from tests.support.apptest import APP, assert_clean, open_app, texts

ROOT = Path(__file__).resolve().parents[1]
LOADING = "Gegevens laden…"  # get_store's spinner: the store is being loaded


def test_a_crash_shows_no_details_to_the_visitor():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    # false means "stacktrace" in Streamlit 1.67 (type, source lines, server paths)
    assert config["client"]["showErrorDetails"] == ShowErrorDetailsConfigOptions.NONE == "none"


def test_a_clients_clear_cache_leaves_the_store_loaded(monkeypatch):
    at = open_app()
    assert_clean(at)
    store = resources.get_store()
    session_state = SimpleNamespace(cleared=0)
    session_state.clear = lambda: setattr(session_state, "cleared", session_state.cleared + 1)
    # what Streamlit's runtime calls for a client's clear_cache back message
    AppSession._handle_clear_cache_request(SimpleNamespace(_session_state=session_state, id="x"))

    def reload(*args, **kwargs):
        raise DataError("the store was loaded again")

    monkeypatch.setattr(resources, "load_store", reload)
    again = open_app()
    assert_clean(again)
    assert not texts(again.warning)
    assert resources.get_store() is store
    assert session_state.cleared == 1  # only the sender's own state


def _run(ws, query: str) -> list[str]:
    """One script run of a session; the texts of the spinners it showed."""
    msg = BackMsg()
    msg.rerun_script.query_string = query
    msg.rerun_script.page_name = ""
    msg.rerun_script.widget_states.SetInParent()
    ws.send(msg.SerializeToString())
    spinners = []
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        frame = ws.recv(timeout=240)
        if isinstance(frame, str):
            continue
        fwd = ForwardMsg()
        fwd.ParseFromString(frame)
        kind = fwd.WhichOneof("type")
        if LOADING.encode() in frame:  # the store's spinner (a transient element)
            spinners.append(LOADING)
        if kind == "script_finished" and fwd.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
            return spinners
    raise AssertionError("the script run did not finish")


def test_clear_cache_through_a_real_websocket_is_refused(tmp_path):
    from websockets.sync.client import connect

    env = {"DASHBOARD_CACHE_DIR": "off"}  # a store built from the sources: 2 s, shows its spinner
    with streamlit_server(ROOT / "app.py", tmp_path / "server.log", env=env) as server:
        uri = server.url.replace("http://", "ws://") + "/_stcore/stream"
        with connect(uri, subprotocols=["streamlit"], max_size=None) as ws:
            first = _run(ws, "")
            assert LOADING in first
            clear = BackMsg()
            clear.clear_cache = True
            ws.send(clear.SerializeToString())
            second = _run(ws, "")
        log = server.log.read_text()
    assert LOADING not in second  # the store was not built again
    assert "Refused a client's clear_cache request" in log
    assert "Traceback" not in log
