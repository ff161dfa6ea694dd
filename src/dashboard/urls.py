"""Every URL and query parameter of the dashboard: read and written here, nowhere else (pure).

The view
    :func:`parse_query` reads a :class:`~dashboard.state.ViewState` from untrusted query
    parameters (with :class:`~dashboard.state.Notice` s for what it could not use),
    :func:`to_query` writes one; :data:`VIEW_PARAMS` maps the English fields to the public
    Dutch parameter names. :func:`view_query` and :func:`page_query` split a URL into the
    view's parameters and a page's own. The story reader (views.stories) validates a slide's
    view with :func:`parse_query` too.
Page parameters
    ``verhaal`` (:func:`story_param`) and ``notities=1`` (:func:`wants_notes`) on
    /presenteren, ``bediening=ja`` (:func:`wants_controls`) in an embed.
URLs
    :func:`view_url` (a view on a page, for shares, exports and the embed's way back),
    :func:`slide_url` / :func:`slide_query` (a slide's view: QR codes), :func:`story_url` /
    :func:`story_query` (a whole story), :func:`embed_url` (an iframe's). Pages are named by
    their id in :mod:`dashboard.pages`, which knows their paths.
Migrations
    :data:`RENAMED_INDICATORS`, :data:`RENAMED_PAGES`, :data:`RENAMED_PATHS`: old names that
    keep working wherever a name is read from outside.

A view is reproducible from its URL. The public parameter names (documented in the README):

``indicator``  catalogue id                    ``periode``  canonical period (latest if absent)
``gemeente``   CBS codes, repeated or comma-separated (GM0106,GM0114)
``schaal``     drenthe | noord-nederland | nederland            ``taal``  nl | en
``kleur``      klassen (fixed over all periods) | periode (classes of the shown period only) |
               drenthe | nederland (diverging colours centred on that value)
``vanaf``      a period before the shown one: the map shows the change since then (only for
               indicators whose periods the catalogue marks comparable)
``verandering`` eenheid (in the indicator's unit: percentage points for shares) | relatief
               (% of the start value); absent: the indicator's own (relatief for counts)

Values that equal the default are left out of the URL, so a URL without ``periode`` follows
new data ("live") and one with ``periode`` is frozen to that period.

Why not ``bind="query-params"`` on the widgets: Streamlit writes a bound selectbox's
*formatted label* into the URL (``?indicator=Mediaan+gestandaardiseerd+inkomen``) and drops an
invalid value silently. Our URLs carry catalogue ids and CBS codes, and a bad value must show a
notice; so :func:`parse_query` validates and :func:`to_query` writes, and app/controls.py
syncs them with the widgets. The Streamlit code passes ``st.query_params`` in as it is: every
function here that reads parameters takes any mapping, and all values of a repeated parameter
where the mapping has ``get_all`` (as ``st.query_params`` has).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any, Protocol, TypedDict
from urllib.parse import urlencode

from dashboard import pages
from dashboard.state import DEFAULT_INDICATOR, Notice, ViewState
from dashboard.vocabulary import CHANGE_KINDS, COLOURINGS, LANGUAGES, MAX_GEMEENTEN, SCOPES

# ViewState field -> its public URL parameter. The fields are English like the rest of the
# code; the parameters are Dutch because the URLs are (and printed links must keep working).
# ``gemeenten`` keeps its Dutch name in code too: a gemeente is the CBS unit the codes
# (GM0106) name, a term of the domain like "indicator", and the whole code base says
# gemeente (gemeente_code, MAX_GEMEENTEN); "areas" or "municipalities" would blur that only
# gemeenten, never regions or provinces, can be selected.
VIEW_PARAMS = {
    "indicator": "indicator",
    "period": "periode",
    "gemeenten": "gemeente",
    "scope": "schaal",
    "lang": "taal",
    "colouring": "kleur",
    "since": "vanaf",
    "change_kind": "verandering",
}
PARAMS = tuple(VIEW_PARAMS.values())  # the view's parameters, as in the URL
P = VIEW_PARAMS
# the parameters with a closed list of values; the first is the default
CHOICES: dict[str, tuple[str, ...]] = {
    P["scope"]: SCOPES,
    P["lang"]: LANGUAGES,
    P["colouring"]: COLOURINGS,
}

Params = Mapping[str, Any]  # a dict of str or lists of str, or st.query_params

# -- migrations --------------------------------------------------------------------------------
# Renamed ids, old -> new, applied wherever an id is read from outside (a URL, a story file,
# a ?verhaal= link, a slide's QR code), so that bookmarks, embeds and printed QR codes keep
# working after a rename. When you rename, add a line; never remove one (chains are followed:
# a -> b and later b -> c send a to c).
RENAMED_INDICATORS: dict[str, str] = {}  # catalogue id
RENAMED_PAGES: dict[str, str] = {}  # page id, as story files and links name a slide's page
RENAMED_PATHS: dict[str, str] = {}  # URL path -> the page id now there (app.py redirects)


def _current(table: Mapping[str, str], name: str) -> str:
    for _ in range(len(table)):  # a cycle (a mistake in a table) must not hang a request
        if name not in table:
            break
        name = table[name]
    return name


def current_indicator(indicator_id: str) -> str:
    """The id an indicator has now, after any renames."""
    return _current(RENAMED_INDICATORS, indicator_id)


def current_page(page_id: str) -> str:
    """The id a page has now, after any renames."""
    return _current(RENAMED_PAGES, page_id)


def moved_paths() -> dict[str, str]:
    """Old URL path -> the id of the page now there, for every renamed path (app.py serves
    each as a hidden page that forwards to that page with the same query)."""
    return {path: current_page(page_id) for path, page_id in RENAMED_PATHS.items()}


def _raw(params: Params, name: str) -> list[str]:
    get_all = getattr(params, "get_all", None)
    raw = get_all(name) if callable(get_all) else params.get(name)
    if raw is None:
        return []
    return [str(v) for v in ([raw] if isinstance(raw, str) else raw)]


def visible(value: str) -> str:
    """A parameter's value without invisible characters (zero-width spaces and joiners, byte
    order marks, bidi marks: Unicode's format characters) and surrounding whitespace, which a
    copied link can carry and no id, code or period contains."""
    if value.isascii():
        return value.strip()
    return "".join(c for c in value if unicodedata.category(c) != "Cf").strip()


def _values(params: Params, name: str) -> list[str]:
    return [visible(v) for v in _raw(params, name)]


def _single(params: Params, name: str) -> str | None:
    values = _values(params, name)
    return values[-1] if values else None


def _choice(params: Params, name: str, allowed: Sequence[str], notices: list[Notice]) -> str:
    value = _single(params, name)
    if value is None or value == "":
        return allowed[0]
    if value.lower() in allowed:
        return value.lower()
    notices.append(Notice(name, value, "unknown_value"))
    return allowed[0]


NOTICE_VALUES = 5  # values a notice names; it counts the rest


def parse_query(
    params: Params,
    indicators: Collection[str],
    periods_of: Callable[[str], Sequence[str]],
    gemeente_codes: Collection[str],
    default_indicator: str = DEFAULT_INDICATOR,
    comparable: Callable[[str], bool] | None = None,
    pairable: Callable[[str], Sequence[str]] | None = None,
) -> tuple[ViewState, list[Notice]]:
    """Read a view from query parameters. A renamed indicator id is read as its current one;
    anything unusable falls back to its default and yields a :class:`Notice`; nothing here
    raises. ``comparable(indicator)`` says whether the indicator's periods may be paired
    (the catalogue's ``comparable``); without it every indicator's may. ``pairable``, finer,
    gives an indicator's periods that may be paired (views.changeview.pairable_periods):
    the start and the shown period must both be among them. A ``vanaf`` that is not an
    earlier period of the indicator, or that may not be paired with the shown one, is
    dropped with a notice: the plain map of one period is shown."""
    notices: list[Notice] = []
    written = _single(params, P["indicator"])
    # catalogue ids are lower case: an id is read case-insensitively, as every other value
    indicator = current_indicator(written.lower()) if written else default_indicator
    if written and indicator not in indicators:
        notices.append(Notice(P["indicator"], written, "unknown_indicator"))
        indicator = default_indicator

    period = _single(params, P["period"]) or None
    if period is not None and period not in periods_of(indicator):
        notices.append(Notice(P["period"], period, "unknown_period"))
        period = None

    since = _since(params, indicator, period, periods_of, comparable, pairable, notices)

    gemeenten: list[str] = []
    unknown: dict[str, None] = {}  # each unknown code once, in order
    for value in _values(params, P["gemeenten"]):
        for code in (c.strip().upper() for c in value.split(",")):
            if not code:
                continue
            if code not in gemeente_codes:
                unknown[code] = None
            elif code not in gemeenten:
                gemeenten.append(code)
    if unknown:  # one notice for the parameter, however many codes a link carries
        shown = [c if len(c) <= 20 else c[:19] + "…" for c in list(unknown)[:NOTICE_VALUES]]
        notices.append(Notice(P["gemeenten"], ", ".join(shown), "unknown_gemeente", len(unknown)))
    if len(gemeenten) > MAX_GEMEENTEN:
        notices.append(Notice(P["gemeenten"], "", "too_many_gemeenten"))
        gemeenten = gemeenten[:MAX_GEMEENTEN]

    view = ViewState(
        indicator=indicator,
        period=period,
        gemeenten=tuple(gemeenten),
        scope=_choice(params, P["scope"], CHOICES[P["scope"]], notices),
        lang=_choice(params, P["lang"], CHOICES[P["lang"]], notices),
        colouring=_choice(params, P["colouring"], CHOICES[P["colouring"]], notices),
        since=since,
        change_kind=_change_kind(params, notices),
    )
    return view, notices


def _change_kind(params: Params, notices: list[Notice]) -> str | None:
    """``verandering``: one of CHANGE_KINDS, or None (absent, empty or unknown: the
    indicator's default, with a notice for an unknown value)."""
    value = _single(params, P["change_kind"])
    if not value:
        return None
    if value.lower() in CHANGE_KINDS:
        return value.lower()
    notices.append(Notice(P["change_kind"], value, "unknown_value"))
    return None


def _since(
    params: Params,
    indicator: str,
    period: str | None,
    periods_of: Callable[[str], Sequence[str]],
    comparable: Callable[[str], bool] | None,
    pairable: Callable[[str], Sequence[str]] | None,
    notices: list[Notice],
) -> str | None:
    """The start period of a change map, if the URL has a usable one (see parse_query)."""
    since = _single(params, P["since"]) or None
    if since is None:
        return None
    periods = list(periods_of(indicator))
    shown = period or (periods[-1] if periods else None)
    if since not in periods:
        reason = "unknown_since"
    elif (comparable is not None and not comparable(indicator)) or (
        pairable is not None and not {since, shown} <= set(pairable(indicator))
    ):
        reason = "since_not_comparable"
    elif shown is None or periods.index(since) >= periods.index(shown):
        reason = "since_not_before"
    else:
        return since
    notices.append(Notice(P["since"], since, reason))
    return None


def to_query(view: ViewState, default: ViewState | None = None) -> dict[str, str | list[str]]:
    """The URL parameters of a view: only what differs from the default view (gemeenten,
    when there are any, last and as a list)."""
    default = default or ViewState()
    query: dict[str, str | list[str]] = {}
    for field, param in VIEW_PARAMS.items():
        value = getattr(view, field)
        if field != "gemeenten" and value is not None and value != getattr(default, field):
            query[param] = value
    if view.gemeenten:
        query[P["gemeenten"]] = list(view.gemeenten)
    return query


def all_values(params: Params) -> dict[str, list[str]]:
    """Every parameter with all its values as written, in the URL's order."""
    return {name: _raw(params, name) for name in params}


def view_query(params: Params) -> dict[str, str | list[str]]:
    """The view's parameters as they are in the URL, in the shape of :func:`to_query` (the
    last value of each, every value of ``gemeente``); the parameters of a page are left out."""
    return {
        name: values if name == P["gemeenten"] else values[-1]
        for name, values in all_values(params).items()
        if name in PARAMS and values
    }


def page_query(params: Params) -> dict[str, list[str]]:
    """The parameters that are not the view's (a story, its speaker notes), kept as they
    are when the controls rewrite the URL."""
    return {name: values for name, values in all_values(params).items() if name not in PARAMS}


def view_url(view: ViewState, page: str = pages.DEFAULT.id, root: str = "") -> str:
    """The URL of a view on a page (by id): ``root`` (:func:`app_root`: scheme, host and the
    path prefix of a proxy, e.g. ``https://example.org/bw``) and the page's path and query;
    without a root a root-relative link (``/regios?...``)."""
    query = urlencode(to_query(view), doseq=True)
    return f"{root.rstrip('/')}/{pages.page(page).url_path}" + (f"?{query}" if query else "")


# -- where the app is served ---------------------------------------------------------------


def base_path(option: object) -> str:
    """Streamlit's ``server.baseUrlPath`` (the app behind a proxy at ``/bw/``) as a path
    prefix for links: ``"bw"``, ``"/bw/"`` -> ``"/bw"``, ``"a//b"`` -> ``"/a/b"``; none
    (``""`` or None) -> ``""``."""
    parts = [p for p in str(option or "").split("/") if p]
    return "/" + "/".join(parts) if parts else ""


def app_root(page_url: str, base_url_path: object = "") -> str:
    """The app's root as the browser sees it: scheme, host and port of ``page_url`` (the page's
    address, ``st.context.url``) followed by the path prefix ``server.baseUrlPath``.
    ``("https://example.org/bw/regios", "bw")`` -> ``"https://example.org/bw"``; without a
    scheme and host in ``page_url`` just the prefix (a root-relative link still works)."""
    parts = page_url.split("/", 3)  # ["https:", "", "example.org", "bw/regios"]
    origin = "/".join(parts[:3]) if len(parts) >= 3 and parts[1] == "" and parts[2] else ""
    return origin + base_path(base_url_path)


# -- page parameters -------------------------------------------------------------------------

STORY_PARAM = "verhaal"  # /presenteren?verhaal=...: a whole story (views.stories packs it)
NOTES_PARAM = "notities"  # /presenteren?verhaal=...&notities=1: its speaker notes
CONTROLS_PARAM = "bediening"  # ?embed=true&bediening=ja: an embed that keeps the controls
EMBED_PARAM = "embed"  # Streamlit's own: ?embed=true shows the page without the app's chrome


def story_param(params: Params) -> list[str] | None:
    """Every value of ``verhaal`` as written (the story reader takes the last), or None when
    the URL has no story; an empty ``?verhaal=`` is a story link, and a problem to show."""
    return _raw(params, STORY_PARAM) if STORY_PARAM in params else None


def wants_notes(params: Params) -> bool:
    return _single(params, NOTES_PARAM) == "1"


def wants_controls(params: Params) -> bool:
    return _single(params, CONTROLS_PARAM) == "ja"


DRAFT_PARAM = "concept"  # the facilitator's own story being built (views.stories packed form)


def draft_param(params: Params) -> str | None:
    """The packed draft story of ``?concept=`` (on every page), if any: a reload or a
    server restart finds the facilitator's slides there (app/widgets/present.keep_draft)."""
    return _single(params, DRAFT_PARAM) or None


def story_query(packed: str, notes: bool = False) -> dict[str, str]:
    """The query of a story link (``packed``: views.stories.story_to_param), optionally
    opening its speaker notes."""
    return {STORY_PARAM: packed, **({NOTES_PARAM: "1"} if notes else {})}


def story_url(packed: str, base_url: str = "", notes: bool = False) -> str:
    """``{base_url}/presenteren?verhaal=...``: a whole story in one link (the packed form is
    URL-safe, so it is written as it is)."""
    query = "&".join(f"{k}={v}" for k, v in story_query(packed, notes).items())
    return f"{base_url.rstrip('/')}/{pages.page('presenteren').url_path}?{query}"


class _OnAPage(Protocol):
    """A view on a page: a story's slide (views.stories.Slide)."""

    page: str
    view: ViewState


class SlideLink(TypedDict):
    path: str  # page path without leading slash: "" for the map, "regios", ...
    query: dict[str, str | list[str]]  # to_query of the slide's view


# the slide pages that show an item of the agenda page, and its query parameter
ITEM_PARAMS = {"agenda": "doel", "verhaal": "initiatief"}


def slide_query(slide: _OnAPage) -> SlideLink:
    """The page path and query parameters that open this slide's view. Unlike the app's own
    URLs the indicator is always written, even when it is the default one: a printed QR code
    must keep its meaning if the default changes. (A slide without ``periode`` still follows
    the latest period.) A goal or story slide opens the agenda page with ``?doel=`` or
    ``?initiatief=`` (and its language)."""
    item = ITEM_PARAMS.get(slide.page)
    if item is not None:  # a goal ("agenda") or a story ("verhaal") of the Sociale Agenda
        query = to_query(ViewState(lang=slide.view.lang))
        query[item] = getattr(slide, "item", "")
        return {"path": pages.page("agenda").url_path, "query": query}
    query = to_query(slide.view, default=ViewState(indicator=""))
    return {"path": pages.page(slide.page).url_path, "query": query}


def slide_url(slide: _OnAPage, base_url: str = "") -> str:
    """``{base_url}/{path}?{query}``; gemeenten comma-separated (shorter QR codes).
    Without a base URL the result is a root-relative link (``/regios?indicator=...``)."""
    link = slide_query(slide)
    query = {k: ",".join(v) if isinstance(v, list) else v for k, v in link["query"].items()}
    qs = urlencode(query, safe=",")
    return f"{base_url.rstrip('/')}/{link['path']}" + (f"?{qs}" if qs else "")


def embed_url(url: str, controls: bool = False) -> str:
    """The URL of a view in Streamlit's embed mode (no app chrome); ``controls`` keeps the
    shared controls in the embed (``bediening=ja``)."""
    extra = f"{EMBED_PARAM}=true" + (f"&{CONTROLS_PARAM}=ja" if controls else "")
    return url + ("&" if "?" in url else "?") + extra
