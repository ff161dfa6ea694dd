"""dashboard.app.sockets: Nagle's algorithm off on the server's sockets (issue 17), with the
listening socket made as Streamlit 1.67 makes it (protocol number 0)."""

from __future__ import annotations

import re
import socket
from pathlib import Path

import pytest

from dashboard.app import sockets
from dashboard.testing import streamlit_server
from tests.support.websocket import script_run

ROOT = Path(__file__).resolve().parents[1]
NODELAY = (socket.IPPROTO_TCP, socket.TCP_NODELAY)
LOG_LINE = re.compile(r"TCP_NODELAY set on the open sockets; listening: (\S+)")

linux_only = pytest.mark.skipif(not sockets.FD_DIR.is_dir(), reason="needs /proc/self/fd")


def _fd_dir(tmp_path: Path, *socks: socket.socket) -> Path:
    """A stand-in for /proc/self/fd that lists only these sockets' descriptors (and one
    that is not open), so that the other sockets of the test process are left alone."""
    for s in socks:
        (tmp_path / str(s.fileno())).touch()
    (tmp_path / "999999").touch()
    return tmp_path


def test_nodelay_on_the_listener_its_connections_and_what_it_accepts_later(tmp_path):
    listener = socket.socket(socket.AF_INET)  # as Streamlit binds it: proto 0
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    client = socket.create_connection(listener.getsockname())
    accepted, _ = listener.accept()
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    unix_a, unix_b = socket.socketpair(socket.AF_UNIX)
    with listener, client, accepted, udp, unix_a, unix_b:
        assert accepted.proto == 0 and accepted.getsockopt(*NODELAY) == 0  # the bug
        fd_dir = _fd_dir(tmp_path, listener, client, accepted, udp, unix_a)
        host, port = listener.getsockname()
        assert sockets.nodelay_on_open_sockets(fd_dir) == [f"{host}:{port}"]
        assert listener.getsockopt(*NODELAY) == 1
        assert accepted.getsockopt(*NODELAY) == 1
        assert client.getsockopt(*NODELAY) == 1
        later_client = socket.create_connection(listener.getsockname())
        later, _ = listener.accept()
        with later_client, later:
            assert later.getsockopt(*NODELAY) == 1  # inherited from the listener (Linux)
        # the descriptors stay open and usable: only duplicates were closed
        client.sendall(b"x")
        assert accepted.recv(1) == b"x"
        unix_a.sendall(b"y")
        assert unix_b.recv(1) == b"y"


def test_no_fd_directory_changes_nothing(tmp_path):
    assert sockets.nodelay_on_open_sockets(tmp_path / "missing") == []


def _listening(log: Path) -> str | None:
    match = LOG_LINE.search(log.read_text())
    return match.group(1) if match else None


@linux_only
def test_streamlit_run_app_py_sets_it_on_its_first_run(tmp_path):
    from websockets.sync.client import connect

    env = {"DASHBOARD_CACHE_DIR": "off"}  # the store from the sources (2 s), nothing compiled
    with streamlit_server(ROOT / "app.py", tmp_path / "server.log", env=env) as server:
        assert _listening(server.log) is None  # app.py has not run yet
        uri = server.url.replace("http://", "ws://") + "/_stcore/stream"
        with connect(uri, subprotocols=["streamlit"], max_size=None) as ws:
            script_run(ws)
            script_run(ws)
        assert _listening(server.log) == server.url.removeprefix("http://")
        assert server.log.read_text().count("TCP_NODELAY set") == 1  # once per process


@linux_only
def test_streamlit_run_serve_py_sets_it_before_the_first_connection(tmp_path):
    with streamlit_server(ROOT / "serve.py", tmp_path / "server.log") as server:
        assert _listening(server.log) == server.url.removeprefix("http://")
