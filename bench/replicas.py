"""Replicas behind nginx: deploy/nginx/brede-welvaart.conf in front of N `streamlit run app.py
--server.baseUrlPath bw` processes on 127.0.0.1, websocket sessions driven through the proxy,
and one replica killed (SIGKILL, as a crash) in the middle of the run.

What a session does (bench/wsclient.py, the messages a browser tab sends): it loads the page
through the proxy (GET /bw/..., which sets the sticky cookie), opens its websocket with that
cookie, runs the page of its URL, then switches the indicator --rounds times, all sessions at
once, with a random think time. The sessions are opened one after another, and after each
open every replica's /_stcore/metrics (read on the replica itself: the proxy does not serve
it) says which replica took it. At the start of round 2 the replica with the most sessions is
killed. Its sessions see their websocket close; each reconnects through the proxy (same
cookie, as Streamlit's frontend does), lands on another replica, and runs the page of the URL
it had: the view must come back from the URL (same indicator, same query). Every other session
must see no disconnection and no error at all.

Reports: sessions per replica, load and switch latencies (p50/p95/max) before and after the
kill, the reconnects (time from the disconnection to the restored view), errors.

    python bench/replicas.py [--sessions 60] [--replicas 3] [--rounds 4] [--think 0,1]
                             [--json bench/results/replicas.json]

tests/test_deploy.py runs the same code with fewer sessions. Needs nginx (Debian:
apt-get install nginx-light); it runs as an unprivileged user on free ports, with its own
prefix in a temporary folder, never the system's nginx.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import http.client
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import MAP_INDICATORS, catalog_labels, log, machine, summarize, write_json
from bench.wsclient import RunResult, StreamlitSession
from dashboard.testing import free_port, streamlit_command, wait_healthy

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
SITE_CONF = ROOT / "deploy" / "nginx" / "brede-welvaart.conf"
RESULTS = ROOT / "bench" / "results"
BASE_PATH = "bw"  # the prefix of deploy/nginx/brede-welvaart.conf
COOKIE = "bw_replica"
# the pages sessions open (their first heading names the indicator)
PAGES = ("/", "/trends")
LOAD_TIMEOUT = 180.0
SWITCH_TIMEOUT = 90.0


def nginx_binary() -> str | None:
    """Debian's nginx (apt-get install nginx-light or nginx), or None."""
    return shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None
    )


# --------------------------------------------------------------------------- configuration


def site_config(site_conf: str, listen: int, replica_ports: list[int], site_dir: Path | str) -> str:
    """deploy/nginx/brede-welvaart.conf for this machine: listening on 127.0.0.1:``listen``
    (IPv4 only), the upstream's servers on ``replica_ports``, the static site at
    ``site_dir``. Everything else is the shipped file as it is."""
    servers = re.findall(r"^\s*server 127\.0\.0\.1:\d+ (.*);$", site_conf, flags=re.M)
    if not servers:
        raise ValueError("no 'server 127.0.0.1:PORT ...;' lines in the upstream block")
    options = servers[0]
    lines = "\n".join(f"    server 127.0.0.1:{p} {options};" for p in replica_ports)
    conf = re.sub(r"(^\s*server 127\.0\.0\.1:\d+ .*;\n)+", lines + "\n", site_conf, flags=re.M)
    conf = conf.replace("    listen 80;\n", f"    listen 127.0.0.1:{listen};\n")
    conf = conf.replace("    listen [::]:80;\n", "")
    conf = conf.replace("/srv/brede-welvaart/site/", f"{str(site_dir).rstrip('/')}/")
    if f"listen 127.0.0.1:{listen};" not in conf:
        raise ValueError("no 'listen 80;' line in the server block")
    return conf


def main_config(site: str, prefix: Path) -> str:
    """A whole nginx.conf around the site: in the foreground, every file it writes under
    ``prefix`` (pid, logs, temporary bodies), Debian's mime types."""
    temp = {name: prefix / name for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")}
    temps = "\n".join(f"    {name}_temp_path {path};" for name, path in temp.items())
    return f"""daemon off;
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {prefix}/access.log;
{temps}
{site}
}}
"""


# --------------------------------------------------------------------------- processes


@dataclass
class Replica:
    port: int
    process: subprocess.Popen
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/{BASE_PATH}"

    def alive(self) -> bool:
        return self.process.poll() is None

    def active_sessions(self) -> int:
        """Streamlit's own gauge, read on the replica (not through the proxy)."""
        with urllib.request.urlopen(f"{self.url}/_stcore/metrics", timeout=5) as resp:
            text = resp.read().decode()
        found = re.search(r"^active_sessions (\d+)", text, flags=re.M)
        if found is None:
            raise RuntimeError(f"no active_sessions in {self.url}/_stcore/metrics")
        return int(found.group(1))


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextlib.contextmanager
def replicas(n: int, logs: Path, env: dict[str, str] | None = None) -> Iterator[list[Replica]]:
    """``n`` times `streamlit run app.py --server.baseUrlPath bw` on free 127.0.0.1 ports,
    started together; yields when all answer /bw/_stcore/health; stopped on exit (the ones
    still running)."""
    logs.mkdir(parents=True, exist_ok=True)
    started: list[Replica] = []
    environ = {**os.environ, "DASHBOARD_WARM_UP": "0", **(env or {})}
    try:
        for i in range(n):
            port = free_port()
            log_path = logs / f"replica-{i}.log"
            with log_path.open("w") as out:
                proc = subprocess.Popen(
                    streamlit_command(
                        APP,
                        port,
                        [f"--server.baseUrlPath={BASE_PATH}", "--server.fileWatcherType=none"],
                    ),
                    cwd=ROOT,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                    env=environ,
                )
            started.append(Replica(port, proc, log_path))
        for r in started:
            wait_healthy(r.url, r.process, timeout=120)
        yield started
    finally:
        for r in started:
            _stop(r.process)


def _demote() -> list[str]:
    """Run nginx as 'nobody' when this process is root: the proxy needs no privilege."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return []
    return [setpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups"]


@dataclass
class Proxy:
    port: int
    process: subprocess.Popen
    prefix: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/{BASE_PATH}"

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def error_log(self) -> str:
        path = self.prefix / "error.log"
        return path.read_text(errors="replace") if path.exists() else ""


@contextlib.contextmanager
def proxy(replica_ports: list[int], site_dir: Path | None = None) -> Iterator[Proxy]:
    """nginx with deploy/nginx/brede-welvaart.conf in front of ``replica_ports``, on a free
    127.0.0.1 port, in a temporary prefix; checked with ``nginx -t`` first."""
    binary = nginx_binary()
    if binary is None:
        raise RuntimeError("nginx is not installed (Debian: apt-get install nginx-light)")
    prefix = Path(tempfile.mkdtemp(prefix="bw-nginx-"))
    served = prefix / "site"  # a copy: the unprivileged nginx may not read the original
    if site_dir is not None:
        shutil.copytree(site_dir, served)
    served.mkdir(exist_ok=True)
    port = free_port()
    conf = prefix / "nginx.conf"
    site = site_config(SITE_CONF.read_text(), port, replica_ports, served)
    conf.write_text(main_config(site, prefix))
    demote = _demote()
    if demote:  # the unprivileged user writes its logs and temporary files here
        prefix.chmod(0o777)
        for path in [prefix, *prefix.rglob("*")]:
            path.chmod(0o777 if path.is_dir() else 0o666)
    command = [*demote, binary, "-p", str(prefix), "-c", str(conf)]
    check = subprocess.run([*command, "-t"], capture_output=True, text=True)
    if check.returncode != 0:
        raise RuntimeError(f"nginx -t failed:\n{check.stderr}")
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    running = Proxy(port, proc, prefix)
    try:
        deadline = time.monotonic() + 20
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"nginx exited: {proc.stderr.read().decode()[:2000]}")
            try:
                with urllib.request.urlopen(f"{running.url}/_stcore/health", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("nginx did not answer in 20 s") from None
                time.sleep(0.2)  # polling: nginx is starting
        yield running
    finally:
        _stop(proc)
        shutil.rmtree(prefix, ignore_errors=True)


# --------------------------------------------------------------------------- HTTP


@dataclass
class Response:
    status: int
    headers: dict[str, list[str]]
    body: bytes

    def header(self, name: str) -> str | None:
        values = self.headers.get(name.lower())
        return values[-1] if values else None


def http_get(url: str, headers: dict[str, str] | None = None) -> Response:
    """One GET as it is (no redirects followed, no decompression), every header kept."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        conn.request("GET", target or "/", headers=headers or {})
        resp = conn.getresponse()
        found: dict[str, list[str]] = {}
        for name, value in resp.getheaders():
            found.setdefault(name.lower(), []).append(value)
        return Response(resp.status, found, resp.read())
    finally:
        conn.close()


def sticky_cookie(response: Response) -> str:
    """The value of the proxy's sticky cookie in a response's Set-Cookie."""
    for value in response.headers.get("set-cookie", []):
        name, _, rest = value.partition("=")
        if name.strip() == COOKIE:
            return rest.split(";")[0]
    raise RuntimeError(f"no {COOKIE} cookie in {response.headers.get('set-cookie')}")


# --------------------------------------------------------------------------- sessions


@dataclass
class Visit:
    """One simulated browser tab."""

    n: int
    path: str
    query: str
    cookie: str = ""
    replica: int | None = None  # the replica index its first websocket landed on
    loads: list[float] = field(default_factory=list)
    switches_before: list[float] = field(default_factory=list)  # before the kill
    switches_after: list[float] = field(default_factory=list)
    by_round: dict[int, list[float]] = field(default_factory=dict)  # round -> switch seconds
    disconnected: bool = False
    reconnect_s: float | None = None  # disconnection to the restored view's script_finished
    restored: bool | None = None
    restored_query: str = ""
    query_before: str = ""
    errors: list[str] = field(default_factory=list)
    session: StreamlitSession | None = None
    stack: contextlib.AsyncExitStack | None = None


def indicator_of(query: str) -> str:
    values = parse_qs(query).get("indicator")
    return values[-1] if values else "vrijwilligerswerk"


def problem(run: RunResult, title: str) -> str | None:
    """What is wrong with a run, if anything; the page's first heading must name ``title``."""
    if run.status != "FINISHED_SUCCESSFULLY":
        return run.status or "no script_finished"
    if run.exceptions:
        return f"exception shown: {run.exceptions[0]}"
    if run.errors:
        return f"error shown: {run.errors[0]}"
    if not run.headings or title not in run.headings[0]:
        return f"the page shows {run.headings[:1]}, not {title!r}"
    return None


class Drive:
    """The sessions of one run through the proxy."""

    def __init__(
        self,
        proxy_url: str,
        fleet: list[Replica],
        n_sessions: int,
        rounds: int,
        think: tuple[float, float],
        seed: int = 7,
        kill: bool = True,
    ) -> None:
        self.proxy_url = proxy_url
        self.fleet = fleet
        self.rounds = rounds
        self.think = think
        self.kill = kill
        self.rng = random.Random(seed)
        self.labels = catalog_labels()
        self.visits = [
            Visit(
                n=i,
                path=PAGES[i % len(PAGES)],
                query=f"indicator={MAP_INDICATORS[i % len(MAP_INDICATORS)]}",
            )
            for i in range(n_sessions)
        ]
        self.killed: int | None = None
        self.killed_at: float | None = None
        self.kill_round = 2 if rounds >= 2 else 1

    # -- opening, one after another, each attributed to its replica --------------------------

    async def _connect(self, v: Visit) -> RunResult:
        v.stack = contextlib.AsyncExitStack()
        v.session = await v.stack.enter_async_context(
            StreamlitSession.open(
                self.proxy_url, v.path, v.query, headers={"Cookie": f"{COOKIE}={v.cookie}"}
            )
        )
        return await v.session.run_initial(timeout=LOAD_TIMEOUT)

    async def open_all(self) -> None:
        counts = await asyncio.to_thread(lambda: [r.active_sessions() for r in self.fleet])
        for v in self.visits:
            page = await asyncio.to_thread(http_get, f"{self.proxy_url}{v.path}?{v.query}")
            if page.status != 200:
                v.errors.append(f"page load: HTTP {page.status}")
                continue
            v.cookie = sticky_cookie(page)
            t0 = time.perf_counter()
            first = await self._connect(v)
            v.loads.append(time.perf_counter() - t0)
            wrong = problem(first, self.labels[indicator_of(v.query)][0])
            if wrong:
                v.errors.append(f"load: {wrong}")
            after = await asyncio.to_thread(lambda: [r.active_sessions() for r in self.fleet])
            grew = [i for i, (a, b) in enumerate(zip(counts, after, strict=True)) if b == a + 1]
            v.replica = grew[0] if len(grew) == 1 else None
            counts = after

    # -- the rounds, all sessions at once ----------------------------------------------------

    async def _reconnect(self, v: Visit, since: float) -> None:
        """The replica is gone: reconnect through the proxy with the same cookie and run the
        page of the URL the session had, as Streamlit's frontend does."""
        assert v.session is not None and v.stack is not None
        v.disconnected = True
        v.query_before = v.session.query
        with contextlib.suppress(Exception):  # the old socket is already dead
            await v.stack.aclose()
        v.stack = contextlib.AsyncExitStack()
        deadline = time.monotonic() + 30
        while True:
            try:
                v.session = await v.stack.enter_async_context(
                    StreamlitSession.open(
                        self.proxy_url,
                        v.path,
                        v.query_before,
                        headers={"Cookie": f"{COOKIE}={v.cookie}"},
                    )
                )
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                await asyncio.sleep(0.5)  # the browser's reconnect back-off
        run = await v.session.run_initial(timeout=LOAD_TIMEOUT)
        v.reconnect_s = time.perf_counter() - since
        v.restored_query = v.session.query
        wrong = problem(run, self.labels[indicator_of(v.query_before)][0])
        v.restored = wrong is None and v.restored_query == v.query_before
        if wrong:
            v.errors.append(f"restore: {wrong}")

    async def _switch(self, v: Visit, round_no: int) -> None:
        await asyncio.sleep(self.rng.uniform(*self.think))
        ind = MAP_INDICATORS[(v.n + round_no) % len(MAP_INDICATORS)]
        title, option = self.labels[ind]
        for attempt in range(2):
            assert v.session is not None
            t0 = time.perf_counter()
            try:
                widget = v.session.widget("w_indicator")
                run = await v.session.set_widget(
                    widget.id, timeout=SWITCH_TIMEOUT, string_value=option
                )
            except Exception as exc:  # noqa: BLE001 - a send on a closed socket
                run = RunResult(0.0, None, 0, 0, f"disconnected: {type(exc).__name__}")
            if run.status.startswith("disconnected") and attempt == 0:
                await self._reconnect(v, t0)
                continue  # the switch again, on the new replica
            wrong = problem(run, title)
            if wrong:
                v.errors.append(f"round {round_no} {ind}: {wrong}")
                return
            v.by_round.setdefault(round_no, []).append(run.seconds)
            if self.killed_at is None:
                v.switches_before.append(run.seconds)
            else:
                v.switches_after.append(run.seconds)
            return

    async def _kill_soon(self) -> None:
        await asyncio.sleep(max(0.2, self.think[1] / 2))  # sessions are mid-run now
        counts = [sum(1 for v in self.visits if v.replica == i) for i in range(len(self.fleet))]
        self.killed = max(range(len(self.fleet)), key=lambda i: counts[i])
        self.fleet[self.killed].process.send_signal(signal.SIGKILL)
        self.killed_at = time.perf_counter()
        log(f"killed replica {self.killed} (port {self.fleet[self.killed].port}, "
            f"{counts[self.killed]} sessions)")  # fmt: skip

    async def run_rounds(self) -> None:
        for round_no in range(1, self.rounds + 1):
            tasks = [self._switch(v, round_no) for v in self.visits if v.session is not None]
            if self.kill and round_no == self.kill_round:
                tasks.append(self._kill_soon())
            await asyncio.gather(*tasks)

    async def close(self) -> None:
        for v in self.visits:
            if v.stack is not None:
                with contextlib.suppress(Exception):
                    await v.stack.aclose()

    async def run(self) -> dict[str, Any]:
        try:
            t0 = time.perf_counter()
            await self.open_all()
            opened = time.perf_counter() - t0
            await self.run_rounds()
            report = self.report(opened)
            # where the sessions are at the end: the survivors hold all of them
            report["active_after"] = await asyncio.to_thread(
                lambda: [r.active_sessions() if r.alive() else None for r in self.fleet]
            )
            return report
        finally:
            await self.close()

    # -- what happened ---------------------------------------------------------------------

    def report(self, opened_s: float) -> dict[str, Any]:
        on_killed = [v for v in self.visits if v.replica == self.killed]
        others = [v for v in self.visits if v.replica != self.killed]
        flat = lambda attr, vs: [x for v in vs for x in getattr(v, attr)]  # noqa: E731
        return {
            "sessions": len(self.visits),
            "replicas": len(self.fleet),
            "rounds": self.rounds,
            "per_replica": [
                sum(1 for v in self.visits if v.replica == i) for i in range(len(self.fleet))
            ],
            "unattributed": sum(1 for v in self.visits if v.replica is None),
            "killed": self.killed,
            "open_all_s": round(opened_s, 2),
            "load_s": summarize(flat("loads", self.visits)),
            "switch_before_kill_s": summarize(flat("switches_before", self.visits)),
            "switch_after_kill_s": summarize(flat("switches_after", self.visits)),
            # round 1 is every replica's first sight of most views; the kill is in round 2
            "switch_by_round_s": {
                r: summarize([x for v in self.visits for x in v.by_round.get(r, [])])
                for r in range(1, self.rounds + 1)
            },
            "on_killed": {
                "sessions": len(on_killed),
                "disconnected": sum(v.disconnected for v in on_killed),
                "restored": sum(bool(v.restored) for v in on_killed),
                "reconnect_s": summarize([v.reconnect_s for v in on_killed if v.reconnect_s]),
                "errors": flat("errors", on_killed),
            },
            "others": {
                "sessions": len(others),
                "disconnected": sum(v.disconnected for v in others),
                "errors": flat("errors", others),
            },
        }


def run_deployment(
    n_sessions: int,
    n_replicas: int = 3,
    rounds: int = 4,
    think: tuple[float, float] = (0.0, 1.0),
    logs: Path = RESULTS / "replicas",
) -> dict[str, Any]:
    """The whole run: replicas, proxy, sessions, a kill; the report of :meth:`Drive.report`."""
    with replicas(n_replicas, logs) as fleet, proxy([r.port for r in fleet]) as nginx:
        drive = Drive(nginx.url, fleet, n_sessions, rounds, think)
        report = asyncio.run(drive.run())
        report["nginx_errors"] = [
            line for line in nginx.error_log().splitlines() if "[emerg]" in line
        ]
        report["tracebacks"] = sum(
            r.log.read_text(errors="replace").count("Traceback (most recent call last)")
            for r in fleet
        )
        return report


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--sessions", type=int, default=60)
    ap.add_argument("--replicas", type=int, default=3)
    ap.add_argument("--rounds", type=int, default=4)
    ap.add_argument("--think", default="0,1", help="min,max seconds before each switch")
    ap.add_argument("--json", type=Path, default=RESULTS / "replicas.json")
    args = ap.parse_args()
    think = tuple(float(x) for x in args.think.split(","))
    report = run_deployment(args.sessions, args.replicas, args.rounds, (think[0], think[1]))
    report["machine"] = machine()
    for key, value in report.items():
        log(f"{key}: {value}")
    write_json(args.json, report)


if __name__ == "__main__":
    main()
