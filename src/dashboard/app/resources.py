"""What every session shares, loaded once per server process: the store, the boundaries of
each scope, the shipped stories (Presenteren) and the Sociale Agenda's goals and residents'
stories. Nothing here depends on a session's view."""

from __future__ import annotations

import gc
import importlib
import logging
import os
import threading
from pathlib import Path
from typing import Any, TypeVar

import streamlit as st

from dashboard import urls, vocabulary
from dashboard.checks import Checked, check_everything
from dashboard.config import (
    ENV_PROJECT_DATA,
    PROJECT_ROOT,
    ConfigError,
    check_folder,
    load_settings,
    project_data,
    public_paths,
)
from dashboard.model import geo
from dashboard.model.errors import DataError
from dashboard.model.store import Store, load_store
from dashboard.render import maps
from dashboard.views import agenda, compare, stories

_log = logging.getLogger(__name__)
T = TypeVar("T")


def long_lived(value: T) -> T:
    """``value`` (a resource kept until the process ends), after moving every object alive
    now out of the cyclic garbage collector's sight (``gc.freeze``): a full collection
    walked the store and the boundaries' GeoJSON, 180-230 ms each, and came every few
    first requests, the p95 of the pages (docs/benchmarks.md, branch p95). Frozen objects
    are still freed when nothing refers to them; only cycles among them would stay. The
    young generations are collected first, so that little garbage is frozen."""
    gc.collect(1)
    gc.freeze()
    return value


@st.cache_resource(show_spinner="Gegevens laden…")
def shared_store() -> Store:
    """The store every session shares (never changed)."""
    settings = load_settings()
    # mapclassify imports scipy and scikit-learn (about a second). The maps' breaks come from
    # the compiled store (Store.class_breaks), so it is imported only when a map needs others;
    # without a compiled store (cache_dir off) every map needs it: import it beside the
    # parsing of the sources, so that the first map does not wait for it (docs/benchmarks.md)
    if settings.cache_dir is None:
        threading.Thread(target=importlib.import_module, args=("mapclassify",), daemon=True).start()
    return long_lived(load_store(settings))


def get_store() -> Store:
    """The store of this session: the shared one, with the session's own upload added when
    it has one (app/uploads.py; the shared store is not changed)."""
    from dashboard.app import uploads

    return uploads.session_store(shared_store())


@st.cache_resource(show_spinner=False)
def checked() -> Checked:
    """Everything else the pages load (boundaries, region sets, stories, goals), checked
    once per server as `validate` checks it (dashboard.checks); a problem raises (and is not
    cached: the next run tries again)."""
    return check_everything(shared_store(), load_settings())


# The last data problem, by the state of the files it came from: while nothing changes, every
# page view shows it again without loading the store again (2 s of CPU per view of a broken
# installation otherwise, one visitor's reloads enough to keep a core busy).
_FAILED: dict[tuple, Exception] = {}


def _data_state() -> tuple:
    """Name, size and time of every file the app loads, with the settings that name them."""
    settings = load_settings()
    state: list[object] = [repr(settings), os.environ.get(ENV_PROJECT_DATA, "")]
    for folder in (settings.cbs_dir, settings.geo_dir, project_data()):
        files = sorted(folder.rglob("*")) if folder.is_dir() else []
        state += [(str(f), *(lambda s: (s.st_size, s.st_mtime_ns))(f.stat())) for f in files]
    if settings.config_file is not None and settings.config_file.is_file():
        state.append(settings.config_file.stat().st_mtime_ns)
    return tuple(state)


def _state_or_none() -> tuple | None:
    try:
        return _data_state()
    except (ConfigError, OSError):
        return None


def store_or_stop() -> Store:
    """The store, once everything the pages load has been checked (dashboard.checks), or
    the page that says what is wrong or missing and offers to fetch it (never a traceback;
    app/fetch.py): the same message on every page, the one `validate` prints."""
    # The files' state only matters once something has failed: walking and stat-ing every
    # data file took 7 ms, twice per script run of every healthy page (issue 17).
    failed = _FAILED.get(_state_or_none()) if _FAILED else None
    if failed is not None:
        from dashboard.app.fetch import no_data_page

        no_data_page(failed)
    try:
        store = get_store()
        checked()
        return store
    except (DataError, ConfigError) as exc:
        state = _state_or_none()
        _FAILED.clear()
        if state is not None:
            _FAILED[state] = exc
        from dashboard.app.fetch import no_data_page  # the pull machinery, only when needed

        no_data_page(exc)


@st.cache_resource(show_spinner=False)
def scope_gemeenten(scope: str) -> tuple[str, ...]:
    """The gemeente codes of a scope (geo.scope_codes, once per scope)."""
    return tuple(geo.scope_codes(shared_store().gebieden, scope))


@st.cache_resource(show_spinner=False)
def scope_areas(scope: str, level: str) -> dict[str, Any]:
    """Simplified GeoJSON of the gemeenten (level 'gemeente') or COROP regions ('corop') of a
    scope, with region_code and name. Shared, not copied: callers read it and make new
    features (maps.with_properties) and never change it. (As ``st.cache_data`` every call
    unpickled a copy: 50-130 ms for Nederland's, on each first request of a map: issue 17.)"""
    store = shared_store()
    geo_dir = check_folder(load_settings(), "geo_dir")
    gemeenten = geo.load_gemeenten(geo_dir, scope, store.gebieden)
    if level == "gemeente":
        return long_lived(maps.feature_collection(gemeenten))
    scope_gebieden = store.gebieden[store.gebieden["gemeente_code"].isin(gemeenten["region_code"])]
    codes = sorted(scope_gebieden["corop_code"].unique())
    return long_lived(maps.feature_collection(geo.load_outlines(geo_dir, "corop", codes)))


@st.cache_data(show_spinner=False)
def scope_outlines(scope: str) -> list[dict[str, Any]]:
    """Province borders (thick) and COROP borders (thin) of a scope, simplified."""
    store = shared_store()
    geo_dir = check_folder(load_settings(), "geo_dir")
    provinces = vocabulary.SCOPE_PROVINCES[scope]
    g = store.gebieden
    if provinces is not None:
        g = g[g["provincie_code"].isin(provinces)]
    outlines = [
        maps.feature_collection(
            geo.load_outlines(geo_dir, "provincie", sorted(g["provincie_code"].unique()))
        )
    ]
    if scope != "nederland":
        corop = geo.load_outlines(geo_dir, "corop", sorted(g["corop_code"].unique()))
        outlines.append(maps.feature_collection(corop))
    return outlines


@st.cache_resource(show_spinner=False)
def _national_coverage() -> dict[str, dict[str, Any]]:
    """The national map's gemeenten, COROP regions and provinces, simplified once as one
    coverage (geo.national_coverage), as GeoJSON."""
    store = shared_store()
    geo_dir = check_folder(load_settings(), "geo_dir")
    gemeenten = geo.load_gemeenten(geo_dir, "nederland", store.gebieden)
    parts = geo.national_coverage(gemeenten, store.gebieden)
    return long_lived({kind: maps.simplified_collection(gdf) for kind, gdf in parts.items()})


def map_areas(scope: str, level: str) -> dict[str, Any]:
    """The areas a browser map draws: :func:`scope_areas`, but for Nederland the coarser
    national coverage (a third of the bytes on every view and switch: issue 17). Images
    (PNG, SVG) keep :func:`scope_areas`. Shared and never changed, as :func:`scope_areas`."""
    if scope == "nederland":
        return _national_coverage()[level]
    return scope_areas(scope, level)


@st.cache_resource(show_spinner=False)
def scope_borders(scope: str, level: str) -> maps.Borders:
    """The borders of a scope's areas on a browser map (level 'gemeente' or 'corop',
    :func:`map_areas`) and its outlines, once per server: shared by every session and never
    mutated. Nederland's province outlines come from the same coverage as its areas, and
    the areas' edges under them are left out (hidden by them)."""
    if scope == "nederland":
        provinces = _national_coverage()["provincie"]
        return long_lived(
            maps.Borders.of(map_areas(scope, level), [provinces], under_outlines=False)
        )
    return long_lived(maps.Borders.of(scope_areas(scope, level), scope_outlines(scope)))


STATIC_DIR = PROJECT_ROOT / "static"  # Streamlit serves it (server.enableStaticServing)
GEO_FILES = "geo"  # under STATIC_DIR; content-named, so a browser keeps them (app.compress)


def write_static(folder: Path, stem: str, payloads: dict[str, bytes]) -> dict[str, str]:
    """Write each payload as ``folder/<stem>-<name>-<digest>.json`` (atomically, and only
    when missing: every process and replica writes the same bytes) and return the file
    names by payload name."""
    folder.mkdir(parents=True, exist_ok=True)
    names = {}
    for name, payload in payloads.items():
        filename = f"{stem}-{name}-{maps.digest(payload)}.json"
        target = folder / filename
        if not target.exists():
            partial = target.with_suffix(f".{os.getpid()}.{threading.get_ident()}.part")
            partial.write_bytes(payload)
            os.replace(partial, target)
        names[name] = filename
    return names


@st.cache_resource(show_spinner=False)
def geometry_files(scope: str, level: str) -> maps.GeometryFiles | None:
    """The URLs of a scope's areas and borders as static files (maps.GeometryFiles), written
    once per process; None, and so the geometry inside every map as before, when the folder
    cannot be written (a read-only install) or Streamlit does not serve it (static serving
    switched off): the log says which."""
    if not st.get_option("server.enableStaticServing"):  # the files would not be served
        _log.warning("map geometry sent inline: server.enableStaticServing is off")
        return None
    payloads = maps.geometry_payloads(map_areas(scope, level), scope_borders(scope, level))
    try:
        names = write_static(STATIC_DIR / GEO_FILES, f"{scope}-{level}", payloads)
    except OSError as exc:
        _log.warning("map geometry sent inline: cannot write %s (%s)", STATIC_DIR, exc)
        return None
    root = urls.base_path(st.get_option("server.baseUrlPath"))
    url = {name: f"{root}/app/static/{GEO_FILES}/{filename}" for name, filename in names.items()}
    outlines = tuple(url[f"outline-{n}"] for n in range(len(payloads) - 2))
    return maps.GeometryFiles(url["areas"], url["borders"], outlines)


@st.cache_resource(show_spinner=False)
def region_sets(scope: str) -> dict[str, Any]:
    """The region sets of a scope (built once per scope; they never change)."""
    return compare.region_set_choices(shared_store(), scope)


@st.cache_resource(show_spinner=False, max_entries=64)
def region_areas(scope: str, region_codes: tuple[str, ...]) -> dict[str, Any]:
    """Simplified GeoJSON of regions dissolved from their member gemeenten (shared, never
    changed by its callers, as :func:`scope_areas`)."""
    store = shared_store()
    regions = {r.code: r for s in region_sets(scope).values() for r in s.regions}
    geo_dir = check_folder(load_settings(), "geo_dir")
    gemeenten = geo.load_gemeenten(geo_dir, "nederland", store.gebieden)
    chosen = [regions[c] for c in region_codes]
    dissolved = geo.dissolve(
        gemeenten, {r.code: list(r.members) for r in chosen}, {r.code: r.name() for r in chosen}
    )
    return long_lived(maps.feature_collection(dissolved))


@st.cache_data(show_spinner=False)
def shipped_stories() -> tuple[dict[str, stories.Story], list[str]]:
    """The stories in data/stories and, separately, what is wrong with the invalid ones."""
    found, errors = stories.list_stories(stories.stories_dir(), shared_store())
    return found, [public_paths(str(e)) for e in errors]  # no server folder on a page


@st.cache_resource(show_spinner=False)
def agenda_data() -> agenda.AgendaData:
    """The Sociale Agenda's goals and residents' stories (data/verhalen), the stories' points
    checked against the gemeenten's boundaries. A bad goals file raises DataError (not
    cached: the next run tries again); a bad story is left out with a problem."""
    store = shared_store()
    geo_dir = check_folder(load_settings(), "geo_dir")
    gemeenten = geo.load_gemeenten(geo_dir, "drenthe", store.gebieden)
    shapes = dict(zip(gemeenten["region_code"], gemeenten.geometry, strict=True))
    return long_lived(agenda.load_agenda(store, shapes))


def agenda_or_none() -> agenda.AgendaData | None:
    """The agenda's data, or None when it cannot be loaded (pages that only add stories)."""
    try:
        return agenda_data()
    except (DataError, ConfigError):
        return None
