"""The static export as the alternative for embeds: how fast its map page is drawn.

Exports the site for Drenthe (`dashboard.site.export_site`, the same as `python -m dashboard
export site`) into a temporary folder, serves it over HTTP on 127.0.0.1 (Python's
http.server, no compression, as a plain web server would) and opens an indicator's page in
headless Debian Chromium: time from `page.goto()` until the map, the ranking and the trend
chart are drawn (each `#<chart> svg.marks` holds more than five marks), for a new visitor
(fresh browser context) and a returning one (assets cached), plus the bytes transferred.

    python bench/static_site.py [--runs 7] [--indicator werkloosheid]
                                [--json bench/results/static_site.json]
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import (
    VIEWPORT,
    log,
    machine,
    ms,
    summarize,
    write_json,
)
from dashboard.testing import free_port, launch_chromium

CHARTS = ("kaart", "rangorde", "trend")
DRAWN_JS = """charts => charts.every(c =>
    document.querySelectorAll(`#${c} svg.marks path, #${c} svg.marks text`).length > 5)"""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib's name
        pass


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    port = free_port()
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.shutdown()
        server.server_close()


def load(context: Any, url: str) -> dict[str, float]:
    page = context.new_page()
    received = []
    page.on("response", lambda r: received.append(r))
    t0 = time.perf_counter()
    page.goto(url)
    page.wait_for_function(DRAWN_JS, arg=list(CHARTS), polling=20, timeout=60_000)
    drawn = time.perf_counter() - t0
    size = 0
    for r in received:
        with contextlib.suppress(Exception):
            size += int(r.headers.get("content-length") or 0) if r.status == 200 else 0
    page.close()
    return {"drawn": drawn, "bytes": size}


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--indicator", default="werkloosheid")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    from dashboard.config import check_folder, load_settings
    from dashboard.model.store import load_store
    from dashboard.publish import site

    store = load_store()
    geo_dir = check_folder(load_settings(), "geo_dir")
    new, returning = [], []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        site.export_site(store, geo_dir, out, "drenthe", [args.indicator], "nl", date.today())
        files = {p.name: p.stat().st_size for p in out.rglob("*") if p.is_file()}
        with serve(out) as base, sync_playwright() as pw:
            browser = launch_chromium(pw.chromium)
            url = f"{base}/{args.indicator}.html"
            for _ in range(args.runs):
                context = browser.new_context(viewport=VIEWPORT, locale="nl-NL")
                new.append(load(context, url))
                returning.append(load(context, url))
                context.close()
            browser.close()
    result = {
        "machine": machine(),
        "indicator": args.indicator,
        "files": files,
        "new_visitor": {
            "drawn": summarize([r["drawn"] for r in new]),
            "bytes": new[0]["bytes"] if new else None,
        },
        "returning": {"drawn": summarize([r["drawn"] for r in returning])},
    }
    log(
        f"static site, {args.indicator}: map, ranking and trend drawn in "
        f"{ms(result['new_visitor']['drawn'].get('median'))} (new visitor, "
        f"{(result['new_visitor']['bytes'] or 0) / 1024:.0f} KB), "
        f"{ms(result['returning']['drawn'].get('median'))} (returning)"
    )
    write_json(args.json, result)
    return result


if __name__ == "__main__":
    main()
