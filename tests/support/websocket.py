"""A Streamlit session over a real websocket, for the tests that need the real server: one
script run, as the frontend asks for it (Streamlit 1.67's BackMsg and ForwardMsg)."""

from __future__ import annotations

import time

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg


def script_run(ws, query: str = "", timeout: float = 240) -> list[bytes]:
    """Ask for one run of the page at ``query``; every binary frame the server sends until
    the run has finished (a run that ends early for a rerun is followed by the next)."""
    msg = BackMsg()
    msg.rerun_script.query_string = query
    msg.rerun_script.page_name = ""
    msg.rerun_script.widget_states.SetInParent()
    ws.send(msg.SerializeToString())
    frames: list[bytes] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        frame = ws.recv(timeout=timeout)
        if isinstance(frame, str):
            continue
        frames.append(frame)
        fwd = ForwardMsg()
        fwd.ParseFromString(frame)
        if (
            fwd.WhichOneof("type") == "script_finished"
            and fwd.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN
        ):
            return frames
    raise AssertionError("the script run did not finish")
