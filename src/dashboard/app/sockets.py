"""Nagle's algorithm off on the server's TCP sockets (issue 17).

Streamlit 1.67 binds its listening socket itself (``_bind_socket`` in
streamlit/web/server/starlette/starlette_server.py) with ``socket.socket(family)``, so its
protocol number is 0. Connections accepted from it report 0 as well, and asyncio turns on
TCP_NODELAY only for sockets that report IPPROTO_TCP (``asyncio.base_events._set_nodelay``).
The same cause in uvicorn: https://github.com/Kludex/uvicorn/issues/3149. With Nagle on, every
script run's messages after the first wait for the browser's delayed ACK: 40 ms on Linux, up to
200 ms on Windows. A warm indicator switch took 48 ms from click to last message here instead of
23-26 ms (docs/benchmarks.md, "Seventh pass").

The fix uses the plain socket API. ``enable`` sets TCP_NODELAY on every TCP socket this process
has open, the listening socket included. On Linux an accepted connection inherits the option
from its listening socket, so one call covers the connections to come as well. ``serve.py``
calls it when uvicorn imports the app, before the first connection. ``app.py`` calls it on
every run; once it has found the listening socket, a call does nothing. That fixes
``streamlit run app.py`` from its first run on, the first tab included. Where there is no
``/proc/self/fd`` (not Linux), nothing changes."""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path

from streamlit.logger import get_logger

LOG = get_logger(__name__)
FD_DIR = Path("/proc/self/fd")
TCP_FAMILIES = (socket.AF_INET, socket.AF_INET6)


def _address(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"{host}:{port}"


def nodelay_on_open_sockets(fd_dir: Path = FD_DIR) -> list[str]:
    """Set TCP_NODELAY on every open TCP stream socket of this process; the local addresses
    of the listening sockets among them (what later connections inherit it from)."""
    try:
        fds = [int(name) for name in os.listdir(fd_dir)]
    except OSError:  # no /proc: not Linux
        return []
    listening: list[str] = []
    for fd in fds:
        try:
            if not stat.S_ISSOCK(os.fstat(fd).st_mode):
                continue
            # a duplicate: closing it leaves the server's own descriptor open
            sock = socket.socket(fileno=os.dup(fd))
        except OSError:  # closed meanwhile (os.listdir's own descriptor, for one)
            continue
        with sock:
            if sock.family not in TCP_FAMILIES or sock.type != socket.SOCK_STREAM:
                continue
            try:
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                if sock.getsockopt(socket.SOL_SOCKET, socket.SO_ACCEPTCONN):
                    listening.append(_address(sock))
            except OSError:  # not connected yet, or already shut down
                continue
    return listening


_listening: list[str] = []  # what enable() has set, once it found a listening socket


def enable() -> list[str]:
    """Nagle off on this process's sockets until a listening socket has been set (see the
    module's docstring; without a server, as in AppTest, each call looks again): the
    listening sockets set."""
    if not _listening:
        _listening.extend(nodelay_on_open_sockets())
        if _listening:
            LOG.info("TCP_NODELAY set on the open sockets; listening: %s", ", ".join(_listening))
    return list(_listening)
