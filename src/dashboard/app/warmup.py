"""Warm-up: after the data has loaded, the server computes the views a workshop will ask for,
in the background, so that thirty phones opening the dashboard at once find them ready.

Without it, the first request for each view pays 0.1–0.4 s of Python (classes, map, charts,
tables), and thirty sessions starting together on a fresh server ask for dozens of new views
in their first seconds, all in one interpreter: p95 went to seconds (docs/benchmarks.md,
finding 12). Since issue 17 a first request costs a fifth of that and the whole warm-up
about 6 s of CPU instead of 20, but thirty sessions on a server without it still saw a
p95 of 2.5 s in their first ten seconds (all switching at once, every view new): it stays
(docs/benchmarks.md, "Issue 17"). Which views: every indicator of the catalogue, for
each scope and language of ``[warm_up]`` in dashboard.toml (default Drenthe, Dutch), as
:func:`warm_steps` computes them. ``DASHBOARD_WARM_UP=0`` switches it off.

It runs once per server process, in a daemon thread, a view at a time and a step at a time:
before each step it waits until no visitor's script run is under way (:data:`VISITORS`,
counted by app.py), so that a visitor shares the interpreter with it for one step at most
(a few ms). Without that wait, thirty sessions switching beside a long warm-up had a p95 of
0.46 s, and 0.29 s with it (docs/benchmarks.md, "Issue 17, fourth pass"). A view that
fails is logged and skipped (its page shows its own message when asked for)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

import streamlit as st
from streamlit.logger import get_logger

from dashboard.app import cache
from dashboard.app.resources import shared_store
from dashboard.config import load_settings
from dashboard.model.store import Store
from dashboard.state import ViewState

LOG = get_logger(__name__)
PAUSE = 0.01  # seconds between two views


class Visitors:
    """How many visitors' script runs are under way, and a way to wait until none is."""

    def __init__(self) -> None:
        self._running = 0
        self._changed = threading.Condition()

    @property
    def running(self) -> int:
        return self._running

    @contextmanager
    def run(self) -> Iterator[None]:
        """Count the script run inside the block as under way."""
        with self._changed:
            self._running += 1
        try:
            yield
        finally:
            with self._changed:
                self._running -= 1
                self._changed.notify_all()

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until no run is under way (True), or ``timeout`` seconds passed (False)."""
        with self._changed:
            return self._changed.wait_for(lambda: self._running == 0, timeout)


VISITORS = Visitors()


def warm_steps(view: ViewState) -> Iterator[None]:
    """Compute, and so cache, what the map, Regio's and Trends pages show of ``view`` when
    their own controls are as a visitor finds them (the default region set, all themes, no
    extra trend series, absolute values), and the map for wide and narrow screens. Calls the
    same cached functions as the pages, with the same arguments; yields after each, where
    the warm-up may give way to visitors."""
    mv = cache.map_view(view)
    yield
    if mv.mappable:
        for narrow in (False, True):
            cache.map_spec(view, False, narrow)
            yield
        cache.ranking_spec(view)
        yield
        cache.map_table_element(view)  # the table, and the message the page sends
        yield
    cache.regions_view(view)
    yield
    cache.region_specs(view)
    yield
    cache.comparison_table(view)  # its view, and the message the page sends
    yield
    cache.trend_changes_element(view)  # the trend view, and its table's message
    yield
    cache.trend_spec(view, (), "absoluut")
    yield
    cache.small_multiples_spec(view)


def warm_view(view: ViewState) -> None:
    """All of :func:`warm_steps` at once."""
    for _ in warm_steps(view):
        pass


def views_to_warm(store: Store, scopes: Sequence[str], languages: Sequence[str]) -> list[ViewState]:
    """Every indicator of the catalogue (in its order) for each scope and language, with the
    other settings at their defaults: the period unset, which the pages read as 'the latest',
    as they do after a visitor picks an indicator."""
    return [
        ViewState(indicator=ind, scope=scope, lang=lang)
        for scope in scopes
        for lang in languages
        for ind in store.catalog.indicators
    ]


@dataclass
class WarmUp:
    """The progress of one warm-up."""

    views: list[ViewState]
    done: int = 0
    failed: list[tuple[ViewState, str]] = field(default_factory=list)
    seconds: float | None = None  # when finished
    finished: threading.Event = field(default_factory=threading.Event)

    def run(
        self,
        warm: Callable[[ViewState], Iterable[None] | None] | None = None,
        pause: float | None = None,
        visitors: Visitors | None = None,
    ) -> None:
        """Warm every view in order (with :func:`warm_steps`, :data:`PAUSE` and
        :data:`VISITORS` as they are at call time, unless given), each step only when no
        visitor's run is under way; record the failures and go on."""
        warm = warm_steps if warm is None else warm
        pause = PAUSE if pause is None else pause
        visitors = VISITORS if visitors is None else visitors
        start = time.perf_counter()
        for view in self.views:
            try:
                visitors.wait_idle()
                for _ in warm(view) or ():
                    visitors.wait_idle()
            except Exception as exc:  # noqa: BLE001 - one bad view must not stop the rest
                self.failed.append((view, f"{type(exc).__name__}: {exc}"))
                LOG.warning("Warm-up: %s (%s) failed: %s", view.indicator, view.scope, exc)
            self.done += 1
            time.sleep(pause)
        self.seconds = time.perf_counter() - start
        self.finished.set()
        LOG.info(
            "Warm-up done: %d views in %.1f s, %d failed.",
            self.done,
            self.seconds,
            len(self.failed),
        )


@st.cache_resource(show_spinner=False)
def start() -> WarmUp | None:
    """Start the configured warm-up in a daemon thread, once per server process (cached);
    None when it is switched off."""
    settings = load_settings()
    if not settings.warm_up_scopes or not settings.warm_up_languages:
        return None
    job = WarmUp(views_to_warm(shared_store(), settings.warm_up_scopes, settings.warm_up_languages))
    LOG.info(
        "Warm-up started: %d views (%s; %s).",
        len(job.views),
        ", ".join(settings.warm_up_scopes),
        ", ".join(settings.warm_up_languages),
    )
    threading.Thread(target=job.run, name="dashboard-warm-up", daemon=True).start()
    return job
