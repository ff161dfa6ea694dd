"""End-to-end timings in a real browser: Debian's Chromium (headless, WebGL in SwiftShader)
driven by Playwright against `streamlit run app.py` started by this script on a free
127.0.0.1 port.

The server is warmed first (one visit, which loads the store and fills the caches of the
default view); that cold-server visit is reported apart. Then, per page and scope:

- first map drawn: from `page.goto()` to the page being complete: an h1, no status widget and
  no skeleton, and on the map page the legend (`.bw-legend`) and a painted map canvas
  (`[data-testid='stDeckGlJsonChart'] canvas` with more than 4 colours). `settled`: the
  same and no part held back any more (the map page's ranking, table and downloads wait
  for the map's first paint: dashboard.app.widgets.after_map). "new visitor" uses
  a fresh browser context each time (empty HTTP cache); "returning" a new tab in a context
  that has loaded the app before (static assets cached).
- indicator switch: the user's way, through the sidebar: click the combobox named "Indicator",
  type the indicator's option text, and click the option. Timed from the click on the option
  to the new h1, no status widget and, on the map page, a map canvas whose pixels differ from
  before the switch (redrawn) and are painted. The time to the new h1 alone is also kept.
  Each indicator is switched to twice: the first time its map view is not in the server's
  cache (cold), the second time it is (warm).
- first map drawn embedded: the map page's view as another site embeds it (`?embed=true`:
  map, legend and summary, no sidebar), returning visitor.
- the floor: the same first map (returning visitor) on a bare page holding nothing but a
  title and the map's spec as the app sends it: what Streamlit and deck.gl cost by
  themselves here (--no-floor skips it).
- cold start: from starting the server process to the first map drawn for a new visitor,
  against the warm first map (new visitors of the same server afterwards), per server start;
  with the compiled store (a start after `pull`) and without it (DASHBOARD_CACHE_DIR=off:
  every CSV parsed and checked). --cold-starts N servers of each (0 skips it).

    python bench/browser.py [--runs 7] [--scopes drenthe,nederland] [--pages kaart,regios,trends]
                            [--cold-starts 3] [--json bench/results/browser.json]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import (
    APP,
    DEFAULT_PAGES,
    MAP_INDICATORS,
    ROOT,
    catalog_labels,
    loadavg,
    log,
    machine,
    ms,
    navigation_pages,
    new_context,
    page_spec,
    parse_pages,
    select_pages,
    streamlit_server,
    summarize,
    write_json,
)
from dashboard.testing import launch_chromium

TIMEOUT_MS = 60_000


class FrameLog:
    """Websocket frames of a page: the navigation (registered pages) and the arrival times of
    'script_finished' messages."""

    def __init__(self, page: Any) -> None:
        self.finished: list[float] = []
        self.pages: list[dict[str, Any]] = []
        self.opened: float | None = None
        self.first_frame: float | None = None
        page.on("websocket", self._on_ws)

    def _on_ws(self, ws: Any) -> None:
        if self.opened is None:
            self.opened = time.perf_counter()
        ws.on("framereceived", self._on_frame)

    def _on_frame(self, payload: bytes | str) -> None:
        if self.first_frame is None:
            self.first_frame = time.perf_counter()
        if isinstance(payload, str):
            return
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        msg = ForwardMsg()
        try:
            msg.ParseFromString(payload)
        except Exception:  # noqa: BLE001 - not a ForwardMsg
            return
        kind = msg.WhichOneof("type")
        if kind == "script_finished":
            self.finished.append(time.perf_counter())
        elif kind == "navigation":
            self.pages = navigation_pages(payload) or []


def page_url(base: str, path: str, scope: str, extra: str = "") -> str:
    query = [] if scope == "drenthe" else [f"schaal={scope}"]
    if extra:
        query.append(extra)
    return base + path + ("?" + "&".join(query) if query else "")


def wait_loaded(page: Any, has_map: bool, timeout: float = TIMEOUT_MS) -> None:
    result = page.wait_for_function(
        "a => window.__bw.loaded(a)", arg={"map": has_map}, polling=25, timeout=timeout
    )
    if result.json_value() == "exception":
        raise RuntimeError("the page shows an exception")


def wait_mark(page: Any, mark: str, timeout: float = TIMEOUT_MS) -> dict[str, float]:
    """Wait until the page's probe has recorded `mark` (or an exception); return all marks."""
    page.wait_for_function(
        "k => k in window.__bw.marks || 'exception' in window.__bw.marks",
        arg=mark,
        polling=25,
        timeout=timeout,
    )
    marks = page.evaluate("() => window.__bw.marks")
    if "exception" in marks:
        text = page.locator("[data-testid='stException']").first.inner_text()
        raise RuntimeError(f"the page shows an exception: {' '.join(text.split())[:300]}")
    return marks


def seconds(value: float | None) -> float | None:
    return None if value is None else round(value / 1000, 4)


CPU_METRICS = ("TaskDuration", "ScriptDuration", "LayoutDuration", "RecalcStyleDuration")


def cpu_metrics(cdp: Any) -> dict[str, float]:
    """Main-thread time of the renderer so far (Chrome's Performance domain), seconds."""
    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    out = {k: round(metrics[k], 4) for k in CPU_METRICS if k in metrics}
    if "JSHeapUsedSize" in metrics:
        out["JSHeapUsedMB"] = round(metrics["JSHeapUsedSize"] / 2**20, 1)
    return out


def load_once(context: Any, url: str, has_map: bool) -> dict[str, Any]:
    """Open `url` in a new tab; milestones in seconds since navigation start."""
    page = context.new_page()
    frames = FrameLog(page)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    cdp = context.new_cdp_session(page)
    cdp.send("Performance.enable")
    t0 = time.perf_counter()
    page.goto(url, wait_until="commit")
    marks = wait_mark(page, "complete_map" if has_map else "complete")
    wall = time.perf_counter() - t0
    if has_map:  # the parts held back until the map painted, too
        marks = wait_mark(page, "settled")
    nav = page.evaluate(
        """() => { const n = performance.getEntriesByType('navigation')[0] || {};
                   return {html: n.responseEnd, dom: n.domContentLoadedEventEnd}; }"""
    )
    out = {
        "drawn": seconds(marks.get("complete_map" if has_map else "complete")),
        "h1": seconds(marks.get("h1")),
        "canvas": seconds(marks.get("canvas")),
        "painted": seconds(marks.get("painted")),
        "settled": seconds(marks.get("settled")),
        "html": seconds(nav.get("html")),
        "dom_content_loaded": seconds(nav.get("dom")),
        "script_finished": seconds(marks.get("script_finished")),
        "websocket_opened": None if frames.opened is None else round(frames.opened - t0, 4),
        "first_frame_received": None
        if frames.first_frame is None
        else round(frames.first_frame - t0, 4),
        "wall": round(wall, 4),
        "renderer": cpu_metrics(cdp),
        "js_errors": len(errors),
    }
    cdp.detach()
    page.close()
    return out


# A page holding nothing but a title, an (empty) legend and the map as the app sends it.
FLOOR_APP = """
import json
from pathlib import Path

import streamlit as st

from dashboard.render.maps import DeckSpec

st.set_page_config(page_title="floor", layout="wide")
spec = json.loads((Path(__file__).parent / "spec.json").read_text())
st.title("Kaart")
st.pydeck_chart(DeckSpec(json=spec["json"], _tooltip=spec["tooltip"]), height=560)
st.html('<div class="bw-legend"></div>')
"""


def floor_folder(tmp: Path) -> tuple[Path, int]:
    """The floor's bare app in ``tmp``, with the default Drenthe map's spec and the geometry
    files it fetches (static/geo, as the app serves them); its app.py and the spec's size."""
    from dashboard.app import cache, resources
    from dashboard.state import ViewState

    spec = cache.map_spec(ViewState(), False, False)
    (tmp / "app.py").write_text(FLOOR_APP)
    (tmp / "spec.json").write_text(json.dumps({"json": spec.json, "tooltip": spec._tooltip}))
    shutil.copytree(ROOT / ".streamlit", tmp / ".streamlit")
    shutil.copytree(resources.STATIC_DIR, tmp / "static")
    return tmp / "app.py", len(spec.json)


def floor(browser: Any, runs: int) -> dict[str, Any]:
    """The first map on a page with nothing else: the default Drenthe map's spec exactly as
    the app sends it, in a bare Streamlit app with the app's .streamlit/config.toml. This is
    what Streamlit and deck.gl cost by themselves on this machine; the map page's own
    overhead is the difference. Returning visitor (assets cached), as for the map page."""
    with tempfile.TemporaryDirectory() as tmp:
        app, spec_bytes = floor_folder(Path(tmp))
        with streamlit_server("browser-floor", app=app) as server:
            context = new_context(browser)
            try:
                for _ in range(2):  # the server's first run, then the HTTP cache
                    load_once(context, server.url, True)
                rows = [load_once(context, server.url, True) for _ in range(runs)]
            finally:
                context.close()
    return {
        "spec_bytes": spec_bytes,
        **{
            k: summarize([r[k] for r in rows if r.get(k) is not None])
            for k in ("drawn", "h1", "canvas", "painted", "script_finished")
        },
    }


def cold_starts(
    browser: Any,
    starts: int,
    warm_runs: int = 3,
    other: Path | None = None,
    entry: str = "app.py",
) -> dict[str, Any]:
    """Server process started -> first map drawn (new visitor), and the warm first map of the
    same server (new visitors after it), with and without the compiled store; or, with
    ``other``, of that checkout (its app.py and src/, on this checkout's data). ``entry``:
    the script started (``serve.py``, the README's, or ``app.py``)."""
    out: dict[str, Any] = {}
    variants: list[tuple[str, dict[str, str]]] = [
        ("compiled", {}),
        ("sources", {"DASHBOARD_CACHE_DIR": "off"}),
    ]
    app = APP.with_name(entry)
    if other is not None:
        from dashboard.config import load_settings

        s = load_settings()
        app = other / "app.py"
        data = {"DASHBOARD_CBS_DIR": str(s.cbs_dir), "DASHBOARD_GEO_DIR": str(s.geo_dir)}
        variants = [("other", {"PYTHONPATH": str(other / "src"), **data})]
    for variant, env in variants:
        rows = []
        for _ in range(starts):
            t0 = time.perf_counter()
            with streamlit_server(f"browser-cold-{variant}", env=env, app=app) as server:
                healthy = time.perf_counter() - t0
                context = new_context(browser)
                t_goto = time.perf_counter()
                first = load_once(context, server.url, True)
                context.close()
                warm = []
                for _ in range(warm_runs):
                    context = new_context(browser)
                    warm.append(load_once(context, server.url, True)["drawn"])
                    context.close()
            cold = round(t_goto - t0 + first["drawn"], 4)
            rows.append(
                {
                    "cold": cold,
                    "healthy": round(healthy, 4),
                    "first_map_after_healthy": first["drawn"],
                    "warm_median": summarize(warm)["median"],
                    "ratio": round(cold / summarize(warm)["median"], 2),
                }
            )
            log(
                f"  cold start ({variant} store): {ms(cold)} (healthy after {ms(healthy)}), "
                f"warm first map {ms(rows[-1]['warm_median'])}"
            )
        out[variant] = {
            "cold": summarize([r["cold"] for r in rows]),
            "healthy": summarize([r["healthy"] for r in rows]),
            "warm": summarize([r["warm_median"] for r in rows]),
            "ratio": summarize([r["ratio"] for r in rows], digits=2),
            "runs": rows,
        }
    return out


def discover_pages(browser: Any, base: str) -> tuple[list[dict[str, Any]], float]:
    """Warm the server (store load, default view) and read the registered pages."""
    context = new_context(browser)
    page = context.new_page()
    frames = FrameLog(page)
    t0 = time.perf_counter()
    page.goto(base)
    wait_loaded(page, has_map=True, timeout=300_000)
    cold = time.perf_counter() - t0
    pages = frames.pages
    context.close()
    return pages, cold


def indicator_box(page: Any) -> Any:
    sidebar = page.locator("[data-testid='stSidebar']")
    return sidebar.get_by_role("combobox", name="Indicator", exact=True)


def open_option(page: Any, option_text: str) -> Any:
    box = indicator_box(page)
    box.click()
    box.fill(option_text)
    option = page.get_by_role("option", name=option_text, exact=True)
    option.wait_for(timeout=30_000)
    return option


def switch_once(page: Any, ind: str, labels: dict[str, tuple[str, str]], has_map: bool) -> dict:
    """Pick `ind` in the sidebar; seconds from the pointerdown on the option, in the page's
    clock. On the map page done means: the new h1, the run finished, no status widget, and
    the map redrawn. On another page (whose h1 need not name the indicator): the run
    finished and no status widget."""
    title, option_text = labels[ind]
    prev = page.evaluate("() => { const f = window.__bw.fingerprint(); return f && f.hash; }")
    option = open_option(page, option_text)
    if not has_map:  # another page's h1 may or may not name the indicator
        title = None
    page.evaluate("a => window.__bw.watch(a)", {"title": title, "prev": prev, "map": has_map})
    t0 = time.perf_counter()
    option.click()
    marks = wait_mark(page, "switched")
    out: dict[str, Any] = {"indicator": ind}
    if has_map:
        out["h1"] = seconds(marks["switch_h1"] - marks["click"])
    out["script_finished"] = seconds(marks["switch_finished"] - marks["click"])
    out["updated"] = seconds(marks["switched"] - marks["click"])
    out["wall"] = round(time.perf_counter() - t0, 4)
    return out


def bench_page(
    browser: Any,
    base: str,
    name: str,
    scope: str,
    runs: int,
    indicators: list[str],
    labels: dict[str, tuple[str, str]],
) -> dict[str, Any]:
    spec = page_spec(name)
    url = page_url(base, spec.path, scope)
    errors: list[str] = []
    new_visitor, returning = [], []
    context = new_context(browser)
    try:  # warm this page and scope on the server (its caches), not counted
        load_once(context, url, spec.has_map)
    except Exception as exc:  # noqa: BLE001
        errors.append(f"warm-up: {exc}"[:300])
    context.close()
    log(f"  {name}/{scope}: {runs} first loads (new visitor) ...")
    for _ in range(runs):
        context = new_context(browser)
        try:
            new_visitor.append(load_once(context, url, spec.has_map))
        except Exception as exc:  # noqa: BLE001 - count and go on
            errors.append(f"load: {exc}"[:300])
        finally:
            context.close()
    log(f"  {name}/{scope}: {runs} first loads (returning, assets cached) ...")
    context = new_context(browser)
    try:
        load_once(context, url, spec.has_map)  # fills the HTTP cache
        for _ in range(runs):
            returning.append(load_once(context, url, spec.has_map))
    except Exception as exc:  # noqa: BLE001
        errors.append(f"load (returning): {exc}"[:300])
    embedded: list[dict[str, Any]] = []
    if spec.has_map:  # the same view embedded in another site (map, legend, summary)
        log(f"  {name}/{scope}: {runs} first loads embedded (?embed=true, returning) ...")
        embed_url = page_url(base, spec.path, scope, "embed=true")
        try:
            load_once(context, embed_url, True)  # the server's first run of the embed
            for _ in range(runs):
                embedded.append(load_once(context, embed_url, True))
        except Exception as exc:  # noqa: BLE001
            errors.append(f"load (embedded): {exc}"[:300])

    switches: list[dict[str, Any]] = []
    log(f"  {name}/{scope}: {2 * len(indicators)} indicator switches ...")
    page = context.new_page()
    js_errors: list[str] = []
    page.on("pageerror", lambda exc: js_errors.append(str(exc)))
    try:
        page.goto(url)
        wait_loaded(page, spec.has_map)
        if spec.has_map:  # the parts held back until the map painted are in
            wait_mark(page, "settled")
        for kind in ("cold", "warm"):
            for ind in indicators:
                try:
                    switches.append({"kind": kind, **switch_once(page, ind, labels, spec.has_map)})
                except Exception as exc:  # noqa: BLE001
                    errors.append(f"switch to {ind}: {exc}"[:300])
    except Exception as exc:  # noqa: BLE001
        errors.append(f"switch page: {exc}"[:300])
    context.close()

    def col(rows: list[dict[str, Any]], key: str) -> list[float]:
        return [r[key] for r in rows if r.get(key) is not None]

    def loads(rows: list[dict[str, Any]]) -> dict[str, Any]:
        keys = ("drawn", "h1", "canvas", "painted", "settled", "html", "dom_content_loaded")
        out = {k: summarize(col(rows, k)) for k in keys}
        for k in ("script_finished", "websocket_opened", "first_frame_received"):
            out[k] = summarize(col(rows, k))
        out["renderer_main_thread"] = {
            k: summarize([r["renderer"][k] for r in rows if k in r.get("renderer", {})])
            for k in CPU_METRICS
        }
        return out

    def switch_stats(rows: list[dict[str, Any]]) -> dict[str, Any]:
        return {k: summarize(col(rows, k)) for k in ("updated", "h1", "script_finished", "wall")}

    return {
        "url": url,
        "first_load_new_visitor": loads(new_visitor),
        "first_load_returning": loads(returning),
        "first_load_embedded": loads(embedded),
        "switch": {
            "cold": switch_stats([s for s in switches if s["kind"] == "cold"]),
            "warm": switch_stats([s for s in switches if s["kind"] == "warm"]),
            "all": switch_stats(switches),
        },
        "switch_method": SWITCH_METHOD,
        "js_errors": js_errors[:10],
        "js_errors_in_loads": sum(r["js_errors"] for r in new_visitor + returning + embedded),
        "errors": errors,
        "runs": {
            "new_visitor": new_visitor,
            "returning": returning,
            "embedded": embedded,
            "switches": switches,
        },
    }


SWITCH_METHOD = (
    "sidebar combobox 'Indicator': click, type the option text, click the option; timed "
    "in the page from the pointerdown on the option"
)


def cpu_profile(browser: Any, base: str, labels: dict[str, tuple[str, str]]) -> dict[str, Any]:
    """Where the renderer's main thread spends a first load (new visitor) and one switch:
    Chrome's sampling profiler, self time aggregated by script and by function."""
    out: dict[str, Any] = {}
    context = new_context(browser)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Profiler.enable")
    cdp.send("Profiler.setSamplingInterval", {"interval": 200})
    cdp.send("Profiler.start")
    page.goto(base, wait_until="commit")
    wait_mark(page, "complete_map")
    out["first_load"] = summarize_profile(cdp.send("Profiler.stop")["profile"])
    ind = "werkloosheid"
    cdp.send("Profiler.start")
    switch_once(page, ind, labels, has_map=True)
    out["switch"] = summarize_profile(cdp.send("Profiler.stop")["profile"])
    context.close()
    return out


def summarize_profile(profile: dict[str, Any], top: int = 15) -> dict[str, Any]:
    nodes = {n["id"]: n["callFrame"] for n in profile["nodes"]}
    self_us: dict[int, float] = {}
    for node_id, delta in zip(profile["samples"], profile["timeDeltas"], strict=False):
        self_us[node_id] = self_us.get(node_id, 0) + delta
    by_url: dict[str, float] = {}
    by_fn: dict[str, float] = {}
    for node_id, us in self_us.items():
        frame = nodes[node_id]
        url = frame.get("url", "").rsplit("/", 1)[-1] or f"({frame['functionName'] or 'native'})"
        fn = f"{frame['functionName'] or '(anonymous)'} [{url}:{frame.get('lineNumber', 0)}]"
        by_url[url] = by_url.get(url, 0) + us
        by_fn[fn] = by_fn.get(fn, 0) + us
    total = sum(self_us.values())

    def top_of(d: dict[str, float]) -> list[dict[str, Any]]:
        items = sorted(d.items(), key=lambda kv: -kv[1])[:top]
        return [{"name": k, "ms": round(v / 1000, 1)} for k, v in items]

    return {
        "total_ms": round(total / 1000, 1),
        "by_script": top_of(by_url),
        "by_function": top_of(by_fn),
    }


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="first loads per page and scope")
    parser.add_argument("--scopes", default="drenthe,nederland")
    parser.add_argument("--pages", default=",".join(DEFAULT_PAGES))
    parser.add_argument(
        "--indicators",
        default=",".join(MAP_INDICATORS[:6]),
        help="indicators to switch to (each twice: cold, then warm)",
    )
    parser.add_argument(
        "--cpu-profile", action="store_true", help="also profile the renderer (CDP Profiler)"
    )
    parser.add_argument(
        "--no-floor", action="store_true", help="skip the bare page with only the map"
    )
    parser.add_argument(
        "--cold-starts",
        type=int,
        default=3,
        help="server starts timed to the first map, with and without the compiled store",
    )
    parser.add_argument(
        "--cold-app",
        type=Path,
        default=None,
        metavar="DIR",
        help="time the cold starts of another checkout instead (e.g. one before the compiled "
        "store, from `git archive`), on this checkout's data",
    )
    parser.add_argument(
        "--cold-entry",
        default="serve.py",
        choices=("serve.py", "app.py"),
        help="the script the cold starts run (serve.py: the README's first command)",
    )
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    labels = catalog_labels()
    indicators = [i for i in parse_pages(args.indicators) if i in labels]
    result: dict[str, Any] = {"machine": machine(), "pages": {}, "skipped": []}
    if args.cold_starts:
        log("cold starts: server process started -> first map drawn ...")
        with sync_playwright() as pw:
            browser = launch_chromium(pw.chromium)
            result["cold_start"] = cold_starts(
                browser, args.cold_starts, other=args.cold_app, entry=args.cold_entry
            )
            browser.close()
    with streamlit_server("browser") as server, sync_playwright() as pw:
        browser = launch_chromium(pw.chromium)
        log("warming the server (first visit loads the store) ...")
        registered, cold = discover_pages(browser, server.url)
        result["cold_server_first_visit"] = round(cold, 3)
        result["registered_pages"] = registered
        paths = [p["url_pathname"] for p in registered]
        log(f"  cold server first visit {ms(cold)}; pages {paths}")
        specs, result["skipped"] = select_pages(parse_pages(args.pages), registered)
        for spec in specs:
            name = spec.name
            result["pages"][name] = {}
            for scope in parse_pages(args.scopes):
                r = bench_page(browser, server.url, name, scope, args.runs, indicators, labels)
                result["pages"][name][scope] = r
                log(
                    f"  {name}/{scope}: drawn median "
                    f"{ms(r['first_load_new_visitor']['drawn'].get('median'))} (new), "
                    f"{ms(r['first_load_returning']['drawn'].get('median'))} (returning); "
                    f"switch median {ms(r['switch']['cold']['updated'].get('median'))} (cold), "
                    f"{ms(r['switch']['warm']['updated'].get('median'))} (warm); "
                    f"errors {len(r['errors'])}"
                )
        if not args.no_floor:
            log("the floor: a page with nothing but the same map ...")
            result["floor"] = floor(browser, args.runs)
            log(
                f"  floor: drawn median {ms(result['floor']['drawn'].get('median'))} "
                "(returning visitor)"
            )
        if args.cpu_profile:
            log("profiling the renderer (first load and one switch) ...")
            result["cpu_profile"] = cpu_profile(browser, server.url, labels)
        browser.close()
        result["server_tracebacks"] = server.tracebacks()
    result["machine"]["loadavg_end"] = loadavg()
    write_json(args.json, result)
    return result


if __name__ == "__main__":
    main()
