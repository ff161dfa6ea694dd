"""`python -m dashboard pull` of the whole catalogue: wall time and peak memory, from the fake
CBS and PDOK (dashboard.testing_services, built from ../shared and served from this process on
127.0.0.1) and from the mirror (--from ../shared). Each pull is its own process, into an empty
temporary folder, with its own compiled-store folder; peak memory is that process's maximum
resident set size (wait4). The fake answers instantly, so the time is the client's: cbsodata's
requests and JSON, building the CSV files, loading them with the app's checks, compiling the
store. Against opendata.cbs.nl the network and the service add to it.

    python bench/pull.py [--runs 3] [--json bench/results/pull.json]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import ROOT, log, machine, summarize, write_json


def one_pull(env: dict[str, str], args: list[str]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        run_env = {
            **os.environ,
            **env,
            "DASHBOARD_CBS_DIR": str(folder / "data" / "cbs"),
            "DASHBOARD_GEO_DIR": str(folder / "geo"),
            "DASHBOARD_CACHE_DIR": str(folder / "cache"),
        }
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "dashboard", "pull", *args],
            cwd=ROOT,
            env=run_env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            raise RuntimeError(f"pull {' '.join(args)} exited with {proc.returncode}")
        size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    return {
        "wall": round(wall, 3),
        "cpu": round(usage.ru_utime + usage.ru_stime, 3),
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
        "bytes_written": size,
    }


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)

    from dashboard.testing_services import default_mirror, running

    mirror = default_mirror(ROOT)
    result: dict[str, Any] = {"machine": machine()}
    t0 = time.perf_counter()
    with running(mirror) as fake:
        result["fake_built_s"] = round(time.perf_counter() - t0, 3)
        for name, env, extra in (
            ("services", fake.env(), []),
            ("mirror", {"DASHBOARD_MIRROR": ""}, ["--from", str(mirror)]),
        ):
            rows = []
            for _ in range(args.runs):
                fake.reset()
                rows.append(one_pull(env, extra))
                rows[-1]["requests"] = len(fake.requests)
                log(
                    f"  pull from {name}: {rows[-1]['wall']:.1f} s wall, {rows[-1]['cpu']:.1f} s "
                    f"CPU, peak {rows[-1]['peak_rss_mb']:.0f} MB, {rows[-1]['requests']} requests"
                )
            result[name] = {
                "wall": summarize([r["wall"] for r in rows], 3),
                "cpu": summarize([r["cpu"] for r in rows], 3),
                "peak_rss_mb": max(r["peak_rss_mb"] for r in rows),
                "requests": rows[-1]["requests"],
                "bytes_written": rows[-1]["bytes_written"],
                "runs": rows,
            }
    write_json(args.json, result)
    return result


if __name__ == "__main__":
    main()
