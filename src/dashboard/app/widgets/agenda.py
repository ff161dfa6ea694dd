"""The Sociale Agenda page's parts: the goal from the URL and its picker, the goal's figures
with downloads, its map with the stories as markers (a click shows the story), the stories
beside it, the overview of all goals; and the story cards the map page and the profile use.

Untrusted text (a story's title, summary, place, source) is always shown escaped
(``escape_markdown``, ``html.escape`` in the map's tooltip), never as markup."""

from __future__ import annotations

from functools import partial

import streamlit as st

from dashboard.app import cache, keys
from dashboard.app.context import app_base_url, embedded, narrow
from dashboard.app.resources import agenda_data, agenda_or_none, get_store
from dashboard.app.widgets.common import downloads, legend_html, section, sentence, source
from dashboard.app.widgets.share import page_end
from dashboard.config import ConfigError
from dashboard.model.errors import DataError
from dashboard.model.store import Store
from dashboard.model.verhalen import Verhaal
from dashboard.render import maps
from dashboard.state import Notice, ViewState
from dashboard.text.i18n import t
from dashboard.text.numbers import escape_markdown
from dashboard.views import agenda, stories
from dashboard.views.agenda import GOAL_PARAM, STORY_PARAM, AgendaData, AgendaView

NOTICE_KEYS = {
    "unknown_goal": "agenda_unknown_goal",
    "unknown_story": "agenda_unknown_story",
    "story_not_in_goal": "agenda_story_not_in_goal",
}


def data_or_stop(lang: str) -> AgendaData:
    """The goals and stories, or a clear message (never a traceback) and a stopped page."""
    try:
        return agenda_data()
    except (DataError, ConfigError) as exc:
        st.error(f"{t('agenda_goals_error', lang)}\n\n{escape_markdown(str(exc), max_len=600)}")
        st.stop()
        raise  # unreachable: st.stop() raises


# --- the goal in the URL ----------------------------------------------------------------------


def _query() -> dict[str, list[str]]:
    return {k: st.query_params.get_all(k) for k in st.query_params}


def _write_url(goal: str, story: str | None, data: AgendaData) -> None:
    """Put the goal and story in the URL (the default goal is left out, like other defaults)."""
    wanted = {GOAL_PARAM: goal if goal != data.default_goal else None, STORY_PARAM: story}
    for name, value in wanted.items():
        if value is None:
            if name in st.query_params:
                del st.query_params[name]
        elif st.query_params.get(name) != value:
            st.query_params[name] = value


def current_goal(data: AgendaData) -> tuple[str, str | None, list[Notice]]:
    """(goal, story, notices) of the URL; a URL without either keeps the session's goal."""
    params = _query()
    goal, story, notices = agenda.parse_agenda_query(params, data)
    if GOAL_PARAM not in params and STORY_PARAM not in params:
        last = st.session_state.get(keys.AGENDA_LAST_GOAL)
        if last in data.goals:
            goal = last
    return goal, story, notices


def goal_from_url(data: AgendaData) -> tuple[str, str | None]:
    """The goal and story to show. Bad values are replaced in the URL by what is shown and
    named in a notice, shown until the next interaction (a new goal, a click)."""
    goal, story, notices = current_goal(data)
    st.session_state[keys.AGENDA_NOTICES] = notices
    st.session_state[keys.AGENDA_LAST_GOAL] = goal
    _write_url(goal, story, data)
    return goal, story


def show_notices(lang: str) -> None:
    for notice in st.session_state.get(keys.AGENDA_NOTICES, []):
        value = f"“{escape_markdown(notice.value)}”"
        st.warning(t(NOTICE_KEYS[notice.reason], lang, value=value), icon="⚠️")


def _on_pick(data: AgendaData) -> None:
    goal = st.session_state[keys.AGENDA_GOAL]
    st.session_state[keys.AGENDA_LAST_GOAL] = goal
    _write_url(goal, None, data)


def goal_picker(data: AgendaData, goal: str, lang: str) -> None:
    choices = agenda.goal_choices(data, lang)
    st.session_state[keys.AGENDA_GOAL] = goal
    st.selectbox(
        t("agenda_pick", lang),
        list(choices),
        format_func=choices.__getitem__,
        key=keys.AGENDA_GOAL,
        help=t("agenda_pick_help", lang),
        on_change=_on_pick,
        args=(data,),
    )


# --- the page ---------------------------------------------------------------------------------


def header(data: AgendaData, lang: str) -> None:
    st.title(t("page_agenda", lang))
    if not embedded():
        st.caption(t("agenda_intro", lang))
    show_notices(lang)
    for problem in data.problems[:8]:
        text = escape_markdown(problem.message(lang), max_len=400)
        key = "agenda_story_warning" if problem.warning else "agenda_story_skipped"
        st.warning(t(key, lang, error=text), icon="⚠️")


def goal_head(av: AgendaView, lang: str) -> None:
    """The goal as the report words it, its theme, its sentence and its target."""
    goal = av.goal
    section(
        escape_markdown(
            t("agenda_goal_heading", lang, theme=av.theme.label(lang), number=str(goal.number))
            + f": {goal.short(lang)}",
            max_len=200,
        )
    )
    st.caption(
        escape_markdown(
            t("agenda_goal_quote", lang, line=str(goal.line), title=goal.title(lang)), 400
        )
    )
    sentence(av.sentence)
    if av.target:
        st.info(escape_markdown(av.target, max_len=600), icon=":material/flag:")
    if goal.note(lang):
        st.caption(escape_markdown(goal.note(lang), max_len=600))


def figures(av: AgendaView, view: ViewState, data: AgendaData) -> None:
    """Tellen: the goal's figures, and their downloads with sources."""
    lang = view.lang
    st.markdown(f"#### {t('agenda_figures', lang)}")
    st.caption(t("agenda_figures_help", lang))
    st.dataframe(av.table, hide_index=True, width="stretch")
    if embedded():
        return
    store = get_store()
    downloads(
        av.table,
        [store.indicator(i) for i in av.indicator_ids],
        f"agenda-{av.goal.id}",
        view,
        title=t("agenda_download_title", lang, short=av.goal.short(lang)),
        url=agenda.agenda_url(view, av.goal.id, None, data.default_goal, app_base_url()),
    )


def _on_map_select(key: str, goal: str, data: AgendaData) -> None:
    picked = maps.selected_story(st.session_state.get(key))
    # a new chart key after every click: no selection lingers (see goal_map)
    st.session_state[keys.AGENDA_MAP_CLICKS] = st.session_state.get(keys.AGENDA_MAP_CLICKS, 0) + 1
    if picked:
        _write_url(goal, picked, data)


def goal_map(
    av: AgendaView, data: AgendaData, key: str = keys.AGENDA_MAP, presenting: bool = False
) -> None:
    """The goal's small map: its map indicator's choropleth (or grey gemeenten) and its
    stories as orange markers; a click on one shows that story (not while presenting).

    The chart's key changes after every click, so that its selection does not linger
    (Streamlit dims everything but a selected object, here the whole choropleth); the chosen
    story's marker is drawn larger instead."""
    lang = av.lang
    story = av.story.id if av.story else None
    spec = cache.agenda_map_spec(lang, av.goal.id, story, presenting, narrow())
    key = f"{key}-{st.session_state.get(keys.AGENDA_MAP_CLICKS, 0)}"
    st.pydeck_chart(
        spec,  # type: ignore[arg-type]  # quacks like the pydeck Deck it was made from
        height=560 if presenting else 380 if narrow() else 460,
        on_select="ignore" if presenting else partial(_on_map_select, key, av.goal.id, data),
        selection_mode="single-object",
        key=key,
        alt=f"{av.map_caption} {av.sentence}",
    )
    if av.map_indicator is not None:
        mv = cache.map_view(ViewState(indicator=av.map_indicator, scope="drenthe", lang=lang))
        if mv.classes is not None:
            no_data = bool(mv.table["value"].isna().any())
            legend_html(mv.classes, lang, no_data=no_data, title=t("legend", lang))
    st.caption(av.map_caption)


def story_card(
    story: Verhaal,
    data: AgendaData,
    store: Store,
    lang: str,
    add_button: bool = False,
    link_view: ViewState | None = None,
) -> None:
    """One story as text: title, place and year, summary, goals, source (all escaped)."""
    gemeenten = agenda.drenthe_gemeenten(store)
    st.markdown(f"**{escape_markdown(story.title(lang), max_len=130)}**")
    st.caption(escape_markdown(agenda.story_facts(story, data, gemeenten, lang), max_len=300))
    st.markdown(escape_markdown(story.summary(lang), max_len=700))
    st.caption(escape_markdown(agenda.story_goals_text(story, data, lang), max_len=400))
    st.caption(escape_markdown(agenda.story_source_text(story, lang), max_len=300))
    if story.url:
        st.link_button(t("agenda_story_link", lang), story.url, icon=":material/open_in_new:")
    if add_button:
        st.button(
            t("agenda_story_add", lang),
            on_click=_add_story_slide,
            args=(story, lang),
            icon=":material/playlist_add:",
            key=f"verhaal-toevoegen-{story.id}",
            type="tertiary",
        )
    if link_view is not None:
        st.page_link(
            "app_pages/agenda.py",
            label=t("agenda_story_open", lang),
            icon=":material/diversity_3:",
            query_params=agenda.agenda_query(
                link_view, story.goals[0], story.id, data.default_goal
            ),
        )


def _add_story_slide(story: Verhaal, lang: str) -> None:
    slide = stories.Slide(
        "verhaal",
        ViewState(lang=lang),
        story.title(lang)[: stories.MAX_TITLE],
        agenda.slide_sentence(story.summary(lang), stories.MAX_SENTENCE),
        item=story.id,
    )
    draft = st.session_state.get(keys.DRAFT, [])
    st.session_state[keys.DRAFT] = [*draft, slide][: stories.MAX_SLIDES]


def story_list(av: AgendaView, data: AgendaData, lang: str) -> None:
    """Vertellen: the chosen story open, the others folded (their titles escaped)."""
    st.markdown(f"#### {t('agenda_stories', lang)}")
    if not av.stories:
        st.info(t("agenda_no_stories", lang), icon=":material/chat:")
        return
    store = get_store()
    if av.story is not None:
        with st.container(border=True):
            st.caption(t("agenda_story_chosen", lang))
            story_card(av.story, data, store, lang, add_button=not embedded())
    for story in av.stories:
        if av.story is not None and story.id == av.story.id:
            continue
        label = escape_markdown(f"{story.title(lang)} · {story.place}", max_len=150)
        with st.expander(label):
            story_card(story, data, store, lang, add_button=not embedded())


def map_and_stories(av: AgendaView, data: AgendaData) -> None:
    if narrow():
        goal_map(av, data)
        story_list(av, data, av.lang)
        return
    left, right = st.columns([3, 2], gap="large")
    with left:
        goal_map(av, data)
    with right:
        story_list(av, data, av.lang)


def overview(av: AgendaView, view: ViewState, data: AgendaData) -> None:
    """Every goal by theme with its sentence, and a link to it."""
    lang = view.lang
    section(t("agenda_overview", lang))
    st.caption(t("agenda_overview_help", lang))
    themes: dict[str, list[agenda.GoalLine]] = {}
    for line in av.overview:
        themes.setdefault(line.theme.id, []).append(line)
    for lines in themes.values():
        st.markdown(f"**{escape_markdown(lines[0].theme.heading(lang), max_len=200)}**")
        for line in lines:
            n = line.n_stories
            count = t("agenda_n_stories_one" if n == 1 else "agenda_n_stories", lang, n=str(n))
            text = f"{line.sentence} ({count})"
            if line.goal.id == av.goal.id:
                text += f" {t('agenda_this_goal', lang)}"
            st.markdown(
                f"{line.goal.number}\\. {escape_markdown(text, max_len=600)}",
            )
            if line.goal.id != av.goal.id:
                st.page_link(
                    "app_pages/agenda.py",
                    label=t("agenda_open_goal", lang) + f": {line.goal.short(lang)}",
                    icon=":material/arrow_forward:",
                    query_params=agenda.agenda_query(view, line.goal.id, None, data.default_goal),
                )


def footer(av: AgendaView) -> None:
    source(av.source)


def end(store: Store, view: ViewState, av: AgendaView, data: AgendaData) -> None:
    """'Delen en insluiten' (or, embedded, the link back) with the goal and story."""
    extra = {
        k: v
        for k, v in agenda.agenda_query(
            ViewState(), av.goal.id, av.story.id if av.story else None, data.default_goal
        ).items()
        if isinstance(v, str)
    }
    page_end(store, view, agenda.PAGE_PATH, extra, title=av.goal.short(view.lang))


# --- stories on other pages -------------------------------------------------------------------


def gemeente_stories(view: ViewState, code: str, name: str) -> None:
    """The profile's 'Verhalen uit …': the stories in this gemeente, each with a link to it
    on the agenda page (nothing when the agenda cannot load)."""
    data = agenda_or_none()
    if data is None:
        return
    lang = view.lang
    found = data.stories_in(code)
    section(escape_markdown(t("profile_stories", lang, name=name), max_len=200))
    if not found:
        st.caption(escape_markdown(t("profile_no_stories", lang, name=name), max_len=300))
        return
    store = get_store()
    for story in found:
        with st.container(border=True):
            story_card(story, data, store, lang, link_view=view)


def goal_slide_sentence(view: ViewState) -> tuple[str, str, str] | None:
    """(goal id, title, sentence) of the goal the agenda page shows now ('Voeg deze
    weergave toe'); None when the goals do not load."""
    data = agenda_or_none()
    if data is None:
        return None
    goal, _, _ = current_goal(data)
    av = cache.agenda_view(view, goal)
    return goal, av.goal.short(view.lang), av.sentence
