"""The view models app/cache.py shares between runs (st.cache_resource, no copy per read) are
never changed by what reads them: the pages, their downloads and their images. After all of
that, each shared view still equals the same view computed afresh."""

from __future__ import annotations

import dataclasses
import math
from datetime import date

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.app import cache, keys
from dashboard.publish import downloads as tables
from dashboard.state import ViewState
from dashboard.views import compare
from dashboard.views.regionsview import ALL_THEMES
from tests.support.apptest import APP, assert_clean

# a rate, a count computed for regions, an indicator without region values, one with a
# single period, the Sociale Agenda's regional Tabel 1
INDICATORS = ["werkloosheid", "woz_waarde", "vrijwilligerswerk", "tabel1_bijstand", "rokers"]


def assert_same(a: object, b: object, path: str = "view") -> None:
    """Equal all the way down: dataclasses field by field, frames exactly (attrs too)."""
    if dataclasses.is_dataclass(a) and not isinstance(a, type):
        assert type(a) is type(b), path
        for f in dataclasses.fields(a):
            assert_same(getattr(a, f.name), getattr(b, f.name), f"{path}.{f.name}")
    elif isinstance(a, pd.DataFrame):
        assert isinstance(b, pd.DataFrame), path
        pd.testing.assert_frame_equal(a, b, check_exact=True, obj=path)
        assert_same(a.attrs, b.attrs, f"{path}.attrs")
    elif isinstance(a, pd.Series):
        pd.testing.assert_series_equal(a, b, check_exact=True, obj=path)
    elif isinstance(a, dict):
        assert isinstance(b, dict) and list(a) == list(b), path
        for k in a:
            assert_same(a[k], b[k], f"{path}[{k!r}]")
    elif isinstance(a, (list, tuple)):
        assert type(a) is type(b) and len(a) == len(b), path
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            assert_same(x, y, f"{path}[{i}]")
    elif isinstance(a, float) and math.isnan(a):
        assert isinstance(b, float) and math.isnan(b), path
    else:
        assert a == b, path


def _views_of_a_session(page: str, scope: str) -> list[ViewState]:
    """Open ``page`` and switch through INDICATORS; the view of every run."""
    at = AppTest.from_file(APP, default_timeout=120)
    if scope != "drenthe":
        at.query_params["schaal"] = scope
    at.query_params["gemeente"] = "GM0114"
    at.run()
    views = []
    for ind in INDICATORS:
        at.session_state["w_indicator"] = ind
        if page != "kaart":
            at.switch_page(f"app_pages/{page}.py")
        at.run()
        assert_clean(at)
        views.append(at.session_state[keys.CURRENT])
    return views


def test_the_shared_views_hold_what_they_were_computed_as(store):
    assert set(cache.SHARED) == {
        "_map_view",
        "_map_table",
        "_regions_view",
        "_comparison_view",
        "_trend_view",
    }  # fmt: skip  (a new shared view belongs in this test)
    views = {
        "kaart": _views_of_a_session("kaart", "drenthe")
        + _views_of_a_session("kaart", "nederland"),
        "regios": _views_of_a_session("regios", "drenthe"),
        "trends": _views_of_a_session("trends", "drenthe"),
        "presenteren": _views_of_a_session("presenteren", "drenthe"),
    }
    catalog = store.catalog
    for view in views["kaart"] + views["presenteren"]:  # the downloads and images read them too
        mv = cache.map_view(view)
        tables.map_download(mv, catalog, view.lang)
        cache.map_image(view, "svg", date(2026, 12, 2))
    for view in views["regios"]:
        rv = cache.regions_view(view, None)
        tables.regions_download(rv, view.lang)
        tables.comparison_download(cache.comparison_view(view), view.lang)
        if rv.period is not None:
            cache.chart_image(
                cache.region_strip(rv, view.lang), rv.indicator, rv.period, "nl", "svg"
            )
    for view in views["trends"]:
        tv = cache.trend_view(view)
        tables.trend_download(tv, view.lang)
        for measure in ("values", "index"):
            chart = cache.trend_chart(tv, measure, view.lang)
            if chart is not None:
                cache.chart_image(chart, tv.indicator, tv.latest, view.lang, "svg")

    fresh = {name: getattr(cache, name).__wrapped__ for name in cache.SHARED}
    checked = 0
    for view in views["kaart"] + views["presenteren"]:
        assert_same(cache.map_view(view), fresh["_map_view"](cache.for_map(view)), "map_view")
        assert_same(cache.map_table(view), fresh["_map_table"](cache.for_map(view)), "map_table")
        checked += 2
    for view in views["regios"]:
        key = cache.for_regions(view)
        set_id = compare.DEFAULT_SET
        assert_same(cache.regions_view(view), fresh["_regions_view"](key, set_id), "rv")
        comparison_key = cache._comparison_key(view, None, ALL_THEMES)
        assert_same(cache.comparison_view(view), fresh["_comparison_view"](*comparison_key), "cv")
        checked += 2
    for view in views["trends"]:
        assert_same(cache.trend_view(view), fresh["_trend_view"](cache.for_trend(view), ()), "tv")
        checked += 1
    assert checked == 2 * 15 + 2 * 5 + 5  # ten map views and five slides, five of each other


@pytest.mark.parametrize("name", ["_map_view", "_trend_view"])
def test_a_shared_view_is_the_same_object_on_every_read(name):
    view = ViewState(indicator="werkloosheid", scope="drenthe", lang="nl")
    read = cache.map_view if name == "_map_view" else cache.trend_view
    assert read(view) is read(view)
