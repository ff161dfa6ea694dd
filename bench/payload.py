"""Bytes sent to the browser for a page, per scope, in Debian's Chromium via Playwright,
against `streamlit run app.py` started by this script (warmed first).

Counts, for a new visitor (fresh browser context, empty HTTP cache) until the page is drawn
and 2 s of quiet:
- HTTP responses (`page.on("requestfinished")`, `request.sizes()`: body as transferred plus
  headers), split into static assets (JS, CSS, fonts, images under /static/: hashed names,
  cacheable, the same for every page and view) and other HTTP (HTML, health, host config);
- websocket frames received (`page.on("websocket")` -> "framereceived"): the data of the
  view. Each frame is parsed as Streamlit's ForwardMsg and its bytes attributed to the
  element type it carries (deck_gl_json_chart, arrow_data_frame, ...). Websocket compression
  is off in Streamlit by default (server.enableWebsocketCompression=false), so the payload
  length is what travels; `deflate_estimate` is what per-message deflate would leave.
- a returning visit (same context: assets from the HTTP cache) and, on the map page, one
  indicator switch (websocket bytes of that rerun).

    python bench/payload.py [--scopes drenthe,noord-nederland,nederland] [--pages kaart]
                            [--json bench/results/payload.json]
"""

from __future__ import annotations

import argparse
import sys
import time
import zlib
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.browser import discover_pages, page_url, switch_once, wait_mark
from bench.common import (
    APP,
    DEFAULT_PAGES,
    SCOPES,
    catalog_labels,
    loadavg,
    log,
    machine,
    new_context,
    page_spec,
    parse_pages,
    select_pages,
    streamlit_server,
    write_json,
)
from dashboard.testing import launch_chromium

STATIC_TYPES = {"script", "stylesheet", "font", "image"}
SETTLE_MS = 2000


def frame_kind(payload: bytes) -> str:
    """'delta:<element type>' or the ForwardMsg type of a websocket frame."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    msg = ForwardMsg()
    try:
        msg.ParseFromString(payload)
    except Exception:  # noqa: BLE001 - not a ForwardMsg
        return "unparsed"
    kind = msg.WhichOneof("type") or "none"
    if kind == "delta":
        delta = msg.delta
        which = delta.WhichOneof("type")
        if which == "new_element":
            return f"element:{delta.new_element.WhichOneof('type')}"
        return f"delta:{which}"
    return kind


class Traffic:
    """HTTP requests and websocket frames of one page."""

    def __init__(self, page: Any) -> None:
        self.requests: list[Any] = []
        self.failed: list[str] = []
        self.frames: list[tuple[float, bytes | str]] = []
        self.sent = 0
        page.on("requestfinished", lambda r: self.requests.append(r))
        page.on("requestfailed", lambda r: self.failed.append(r.url))
        page.on("websocket", self._on_ws)

    def _on_ws(self, ws: Any) -> None:
        ws.on("framereceived", lambda p: self.frames.append((time.perf_counter(), p)))
        ws.on("framesent", self._on_sent)

    def _on_sent(self, payload: bytes | str) -> None:
        self.sent += len(payload)

    def http(self, since: int = 0) -> dict[str, Any]:
        """HTTP of the requests from number ``since`` on; the map's geometry files
        (``app/static/geo/``, fetched by deck.gl) are also counted apart as ``map_files``."""
        static = {"count": 0, "body": 0, "headers": 0, "by_type": {}}
        other = {"count": 0, "body": 0, "headers": 0, "urls": []}
        map_files = {"count": 0, "body": 0, "headers": 0}
        largest = []
        for req in self.requests[since:]:
            if req.url.startswith("data:"):
                continue
            try:
                sizes = req.sizes()
            except Exception:  # noqa: BLE001 - a request without sizes counts as nothing
                continue
            body, headers = sizes["responseBodySize"], sizes["responseHeadersSize"]
            path = req.url.split("//", 1)[-1].split("/", 1)[-1]
            if "app/static/geo/" in path:
                map_files["count"] += 1
                map_files["body"] += max(body, 0)
                map_files["headers"] += max(headers, 0)
            is_static = req.resource_type in STATIC_TYPES or path.startswith("static/")
            bucket = static if is_static else other
            bucket["count"] += 1
            bucket["body"] += max(body, 0)
            bucket["headers"] += max(headers, 0)
            if is_static:
                by_type = static["by_type"]
                by_type[req.resource_type] = by_type.get(req.resource_type, 0) + max(body, 0)
                largest.append((max(body, 0), path))
            else:
                other["urls"].append(f"{path.split('?')[0]} ({body} B)")
        static["total"] = static["body"] + static["headers"]
        other["total"] = other["body"] + other["headers"]
        static["largest"] = [f"{p} ({b} B)" for b, p in sorted(largest, reverse=True)[:6]]
        map_files["total"] = map_files["body"] + map_files["headers"]
        return {"static": static, "other": other, "map_files": map_files}

    def websocket(self, since: float = 0.0) -> dict[str, Any]:
        frames = [p for t, p in self.frames if t >= since]
        binary = [p for p in frames if isinstance(p, bytes)]
        by_kind: dict[str, int] = {}
        for payload in binary:
            kind = frame_kind(payload)
            by_kind[kind] = by_kind.get(kind, 0) + len(payload)
        deflated = sum(len(zlib.compress(p, 6)) - 6 for p in binary)  # minus zlib framing
        return {
            "frames": len(frames),
            "bytes": sum(len(p) for p in frames),
            "deflate_estimate": deflated,
            "by_kind": dict(sorted(by_kind.items(), key=lambda kv: -kv[1])),
        }


def visit(context: Any, url: str, has_map: bool) -> tuple[Any, Traffic]:
    page = context.new_page()
    traffic = Traffic(page)
    page.goto(url, wait_until="commit")
    wait_mark(page, "complete_map" if has_map else "complete")
    page.wait_for_timeout(SETTLE_MS)
    return page, traffic


def kb(n: int) -> str:
    return f"{n / 1024:.0f} KB"


def bench(browser: Any, base: str, name: str, scope: str, labels: dict) -> dict[str, Any]:
    spec = page_spec(name)
    url = page_url(base, spec.path, scope)
    context = new_context(browser)
    page, traffic = visit(context, url, spec.has_map)
    first = {"http": traffic.http(), "websocket": traffic.websocket(), "failed": traffic.failed}
    first["websocket"]["sent_bytes"] = traffic.sent
    switch = None
    if spec.has_map:
        t0, before = time.perf_counter(), len(traffic.requests)
        switch_once(page, "werkloosheid", labels, has_map=True)
        page.wait_for_timeout(SETTLE_MS)
        switch = {
            "indicator": "werkloosheid",
            "websocket": traffic.websocket(since=t0),
            "http": traffic.http(since=before),  # a geometry fetched again would show here
        }
    page.close()
    page2, traffic2 = visit(context, url, spec.has_map)
    returning = {"http": traffic2.http(), "websocket": traffic2.websocket()}
    page2.close()
    context.close()
    total_first = (
        first["http"]["static"]["total"]
        + first["http"]["other"]["total"]
        + first["websocket"]["bytes"]
    )
    return {
        "url": url,
        "new_visitor": first,
        "new_visitor_total": total_first,
        "data": first["websocket"]["bytes"],
        "returning": returning,
        "switch": switch,
    }


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scopes", default=",".join(SCOPES))
    parser.add_argument("--pages", default=",".join(DEFAULT_PAGES))
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument(
        "--app",
        type=Path,
        default=APP,
        help="the script to `streamlit run`: app.py, or serve.py (st.App, static files gzipped)",
    )
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    labels = catalog_labels()
    result: dict[str, Any] = {"machine": machine(), "pages": {}, "skipped": []}
    result["app"] = args.app.name
    with streamlit_server("payload", app=args.app) as server, sync_playwright() as pw:
        browser = launch_chromium(pw.chromium)
        log("warming the server ...")
        registered, _ = discover_pages(browser, server.url)
        specs, result["skipped"] = select_pages(parse_pages(args.pages), registered)
        for spec in specs:
            name = spec.name
            result["pages"][name] = {}
            for scope in parse_pages(args.scopes):
                try:
                    r = bench(browser, server.url, name, scope, labels)
                except Exception as exc:  # noqa: BLE001 - report and go on
                    log(f"  {name}/{scope}: failed: {exc}")
                    result["pages"][name][scope] = {"error": str(exc)[:500]}
                    continue
                result["pages"][name][scope] = r
                http = r["new_visitor"]["http"]
                ws = r["new_visitor"]["websocket"]
                log(
                    f"  {name}/{scope}: static {kb(http['static']['total'])} "
                    f"({http['static']['count']} files), other HTTP {kb(http['other']['total'])},"
                    f" websocket {kb(ws['bytes'])} (deflated ~{kb(ws['deflate_estimate'])});"
                    f" map files {kb(http['map_files']['total'])}; returning visit HTTP "
                    f"{kb(r['returning']['http']['static']['total'])} static, map files "
                    f"{kb(r['returning']['http']['map_files']['total'])}"
                    + (
                        f"; switch websocket {kb(r['switch']['websocket']['bytes'])} "
                        f"(deflated ~{kb(r['switch']['websocket']['deflate_estimate'])}), "
                        f"HTTP {kb(r['switch']['http']['other']['total'])}"
                        if r["switch"]
                        else ""
                    )
                )
        browser.close()
    result["machine"]["loadavg_end"] = loadavg()
    write_json(args.json, result)
    return result


if __name__ == "__main__":
    main()
