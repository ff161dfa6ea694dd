"""dashboard.app.compress: Streamlit's static files gzipped once and served from memory."""

from __future__ import annotations

import gzip

from dashboard.app.compress import StaticGzip
from tests.support import aio

BODY = b"console.log('bundle');" * 500


def _app(calls: list[str], body: bytes = BODY, kind: bytes = b"text/javascript", status=200):
    async def app(scope, receive, send):
        calls.append(scope["path"])
        headers = [(b"content-type", kind), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body[:100], "more_body": True})
        await send({"type": "http.response.body", "body": body[100:]})

    return app


def _get(app, path: str, accept: bytes = b"gzip, deflate, br", method: str = "GET"):
    sent: list[dict] = []

    async def send(message):
        sent.append(message)

    async def receive():  # pragma: no cover - never called by these apps
        return {"type": "http.request"}

    scope = {
        "type": "http",
        "method": method,
        "path": path,
        "headers": [(b"accept-encoding", accept)],
    }
    aio.run(app(scope, receive, send))
    headers = dict(sent[0]["headers"])
    body = b"".join(m.get("body", b"") for m in sent[1:])
    return sent[0]["status"], headers, body


def test_a_static_bundle_is_gzipped_once_and_then_served_from_memory():
    calls: list[str] = []
    app = StaticGzip(_app(calls))
    for _ in range(3):
        status, headers, body = _get(app, "/static/js/main.abc123.js")
        assert status == 200
        assert headers[b"content-encoding"] == b"gzip"
        assert headers[b"vary"] == b"Accept-Encoding"
        assert headers[b"content-length"] == str(len(body)).encode()
        assert gzip.decompress(body) == BODY
    assert calls == ["/static/js/main.abc123.js"]  # the app was asked once
    assert len(body) < len(BODY) / 10


def test_head_gets_the_headers_without_the_body():
    app = StaticGzip(_app([]))
    _get(app, "/static/a.js")
    status, headers, body = _get(app, "/static/a.js", method="HEAD")
    assert status == 200 and body == b"" and headers[b"content-encoding"] == b"gzip"


def test_other_paths_clients_without_gzip_and_binaries_pass_through():
    calls: list[str] = []
    app = StaticGzip(_app(calls))
    assert _get(app, "/_stcore/health")[2] == BODY
    assert b"content-encoding" not in _get(app, "/static/b.js", accept=b"identity")[1]
    font = StaticGzip(_app([], body=b"\x00" * 5000, kind=b"font/woff2"))
    status, headers, body = _get(font, "/static/media/x.woff2")
    assert b"content-encoding" not in headers and body == b"\x00" * 5000
    assert calls == ["/_stcore/health", "/static/b.js"]


def test_errors_and_small_bodies_are_not_compressed_nor_kept():
    missing = StaticGzip(_app([], body=b"not found" * 200, status=404))
    status, headers, _ = _get(missing, "/static/gone.js")
    assert status == 404 and b"content-encoding" not in headers and missing.cache == {}
    small = StaticGzip(_app([], body=b"x" * 200))
    assert b"content-encoding" not in _get(small, "/static/s.js")[1] and small.cache == {}


def test_map_geometry_files_are_gzipped_and_kept_by_the_browser_for_good():
    geometry = b'{"type":"FeatureCollection","features":[]}' * 100
    app = StaticGzip(_app([], body=geometry, kind=b"application/json"))
    for _ in range(2):  # compressed, and then from memory, with the same headers
        status, headers, body = _get(app, "/bw/app/static/geo/nederland-gemeente-areas-0a1b.json")
        assert status == 200 and gzip.decompress(body) == geometry
        assert headers[b"cache-control"] == b"public, max-age=31536000, immutable"
    # Streamlit's own bundles keep the headers Streamlit gives them
    assert b"cache-control" not in _get(StaticGzip(_app([])), "/static/js/main.abc123.js")[1]
