"""Region sets (COROP regions, provinces, Regio Deals) and how their values are found.

A region set groups gemeenten into regions. ``corop`` and ``provincie`` come from
gebieden_2025.csv and are *official*: CBS may publish values for the region code itself.
Programme areas such as the Regio Deals are defined in ``data/region_sets.toml`` by their
member gemeenten; CBS publishes nothing for them, so their values are always computed.
Regions of one set may overlap (Hoogeveen is in two Regio Deals).
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from dashboard.config import PROJECT_DATA, project_data
from dashboard.model.errors import DataError
from dashboard.model.schema import OBS_COLUMNS as OBSERVATION_COLUMNS
from dashboard.text.i18n import t
from dashboard.vocabulary import DRENTHE_CODE, localized

REGION_SETS_FILE = PROJECT_DATA / "region_sets.toml"


def region_sets_file() -> Path:
    """region_sets.toml of the project's data folder in effect (config.project_data)."""
    data = project_data()
    return REGION_SETS_FILE if data == PROJECT_DATA else data / REGION_SETS_FILE.name


METHODS = ("mean_population", "mean_households", "sum", "none")
COMPUTED = "computed"

# Official sets from gebieden: id -> (code column, name column); their labels are the i18n
# keys region_set_<id>.
OFFICIAL_SETS = {
    "corop": ("corop_code", "corop_naam"),
    "provincie": ("provincie_code", "provincie_naam"),
}
_SET_FIELDS = {"id", "label_nl", "label_en", "region"}
_REGION_FIELDS = {"code", "name_nl", "name_en", "members"}


@dataclass(frozen=True)
class Region:
    code: str
    name_nl: str
    name_en: str
    members: tuple[str, ...]
    official: bool

    def name(self, lang: str = "nl") -> str:
        return localized(self, "name", lang)


@dataclass(frozen=True)
class RegionSet:
    id: str
    label_nl: str
    label_en: str
    regions: tuple[Region, ...]

    def label(self, lang: str = "nl") -> str:
        return localized(self, "label", lang)

    def membership(self) -> dict[str, tuple[str, ...]]:
        """Region code -> member gemeente codes (the form ``geo.dissolve`` accepts)."""
        return {r.code: r.members for r in self.regions}


def official_set(gebieden: pd.DataFrame, set_id: str) -> RegionSet:
    """The COROP regions or provinces of 2025 with their gemeenten, sorted by code."""
    code_col, name_col = OFFICIAL_SETS[set_id]
    regions = tuple(
        Region(
            code=str(code),
            name_nl=str(rows[name_col].iloc[0]),
            name_en=str(rows[name_col].iloc[0]),
            members=tuple(sorted(rows["gemeente_code"])),
            official=True,
        )
        for code, rows in gebieden.groupby(code_col, sort=True)
    )
    key = f"region_set_{set_id}"
    return RegionSet(set_id, t(key, "nl"), t(key, "en"), regions)


def _read_toml(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise DataError(f"{path}: region set file not found.")
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise DataError(f"{path}: not valid TOML ({exc}).") from exc


def _text(entry: dict[str, Any], key: str, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise DataError(f"{where}: {key} must be a non-empty string, found {value!r}.")
    return value.strip()


def _parse_region(entry: Any, where: str, known: set[str]) -> Region:
    if not isinstance(entry, dict):
        raise DataError(f"{where}: each [[region_set.region]] must be a table.")
    code = _text(entry, "code", where)
    where = f"{where}, region {code}"
    extra = sorted(set(entry) - _REGION_FIELDS)
    if extra:
        raise DataError(f"{where}: unknown field(s) {', '.join(extra)}.")
    members = entry.get("members")
    if not isinstance(members, list) or not all(isinstance(m, str) for m in members):
        raise DataError(f"{where}: members must be a list of gemeente codes, found {members!r}.")
    if not members:
        raise DataError(f"{where}: the region is empty (members = []).")
    unknown = [m for m in members if m not in known]
    if unknown:
        raise DataError(
            f"{where}: unknown gemeente code(s) {', '.join(unknown)}; "
            "members must be 2025 gemeente codes from gebieden_2025.csv."
        )
    dupes = sorted({m for m in members if members.count(m) > 1})
    if dupes:
        raise DataError(f"{where}: member(s) {', '.join(dupes)} listed more than once.")
    return Region(
        code=code,
        name_nl=_text(entry, "name_nl", where),
        name_en=_text(entry, "name_en", where),
        members=tuple(members),
        official=False,
    )


def _parse_set(entry: Any, path: Path, known: set[str]) -> RegionSet:
    if not isinstance(entry, dict):
        raise DataError(f"{path}: each [[region_set]] must be a table.")
    set_id = _text(entry, "id", f"{path}, region set")
    where = f"{path}, region set {set_id!r}"
    extra = sorted(set(entry) - _SET_FIELDS)
    if extra:
        raise DataError(f"{where}: unknown field(s) {', '.join(extra)}.")
    entries = entry.get("region")
    if not isinstance(entries, list) or not entries:
        raise DataError(f"{where}: no regions; add [[region_set.region]] entries.")
    regions = tuple(_parse_region(r, where, known) for r in entries)
    return RegionSet(
        set_id, _text(entry, "label_nl", where), _text(entry, "label_en", where), regions
    )


def load_region_sets(gebieden: pd.DataFrame, path: Path | None = None) -> dict[str, RegionSet]:
    """All region sets: ``corop`` and ``provincie`` from gebieden, then those of ``path``.

    Raises DataError (naming the file and region) for invalid TOML, unknown or duplicate
    members, empty regions, duplicate set ids and region codes that are already in use.
    """
    path = path or region_sets_file()
    sets = {set_id: official_set(gebieden, set_id) for set_id in OFFICIAL_SETS}
    known = set(gebieden["gemeente_code"])
    used = known | {r.code for s in sets.values() for r in s.regions}
    data = _read_toml(path)
    extra = sorted(set(data) - {"region_set"})
    if extra:
        raise DataError(f"{path}: unknown top-level key(s) {', '.join(extra)}.")
    entries = data.get("region_set", [])
    if not isinstance(entries, list):
        raise DataError(f"{path}: region sets must be written as [[region_set]] tables.")
    for entry in entries:
        region_set = _parse_set(entry, path, known)
        if region_set.id in sets:
            raise DataError(f"{path}: region set id {region_set.id!r} is used twice.")
        for region in region_set.regions:
            if region.code in used:
                raise DataError(
                    f"{path}, region set {region_set.id!r}: region code {region.code} is "
                    "used more than once (or is a CBS gemeente, COROP or province code)."
                )
            used.add(region.code)
        sets[region_set.id] = region_set
    return sets


def restrict_to_province(
    region_set: RegionSet, gebieden: pd.DataFrame, provincie_code: str = DRENTHE_CODE
) -> RegionSet:
    """The regions of a set that lie wholly in one province (e.g. CR07, CR08, CR09 for PV22)."""
    inside = set(gebieden.loc[gebieden["provincie_code"] == provincie_code, "gemeente_code"])
    regions = tuple(r for r in region_set.regions if set(r.members) <= inside)
    return replace(region_set, regions=regions)


def population_weights(gebieden: pd.DataFrame) -> pd.Series:
    """Inwoners on 1 January 2025 per gemeente code (float), the population weights."""
    weights = gebieden.set_index("gemeente_code")["inwoners"].astype(float)
    return weights.rename("inwoners")


def _member_weights(weights: pd.Series | None, region: Region) -> pd.Series:
    if weights is None:
        raise DataError(f"Region {region.code}: a weighted mean needs weights per gemeente.")
    w = weights.reindex(list(region.members))
    bad = [m for m, v in w.items() if not (np.isfinite(v) and v > 0)]
    if bad:
        raise DataError(
            f"Region {region.code} ({region.name_nl}): no positive weight for "
            f"gemeente(n) {', '.join(bad)}."
        )
    return w


def _compute(
    matrix: np.ndarray,
    rows: list[int | None],
    region: Region,
    method: str,
    weights: pd.Series | None,
) -> tuple[np.ndarray, np.ndarray]:
    """(columns, values): the computed value per period (a column of ``matrix``, the values
    pivoted to regions by periods, ``rows`` the members' rows, None for a member without
    one), only for periods in which every member has a value.

    The arithmetic is that of pandas' ``members.mul(w, axis=0).sum(axis=0) / w.sum()`` of
    the members' frame (``values.reindex(members)``), to the last bit, and so is the order
    of the sums: pandas keeps the memory layout of the pivot through the reindex, the
    selection and the product, and numpy sums a strided axis one value after another but a
    contiguous one pairwise. ``matrix`` is ``values.to_numpy()``, the pivot's own array
    transposed (tests/test_first_requests.py compares the two on every indicator). Per
    region in pandas this was most of a Regio's view's first request on Nederland (40
    COROP regions, issue 17)."""
    if None in rows:  # a member without any value: no period is complete
        columns = np.zeros(0, dtype=np.intp)
        members = np.zeros((len(region.members), 0))
    else:
        block = matrix[rows]  # members x periods, C order
        columns = np.flatnonzero(~np.isnan(block).any(axis=0))
        members = block[:, columns]
    w = None if method == "sum" else _member_weights(weights, region).to_numpy(dtype=float)
    terms = members if w is None else members * w[:, None]
    # the layout of pandas' array: periods x regions in F order (the pivot's usual one) sums
    # each period's members one after another, in C order pairwise
    c_order = matrix.flags.c_contiguous  # i.e. pandas' array, its transpose, is in F order
    terms = np.ascontiguousarray(terms) if c_order else np.asfortranarray(terms)
    if w is None:
        return columns, terms.sum(axis=0)
    with np.errstate(all="ignore"):
        return columns, terms.sum(axis=0) / w.sum()


@functools.cache
def _empty_template() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype=str) for c in OBSERVATION_COLUMNS})
    return frame.astype({"value": float, "lower": float, "upper": float})


def _empty() -> pd.DataFrame:
    # built once: making the string columns took ~5 ms per region_values call (issue 17)
    return _empty_template().copy()


def _check_observations(observations: pd.DataFrame) -> None:
    missing = [c for c in OBSERVATION_COLUMNS if c not in observations.columns]
    if missing:
        raise DataError(f"Observations lack column(s) {', '.join(missing)}.")
    ids = observations["indicator_id"].unique()
    if len(ids) > 1:
        raise DataError(f"region_values takes one indicator, got {', '.join(map(str, ids))}.")
    dupes = observations[observations.duplicated(["region_code", "period"])]
    if not dupes.empty:
        row = dupes.iloc[0]
        raise DataError(
            f"Indicator {row['indicator_id']}: region {row['region_code']}, period "
            f"{row['period']} occurs more than once."
        )


def codes_of(regions: Iterable[Region]) -> list[str]:
    """The regions' own codes and their members'."""
    return sorted({code for r in regions for code in (r.code, *r.members)})


def region_values(
    observations: pd.DataFrame,
    regions: Iterable[Region],
    method: str,
    weights: pd.Series | None = None,
    *,
    checked: bool = False,
) -> pd.DataFrame:
    """Values of one indicator for the given regions, in the observation schema.

    Rules, per region and period (periods are those present in ``observations``):

    1. Official value first: a row for the region's own code (e.g. a CBS COROP row) is used
       unchanged, its status included.
    2. An official region (COROP, province) whose code occurs in the observations in any
       period gets no computed values at all: the source publishes that level, so its
       series stays purely official (a missing official value stays missing).
    3. Otherwise the value is computed from the member gemeenten, and only when *every*
       member has a value in that period; otherwise the region has no row (never a partial
       aggregate). Computed rows have status "computed" and no margins (lower/upper NaN).
       Methods (the indicator's ``aggregation``):
       ``mean_population`` and ``mean_households``: weighted mean sum(w_i * x_i) / sum(w_i)
       over the members, with ``weights`` indexed by gemeente code. Population weights are
       the inwoners of 1 January 2025 from gebieden_2025.csv (``population_weights``),
       the same for every period; household weights are supplied by the caller.
       ``sum``: the sum of the member values (counts); weights are not used.
       ``none``: nothing is computed.

    Rows are sorted by region code and period. Regions without any value have no rows.

    ``checked``: the observations are known to hold the columns, one indicator and no
    region and period twice (a store's frame: the store checks them when it is built), so
    they are not checked again (a quarter of region_values' time on a first Regio's page:
    issue 17).
    """
    if method not in METHODS:
        raise DataError(f"Unknown aggregation method {method!r}; valid: {', '.join(METHODS)}.")
    if observations.empty:
        return _empty()
    if not checked:
        _check_observations(observations)
    indicator_id = observations["indicator_id"].iloc[0]
    regions = list(regions)
    if all(r.members for r in regions):  # (a region without members has every period)
        # only the rows of the regions and their members: a region's values are its own and
        # its members' (Drenthe alone, on the Trends page, pivoted 345 gemeenten: issue 17)
        observations = observations[observations["region_code"].isin(codes_of(regions))]
        if observations.empty:
            return _empty()
    own_rows = observations.groupby("region_code", sort=False).indices
    # nothing to compute (rule 2 for every region, or method "none"): no pivot (Drenthe on
    # the Trends page, for 52 of the 74 indicators: issue 17)
    if method != "none" and not all(r.official and r.code in own_rows for r in regions):
        values = observations.pivot(index="region_code", columns="period", values="value")
        matrix = values.to_numpy()  # regions x periods, the pivot's own array (see _compute)
        row_of = {str(code): i for i, code in enumerate(values.index)}
    periods = observations["period"].to_numpy()
    own, codes, found, computed_values = [], [], [], []
    for region in regions:
        at = own_rows.get(region.code)
        if at is not None:
            own.append(at)
        if method == "none" or (region.official and at is not None):
            continue
        rows = [row_of.get(m) for m in region.members]
        columns, computed = _compute(matrix, rows, region, method, weights)
        if at is not None:  # the region's own values first (rule 1)
            keep = ~values.columns[columns].isin(periods[at])
            columns, computed = columns[keep], computed[keep]
        codes.append(np.full(len(columns), region.code, dtype=object))
        found.append(columns)
        computed_values.append(computed)
    floats = {"value": float, "lower": float, "upper": float}
    if own and not any(len(c) for c in codes):
        # the regions' own rows only: taken in the order the sort below gives them, without
        # a concat and a sort of the frame (issue 17)
        rows = np.concatenate(own).tolist()
        keys = observations["region_code"].tolist(), observations["period"].tolist()
        rows.sort(key=lambda i: (keys[0][i], keys[1][i]))
        taken = _as_floats(observations.take(rows)[OBSERVATION_COLUMNS], floats)
        return taken.reset_index(drop=True)
    # the regions' own rows and their computed rows each in one frame, not one per region
    # (the rows' order is the sort's below)
    parts = [observations.take(np.concatenate(own))[OBSERVATION_COLUMNS]] if own else []
    if codes and sum(len(c) for c in codes):
        parts.append(
            pd.DataFrame(
                {
                    "indicator_id": indicator_id,
                    "region_code": np.concatenate(codes),
                    "period": values.columns[np.concatenate(found)].astype(str),
                    "value": np.concatenate(computed_values).astype(float),
                    "lower": np.nan,
                    "upper": np.nan,
                    "status": COMPUTED,
                }
            )
        )
    parts = [p for p in parts if not p.empty]
    if not parts:
        return _empty()
    result = _as_floats(pd.concat(parts, ignore_index=True), floats)
    return result.sort_values(["region_code", "period"], ignore_index=True)


def _as_floats(frame: pd.DataFrame, columns: dict[str, type]) -> pd.DataFrame:
    """``frame.astype(columns)``, or the frame itself when they are float64 already (a store's
    columns are: astype copied every column, 0.7 ms a call)."""
    if all(frame[c].dtype == np.float64 for c in columns):
        return frame
    return frame.astype(columns)
