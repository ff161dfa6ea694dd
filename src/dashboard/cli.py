"""Command line: ``python -m dashboard pull [--from DIR | --online] [--if-missing]`` (the CBS
tables and boundaries, model/pull.py), ``validate``, ``export observations|catalog PATH`` and
``export site OUTDIR [--scope drenthe|noord-nederland|nederland] [--indicators id,id]
[--lang nl|en] [--date YYYY-MM-DD]`` (the static site of site.py), and ``import FILE --id ID``
(an own indicator table kept as a local source, model/own.py)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from dataclasses import asdict, fields
from datetime import date
from pathlib import Path

import pandas as pd

from dashboard.checks import check_everything
from dashboard.config import (
    ENV_PROJECT_DATA,
    ConfigError,
    check_folder,
    load_settings,
    project_data,
)
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
    # everything else the app loads, as the app's first run checks it (dashboard.checks)
    checked = check_everything(store, settings)
    problems = boundary_problems(store, geo_dir)
    for problem in problems:
        print(f"boundaries: {problem}", file=out)
    files = ", ".join(f"{name} ({n} areas)" for name, n in checked.boundaries.items())
    print(
        f"Boundaries: {files}; {', '.join(SCOPES)} checked"
        + (f", {len(problems)} note(s) above" if problems else ", all gemeenten match"),
        file=out,
    )
    print(
        f"Region sets: {checked.region_sets} over the scopes; Presenteren stories: "
        f"{checked.stories}; Sociale Agenda: {checked.goals} goals, {checked.verhalen} "
        "residents' stories",
        file=out,
    )
    if checked.problems:
        for problem in checked.problems:
            print(f"error: {problem}", file=sys.stderr)
        print(
            f"error: {len(checked.problems)} story file problem(s) above; those stories are "
            "left out of the app.",
            file=sys.stderr,
        )
        return 1
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


class RichProgress:
    """A progress bar per table (requests, then rows) and file (bytes) on stderr (rich)."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        self.bars = Progress(
            TextColumn("{task.description:<34}"),
            BarColumn(),
            TextColumn("{task.fields[size]:>14}"),
            TimeElapsedColumn(),
            console=Console(stderr=True),
        )
        self.tasks: dict[str, tuple[int, str]] = {}

    def __enter__(self) -> RichProgress:
        self.bars.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.bars.stop()

    def begin(self, name: str, unit: str) -> None:
        task = self.bars.add_task(name, total=None, size="")
        self.tasks[name] = (task, unit)

    def advance(self, name: str, amount: int) -> None:
        task, unit = self.tasks[name]
        self.bars.advance(task, amount)
        if unit == "bytes":
            done = self.bars.tasks[task].completed
            self.bars.update(task, size=f"{done / 1e6:.1f} MB")
        else:
            self.bars.update(task, size=f"{int(self.bars.tasks[task].completed)} requests")

    def end(self, name: str, size: int) -> None:
        task, unit = self.tasks[name]
        text = f"{size / 1e6:.2f} MB" if unit == "bytes" else f"{size:,} rows"
        self.bars.update(task, total=1, completed=1, size=text)


def pull(mirror: Path | None, online: bool, if_missing: bool, out=None) -> int:
    from dashboard.model import pull as pulling

    out = out or sys.stdout
    settings = load_settings()
    if if_missing and pulling.data_present(settings):
        print(
            f"Data present in {settings.cbs_dir} and {settings.geo_dir}; "
            "`python -m dashboard pull` refreshes it.",
            file=out,
        )
        return 0
    reports: list[pulling.Report] = []
    try:
        with RichProgress() as progress:
            pulling.pull(
                settings, mirror=mirror, online=online, progress=progress, on_report=reports.append
            )
    finally:  # the report after the bars, also when the pull failed after fetching
        for report in reports[-1:]:
            print("\n".join(report.lines()), file=out)
    print("OK", file=out)
    return 0


def import_own(path: Path, indicator_id: str, options: dict, replace: bool, out=None) -> int:
    """``import FILE --id ID``: the app's upload reader, then a persistent own source."""
    from dashboard.model import own, upload

    out = out or sys.stdout
    settings = load_settings()
    if settings.own_dir is None:
        raise ConfigError("[data] own_dir is off (DASHBOARD_OWN_DIR); set a folder to import.")
    store = load_store(settings)
    lookup = upload.AreaLookup.of(store.names, store.gebieden)
    given = {k: v for k, v in options.items() if v is not None}
    try:
        found, meta, target = own.import_file(
            path, indicator_id, settings.own_dir, store.catalog, lookup, given, replace=replace
        )
    except upload.UploadError as exc:
        raise DataError(exc.message("en")) from None
    periods = found.periods
    span = periods[0] if len(periods) == 1 else f"{periods[0]}-{periods[-1]}"
    areas = found.observations["region_code"].nunique()
    print(
        f"Imported {found.filename} as {indicator_id} ({found.shape} table): {found.rows} "
        f"values, {areas} areas, {span}; label {meta.label!r}, unit {meta.unit}, "
        f"{meta.decimals} decimals, direction {meta.direction}, region rule {meta.aggregation}. "
        f"Kept in {target} and {target.with_suffix('.toml')}; restart the app to see it.",
        file=out,
    )
    return 0


def settings_in_effect(message: str) -> list[str]:
    """For each folder a message names: which setting gave it (so that the person who runs
    `validate` knows what to change)."""
    try:
        settings = load_settings()
    except ConfigError:
        return []
    notes = []
    for key in ("cbs_dir", "geo_dir", "cache_dir", "mirror"):
        folder = getattr(settings, key)
        if folder is not None and str(folder) in message:
            notes.append(f"{key} = {folder} (set by {settings.origin(key)})")
    data = project_data()
    if str(data) in message:
        origin = ENV_PROJECT_DATA if os.environ.get(ENV_PROJECT_DATA) else "the default"
        notes.append(f"project data = {data} (set by {origin})")
    return notes


def _ids(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m dashboard", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    pull = sub.add_parser(
        "pull",
        help="fetch the CBS tables and boundaries the catalogue names into the data folders",
        description="Fetch every CBS table of the catalogue and the boundaries from CBS and "
        "PDOK (or copy them from a mirror), check them as the app does, and only then replace "
        "the data folders. Exits non-zero, with the data unchanged, when anything fails.",
    )
    source = pull.add_mutually_exclusive_group()
    source.add_argument(
        "--from",
        dest="mirror",
        type=Path,
        metavar="DIR",
        help="copy the files from a local mirror: a folder with data/cbs/ and geo/",
    )
    source.add_argument(
        "--online",
        action="store_true",
        help="use the services even when the mirror of [sources] in dashboard.toml exists",
    )
    pull.add_argument(
        "--if-missing",
        action="store_true",
        help="do nothing when both data folders hold files already",
    )
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
    imp = sub.add_parser(
        "import",
        help="add an own indicator table (CSV or .xlsx) as a local source the app loads",
        description="Read FILE with the app's upload reader (tidy or wide, names or CBS "
        "codes) and keep it as the own indicator ID in [data] own_dir of dashboard.toml. "
        "Options override the file's metadata sheet; defaults as in the app.",
    )
    imp.add_argument("file", type=Path, metavar="FILE")
    imp.add_argument("--id", dest="indicator_id", required=True, help="lower_snake_case id")
    imp.add_argument("--label")
    imp.add_argument("--unit", help="a unit of data/vocabulary.toml (key or label)")
    imp.add_argument("--decimals")
    imp.add_argument("--direction", help="1 higher is better, -1 higher is worse, 0 neutral")
    imp.add_argument("--theme", help="a theme of data/vocabulary.toml (default eigen_gegevens)")
    imp.add_argument("--aggregation", help="mean_population, sum or none")
    imp.add_argument("--replace", action="store_true", help="replace an own source of this id")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "pull":
            return pull(args.mirror, args.online, args.if_missing)
        if args.command == "validate":
            return validate()
        if args.command == "import":
            names = ("label", "unit", "decimals", "direction", "theme", "aggregation")
            options = {k: getattr(args, k) for k in names}
            return import_own(args.file, args.indicator_id, options, args.replace)
        if args.what == "site":
            return export_site(args.path, args.scope, args.indicators, args.lang, args.date)
        return export(args.what, args.path)
    except (DataError, ConfigError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        if args.command == "validate":  # pull keeps its one-line error
            for note in settings_in_effect(str(exc)):
                print(f"  {note}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("error: interrupted; the data folders are unchanged.", file=sys.stderr)
        return 130
