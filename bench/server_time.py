"""Server-side script run time of the app, in process, with Streamlit's AppTest.

Measures
- first visit: the first AppTest of a fresh process (imports, store load, caches; "cold") and a
  second AppTest in the same process (a new session on a warm process; "warm");
- indicator switches: `session_state["w_indicator"] = id` and a rerun, over every indicator of
  the catalogue, per scope. The first switch to an indicator on a scope (cold `_map_view`
  cache) is reported apart from repeat switches (warm cache, in shuffled order).

Each run is timed twice: `total` is the wall time of `AppTest.run()` (includes AppTest's own
overhead: a mock runtime, a script thread, parsing the element tree) and `script` is the time
between the runner's SCRIPT_STARTED and SCRIPT_STOPPED events (the script itself, which is
what the server spends per rerun before sending the deltas). Targets are compared with
`script`.

    python bench/server_time.py [--scopes drenthe,nederland] [--repeats 2] [--pages kaart]
                                [--json bench/results/server_time.json]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import (
    APP,
    DEFAULT_PAGES,
    ROOT,
    WARM_UP_ENV,
    catalog_labels,
    loadavg,
    log,
    machine,
    ms,
    parse_pages,
    summarize,
    write_json,
)

T_IMPORT = time.perf_counter()
from streamlit.runtime.scriptrunner import ScriptRunnerEvent  # noqa: E402
from streamlit.runtime.scriptrunner.script_cache import ScriptCache  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402
from streamlit.testing.v1 import app_test as app_test_module  # noqa: E402
from streamlit.testing.v1 import local_script_runner as local_runner_module  # noqa: E402
from streamlit.testing.v1.local_script_runner import LocalScriptRunner  # noqa: E402

IMPORT_SECONDS = time.perf_counter() - T_IMPORT

STOP_EVENTS = {
    ScriptRunnerEvent.SCRIPT_STOPPED_WITH_SUCCESS,
    ScriptRunnerEvent.SCRIPT_STOPPED_WITH_COMPILE_ERROR,
    ScriptRunnerEvent.SCRIPT_STOPPED_FOR_RERUN,
}
LAST_RUN: dict[str, float] = {}
MAP_LEVELS = ("gemeente", "corop")  # levels drawn as a map; "provincie" shows two values


class TimedRunner(LocalScriptRunner):
    """AppTest's runner, with the script's start and stop events timed."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        LAST_RUN.clear()
        self.on_event.connect(self._time_event, weak=False)

    def _time_event(self, sender: Any, event: ScriptRunnerEvent, **kwargs: Any) -> None:
        now = time.perf_counter()
        cpu = time.thread_time()  # the events come from the script thread: its CPU time
        if event == ScriptRunnerEvent.SCRIPT_STARTED:
            LAST_RUN.setdefault("start", now)
            LAST_RUN.setdefault("cpu_start", cpu)
        elif event in STOP_EVENTS:
            LAST_RUN["stop"] = now
            LAST_RUN["cpu_stop"] = cpu


app_test_module.LocalScriptRunner = TimedRunner  # AppTest looks the runner up by this name

# A server compiles app.py and each page once per process (Runtime holds one ScriptCache);
# AppTest makes a new cache per run, which added the compile of app.py and the page (2-3.5 ms
# on the map page, Streamlit's magic AST pass) to every timed run. One cache, as the server.
SCRIPT_CACHE = ScriptCache()
app_test_module.ScriptCache = lambda: SCRIPT_CACHE  # the pages manager's (pages' bytecode)
local_runner_module.ScriptCache = lambda: SCRIPT_CACHE  # the runner's (app.py's bytecode)


def timed_run(at: AppTest) -> dict[str, float]:
    t0 = time.perf_counter()
    at.run()
    total = time.perf_counter() - t0
    script = LAST_RUN.get("stop", 0) - LAST_RUN.get("start", 0)
    cpu = LAST_RUN.get("cpu_stop", 0) - LAST_RUN.get("cpu_start", 0)
    # cpu: the script thread's CPU time, much less sensitive than wall time to a machine
    # shared with other work (issue 17); 0 when the events came from another thread
    return {"total": total, "script": script if script > 0 else total, "cpu": max(cpu, 0.0)}


def new_app(**params: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=120)
    for name, value in params.items():
        at.query_params[name] = value
    return at


def rerun(at: AppTest, page_file: str | None) -> dict[str, float]:
    """Rerun after an interaction. On the default page: an empty page hash makes AppTest
    (Streamlit 1.67) run app.py and then the default page, as a browser does (see
    tests/test_app.py `rerun`). On another page: stay on it (switch_page)."""
    if page_file is None:
        at._finished_page_script_hash = ""
    else:
        at.switch_page(page_file)
    return timed_run(at)


def problems(at: AppTest) -> list[str]:
    out = [f"exception: {e.value}"[:300] for e in at.exception]
    out += [f"error: {e.value}"[:300] for e in at.error]
    return out


def find_page(at: AppTest, name: str) -> dict[str, Any] | None:
    """The registered page called `name` (its url path or its file name; 'kaart' is also the
    default page), from the navigation the last run registered."""
    for info in at._registered_pages.values():
        stem = Path(str(info.get("script_path", ""))).stem
        url = info.get("url_pathname")
        if name in (url, stem) or (name == "kaart" and url == ""):
            return info
    return None


def levels_by_indicator() -> dict[str, str]:
    """gemeente / corop / provincie (no map) per indicator, from the cached store."""
    try:
        from dashboard.app.resources import get_store
        from dashboard.model.store import level

        store = get_store()
        return {ind.id: level(set(store.frame(ind.id)["region_code"])) for ind in store.catalog}
    except Exception as exc:  # noqa: BLE001 - levels are only a breakdown; never fail on them
        log(f"levels unavailable: {exc}")
        return {}


def indicator_ids() -> list[str]:
    from dashboard.model.catalog import load_catalog

    return [ind.id for ind in load_catalog()]


def bench_scope(
    scope: str,
    page: dict[str, Any] | None,
    ids: list[str],
    labels: dict[str, str],
    levels: dict[str, str],
    repeats: int,
    rng: random.Random,
) -> dict[str, Any]:
    """First visit of a scope (on a warm process), then every indicator once (cold), then
    `repeats` shuffled passes (warm)."""
    page_file = None
    if page is not None and page.get("url_pathname") != "":
        page_file = str(Path(page["script_path"]).relative_to(ROOT))
    params = {} if scope == "drenthe" else {"schaal": scope}
    at = new_app(**params)
    first = timed_run(at)
    errors = problems(at)
    if page_file is not None:
        first = rerun(at, page_file)
        errors += problems(at)
        if not at.sidebar.selectbox:
            errors.append("AppTest ran the page without app.py (no sidebar controls)")
    current = at.session_state["w_indicator"]
    runs: list[dict[str, Any]] = []

    def switch(ind: str, kind: str) -> None:
        nonlocal current
        at.session_state["w_indicator"] = ind
        timing = rerun(at, page_file)
        bad = problems(at)
        if (
            page_file is None
            and labels.get(ind)
            and [t.value for t in at.title][:1] != [labels[ind]]
        ):
            bad.append(f"title {[t.value for t in at.title][:1]} != {labels[ind]!r}")
        runs.append({"indicator": ind, "kind": kind, "level": levels.get(ind), **timing})
        errors.extend(f"{ind}: {b}" for b in bad)
        current = ind

    cold_order = [i for i in ids if i != current] + [current]
    for ind in cold_order:
        switch(ind, "cold")
    for _ in range(repeats):
        order = ids[:]
        rng.shuffle(order)
        if order[0] == current:
            order.append(order.pop(0))
        for ind in order:
            switch(ind, "warm")

    def stats(kind: str, key: str, lvl: str | None = None) -> dict[str, Any]:
        return summarize(
            [r[key] for r in runs if r["kind"] == kind and (lvl is None or r["level"] == lvl)]
        )

    by_level = {
        lvl: {"cold": stats("cold", "script", lvl), "warm": stats("warm", "script", lvl)}
        for lvl in sorted({r["level"] for r in runs if r["level"]})
    }
    slowest = sorted((r for r in runs if r["kind"] == "cold"), key=lambda r: -r["script"])[:5]
    slowest_warm = sorted((r for r in runs if r["kind"] == "warm"), key=lambda r: -r["script"])
    return {
        "scope": scope,
        "first_visit": {k: round(v, 4) for k, v in first.items()},
        "switch_cold": {
            "script": stats("cold", "script"),
            "cpu": stats("cold", "cpu"),
            "total": stats("cold", "total"),
        },
        "switch_warm": {
            "script": stats("warm", "script"),
            "cpu": stats("warm", "cpu"),
            "total": stats("warm", "total"),
        },
        "switch_map": {
            "all": summarize([r["script"] for r in runs if r["level"] in MAP_LEVELS]),
            "cold": summarize(
                [r["script"] for r in runs if r["kind"] == "cold" and r["level"] in MAP_LEVELS]
            ),
            "warm": summarize(
                [r["script"] for r in runs if r["kind"] == "warm" and r["level"] in MAP_LEVELS]
            ),
        },
        "switch_all": {
            "script": summarize([r["script"] for r in runs]),
            "total": summarize([r["total"] for r in runs]),
        },
        "by_level": by_level,
        "slowest_cold": [
            {"indicator": r["indicator"], "level": r["level"], "script": round(r["script"], 4)}
            for r in slowest
        ],
        "slowest_warm": [
            {"indicator": r["indicator"], "level": r["level"], "script": round(r["script"], 4)}
            for r in slowest_warm[:5]
        ],
        "errors": errors[:50],
        "error_count": len(errors),
        "runs": [
            {
                **r,
                "total": round(r["total"], 4),
                "script": round(r["script"], 4),
                "cpu": round(r["cpu"], 4),
            }
            for r in runs
        ],
    }


def main(argv: list[str] | None = None) -> dict[str, Any]:
    os.environ[WARM_UP_ENV] = "0"  # cold means cold: no background warm-up in AppTest
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scopes", default="drenthe,nederland")
    parser.add_argument("--repeats", type=int, default=2, help="warm passes over all indicators")
    parser.add_argument(
        "--pages", default=",".join(DEFAULT_PAGES), help="comma-separated page names"
    )
    parser.add_argument(
        "--limit", type=int, default=0, help="only the first N indicators (0: all; quick runs)"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)

    result: dict[str, Any] = {"machine": machine(), "imports_seconds": round(IMPORT_SECONDS, 3)}
    log("first visit, cold process (includes the store load) ...")
    at = new_app()
    cold = timed_run(at)
    errors = problems(at)
    log(f"  cold {ms(cold['total'])} (script {ms(cold['script'])})")
    warm = timed_run(new_app())
    log(f"  warm {ms(warm['total'])} (script {ms(warm['script'])})")
    result["first_visit"] = {
        "cold_process": {k: round(v, 4) for k, v in cold.items()},
        "warm_process": {k: round(v, 4) for k, v in warm.items()},
        "errors": errors,
    }

    ids = indicator_ids()
    if args.limit:  # a spread over the catalogue, not only its first theme
        step = max(len(ids) // args.limit, 1)
        ids = ids[::step][: args.limit]
    levels = levels_by_indicator()
    labels = {k: v[0] for k, v in catalog_labels().items()}
    result["indicators"] = len(ids)
    result["levels"] = {
        lvl: sum(1 for v in levels.values() if v == lvl) for lvl in set(levels.values())
    }
    result["pages"], result["skipped"] = {}, []
    for name in parse_pages(args.pages):
        page = find_page(at, name)
        if page is None:
            message = f"page {name!r} skipped: not registered in the app's navigation"
            log(message)
            result["skipped"].append(message)
            continue
        result["pages"][name] = {}
        for scope in parse_pages(args.scopes):
            log(f"page {name}, scope {scope}: {len(ids)} cold + {args.repeats}x warm switches")
            r = bench_scope(scope, page, ids, labels, levels, args.repeats, rng)
            result["pages"][name][scope] = r
            log(
                f"  first visit {ms(r['first_visit']['script'])}; switch cold median "
                f"{ms(r['switch_cold']['script'].get('median'))} p95 "
                f"{ms(r['switch_cold']['script'].get('p95'))}; warm median "
                f"{ms(r['switch_warm']['script'].get('median'))} p95 "
                f"{ms(r['switch_warm']['script'].get('p95'))}; cold CPU median "
                f"{ms(r['switch_cold']['cpu'].get('median'))} p95 "
                f"{ms(r['switch_cold']['cpu'].get('p95'))}; errors {r['error_count']}"
            )
    result["machine"]["loadavg_end"] = loadavg()
    write_json(args.json, result)
    return result


if __name__ == "__main__":
    main()
