"""Where the server's time per indicator switch goes (the evidence behind docs/benchmarks.md).

1. cProfile of the script thread over warm indicator switches in AppTest (profiling inflates
   pure-Python code, so read it for proportions, not for absolute times);
2. the parts of the map page timed one by one without a profiler, on warm caches (median of
   7): cache reads, building and serialising the pydeck map, building and serialising the
   Altair ranking chart, formatting the table.

    python bench/profile_server.py [--scope nederland] [--top 30]

Not part of `python -m bench`; it relies on dashboard.app internals and says so when one of
them has changed.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import server_time as st_bench

SWITCHES = ("werkloosheid", "woz_waarde", "rokers", "koopwoningen_aandeel", "afstand_huisarts")


def profile_switches(scope: str, top: int, cold: bool = False, page: str = "kaart") -> str:
    """cProfile of switches to SWITCHES on ``page``: warm (the caches filled by a first pass)
    or, with ``cold``, the first request of each view (issue 17)."""
    at = st_bench.new_app(**({} if scope == "drenthe" else {"schaal": scope}))
    st_bench.timed_run(at)
    page_file = None
    if page != "kaart":
        info = st_bench.find_page(at, page)
        page_file = str(Path(info["script_path"]).relative_to(st_bench.ROOT))
        st_bench.rerun(at, page_file)
    if not cold:
        for ind in SWITCHES:  # fill the caches: profile warm switches
            at.session_state["w_indicator"] = ind
            st_bench.rerun(at, page_file)
    profiler = cProfile.Profile()
    original = st_bench.TimedRunner._run_script_thread

    def profiled(self: Any) -> Any:
        profiler.enable()
        try:
            return original(self)
        finally:
            profiler.disable()

    st_bench.TimedRunner._run_script_thread = profiled
    try:
        for ind in SWITCHES:
            at.session_state["w_indicator"] = ind
            st_bench.rerun(at, page_file)
    finally:
        st_bench.TimedRunner._run_script_thread = original
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(top)
    kind = "cold (first request)" if cold else "warm"
    return f"cProfile, {len(SWITCHES)} {kind} switches on {page}, {scope}:\n" + out.getvalue()


def median_ms(fn: Callable[[], Any], n: int = 7) -> float:
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return round(statistics.median(times) * 1000, 1)


def parts(scope: str) -> dict[str, float | str]:
    import pydeck as pdk

    from dashboard.app import cache, resources
    from dashboard.render import charts, maps
    from dashboard.render.classify import hex_to_rgba
    from dashboard.state import ViewState
    from dashboard.text import numbers
    from dashboard.views import mapview

    store = resources.get_store()
    view = ViewState(indicator="werkloosheid", period=None, scope=scope, colouring="klassen")
    out: dict[str, float | str] = {}

    def part(name: str, fn: Callable[[], Any]) -> Any:
        try:
            result = fn()
            out[name] = median_ms(fn)
            return result
        except Exception as exc:  # noqa: BLE001 - an internal that changed: say so, go on
            out[name] = f"n/a ({type(exc).__name__}: {exc})"[:120]
            return None

    mv = part("cache read: map_view (unpickled copy)", lambda: cache.map_view(view))
    areas0 = part("cache read: scope_areas", lambda: resources.scope_areas(scope, "gemeente"))
    borders = part("cache read: scope_borders", lambda: resources.scope_borders(scope, "gemeente"))
    if mv is None or areas0 is None:
        return out

    def build() -> Any:
        fields = (*mapview.TOOLTIP_FIELDS, "tip_name")
        props = {
            row.region_code: {
                "fill": hex_to_rgba(row.color),
                **{f: getattr(row, f) for f in fields},
            }
            for row in mv.table.itertuples()
        }
        areas = maps.with_properties(areas0, props)
        selected = maps.only(areas, [])
        return maps.choropleth(areas, borders, selected, maps.VIEWS[scope], mapview.TOOLTIP_FIELDS)

    deck = part("map: build the pydeck Deck", build)
    if deck is not None:
        spec = part(
            "map: pydeck's own Deck.to_json() (indent=2; before)",
            lambda: pdk.Deck.to_json(deck),
        )
        compact = part("map: the app's Deck.to_json() (compact; after)", deck.to_json)
        out["map: spec size, pydeck (KB)"] = round(len(spec or "") / 1024)
        out["map: spec size, compact (KB)"] = round(len(compact or "") / 1024)
    unit = store.catalog.unit_label(mv.indicator.unit, "nl")
    chart = part(
        "ranking: build the Altair chart",
        lambda: charts.ranking(
            mv.table, unit, mv.drenthe, mv.nederland, (), "nl", mv.indicator.direction
        ),
    )
    if chart is not None:
        part("ranking: chart.to_dict() (validates)", chart.to_dict)
        part("ranking: chart.to_dict(validate=False)", lambda: chart.to_dict(validate=False))
    ind = mv.indicator
    part(
        "table: format_difference for both columns",
        lambda: [
            numbers.format_difference(d, ind, store.catalog, "nl")
            for col in ("diff_drenthe", "diff_nederland")
            for d in mv.table[col].dropna()
        ],
    )
    return out


def main(argv: list[str] | None = None) -> None:
    # no background warm-up (as bench/server_time.py): it would fill the caches a cold
    # profile is meant to find empty, and share the CPU with the profiled script thread
    os.environ[st_bench.WARM_UP_ENV] = "0"
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scope", default="nederland")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--cold", action="store_true", help="profile first requests of views")
    parser.add_argument("--page", default="kaart")
    parser.add_argument("--no-parts", action="store_true")
    args = parser.parse_args(argv)
    print(profile_switches(args.scope, args.top, args.cold, args.page))
    if args.no_parts:
        return
    print(f"parts of a switch on {args.scope} (warm caches, median of 7, no profiler):")
    for name, value in parts(args.scope).items():
        shown = f"{value:8.1f}" if isinstance(value, float) else f"{value!s:>8}"
        print(f"  {name:<44} {shown}")


if __name__ == "__main__":
    main()
