"""`python -m dashboard pull`: everything the catalogue names, from CBS and PDOK (or a local
mirror), into the data folders of the settings, all or nothing.

1. Plan: every CBS table of the catalogue with the measures the store reads from it
   (:func:`store.table_measures`), the area lists (``gebieden_<year>.csv``,
   ``gemeenten_historie.csv``) and the boundaries (gemeenten, COROP regions, provinces);
   how each is cut and found is in ``data/sources.toml``.
2. Fetch into temporary folders beside the data folders (same file system, so that moving
   them into place is a rename): CBS tables through cbsodata
   (:mod:`~dashboard.model.sources.statline`), boundaries from PDOK's OGC API
   (:mod:`~dashboard.model.sources.pdok`), or, with a mirror (``--from DIR``, or
   ``[sources] mirror`` when that folder exists), the same files copied from
   ``DIR/data/cbs`` and ``DIR/geo``. Progress goes to a :class:`Progress` per table and file.
3. Validate with the app's own code: the store loader and the boundary loaders of every map
   area (:func:`validate_data`).
4. Only then swap the new folders in for the old ones, and compile the store for the next
   start. Anything that fails before the swap (a service, a check, Ctrl-C) leaves the old data
   as it was, byte for byte, and the temporary folders are removed.

The :class:`Report` says per indicator which periods are new, which tables CBS marks as
discontinued (and the successor it names), and which measures have disappeared.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import tempfile
import threading
import tomllib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

from dashboard import vocabulary
from dashboard.config import ENV_CBS_DIR, ENV_GEO_DIR, PROJECT_DATA, ConfigError, Settings
from dashboard.model import compiled, geo
from dashboard.model.catalog import Catalog, load_catalog
from dashboard.model.errors import DataError
from dashboard.model.gebieden import AREA_YEAR, GEBIEDEN_FILE, HISTORIE_FILE
from dashboard.model.sources import cbs, pdok, statline
from dashboard.model.sources.statline import PullError, StatLine, TableMeta
from dashboard.model.store import (
    Store,
    compiled_parts,
    load_store,
    measure_users,
    store_inputs,
    table_measures,
)

SOURCES_FILE = PROJECT_DATA / "sources.toml"
BOUNDARY_FILES = {"gemeente": geo.GEMEENTEN_FILE, **geo.OUTLINE_FILES}
_RUNNING = threading.Lock()  # one pull at a time in a process (the app's sessions)


class Progress(Protocol):
    """Where a pull reports what it does: one item per table or file."""

    def begin(self, name: str, unit: str) -> None:
        """``name`` starts; ``unit`` is 'rows' (a CBS table) or 'bytes' (a file)."""

    def advance(self, name: str, amount: int) -> None:
        """``amount`` more requests (a table) or bytes (a file) of ``name`` are in."""

    def end(self, name: str, size: int) -> None:
        """``name`` is done: ``size`` rows or bytes."""


class NoProgress:
    def begin(self, name: str, unit: str) -> None:
        pass

    def advance(self, name: str, amount: int) -> None:
        pass

    def end(self, name: str, size: int) -> None:
        pass


@dataclass
class Report:
    """What a pull found, for the person who ran it."""

    source: str
    cbs_dir: Path
    geo_dir: Path
    sizes: dict[str, int] = field(default_factory=dict)  # rows per table, bytes per file
    new_periods: dict[str, list[str]] = field(default_factory=dict)
    gone_periods: dict[str, list[str]] = field(default_factory=dict)
    discontinued: list[str] = field(default_factory=list)
    missing_measures: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    first: bool = False  # there was no data before
    compared: bool = False  # the new data loaded and was compared with the old

    def lines(self) -> list[str]:
        out = [f"Source: {self.source}"]
        out.append(
            f"Data: {len(self.sizes)} tables and files into {self.cbs_dir} and {self.geo_dir}"
        )
        if not self.compared:
            out.append("New periods: not known (the new data did not load)")
        elif self.first:
            out.append("New periods: all (there was no data before)")
        elif self.new_periods:
            out.append("New periods:")
            out += [f"  {ind}: {', '.join(p)}" for ind, p in self.new_periods.items()]
        else:
            out.append("New periods: none")
        out += [f"  {ind}: no longer has {', '.join(p)}" for ind, p in self.gone_periods.items()]
        out.append("Discontinued tables:" + ("" if self.discontinued else " none"))
        out += [f"  {line}" for line in self.discontinued]
        out.append("Measures that disappeared:" + ("" if self.missing_measures else " none"))
        out += [f"  {line}" for line in self.missing_measures]
        out += [f"Note: {note}" for note in self.notes]
        return out


@dataclass(frozen=True)
class Plan:
    tables: dict[str, list[str]]  # table id as the catalogue spells it -> measures
    users: dict[tuple[str, str], list[str]]
    spec: dict[str, Any]


def load_spec(path: Path = SOURCES_FILE) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            spec = tomllib.load(fh)
    except FileNotFoundError:
        raise DataError(f"{path}: file not found; it says how `pull` cuts each table.") from None
    except tomllib.TOMLDecodeError as exc:
        raise DataError(f"{path}: not valid TOML ({exc}).") from exc
    for key in ("regions", "areas", "history", "boundaries"):
        if key not in spec:
            raise DataError(f"{path}: missing {key!r}.")
    return spec


def plan(catalog: Catalog, spec: dict[str, Any] | None = None) -> Plan:
    return Plan(table_measures(catalog), measure_users(catalog), spec or load_spec())


# --- the data folders -----------------------------------------------------------------------


def _env_hint(target: Path, settings: Settings) -> str:
    key = ENV_CBS_DIR if target == settings.cbs_dir else ENV_GEO_DIR
    return f"point {key} at a folder you can write, or fix its permissions"


def _temp_beside(target: Path, settings: Settings) -> Path:
    """A new empty folder next to ``target`` (so that the swap is a rename)."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=f".{target.name}.pull-", dir=target.parent))
    except OSError as exc:
        raise PullError(
            f"Cannot write the data folder {target}: {exc.strerror or exc} in {target.parent}; "
            f"{_env_hint(target, settings)}."
        ) from None


def _swap(pairs: list[tuple[Path, Path]], settings: Settings) -> None:
    """Move each new folder into the place of its old one; on a failure put back what was
    moved, so that the old data stays as it was."""
    done: list[tuple[Path, Path, Path | None]] = []
    try:
        for new, target in pairs:
            backup = None
            if target.exists() or target.is_symlink():
                backup = target.with_name(f".{target.name}.old-{os.getpid()}")
                if backup.exists():
                    shutil.rmtree(backup)
                os.rename(target, backup)
            try:
                os.rename(new, target)
            except OSError:
                if backup is not None:
                    os.rename(backup, target)
                raise
            done.append((new, target, backup))
    except OSError as exc:
        for new, target, backup in reversed(done):
            os.rename(target, new)
            if backup is not None:
                os.rename(backup, target)
        raise PullError(
            f"Cannot replace the data folder {exc.filename or ''}: {exc.strerror or exc}; "
            "the previous data is unchanged."
        ) from None
    for _new, _target, backup in done:
        if backup is not None:
            shutil.rmtree(backup, ignore_errors=True)


@contextmanager
def _uninterrupted() -> Iterator[None]:
    """Let Ctrl-C wait for the few renames of the swap, which must all happen or none (only
    the main thread receives signals; elsewhere there is nothing to hold)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, lambda *_: None)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


@contextmanager
def _temporary(settings: Settings) -> Iterator[tuple[Path, Path]]:
    tmp_cbs = _temp_beside(settings.cbs_dir, settings)
    try:
        tmp_geo = _temp_beside(settings.geo_dir, settings)
    except PullError:
        shutil.rmtree(tmp_cbs, ignore_errors=True)
        raise
    try:
        yield tmp_cbs, tmp_geo
    finally:
        shutil.rmtree(tmp_cbs, ignore_errors=True)
        shutil.rmtree(tmp_geo, ignore_errors=True)


# --- validation -----------------------------------------------------------------------------


def validate_data(settings: Settings, catalog: Catalog | None = None) -> Store:
    """Load the data of ``settings`` as the app does, without the compiled store: the store,
    and the boundaries of every map area with the COROP regions and provinces it draws.
    Raises the loaders' own DataError or ConfigError on the first problem."""
    catalog = catalog or load_catalog()
    store = load_store(settings, catalog, use_compiled=False)
    g = store.gebieden
    for scope in vocabulary.SCOPES:
        gemeenten = geo.load_gemeenten(settings.geo_dir, scope, g)
        members = g[g["gemeente_code"].isin(gemeenten["region_code"])]
        geo.load_outlines(settings.geo_dir, "corop", sorted(members["corop_code"].unique()))
        geo.load_outlines(settings.geo_dir, "provincie", sorted(members["provincie_code"].unique()))
    return store


def _periods(store: Store) -> dict[str, set[str]]:
    return {i.id: set(store.periods(i.id)) for i in store.catalog}


# --- fetching -------------------------------------------------------------------------------


def _copy(src: Path, dest: Path, name: str, progress: Progress) -> int:
    progress.begin(name, "bytes")
    with src.open("rb") as fin, dest.open("wb") as fout:
        while chunk := fin.read(1 << 20):
            fout.write(chunk)
            progress.advance(name, len(chunk))
    size = dest.stat().st_size
    progress.end(name, size)
    return size


def _from_mirror(mirror: Path, plan_: Plan, tmp_cbs: Path, tmp_geo: Path, progress, report):
    cbs_src, geo_src = mirror / "data" / "cbs", mirror / "geo"
    for folder in (cbs_src, geo_src):
        if not folder.is_dir():
            raise PullError(
                f"The mirror {mirror} has no folder {folder.relative_to(mirror)}/: a mirror holds "
                "data/cbs/ (the CBS tables and area lists) and geo/ (the boundaries)."
            )
    for table in plan_.tables:
        try:
            src = cbs.table_path(cbs_src, table)
        except DataError:
            raise PullError(f"The mirror {mirror} has no CBS table {table} in {cbs_src}.") from None
        report.sizes[table] = _copy(src, tmp_cbs / src.name, table, progress)
    for name in (GEBIEDEN_FILE, HISTORIE_FILE):
        if not (cbs_src / name).is_file():
            raise PullError(f"The mirror {mirror} has no {name} in {cbs_src}.")
        report.sizes[name] = _copy(cbs_src / name, tmp_cbs / name, name, progress)
    for name in BOUNDARY_FILES.values():
        if not (geo_src / name).is_file():
            raise PullError(f"The mirror {mirror} has no {name} in {geo_src}.")
        report.sizes[name] = _copy(geo_src / name, tmp_geo / name, name, progress)


def _from_services(settings: Settings, plan_: Plan, tmp_cbs: Path, tmp_geo: Path, progress, report):
    spec = plan_.spec
    client = StatLine(settings)
    with client.session():
        current: list[str] = []
        client.on_request(lambda url: progress.advance(current[-1], 1) if current else None)

        def table_step(name: str, fetch: Callable[[], Any]) -> Any:
            current.append(name)
            progress.begin(name, "rows")
            try:
                return fetch()
            finally:
                current.pop()

        for name, fetch, path in (
            (GEBIEDEN_FILE, lambda: statline.fetch_areas(client, spec["areas"]), GEBIEDEN_FILE),
            (HISTORIE_FILE, lambda: statline.fetch_history(client, spec["history"]), HISTORIE_FILE),
        ):
            frame = table_step(name, fetch)
            frame.to_csv(tmp_cbs / path, index=False, encoding="utf-8")
            report.sizes[name] = len(frame)
            progress.end(name, len(frame))
        metas: list[TableMeta] = []
        for table, measures in plan_.tables.items():
            keep = spec.get("tables", {}).get(table, {})
            users = {m: plan_.users.get((table.lower(), m), []) for m in measures}
            frame, meta = table_step(
                table,
                lambda t=table, m=measures, k=keep, u=users: statline.fetch_table(
                    client, t, m, k, spec["regions"], u
                ),
            )
            metas.append(meta)
            if frame is not None:
                statline.write_table(frame, tmp_cbs / f"{table}.csv")
            report.sizes[table] = meta.rows
            progress.end(table, meta.rows)
        client.on_request(None)
    for meta in metas:
        report.missing_measures += meta.missing
        report.notes += meta.defaults
        if meta.discontinued:
            succ = f"; successor named: {', '.join(meta.successors)}" if meta.successors else ""
            report.discontinued.append(
                f"{meta.table} ({meta.title}): CBS marks it as discontinued{succ}"
            )
    if report.missing_measures:
        raise PullError(report.missing_measures[0])
    for kind, collection in spec["boundaries"].items():
        name = BOUNDARY_FILES[kind]
        progress.begin(name, "bytes")
        data = pdok.fetch_collection(
            settings, collection, AREA_YEAR, lambda n, nm=name: progress.advance(nm, n)
        )
        report.sizes[name] = pdok.write_collection(data, tmp_geo / name)
        progress.end(name, report.sizes[name])


def pull(
    settings: Settings,
    catalog: Catalog | None = None,
    mirror: Path | None = None,
    online: bool = False,
    progress: Progress | None = None,
    on_report: Callable[[Report], None] | None = None,
) -> Report:
    """Fetch, validate and install everything the catalogue names (see the module docstring).

    ``mirror``: copy from this folder; else ``settings.mirror`` when that folder exists and
    ``online`` is false; else the services of ``settings``. Raises PullError (or the loaders'
    DataError/ConfigError) with a one-line message; the old data is then unchanged.
    ``on_report`` receives the report also when the pull fails after the fetch (so that the
    disappeared measures are shown)."""
    progress = progress or NoProgress()
    catalog = catalog or load_catalog()
    plan_ = plan(catalog)
    if mirror is None and not online and settings.mirror is not None and settings.mirror.is_dir():
        mirror = settings.mirror
    if mirror is not None:
        mirror = mirror.expanduser().resolve()
        if not mirror.is_dir():
            raise PullError(f"The mirror {mirror} is not a folder.")
        for target in (settings.cbs_dir, settings.geo_dir):
            if target.resolve().is_relative_to(mirror):
                raise PullError(
                    f"The data folder {target} is inside the mirror {mirror}: `pull --from` "
                    "copies a mirror into the data folders, not onto itself."
                )
    services = f"CBS ({settings.cbs_url}) and PDOK ({settings.pdok_url})"
    source = f"mirror {mirror}" if mirror else services
    report = Report(source=source, cbs_dir=settings.cbs_dir, geo_dir=settings.geo_dir)
    if not _RUNNING.acquire(blocking=False):
        raise PullError("Another pull is running in this process; wait for it to finish.")
    try:
        with _temporary(settings) as (tmp_cbs, tmp_geo):
            try:
                if mirror:
                    _from_mirror(mirror, plan_, tmp_cbs, tmp_geo, progress, report)
                else:
                    _from_services(settings, plan_, tmp_cbs, tmp_geo, progress, report)
                fresh = replace(settings, cbs_dir=tmp_cbs, geo_dir=tmp_geo, cache_dir=None)
                try:
                    store = validate_data(fresh, catalog)
                except (DataError, ConfigError) as exc:
                    # name the files where they would have gone, not the temporary folders
                    text = str(exc).replace(str(tmp_cbs), str(settings.cbs_dir))
                    text = text.replace(str(tmp_geo), str(settings.geo_dir))
                    raise PullError(
                        f"{text} That is in the new data from {report.source}, which was not "
                        "installed: the data folders are unchanged."
                    ) from None
                _compare(settings, catalog, store, report)
            except (DataError, ConfigError):
                if on_report:
                    on_report(report)
                raise
            with _uninterrupted():
                _swap([(tmp_cbs, settings.cbs_dir), (tmp_geo, settings.geo_dir)], settings)
        _compile(settings, catalog, store)
    finally:
        _RUNNING.release()
    if on_report:
        on_report(report)
    return report


def _compare(settings: Settings, catalog: Catalog, store: Store, report: Report) -> None:
    """The periods per indicator that are new (or gone) against the data there was."""
    report.compared = True
    try:
        before = load_store(settings, catalog)
    except (DataError, ConfigError, OSError):
        report.first = True
        return
    old, new = _periods(before), _periods(store)
    for ind in catalog.indicators:
        added = sorted(new.get(ind, set()) - old.get(ind, set()))
        gone = sorted(old.get(ind, set()) - new.get(ind, set()))
        if added:
            report.new_periods[ind] = added
        if gone:
            report.gone_periods[ind] = gone


def _compile(settings: Settings, catalog: Catalog, store: Store) -> None:
    """Write the compiled store of the data now in place, so the next start reads it."""
    if settings.cache_dir is None:
        return
    inputs = store_inputs(catalog, settings.cbs_dir)
    key = compiled.store_key(inputs) if inputs is not None else None
    if key is not None:
        compiled.write(settings.cache_dir, key, compiled_parts(store))


def unreachable(settings: Settings, timeout: float = 3.0) -> list[str]:
    """The hosts of the services (host:port) that accept no connection: offline, or a
    firewall. The app asks before it offers to fetch."""
    hosts = []
    for url in (settings.cbs_url, settings.pdok_url):
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
        hosts.append((parts.hostname or "", port))
    down = []
    for host, port in dict.fromkeys(hosts):
        try:
            socket.create_connection((host, port), timeout=timeout).close()
        except OSError:
            down.append(f"{host}:{port}")
    return down


def total_items(catalog: Catalog) -> int:
    """The tables and files one pull fetches (for a progress total)."""
    return len(table_measures(catalog)) + 2 + len(BOUNDARY_FILES)


def data_present(settings: Settings) -> bool:
    """Whether both data folders exist and hold files (``pull --if-missing``)."""
    return all(
        folder.is_dir() and any(folder.iterdir()) for folder in (settings.cbs_dir, settings.geo_dir)
    )


__all__ = ["Progress", "PullError", "Report", "data_present", "pull", "validate_data"]
