"""The maps' class breaks kept in the compiled store (issue 17): computed with mapclassify when
the store is written (the map page's maps and the Regio's page's small maps), equal to
mapclassify's for every map they are kept for, used only for exactly the inputs they were
computed from, and a server reading the store draws its maps without importing mapclassify."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from dashboard.model import compiled, upload
from dashboard.model.store import Store, compiled_parts, level, store_inputs
from dashboard.render import classify
from dashboard.state import ViewState
from dashboard.views import compare, mapview, regionsview
from dashboard.vocabulary import SCOPES

ROOT = Path(__file__).resolve().parents[1]
UPLOADS = Path(__file__).parent / "data" / "uploads" / "good"
K = classify.DEFAULT_CLASSES


@pytest.fixture(scope="module")
def compiled_store(store, tmp_path_factory) -> Store:
    """The real store written to a compiled store (its breaks computed there, with
    mapclassify) and read back, as a server start reads it."""
    cache = tmp_path_factory.mktemp("cache")
    key = "0" * 64
    assert compiled.write(cache, key, compiled_parts(replace(store, class_breaks={})))
    parts = compiled.read(cache, key)
    assert parts is not None
    return Store(catalog=store.catalog, origin="compiled", **parts)


@pytest.fixture(scope="module")
def expected(store) -> dict[tuple[str, str, str | None], tuple[str, tuple[float, ...]]]:
    """(indicator, scope, period or None for every period) -> (key, mapclassify's breaks):
    the pooled values of every map of the map page, gathered here without the view's code."""
    found = {}
    for ind in store.catalog:
        frame = store.frame(ind.id)
        lvl = level(set(frame["region_code"])) if len(frame) else None
        if lvl not in ("gemeente", "corop"):
            continue
        for scope in SCOPES:
            values = mapview.period_values(
                store, ind.id, mapview.area_codes(store, scope, lvl), lvl
            )
            for period in (None, *store.periods(ind.id)):
                pooled = values if period is None else values[values["period"] == period]
                pooled = pooled["value"].tolist()
                if any(v == v for v in pooled):  # some value that is not NaN
                    key = classify.breaks_key(pooled, K, ind.decimals)
                    found[ind.id, scope, period] = (
                        key,
                        tuple(classify.breaks(pooled, K, ind.decimals)),
                    )
    return found


@pytest.fixture(scope="module")
def expected_regions(store) -> dict[tuple[str, str, str], tuple[str, tuple[float, ...]]]:
    """(scope, region set, indicator) -> (key, mapclassify's breaks) of the small map of the
    Regio's page as a visitor finds it (the latest period), where it needs mapclassify (more
    distinct values than classes): the regions' values from the page's spread, gathered here
    without the view's code."""
    found = {}
    for scope in SCOPES:
        for set_id, region_set in compare.region_set_choices(store, scope).items():
            regions = list(regionsview.ordered_regions(region_set))
            for ind in store.catalog:
                spread = compare.region_spread(store, ind.id, regions)
                pooled = spread.loc[spread["kind"] == "region", "value"].dropna().tolist()
                k = min(3, len(pooled))
                if len(set(pooled)) > k:
                    key = classify.breaks_key(pooled, k, ind.decimals)
                    breaks = tuple(classify.breaks(pooled, k, ind.decimals))
                    found[scope, set_id, ind.id] = (key, breaks)
    return found


@pytest.fixture
def computed(monkeypatch) -> list[int]:
    """The number of breaks computed with mapclassify since the test began."""
    calls = []
    raw = classify._raw_quantiles

    def counting(y, k):
        calls.append(len(y))
        return raw(y, k)

    monkeypatch.setattr(classify, "_raw_quantiles", counting)
    return calls


def test_stored_breaks_equal_mapclassify_for_every_map_they_are_kept_for(compiled_store, expected):
    known = compiled_store.class_breaks
    map_keys = {key for key, _ in expected.values()}
    assert map_keys <= set(known)
    for combination, (key, breaks) in expected.items():
        assert known[key] == breaks, combination
    # the 45 of the mirror's 74 indicators that are mapped (34 by gemeente, 11 by COROP region)
    # on 3 scopes, all periods and each period: 1,128 maps of 1,046 distinct sets of values
    assert (len(expected), len(map_keys)) == (1128, 1046)
    assert sum(len(known[key]) == K - 1 for key in map_keys) > 900  # mostly five classes


def test_stored_breaks_hold_the_regions_maps_of_the_regios_page(compiled_store, expected_regions):
    known = compiled_store.class_breaks
    for combination, (key, breaks) in expected_regions.items():
        assert known[key] == breaks, combination
    scopes = {scope for scope, _, _ in expected_regions}
    # Drenthe's three regions never need mapclassify (one class per value); the wider
    # scopes' COROP regions and provinces do
    assert scopes == {"noord-nederland", "nederland"}
    # 88 small maps on the mirror's data, 84 of them in three classes (4 in two: their
    # values round to two)
    assert len(expected_regions) == 88
    assert sum(len(b) == 2 for _, b in expected_regions.values()) == 84


def test_regions_views_use_the_stored_breaks_and_compute_none(
    compiled_store, expected_regions, computed
):
    for (scope, set_id, ind), (_, breaks) in expected_regions.items():
        view = ViewState(indicator=ind, scope=scope)
        rv = regionsview.regions_view(compiled_store, view, set_id)
        assert rv.classes.breaks == breaks, (scope, set_id, ind)
    assert computed == []


def test_map_views_use_the_stored_breaks_and_compute_none(compiled_store, expected, computed):
    for (ind, scope, period), (_, breaks) in expected.items():
        if period is None:  # the fixed classes of the default view
            view = ViewState(indicator=ind, scope=scope)
        elif period == compiled_store.latest_period(ind) and scope == "drenthe":
            view = ViewState(indicator=ind, scope=scope, period=period, colouring="periode")
        else:
            continue
        assert mapview.map_view(compiled_store, view).classes.breaks == breaks, (ind, scope)
    assert computed == []


def test_a_changed_value_is_computed_not_looked_up(compiled_store, computed):
    known = compiled_store.class_breaks
    ind = compiled_store.indicator("inkomen_gestandaardiseerd_mediaan")  # by gemeente
    d = ind.decimals
    codes = mapview.area_codes(compiled_store, "drenthe", "gemeente")
    values = mapview.period_values(compiled_store, ind.id, codes, "gemeente")["value"].tolist()
    stored = classify.breaks(values, K, d, known)
    assert computed == [] and stored == [24.0, 26.0, 27.0, 31.0]  # the module doc's example
    assert classify.breaks(values, K, d) == stored and len(computed) == 1
    computed.clear()
    changed = [*values[:-1], values[-1] + 0.1]
    assert classify.breaks_key(changed, K, d) not in known
    assert classify.breaks(changed, K, d, known) == classify.breaks(changed, K, d)
    assert len(computed) == 2  # both computed, with mapclassify
    # another k or other decimals are other inputs: computed too
    computed.clear()
    assert classify.breaks(values, 4, d, known) == classify.breaks(values, 4, d)
    assert classify.breaks(values, K, d + 1, known) == classify.breaks(values, K, d + 1)
    assert len(computed) == 4
    # a stored result is only ever used for the values it was stored for
    forged = {classify.breaks_key(values, K, d): (1.0, 2.0)}
    assert classify.breaks(values, K, d, forged) == [1.0, 2.0]
    assert classify.breaks(changed, K, d, forged) == classify.breaks(changed, K, d)
    # the order of the values and missing ones do not change the inputs
    assert classify.breaks_key([*reversed(values), None, float("nan")], K, d) == (
        classify.breaks_key(values, K, d)
    )


def test_other_areas_and_an_upload_are_computed(compiled_store, computed):
    codes = mapview.area_codes(compiled_store, "drenthe", "gemeente")
    ind = compiled_store.indicator("inkomen_gestandaardiseerd_mediaan")
    fewer = mapview.period_values(compiled_store, ind.id, codes[1:], "gemeente")
    key = classify.breaks_key(fewer["value"].tolist(), K, ind.decimals)
    assert key not in compiled_store.class_breaks
    lookup = upload.AreaLookup.of(compiled_store.names, compiled_store.gebieden)
    found = upload.read_upload((UPLOADS / "tidy_comma.csv").read_bytes(), "t.csv", lookup)
    own_ind = upload.indicator_for(found.meta, upload.UPLOAD_ID, date(2026, 12, 1))
    own = upload.with_indicators(compiled_store, [(own_ind, found.observations)])
    assert own.class_breaks is compiled_store.class_breaks  # the official maps keep theirs
    mv = mapview.map_view(own, ViewState(indicator=upload.UPLOAD_ID))
    assert len(computed) == 1  # the upload's 13 values: computed, with mapclassify
    values = mv.table["value"].tolist() + [41.5, 36.4]  # and 2022's
    assert list(mv.classes.breaks) == classify.breaks(values, K, own_ind.decimals)
    assert mv.classes.breaks == (38.0, 41.0, 44.0, 46.0)
    computed.clear()
    mapview.map_view(own, ViewState(indicator=ind.id))
    assert computed == []


PROBE = """
import sys
from dashboard.model.store import load_store
from dashboard.state import ViewState
from dashboard.views.compare import region_set_choices
from dashboard.views.mapview import map_view
from dashboard.views.regionsview import regions_view
from dashboard.vocabulary import SCOPES
store = load_store()
assert store.origin == "compiled", store.origin
first = map_view(store, ViewState())
drawn = [map_view(store, ViewState(indicator=i.id, scope=s)) for i in store.catalog for s in SCOPES]
regions = [
    regions_view(store, ViewState(indicator=i.id, scope=s), set_id)
    for s in SCOPES for set_id in region_set_choices(store, s) for i in store.catalog
]
print(store.origin, first.indicator.id, first.classes.breaks,
      sum(v.classes is not None for v in drawn), len(drawn),
      sum(v.classes is not None for v in regions), len(regions),
      "mapclassify" in sys.modules, "scipy" in sys.modules, "sklearn" in sys.modules)
"""


def test_maps_on_a_compiled_store_do_not_import_mapclassify(store, settings, tmp_path):
    key = compiled.store_key(store_inputs(store.catalog, settings.cbs_dir))
    assert key is not None and compiled.write(tmp_path, key, compiled_parts(store))
    env = {**os.environ, "DASHBOARD_CACHE_DIR": str(tmp_path), "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [
        "compiled", "vrijwilligerswerk", "(53.0,", "55.0,", "59.0)", "135", "222", "324", "592",
        "False", "False", "False",
    ]  # fmt: skip
