"""Bytes of the map element of every indicator's view, in process: the deck JSON plus the
tooltip that ``st.pydeck_chart`` sends, per scope, for the map page's default view of each
indicator (latest period). With the geometry in static files (app/resources.geometry_files)
this is what a switch of indicator sends for the map; the files' sizes are listed apart.

    python bench/map_bytes.py [--scopes drenthe,nederland] [--json bench/results/map_bytes.json]
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import log, machine, parse_pages, summarize, write_json


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scopes", default="drenthe,nederland")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    logging.disable(logging.WARNING)  # "no runtime" warnings of Streamlit's caches in bare mode

    from dashboard.app import cache, resources
    from dashboard.state import ViewState

    store = resources.shared_store()
    result: dict[str, Any] = {"machine": machine(), "scopes": {}}
    for scope in parse_pages(args.scopes):
        sizes: dict[str, int] = {}
        for indicator in store.catalog.indicators:
            view = ViewState(indicator=indicator, scope=scope)
            if not cache.map_view(view).mappable:  # "geen kaart" on this scope
                continue
            spec = cache.map_spec(view, False, False)
            sizes[indicator] = len(spec.json.encode()) + len(json.dumps(spec._tooltip).encode())
        files = {}
        for level in ("gemeente", "corop"):
            found = resources.geometry_files(scope, level)
            if found is not None:
                for url in (found.areas, found.borders, *found.outlines):
                    path = resources.STATIC_DIR / resources.GEO_FILES / url.rsplit("/", 1)[1]
                    files[path.name] = path.stat().st_size
        largest = sorted(sizes.items(), key=lambda kv: -kv[1])[:3]
        result["scopes"][scope] = {
            "indicators": len(sizes),
            "map_element_bytes": summarize(list(sizes.values()), 0),
            "largest": largest,
            "files": files,
        }
        s = result["scopes"][scope]["map_element_bytes"]
        log(
            f"{scope}: {len(sizes)} indicators, map element median {s['median'] / 1024:.0f} KB,"
            f" max {s['max'] / 1024:.0f} KB ({largest[0][0]}); files "
            f"{sum(files.values()) / 1024:.0f} KB"
        )
    write_json(args.json, result)
    return result


if __name__ == "__main__":
    main()
