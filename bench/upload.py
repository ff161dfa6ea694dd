"""Eigen gegevens: reading an upload of the row limit (20,000 rows, every gemeente of the
country over 59 years, tidy CSV with a decimal comma) and building a session's store from it
(model/upload.py), median of N runs in this process, plus the memory of the session's store.

    python bench/upload.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    from dashboard.model import upload
    from dashboard.model.store import load_store

    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    store = load_store()
    t0 = time.perf_counter()
    lookup = upload.AreaLookup.of(store.names, store.gebieden)
    lookup_s = time.perf_counter() - t0
    codes = store.gemeente_codes()
    rows = [f"{c};{1966 + p};{i % 97},{p % 10}" for p in range(59) for i, c in enumerate(codes)]
    data = ("gemeente;periode;waarde\n" + "\n".join(rows[: upload.MAX_ROWS])).encode()
    reads, overlays = [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        found = upload.read_upload(data, "groot.csv", lookup)
        reads.append(time.perf_counter() - t0)
        ind = upload.indicator_for(found.meta, upload.UPLOAD_ID, date.today())
        t0 = time.perf_counter()
        own = upload.with_indicators(store, [(ind, found.observations)])
        overlays.append(time.perf_counter() - t0)
    shared_mb = store.observations.memory_usage(deep=True).sum() / 1e6
    own_mb = own.observations.memory_usage(deep=True).sum() / 1e6
    print(f"file: {found.rows:,} values, {len(data) / 1e6:.2f} MB")
    print(f"area lookup (once per server): {lookup_s * 1000:.0f} ms")
    print(f"read + check: median {statistics.median(reads):.2f} s of {runs}")
    print(f"session store: median {statistics.median(overlays) * 1000:.0f} ms of {runs}")
    print(f"observations: shared {shared_mb:.1f} MB, a session's store {own_mb:.1f} MB")


if __name__ == "__main__":
    main()
