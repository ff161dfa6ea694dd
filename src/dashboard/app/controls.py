"""The shared controls in the sidebar and their sync with the URL: the view of a session.

The URL wins on a session's first run and whenever it changes without the controls (a link
between pages, the browser's back button); otherwise the controls write the URL. Parsing and
writing query parameters is :mod:`dashboard.urls`'s; this module only wires it to widgets.
"""

from __future__ import annotations

import streamlit as st

from dashboard import state, urls, vocabulary
from dashboard.app import cache, keys, uploads
from dashboard.app.resources import scope_gemeenten, shared_store
from dashboard.model.store import Store
from dashboard.model.upload import is_own
from dashboard.state import ViewState
from dashboard.text.i18n import t
from dashboard.text.numbers import escape_markdown, period_label
from dashboard.views import changeview

KEY = keys.VIEW


def _parse_url(store: Store) -> tuple[ViewState, list[state.Notice]]:
    view, notices = urls.parse_query(
        st.query_params,
        indicators=store.catalog.indicators,
        periods_of=store.periods,
        gemeente_codes=set(store.gebieden["gemeente_code"]),
        pairable=lambda indicator: changeview.pairable_periods(store, indicator),
    )
    return view, [uploads.url_notice(n) for n in notices]


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
    st.session_state[KEY["change_kind"]] = view.change_kind or changeview.default_kind(
        store.indicator(view.indicator)
    )
    st.session_state[keys.PERIOD_EXPLICIT] = view.period is not None
    st.session_state[keys.NOTICES] = notices
    st.session_state[keys.SEEDED] = True


def _on_period_change() -> None:
    st.session_state[keys.PERIOD_EXPLICIT] = True


def _on_indicator_change() -> None:
    st.session_state[keys.PERIOD_EXPLICIT] = False
    # the kind of change starts as the new indicator's own (controls() sets it)
    st.session_state.pop(KEY["change_kind"], None)


def indicator_options(store: Store, lang: str) -> tuple[list[str], dict[str, str]]:
    options, labels = [], {}
    for theme, indicators in store.catalog.by_theme().items():
        theme_label = store.catalog.theme_label(theme, lang)
        for ind in indicators:
            options.append(ind.id)
            labels[ind.id] = f"{theme_label} · {ind.label(lang)}"
            if is_own(ind):
                labels[ind.id] += f" ({t('upload_mark', lang)})"
    return options, labels


def controls(store: Store) -> ViewState:
    """Draw the shared controls in the sidebar, sync the URL, and return the view."""
    for key in KEY.values():
        if key in st.session_state:
            # Re-assigning makes the values survive a page switch: Streamlit otherwise
            # resets widgets of the entry point to their defaults on the new page.
            st.session_state[key] = st.session_state[key]
    uploads.keep_widgets()
    in_url = urls.view_query(st.query_params)
    if not st.session_state.get(keys.SEEDED) or (
        in_url and in_url != st.session_state.get(keys.WRITTEN)
    ):
        # a first visit, or a URL the controls did not write (a link between pages, the
        # browser's back button): the URL wins. An empty URL (after a page switch) keeps
        # the session's view and gets it written back.
        _seed(store)
    ss = st.session_state
    if ss.get(KEY["lang"]) not in vocabulary.LANGUAGES:
        # the language control was deselected (clicking the chosen language again): keep
        # the language the session had, and show it chosen, instead of falling to Dutch
        before = ss.get(keys.CURRENT)
        ss[KEY["lang"]] = before.lang if before is not None else vocabulary.DEFAULT_LANGUAGE
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
    since = _since_value(store, indicator, period)
    change_kind = _change_kind_value(store, indicator, since)
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
    language = (
        sidebar.segmented_control(
            t("language", lang),
            vocabulary.LANGUAGES,
            key=KEY["lang"],
            format_func=lambda code: t(f"language_{code}", lang),
            selection_mode="single",
        )
        or lang
    )
    uploads.panel(shared_store(), language)
    view = ViewState(
        indicator=indicator,
        period=period if ss.get(keys.PERIOD_EXPLICIT) else None,
        gemeenten=tuple(gemeenten),
        scope=scope,
        lang=language,
        colouring=colouring,
        since=since,
        change_kind=change_kind,
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


def _since_value(store: Store, indicator: str, period: str) -> str | None:
    """The start period of a change map the session holds (None: the map of one period).
    Its control is on the map page (:func:`change_controls`), which is drawn after this
    runs; the value is kept on every page, so ``vanaf`` survives page switches like the
    sidebar's parameters. One that is no start period of this indicator and period is
    dropped."""
    ss = st.session_state
    refused = cache.change_refusal(indicator, period)
    starts = [] if refused else changeview.start_periods(store, indicator, period)
    if ss.get(KEY["since"]) not in starts:
        ss[KEY["since"]] = NO_CHANGE
    return ss[KEY["since"]] or None


def _change_kind_value(store: Store, indicator: str, since: str | None) -> str | None:
    """How the change is measured, for the view: None when it is the indicator's default
    (so that the URL only says ``verandering`` when it differs, and old links keep their
    picture) or when no change map is asked for."""
    ss = st.session_state
    default = changeview.default_kind(store.indicator(indicator))
    if ss.get(KEY["change_kind"]) not in vocabulary.CHANGE_KINDS:
        ss[KEY["change_kind"]] = default
    kind = ss[KEY["change_kind"]]
    return None if since is None or kind == default else kind


def change_controls(store: Store, view: ViewState) -> None:
    """'Verandering sinds …' and 'Verandering in' (eenheid | relatief) side by side: on the
    map page, the only page where they have an effect. Where no change is offered, one line
    says why instead of a control; the kind is shown once a start period is chosen. (Disabled
    controls were drawn with labels of too little contrast for axe, and told nothing more.)"""
    lang, indicator = view.lang, view.indicator
    period = st.session_state[KEY["period"]]
    refused = cache.change_refusal(indicator, period)
    if refused is not None:
        st.caption(f"**{t('change_mode', lang)}**: {t(refused, lang)}")
        return
    starts = changeview.start_periods(store, indicator, period)
    left, right = st.columns(2)
    left.selectbox(
        t("change_mode", lang),
        [NO_CHANGE, *starts],
        key=KEY["since"],
        format_func=lambda p: period_label(p, lang) if p else t("change_mode_none", lang),
        help=t("change_mode_help", lang),
    )
    if view.since is None:
        return
    right.radio(
        t("change_kind", lang),
        vocabulary.CHANGE_KINDS,
        key=KEY["change_kind"],
        format_func=lambda k: changeview.kind_label(store.indicator(indicator), k, lang),
        help=t("change_kind_help", lang),
        horizontal=True,
    )


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
