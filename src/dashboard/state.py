"""The view state: the small value object the URL, the pages, embedding and export share.

A :class:`ViewState` is what a page shows (indicator, period, gemeenten, map scope, language,
colouring, the start period of a change map and how it measures the change). Its URL form,
reading it from untrusted query parameters and writing it, is :mod:`dashboard.urls`'s; a
value that could not be used becomes a :class:`Notice`.
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.vocabulary import COLOURINGS, LANGUAGES, SCOPES

# The default view's indicator: a catalogue id, not a closed list, so it stays with ViewState.
DEFAULT_INDICATOR = "vrijwilligerswerk"


@dataclass(frozen=True)
class ViewState:
    """One view. The fields are English, like the rest of the code; the public URL
    parameters stay Dutch (``periode``, ``schaal``, ...), mapped in urls.VIEW_PARAMS."""

    indicator: str = DEFAULT_INDICATOR  # a catalogue id
    period: str | None = None  # None: the latest period of the indicator
    gemeenten: tuple[str, ...] = ()  # CBS codes of the selected gemeenten, in order
    scope: str = SCOPES[0]  # the map's area: one of vocabulary.SCOPES
    lang: str = LANGUAGES[0]  # one of vocabulary.LANGUAGES
    colouring: str = COLOURINGS[0]  # one of vocabulary.COLOURINGS
    # the start period of a change map (views.changeview): the map shows the change from it
    # to ``period``; None: the values of one period
    since: str | None = None
    # how the change is measured: one of vocabulary.CHANGE_KINDS ("eenheid": the indicator's
    # unit, percentage points for shares; "relatief": % of the start value); None: the
    # indicator's default (views.changeview.is_relative), which old links keep
    change_kind: str | None = None


@dataclass(frozen=True)
class Notice:
    """A query parameter that could not be used; ``value`` is untrusted text."""

    param: str
    value: str
    reason: str  # its text is the i18n key notice_<reason>
    # how many distinct values the notice stands for (unknown gemeente codes: one notice per
    # parameter, ``value`` the first NOTICE_VALUES of them joined by ", ")
    count: int = 1
