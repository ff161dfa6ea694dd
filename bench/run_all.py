"""Run the whole benchmark suite, write bench/results/latest.json and print a table against
the targets.

    python -m bench                 # full run (about 20 minutes on 2 cores)
    python -m bench --quick         # shorter runs (about 8 minutes)
    python -m bench --only payload,browser --pages kaart,regios,trends
    python -m bench --only concurrency --reuse   # the others from their last result files

Each benchmark runs as its own process (bench/<name>.py, which writes
bench/results/<name>.json), so the in-process one starts cold and each browser benchmark has
its own server. Pages that the app does not register yet are skipped with a message.
Before each benchmark the suite waits (at most --wait-idle seconds) for the machine to be
mostly idle, and records how busy it was: on a shared machine other work skews timings.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import RESULTS, ROOT, log, machine, wait_idle, write_json

BENCHMARKS = ("server_time", "payload", "browser", "static_site", "concurrency", "pull")

FULL = {
    "server_time": ["--scopes", "drenthe,nederland", "--repeats", "2"],
    "payload": ["--scopes", "drenthe,noord-nederland,nederland"],
    "browser": ["--runs", "7", "--scopes", "drenthe,nederland"],
    "static_site": ["--runs", "7"],
    "pull": ["--runs", "3"],
    "concurrency": [
        # the server's capacity: websocket clients only (they use ~5% of a core, so the
        # server has the machine to itself, as it would in the workshop), after the app's
        # warm-up (the facilitator opened the dashboard beforehand)
        ["--sessions", "10,30", "--duration", "60", "--browsers", "0"],
        ["--sessions", "30", "--duration", "60", "--browsers", "0"]
        + ["--pages", "kaart,regios,trends"],
        # the same crowd on a server without the warm-up: every view is new at first
        ["--sessions", "30", "--duration", "60", "--browsers", "0"]
        + ["--pages", "kaart,regios,trends", "--warm-up", "off"],
        # what one user sees among 29 others (their tab draws maps on the server's cores)
        ["--sessions", "30", "--duration", "60", "--browsers", "1"],
    ],
}
QUICK = {
    "server_time": ["--scopes", "drenthe,nederland", "--repeats", "1", "--limit", "25"],
    "payload": ["--scopes", "drenthe,nederland"],
    "browser": [
        *("--runs", "5", "--scopes", "drenthe"),
        *("--indicators", "werkloosheid,woz_waarde,rokers"),
        *("--cold-starts", "1"),
    ],
    "static_site": ["--runs", "3"],
    "pull": ["--runs", "1"],
    "concurrency": [["--sessions", "10", "--duration", "20", "--ramp", "5", "--browsers", "1"]],
}
PAGED = {"server_time", "payload", "browser"}


def run(name: str, args: list[str], out: Path) -> dict[str, Any]:
    cmd = [sys.executable, str(ROOT / "bench" / f"{name}.py"), *args, "--json", str(out)]
    log(f"\n== {name}: {' '.join(cmd[1:])}")
    t0 = time.monotonic()
    proc = subprocess.run(cmd, cwd=ROOT)
    seconds = round(time.monotonic() - t0, 1)
    if proc.returncode != 0 or not out.exists():
        return {"error": f"exit code {proc.returncode}", "seconds": seconds}
    data = json.loads(out.read_text())
    data["seconds"] = seconds
    return data


def reuse(name: str) -> Any:
    """The last result of a benchmark not run now, marked as reused with its file's time."""
    files = sorted(RESULTS.glob(f"{name}*.json"))
    if not files:
        return {"error": "not run"}
    stamp = time.strftime("%Y-%m-%d %H:%M", time.localtime(files[0].stat().st_mtime))
    if name == "concurrency":
        return [
            {**lvl, "reused_from": stamp}
            for f in files
            for lvl in json.loads(f.read_text()).get("levels", [])
        ]
    return {**json.loads(files[0].read_text()), "reused_from": stamp}


def slim(data: Any) -> Any:
    """Results without the per-run lists (they stay in bench/results/<name>.json)."""
    if isinstance(data, dict):
        return {k: slim(v) for k, v in data.items() if k not in ("runs", "machine")}
    if isinstance(data, list):
        return [slim(v) for v in data]
    return data


def dig(data: Any, *path: str | int) -> Any:
    for key in path:
        try:
            data = data[key]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def verdict(median: float | None, p95: float | None, target: float) -> str:
    if median is None:
        return "not measured"
    if p95 is not None and p95 <= target:
        return "met"
    if median <= target:
        return "median only"
    return "MISSED"


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    st = results.get("server_time", {})
    br = results.get("browser", {})
    pl = results.get("payload", {})
    cc = results.get("concurrency", [])
    rows = []

    def timing(label: str, stats: dict | None, target: float, note: str = "") -> None:
        stats = stats or {}
        rows.append(
            {
                "target": label,
                "median": stats.get("median"),
                "p95": stats.get("p95"),
                "limit": target,
                "unit": "s",
                "n": stats.get("n"),
                "verdict": verdict(stats.get("median"), stats.get("p95"), target),
                "note": note,
            }
        )

    for scope, limit in (("drenthe", 0.150), ("nederland", 0.400)):
        timing(
            f"server: indicator switch, {scope}",
            dig(st, "pages", "kaart", scope, "switch_map", "all"),
            limit,
            "map indicators, cold + warm, script time (AppTest)",
        )
        timing(
            f"server: indicator switch, {scope}, all indicators",
            dig(st, "pages", "kaart", scope, "switch_all", "script"),
            limit,
            "including the 29 without a map",
        )
    timing(
        "browser: first map drawn, drenthe (new visitor)",
        dig(br, "pages", "kaart", "drenthe", "first_load_new_visitor", "drawn"),
        1.5,
        "warm server, empty browser cache",
    )
    timing(
        "browser: first map drawn, drenthe (returning)",
        dig(br, "pages", "kaart", "drenthe", "first_load_returning", "drawn"),
        1.5,
        "warm server, assets cached",
    )
    timing(
        "browser: first map drawn, drenthe, embedded (returning)",
        dig(br, "pages", "kaart", "drenthe", "first_load_embedded", "drawn"),
        1.5,
        "?embed=true: map, legend, summary",
    )
    timing(
        "browser: first map drawn on a bare page with only the map (the floor)",
        dig(br, "floor", "drawn"),
        1.5,
        "what Streamlit and deck.gl take by themselves here",
    )
    for variant, note in (
        ("compiled", "server process started -> first map; the start after a pull"),
        ("sources", "the same without the compiled store (every CSV parsed)"),
    ):
        ratio = dig(br, "cold_start", variant, "ratio") or {}
        rows.append(
            {
                "target": f"browser: cold start / warm first map ({variant} store)",
                "median": ratio.get("median"),
                "p95": ratio.get("max"),
                "limit": 2.0,
                "unit": "x",
                "n": ratio.get("n"),
                "verdict": verdict(ratio.get("median"), ratio.get("max"), 2.0),
                "note": f"{note}; cold median {dig(br, 'cold_start', variant, 'cold', 'median')} s",
            }
        )
    timing(
        "static export: map, ranking, trend drawn (new visitor)",
        dig(results.get("static_site", {}), "new_visitor", "drawn"),
        1.5,
        "the embed alternative: no server, plain HTTP",
    )
    pull = results.get("pull", {})
    for source, label in (("services", "the fake services"), ("mirror", "the mirror")):
        stats = dig(pull, source, "wall") or {}
        rows.append(
            {
                "target": f"pull: whole catalogue from {label}",
                "median": stats.get("median"),
                "p95": stats.get("max"),
                "limit": None,
                "unit": "s",
                "n": stats.get("n"),
                "verdict": "measured" if stats.get("n") else "not measured",
                "note": f"peak RSS {dig(pull, source, 'peak_rss_mb')} MB",
            }
        )
    timing(
        "browser: map updated after switch, drenthe",
        dig(br, "pages", "kaart", "drenthe", "switch", "all", "updated"),
        0.5,
        "click on option -> new h1, run finished, map redrawn",
    )
    for key, label, note in (
        ("data", "payload: map page data (websocket), drenthe", "what the view sends"),
        ("new_visitor_total", "payload: map page total, new visitor", "incl. 8+ MB static JS"),
    ):
        value = dig(pl, "pages", "kaart", "drenthe", key)
        rows.append(
            {
                "target": label,
                "median": value,
                "p95": None,
                "limit": 300 * 1024,
                "unit": "B",
                "n": 1,
                "verdict": "not measured"
                if value is None
                else ("met" if value <= 300 * 1024 else "MISSED"),
                "note": note,
            }
        )
    for level in cc if isinstance(cc, list) else []:
        if level.get("sessions") != 30:
            continue
        pages = ",".join(level.get("pages") or [])
        for key, who in (("latency", "websocket clients"), ("browser_latency", "Chromium tab")):
            stats = level.get(key, {})
            if not stats.get("n"):
                continue
            ok = stats.get("p95") is not None and stats["p95"] <= 1.0 and level.get("errors") == 0
            rows.append(
                {
                    "target": f"30 sessions ({pages}; {level.get('browser_sessions', 0)} tab; "
                    f"warm-up {level.get('warm_up', 'off')}): switch p95, {who}",
                    "median": stats.get("median"),
                    "p95": stats.get("p95"),
                    "limit": 1.0,
                    "unit": "s",
                    "n": stats.get("n"),
                    "verdict": "met" if ok else "MISSED",
                    "note": f"errors {level.get('errors')}, server CPU mean "
                    f"{dig(level, 'server', 'cpu_percent_mean')}%, peak RSS "
                    f"{dig(level, 'server', 'rss_mb_vmhwm')} MB",
                }
            )
    return rows


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "B":
        return f"{value / 1024:.0f} KB"
    if unit == "x":
        return f"{value:.2f}x"
    return f"{value * 1000:.0f} ms"


def table(rows: list[dict[str, Any]]) -> str:
    head = f"{'target':<84} {'median':>9} {'p95':>9} {'limit':>9} {'n':>4}  verdict"
    lines = [head, "-" * len(head)]
    for r in rows:
        lines.append(
            f"{r['target']:<84} {fmt(r['median'], r['unit']):>9} {fmt(r['p95'], r['unit']):>9} "
            f"{fmt(r['limit'], r['unit']):>9} {r['n'] or '-':>4}  {r['verdict']}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="shorter runs")
    parser.add_argument("--only", default=",".join(BENCHMARKS))
    parser.add_argument("--pages", default=None, help="page list (default: each script's)")
    parser.add_argument("--wait-idle", type=float, default=120, help="max seconds to wait")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="with --only: take the other benchmarks from their last bench/results/<name>.json",
    )
    parser.add_argument("--out", type=Path, default=RESULTS / "latest.json")
    args = parser.parse_args(argv)
    plan = QUICK if args.quick else FULL
    only = [b for b in args.only.split(",") if b]

    results: dict[str, Any] = {
        "mode": "quick" if args.quick else "full",
        "started": time.strftime("%Y-%m-%d %H:%M:%S"),
        "machine": machine(),
    }
    idle: dict[str, Any] = {}
    for name in BENCHMARKS:
        if name not in only:
            if args.reuse:
                results[name] = reuse(name)
            continue
        variants = plan[name] if name == "concurrency" else [plan[name]]
        outputs = []
        for i, variant in enumerate(variants):
            extra = ["--pages", args.pages] if args.pages and name in PAGED else []
            idle[f"{name}-{i}"] = wait_idle(args.wait_idle)
            out = RESULTS / (f"{name}.json" if i == 0 else f"{name}-{i}.json")
            outputs.append(run(name, [*variant, *extra], out))
        if name == "concurrency":
            results[name] = [lvl for o in outputs for lvl in o.get("levels", [o])]
        else:
            results[name] = outputs[0]
    results["idle_before"] = idle
    results["finished"] = time.strftime("%Y-%m-%d %H:%M:%S")
    summary = {k: slim(v) for k, v in results.items() if k in BENCHMARKS}
    rows = targets(results)
    latest = {
        "mode": results["mode"],
        "started": results["started"],
        "finished": results["finished"],
        "machine": results["machine"],
        "idle_before": idle,
        "targets": rows,
        **summary,
    }
    write_json(args.out, latest)
    print()
    print(table(rows))
    print(f"\nwritten: {args.out} (per-run data: bench/results/<name>.json)")
    return latest


if __name__ == "__main__":
    main()
