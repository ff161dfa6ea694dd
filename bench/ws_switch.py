"""One websocket session's warm indicator switch, per page, against `streamlit run app.py`
started by this script: the messages of a run, the time from the widget change to its first
element and to its last message (script_finished), and the server's CPU per switch
(/proc, all threads).

It shows what a single visitor waits for when nothing else is going on. Before
dashboard/app/sockets.py, every page took 48 ms here whatever its CPU: Nagle's algorithm held
the run's messages until the client's delayed ACK (issue 17, docs/benchmarks.md, "Seventh
pass").

    python bench/ws_switch.py [--pages kaart,regios,trends] [--rounds 3]
                              [--json bench/results/ws_switch.json]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
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
    parse_pages,
    streamlit_server,
    write_json,
)
from bench.wsclient import StreamlitSession

TIMEOUT_S = 120


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


async def measure(url: str, pid: int, pages: list[Any], rounds: int) -> dict[str, Any]:
    labels = catalog_labels()
    results: dict[str, Any] = {}
    for spec in pages:
        async with StreamlitSession.open(url, spec.path) as s:
            await s.run_initial(timeout=TIMEOUT_S)
            widget = s.widget("w_indicator")
            options = [labels[ind][1] for ind in MAP_INDICATORS]
            for option in options * 2:  # every view computed and sent once: warm
                await s.set_widget(widget.id, timeout=TIMEOUT_S, string_value=option)
            cpu0 = _cpu_seconds(pid)
            runs = [
                await s.set_widget(widget.id, timeout=TIMEOUT_S, string_value=option)
                for option in options * rounds
            ]
            cpu = (_cpu_seconds(pid) or 0) - (cpu0 or 0)
        bad = [r.status for r in runs if not r.ok]
        results[spec.name] = {
            "switches": len(runs),
            "failed": len(bad),
            "messages": statistics.median(r.messages for r in runs),
            "first_element_ms": _ms(statistics.median(r.first_delta_s or 0 for r in runs)),
            "last_message_ms": _ms(statistics.median(r.seconds for r in runs)),
            "server_cpu_ms_per_switch": _ms(cpu / len(runs)),
        }
        log(spec.name, results[spec.name])
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", default="kaart,regios,trends")
    parser.add_argument("--rounds", type=int, default=3, help="passes over the indicators")
    parser.add_argument("--json", type=Path, default=Path("bench/results/ws_switch.json"))
    args = parser.parse_args()
    pages = [page_spec(name) for name in parse_pages(args.pages)]
    with streamlit_server("ws_switch") as server:
        results = asyncio.run(measure(server.url, server.pid, pages, args.rounds))
    write_json(args.json, {"machine": machine(), "pages": results})


if __name__ == "__main__":
    main()
