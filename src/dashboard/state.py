"""The view state: the small value object the URL, the pages, embedding and export share.

A :class:`ViewState` is what a page shows (indicator, period, gemeenten, map scope, language,
colouring). Its URL form, reading it from untrusted query parameters and writing it, is
:mod:`dashboard.urls`'s; a value that could not be used becomes a :class:`Notice`.
"""

from __future__ import annotations

from dataclasses import dataclass

SCOPES = ("drenthe", "noord-nederland", "nederland")
LANGS = ("nl", "en")
COLOURINGS = ("klassen", "periode", "drenthe", "nederland")
MAX_GEMEENTEN = 12
DEFAULT_INDICATOR = "vrijwilligerswerk"


@dataclass(frozen=True)
class ViewState:
    """One view. The fields are English, like the rest of the code; the public URL
    parameters stay Dutch (``periode``, ``schaal``, ...), mapped in urls.VIEW_PARAMS."""

    indicator: str = DEFAULT_INDICATOR  # a catalogue id
    period: str | None = None  # None: the latest period of the indicator
    gemeenten: tuple[str, ...] = ()  # CBS codes of the selected gemeenten, in order
    scope: str = "drenthe"  # the map's area: one of SCOPES
    lang: str = "nl"  # one of LANGS
    colouring: str = "klassen"  # one of COLOURINGS


@dataclass(frozen=True)
class Notice:
    """A query parameter that could not be used; ``value`` is untrusted text."""

    param: str
    value: str
    reason: str  # key of NOTICE_TEXT


NOTICE_TEXT = {
    "unknown_indicator": (
        "Onbekende indicator {value}; de standaardindicator wordt getoond.",
        "Unknown indicator {value}; showing the default indicator.",
    ),
    "unknown_period": (
        "Periode {value} bestaat niet voor deze indicator; de meest recente periode wordt getoond.",
        "Period {value} does not exist for this indicator; showing the latest period.",
    ),
    "unknown_gemeente": (
        "Onbekende gemeentecode {value} is genegeerd.",
        "Unknown municipality code {value} was ignored.",
    ),
    "too_many_gemeenten": (
        "Er kunnen hoogstens 12 gemeenten tegelijk worden geselecteerd; de rest is genegeerd.",
        "At most 12 municipalities can be selected at once; the rest were ignored.",
    ),
    "unknown_value": (
        "Onbekende waarde {value} voor '{param}'; de standaardwaarde wordt gebruikt.",
        "Unknown value {value} for '{param}'; using the default.",
    ),
}
