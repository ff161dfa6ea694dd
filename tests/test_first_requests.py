"""The shortcuts of branch p95 (issue 17, the p95 tail of first requests) against the code
they replace, exactly: each old path is kept here as the reference and its output compared
with the new one's, frame for frame (values to the last bit, dtypes, order, index)."""

from __future__ import annotations

import os
from dataclasses import replace

import altair as alt
import numpy as np
import pandas as pd
import pytest

from dashboard.model import regions as regions_module
from dashboard.model import store as store_module
from dashboard.model.regions import (
    COMPUTED,
    METHODS,
    OBSERVATION_COLUMNS,
    Region,
    population_weights,
    region_values,
)
from dashboard.model.schema import make_observations
from dashboard.model.store import _components_as_observations, official_regions
from dashboard.model.store import region_values as store_region_values
from dashboard.render import charts
from dashboard.state import ViewState
from dashboard.text import numbers, sentences
from dashboard.text.i18n import t
from dashboard.views import compare, trends, trendview
from dashboard.vocabulary import DRENTHE_CODE, NEDERLAND_CODE

# --- which indicators the references run over ------------------------------------------------

# Every indicator when DASHBOARD_TEST_EVERY_INDICATOR=1 (after a change of these paths);
# otherwise one of every aggregation, unit and comparability, and every sixth of the rest: 30
# of 74. All of them took 145 s of the suite, for paths that differ by these properties.
EVERY_INDICATOR = os.environ.get("DASHBOARD_TEST_EVERY_INDICATOR") == "1"


def reference_indicators(catalog) -> list:
    indicators = list(catalog)
    if EVERY_INDICATOR:
        return indicators
    first_of_kind: dict[tuple, str] = {}
    for ind in indicators:
        first_of_kind.setdefault((ind.aggregation, ind.unit, ind.comparable), ind.id)
    chosen = set(first_of_kind.values()) | {ind.id for ind in indicators[::6]}
    return [ind for ind in indicators if ind.id in chosen]


def test_the_reference_indicators_hold_every_kind(store):
    kind = lambda ind: (ind.aggregation, ind.unit, ind.comparable)  # noqa: E731
    chosen = reference_indicators(store.catalog)
    assert {kind(i) for i in chosen} == {kind(i) for i in store.catalog}
    assert len(chosen) == (74 if EVERY_INDICATOR else 30)


# --- regions.region_values: the per-region pandas version it replaced ------------------------


def _old_compute(
    values: pd.DataFrame, region: Region, method: str, weights: pd.Series | None
) -> pd.Series:
    members = values.reindex(list(region.members))
    members = members.loc[:, members.notna().all(axis=0)]
    if method == "sum":
        return members.sum(axis=0)
    w = regions_module._member_weights(weights, region)
    return members.mul(w, axis=0).sum(axis=0) / w.sum()


def old_region_values(
    observations: pd.DataFrame, regions: list[Region], method: str, weights=None
) -> pd.DataFrame:
    assert method in METHODS
    if observations.empty:
        return regions_module._empty()
    regions_module._check_observations(observations)
    indicator_id = observations["indicator_id"].iloc[0]
    values = observations.pivot(index="region_code", columns="period", values="value")
    parts = []
    for region in regions:
        own = observations[observations["region_code"] == region.code]
        parts.append(own[OBSERVATION_COLUMNS])
        if method == "none" or (region.official and not own.empty):
            continue
        computed = _old_compute(values, region, method, weights)
        computed = computed[~computed.index.isin(own["period"])]
        parts.append(
            pd.DataFrame(
                {
                    "indicator_id": indicator_id,
                    "region_code": region.code,
                    "period": computed.index.astype(str),
                    "value": computed.to_numpy(dtype=float),
                    "lower": np.nan,
                    "upper": np.nan,
                    "status": COMPUTED,
                }
            )
        )
    parts = [p for p in parts if not p.empty]
    if not parts:
        return regions_module._empty()
    result = pd.concat(parts, ignore_index=True).astype(
        {"value": float, "lower": float, "upper": float}
    )
    return result.sort_values(["region_code", "period"], ignore_index=True)


def assert_identical(new: pd.DataFrame, old: pd.DataFrame) -> None:
    """Equal frames: the same columns, dtypes, index and values to the last bit."""
    pd.testing.assert_frame_equal(new, old, check_exact=True, check_index_type=True)
    assert list(new.dtypes) == list(old.dtypes)
    for column in new.columns:
        if new[column].dtype.kind == "f":  # bitwise (assert_frame_equal treats NaN == NaN)
            assert new[column].to_numpy().tobytes() == old[column].to_numpy().tobytes()


def _all_region_sets(store) -> dict[str, list[Region]]:
    sets = {k: list(v.regions) for k, v in store.region_sets().items()}
    # the official sets as if CBS published nothing for them: every region computed
    sets.update({f"{k}-computed": [replace(r, official=False) for r in v] for k, v in sets.items()})
    return sets


def test_region_values_equal_the_old_path_on_every_kind_of_indicator(store):
    weights = {
        "mean_population": population_weights(store.gebieden),
        "mean_households": store.household_weights,
    }
    compared = computed_rows = 0
    for ind in reference_indicators(store.catalog):
        observations = store.frame(ind.id)
        if ind.aggregation == "ratio":
            comp = store.components[ind.id]
            inputs = [
                (_components_as_observations(comp, col, ind.id), "sum", None)
                for col in ("numerator", "denominator")
            ]
        else:
            inputs = [(observations, ind.aggregation, weights.get(ind.aggregation))]
        for frame, method, w in inputs:
            for regions in _all_region_sets(store).values():
                new = region_values(frame, regions, method, w)
                assert_identical(new, old_region_values(frame, regions, method, w))
                compared += 1
                computed_rows += int((new["status"] == COMPUTED).sum())
    assert compared >= len(reference_indicators(store.catalog)) * 6
    assert computed_rows > 2_000  # the computed path was exercised, not only official rows


def _random_observations(rng: np.random.Generator, n_gemeenten: int, n_periods: int):
    codes = [f"GM{i:04d}" for i in range(n_gemeenten)]
    periods = [str(2000 + p) for p in range(n_periods)]
    rows = [(c, p) for c in codes for p in periods if rng.random() > 0.08]  # some gaps
    frame = pd.DataFrame(rows, columns=["region_code", "period"])
    frame["indicator_id"] = "x"
    frame["value"] = rng.normal(50, 30, len(frame)) * 10.0 ** rng.integers(-3, 4, len(frame))
    frame["lower"], frame["upper"], frame["status"] = np.nan, np.nan, ""
    frame.loc[frame.sample(frac=0.05, random_state=1).index, "value"] = np.nan
    return frame[OBSERVATION_COLUMNS], codes


@pytest.mark.parametrize("seed", range(6))
def test_region_values_equal_the_old_path_on_random_data(seed):
    """Up to 60 members (numpy sums 8 at a time from 8 on: the order must be pandas'),
    official regions with and without their own rows, an unknown member, no members."""
    rng = np.random.default_rng(seed)
    obs, codes = _random_observations(rng, 80, 9)
    own = pd.DataFrame(
        {
            "indicator_id": "x",
            "region_code": "CR01",
            "period": ["2001", "2004"],
            "value": [1.5, 2.5],
            "lower": np.nan,
            "upper": np.nan,
            "status": "",
        }
    )
    obs = pd.concat([obs, own], ignore_index=True)
    weights = pd.Series(rng.uniform(900, 250_000, len(codes) + 1).round(), [*codes, "GM9999"])
    regions = [
        Region(f"RX{n:02d}", f"r{n}", f"r{n}", tuple(rng.choice(codes, n, replace=False)), False)
        for n in (1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 33, 60)
    ]
    members = tuple(codes[:12])
    regions += [
        Region("CR01", "c", "c", members, True),  # official with own rows: own only
        Region("CR01", "c", "c", members, False),  # own rows first, the rest computed
        Region("CR02", "d", "d", members, True),  # official without own rows: computed
        Region("RX90", "u", "u", (codes[0], "GM9999"), False),  # a member without values
        Region("RX91", "e", "e", (), False),  # no members
    ]
    for method in METHODS:
        for chosen in (regions, regions[::-1], regions[:1], regions[-2:]):
            w = weights if method.startswith("mean") else None
            assert_identical(
                region_values(obs, chosen, method, w), old_region_values(obs, chosen, method, w)
            )


@pytest.mark.parametrize("order", ["C", "F"])
@pytest.mark.parametrize("method", ["sum", "mean_population"])
def test_compute_follows_the_pivots_memory_layout(order, method):
    """pandas sums the members of a period one after another or pairwise, as the pivot's
    array lies in memory; _compute does the same for either layout (real pivots are F)."""
    rng = np.random.default_rng(7)
    codes = [f"GM{i:04d}" for i in range(70)]
    data = rng.normal(50, 30, (6, 70)) * 10.0 ** rng.integers(-3, 4, (6, 70))
    data[2, 5] = np.nan
    block = np.array(data, order=order)  # pandas' own array: periods x regions
    periods = [str(2000 + p) for p in range(6)]
    values = pd.DataFrame(block.T, index=codes, columns=periods, copy=False)
    assert values.to_numpy().flags.c_contiguous == (order == "F")
    weights = pd.Series(rng.uniform(900, 250_000, 70).round(), index=codes)
    row_of = {c: i for i, c in enumerate(values.index)}
    for n in (1, 7, 8, 9, 16, 17, 40, 70):
        region = Region("RX01", "r", "r", tuple(codes[:n][::-1]), False)
        old = _old_compute(values, region, method, weights)
        columns, new = regions_module._compute(
            values.to_numpy(), [row_of[m] for m in region.members], region, method, weights
        )
        assert list(values.columns[columns]) == list(old.index)
        assert new.tobytes() == old.to_numpy().tobytes()


# --- compare.area_values and compare.region_spread ------------------------------------------


def old_area_values(store, indicator_id, regions):
    drenthe = [r for r in official_regions(store, "provincie").regions if r.code == DRENTHE_CODE]
    codes = {r.code for r in regions}
    wanted = [*regions, *(r for r in drenthe if r.code not in codes)]
    frame = store.frame(indicator_id)
    nederland = frame[frame["region_code"] == NEDERLAND_CODE]
    parts = [store_region_values(store, indicator_id, wanted), nederland]
    return pd.concat([p for p in parts if not p.empty] or [nederland], ignore_index=True)


def old_region_spread(store, indicator_id, regions, period=None, lang="nl"):
    ind = store.indicator(indicator_id)
    values = store_region_values(store, indicator_id, list(regions))
    frame = store.frame(indicator_id)
    members = sorted({m for r in regions for m in r.members})
    if period is None:
        period = compare.latest_period(values, [r.code for r in regions]) or compare.latest_period(
            frame, members
        )
    now = pd.concat([values, frame[frame["region_code"].isin(members)]], ignore_index=True)
    now = now[now["period"] == period].drop_duplicates("region_code").set_index("region_code")
    rows = []
    for region in regions:
        pairs = [(region.code, region.name(lang), "region")]
        pairs += [(m, store.name(m), "gemeente") for m in region.members]
        for code, name, kind in pairs:
            hit = code in now.index
            value = float(now.at[code, "value"]) if hit else np.nan
            status = compare.cell_status(value, now.at[code, "status"] if hit else None)
            rows.append(
                {
                    "region_code": region.code,
                    "region_name": region.name(lang),
                    "code": code,
                    "name": name,
                    "kind": kind,
                    "period": period or "",
                    "value": value,
                    "status": status,
                    "value_text": numbers.format_value(value, ind, store.catalog, lang),
                    "status_text": compare.status_text(status, lang),
                }
            )
    return pd.DataFrame(rows, columns=compare.SPREAD_COLUMNS)


def _scope_sets(store):
    for scope in ("drenthe", "nederland"):
        for set_id, region_set in compare.region_set_choices(store, scope).items():
            yield f"{scope}/{set_id}", list(region_set.regions)


def test_area_values_equal_the_old_path(store):
    for ind in reference_indicators(store.catalog):
        for _, regions in _scope_sets(store):
            assert_identical(
                compare.area_values(store, ind.id, regions),
                old_area_values(store, ind.id, regions),
            )


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_region_spread_equals_the_old_path(store, lang):
    for ind in reference_indicators(store.catalog):
        periods = [None, store.periods(ind.id)[0], "1999"]
        for _, regions in _scope_sets(store):
            for period in periods if lang == "nl" else [None]:
                assert_identical(
                    compare.region_spread(store, ind.id, regions, period, lang),
                    old_region_spread(store, ind.id, regions, period, lang),
                )


def old_store_region_values(store, indicator_id, regions):
    """store._computed_region_values before p95: the components of every gemeente."""
    ind = store.indicator(indicator_id)
    if ind.aggregation == "ratio":
        comp = store.components[indicator_id]
        num, den = (
            old_region_values(_components_as_observations(comp, col, ind.id), regions, "sum")
            for col in ("numerator", "denominator")
        )
        both = num.merge(den, on=["indicator_id", "region_code", "period"], suffixes=("", "_d"))
        both = both[both["value_d"] > 0]
        both["value"] = both["value"] / both["value_d"] * ind.sources[0].factor
        computed = (both["status"] == "computed") | (both["status_d"] == "computed")
        both["status"] = computed.map({True: "computed", False: ""})
        return make_observations(both)
    weights = (
        store.household_weights
        if ind.aggregation == "mean_households"
        else population_weights(store.gebieden)
    )
    return old_region_values(store.frame(indicator_id), regions, ind.aggregation, weights)


def test_store_region_values_equal_the_old_path(store):
    drenthe = [r for r in official_regions(store, "provincie").regions if r.code == DRENTHE_CODE]
    for ind in reference_indicators(store.catalog):
        for _, regions in [*_scope_sets(store), ("drenthe", drenthe)]:
            assert_identical(
                store_region_values(store, ind.id, regions),
                old_store_region_values(store, ind.id, regions),
            )


# --- trendview.trend_view: the change table made once -------------------------------------


def test_trend_view_summary_equals_the_summary_made_alone(store):
    """trend_view hands its change table to trend_summary, which made it again before."""
    selections = [(), ("GM0106",), ("GM0106", "GM0114", "GM1680", "GM1681", "GM0109")]
    for ind in reference_indicators(store.catalog):
        for lang in ("nl", "en"):
            for gemeenten in selections if lang == "nl" else selections[:1]:
                view = ViewState(indicator=ind.id, gemeenten=gemeenten, lang=lang)
                tv = trendview.trend_view(store, view, ("CR07",) if gemeenten else ())
                alone = trends.trend_summary(tv.frame, ind, store.catalog, lang)
                assert tv.summary == alone


def test_components_as_observations_equal_make_observations(store):
    """The direct construction of a ratio indicator's numerators and denominators as
    observations against make_observations of them, as before (and its fallback)."""
    ratios = [ind.id for ind in store.catalog if ind.aggregation == "ratio"]
    assert ratios
    for ind_id in ratios:
        comp = store.components[ind_id]
        for frame in (comp, comp.iloc[:0], comp.astype({"period": object})):
            for column in ("numerator", "denominator"):
                old = make_observations(
                    frame.rename(columns={column: "value"})
                    .assign(indicator_id=ind_id)
                    .dropna(subset=["value"])[["indicator_id", "region_code", "period", "value"]]
                )
                assert_identical(_components_as_observations(frame, column, ind_id), old)


# --- charts: the small multiples' rows --------------------------------------------------------


def old_small_multiples_data(frame):
    chosen = charts._trend_data(frame[frame["kind"] != "reference"], "value")
    names = list(dict.fromkeys(chosen["name"]))
    drenthe = charts._trend_data(frame[frame["region_code"] == DRENTHE_CODE], "value")
    panels = [chosen.assign(panel=chosen["name"])]
    panels += [drenthe.assign(panel=name) for name in names]
    return pd.concat(panels, ignore_index=True), names


def test_small_multiples_data_equal_the_old_path(store):
    drenthe = list(store.gemeente_codes(["PV22"]))
    for ind in reference_indicators(store.catalog):
        for codes in (drenthe, drenthe[:1], []):
            frame = trends.trend_frame(store, ind.id, codes, "nl")
            new, names = charts._small_multiples_data(frame)
            old, old_names = old_small_multiples_data(frame)
            assert names == old_names
            assert_identical(new, old)
            assert charts._records(new) == charts._records(old)


# --- trends.trend_frame: the merge onto the grid it replaced (branch trendsp95) ---------------


def old_segments_by_series(frame, comparable):
    present = frame["value"].notna()
    series = frame["region_code"]
    if comparable:
        before = present.groupby(series, sort=False).shift(fill_value=False).astype(bool)
        starts = present & ~before
    else:
        starts = present
    runs = starts.astype(int).groupby(series, sort=False).cumsum() - 1
    return runs.where(present).astype("Int64")


def old_trend_frame(store, indicator_id, codes, lang="nl"):
    ind = store.indicator(indicator_id)
    wanted = trends.series_codes(codes)
    periods = store.periods(indicator_id)
    regions = compare.all_regions(store)
    obs = trends._observations(store, indicator_id, wanted, regions)
    grid = pd.MultiIndex.from_product([wanted, periods], names=["region_code", "period"])
    frame = grid.to_frame(index=False).merge(
        obs[["region_code", "period", "value", "lower", "upper", "status"]],
        on=["region_code", "period"],
        how="left",
    )
    frame["value"] = frame["value"].astype(float)
    frame["status"] = [
        compare.cell_status(v, s) for v, s in zip(frame["value"], frame["status"], strict=True)
    ]
    names = {
        c: compare.area_name(store, c, lang, [regions[c]] if c in regions else []) for c in wanted
    }
    frame["indicator_id"] = ind.id
    frame["name"] = frame["region_code"].map(names)
    frame["kind"] = np.where(
        frame["region_code"].isin(trends.REFERENCE_CODES), "reference", "selected"
    )
    frame["period_label"] = [numbers.period_label(p, lang) for p in frame["period"]]
    frame["value_text"] = [
        numbers.format_value(v, ind, store.catalog, lang) for v in frame["value"]
    ]
    frame["status_text"] = [compare.status_text(s, lang) for s in frame["status"]]
    frame["segment"] = old_segments_by_series(frame, ind.comparable)
    frame = frame[trends.TREND_COLUMNS]
    frame.attrs.update(indicator_id=ind.id, comparable=ind.comparable)
    return frame


TREND_SELECTIONS = [
    [],
    ["GM0106"],
    ["GM0114", "GM1730", "GM0106", "GM0114"],  # a duplicate, kept once
    ["GM0106", "CR07", "PV22", "NL01"],  # a region; the references chosen as well
]


def test_trend_frame_equals_the_old_merge_on_every_kind_of_indicator(store):
    drenthe = list(store.gemeente_codes(["PV22"]))
    extra = [r.code for s in store.region_sets().values() for r in s.regions][:3]
    for ind in reference_indicators(store.catalog):
        for lang in ("nl", "en"):
            for codes in [*TREND_SELECTIONS, drenthe, drenthe + extra]:
                new = trends.trend_frame(store, ind.id, codes, lang)
                old = old_trend_frame(store, ind.id, codes, lang)
                assert_identical(new, old)
                assert new.attrs == old.attrs
                assert charts._records(new) == charts._records(old)


# --- charts: the trend lines' and small multiples' specs from records (branch trendsp95) -------


def old_series_scales_spec(frame):
    """charts._series_scales before trendsp95 (an Altair scale pair from the frame's masks),
    as dicts."""
    series = frame.drop_duplicates("region_code")
    chosen = series[series["kind"] != "reference"]["name"].tolist()
    refs = series[series["kind"] == "reference"]
    ref_keys = ["drenthe" if c == DRENTHE_CODE else "nederland" for c in refs["region_code"]]
    n, m = len(charts.SERIES_COLORS), len(charts.SERIES_SHAPES)
    colors = [charts.SERIES_COLORS[i % n] for i in range(len(chosen))]
    shapes = [charts.SERIES_SHAPES[(i // n) % m] for i in range(len(chosen))]
    domain = chosen + refs["name"].tolist()
    reference = [charts.REFERENCE_COLORS[k] for k in ref_keys]
    color = alt.Scale(domain=domain, range=colors + reference)
    shape = alt.Scale(domain=domain, range=shapes + ["circle"] * len(refs))
    return color.to_dict(validate=False), shape.to_dict(validate=False)


def old_period_labels(frame):
    return list(dict.fromkeys(frame.sort_values("period")["period_label"]))


def _old_specs(monkeypatch, frames, unit, lang):
    """The specs as the frames made them: no records (_trend_records None: the frames'
    path, as before), Altair's scales and the sorted frame's labels."""
    with monkeypatch.context() as m:
        m.setattr(charts, "_trend_records", lambda *a, **k: None)
        m.setattr(charts, "_series_scales_spec", old_series_scales_spec)
        m.setattr(charts, "_period_labels", old_period_labels)
        return _specs(frames, unit, lang)


def _specs(frames, unit, lang):
    frame, index, multiples = frames
    out = [charts.trend_lines_spec(frame, unit, lang)]
    if index is not None:
        out.append(charts.trend_lines_spec(index, "index", lang, y="index"))
    out.append(charts.small_multiples_spec(multiples, unit, lang))
    return out


def test_trend_specs_equal_the_frames_path_on_every_kind_of_indicator(store, monkeypatch):
    """Every trend spec (values, index, small multiples) made from records equals the one
    made from the frames, as text: keys in the same order, values of the same types."""
    drenthe = list(store.gemeente_codes(["PV22"]))
    for ind in reference_indicators(store.catalog):
        for lang in ("nl", "en"):
            for codes in ([], ["GM0106"], ["GM0114", "GM1730", "CR07"]):
                view = ViewState(indicator=ind.id, gemeenten=tuple(codes), lang=lang)
                tv = trendview.trend_view(store, view, ())
                multiples = trends.trend_frame(store, ind.id, drenthe + codes, lang)
                frames = (tv.frame, tv.index.frame, multiples)
                new = _specs(frames, tv.unit, lang)
                old = _old_specs(monkeypatch, frames, tv.unit, lang)
                assert repr(new) == repr(old)


def test_trend_records_fall_back_to_the_frames_when_a_text_is_missing(store):
    frame = trends.trend_frame(store, "werkloosheid", ["GM0106"], "nl")
    data = charts._trend_data(frame, "value")
    assert charts._trend_records(frame, "value") == (charts._records(data), [])
    broken = frame.assign(value_text=frame["value_text"].where(frame["region_code"] != "GM0106"))
    assert charts._trend_records(broken, "value") is None
    spec = charts.trend_lines_spec(broken, "%", "nl")
    (rows,) = spec["datasets"].values()
    gm0106 = [r for r in rows if r["region_code"] == "GM0106"]
    assert len(gm0106) == 12 and {(r["value_text"], r["aria"]) for r in gm0106} == {(None, None)}


def old_record_values(col):
    return col.astype(object).where(col.notna(), None).tolist()


@pytest.mark.parametrize(
    "values, dtype",
    [
        (["a", None, "c"], "str"),
        (["a", None, "c"], "string"),
        (["a", None, "c"], pd.StringDtype("pyarrow")),
        ([1, None, 3], "Int64"),
        ([1, None, 3], "Int8"),
        ([1.5, None, np.nan], "Float64"),
        ([True, None, False], "boolean"),
        (["x", None, "y"], "category"),
        (["x", None, 2, np.nan, 1.5], object),
    ],
)
def test_record_columns_equal_the_astype_path(values, dtype):
    """_records' nullable columns as lists with None, as astype(object).where() made them."""
    col = pd.Series(values, dtype=dtype)
    (new,) = charts._record_columns(pd.DataFrame({"c": col})).values()
    assert repr(new) == repr(old_record_values(col))
    assert [type(v) for v in new] == [type(v) for v in old_record_values(col)]


# --- trends.change_table, common_periods, index_frame: the pandas versions (branch trendsp95) --


def old_change_row(series, indicator, catalog, lang):
    present = series[series["value"].notna()]
    first = present.iloc[0] if len(present) else pd.Series({"period": None, "value": np.nan})
    last = present.iloc[-1] if len(present) else first
    change = last["value"] - first["value"] if len(present) > 1 else np.nan
    pct = change / first["value"] * 100 if len(present) > 1 and first["value"] > 0 else np.nan
    moved, judged, verdict = trends._verdict(len(present), change, indicator, lang)
    fmt = lambda v: numbers.format_value(v, indicator, catalog, lang)  # noqa: E731
    return {
        "region_code": series["region_code"].iloc[0],
        "name": series["name"].iloc[0],
        "kind": series["kind"].iloc[0],
        "first_period": first["period"],
        "first_value": float(first["value"]),
        "first_text": fmt(first["value"]),
        "last_period": last["period"],
        "last_value": float(last["value"]),
        "last_text": fmt(last["value"]),
        "change": change,
        "change_text": numbers.format_difference(change, indicator, catalog, lang),
        "change_pct": pct,
        "change_pct_text": trends._signed_percent(pct, lang),
        "comparable": indicator.comparable,
        "movement": moved,
        "judgement": judged,
        "verdict": verdict,
    }


def old_change_table(frame, indicator, catalog, lang="nl"):
    rows = [
        old_change_row(series, indicator, catalog, lang)
        for _, series in frame.groupby("region_code", sort=False)
    ]
    return pd.DataFrame(rows, columns=trends.CHANGE_COLUMNS)


def old_common_periods(frame):
    series = frame["region_code"].nunique()
    present = frame[frame["value"].notna()]
    counts = present.groupby("period")["region_code"].nunique()
    return sorted(str(p) for p in counts[counts == series].index) if series else []


def old_index_frame(frame, lang="nl"):
    common = old_common_periods(frame)
    if not common:
        return trends.IndexResult(None, None, "index_no_common_period")
    base = common[0]
    base_values = frame[frame["period"] == base].set_index("region_code")["value"]
    if (base_values <= 0).any():
        return trends.IndexResult(None, base, "index_base_not_positive")
    result = frame.copy()
    result["base_period"] = base
    result["base_value"] = result["region_code"].map(base_values).astype(float)
    result["index"] = result["value"] / result["base_value"] * 100
    result["index_text"] = [
        numbers.format_number(v, trends.INDEX_DECIMALS, lang) for v in result["index"]
    ]
    return trends.IndexResult(result, base)


def _assert_same_index(new, old):
    assert (new.base_period, new.reason) == (old.base_period, old.reason)
    assert (new.frame is None) == (old.frame is None)
    if new.frame is not None:
        assert_identical(new.frame, old.frame)


def _changed_frames(frame):
    """The frame, and variants the catalogue's data may not have: a series without values,
    one with a single value, a base value of 0, a negative one."""
    values = frame["value"].to_numpy(copy=True)
    first_code = frame["region_code"].iloc[0]
    mine = (frame["region_code"] == first_code).to_numpy()
    present = np.flatnonzero(mine & ~np.isnan(values))
    out = [frame, frame.assign(value=np.where(mine, np.nan, values))]
    if len(present) > 1:
        single = values.copy()
        single[present[1:]] = np.nan
        out.append(frame.assign(value=single))
        for base in (0.0, -1.5):
            changed = values.copy()
            changed[present[0]] = base
            out.append(frame.assign(value=changed))
    return out


def test_change_table_and_index_equal_the_old_path_on_every_kind_of_indicator(store):
    for ind in reference_indicators(store.catalog):
        for lang in ("nl", "en"):
            for codes in ([], ["GM0106"], ["GM0114", "GM1730", "GM0106", "CR07"]):
                frame = trends.trend_frame(store, ind.id, codes, lang)
                for variant in _changed_frames(frame):
                    assert_identical(
                        trends.change_table(variant, ind, store.catalog, lang),
                        old_change_table(variant, ind, store.catalog, lang),
                    )
                    assert trends.common_periods(variant) == old_common_periods(variant)
                    _assert_same_index(
                        trends.index_frame(variant, lang), old_index_frame(variant, lang)
                    )


def old_trend_summary(frame, indicator, catalog, lang="nl"):
    changes = old_change_table(frame, indicator, catalog, lang)

    def absent_sentence():
        absent = changes.loc[changes["first_period"].isna(), "name"].tolist()
        return f" {sentences.no_data_for(absent, lang)}" if absent else ""

    if changes["first_period"].isna().all():
        return t("trend_no_data", lang, label=indicator.label(lang))
    periods = frame.loc[frame["value"].notna(), "period"].unique()
    if len(periods) == 1 or not indicator.comparable:
        return trends._no_trend_sentence(frame, indicator, lang) + absent_sentence()
    present = changes.dropna(subset=["first_period"])
    span = min(present["first_period"]), max(present["last_period"])
    judged = changes[changes["movement"].astype(bool)]
    chosen = judged[judged["kind"] == "selected"]
    refs = judged[judged["kind"] == "reference"]
    clauses = [trends._series_clause(r, span, lang) for _, r in chosen.iterrows()]
    if len(chosen) > trends.MAX_NAMED:
        clauses = [trends._count_clause(chosen, lang)]
    clauses += [trends._series_clause(r, span, lang) for _, r in refs.iterrows()]
    frm, to = (numbers.period_label(p, lang) for p in span)
    head = t("trend_span", lang, label=indicator.label(lang), first=frm, last=to)
    return f"{head}: {'; '.join(clauses)}.{absent_sentence()}"


def test_trend_summary_equals_the_old_path_on_every_kind_of_indicator(store):
    drenthe = list(store.gemeente_codes(["PV22"]))
    for ind in reference_indicators(store.catalog):
        for lang in ("nl", "en"):
            for codes in ([], ["GM0106", "CR07"], drenthe, drenthe[:5]):
                frame = trends.trend_frame(store, ind.id, codes, lang)
                for variant in _changed_frames(frame):
                    old = old_trend_summary(variant, ind, store.catalog, lang)
                    assert trends.trend_summary(variant, ind, store.catalog, lang) == old


def test_has_gemeente_values_equals_the_old_mask(store):
    drenthe = list(store.gemeente_codes(["PV22"]))
    seen = set()
    for ind in store.catalog:
        for codes in ([], drenthe):
            frame = trends.trend_frame(store, ind.id, codes, "nl")
            for variant in _changed_frames(frame):
                old = bool(variant.loc[variant["kind"] != "reference", "value"].notna().sum())
                assert trendview.has_gemeente_values(variant) == old
                seen.add(old)
    assert seen == {True, False}


# --- store._ratio: a ratio's region values without a merge -----------------------------------


def old_ratio(num: pd.DataFrame, den: pd.DataFrame, factor: float) -> pd.DataFrame:
    """store._computed_region_values's join before: an inner merge and make_observations."""
    both = num.merge(den, on=["indicator_id", "region_code", "period"], suffixes=("", "_d"))
    both = both[both["value_d"] > 0]
    both["value"] = both["value"] / both["value_d"] * factor
    computed = (both["status"] == "computed") | (both["status_d"] == "computed")
    both["status"] = computed.map({True: "computed", False: ""})
    return make_observations(both)


def test_ratio_equals_the_merge_on_awkward_rows():
    """Denominators of 0, below 0 and missing, keys on one side only, margins, statuses,
    the numerators' order not sorted: as the merge made it, to the last bit."""
    num = make_observations(
        {
            "indicator_id": "x",
            "region_code": ["PV22", "PV22", "CR07", "CR07", "CR08", "PV21", "PV22"],
            "period": ["2021", "2019", "2019", "2020", "2019", "2019", "2020"],
            "value": [3.0, 1.0, np.nan, 2.5, 7.0, 4.0, 0.1],
            "lower": [2.0, np.nan, np.nan, np.nan, np.nan, 3.5, np.nan],
            "upper": [4.0, np.nan, np.nan, np.nan, np.nan, 4.5, np.nan],
            "status": ["", "computed", "", "", "computed", "", ""],
        }
    )
    den = make_observations(
        {
            "indicator_id": "x",
            "region_code": ["PV22", "PV22", "CR07", "CR07", "CR08", "PV22", "GM0106"],
            "period": ["2019", "2021", "2019", "2020", "2019", "2020", "2019"],
            "value": [0.0, 6.0, 2.0, -1.0, 3.0, 0.3, 5.0],
            "status": ["", "", "computed", "", "", "computed", ""],
        }
    )
    for factor in (1.0, 100.0, 0.001):
        assert_identical(store_module._ratio(num, den, "x", factor), old_ratio(num, den, factor))
    empty = num.iloc[:0]
    assert_identical(store_module._ratio(empty, den, "x", 1.0), old_ratio(empty, den, 1.0))
    assert_identical(
        store_module._ratio(num, den.iloc[:0], "x", 1.0), old_ratio(num, den.iloc[:0], 1.0)
    )


# --- compare.comparison_table: the frame-per-indicator version it replaced -------------------


def old_latest_period(values, codes):
    present = values[values["region_code"].isin(codes) & values["value"].notna()]
    if present.empty:
        return None
    counts = present.groupby("period")["region_code"].nunique()
    complete = counts[counts >= len(set(codes))]
    return str(max(complete.index if not complete.empty else counts.index))


def old_cells(store, ind, values, areas, period, lang):
    now = values[values["period"] == period].set_index("region_code") if period else None
    rows = []
    for code, name, kind in areas:
        hit = now is not None and code in now.index
        value = float(now.at[code, "value"]) if hit else np.nan
        status = compare.cell_status(value, now.at[code, "status"] if hit else None)
        rows.append(
            {
                "indicator_id": ind.id,
                "area_code": code,
                "area_name": name,
                "kind": kind,
                "period": period or "",
                "value": value,
                "status": status,
                "text": numbers.format_value(value, ind, store.catalog, lang),
                "status_text": compare.status_text(status, lang),
            }
        )
    return pd.DataFrame(rows, columns=compare.LONG_COLUMNS)


def old_comparison_long(store, regions, indicator_ids, lang="nl", period=None):
    areas = compare._areas(store, regions, lang)
    parts = []
    for ind_id in indicator_ids:
        ind = store.indicator(ind_id)
        values = compare.area_values(store, ind_id, regions)
        used = period or old_latest_period(values, [r.code for r in regions])
        if used is None and not store.frame(ind_id).empty:
            used = store.latest_period(ind_id)
        parts.append(old_cells(store, ind, values, areas, used, lang))
    if not parts:
        return pd.DataFrame(columns=compare.LONG_COLUMNS)
    return pd.concat(parts, ignore_index=True)


def old_row(store, ind, cells, lang):
    regions = cells[cells["kind"] == "region"]
    highest, lowest = compare.extremes(
        dict(zip(regions["area_code"], regions["value"], strict=True)), ind.decimals
    )
    best, worst = compare.best_worst(highest, lowest, ind.direction)
    names = dict(zip(cells["area_code"], cells["area_name"], strict=True))
    period = cells["period"].iloc[0]
    row = {
        "indicator_id": ind.id,
        "label": ind.label(lang),
        "unit": store.catalog.unit_label(ind.unit, lang),
        "direction": ind.direction,
        "period": period,
        "period_label": numbers.period_label(period, lang) if period else "",
        "period_unstated": bool((cells["status"] == "period_unstated").any()),
    }
    for cell in cells.itertuples():
        row.update({f"{f}_{cell.area_code}": getattr(cell, f) for f in compare.CELL_FIELDS})
    row.update(
        highest=highest,
        lowest=lowest,
        best=best,
        worst=worst,
        extremes=compare.extremes_text(names, highest, lowest, ind.direction, lang),
        weighting=compare.weighting_text(store, ind, lang),
        source=sentences.citation(ind, lang),
    )
    return row


def old_comparison_table(store, regions, indicator_ids, lang="nl", period=None):
    long = old_comparison_long(store, regions, indicator_ids, lang, period)
    rows = [
        old_row(store, store.indicator(i), long[long["indicator_id"] == i], lang)
        for i in indicator_ids
    ]
    table = pd.DataFrame(rows)
    table.attrs["areas"] = {c: n for c, n, _ in compare._areas(store, regions, lang)}
    return table


def test_latest_period_equals_the_old_groupby(store):
    for ind in store.catalog:
        for _, regions in _scope_sets(store):
            values = compare.area_values(store, ind.id, regions)
            for codes in ([r.code for r in regions], [regions[0].code], ["XX99"], []):
                assert compare.latest_period(values, codes) == old_latest_period(values, codes)


@pytest.mark.parametrize(
    ("scope", "lang", "period"),
    [("drenthe", "nl", None), ("drenthe", "en", "2022"), ("nederland", "nl", None)],
)
def test_comparison_table_equals_the_old_path(store, scope, lang, period):
    ids = [ind.id for ind in store.catalog]
    for region_set in compare.region_set_choices(store, scope).values():
        regions = list(region_set.regions)
        new = compare.comparison_table(store, regions, ids, lang, period)
        old = old_comparison_table(store, regions, ids, lang, period)
        assert_identical(new, old)
        assert new.attrs == old.attrs
        assert_identical(
            compare.comparison_long(store, regions, ids[:9], lang, period),
            old_comparison_long(store, regions, ids[:9], lang, period),
        )
    assert_identical(
        compare.comparison_long(store, regions, [], lang), old_comparison_long(store, regions, [])
    )
