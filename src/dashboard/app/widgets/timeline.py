"""The map's timeline: a period slider with play/pause (views.timeline decides the steps).

The slider and the sidebar's period control show the same period: moving the slider, or a
step of the playing timeline, asks the controls to show that period on the next run
(controls.show_period), and the controls write it to the URL, so that the URL follows the
period shown. Playing is a fragment that runs every STEP_SECONDS and reruns the whole app
with the next period; the classes stay fixed over all periods (only ``kleur=klassen``
plays). Keyboard: the slider takes ← → Home End, the button the space bar (both native)."""

from __future__ import annotations

import time
from collections.abc import Sequence

import streamlit as st

from dashboard.app import keys
from dashboard.app.controls import show_period
from dashboard.state import ViewState
from dashboard.text.i18n import t
from dashboard.text.numbers import period_label
from dashboard.views import timeline as steps


def _toggle(periods: Sequence[str], shown: str) -> None:
    ss = st.session_state
    if ss.get(keys.TIMELINE_PLAYING):
        ss[keys.TIMELINE_PLAYING] = False
        return
    start = steps.play_from(periods, shown)
    if start is not None and start != shown:
        show_period(start)
    ss[keys.TIMELINE_PLAYING] = True
    ss[keys.TIMELINE_STEPPED] = time.monotonic()


def _on_slide() -> None:
    st.session_state[keys.TIMELINE_PLAYING] = False
    show_period(st.session_state[keys.TIMELINE])


@st.fragment(run_every=steps.STEP_SECONDS)
def _ticker(periods: list[str], shown: str) -> None:
    """While playing: after each STEP_SECONDS the next period (the whole app reruns)."""
    ss = st.session_state
    if not ss.get(keys.TIMELINE_PLAYING):
        return
    if time.monotonic() - ss.get(keys.TIMELINE_STEPPED, 0.0) < steps.STEP_SECONDS * 0.9:
        return  # the run that drew this period
    following = steps.next_period(periods, shown)
    if following is None:
        ss[keys.TIMELINE_PLAYING] = False
    else:
        show_period(following)
        ss[keys.TIMELINE_STEPPED] = time.monotonic()
    st.rerun(scope="app")


def timeline(view: ViewState, periods: list[str], fixed: bool | None = None) -> None:
    """The slider over ``periods`` (those the map can show: after the start period of a
    change map) and the play/pause button. ``fixed``: the map's classes are fixed over
    these periods (a change map's are); None: as ``kleur`` says."""
    ss = st.session_state
    lang = view.lang
    if len(periods) < 2:
        return
    shown = view.period or periods[-1]
    if shown not in periods:
        return
    can_play = steps.playable(periods, "klassen" if fixed else view.colouring)
    if not can_play:
        ss[keys.TIMELINE_PLAYING] = False
    playing = bool(ss.get(keys.TIMELINE_PLAYING))
    ss[keys.TIMELINE] = shown
    button, slider = st.columns([2, 5], vertical_alignment="bottom")
    button.button(
        t("timeline_pause" if playing else "timeline_play", lang),
        icon=":material/pause:" if playing else ":material/play_arrow:",
        on_click=_toggle,
        args=(periods, shown),
        disabled=not can_play,
        key="tijdlijn_knop",
        help=t("timeline_help", lang),
    )
    slider.select_slider(
        t("timeline", lang),
        periods,
        key=keys.TIMELINE,
        format_func=lambda p: period_label(p, lang),
        on_change=_on_slide,
        help=t("timeline_help", lang),
    )
    if not can_play:
        st.caption(t("timeline_fixed_only", lang))
    if playing:
        _ticker(periods, shown)
