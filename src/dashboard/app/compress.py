"""Gzip for Streamlit's own JavaScript and CSS, compressed once per server process (issue 17).

Streamlit 1.67 gzips its HTTP responses but deliberately not ``/static/`` (its frontend
bundles: 8.9 MB on a first visit here), because Starlette's gzip would compress them again on
every request. These bundles are content-hashed and immutable, so this ASGI middleware
compresses each one the first time a browser asks for it and serves the stored bytes from
then on: the CPU is paid once per asset per process (about a second in all), a new visitor
downloads about a quarter of the bytes. Used by ``serve.py`` (``st.App``); behind a reverse
proxy that compresses, it is not needed.

Pure ASGI, no Streamlit import."""

from __future__ import annotations

import gzip
import threading
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

COMPRESSIBLE = ("javascript", "css", "json", "svg", "html", "text/", "wasm", "xml")
MIN_SIZE = 1024  # bytes: smaller bodies are sent as they are
MAX_ENTRIES = 1000
LEVEL = 9  # once per asset: the best ratio is worth it
# The map geometry files (app/resources.geometry_files) are named by their content: a browser
# may keep them for good instead of asking again on every visit.
IMMUTABLE = "/app/static/geo/"
FOREVER = (b"cache-control", b"public, max-age=31536000, immutable")


def _accepts_gzip(scope: Scope) -> bool:
    for name, value in scope.get("headers", ()):
        if name == b"accept-encoding":
            return b"gzip" in value.lower()
    return False


def _compressible(headers: list[tuple[bytes, bytes]]) -> bool:
    found = dict(headers)
    if b"content-encoding" in found:
        return False
    kind = found.get(b"content-type", b"").decode("latin-1").lower()
    return any(marker in kind for marker in COMPRESSIBLE)


class StaticGzip:
    """Serve ``<base>/static/...`` gzipped to browsers that accept it, each body compressed
    once and kept (only 200 responses with a compressible content type)."""

    def __init__(self, app: ASGIApp, prefix: str = "/static/") -> None:
        self.app = app
        self.prefix = prefix
        self.cache: dict[str, tuple[list[tuple[bytes, bytes]], bytes]] = {}
        self._lock = threading.Lock()

    def _wanted(self, scope: Scope) -> bool:
        return (
            scope["type"] == "http"
            and scope.get("method") in ("GET", "HEAD")
            and self.prefix in scope.get("path", "")
            and _accepts_gzip(scope)
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self._wanted(scope):
            await self.app(scope, receive, send)
            return
        key = scope["path"]
        hit = self.cache.get(key)
        if hit is not None:
            await self._send(send, hit[0], hit[1], scope.get("method") == "HEAD")
            return
        start: Message = {}
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    await self._finish(key, start, b"".join(chunks), send, scope)
            else:  # pragma: no cover - pathsend and the like: not used by Streamlit
                await send(message)

        await self.app(scope, receive, capture)

    async def _finish(self, key: str, start: Message, body: bytes, send: Send, scope: Scope):
        headers = [(bytes(k).lower(), bytes(v)) for k, v in start.get("headers", [])]
        head = scope.get("method") == "HEAD"
        if start.get("status") != 200 or len(body) < MIN_SIZE or not _compressible(headers):
            await send(start)
            await send({"type": "http.response.body", "body": body})
            return
        packed = gzip.compress(body, compresslevel=LEVEL, mtime=0)
        kept = [(k, v) for k, v in headers if k not in (b"content-length", b"vary")]
        kept += [(b"content-encoding", b"gzip"), (b"vary", b"Accept-Encoding")]
        if IMMUTABLE in key:
            kept = [(k, v) for k, v in kept if k != FOREVER[0]] + [FOREVER]
        with self._lock:
            if len(self.cache) < MAX_ENTRIES:
                self.cache[key] = (kept, packed)
        await self._send(send, kept, packed, head)

    @staticmethod
    async def _send(
        send: Send, headers: list[tuple[bytes, bytes]], body: bytes, head: bool
    ) -> None:
        out = [*headers, (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": 200, "headers": out})
        await send({"type": "http.response.body", "body": b"" if head else body})
