"""The warm-up computes exactly what the map, Regio's and Trends pages ask for: after
``warmup.warm_view``, opening those pages on that view builds nothing new."""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import config
from dashboard.app import cache, elements, warmup
from dashboard.render import charts, maps
from dashboard.state import ViewState
from dashboard.views import compare, mapview, trends
from tests.support.apptest import APP

# The builders behind every cached view of the three pages (each module attribute is what
# dashboard.app.cache calls; the charts' plain-dict builders since issue 17).
BUILDERS = [
    (mapview, "map_view"),
    (maps, "choropleth"),
    (charts, "ranking_spec"),
    (compare, "region_spread"),
    (compare, "region_summary"),
    (compare, "comparison_table"),
    (trends, "trend_frame"),
    (charts, "trend_lines_spec"),
    (charts, "small_multiples_spec"),
    (charts, "region_strip_spec"),
    (elements, "dataframe_proto"),  # the comparison table's message
]


@pytest.fixture
def calls(monkeypatch) -> Counter:
    """Counts the builders' calls; starts from empty view caches."""
    counter: Counter = Counter()
    for module, name in BUILDERS:
        original = getattr(module, name)

        def counted(*args, _original=original, _name=name, **kwargs):
            counter[_name] += 1
            return _original(*args, **kwargs)

        monkeypatch.setattr(module, name, counted)
    cache.clear_views()
    cache.map_spec.clear()
    return counter


def open_pages(indicator: str, scope: str = "drenthe") -> None:
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["indicator"] = indicator
    at.query_params["schaal"] = scope
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    for page in ("app_pages/regios.py", "app_pages/trends.py"):
        at.switch_page(page).run()
        assert not at.exception, [e.value for e in at.exception]
        assert at.title, page


@pytest.mark.parametrize(
    ("indicator", "scope"), [("werkloosheid", "drenthe"), ("woz_waarde", "nederland")]
)
def test_after_warm_view_the_pages_build_nothing(store, calls, indicator, scope):
    warmup.warm_view(ViewState(indicator=indicator, scope=scope))
    warmed = dict(calls)
    # the caches were empty: warm_view built the map, ranking, regions and trends
    assert set(warmed) == {name for _, name in BUILDERS}
    open_pages(indicator, scope)
    assert dict(calls) == warmed  # the pages found everything cached


def test_an_unwarmed_view_is_built_by_the_pages(store, calls):
    # the control: the counters do see the pages' own work when nothing was warmed
    open_pages("rokers")
    assert set(calls) == {name for _, name in BUILDERS}


def test_views_to_warm_every_indicator_per_scope_and_language(store):
    got = warmup.views_to_warm(store, ["drenthe", "nederland"], ["nl", "en"])
    ids = list(store.catalog.indicators)
    assert len(got) == 4 * len(ids)
    assert [v.indicator for v in got[: len(ids)]] == ids
    assert [(v.scope, v.lang) for v in got[:: len(ids)]] == [
        ("drenthe", "nl"),
        ("drenthe", "en"),
        ("nederland", "nl"),
        ("nederland", "en"),
    ]
    assert all(v.period is None and v.gemeenten == () and v.colouring == "klassen" for v in got)


def test_a_failing_view_is_recorded_and_the_rest_still_warmed():
    views_ = [ViewState(indicator=i) for i in ("a", "b", "c")]
    seen = []

    def warm(view: ViewState) -> None:
        if view.indicator == "b":
            raise ValueError("no periods")
        seen.append(view.indicator)

    job = warmup.WarmUp(views_)
    job.run(warm, pause=0)
    assert seen == ["a", "c"]
    assert job.done == 3
    assert job.failed == [(views_[1], "ValueError: no periods")]
    assert job.finished.is_set() and job.seconds is not None


def test_start_runs_once_in_the_background_and_can_be_switched_off(store, monkeypatch):
    ran = threading.Event()
    warmed: list[ViewState] = []

    def warm(view: ViewState) -> None:
        warmed.append(view)
        ran.set()

    monkeypatch.setattr(warmup, "warm_steps", warm)
    monkeypatch.setattr(warmup, "PAUSE", 0)  # start()'s thread reads it at call time
    monkeypatch.setenv(config.ENV_WARM_UP, "1")
    warmup.start.clear()
    job = warmup.start()
    assert job is not None and warmup.start() is job  # once per process
    assert job.finished.wait(30)
    assert warmed == job.views == warmup.views_to_warm(store, ["drenthe"], ["nl"])
    monkeypatch.setenv(config.ENV_WARM_UP, "0")
    warmup.start.clear()
    assert warmup.start() is None
    warmup.start.clear()


def test_the_warm_up_starts_after_the_first_page_has_been_made(monkeypatch):
    """Started before the page, the warm-up's views took the interpreter from the first
    visitor's map (docs/benchmarks.md, issue 17): app.py starts it after ``page.run()``."""
    events: list[str] = []
    real_map_view = cache.map_view

    def map_view(view):
        events.append("map")
        return real_map_view(view)

    monkeypatch.setattr(cache, "map_view", map_view)
    monkeypatch.setattr(warmup, "start", lambda: events.append("warm-up"))
    at = AppTest.from_file(APP, default_timeout=120).run()
    assert not at.exception
    assert "map" in events and events[-1] == "warm-up" and events.count("warm-up") == 1


class RecordingVisitors(warmup.Visitors):
    """Visitors that note each time the warm-up asks to wait, in the log it shares."""

    def __init__(self, log: list[str]) -> None:
        super().__init__()
        self.log = log

    def wait_idle(self, timeout: float | None = None) -> bool:
        self.log.append("wait")
        return super().wait_idle(timeout)


def test_the_warm_up_waits_for_idle_before_every_step():
    log: list[str] = []

    def warm(view: ViewState):
        log.append(f"{view.indicator}1")
        yield
        log.append(f"{view.indicator}2")

    job = warmup.WarmUp([ViewState(indicator="a"), ViewState(indicator="b")])
    job.run(warm, pause=0, visitors=RecordingVisitors(log))
    assert log == ["wait", "a1", "wait", "a2", "wait", "b1", "wait", "b2"]
    assert job.done == 2 and job.failed == []


def test_visitors_idle_only_when_no_run_is_under_way():
    visitors = warmup.Visitors()
    assert visitors.wait_idle(timeout=0) is True
    with visitors.run():
        with visitors.run():
            assert visitors.running == 2
        assert visitors.running == 1
        assert visitors.wait_idle(timeout=0.05) is False  # a run under way: never idle
    assert visitors.running == 0
    assert visitors.wait_idle(timeout=0) is True
    with pytest.raises(RuntimeError), visitors.run():
        raise RuntimeError("a failing run still ends")
    assert visitors.running == 0


def test_a_blocked_warm_up_goes_on_when_the_visitor_run_ends():
    visitors = warmup.Visitors()
    job = warmup.WarmUp([ViewState(indicator="a")])
    with visitors.run():
        worker = threading.Thread(target=job.run, args=(lambda v: None, 0, visitors))
        worker.start()
        assert not job.finished.wait(0.2)  # held back while the run is under way
        assert job.done == 0
    assert job.finished.wait(30)
    worker.join(30)
    assert job.done == 1


def test_app_py_counts_its_script_run_as_a_visitor(monkeypatch):
    seen: list[int] = []
    real_map_view = cache.map_view

    def map_view(view):
        seen.append(warmup.VISITORS.running)
        return real_map_view(view)

    monkeypatch.setattr(cache, "map_view", map_view)
    monkeypatch.setattr(warmup, "start", lambda: None)
    at = AppTest.from_file(APP, default_timeout=120).run()
    assert not at.exception
    assert seen and set(seen) == {1}  # the page was made inside the visitor's run
    assert warmup.VISITORS.running == 0
