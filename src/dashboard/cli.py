"""Command line: ``python -m dashboard validate``, ``export observations|catalog PATH`` and
``export site OUTDIR [--scope drenthe|noord-nederland|nederland] [--indicators id,id]
[--lang nl|en] [--date YYYY-MM-DD]`` (the static site of site.py)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import asdict, fields
from datetime import date
from pathlib import Path

import pandas as pd

from dashboard.config import ConfigError, check_folder, load_settings
from dashboard.model import geo
from dashboard.model.catalog import Catalog, Source, load_catalog
from dashboard.model.errors import DataError
from dashboard.model.store import Store, coverage, load_store
from dashboard.text.sentences import citation
from dashboard.vocabulary import LANGUAGES, SCOPES

SOURCE_FIELDS = [f.name for f in fields(Source)]


def catalog_frame(catalog: Catalog) -> pd.DataFrame:
    """One row per indicator, every field; multiple sources joined with ' | ' in order."""
    rows = []
    for ind in catalog:
        row = {k: v for k, v in asdict(ind).items() if k != "sources"}
        row["theme_label_nl"] = catalog.theme_label(ind.theme, "nl")
        row["unit_label_nl"] = catalog.unit_label(ind.unit, "nl")
        for name in SOURCE_FIELDS:
            values = [getattr(s, name) for s in ind.sources]
            row[f"source_{name}"] = " | ".join("" if v is None else str(v) for v in values)
        row["citation_nl"] = citation(ind, "nl")
        rows.append(row)
    return pd.DataFrame(rows)


def boundary_problems(store: Store, geo_dir: Path) -> list[str]:
    problems = []
    codes = set(store.observations["region_code"])
    for scope in SCOPES:
        gemeenten = geo.load_gemeenten(geo_dir, scope, store.gebieden)
        problems += [f"{scope}: {p}" for p in geo.check_codes(gemeenten["region_code"], codes)]
    return problems


def validate(out=None) -> int:
    out = out or sys.stdout
    settings = load_settings()
    store = load_store(settings)
    geo_dir = check_folder(settings, "geo_dir")
    catalog = store.catalog
    themes = catalog.by_theme()
    print(f"Catalogue: {len(catalog)} indicators in {len(themes)} themes", file=out)
    for theme, inds in themes.items():
        print(f"  {catalog.theme_label(theme, 'nl')}: {len(inds)}", file=out)
    obs = store.observations
    gm = obs["region_code"].str.startswith("GM")
    current = obs["region_code"].isin(set(store.gebieden["gemeente_code"]))
    print(
        f"Observations: {len(obs):,} rows; "
        f"{obs.loc[current, 'region_code'].nunique()} gemeenten of 2025, "
        f"{obs.loc[gm & ~current, 'region_code'].nunique()} historical gemeenten, "
        f"{obs.loc[obs['region_code'].str.startswith('PV'), 'region_code'].nunique()} provinces, "
        f"{obs.loc[obs['region_code'].str.startswith('CR'), 'region_code'].nunique()} COROP "
        "regions",
        file=out,
    )
    cov = coverage(store)
    with pd.option_context("display.width", 200, "display.max_rows", 500):
        print(cov.drop(columns="theme").to_string(index=False), file=out)
    problems = boundary_problems(store, geo_dir)
    for problem in problems:
        print(f"boundaries: {problem}", file=out)
    print(
        f"Boundaries: {', '.join(SCOPES)} checked"
        + (f", {len(problems)} note(s) above" if problems else ", all gemeenten match"),
        file=out,
    )
    print("OK", file=out)
    return 0


def export(what: str, path: Path) -> int:
    frame = catalog_frame(load_catalog()) if what == "catalog" else load_store().observations
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False, encoding="utf-8")
    print(f"Wrote {len(frame):,} rows to {path}")
    return 0


def export_site(
    outdir: Path,
    scope: str,
    indicators: list[str] | None,
    lang: str,
    exported: date | None,
) -> int:
    from dashboard.publish import site  # imports vl-convert; only needed here

    settings = load_settings()
    store = load_store(settings)
    geo_dir = check_folder(settings, "geo_dir")
    manifest = site.export_site(store, geo_dir, outdir, scope, indicators, lang, exported)
    pages = manifest["pages"]
    largest = max(pages, key=lambda p: p["bytes"]) if pages else None
    print(
        f"Wrote {len(pages)} pages to {outdir} ({scope}): {manifest['total_bytes']:,} bytes in "
        f"all, of which {manifest['bundle']['bytes']:,} the shared {site.BUNDLE_FILE}"
        + (f"; largest page {largest['path']} {largest['bytes']:,} bytes" if largest else "")
    )
    return 0


def _ids(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m dashboard", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("validate", help="load everything and print a summary, or the first problem")
    exp = sub.add_parser(
        "export",
        help="write the observations or the catalogue as CSV, or the static site to a folder",
    )
    exp.add_argument("what", choices=["observations", "catalog", "site"])
    exp.add_argument("path", type=Path, help="CSV file, or the site's folder (OUTDIR)")
    exp.add_argument(
        "--scope",
        choices=list(SCOPES),
        default="drenthe",
        help="site only: the map area (default drenthe)",
    )
    exp.add_argument(
        "--indicators",
        type=_ids,
        action="extend",
        metavar="ID[,ID...]",
        help="site only: these indicators (comma-separated or repeated); default all",
    )
    exp.add_argument("--lang", choices=list(LANGUAGES), default=LANGUAGES[0], help="site only")
    exp.add_argument(
        "--date",
        type=date.fromisoformat,
        default=None,
        help="site only: the export date written on the pages (YYYY-MM-DD; default today)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "validate":
            return validate()
        if args.what == "site":
            return export_site(args.path, args.scope, args.indicators, args.lang, args.date)
        return export(args.what, args.path)
    except (DataError, ConfigError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
