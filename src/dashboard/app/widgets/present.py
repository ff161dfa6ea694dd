"""Presenteren's parts: the slide controls, a slide's view drawn for the projector, the QR
code in its corner, and 'Voeg deze weergave toe' in the sidebar of every page."""

from __future__ import annotations

import base64
import html
from typing import Any

import altair as alt
import streamlit as st

from dashboard import pages, urls
from dashboard.app import cache, keys
from dashboard.app.context import app_base_url
from dashboard.app.resources import agenda_or_none, get_store
from dashboard.app.widgets import agenda as agenda_parts
from dashboard.app.widgets import change
from dashboard.app.widgets.common import source, vega
from dashboard.app.widgets.map import legend, map_chart, reference_only
from dashboard.model.upload import UPLOAD_ID
from dashboard.render import charts
from dashboard.state import ViewState
from dashboard.text.i18n import t
from dashboard.text.numbers import escape_markdown
from dashboard.views import agenda, stories

PROJECTOR_CSS = """
<style>
.stMain p, .stMain li, .stMain [data-testid="stCaptionContainer"] { font-size: 28px !important;
  line-height: 1.35; }
.stMain h1 { font-size: 56px !important; }
.bw-sentence { font-size: 34px; font-weight: 700; color: #111; margin: 0.4rem 0 0.8rem; }
.bw-slide-number { font-size: 24px; color: #333; }
.bw-qr { position: fixed; right: 24px; bottom: 24px; width: 180px; background: #fff;
  padding: 6px; border: 2px solid #111; z-index: 1000; }
.bw-qr p { font-size: 14px !important; margin: 0; text-align: center; }
.stMain button p, .stMain [data-baseweb] p, .stMain label p { font-size: 18px !important; }
.stMain .block-container { padding-right: 220px; }
.bw-legend li { font-size: 24px !important; }
.bw-legend .swatch { width: 1.6rem; height: 1.6rem; }
</style>
"""
HIDE_CHROME_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stSidebarCollapsedControl"]
  { display: none !important; }
.stMain .block-container { padding-top: 1rem; max-width: 100%; }
</style>
"""


DRAFT_TITLE = "concept"  # the draft's title in its link (the page names it "Eigen verhaal")


def keep_draft(lang: str) -> None:
    """The facilitator's draft story in the URL (``?concept=``), so that a reload or a
    server restart finds it: read when the session has none yet, written after every
    change. A draft that cannot be read back or kept is said, never silently lost."""
    ss = st.session_state
    if keys.DRAFT not in ss:
        packed = urls.draft_param(st.query_params)
        if packed is not None:
            story, problems = stories.story_from_param(packed, get_store())
            ss[keys.DRAFT] = list(story.slides) if story is not None else []
            if story is None or problems:
                ss[keys.DRAFT_PROBLEM] = "harden_draft_damaged"
    draft = ss.get(keys.DRAFT, [])
    packed = None
    if draft:
        try:
            packed = stories.story_to_param(stories.Story(DRAFT_TITLE, tuple(draft)), False)
        except stories.StoryTooLong:
            ss[keys.DRAFT_PROBLEM] = "harden_draft_too_long"
    if packed is not None:
        if st.query_params.get(urls.DRAFT_PARAM) != packed:
            st.query_params[urls.DRAFT_PARAM] = packed
    elif urls.DRAFT_PARAM in st.query_params and not draft:
        del st.query_params[urls.DRAFT_PARAM]
    problem = ss.pop(keys.DRAFT_PROBLEM, None)
    if problem:
        st.sidebar.warning(t(problem, lang), icon="⚠️")


def add_to_story(view: ViewState, shown: pages.Page) -> None:
    """Sidebar button on the pages a slide can show: add the current view as a slide of the
    facilitator's own story, with the sentence its page says of it."""
    keep_draft(view.lang)
    if not shown.slides:
        return
    page = shown.id
    lang = view.lang
    draft: list[stories.Slide] = st.session_state.setdefault(keys.DRAFT, [])

    def add() -> None:
        if page == "agenda":
            _add_goal_slide(view)
            return
        ind = get_store().indicator(view.indicator)
        sentence = cache.page_summary(page, view)
        slide = stories.Slide(
            page, view, ind.label(lang)[: stories.MAX_TITLE], sentence[: stories.MAX_SENTENCE]
        )
        st.session_state[keys.DRAFT] = [*draft, slide][: stories.MAX_SLIDES]

    st.sidebar.button(
        t("story_add", lang, n=str(len(draft))),
        on_click=add,
        icon=":material/playlist_add:",
        help=t("story_add_help", lang),
    )


def _add_goal_slide(view: ViewState) -> None:
    """A slide of the goal the agenda page shows, with that goal's sentence."""
    found = agenda_parts.goal_slide_sentence(view)
    if found is None:
        return
    goal, title, sentence = found
    slide = stories.Slide(
        "agenda",
        ViewState(lang=view.lang),
        title[: stories.MAX_TITLE],
        agenda.slide_sentence(sentence, stories.MAX_SENTENCE),
        item=goal,
    )
    draft = st.session_state.get(keys.DRAFT, [])
    st.session_state[keys.DRAFT] = [*draft, slide][: stories.MAX_SLIDES]


def _stepper(n: int) -> Any:
    def go(delta: int | None = None, to: int | None = None) -> None:
        current = st.session_state.get(keys.SLIDE, 0)
        target = to if to is not None else current + (delta or 0)
        st.session_state[keys.SLIDE] = max(0, min(n - 1, target))

    return go


def slide_controls(n: int, lang: str) -> int:
    """Buttons to step through n slides, each with the key a presenter's clicker or keyboard
    sends (→ ← PageDown PageUp Home End); returns the current slide (0-based)."""
    go = _stepper(n)
    st.session_state[keys.SLIDE] = max(0, min(n - 1, st.session_state.get(keys.SLIDE, 0)))
    # room for each label and its key hint at the projector's font size (760 px cut them off)
    cols = st.columns([1.2, 1.05, 1.2, 1.1, 1.25], width=1100)
    cols[0].button(
        t("slide_first", lang),
        on_click=go,
        kwargs={"to": 0},
        shortcut="Home",
        icon=":material/first_page:",
    )
    cols[1].button(
        t("slide_previous", lang),
        on_click=go,
        kwargs={"delta": -1},
        shortcut="Left",
        icon=":material/chevron_left:",
    )
    cols[2].button(
        t("slide_next", lang),
        on_click=go,
        kwargs={"delta": 1},
        shortcut="Right",
        icon=":material/chevron_right:",
        type="primary",
    )
    cols[3].button(
        t("slide_last", lang),
        on_click=go,
        kwargs={"to": n - 1},
        shortcut="End",
        icon=":material/last_page:",
    )
    # what presenter clickers send: the same steps on PageUp / PageDown
    with cols[4]:
        st.button(
            t("slide_previous", lang),  # the key hint beside it says PageUp
            on_click=go,
            kwargs={"delta": -1},
            shortcut="PageUp",
            key="dia_pageup",
            type="tertiary",
        )
        st.button(
            t("slide_next", lang),
            on_click=go,
            kwargs={"delta": 1},
            shortcut="PageDown",
            key="dia_pagedown",
            type="tertiary",
        )
    return st.session_state[keys.SLIDE]


def projector_chart(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """Axis and legend text large enough to read from the back of a room."""
    return chart.configure_axis(
        labelFontSize=20, titleFontSize=22, labelLimit=400, tickCount=6
    ).configure_legend(labelFontSize=20, titleFontSize=20, symbolSize=200)


def show_slide(slide: stories.Slide) -> None:
    """One slide's view, drawn for the projector from the same view model as its page (the
    shared controls are not touched)."""
    view = slide.view
    lang = view.lang
    if slide.page in stories.ITEM_PAGES:
        _show_agenda_slide(slide)
        return
    mv = cache.map_view(view)
    if slide.page == "kaart" and change.wanted(view):  # a change map (vanaf)
        cv = cache.change_view(view)
        left, right = st.columns([3, 1], gap="large")
        with left:
            change.change_map(cv, view, key=keys.SLIDE_MAP, presenting=True)
        with right:
            change.legend(cv, lang)
        source(cv.source)
        return
    if slide.page == "kaart" and mv.mappable:
        left, right = st.columns([3, 1], gap="large")
        with left:
            map_chart(mv, view, key=keys.SLIDE_MAP, presenting=True)
        with right:
            legend(mv, lang)
    elif slide.page == "regios":
        rv = cache.regions_view(view)
        vega(projector_chart(cache.region_strip(rv, lang)), title=slide.title, summary=rv.summary)
    elif slide.page == "trends":
        tv = cache.trend_view(view)
        chart = projector_chart(charts.trend_lines(tv.frame, tv.unit, lang))
        vega(chart, title=slide.title, summary=tv.summary)
    elif slide.page == "profiel":
        pv = cache.profile_view(view)
        chart = projector_chart(charts.profile_overview(pv.table, lang, selectable=False))
        vega(chart, title=slide.title, summary=pv.summary)
    else:
        reference_only(mv, lang)
    source(mv.source)


SLIDE_ROWS = 6  # figures of a goal on its slide


def _show_agenda_slide(slide: stories.Slide) -> None:
    """A goal (its map with stories and its figures) or a story (its text and its marker)."""
    lang = slide.view.lang
    data = agenda_or_none()
    if data is None:
        st.error(t("agenda_goals_error", lang))
        return
    if slide.page == "agenda":
        av = cache.agenda_view(slide.view, slide.item)
        left, right = st.columns([3, 2], gap="large")
        with left:
            agenda_parts.goal_map(av, data, key=keys.SLIDE_AGENDA_MAP, presenting=True)
        with right:  # the first figures, one line each for the room; the rest on the page
            for line in agenda.slide_lines(av, SLIDE_ROWS):
                st.markdown(escape_markdown(line, max_len=300))
            if len(av.table) > SLIDE_ROWS:
                st.caption(t("slide_more_figures", lang, n=str(len(av.table) - SLIDE_ROWS)))
        source(av.source)
        return
    story = data.story(slide.item)
    if story is None:
        return
    left, right = st.columns([2, 3], gap="large")
    with left:
        spec = cache.story_map_spec(lang, story.id, False)
        st.pydeck_chart(spec, height=520, key=keys.SLIDE_AGENDA_MAP)  # type: ignore[arg-type]
    with right:
        agenda_parts.story_card(story, data, get_store(), lang)


def qr_corner(slide: stories.Slide, lang: str) -> None:
    if slide.view.indicator == UPLOAD_ID:  # eigen gegevens: a link would not show them
        st.caption(t("upload_no_qr", lang))
        return
    url = urls.slide_url(slide, app_base_url())
    svg = stories.qr_svg(url, title=t("slide_qr", lang))
    # as an image: st.html sanitises inline SVG away
    src = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
    label = html.escape(t("slide_qr", lang))
    st.html(
        f'<div class="bw-qr"><img src="{src}" alt="{label}: {html.escape(url)}" width="168">'
        f"<p>{label}</p></div>"
    )
