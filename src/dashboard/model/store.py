"""The observation table: load every source named in the catalogue, validate, and query.

One :class:`Store` holds the catalogue, the area list and all observations; every view asks
it for what it shows. Loading is all-or-nothing: any problem raises a DataError or a
ConfigError with a precise message, never a half-loaded table. A store that loaded is kept
compiled (:mod:`dashboard.model.compiled`): the next start reads it instead of the sources
until a source file, the catalogue or the code changes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TypeVar

import numpy as np
import pandas as pd

from dashboard.config import Settings, check_folder, load_settings, project_data
from dashboard.model import compiled
from dashboard.model.catalog import Catalog, Indicator, load_catalog
from dashboard.model.errors import DataError, MissingColumns
from dashboard.model.gebieden import (
    GEBIEDEN_FILE,
    HISTORIE_FILE,
    load_gebieden,
    load_historie,
    region_labels,
    region_names,
)
from dashboard.model.regions import (
    Region,
    RegionSet,
    codes_of,
    load_region_sets,
    official_set,
    population_weights,
    region_sets_file,
)
from dashboard.model.regions import region_values as _region_values
from dashboard.model.schema import OBS_KEY, empty_observations, make_observations
from dashboard.model.sources import cbs, tidy
from dashboard.vocabulary import DRENTHE_CODE, NEDERLAND_CODE

HOUSEHOLDS_TABLE = "86004NED"
HOUSEHOLDS_MEASURE = "ParticuliereHuishoudens_1"
LOG = logging.getLogger(__name__)
T = TypeVar("T")
MEMO_ENTRIES = 2000  # Store.memo: a few MB at most (region values are small frames)


@dataclass(frozen=True)
class Store:
    catalog: Catalog
    observations: pd.DataFrame
    gebieden: pd.DataFrame
    names: dict[str, str]
    household_weights: pd.Series
    # numerator/denominator per region and period of indicators with aggregation "ratio"
    components: dict[str, pd.DataFrame] = field(default_factory=dict)
    # "sources" when built from the files, "compiled" when read from the compiled store
    origin: str = "sources"
    # the maps' class breaks computed when the compiled store was written, by their inputs'
    # digest (render/classify.breaks_key; views/mapview.stored_breaks); empty: computed
    class_breaks: dict[str, tuple[float, ...]] = field(default_factory=dict)

    def indicator(self, indicator_id: str) -> Indicator:
        return self.catalog.get(indicator_id)

    @cached_property
    def _by_indicator(self) -> dict[str, pd.DataFrame]:
        # one pass instead of a filter of the whole table per question (a view asks
        # several; under 30 sessions the filters were a tenth of the server's time)
        groups = self.observations.groupby("indicator_id", sort=False, observed=True)
        return {str(key): group for key, group in groups}

    @cached_property
    def _region_sets(self) -> dict[Path, dict[str, RegionSet]]:
        return {}

    def region_sets(self, path: Path | None = None) -> dict[str, RegionSet]:
        """All region sets (:func:`regions.load_region_sets`), read once per file: building
        them took 60 ms, and every trend asked for them again (docs/benchmarks.md). The
        result is shared: do not change it."""
        path = path or region_sets_file()
        sets = self._region_sets.get(path)
        if sets is None:
            sets = self._region_sets[path] = load_region_sets(self.gebieden, path)
        return sets

    @cached_property
    def _memo(self) -> dict[object, object]:
        return {}

    def memo(self, key: object, build: Callable[[], T]) -> T:
        """What ``build`` derives from this store, built once per store under ``key`` (a
        view module's precomputation, e.g. the profile's lookups: issue 17). The result is
        shared: do not change it. Two threads may both build it once; either result is kept.
        At most :data:`MEMO_ENTRIES` are kept (visitors' own combinations of regions make
        keys too); beyond that, values are built and not kept."""
        if key in self._memo:
            return self._memo[key]  # type: ignore[return-value]
        value = build()
        if len(self._memo) < MEMO_ENTRIES:
            self._memo[key] = value
        return value

    def frame(self, indicator_id: str) -> pd.DataFrame:
        """All observations of one indicator (a copy: callers may change it)."""
        found = self._by_indicator.get(indicator_id)
        return (self.observations.iloc[:0] if found is None else found).copy()

    @cached_property
    def _periods(self) -> dict[str, tuple[str, ...]]:
        # asked on every run (the period control); copying an indicator's frame for it was
        # 5% of the server's time under 30 sessions
        return {i: tuple(sorted(f["period"].unique())) for i, f in self._by_indicator.items()}

    def periods(self, indicator_id: str) -> list[str]:
        """The indicator's periods, oldest first (none for an unknown id)."""
        return list(self._periods.get(indicator_id, ()))

    def latest_period(self, indicator_id: str) -> str:
        return self.periods(indicator_id)[-1]

    def gemeente_codes(self, provinces: list[str] | None = None) -> list[str]:
        g = self.gebieden
        if provinces is not None:
            g = g[g["provincie_code"].isin(provinces)]
        return sorted(g["gemeente_code"])

    def name(self, code: str) -> str:
        return self.names.get(code, code)

    def value(self, indicator_id: str, region_code: str, period: str) -> float | None:
        """One value, or None when there is none (missing is never 0)."""
        f = self.frame(indicator_id)
        hit = f[(f["region_code"] == region_code) & (f["period"] == period)]
        return None if hit.empty else float(hit["value"].iloc[0])


def _household_weights(cache: cbs.TableCache, labels: dict[str, str]) -> pd.Series:
    """Private households per gemeente in the latest year of 86004NED (x 1,000)."""
    frame = cbs.measure_frame(cache.get(HOUSEHOLDS_TABLE), HOUSEHOLDS_MEASURE, labels, None)
    latest = frame[frame["value"].notna()]["period"].max()
    frame = frame[(frame["period"] == latest) & frame["region_code"].str.startswith("GM")]
    weights = frame.set_index("region_code")["value"]
    weights.attrs["period"] = latest
    return weights


def _tidy_files(catalog: Catalog) -> list[str]:
    return sorted({s.file for ind in catalog for s in ind.sources if s.kind == "tidy" and s.file})


def table_measures(catalog: Catalog) -> dict[str, list[str]]:
    """CBS table (as the catalogue first spells it) -> the measures the store reads from it,
    in catalogue order: measures, denominators and the household weights."""
    out: dict[str, list[str]] = {}
    spelled: dict[str, str] = {}

    def want(table: str, *measures: str | None) -> None:
        wanted = out.setdefault(spelled.setdefault(table.lower(), table), [])
        wanted += [m for m in measures if m and m not in wanted]

    for ind in catalog:
        for s in ind.sources:
            if s.kind == "cbs" and s.table:
                want(s.table, s.measure, None if s.denominator_table else s.denominator)
                if s.denominator_table:
                    want(s.denominator_table, s.denominator)
    want(HOUSEHOLDS_TABLE, HOUSEHOLDS_MEASURE)
    return out


def measure_users(catalog: Catalog) -> dict[tuple[str, str], list[str]]:
    """(table in lower case, measure) -> the ids of the indicators that read it."""
    users: dict[tuple[str, str], list[str]] = {}
    for ind in catalog:
        for s in ind.sources:
            denominator = (s.denominator_table or s.table, s.denominator)
            for table, measure in ((s.table, s.measure), denominator):
                if s.kind == "cbs" and table and measure:
                    ids = users.setdefault((table.lower(), measure), [])
                    ids += [ind.id] if ind.id not in ids else []
    users.setdefault((HOUSEHOLDS_TABLE.lower(), HOUSEHOLDS_MEASURE), []).append("household weights")
    return users


def store_inputs(catalog: Catalog, cbs_dir: Path) -> list[tuple[str, Path]] | None:
    """Every file a store is built from, with its role (the compiled store's key); None when
    a table is missing (the loader then names it)."""
    vocabulary = catalog.files[0].parent.parent / "vocabulary.toml" if catalog.files else None
    inputs = [("catalog", f) for f in (*catalog.files, vocabulary) if f is not None]
    inputs += [(f"tidy/{Path(f).parent}", project_data() / f) for f in _tidy_files(catalog)]
    inputs += [("cbs", cbs_dir / GEBIEDEN_FILE), ("cbs", cbs_dir / HISTORIE_FILE)]
    try:
        inputs += [("cbs", cbs.table_path(cbs_dir, t)) for t in table_measures(catalog)]
    except DataError:
        return None
    return inputs


def load_store(
    settings: Settings | None = None, catalog: Catalog | None = None, use_compiled: bool = True
) -> Store:
    """The store of the configured data: read from the compiled store when one exists for
    exactly these sources, catalogue and code (``use_compiled`` and ``settings.cache_dir``), else
    built from the sources, checked, and compiled for the next start."""
    settings = settings or load_settings()
    catalog = catalog or load_catalog()
    cbs_dir = check_folder(settings, "cbs_dir")
    key = None
    if use_compiled and settings.cache_dir is not None:
        inputs = store_inputs(catalog, cbs_dir)
        key = compiled.store_key(inputs) if inputs is not None else None
    if key is not None:
        parts = compiled.read(settings.cache_dir, key)
        if parts is not None:
            return with_own_sources(Store(catalog=catalog, origin="compiled", **parts), settings)
    store = build_store(cbs_dir, catalog)
    if key is not None:
        store = replace(store, class_breaks=stored_breaks(store))
        compiled.write(settings.cache_dir, key, compiled_parts(store))
    return with_own_sources(store, settings)


def with_own_sources(store: Store, settings: Settings) -> Store:
    """The store with the own sources of ``dashboard import`` (model/own.py), read through the
    upload reader at every load (they are not in the compiled store)."""
    from dashboard.model import own, upload

    if settings.own_dir is None or not settings.own_dir.is_dir():
        return store
    lookup = upload.AreaLookup.of(store.names, store.gebieden)
    return upload.with_indicators(store, own.load_own(settings.own_dir, store.catalog, lookup))


def stored_breaks(store: Store) -> dict[str, tuple[float, ...]]:
    """The class breaks the compiled store keeps (views/mapview.stored_breaks and
    views/regionsview.stored_breaks: the views decide which; imported here, late, as the one
    place the model asks a view)."""
    from dashboard.views.mapview import stored_breaks as map_breaks
    from dashboard.views.regionsview import stored_breaks as region_breaks

    return {**map_breaks(store), **region_breaks(store)}


def compiled_parts(store: Store) -> dict:
    """What the compiled store keeps of a store (everything but the catalogue), with the
    maps' class breaks (computed here when the store has none)."""
    return {
        "observations": store.observations,
        "gebieden": store.gebieden,
        "names": store.names,
        "household_weights": store.household_weights,
        "components": store.components,
        "class_breaks": store.class_breaks or stored_breaks(store),
    }


def build_store(cbs_dir: Path, catalog: Catalog) -> Store:
    """Read, translate and check every source of the catalogue (no compiled store)."""
    gebieden = load_gebieden(cbs_dir)
    historie = load_historie(cbs_dir)
    labels = region_labels(gebieden, historie)

    cache = cbs.TableCache(cbs_dir)
    cbs_indicators = [i for i in catalog if any(s.kind == "cbs" for s in i.sources)]
    cbs.register_tables(cbs_indicators, cache)
    cache.want(HOUSEHOLDS_TABLE, HOUSEHOLDS_MEASURE)
    try:
        parts = [cbs.import_indicator(ind, cache, labels) for ind in cbs_indicators]
    except MissingColumns as exc:  # say which catalogue entry asks for the missing measure
        wanted = measure_users(catalog)
        users = [
            u
            for (table, measure), ids in wanted.items()
            if table == exc.table.lower() and (not exc.columns or measure == exc.columns[0])
            for u in ids
        ]
        asker = next((u for u in users if u in catalog), None)
        what = exc.columns[0] if exc.columns else f"table {exc.table}"
        where = (
            f"indicator {asker} asks for it in {catalog.defined_at(asker)}"
            if asker
            else "the household weights need it"
        )
        raise DataError(f"{exc} ({what}: {where}.)") from None
    components = {
        ind.id: pd.concat(
            [cbs.ratio_components(s, cache, labels) for s in ind.sources if s.denominator]
        )
        for ind in cbs_indicators
        if ind.aggregation == "ratio"
    }

    known_regions = set(labels.values())
    for file in _tidy_files(catalog):
        frame = tidy.read_tidy(project_data() / file, known_regions, set(catalog.indicators))
        owners = {i.id for i in catalog for s in i.sources if s.kind == "tidy" and s.file == file}
        stray = sorted(set(frame["indicator_id"]) - owners)
        if stray:
            raise DataError(
                f"{project_data() / file}: rows for indicator(s) {', '.join(stray)} whose "
                f"catalogue entry does not name this file as a source."
            )
        parts.append(frame)

    observations = pd.concat(parts or [empty_observations()], ignore_index=True)
    dupes = observations.duplicated(OBS_KEY, keep=False)
    if dupes.any():
        row = observations[dupes].iloc[0]
        raise DataError(
            f"Two sources give indicator {row.indicator_id} a value for {row.region_code} "
            f"in {row.period}."
        )
    # the set once, not once per indicator (74 x 130k rows: 10 s of every cold start)
    present = set(observations["indicator_id"].unique())
    empty = [i.id for i in catalog if i.id not in present]
    if empty:
        raise DataError(f"No observations for catalogue indicator(s): {', '.join(empty)}.")
    observations = observations.sort_values(OBS_KEY, ignore_index=True)
    return Store(
        catalog=catalog,
        observations=observations,
        gebieden=gebieden,
        names=region_names(gebieden, historie),
        household_weights=_household_weights(cache, labels),
        components=components,
    )


LEVELS = (("GM", "gemeente"), ("CR", "corop"), ("PV", "provincie"), ("NL", "nederland"))


def level(codes: set[str]) -> str:
    """The finest geographic level among region codes: gemeente, corop, provincie or nederland
    (project regions such as RD01 count as corop-like regions)."""
    for prefix, name in LEVELS:
        if any(c.startswith(prefix) for c in codes):
            return name
    return "corop"


def coverage(store: Store) -> pd.DataFrame:
    """Per indicator: its finest level, periods, regions with a value in the latest period out
    of the regions it covers, and the share of missing cells over periods x those regions.
    For gemeente indicators the regions covered are the 2025 gemeenten of every province in
    which the indicator has a gemeente value (all 342 for CBS tables, Drenthe's 12 for the
    Sociale Agenda)."""
    g = store.gebieden
    rows = []
    for ind in store.catalog:
        f = store.frame(ind.id)
        codes = set(f["region_code"])
        lvl = level(codes)
        periods = sorted(f["period"].unique())
        if lvl == "gemeente":
            provinces = set(g.loc[g["gemeente_code"].isin(codes), "provincie_code"])
            universe = set(g.loc[g["provincie_code"].isin(provinces), "gemeente_code"])
        else:
            prefix = dict((name, prefix) for prefix, name in LEVELS)[lvl]
            universe = {c for c in codes if c.startswith(prefix)} or codes
        cells = f[f["region_code"].isin(universe)]
        latest = cells[cells["period"] == periods[-1]]
        rows.append(
            {
                "indicator_id": ind.id,
                "theme": ind.theme,
                "level": lvl,
                "periods": f"{periods[0]}–{periods[-1]}" if len(periods) > 1 else periods[0],
                "n_periods": len(periods),
                "latest_with_value": f"{len(latest)}/{len(universe)}",
                "drenthe": DRENTHE_CODE in codes,
                "nederland": NEDERLAND_CODE in codes,
                "missing_share": round(1 - len(cells) / (len(universe) * len(periods)), 3),
            }
        )
    return pd.DataFrame(rows)


def _components_as_observations(components: pd.DataFrame, column: str, ind_id: str) -> pd.DataFrame:
    """The numerators or denominators of a ratio indicator as observations (the rows with
    one), as :func:`make_observations` makes them from the components, without its
    conversions of every column when the codes and periods are text already (a fifth of a
    ratio indicator's region values: issue 17; tests/test_first_requests.py compares)."""
    keys = components[["region_code", "period"]]
    plain = all(pd.api.types.is_string_dtype(d) for d in keys.dtypes) and not keys.isna().any(
        axis=None
    )
    if not plain:
        return make_observations(
            components.rename(columns={column: "value"})
            .assign(indicator_id=ind_id)
            .dropna(subset=["value"])[["indicator_id", "region_code", "period", "value"]]
        )
    kept = components[components[column].notna()].reset_index(drop=True)
    return pd.DataFrame(
        {
            "indicator_id": pd.Series(ind_id, index=kept.index, dtype=str),
            "region_code": kept["region_code"].astype(str),
            "period": kept["period"].astype(str),
            "value": pd.to_numeric(kept[column]).astype("float64"),
            "lower": np.nan,
            "upper": np.nan,
            "status": pd.Series("", index=kept.index, dtype=str),
        }
    )


def _ratio(num: pd.DataFrame, den: pd.DataFrame, ind_id: str, factor: float) -> pd.DataFrame:
    """The region values of a ratio from those of its numerators and denominators: where
    both have a row and the denominator is above 0, numerator / denominator x ``factor``,
    with the numerator's margins, 'computed' when either was; in the numerators' order.
    As an inner merge and make_observations made it, from lists (a merge and the
    conversions were half of a ratio indicator's first Trends request, 11 ms: issue 17;
    tests/test_first_requests.py compares it with the merge)."""
    keys = zip(den["region_code"].tolist(), den["period"].tolist(), strict=True)
    den_at = {key: j for j, key in enumerate(keys)}
    den_values = den["value"].to_numpy(dtype="float64")
    codes, periods = num["region_code"].tolist(), num["period"].tolist()
    left, right = [], []
    for i, key in enumerate(zip(codes, periods, strict=True)):
        j = den_at.get(key)
        if j is not None and den_values[j] > 0:
            left.append(i)
            right.append(j)
    at, at_d = np.array(left, dtype=np.intp), np.array(right, dtype=np.intp)
    values = num["value"].to_numpy(dtype="float64")[at] / den_values[at_d] * factor
    statuses, statuses_d = num["status"].tolist(), den["status"].tolist()
    index = pd.RangeIndex(len(left))
    return pd.DataFrame(
        {
            "indicator_id": pd.Series(ind_id, index=index, dtype=str),
            "region_code": pd.Series([codes[i] for i in left], index=index, dtype=str),
            "period": pd.Series([periods[i] for i in left], index=index, dtype=str),
            "value": values,
            "lower": num["lower"].to_numpy(dtype="float64")[at],
            "upper": num["upper"].to_numpy(dtype="float64")[at],
            "status": pd.Series(
                [
                    "computed" if statuses[i] == "computed" or statuses_d[j] == "computed" else ""
                    for i, j in zip(left, right, strict=True)
                ],
                index=index,
                dtype=str,
            ),
        }
    )


def official_regions(store: Store, set_id: str) -> RegionSet:
    """The COROP regions or provinces (:func:`regions.official_set`), built once per store
    (it groups every gemeente: 4-16 ms per view of the map and Regio's pages, issue 17)."""
    return store.memo(("official_set", set_id), lambda: official_set(store.gebieden, set_id))


def region_values(store: Store, indicator_id: str, regions: list[Region]) -> pd.DataFrame:
    """Values of one indicator for regions: the source's own value where published, else
    computed by the indicator's ``aggregation`` rule (see :func:`regions.region_values`) and
    marked ``computed``. Computed shares are the sum of numerators over sum of denominators.
    Computed once per store for the same regions (a view asks two or three times, the map,
    Regio's and Trends pages for the same region sets: issue 17); a copy each time."""
    key = ("region_values", indicator_id, tuple(regions))
    return store.memo(key, lambda: _computed_region_values(store, indicator_id, regions)).copy()


def _computed_region_values(store: Store, indicator_id: str, regions: list[Region]) -> pd.DataFrame:
    ind = store.indicator(indicator_id)
    observations = store.frame(indicator_id)
    if ind.aggregation == "ratio":
        comp = store.components[indicator_id]
        if all(r.members for r in regions):  # as region_values does
            comp = comp[comp["region_code"].isin(codes_of(regions))]
        num, den = (
            _region_values(_components_as_observations(comp, col, ind.id), regions, "sum")
            for col in ("numerator", "denominator")
        )
        return _ratio(num, den, ind.id, ind.sources[0].factor)
    # the population weights once per store, and none for methods that weigh nothing
    weights = (
        store.household_weights
        if ind.aggregation == "mean_households"
        else store.memo(("population_weights",), lambda: population_weights(store.gebieden))
        if ind.aggregation == "mean_population"
        else None
    )
    # the store's frame: checked when the store was built
    return _region_values(observations, regions, ind.aggregation, weights, checked=True)
