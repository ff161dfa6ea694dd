"""What a burst of switches costs: N websocket sessions (Kaart, Regio's and Trends in turn) on
a warm `streamlit run app.py` started by this script. They switch all at once, and then the
same N switches are made one after another, round after round. For each, it reports the wall
time, the server's CPU (/proc, all threads) and the latencies.

When the burst lasts as long as its CPU, the interpreter is simply busy from the first switch
to the last. In that case the p95 of a burst can only fall with less work per run (issue 17,
docs/benchmarks.md, "Seventh pass").

    python bench/burst.py [--sessions 29] [--rounds 3] [--json bench/results/burst.json]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import statistics
import sys
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import (
    MAP_INDICATORS,
    _cpu_seconds,
    catalog_labels,
    log,
    machine,
    page_spec,
    streamlit_server,
    write_json,
)
from bench.wsclient import StreamlitSession

PAGES = ("kaart", "regios", "trends")
TIMEOUT_S = 120


def _summary(mode: str, wall: float, cpu: float, runs: list[Any]) -> dict[str, Any]:
    lat = sorted(r.seconds for r in runs)
    return {
        "mode": mode,
        "wall_s": round(wall, 3),
        "server_cpu_s": round(cpu, 3),
        "cpu_ms_per_switch": round(1000 * cpu / len(runs), 1),
        "p50_s": round(statistics.median(lat), 3),
        "p95_s": round(lat[min(len(lat) - 1, int(len(lat) * 0.95))], 3),
        "max_s": round(lat[-1], 3),
        "failed": sum(not r.ok for r in runs),
    }


async def measure(url: str, pid: int, n: int, rounds: int) -> list[dict[str, Any]]:
    labels = catalog_labels()
    options = [labels[ind][1] for ind in MAP_INDICATORS]
    async with contextlib.AsyncExitStack() as stack:
        sessions = []
        for i in range(n):
            s = await stack.enter_async_context(
                StreamlitSession.open(url, page_spec(PAGES[i % len(PAGES)]).path)
            )
            await s.run_initial(timeout=TIMEOUT_S)
            sessions.append((s, s.widget("w_indicator")))
        for option in options:  # every view of every page computed once: warm
            for s, w in sessions:
                await s.set_widget(w.id, timeout=TIMEOUT_S, string_value=option)
        results = []
        for r in range(rounds):
            for k, mode in enumerate(("at once", "one after another")):
                jobs = [
                    (s, w, options[(i + 2 * r + k + 1) % len(options)])
                    for i, (s, w) in enumerate(sessions)
                ]
                cpu0, t0 = _cpu_seconds(pid) or 0, time.perf_counter()
                if mode == "at once":
                    runs = await asyncio.gather(
                        *(s.set_widget(w.id, timeout=TIMEOUT_S, string_value=o) for s, w, o in jobs)
                    )
                else:
                    runs = [
                        await s.set_widget(w.id, timeout=TIMEOUT_S, string_value=o)
                        for s, w, o in jobs
                    ]
                wall = time.perf_counter() - t0
                results.append(_summary(mode, wall, (_cpu_seconds(pid) or 0) - cpu0, list(runs)))
                log(results[-1])
                await asyncio.sleep(1)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=29)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", type=Path, default=Path("bench/results/burst.json"))
    args = parser.parse_args()
    with streamlit_server("burst") as server:
        results = asyncio.run(measure(server.url, server.pid, args.sessions, args.rounds))
    write_json(args.json, {"machine": machine(), "sessions": args.sessions, "rounds": results})


if __name__ == "__main__":
    main()
