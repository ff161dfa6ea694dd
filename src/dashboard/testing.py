"""What the tests and the benchmarks share (as Datasette ships ``datasette/utils/testing.py``):
a free localhost port, a ``streamlit run`` server that answers its health check, Debian's
Chromium with the flags both launch it with, and waits on conditions in a page.

No streamlit import here (only ``dashboard.app`` imports it), and Playwright only inside the
functions that drive it: importing this module costs nothing. The wait helpers take a
Playwright ``Page`` or ``Frame`` (sync API); their selectors are Streamlit's ``data-testid``
attributes, which are not a public API (docs/benchmarks.md, "Streamlit internals")."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Debian's Chromium (apt-get install chromium), never a browser that Playwright downloads
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # deck.gl needs WebGL: software rendering without a GPU
    "--use-angle=swiftshader",
    "--enable-unsafe-swiftshader",
)

MAP_CANVAS = "[data-testid='stDeckGlJsonChart'] canvas"
VEGA_CHART = "[data-testid='stVegaLiteChart']"
DATAFRAME = "[data-testid='stDataFrame']"
# a placeholder of the map page's parts that wait for the map's first paint (the element of
# dashboard.app.widgets.after_map's signal, keyed bw_after_map_<place>)
HELD_BACK = "[class*='st-key-bw_after_map_']"
# the app's root, with the state Streamlit's frontend writes on it for its own e2e tests
APP_ROOT = "[data-testid='stApp']"
SCRIPT_DONE = (
    f"{APP_ROOT}[data-test-connection-state='CONNECTED'][data-test-script-state='notRunning']"
)


# --------------------------------------------------------------------------- the server


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 60) -> None:
    """Wait until a ``streamlit run`` process answers ``/_stcore/health`` with 200; raise
    RuntimeError if it exits first or is not healthy after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            time.sleep(0.3)  # polling interval: the server is still starting
    raise RuntimeError(f"streamlit did not become healthy at {url} in {timeout} s")


@dataclass(frozen=True)
class StreamlitServer:
    url: str
    process: subprocess.Popen
    log: Path

    @property
    def pid(self) -> int:
        return self.process.pid


def streamlit_command(app: Path, port: int, args: Sequence[str] = ()) -> list[str]:
    """``streamlit run app`` headless on 127.0.0.1:``port`` with this interpreter."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(app),
        "--server.headless=true",
        "--server.address=127.0.0.1",
        f"--server.port={port}",
        "--browser.gatherUsageStats=false",
        *args,
    ]


@contextlib.contextmanager
def streamlit_server(
    app: Path,
    log: Path,
    args: Sequence[str] = (),
    env: Mapping[str, str] | None = None,
    timeout: float = 90,
) -> Iterator[StreamlitServer]:
    """``streamlit run app`` (in the app's folder, so that its .streamlit/config.toml holds)
    on a free 127.0.0.1 port, with this interpreter; output to ``log``. Yields once the
    server is healthy; terminates it (then kills it) on exit."""
    port = free_port()
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w") as out:
        proc = subprocess.Popen(
            streamlit_command(app, port, args),
            cwd=app.parent,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=None if env is None else {**os.environ, **env},
        )
        server = StreamlitServer(url=f"http://127.0.0.1:{port}", process=proc, log=log)
        try:
            wait_healthy(server.url, proc, timeout=timeout)
            yield server
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


# --------------------------------------------------------------------------- the browser


def chromium_exists() -> bool:
    return bool(shutil.which(CHROMIUM)) or Path(CHROMIUM).exists()


def launch_chromium(browser_type: Any, **options: Any) -> Any:
    """``browser_type.launch`` of Debian's Chromium with :data:`CHROMIUM_ARGS`, for
    Playwright's sync or async API (``pw.chromium``; await the result with the async one).
    Playwright gives every launch a fresh temporary user-data-dir of its own (it refuses a
    ``--user-data-dir`` flag), so no profile carries over between runs."""
    return browser_type.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS), **options)


# --------------------------------------------------------------------------- waits in a page

# Colours among every 97th pixel of the first map canvas, copied to a 2D canvas (a WebGL
# canvas cannot be read directly); more than 4 means areas were painted, not only background.
_MAP_COLOURS_JS = f"""() => {{
    const c = document.querySelector("{MAP_CANVAS}");
    if (!c || !c.width || !c.height) return 0;
    const copy = document.createElement('canvas');
    copy.width = c.width; copy.height = c.height;
    const ctx = copy.getContext('2d');
    ctx.drawImage(c, 0, 0);
    const data = ctx.getImageData(0, 0, c.width, c.height).data;
    const seen = new Set();
    for (let i = 0; i < data.length; i += 4 * 97) {{
        seen.add(data[i] + ',' + data[i + 1] + ',' + data[i + 2]);
        if (seen.size > 4) break;
    }}
    return seen.size;
}}"""

_SCRIPT_DONE_JS = f'() => !!document.querySelector("{SCRIPT_DONE}")'

# How many elements `a.element` the page shows, once the script run is over and each of them
# holds `a.drawn`, with at least `a.n` (>= 1) of them; false until then
_DRAWN_JS = f"""a => {{
    if (!document.querySelector("{SCRIPT_DONE}")) return false;
    const all = [...document.querySelectorAll(a.element)];
    const drawn = all.filter(e => e.querySelector(a.drawn)).length;
    return all.length >= a.n && drawn === all.length ? drawn : false;
}}"""


def map_colours(page: Any) -> int:
    """How many colours the first deck.gl canvas shows (0 without a canvas; at most 5)."""
    return page.evaluate(_MAP_COLOURS_JS)


def wait_script_finished(page: Any, timeout: float = 90_000) -> None:
    """Wait until Streamlit's frontend is connected and its script run has finished (the
    state Streamlit writes on its app root: not 'initial', 'running' or 'rerunRequested')."""
    page.wait_for_function(_SCRIPT_DONE_JS, polling=50, timeout=timeout)


def wait_map_painted(page: Any, timeout: float = 90_000) -> None:
    """Wait until the deck.gl map's canvas shows more than 4 colours: deck.gl draws after
    Streamlit has rendered the element, in software WebGL here, so the canvas exists blank
    first."""
    page.wait_for_function(f"() => ({_MAP_COLOURS_JS})() > 4", polling=100, timeout=timeout)


def wait_nothing_held_back(page: Any, timeout: float = 90_000) -> None:
    """Wait until no part of the page waits for the map any more (the map page holds its
    ranking, table and downloads back until the browser has painted the map) and the
    fragment run that drew them has finished."""
    page.wait_for_function(
        f'() => !document.querySelector("{HELD_BACK}") && ({_SCRIPT_DONE_JS})()',
        polling=50,
        timeout=timeout,
    )


def wait_drawn(
    page: Any, element: str, drawn: str, at_least: int = 1, timeout: float = 60_000
) -> int:
    """Wait until the script run has finished and every ``element`` on the page holds a
    ``drawn`` descendant, with at least ``at_least`` of them; return how many there are.
    Assert that number exactly: the wait sees too few, only the assert sees too many."""
    args = {"element": element, "drawn": drawn, "n": max(at_least, 1)}
    return page.wait_for_function(_DRAWN_JS, arg=args, polling=100, timeout=timeout).json_value()


def wait_vega_drawn(page: Any, at_least: int = 1, timeout: float = 60_000) -> int:
    """:func:`wait_drawn` for Vega charts: drawn once Vega made their canvas or marks."""
    return wait_drawn(page, VEGA_CHART, "canvas, svg.marks", at_least, timeout)


def wait_dataframes_drawn(page: Any, at_least: int = 1, timeout: float = 60_000) -> int:
    """:func:`wait_drawn` for st.dataframe tables (lazily loaded by the frontend, so they
    can appear after the run has finished): drawn once their grid has its canvas."""
    return wait_drawn(page, DATAFRAME, "canvas", at_least, timeout)
