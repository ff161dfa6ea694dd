"""N simultaneous sessions switching indicators, against `streamlit run app.py` started (and
stopped) by this script on 127.0.0.1; a fresh server per N, warmed by one visit.

The sessions: --browsers of them (default 1) are tabs in a headless Debian Chromium driven
by Playwright; the rest are websocket-level clients (bench/wsclient.py) that send what a
browser tab sends and read everything the server sends back, but draw nothing. On this
2-core machine thirty Chromium tabs rendering deck.gl in software (SwiftShader) saturate the
cores themselves and measure the clients instead of the server (the first run of this
script: ten tabs never got past their first load while the server idled at 7% CPU). In the
workshop room each phone renders its own page; the shared resource is the server.

The server's background warm-up (dashboard.warmup: every indicator's views for Drenthe) is
awaited before the sessions start (--warm-up wait), runs while they start (start), or is
switched off (off: every view a session asks for first is new to the server).

Each session opens the page (sessions start spread over --ramp seconds); when all have
loaded, all together, for --duration seconds, repeatedly switch to the next indicator and
then think for a random --think time (uniform, seconds).
- websocket client: latency from sending the widget change to receiving the run's
  script_finished (all the server sends has arrived); a switch counts as an error unless
  the run finished successfully, showed no exception or st.error, and (on the map page)
  its heading names the new indicator.
- Chromium tab: click the sidebar combobox "Indicator", type an option text, click the
  option; latency in the page's own clock from the pointerdown on the option until the h1
  shows the new indicator, the run finished and the map is repainted. --block-map-js
  aborts Streamlit's DeckGlJsonChart chunk in the tabs (maps not drawn).

Reports per N: p50/p95/max latency for each kind of client, switches done, errors
(timeouts, exceptions shown, JS errors, server tracebacks), server peak RSS (sampled and
the kernel's VmHWM) and CPU (mean and peak, 100 = one core), the clients' CPU, and the
machine's total CPU use.

    python bench/concurrency.py [--sessions 10,30] [--browsers 1] [--duration 60]
                                [--think 1,3] [--pages kaart,regios,trends]
                                [--warm-up wait|start|off]
                                [--json bench/results/concurrency.json]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import (
    MAP_INDICATORS,
    PROBE_JS,
    VIEWPORT,
    PageSpec,
    ProcSampler,
    SystemCpu,
    catalog_labels,
    log,
    machine,
    ms,
    navigation_pages,
    parse_pages,
    peak_rss_mb,
    select_pages,
    streamlit_server,
    summarize,
    write_json,
)
from bench.wsclient import RunResult, StreamlitSession
from dashboard.testing import launch_chromium

SWITCH_TIMEOUT_MS = 60_000
LOAD_TIMEOUT_MS = 180_000
MAP_CHUNK = "**/static/js/DeckGlJsonChart.*.js"


class Barrier:
    """All sessions switch at the same time: each waits here after loading its page."""

    def __init__(self, parties: int) -> None:
        self.parties = parties
        self.count = 0
        self.event = asyncio.Event()
        self.released: float | None = None

    async def arrive(self) -> float:
        self.count += 1
        if self.count >= self.parties:
            self.released = time.monotonic()
            self.event.set()
        await self.event.wait()
        return self.released or time.monotonic()


class SessionBase:
    """What every kind of session keeps: its indicators (each session starts elsewhere in
    the list), its timings and its errors."""

    def __init__(
        self, n: int, url: str, has_map: bool, indicators: list[str], rng: random.Random
    ) -> None:
        self.n = n
        self.url = url
        self.has_map = has_map  # the map page's h1 names the indicator; other pages' do not
        self.indicators = indicators[n % len(indicators) :] + indicators[: n % len(indicators)]
        self.rng = rng
        self.load: float | None = None
        self.latencies: list[float] = []
        self.records: list[dict[str, Any]] = []
        self.errors: list[str] = []
        self.js_errors: list[str] = []


class Session(SessionBase):
    """A tab in Chromium, switching through the sidebar as a user does."""

    async def run(
        self,
        browser: Any,
        labels: dict[str, tuple[str, str]],
        start_delay: float,
        start: Barrier,
        duration: float,
        think: tuple[float, float],
        block_map_js: bool,
    ) -> None:
        await asyncio.sleep(start_delay)
        context = await browser.new_context(viewport=VIEWPORT, locale="nl-NL")
        await context.add_init_script(PROBE_JS)
        if block_map_js:
            await context.route(MAP_CHUNK, lambda route: route.abort())
        page = await context.new_page()
        page.on("pageerror", lambda exc: self.js_errors.append(str(exc)[:200]))
        try:
            t0 = time.perf_counter()
            await page.goto(self.url, wait_until="commit", timeout=LOAD_TIMEOUT_MS)
            await page.wait_for_function(
                "() => window.__bw.loaded({map: false}) === true",
                polling=100,
                timeout=LOAD_TIMEOUT_MS,
            )
            self.load = time.perf_counter() - t0
        except Exception as exc:  # noqa: BLE001 - a failed load is an error, not a crash
            self.errors.append(f"load: {exc}"[:300])
            await start.arrive()
            await context.close()
            return
        current = await page.evaluate("() => window.__bw.state().h1")
        deadline = await start.arrive() + duration
        k = 0
        while time.monotonic() < deadline:
            ind = self.indicators[k % len(self.indicators)]
            k += 1
            title, option_text = labels[ind]
            if title == current:
                continue
            if not self.has_map:  # another page's h1 need not name the indicator
                title = None
            t_open = time.monotonic()
            try:
                box = page.locator("[data-testid='stSidebar']").get_by_role(
                    "combobox", name="Indicator", exact=True
                )
                await box.click(timeout=SWITCH_TIMEOUT_MS)
                await box.fill(option_text, timeout=SWITCH_TIMEOUT_MS)
                option = page.get_by_role("option", name=option_text, exact=True)
                await option.wait_for(timeout=SWITCH_TIMEOUT_MS)
                opened = time.monotonic() - t_open
                await page.evaluate(
                    "a => window.__bw.watch(a)", {"title": title, "prev": None, "map": False}
                )
                started = time.monotonic()
                await option.click(timeout=SWITCH_TIMEOUT_MS)
                await page.wait_for_function(
                    "() => 'switched' in window.__bw.marks || 'exception' in window.__bw.marks",
                    polling=50,
                    timeout=SWITCH_TIMEOUT_MS,
                )
                marks = await page.evaluate("() => window.__bw.marks")
                if "exception" in marks:
                    self.errors.append(f"{ind}: exception shown")
                    break
                latency = (marks["switched"] - marks["click"]) / 1000
                run = (marks["switch_finished"] - marks["click"]) / 1000
                self.latencies.append(latency)
                self.records.append(
                    {
                        "t": round(started, 3),
                        "session": self.n,
                        "indicator": ind,
                        "s": round(latency, 4),
                        "script_finished_s": round(run, 4),
                        "open_s": round(opened, 3),
                        "wall_s": round(time.monotonic() - started, 3),
                    }
                )
                current = title
            except Exception as exc:  # noqa: BLE001 - timeouts and the like are errors
                self.errors.append(f"{ind}: {exc}"[:300])
                try:  # get back to a known state: close the dropdown
                    await page.keyboard.press("Escape")
                    current = await page.evaluate("() => window.__bw.state().h1")
                except Exception:  # noqa: BLE001
                    break
            pause = self.rng.uniform(*think)
            if pause:
                await asyncio.sleep(pause)
        await context.close()


class WsSession(SessionBase):
    """A session at websocket level (bench/wsclient.py): the server does the same work for
    it as for a browser tab, the client draws nothing. Latency: from sending the widget
    change to receiving the run's script_finished, i.e. everything the server sends has
    arrived; the browser's own drawing time is what bench/browser.py measures."""

    def __init__(
        self, n: int, url: str, spec: PageSpec, indicators: list[str], rng: random.Random
    ) -> None:
        super().__init__(n, url, spec.has_map, indicators, rng)
        self.spec = spec

    async def run(
        self,
        labels: dict[str, tuple[str, str]],
        start_delay: float,
        start: Barrier,
        duration: float,
        think: tuple[float, float],
    ) -> None:
        await asyncio.sleep(start_delay)
        arrived = False
        try:
            async with StreamlitSession.open(self.url, self.spec.path) as s:
                first = await s.run_initial(timeout=LOAD_TIMEOUT_MS / 1000)
                if not first.ok:
                    self.errors.append(f"load: {first.status} {first.exceptions[:1]}")
                    arrived = True
                    await start.arrive()
                    return
                self.load = first.seconds
                widget = s.widget("w_indicator")
                titles = {t for t, _ in labels.values()}
                current = next((h for h in first.headings if h in titles), None)
                arrived = True
                deadline = await start.arrive() + duration
                k = 0
                while time.monotonic() < deadline:
                    ind = self.indicators[k % len(self.indicators)]
                    k += 1
                    title, option_text = labels[ind]
                    if title == current:
                        continue
                    r = await s.set_widget(
                        widget.id, timeout=SWITCH_TIMEOUT_MS / 1000, string_value=option_text
                    )
                    problem = self.check(r, title)
                    if problem:
                        self.errors.append(f"{ind}: {problem}")
                        if not r.status.startswith("FINISHED"):
                            break
                    else:
                        self.latencies.append(r.seconds)
                        self.records.append(
                            {
                                "t": round(time.monotonic(), 3),
                                "session": self.n,
                                "page": self.spec.name,
                                "indicator": ind,
                                "s": round(r.seconds, 4),
                                "first_element_s": round(r.first_delta_s or 0, 4),
                                "bytes": r.bytes,
                                "map_bytes": r.map_bytes,
                                "cache_refs": r.cache_refs,
                            }
                        )
                        current = title
                    pause = self.rng.uniform(*think)
                    if pause:
                        await asyncio.sleep(pause)
        except Exception as exc:  # noqa: BLE001 - a refused or dropped connection is an error
            self.errors.append(f"connection: {type(exc).__name__}: {exc}"[:300])
            if not arrived:
                await start.arrive()

    def check(self, r: RunResult, title: str) -> str | None:
        """What is wrong with a switch's run, if anything."""
        if r.status != "FINISHED_SUCCESSFULLY":
            return r.status or "no script_finished"
        if r.exceptions:
            return f"exception shown: {r.exceptions[0]}"
        if r.errors:
            return f"error shown: {r.errors[0]}"
        if self.has_map and title not in r.headings:
            return f"the page shows {r.headings[:1]}, not {title!r}"
        return None


async def run_level(
    base: str,
    specs: list[PageSpec],
    n: int,
    browsers: int,
    duration: float,
    ramp: float,
    think: tuple[float, float],
    indicators: list[str],
    labels: dict[str, tuple[str, str]],
    block_map_js: bool,
    seed: int,
) -> tuple[list[Session | WsSession], float, float]:
    """n sessions, the first `browsers` of them Chromium tabs and the rest websocket
    clients, all in one event loop; (sessions, seconds in all, seconds until all loaded)."""
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = None
        if browsers:
            browser = await launch_chromium(pw.chromium)
        rng = random.Random(seed)
        sessions: list[Session | WsSession] = []
        for i in range(n):
            spec = specs[i % len(specs)]
            session_rng = random.Random(rng.random())
            if i < browsers:
                sessions.append(Session(i, base + spec.path, spec.has_map, indicators, session_rng))
            else:
                sessions.append(WsSession(i, base, spec, indicators, session_rng))
        t0 = time.monotonic()
        start = Barrier(n)

        def go(i: int, s: Session | WsSession) -> Any:
            delay = ramp * i / max(n, 1)
            if isinstance(s, Session):
                return s.run(browser, labels, delay, start, duration, think, block_map_js)
            return s.run(labels, delay, start, duration, think)

        await asyncio.gather(*(go(i, s) for i, s in enumerate(sessions)))
        elapsed = time.monotonic() - t0
        loading = (start.released or t0) - t0
        if browser is not None:
            await browser.close()
    return sessions, elapsed, loading


async def warm(url: str) -> list[dict[str, Any]]:
    """One visit (loads the store); the pages the app registers."""
    from playwright.async_api import async_playwright

    registered: list[dict[str, Any]] = []

    def on_frame(payload: bytes | str) -> None:
        pages = navigation_pages(payload)
        if pages is not None:
            registered[:] = pages

    async with async_playwright() as pw:
        browser = await launch_chromium(pw.chromium)
        context = await browser.new_context(viewport=VIEWPORT, locale="nl-NL")
        await context.add_init_script(PROBE_JS)
        page = await context.new_page()
        page.on("websocket", lambda ws: ws.on("framereceived", on_frame))
        await page.goto(url)
        await page.wait_for_function(
            "() => window.__bw.loaded({map: true}) === true", polling=100, timeout=300_000
        )
        await browser.close()
    return registered


def windows(records: list[dict[str, Any]], width: float = 10) -> list[dict[str, Any]]:
    """Latency per `width` seconds of the run (by when a switch ended): does it settle, or
    does a queue build up?"""
    if not records:
        return []
    t0 = min(r["t"] for r in records)
    out: dict[int, list[float]] = {}
    for r in records:
        out.setdefault(int((r["t"] - t0) // width), []).append(r["s"])
    return [{"from_s": k * width, **summarize(v)} for k, v in sorted(out.items()) if len(v) >= 2]


async def warm_pages(url: str, specs: list[PageSpec]) -> None:
    """One visit to each page the sessions use, as a facilitator opens them before the
    workshop: the measured minute is not the server's first visit to a page."""
    for spec in specs:
        async with StreamlitSession.open(url, spec.path) as s:
            result = await s.run_initial()
            if not result.ok:
                raise RuntimeError(f"warming {spec.path}: {result.status} {result.exceptions}")


def level(args: argparse.Namespace, n: int, labels: dict, indicators: list[str]) -> dict:
    warm_up = args.warm_up != "off"
    with streamlit_server(f"concurrency-{n}", warm_up=warm_up) as server:
        log(f"N={n}: warming the server ...")
        registered = asyncio.run(warm(server.url))
        specs, skipped = select_pages(parse_pages(args.pages), registered)
        if not specs:
            return {"sessions": n, "skipped": skipped, "error": "no page to run"}
        asyncio.run(warm_pages(server.url, specs))
        warm_up_s = None
        if args.warm_up == "wait":
            log(f"N={n}: waiting for the app's warm-up ...")
            warm_up_s = server.wait_warm_up()
            log(f"N={n}: warm-up done in {warm_up_s:.1f} s")
        browsers = min(args.browsers, n)
        log(
            f"N={n}: {n} sessions ({browsers} in Chromium, {n - browsers} websocket clients), "
            f"ramp {args.ramp:.0f} s, {args.duration:.0f} s of switching, "
            f"think {args.think[0]}-{args.think[1]} s"
            + (", map JS blocked" if args.block_map_js else "")
        )
        me = os.getpid()
        with (
            ProcSampler(server.pid) as server_cpu,
            ProcSampler(me, tree=True, exclude=server.pid) as client_cpu,
            SystemCpu() as system,
        ):
            sessions, elapsed, loading = asyncio.run(
                run_level(
                    server.url,
                    specs,
                    n,
                    browsers,
                    args.duration,
                    args.ramp,
                    args.think,
                    indicators,
                    labels,
                    args.block_map_js,
                    args.seed + n,
                )
            )
        hwm = peak_rss_mb(server.pid)
        tracebacks = server.tracebacks()
    tabs = [s for s in sessions if isinstance(s, Session)]
    clients = [s for s in sessions if isinstance(s, WsSession)]
    errors = [f"session {s.n}: {e}" for s in sessions for e in s.errors]
    js_errors = [e for s in tabs for e in s.js_errors]
    if args.block_map_js:  # the aborted chunk is expected to fail to load
        js_errors = [e for e in js_errors if "DeckGlJsonChart" not in e and "import" not in e]
    switches = sum(len(s.latencies) for s in sessions)
    ws_records = [r for s in clients for r in s.records]
    return {
        "sessions": n,
        "browser_sessions": len(tabs),
        "websocket_sessions": len(clients),
        "pages": [s.name for s in specs],
        "skipped": skipped,
        "duration": args.duration,
        "ramp": args.ramp,
        "think": list(args.think),
        "block_map_js": args.block_map_js,
        "warm_up": args.warm_up,
        "warm_up_s": warm_up_s,
        "elapsed": round(elapsed, 1),
        "loading_phase_s": round(loading, 1),
        "switches": switches,
        "switches_per_second": round(switches / max(elapsed - loading, 1), 2),
        # websocket clients: from sending the change to the run's last message received
        "latency": summarize([x for s in clients for x in s.latencies]),
        "first_element": summarize([r["first_element_s"] for r in ws_records]),
        "kb_per_switch": summarize([r["bytes"] / 1024 for r in ws_records], digits=1),
        "by_10s": windows(ws_records),
        "first_load": summarize([s.load for s in clients if s.load is not None]),
        # Chromium tabs: from the click on the option to the repainted page (map drawn
        # in software on the same 2 cores as the server)
        "browser_latency": summarize([x for s in tabs for x in s.latencies]),
        "browser_script_finished": summarize(
            [r["script_finished_s"] for s in tabs for r in s.records]
        ),
        "browser_first_load": summarize([s.load for s in tabs if s.load is not None]),
        "errors": len(errors) + tracebacks,
        "error_samples": errors[:10],
        "server_tracebacks": tracebacks,
        "js_errors": len(js_errors),
        "js_error_samples": js_errors[:5],
        "server": {**server_cpu.result(), "rss_mb_vmhwm": hwm},
        "clients": client_cpu.result(),
        "machine_cpu": system.result,
        # every websocket switch (t: when it ended, monotonic), to see what a window holds
        "records": sorted(ws_records, key=lambda r: r["t"]),
    }


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", default="10,30", help="comma-separated N")
    parser.add_argument("--duration", type=float, default=60, help="seconds of switching")
    parser.add_argument("--ramp", type=float, default=10, help="seconds over which to start")
    parser.add_argument(
        "--think",
        type=lambda v: tuple(float(x) for x in v.split(",")),
        default=(1.0, 3.0),
        help="min,max pause between switches (s)",
    )
    parser.add_argument(
        "--pages", default="kaart", help="comma-separated; sessions are spread over them"
    )
    parser.add_argument("--indicators", default=",".join(MAP_INDICATORS))
    parser.add_argument(
        "--browsers",
        type=int,
        default=1,
        help="how many of the N sessions are Chromium tabs (the rest: websocket clients)",
    )
    parser.add_argument("--block-map-js", action="store_true")
    parser.add_argument(
        "--warm-up",
        choices=("wait", "start", "off"),
        default="wait",
        help="the app's background warm-up: wait until it is done before the sessions start "
        "(the workshop: the facilitator opened the dashboard beforehand), start the sessions "
        "while it runs, or switch it off (every view is new to the server)",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)

    labels = catalog_labels()
    indicators = [i for i in parse_pages(args.indicators) if i in labels]
    result: dict[str, Any] = {"machine": machine(), "levels": []}
    for n in (int(x) for x in parse_pages(args.sessions)):
        r = level(args, n, labels, indicators)
        result["levels"].append(r)
        log(
            f"N={n}: {r['switches']} switches, p50 {ms(r['latency'].get('median'))}, "
            f"p95 {ms(r['latency'].get('p95'))}, max {ms(r['latency'].get('max'))}; "
            f"in Chromium p50 {ms(r['browser_latency'].get('median'))}; "
            f"errors {r['errors']}; server peak RSS {r['server'].get('rss_mb_vmhwm')} MB, "
            f"CPU mean {r['server'].get('cpu_percent_mean')}% peak "
            f"{r['server'].get('cpu_percent_peak')}%; clients CPU mean "
            f"{r['clients'].get('cpu_percent_mean')}%; machine "
            f"{r['machine_cpu']['busy_percent']}%"
        )
    write_json(args.json, result)
    return result


if __name__ == "__main__":
    main()
