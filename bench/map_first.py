"""The map first, interleaved: the map page's first map drawn (returning visitor) against the
floor (a bare page with the same map, see bench/browser.py) and, with --other, against other
checkouts' map pages (e.g. the commit before a change, from `git archive`, on this
checkout's data; `other1`, `other2`, ... in the order given), loaded round after round in a
shuffled order, so that a machine whose load moves by the minute weighs on all of them
alike. bench/browser.py measures the floor minutes after the page; on a shared machine that
alone can move the ratio by ±50 %.

Per round and page one returning load (a tab in a context that has loaded that page
before); per page the medians of `drawn` (the map painted and the page complete),
`settled` (and nothing held back any more), `canvas` and `painted`, and per round the
ratio to the floor of the same round (its median is the figure to read).

    python bench/map_first.py [--rounds 10] [--scope drenthe] [--other DIR ...] [--json FILE]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.browser import floor_folder, load_once, page_url
from bench.common import (
    APP,
    loadavg,
    log,
    machine,
    new_context,
    streamlit_server,
    summarize,
    write_json,
)
from dashboard.testing import launch_chromium

KEYS = ("drawn", "settled", "canvas", "painted", "script_finished")


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--scope", default="drenthe")
    parser.add_argument(
        "--other", type=Path, action="append", default=[], metavar="DIR", help="repeatable"
    )
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    rng = random.Random(args.seed)
    result: dict[str, Any] = {
        "machine": machine(),
        "other": {f"other{i + 1}": str(d) for i, d in enumerate(args.other)},
        "rounds": [],
    }
    with ExitStack() as stack, sync_playwright() as pw:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        servers = {
            "page": stack.enter_context(streamlit_server("map-first", app=APP)),
            "floor": stack.enter_context(
                streamlit_server("map-first-floor", app=floor_folder(tmp)[0])
            ),
        }
        for i, other in enumerate(args.other):
            from dashboard.config import load_settings

            s = load_settings()
            env = {
                "PYTHONPATH": str(other / "src"),
                "DASHBOARD_CBS_DIR": str(s.cbs_dir),
                "DASHBOARD_GEO_DIR": str(s.geo_dir),
            }
            servers[f"other{i + 1}"] = stack.enter_context(
                streamlit_server(f"map-first-other{i + 1}", app=other / "app.py", env=env)
            )
        browser = launch_chromium(pw.chromium)
        urls = {
            name: (server.url if name == "floor" else page_url(server.url, "", args.scope))
            for name, server in servers.items()
        }
        contexts = {name: new_context(browser) for name in servers}
        log("warming: each server's first run, then each context's HTTP cache ...")
        for name, url in urls.items():
            for _ in range(2):
                load_once(contexts[name], url, True)
        for i in range(args.rounds):
            order = list(servers)
            rng.shuffle(order)
            row: dict[str, Any] = {"order": order, "loadavg": loadavg()}
            for name in order:
                try:
                    row[name] = {
                        k: v
                        for k, v in load_once(contexts[name], urls[name], True).items()
                        if k in KEYS
                    }
                except Exception as exc:  # noqa: BLE001 - count and go on
                    row[name] = {"error": str(exc)[:300]}
            result["rounds"].append(row)
            log(f"  round {i + 1}: " + ", ".join(f"{n} {row[n].get('drawn')}" for n in servers))
        browser.close()

    def col(name: str, key: str) -> list[float]:
        return [r[name][key] for r in result["rounds"] if r[name].get(key) is not None]

    def ratios(name: str) -> list[float]:
        return [
            round(r[name]["drawn"] / r["floor"]["drawn"], 3)
            for r in result["rounds"]
            if r[name].get("drawn") and r["floor"].get("drawn")
        ]

    result["summary"] = {
        name: {
            **{k: summarize(col(name, k)) for k in KEYS},
            **({"ratio_to_floor": summarize(ratios(name), digits=3)} if name != "floor" else {}),
        }
        for name in servers
    }
    result["machine"]["loadavg_end"] = loadavg()
    for name, summary in result["summary"].items():
        ratio = summary.get("ratio_to_floor", {}).get("median")
        log(
            f"{name}: drawn {summary['drawn'].get('median')} s, "
            f"settled {summary['settled'].get('median')} s"
            + ("" if ratio is None else f", ratio to the floor {ratio}")
        )
    if result["rounds"]:
        load = statistics.median(r["loadavg"][0] for r in result["rounds"])
        log(f"load average (1 min) per round, median: {load}")
    write_json(args.json, result)
    return result


if __name__ == "__main__":
    main()
