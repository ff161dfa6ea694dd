"""The shared controls in the sidebar and their sync with the URL: the view of a session.

The URL wins on a session's first run and whenever it changes without the controls (a link
between pages, the browser's back button); otherwise the controls write the URL. Parsing and
writing query parameters is :mod:`dashboard.urls`'s; this module only wires it to widgets.
"""

from __future__ import annotations

import streamlit as st

from dashboard import state, urls, vocabulary
from dashboard.app import cache, keys
from dashboard.app.resources import scope_gemeenten
from dashboard.model.store import Store
from dashboard.state import ViewState
from dashboard.text.i18n import t
from dashboard.text.numbers import escape_markdown, period_label
from dashboard.views import changeview

KEY = keys.VIEW


def _parse_url(store: Store) -> tuple[ViewState, list[state.Notice]]:
    return urls.parse_query(
        st.query_params,
        indicators=store.catalog.indicators,
        periods_of=store.periods,
        gemeente_codes=set(store.gebieden["gemeente_code"]),
        comparable=lambda indicator: store.indicator(indicator).comparable,
    )


def _seed(store: Store) -> None:
    """On a session's first run: read the URL into the widgets' state, keep the notices."""
    view, notices = _parse_url(store)
    periods = store.periods(view.indicator)
    st.session_state[KEY["indicator"]] = view.indicator
    st.session_state[KEY["period"]] = view.period or periods[-1]
    st.session_state[KEY["gemeenten"]] = list(view.gemeenten)
    st.session_state[KEY["scope"]] = view.scope
    st.session_state[KEY["lang"]] = view.lang
    st.session_state[KEY["colouring"]] = view.colouring
    st.session_state[KEY["since"]] = view.since or NO_CHANGE
    st.session_state[keys.PERIOD_EXPLICIT] = view.period is not None
    st.session_state[keys.NOTICES] = notices
    st.session_state[keys.SEEDED] = True


def _on_period_change() -> None:
    st.session_state[keys.PERIOD_EXPLICIT] = True


def _on_indicator_change() -> None:
    st.session_state[keys.PERIOD_EXPLICIT] = False


def indicator_options(store: Store, lang: str) -> tuple[list[str], dict[str, str]]:
    options, labels = [], {}
    for theme, indicators in store.catalog.by_theme().items():
        theme_label = store.catalog.theme_label(theme, lang)
        for ind in indicators:
            options.append(ind.id)
            labels[ind.id] = f"{theme_label} · {ind.label(lang)}"
    return options, labels


def controls(store: Store) -> ViewState:
    """Draw the shared controls in the sidebar, sync the URL, and return the view."""
    for key in KEY.values():
        if key in st.session_state:
            # Re-assigning makes the values survive a page switch: Streamlit otherwise
            # resets widgets of the entry point to their defaults on the new page.
            st.session_state[key] = st.session_state[key]
    in_url = urls.view_query(st.query_params)
    if not st.session_state.get(keys.SEEDED) or (
        in_url and in_url != st.session_state.get(keys.WRITTEN)
    ):
        # a first visit, or a URL the controls did not write (a link between pages, the
        # browser's back button): the URL wins. An empty URL (after a page switch) keeps
        # the session's view and gets it written back.
        _seed(store)
    ss = st.session_state
    lang = ss[KEY["lang"]]
    sidebar = st.sidebar

    options, labels = indicator_options(store, lang)
    indicator = sidebar.selectbox(
        t("indicator", lang),
        options,
        key=KEY["indicator"],
        format_func=labels.__getitem__,
        help=t("indicator_help", lang),
        on_change=_on_indicator_change,
    )
    periods = store.periods(indicator)
    pending = ss.pop(keys.PERIOD_PENDING, None)  # the map's timeline moved the period
    if pending in periods:
        ss[KEY["period"]] = pending
        ss[keys.PERIOD_EXPLICIT] = True
    if ss.get(KEY["period"]) not in periods or not ss.get(keys.PERIOD_EXPLICIT):
        ss[KEY["period"]] = periods[-1]
    period = sidebar.selectbox(
        t("period", lang),
        list(reversed(periods)),
        key=KEY["period"],
        format_func=lambda p: period_label(p, lang),
        on_change=_on_period_change,
    )
    since = _since_control(store, indicator, period, lang)
    scope = sidebar.radio(
        t("scope", lang),
        vocabulary.SCOPES,
        key=KEY["scope"],
        format_func=lambda s: t(f"scope_{s}", lang),
    )
    scope_codes = scope_gemeenten(scope)
    chosen = ss.get(KEY["gemeenten"], [])
    gemeente_options = sorted(set(scope_codes) | set(chosen), key=store.name)
    gemeenten = sidebar.multiselect(
        t("gemeenten", lang),
        gemeente_options,
        key=KEY["gemeenten"],
        format_func=store.name,
        max_selections=vocabulary.MAX_GEMEENTEN,
        # no "Select all" first option: one ArrowDown+Enter would choose every gemeente
        select_all=False,
        placeholder=t("gemeenten_placeholder", lang),
        help=t("gemeenten_help", lang),
    )
    colouring = sidebar.radio(
        t("colouring", lang),
        vocabulary.COLOURINGS,
        key=KEY["colouring"],
        format_func=lambda c: t(f"colour_{c}", lang),
    )
    language = sidebar.segmented_control(
        t("language", lang),
        vocabulary.LANGUAGES,
        key=KEY["lang"],
        format_func=lambda code: t(f"language_{code}", lang),
        selection_mode="single",
    )
    if language is None:  # a segmented control can be deselected; keep the language
        language = lang
    view = ViewState(
        indicator=indicator,
        period=period if ss.get(keys.PERIOD_EXPLICIT) else None,
        gemeenten=tuple(gemeenten),
        scope=scope,
        lang=language,
        colouring=colouring,
        since=since,
    )
    query = urls.to_query(view)
    if query != urls.view_query(st.query_params):
        # parameters of a page itself (a story, a slide number) stay as they are
        st.query_params.from_dict({**urls.page_query(st.query_params), **query})
    if ss.get(keys.WRITTEN) not in (None, query):
        ss[keys.NOTICES] = []  # the user changed the view: notices about the old URL are stale
    ss[keys.WRITTEN] = query
    return view


# the "Verandering sinds" option of the map of one period: not None, which a selectbox shows
# as its placeholder ("Choose an option") instead of the option's label
NO_CHANGE = ""


def _since_control(store: Store, indicator: str, period: str, lang: str) -> str | None:
    """'Verandering sinds …': the start period of a change map (None: one period). Where the
    change is not offered, the control is disabled and a caption says why."""
    ss = st.session_state
    refused = cache.change_refusal(indicator, period)
    starts = [] if refused else changeview.start_periods(store, indicator, period)
    if ss.get(KEY["since"]) not in starts:
        ss[KEY["since"]] = NO_CHANGE
    since = st.sidebar.selectbox(
        t("change_mode", lang),
        [NO_CHANGE, *starts],
        key=KEY["since"],
        format_func=lambda p: period_label(p, lang) if p else t("change_mode_none", lang),
        help=t("change_mode_help", lang),
        disabled=refused is not None,
    )
    if refused is not None:
        st.sidebar.caption(t(refused, lang))
    return since or None


def url_view(store: Store) -> ViewState:
    """The view from the URL alone, without controls (an embed): notices are kept."""
    view, notices = _parse_url(store)
    st.session_state[keys.NOTICES] = notices
    return view


def show_notices(lang: str) -> None:
    for notice in st.session_state.get(keys.NOTICES, []):
        value = f"“{escape_markdown(notice.value)}”" if notice.value else ""
        if notice.count > 1:  # several unknown gemeente codes: one notice that counts them
            named = notice.value.split(", ")
            value = ", ".join(f"“{escape_markdown(v)}”" for v in named)
            more = notice.count - len(named)
            rest = t("harden_notice_and_more", lang, n=str(more)) if more > 0 else ""
            text = t(
                "harden_notice_unknown_gemeenten", lang, n=notice.count, value=value, more=rest
            )
            st.warning(text, icon="⚠️")
            continue
        st.warning(t(f"notice_{notice.reason}", lang, value=value, param=notice.param), icon="⚠️")


def show_period(period: str) -> None:
    """Ask the controls to show this period on the next run (the map's timeline: the
    period selectbox may not be changed once it is drawn)."""
    st.session_state[keys.PERIOD_PENDING] = period


def select_gemeente(code: str | None) -> None:
    """Add a gemeente to the shared selection (from a map click); call from a callback."""
    if not code or not code.startswith("GM"):
        return
    chosen = list(st.session_state.get(KEY["gemeenten"], []))
    if code in chosen:
        chosen.remove(code)
    else:
        chosen.append(code)
    st.session_state[KEY["gemeenten"]] = chosen[-vocabulary.MAX_GEMEENTEN :]


def put_first(code: str) -> None:
    """Put a gemeente first in the shared selection (the profile's picker)."""
    rest = [c for c in st.session_state.get(KEY["gemeenten"], []) if c != code]
    st.session_state[KEY["gemeenten"]] = [code, *rest][: vocabulary.MAX_GEMEENTEN]


def set_current_view(view: ViewState) -> None:
    st.session_state[keys.CURRENT] = view


def current_view(store: Store) -> ViewState:
    """The view app.py's controls produced in this run. A page run on its own (Streamlit's
    AppTest runs only the page when asked for one) draws the controls itself."""
    if keys.CURRENT not in st.session_state:
        set_current_view(controls(store))
    return st.session_state[keys.CURRENT]
