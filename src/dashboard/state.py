"""The view state and its URL form: the one place where query parameters are read and written.

A view is reproducible from its URL. The public parameter names (documented in the README):

``indicator``  catalogue id                    ``periode``  canonical period (latest if absent)
``gemeente``   CBS codes, repeated or comma-separated (GM0106,GM0114)
``schaal``     drenthe | noord-nederland | nederland            ``taal``  nl | en
``kleur``      klassen (fixed over all periods) | periode (classes of the shown period only) |
               drenthe | nederland (diverging colours centred on that value)

Values that equal the default are left out of the URL, so a URL without ``periode`` follows
new data ("live") and one with ``periode`` is frozen to that period.

Why not ``bind="query-params"`` on the widgets: Streamlit writes a bound selectbox's
*formatted label* into the URL (``?indicator=Mediaan+gestandaardiseerd+inkomen``) and drops an
invalid value silently. Our URLs carry catalogue ids and CBS codes, and a bad value must show a
notice; so :func:`parse_query` validates and :func:`to_query` writes, and app.py syncs them.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass

from dashboard.vocabulary import COLOURINGS, LANGUAGES, MAX_GEMEENTEN, SCOPES

PARAMS = ("indicator", "periode", "gemeente", "schaal", "taal", "kleur")
# The default view's indicator: a catalogue id, not a closed list, so it stays with ViewState.
DEFAULT_INDICATOR = "vrijwilligerswerk"


@dataclass(frozen=True)
class ViewState:
    indicator: str = DEFAULT_INDICATOR
    periode: str | None = None  # None: the latest period of the indicator
    gemeenten: tuple[str, ...] = ()
    schaal: str = SCOPES[0]
    taal: str = LANGUAGES[0]
    kleur: str = COLOURINGS[0]


@dataclass(frozen=True)
class Notice:
    """A query parameter that could not be used; ``value`` is untrusted text."""

    param: str
    value: str
    reason: str  # its text is the i18n key notice_<reason>


def _values(params: Mapping[str, str | Sequence[str]], name: str) -> list[str]:
    raw = params.get(name)
    if raw is None:
        return []
    items = [raw] if isinstance(raw, str) else list(raw)
    return [str(v).strip() for v in items]


def _single(params: Mapping[str, str | Sequence[str]], name: str) -> str | None:
    values = _values(params, name)
    return values[-1] if values else None


def _choice(
    params: Mapping[str, str | Sequence[str]],
    name: str,
    allowed: Sequence[str],
    notices: list[Notice],
) -> str:
    value = _single(params, name)
    if value is None or value == "":
        return allowed[0]
    if value.lower() in allowed:
        return value.lower()
    notices.append(Notice(name, value, "unknown_value"))
    return allowed[0]


def parse_query(
    params: Mapping[str, str | Sequence[str]],
    indicators: Collection[str],
    periods_of: Callable[[str], Sequence[str]],
    gemeente_codes: Collection[str],
    default_indicator: str = DEFAULT_INDICATOR,
) -> tuple[ViewState, list[Notice]]:
    """Read a view from query parameters. Anything unusable falls back to its default and
    yields a :class:`Notice`; nothing here raises."""
    notices: list[Notice] = []
    indicator = _single(params, "indicator")
    if indicator is None or indicator == "":
        indicator = default_indicator
    elif indicator not in indicators:
        notices.append(Notice("indicator", indicator, "unknown_indicator"))
        indicator = default_indicator

    periode = _single(params, "periode") or None
    if periode is not None and periode not in periods_of(indicator):
        notices.append(Notice("periode", periode, "unknown_period"))
        periode = None

    gemeenten: list[str] = []
    for value in _values(params, "gemeente"):
        for code in (c.strip().upper() for c in value.split(",")):
            if not code:
                continue
            if code not in gemeente_codes:
                notices.append(Notice("gemeente", code, "unknown_gemeente"))
            elif code not in gemeenten:
                gemeenten.append(code)
    if len(gemeenten) > MAX_GEMEENTEN:
        notices.append(Notice("gemeente", "", "too_many_gemeenten"))
        gemeenten = gemeenten[:MAX_GEMEENTEN]

    state = ViewState(
        indicator=indicator,
        periode=periode,
        gemeenten=tuple(gemeenten),
        schaal=_choice(params, "schaal", SCOPES, notices),
        taal=_choice(params, "taal", LANGUAGES, notices),
        kleur=_choice(params, "kleur", COLOURINGS, notices),
    )
    return state, notices


def to_query(state: ViewState, default: ViewState | None = None) -> dict[str, str | list[str]]:
    """The URL parameters of a view: only what differs from the default view."""
    default = default or ViewState()
    query: dict[str, str | list[str]] = {}
    for name in ("indicator", "periode", "schaal", "taal", "kleur"):
        value = getattr(state, name)
        if value is not None and value != getattr(default, name):
            query[name] = value
    if state.gemeenten:
        query["gemeente"] = list(state.gemeenten)
    return query
