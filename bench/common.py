"""Shared helpers of the benchmark scripts: statistics, the Streamlit server under test, /proc
sampling of CPU and memory, the page list and the in-page probes. What the scripts share with
the tests (free port, server start, Debian's Chromium and its flags) is dashboard.testing.

These are scripts, not tests: nothing here is collected by pytest (testpaths = ["tests"])."""

from __future__ import annotations

import contextlib
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dashboard import pages, testing
from dashboard.testing import CHROMIUM

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
RESULTS = ROOT / "bench" / "results"

VIEWPORT = {"width": 1400, "height": 1000}

# Pages by id (dashboard.pages): their URL path and what "drawn" means there. The map page
# waits for its deck.gl canvas; the others for the generic readiness (an h1, no status
# widget). A name not in the registry gets path /<name> (select_pages then skips it).
PAGE_PATHS = {p.id: "/" + p.url_path for p in pages.PAGES}
MAP_PAGES = {pages.DEFAULT.id}
# measured unless --pages says otherwise: the pages a workshop's phones open (pages.page
# raises for an id the registry no longer has, rather than silently skipping the page)
DEFAULT_PAGES = tuple(pages.page(name).id for name in ("kaart", "regios", "trends"))

# gemeente-level indicators with a map on every scope (checked with dashboard.store.level);
# the browser scripts cycle through these. Override with --indicators.
MAP_INDICATORS = (
    "werkloosheid",
    "woz_waarde",
    "rokers",
    "koopwoningen_aandeel",
    "afstand_huisarts",
    "overgewicht",
    "inkomen_gestandaardiseerd_mediaan",
    "mantelzorgers",
)
SCOPES = ("drenthe", "noord-nederland", "nederland")


# --------------------------------------------------------------------------- statistics


def percentile(values: Sequence[float], q: float) -> float:
    """Linear-interpolated percentile (q in 0..100) of a non-empty sequence."""
    xs = sorted(values)
    if len(xs) == 1:
        return xs[0]
    pos = (len(xs) - 1) * q / 100
    lo, hi = math.floor(pos), math.ceil(pos)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def summarize(values: Sequence[float], digits: int = 4) -> dict[str, Any]:
    """n, median, p95, min, max, mean (seconds in, seconds out); empty gives n=0."""
    if not values:
        return {"n": 0}
    return {
        "n": len(values),
        "median": round(statistics.median(values), digits),
        "p95": round(percentile(values, 95), digits),
        "min": round(min(values), digits),
        "max": round(max(values), digits),
        "mean": round(statistics.fmean(values), digits),
    }


def ms(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds * 1000:.0f} ms"


# --------------------------------------------------------------------------- environment


def machine() -> dict[str, Any]:
    """What the numbers were measured on, including how busy the machine already was."""
    cpu_model = ""
    with contextlib.suppress(OSError), open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    mem_kb = 0
    with contextlib.suppress(OSError), open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                mem_kb = int(line.split()[1])
    try:
        import streamlit

        st_version = streamlit.__version__
    except ImportError:
        st_version = None
    try:
        chromium = subprocess.run(
            [CHROMIUM, "--version"], capture_output=True, text=True, timeout=20
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        chromium = None
    return {
        "nproc": os.cpu_count(),
        "cpu_model": cpu_model,
        "ram_gb": round(mem_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "streamlit": st_version,
        "chromium": chromium,
        "platform": platform.platform(),
        "loadavg": loadavg(),
        "git": git_state(),
    }


def loadavg() -> list[float]:
    try:
        with open("/proc/loadavg") as f:
            return [float(x) for x in f.read().split()[:3]]
    except OSError:
        return []


def git_state() -> dict[str, Any]:
    def run(*args: str) -> str:
        try:
            return subprocess.run(
                ["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=20
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""

    dirty = run("status", "--porcelain", "--", "app.py", "pages", "src")
    return {"commit": run("rev-parse", "--short", "HEAD"), "dirty": dirty.splitlines()}


def write_json(path: Path | None, data: Any) -> None:
    if path is None:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def log(*args: Any) -> None:
    print(*args, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- pages


@dataclass(frozen=True)
class PageSpec:
    name: str
    path: str
    has_map: bool


def page_spec(name: str) -> PageSpec:
    return PageSpec(name=name, path=PAGE_PATHS.get(name, f"/{name}"), has_map=name in MAP_PAGES)


def navigation_pages(payload: bytes | str) -> list[dict[str, Any]] | None:
    """The registered pages if a websocket frame is Streamlit's `navigation` ForwardMsg."""
    if isinstance(payload, str):
        return None
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    msg = ForwardMsg()
    try:
        msg.ParseFromString(payload)
    except Exception:  # noqa: BLE001 - not a ForwardMsg
        return None
    if msg.WhichOneof("type") != "navigation":
        return None
    return [
        {"url_pathname": p.url_pathname, "name": p.page_name, "default": p.is_default}
        for p in msg.navigation.app_pages
    ]


def select_pages(names: Sequence[str], registered: Sequence[dict[str, Any]]) -> tuple[list, list]:
    """The asked-for pages the app registers (PageSpec), and a message for each other one
    (a page being built may not exist yet: it is skipped, not an error)."""
    urls = {p["url_pathname"] for p in registered}
    found, skipped = [], []
    for name in names:
        spec = page_spec(name)
        if spec.path.lstrip("/") in urls:
            found.append(spec)
        else:
            skipped.append(f"page {name!r} skipped: {spec.path} is not in the app's navigation")
            log(skipped[-1])
    return found, skipped


def parse_pages(value: str) -> list[str]:
    return [p.strip() for p in value.split(",") if p.strip()]


def catalog_labels() -> dict[str, tuple[str, str]]:
    """indicator id -> (h1 title, option text of the Indicator selectbox) in Dutch."""
    from dashboard.model.catalog import load_catalog

    catalog = load_catalog()
    return {
        ind.id: (ind.label("nl"), f"{catalog.theme_label(ind.theme, 'nl')} · {ind.label('nl')}")
        for ind in catalog
    }


# --------------------------------------------------------------------------- the server


# The app's background warm-up (dashboard.warmup) is off unless a benchmark asks for it: a
# thread computing views would be measured along with what a benchmark times.
WARM_UP_ENV = "DASHBOARD_WARM_UP"
WARM_UP_DONE = "Warm-up done:"


@contextlib.contextmanager
def streamlit_server(
    name: str,
    extra_args: Sequence[str] = (),
    warm_up: bool = False,
    app: Path = APP,
    env: dict[str, str] | None = None,
) -> Iterator[Server]:
    """`streamlit run app.py` (or another `app`, run in its folder) on a free 127.0.0.1
    port; log in bench/results/streamlit-<name>.log. The app's warm-up is off unless `warm_up` (see
    `Server.wait_warm_up`); `env` adds to the environment."""
    env = {WARM_UP_ENV: "1" if warm_up else "0", **(env or {})}
    args = ["--server.fileWatcherType=none", *extra_args]
    log_path = RESULTS / f"streamlit-{name}.log"
    with testing.streamlit_server(app, log_path, args=args, env=env, timeout=90) as running:
        yield Server(url=running.url, pid=running.pid, log=log_path)


@dataclass
class Server:
    url: str
    pid: int
    log: Path

    def wait_warm_up(self, timeout: float = 600) -> float:
        """Wait until the app logs that its warm-up is done; its duration (s) as logged."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in self.log.read_text(errors="replace").splitlines():
                if WARM_UP_DONE in line:  # "Warm-up done: 74 views in 37.3 s, 0 failed."
                    return float(line.split(" in ")[1].split(" s")[0])
            time.sleep(0.5)
        raise TimeoutError(f"no '{WARM_UP_DONE}' in {self.log} after {timeout:.0f} s")

    def tracebacks(self) -> int:
        try:
            return self.log.read_text(errors="replace").count("Traceback (most recent call last)")
        except OSError:
            return 0


# --------------------------------------------------------------------------- /proc sampling

CLK_TCK = os.sysconf("SC_CLK_TCK")


def _cpu_seconds(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLK_TCK  # utime + stime
    except (OSError, IndexError, ValueError):
        return None


def _rss_mb(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(x) for x in f.read().split()]
    except OSError:
        return []


def process_tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(_children(p))
    return out


@dataclass
class ProcSampler:
    """Samples CPU time and RSS of a process (with its children if tree=True) in a thread.

    Uses /proc directly (psutil is not a dependency). cpu_percent is 100 per busy core. CPU
    time is accumulated per process, so processes that exit keep what they used up to their
    last sample (at most `interval` of a dying process's CPU time is missed)."""

    pid: int
    tree: bool = False
    exclude: int | None = None  # with tree: leave out this process and its children
    interval: float = 0.5
    samples: list[tuple[float, float, float]] = field(default_factory=list)
    _first: dict[int, float] = field(default_factory=dict)
    _last: dict[int, float] = field(default_factory=dict)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def _measure(self) -> tuple[float, float]:
        pids = process_tree(self.pid) if self.tree else [self.pid]
        if self.exclude is not None:
            skip = set(process_tree(self.exclude))
            pids = [p for p in pids if p not in skip]
        starting = not self._first
        for p in pids:
            c = _cpu_seconds(p)
            if c is None:
                continue
            self._first.setdefault(p, c if starting else 0.0)
            self._last[p] = c
        cpu = sum(self._last[p] - self._first[p] for p in self._last)
        rss = sum(r for p in pids if (r := _rss_mb(p)) is not None)
        return cpu, rss

    def _loop(self) -> None:
        while not self._stop.is_set():
            cpu, rss = self._measure()
            self.samples.append((time.monotonic(), cpu, rss))
            self._stop.wait(self.interval)

    def __enter__(self) -> ProcSampler:
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread:
            self._thread.join()
        cpu, rss = self._measure()
        self.samples.append((time.monotonic(), cpu, rss))

    def result(self) -> dict[str, Any]:
        if len(self.samples) < 2:
            return {}
        (t0, c0, _), (t1, c1, _) = self.samples[0], self.samples[-1]
        rates = [
            (b[1] - a[1]) / (b[0] - a[0]) * 100
            for a, b in zip(self.samples, self.samples[1:], strict=False)
            if b[0] > a[0]
        ]
        return {
            "cpu_seconds": round(c1 - c0, 2),
            "cpu_percent_mean": round((c1 - c0) / (t1 - t0) * 100, 1),
            "cpu_percent_peak": round(max(rates), 1) if rates else None,
            "rss_mb_start": round(self.samples[0][2], 1),
            "rss_mb_peak": round(max(s[2] for s in self.samples), 1),
            "rss_mb_end": round(self.samples[-1][2], 1),
            "seconds": round(t1 - t0, 1),
        }


def _cpu_totals() -> tuple[float, float]:
    with open("/proc/stat") as f:
        parts = [float(x) for x in f.readline().split()[1:]]
    idle = parts[3] + (parts[4] if len(parts) > 4 else 0)
    return sum(parts), idle


class SystemCpu:
    """Machine-wide CPU use between enter and exit (100 per busy core), from /proc/stat."""

    def __enter__(self) -> SystemCpu:
        self.start = _cpu_totals()
        self.load_start = loadavg()
        return self

    def __exit__(self, *exc: object) -> None:
        total0, idle0 = self.start
        total1, idle1 = _cpu_totals()
        busy = 1 - (idle1 - idle0) / max(total1 - total0, 1e-9)
        self.result = {
            "busy_percent": round(busy * 100 * (os.cpu_count() or 1), 1),
            "loadavg_start": self.load_start,
            "loadavg_end": loadavg(),
        }


def machine_busy(window: float = 5.0) -> float:
    """Share of the whole machine's CPU in use over `window` seconds (0..1)."""
    total0, idle0 = _cpu_totals()
    time.sleep(window)
    total1, idle1 = _cpu_totals()
    return 1 - (idle1 - idle0) / max(total1 - total0, 1e-9)


def wait_idle(max_wait: float, threshold: float = 0.25) -> dict[str, Any]:
    """Wait (at most max_wait s) until other work leaves the machine mostly idle: this
    machine is shared, and a benchmark next to a busy test run measures the test run."""
    t0 = time.monotonic()
    busy = machine_busy()
    while busy > threshold and time.monotonic() - t0 < max_wait:
        log(f"machine {busy:.0%} busy; waiting for it to settle below {threshold:.0%} ...")
        busy = machine_busy(10)
    return {"waited_s": round(time.monotonic() - t0), "busy_before": round(busy, 2)}


def peak_rss_mb(pid: int) -> float | None:
    """VmHWM: the kernel's own peak resident set size of the process."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


# --------------------------------------------------------------------------- in-page probes

# Installed in every page with context.add_init_script. `state()` reads the page;
# `fingerprint()` samples the map's canvases (scaled to 160x100) to tell when the map is drawn
# (more than 4 colours) and when it has been redrawn (another hash). A 20 ms timer records
# milestones in `marks` (performance.now(), ms since navigation start): h1, legend, canvas,
# painted, and `complete` / `complete_map` (the page is done, without / with a drawn map),
# and `settled` (map pages): done and no part held back any more (the map page's placeholders, which
# wait for the map's first paint: dashboard.app.widgets.after_map, have been replaced).
# For a switch the caller sets `expect` = {title, prev, map}; a click anywhere records
# `click`, and the timer records `switch_h1` (new title) and `switched` (done, map redrawn).
# The WebSocket is wrapped to count Streamlit's `script_finished` messages (ForwardMsg field 6,
# a varint, found by scanning the message's top-level protobuf fields): a page or a switch is
# only done when the script run has finished, not only when the map is drawn.
PROBE_JS = """
(() => {
  const finished = (buf) => {
    let i = 0; const n = buf.length;
    const varint = () => { let r = 0, s = 0, b;
      do { if (i >= n) return -1; b = buf[i++]; r += (b & 0x7f) * 2 ** s; s += 7; }
      while (b & 0x80); return r; };
    while (i < n) {
      const tag = varint(); if (tag < 0) return false;
      const field = Math.floor(tag / 8), wt = tag & 7;
      if (field === 6 && wt === 0) return true;
      if (wt === 0) { if (varint() < 0) return false; }
      else if (wt === 2) { const len = varint(); if (len < 0) return false; i += len; }
      else if (wt === 1) i += 8; else if (wt === 5) i += 4; else return false;
    }
    return false;
  };
  const seen = (data) => {
    if (!finished(new Uint8Array(data))) return;
    const b = window.__bw;
    b.finished += 1; b.mark('script_finished');
    if (b.expect && b.finished > b.expect.finishedBefore) b.mark('switch_finished');
  };
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (ev) => {
        if (ev.data instanceof ArrayBuffer) seen(ev.data);
        else if (ev.data instanceof Blob) ev.data.arrayBuffer().then(seen);
      });
    }
  };
})();
window.__bw = {
  copy: null, marks: {}, expect: null, finished: 0,
  state() {
    const q = (s) => document.querySelector(s);
    return {
      h1: q('h1') ? q('h1').innerText.trim() : null,
      status: !!q('[data-testid="stStatusWidget"]'),
      legend: !!q('.bw-legend'),
      canvas: document.querySelectorAll("[data-testid='stDeckGlJsonChart'] canvas").length,
      exception: document.querySelectorAll('[data-testid="stException"]').length,
      skeleton: document.querySelectorAll('[data-testid="stSkeleton"]').length,
      held: document.querySelectorAll('[class*="st-key-bw_after_map_"]').length,
    };
  },
  fingerprint() {
    const cs = document.querySelectorAll("[data-testid='stDeckGlJsonChart'] canvas");
    if (!cs.length) return null;
    if (!this.copy) { this.copy = document.createElement('canvas');
                      this.copy.width = 160; this.copy.height = 100; }
    const ctx = this.copy.getContext('2d', {willReadFrequently: true});
    const parts = []; const colours = new Set();
    for (const c of cs) {
      if (!c.width || !c.height) { parts.push('0'); continue; }
      ctx.clearRect(0, 0, 160, 100);
      ctx.drawImage(c, 0, 0, 160, 100);
      const d = ctx.getImageData(0, 0, 160, 100).data;
      let h = 0;
      for (let i = 0; i < d.length; i += 4 * 7) {
        const k = (d[i] << 16) | (d[i + 1] << 8) | d[i + 2];
        colours.add(k); h = (Math.imul(h, 31) + k + d[i + 3]) | 0;
      }
      parts.push(String(h));
    }
    return {hash: parts.join(','), colours: colours.size};
  },
  // a page has loaded: title shown, run finished, and for the map page the map painted
  loaded(a) {
    const s = this.state();
    if (s.exception) return 'exception';
    if (!s.h1 || s.status || s.skeleton || this.finished < 1) return false;
    if (!a.map) return true;
    if (!s.legend || !s.canvas) return false;
    const f = this.fingerprint();
    return !!f && f.colours > 4;
  },
  // after a switch: the new title (title null: any), run finished, and (if a map is shown)
  // a repainted map
  switched(a) {
    const s = this.state();
    if (s.exception) return 'exception';
    if (a.title !== null && s.h1 !== a.title) return false;
    if (s.status || this.finished <= a.finishedBefore) return false;
    if (!a.map || !s.canvas) return true;
    const f = this.fingerprint();
    return !!f && f.colours > 4 && f.hash !== a.prev;
  },
  mark(k) { if (!(k in this.marks)) this.marks[k] = performance.now(); },
  tick() {
    const m = this.marks; const now = performance.now();
    // idle (no work) once loaded and between switches, so that many open tabs cost little
    const waiting = !('complete_map' in m) && !('complete' in m && now - m.complete > 15000);
    const loading = waiting || ('complete_map' in m && !('settled' in m));
    const switching = this.expect && !('switched' in m);
    if (!loading && !switching) return;
    const s = this.state();
    if (s.h1) this.mark('h1');
    if (s.legend) this.mark('legend');
    if (s.canvas) this.mark('canvas');
    if (s.exception) this.mark('exception');
    if (!('complete' in m) && this.loaded({map: false}) === true) this.mark('complete');
    if (s.canvas && !('painted' in m)) {
      const f = this.fingerprint();
      if (f && f.colours > 4) this.mark('painted');
    }
    if (!('complete_map' in m) && 'painted' in m && this.loaded({map: true}) === true)
      this.mark('complete_map');
    if (!('settled' in m) && 'complete_map' in m && !s.held && !s.status
        && this.loaded({map: false}) === true)
      this.mark('settled');
    const e = this.expect;
    if (e && 'click' in m) {
      if (e.title !== null && s.h1 === e.title) this.mark('switch_h1');
      if (!('switched' in m) && this.switched(e) === true) this.mark('switched');
    }
  },
  watch(a) { this.expect = {...a, finishedBefore: this.finished};
             for (const k of ['click', 'switch_h1', 'switched', 'switch_finished'])
               delete this.marks[k]; },
};
document.addEventListener('pointerdown', () => window.__bw.mark('click'), true);
setInterval(() => window.__bw.tick(), 20);
"""


def new_context(browser: Any) -> Any:
    context = browser.new_context(viewport=VIEWPORT, locale="nl-NL")
    context.add_init_script(PROBE_JS)
    return context
