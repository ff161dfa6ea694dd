"""N simultaneous browser sessions switching indicators, against `streamlit run app.py`
started (and stopped) by this script on 127.0.0.1; a fresh server per N, warmed by one visit.

One headless Chromium (Debian's), N browser contexts driven by Playwright's async API in one
event loop. Each session opens the page (sessions start spread over --ramp seconds); when all
pages have loaded, all sessions together, for --duration seconds, repeatedly: click the
sidebar combobox "Indicator", type an indicator's option text, click the option and wait
until the h1 shows the new indicator, the script run has finished (Streamlit's
script_finished message) and no status widget is shown; then think for a random --think
time (uniform, seconds) before the next switch. Latency is measured in the page's own clock
from the pointerdown on the option.

Everything runs on one machine: the browsers (which render the deck.gl maps in software,
SwiftShader) compete with the server for the same cores. --block-map-js aborts the request
for Streamlit's DeckGlJsonChart chunk, so the server does the same work and sends the same
data but the browsers do not draw maps: that isolates the server's capacity.

Reports per N: p50/p95/max latency, switches done, errors (timeouts, exceptions shown, JS
errors, server tracebacks), server peak RSS (sampled and the kernel's VmHWM) and CPU (mean
and peak, 100 = one core), the browsers' CPU, and the machine's total CPU use.

    python bench/concurrency.py [--sessions 10,30] [--duration 60] [--think 1,3]
                                [--block-map-js] [--json bench/results/concurrency.json]
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
    CHROMIUM,
    CHROMIUM_ARGS,
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


class Session:
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


async def run_level(
    base: str,
    specs: list[PageSpec],
    n: int,
    duration: float,
    ramp: float,
    think: tuple[float, float],
    indicators: list[str],
    labels: dict[str, tuple[str, str]],
    block_map_js: bool,
    seed: int,
) -> tuple[list[Session], float, float]:
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        rng = random.Random(seed)
        sessions = []
        for i in range(n):
            spec = specs[i % len(specs)]
            url = base + spec.path
            sessions.append(Session(i, url, spec.has_map, indicators, random.Random(rng.random())))
        t0 = time.monotonic()
        start = Barrier(n)
        await asyncio.gather(
            *(
                s.run(browser, labels, ramp * i / max(n, 1), start, duration, think, block_map_js)
                for i, s in enumerate(sessions)
            )
        )
        elapsed = time.monotonic() - t0
        loading = (start.released or t0) - t0
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
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
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


def level(args: argparse.Namespace, n: int, labels: dict, indicators: list[str]) -> dict:
    with streamlit_server(f"concurrency-{n}") as server:
        log(f"N={n}: warming the server ...")
        registered = asyncio.run(warm(server.url))
        specs, skipped = select_pages(parse_pages(args.pages), registered)
        if not specs:
            return {"sessions": n, "skipped": skipped, "error": "no page to run"}
        log(
            f"N={n}: {n} sessions, ramp {args.ramp:.0f} s, {args.duration:.0f} s of switching, "
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
    latencies = [x for s in sessions for x in s.latencies]
    errors = [f"session {s.n}: {e}" for s in sessions for e in s.errors]
    js_errors = [e for s in sessions for e in s.js_errors]
    if args.block_map_js:  # the aborted chunk is expected to fail to load
        js_errors = [e for e in js_errors if "DeckGlJsonChart" not in e and "import" not in e]
    loads = [s.load for s in sessions if s.load is not None]
    return {
        "sessions": n,
        "pages": [s.name for s in specs],
        "skipped": skipped,
        "duration": args.duration,
        "ramp": args.ramp,
        "think": list(args.think),
        "block_map_js": args.block_map_js,
        "elapsed": round(elapsed, 1),
        "loading_phase_s": round(loading, 1),
        "switches": len(latencies),
        "switches_per_second": round(len(latencies) / max(elapsed - loading, 1), 2),
        "latency": summarize(latencies),
        "first_load": summarize(loads),
        "script_finished": summarize([r["script_finished_s"] for s in sessions for r in s.records]),
        "combobox_open": summarize([r["open_s"] for s in sessions for r in s.records]),
        "errors": len(errors) + tracebacks,
        "error_samples": errors[:10],
        "server_tracebacks": tracebacks,
        "js_errors": len(js_errors),
        "js_error_samples": js_errors[:5],
        "server": {**server_cpu.result(), "rss_mb_vmhwm": hwm},
        "browsers": client_cpu.result(),
        "machine_cpu": system.result,
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
    parser.add_argument("--block-map-js", action="store_true")
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
            f"errors {r['errors']}; server peak RSS {r['server'].get('rss_mb_vmhwm')} MB, "
            f"CPU mean {r['server'].get('cpu_percent_mean')}% peak "
            f"{r['server'].get('cpu_percent_peak')}%; browsers CPU mean "
            f"{r['browsers'].get('cpu_percent_mean')}%; machine "
            f"{r['machine_cpu']['busy_percent']}%"
        )
    write_json(args.json, result)
    return result


if __name__ == "__main__":
    main()
