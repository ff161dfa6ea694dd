"""Boundaries: load and check the CBS gemeente, COROP and province outlines, dissolve
gemeenten into region sets, and make light GeoJSON for the browser.

All boundary files are GeoJSON in EPSG:4326 (see ``geo/README.md``). Every loader returns a
GeoDataFrame with the columns ``region_code`` (a CBS code), ``name`` and ``geometry``.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely
from pyogrio.errors import DataSourceError

from dashboard.model.errors import DataError
from dashboard.model.gebieden import AREA_YEAR
from dashboard.vocabulary import SCOPE_PROVINCES

GEMEENTEN_FILE = f"netherlands_gemeenten_{AREA_YEAR}.geojson"
OUTLINE_FILES = {
    "corop": f"corop_{AREA_YEAR}.geojson",
    "provincie": f"provincies_{AREA_YEAR}.geojson",
}
CODE_PROPERTY = "statcode"
NAME_PROPERTY = "statnaam"
EPSG = 4326
COLUMNS = ["region_code", "name", "geometry"]

# Browser defaults. Coverage simplification with 0.0005° (about 35 m east-west, 55 m
# north-south in Drenthe; below one screen pixel at the zoom that shows the province) and
# coordinates on a 0.0001° grid (about 7-11 m). Drenthe's 12 gemeenten then take about 28 KB
# of GeoJSON (34 KB unsimplified at 5 decimals); all 342 gemeenten about 670 KB.
BROWSER_TOLERANCE = 0.0005
BROWSER_DECIMALS = 4
# The national map (342 gemeenten at zoom 6.3, where a screen pixel is about 0.018° east-west)
# is simplified further, once, as one coverage: 0.004° (about 270 m east-west, 440 m
# north-south) is a quarter of a pixel there; at 4 decimals it stays a valid coverage (no
# gaps, no overlaps, every enclave kept) and takes about a third of the bytes (issue 17).
NATIONAL_TOLERANCE = 0.004

_SETTING_HINT = "DASHBOARD_GEO_DIR or [data] geo_dir in dashboard.toml"


def scope_codes(gebieden: pd.DataFrame, scope: str) -> list[str]:
    """The 2025 gemeente codes of a scope, sorted, taken from gebieden_2025."""
    if scope not in SCOPE_PROVINCES:
        raise DataError(f"Unknown map scope {scope!r}; valid scopes: {', '.join(SCOPE_PROVINCES)}.")
    provinces = SCOPE_PROVINCES[scope]
    rows = gebieden if provinces is None else gebieden[gebieden["provincie_code"].isin(provinces)]
    return sorted(rows["gemeente_code"])


def _read(path: Path) -> gpd.GeoDataFrame:
    """Read a GeoJSON file; a missing or unparseable file raises DataError."""
    if not path.is_file():
        raise DataError(
            f"{path.name}: boundary file not found in {path.parent}. Put the CBS/PDOK boundaries "
            f"there or point {_SETTING_HINT} at the folder that holds them: "
            "`python -m dashboard pull` fetches them (README.md, section Data)."
        )
    try:
        frame = gpd.read_file(path, engine="pyogrio")
    except (DataSourceError, ValueError, RuntimeError):
        raise DataError(f"{path}: {_unreadable(path)}") from None
    return frame


def _unreadable(path: Path) -> str:
    """Why a GeoJSON file does not read, in words and by line (GDAL's message names a byte
    offset or nothing useful)."""
    import json

    data = path.read_bytes()
    if not data.strip():
        return "the file is empty; expected a GeoJSON FeatureCollection."
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return f"line {line}: not UTF-8 text; save the file as UTF-8."
    try:
        parsed = json.loads(text)
    except json.JSONDecodeError as exc:
        cut = " (the file ends early: is it cut off?)" if exc.pos >= len(text.rstrip()) else ""
        return f"line {exc.lineno}, column {exc.colno}: not valid JSON: {exc.msg}{cut}."
    kind = parsed.get("type") if isinstance(parsed, dict) else type(parsed).__name__
    return f"not a GeoJSON FeatureCollection (its type is {kind!r})."


def _check(frame: gpd.GeoDataFrame, path: Path) -> gpd.GeoDataFrame:
    """Check the code property, CRS, geometries and duplicates; return region_code/name/geometry."""
    if frame.empty:
        raise DataError(f"{path}: the file holds no features (an empty FeatureCollection).")
    for column in (CODE_PROPERTY, NAME_PROPERTY):
        if column not in frame.columns:
            found = ", ".join(c for c in frame.columns if c != "geometry") or "none"
            raise DataError(f"{path}: the features have no property {column!r} (found: {found}).")
    if frame.crs is None or frame.crs.to_epsg() != EPSG:
        raise DataError(
            f"{path}: coordinates must be in EPSG:{EPSG} (lon/lat, GeoJSON without a crs "
            f"member), but the file declares {frame.crs}."
        )
    codes = frame[CODE_PROPERTY].astype(str)
    dupes = sorted(set(codes[codes.duplicated()]))
    if dupes:
        raise DataError(f"{path}: {CODE_PROPERTY} {', '.join(dupes)} occurs more than once.")
    geoms = frame.geometry
    bad = codes[geoms.isna() | geoms.is_empty]
    if not bad.empty:
        raise DataError(f"{path}: feature(s) {', '.join(bad)} have no geometry.")
    bounds = geoms.bounds
    outside = codes[
        (bounds["minx"] < -180)
        | (bounds["maxx"] > 180)
        | (bounds["miny"] < -90)
        | (bounds["maxy"] > 90)
    ]
    if not outside.empty:
        raise DataError(
            f"{path}: the coordinates of feature(s) {', '.join(outside[:5])} are not longitude/"
            f"latitude (EPSG:{EPSG}); were they written in another system, such as RD New "
            "(EPSG:28992)? Convert the file to EPSG:4326."
        )
    invalid = codes[~geoms.is_valid]
    if not invalid.empty:
        reasons = shapely.is_valid_reason(geoms[~geoms.is_valid].values)
        details = "; ".join(f"{c}: {r}" for c, r in zip(invalid, reasons, strict=True))
        raise DataError(f"{path}: invalid geometry in feature(s) {details}.")
    return gpd.GeoDataFrame(
        {"region_code": codes.values, "name": frame[NAME_PROPERTY].astype(str).values},
        geometry=geoms.values,
        crs=frame.crs,
    )


@functools.lru_cache(maxsize=8)
def _checked_at(path: Path, size: int, mtime_ns: int) -> gpd.GeoDataFrame:
    return _check(_read(path), path)


def _checked(path: Path) -> gpd.GeoDataFrame:
    """A boundary file read and checked once while it is unchanged (validate, the app's
    first check and its maps read the same files); callers get a copy."""
    if not path.is_file():
        _read(path)  # the message of a missing file
    stat = path.stat()
    return _checked_at(path, stat.st_size, stat.st_mtime_ns).copy()


def load_gemeenten(geo_dir: Path, scope: str, gebieden: pd.DataFrame) -> gpd.GeoDataFrame:
    """The 2025 gemeenten of ``scope`` (see vocabulary.SCOPES), sorted by code, names from gebieden.

    Membership of a scope comes from gebieden_2025 (its provincie_code), not from the file.
    Every code in the file must be a 2025 gemeente, and every gemeente of the scope present.
    """
    wanted = scope_codes(gebieden, scope)
    path = geo_dir / GEMEENTEN_FILE
    frame = _checked(path)
    unknown = sorted(set(frame["region_code"]) - set(gebieden["gemeente_code"]))
    if unknown:
        raise DataError(
            f"{path}: {CODE_PROPERTY} {', '.join(unknown)} is not a gemeente of 2025 "
            "in gebieden_2025.csv. Are these the 2025 boundaries?"
        )
    missing = sorted(set(wanted) - set(frame["region_code"]))
    if missing:
        names = dict(zip(gebieden["gemeente_code"], gebieden["gemeente_naam"], strict=True))
        listed = ", ".join(f"{c} {names[c]}" for c in missing)
        raise DataError(f"{path}: no boundary for gemeente(n) of scope {scope!r}: {listed}.")
    names = dict(zip(gebieden["gemeente_code"], gebieden["gemeente_naam"], strict=True))
    result = frame[frame["region_code"].isin(wanted)].sort_values("region_code")
    result = result.assign(name=result["region_code"].map(names))
    return result.reset_index(drop=True)


def load_outlines(geo_dir: Path, kind: str, codes: Sequence[str] | None = None) -> gpd.GeoDataFrame:
    """COROP (``kind="corop"``) or province (``"provincie"``) outlines, sorted by code.

    With ``codes``, only those regions, and each of them must be in the file.
    """
    if kind not in OUTLINE_FILES:
        raise DataError(f"Unknown outline kind {kind!r}; valid kinds: {', '.join(OUTLINE_FILES)}.")
    path = geo_dir / OUTLINE_FILES[kind]
    frame = _checked(path)
    if codes is not None:
        missing = sorted(set(codes) - set(frame["region_code"]))
        if missing:
            raise DataError(f"{path}: no boundary for {', '.join(missing)}.")
        frame = frame[frame["region_code"].isin(codes)]
    return frame.sort_values("region_code").reset_index(drop=True)


def _members_by_region(
    membership: Mapping[str, str] | Mapping[str, Sequence[str]],
) -> dict[str, list[str]]:
    """Normalise membership to region code -> member gemeente codes."""
    if all(isinstance(v, str) for v in membership.values()):
        regions: dict[str, list[str]] = {}
        for gemeente, region in membership.items():
            regions.setdefault(region, []).append(gemeente)  # type: ignore[arg-type]
        return regions
    return {region: list(members) for region, members in membership.items()}


def dissolve(
    gemeenten: gpd.GeoDataFrame,
    membership: Mapping[str, str] | Mapping[str, Sequence[str]],
    names: Mapping[str, str],
) -> gpd.GeoDataFrame:
    """Regions as the union of their member gemeenten, sorted by region code.

    ``membership`` is either gemeente code -> region code (a partition, as COROP regions or
    provinces from gebieden) or region code -> member gemeente codes (needed where regions
    overlap, as the Regio Deals do). A region is named by ``names`` (else by its code).
    A member without a boundary in ``gemeenten`` raises DataError.
    """
    geoms = dict(zip(gemeenten["region_code"], gemeenten.geometry, strict=True))
    check_members(geoms, membership, names)
    rows = []
    for region, members in sorted(_members_by_region(membership).items()):
        union = shapely.union_all([geoms[m] for m in members])
        rows.append({"region_code": region, "name": names.get(region, region), "geometry": union})
    return gpd.GeoDataFrame(rows, columns=COLUMNS, geometry="geometry", crs=gemeenten.crs)


def check_members(
    codes: Iterable[str],
    membership: Mapping[str, str] | Mapping[str, Sequence[str]],
    names: Mapping[str, str],
) -> None:
    """Every member gemeente of every region has a boundary among ``codes`` (what
    :func:`dissolve` needs), without dissolving; DataError naming region and members."""
    known = set(codes)
    for region, members in sorted(_members_by_region(membership).items()):
        missing = sorted(m for m in members if m not in known)
        if missing:
            raise DataError(
                f"Region {region} ({names.get(region, region)}): no boundary for member "
                f"gemeente(n) {', '.join(missing)}."
            )


def simplify_for_browser(
    gdf: gpd.GeoDataFrame, tolerance: float = BROWSER_TOLERANCE
) -> gpd.GeoDataFrame:
    """Simplify for display, keeping shared borders shared.

    A set of polygons that form a valid coverage (no overlaps, matching edges, as gemeenten
    or COROP regions) is simplified together with ``shapely.coverage_simplify``; any other
    set (e.g. overlapping Regio Deals) polygon by polygon with ``preserve_topology``.
    ``tolerance`` is in degrees.
    """
    geoms = gdf.geometry.values
    if shapely.coverage_is_valid(geoms):
        simple = shapely.coverage_simplify(geoms, tolerance)
    else:
        simple = shapely.simplify(geoms, tolerance, preserve_topology=True)
    return gdf.set_geometry(gpd.GeoSeries(simple, index=gdf.index, crs=gdf.crs))


def national_coverage(
    gemeenten: gpd.GeoDataFrame,
    gebieden: pd.DataFrame,
    tolerance: float = NATIONAL_TOLERANCE,
    decimals: int = BROWSER_DECIMALS,
) -> dict[str, gpd.GeoDataFrame]:
    """The gemeenten (``"gemeente"``), and their COROP regions (``"corop"``) and provinces
    (``"provincie"``) dissolved from them, simplified once as one coverage: every shared
    border is simplified once, so that neighbours, regions and provinces keep exactly the
    same edges. Coordinates are rounded to ``decimals`` (rounding keeps a shared vertex
    shared). Where the result is not a valid coverage of valid polygons (a tolerance too
    coarse for some narrow area), the gemeenten are simplified as for every other map
    (:func:`simplify_for_browser`), which is always safe."""
    geoms = gemeenten.geometry.values
    coarse = shapely.transform(
        shapely.coverage_simplify(geoms, tolerance), lambda xy: xy.round(decimals)
    )
    if not (shapely.is_valid(coarse).all() and shapely.coverage_is_valid(coarse)):
        coarse = simplify_for_browser(gemeenten).geometry.values
    simple = gemeenten.set_geometry(gpd.GeoSeries(coarse, index=gemeenten.index, crs=gemeenten.crs))
    out = {"gemeente": simple}
    codes = simple["region_code"]
    for kind in ("corop", "provincie"):
        rows = gebieden[gebieden["gemeente_code"].isin(codes)]
        membership = dict(zip(rows["gemeente_code"], rows[f"{kind}_code"], strict=True))
        names = dict(zip(rows[f"{kind}_code"], rows[f"{kind}_naam"], strict=False))
        out[kind] = dissolve(simple, membership, names)
    return out


def to_geojson(gdf: gpd.GeoDataFrame, decimals: int = BROWSER_DECIMALS) -> str:
    """Compact GeoJSON (EPSG:4326, no ids, no whitespace), coordinates on a 10^-decimals grid.

    Snapping uses ``shapely.set_precision``, which keeps the geometries valid.
    """
    frame = gdf if gdf.crs is None or gdf.crs.to_epsg() == EPSG else gdf.to_crs(EPSG)
    snapped = shapely.set_precision(frame.geometry.values, 10.0**-decimals)
    frame = frame.set_geometry(gpd.GeoSeries(snapped, index=frame.index, crs=frame.crs))
    return frame.to_json(drop_id=True, separators=(",", ":"), ensure_ascii=False)


def check_codes(
    gemeente_codes: Iterable[str],
    observation_codes: Iterable[str],
    current_codes: Iterable[str] | None = None,
) -> list[str]:
    """Human-readable mismatches between a map's gemeenten and the observations to show on it.

    ``gemeente_codes``: the gemeenten drawn (e.g. ``load_gemeenten(...)["region_code"]``);
    ``observation_codes``: region codes of the observations meant for this map (restrict them
    to the scope first); ``current_codes``: the 2025 gemeente codes (gebieden.gemeente_code).

    Reports gemeenten with no observations, and GM codes of 2025 gemeenten in the
    observations that have no boundary (only when ``current_codes`` is given). Historical
    gemeente codes and non-gemeente codes (NL01, PV22, CR07 ...) are ignored.
    """
    drawn = set(gemeente_codes)
    observed = set(observation_codes)
    problems = [
        f"{code}: gemeente on the map has no observations." for code in sorted(drawn - observed)
    ]
    if current_codes is not None:
        current = set(current_codes)
        unmapped = sorted(c for c in observed - drawn if c.startswith("GM") and c in current)
        problems += [
            f"{code}: observations for this gemeente, but no boundary." for code in unmapped
        ]
    return problems
