"""The dashboard as an ASGI app (``st.App``) with Streamlit's own JavaScript and CSS gzipped
(dashboard.app.compress; issue 17). Either of:

    streamlit run serve.py --server.port 8501
    uvicorn serve:app --host 0.0.0.0 --port 8501

``streamlit run app.py`` (README) still works: the same app, its static files uncompressed.
Websocket messages are compressed in both (``server.enableWebsocketCompression``)."""

from pathlib import Path

import streamlit as st
from starlette.middleware import Middleware

from dashboard.app import sockets
from dashboard.app.compress import StaticGzip

sockets.enable()  # before the first connection: Nagle off on the listening socket (app/sockets.py)

app = st.App(Path(__file__).with_name("app.py"), middleware=[Middleware(StaticGzip)])
