"""A minimal Streamlit client at websocket level: the messages a browser tab sends, none of
its rendering. Lets the concurrency benchmark run 30 sessions on a 2-core machine without
30 software-rendered Chromiums measuring themselves instead of the server.

What it sends is what Streamlit's frontend sends (captured from Debian Chromium with
Playwright and decoded with streamlit.proto): on connect a `rerun_script` BackMsg with the
page name, query string and context (locale nl-NL, UTC); on a widget change a `rerun_script`
with that widget's new state, the current page's script hash and the hashes of the messages
it holds (Streamlit's forward-message cache: the server then sends a reference instead of
an element the client has). What it reads: every ForwardMsg of the run, until
`script_finished`. Element values are not rendered; headings, exceptions and the size of
the map spec are recorded so a run can be checked.

    async with StreamlitSession.open("http://127.0.0.1:8501", "/") as s:
        first = await s.run_initial()
        widget = s.widget("w_indicator")
        result = await s.set_widget(widget.id, string_value=widget.options[3])
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ContextInfo
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

# Streamlit's frontend drops cached messages after this many script runs without them
# (the server says so in new_session.config.max_cached_message_age; 2 in 1.67).
DEFAULT_CACHE_AGE = 2


@dataclass
class Widget:
    id: str
    kind: str
    options: list[str]


@dataclass
class RunResult:
    """One script run as the client saw it."""

    seconds: float  # from sending the BackMsg to receiving script_finished
    first_delta_s: float | None  # to the first element of the run
    bytes: int  # websocket payload received (after decompression)
    messages: int
    status: str  # FINISHED_SUCCESSFULLY, ... or "disconnected"
    headings: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # st.error texts
    map_bytes: int = 0  # size of the deck.gl JSON spec(s) sent
    cache_refs: int = 0  # elements the server sent as references to the client's cache

    @property
    def ok(self) -> bool:
        return self.status == "FINISHED_SUCCESSFULLY" and not self.exceptions


class StreamlitSession:
    def __init__(self, ws: Any, base: str, path: str, query: str, locale: str) -> None:
        self.ws = ws
        self.base = base
        self.path = path
        self.query = query
        self.locale = locale
        self.page_script_hash = ""
        self.widgets: dict[str, Widget] = {}
        self.cache: dict[str, int] = {}  # message hash -> run number last seen
        self.cache_age = DEFAULT_CACHE_AGE
        self.runs = 0
        self.session_id = ""  # the server's AppSession id (new_session.initialize)
        self.deferred: dict[str, str] = {}  # download button id -> its deferred file id

    @classmethod
    @contextlib.asynccontextmanager
    async def open(
        cls,
        base: str,
        path: str = "/",
        query: str = "",
        locale: str = "nl-NL",
        headers: dict[str, str] | None = None,
    ) -> AsyncIterator[StreamlitSession]:
        """``base`` is the app's root, with the path prefix of a proxy when there is one
        (``http://127.0.0.1:8080/bw``); ``headers`` go with the websocket handshake (a
        browser's cookies). The handshake carries the app's origin as a browser's does."""
        from websockets.asyncio.client import connect

        parts = urlsplit(base)
        uri = f"ws://{parts.netloc}{parts.path.rstrip('/')}/_stcore/stream"
        origin = f"{parts.scheme}://{parts.netloc}"
        # permessage-deflate is offered as a browser does; no size limit (a Nederland map
        # spec is about 1 MB)
        async with connect(
            uri,
            subprotocols=["streamlit"],
            max_size=None,
            origin=origin,  # type: ignore[arg-type]
            additional_headers=headers,
        ) as ws:
            yield cls(ws, base, path, query, locale)

    def _context(self) -> ContextInfo:
        url = self.base + self.path + (f"?{self.query}" if self.query else "")
        return ContextInfo(
            timezone="UTC",
            timezone_offset=0,
            locale=self.locale,
            url=url,
            is_embedded=False,
            color_scheme="light",
        )

    async def run_initial(self, timeout: float = 300) -> RunResult:
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query
        state.page_name = self.path.strip("/")
        state.widget_states.SetInParent()
        state.context_info.CopyFrom(self._context())
        return await self._run(msg, timeout)

    async def set_widget(self, widget_id: str, timeout: float = 60, **value: Any) -> RunResult:
        """Rerun with one widget's new state, e.g. ``string_value="…"``; the other widgets
        keep the state the server holds for this session."""
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query
        state.page_script_hash = self.page_script_hash
        widget = WidgetState(id=widget_id, **value)
        state.widget_states.widgets.append(widget)
        state.cached_message_hashes.extend(sorted(self.cache))
        state.context_info.CopyFrom(self._context())
        return await self._run(msg, timeout)

    def widget(self, key: str) -> Widget:
        """The widget whose user key is ``key`` (ids end in ``-<key>``)."""
        for wid, w in self.widgets.items():
            if wid.endswith(f"-{key}"):
                return w
        raise KeyError(f"no widget with key {key!r} in this session's last run")

    async def deferred_file(self, key: str, timeout: float = 60) -> str:
        """Click the download button whose user key is ``key`` (a file made on click): the
        server runs its callable and answers with the file's URL (a path, ``/media/...``,
        served by the same process only)."""
        import asyncio
        import uuid

        from streamlit.proto.BackMsg_pb2 import BackendOperationRequest, DeferredFileRequestPayload

        (file_id,) = [f for wid, f in self.deferred.items() if wid.endswith(f"-{key}")]
        request_id = str(uuid.uuid4())
        msg = BackMsg()
        msg.backend_operation_request.CopyFrom(
            BackendOperationRequest(
                request_id=request_id,
                session_id=self.session_id,
                deferred_file=DeferredFileRequestPayload(file_id=file_id),
            )
        )
        await self.ws.send(msg.SerializeToString())
        async with asyncio.timeout(timeout):
            while True:
                fwd = ForwardMsg()
                fwd.ParseFromString(await self.ws.recv())
                if fwd.WhichOneof("type") != "backend_operation_response":
                    continue
                answer = fwd.backend_operation_response
                if answer.request_id != request_id:
                    continue
                if answer.error_msg:
                    raise RuntimeError(f"download {key!r}: {answer.error_msg}")
                return answer.deferred_file.url

    async def _run(self, msg: BackMsg, timeout: float) -> RunResult:
        import asyncio

        self.runs += 1
        t0 = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        result = RunResult(seconds=0.0, first_delta_s=None, bytes=0, messages=0, status="")
        try:
            async with asyncio.timeout(timeout):
                while not result.status:
                    frame = await self.ws.recv()
                    self._read(frame, result, t0)
        except TimeoutError:
            result.status = "timeout"
        except Exception as exc:  # noqa: BLE001 - connection closed and the like
            result.status = f"disconnected: {type(exc).__name__}"
        result.seconds = time.perf_counter() - t0
        # forget what the frontend would have evicted
        self.cache = {h: r for h, r in self.cache.items() if self.runs - r < self.cache_age}
        return result

    def _read(self, frame: bytes | str, result: RunResult, t0: float) -> None:
        if isinstance(frame, str):
            return
        result.bytes += len(frame)
        result.messages += 1
        fwd = ForwardMsg()
        fwd.ParseFromString(frame)
        kind = fwd.WhichOneof("type")
        if fwd.metadata.cacheable and fwd.hash:
            self.cache[fwd.hash] = self.runs
        if kind == "new_session":
            age = fwd.new_session.config.max_cached_message_age
            self.cache_age = age or DEFAULT_CACHE_AGE
            self.page_script_hash = fwd.new_session.page_script_hash
            self.session_id = fwd.new_session.initialize.session_id or self.session_id
        elif kind == "navigation":
            self.page_script_hash = fwd.navigation.page_script_hash or self.page_script_hash
        elif kind == "page_info_changed":
            self.query = fwd.page_info_changed.query_string
        elif kind == "ref_hash":
            result.cache_refs += 1
            self.cache[fwd.ref_hash] = self.runs
        elif kind == "delta":
            if result.first_delta_s is None:
                result.first_delta_s = time.perf_counter() - t0
            self._element(fwd, result)
        elif kind == "script_finished":
            result.status = ForwardMsg.ScriptFinishedStatus.Name(fwd.script_finished)
            if fwd.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                result.status = ""  # another run follows (e.g. a rerun from the script)

    def _element(self, fwd: ForwardMsg, result: RunResult) -> None:
        if fwd.delta.WhichOneof("type") != "new_element":
            return
        element = fwd.delta.new_element
        kind = element.WhichOneof("type")
        if kind is None:
            return
        body = getattr(element, kind)
        if kind == "heading":
            result.headings.append(body.body)
        elif kind == "exception":
            result.exceptions.append(f"{body.type}: {body.message}"[:300])
        elif kind == "alert" and body.format == body.ERROR:
            result.errors.append(body.body[:300])
        elif kind == "deck_gl_json_chart":
            result.map_bytes += len(body.json)
        wid = getattr(body, "id", "") if hasattr(body, "id") else ""
        if kind == "download_button" and body.deferred_file_id:
            self.deferred[wid] = body.deferred_file_id
        if wid.startswith("$$ID-"):
            options = list(getattr(body, "options", []) or [])
            self.widgets[wid] = Widget(id=wid, kind=kind, options=options)
