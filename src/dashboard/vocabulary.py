"""The closed lists of the dashboard, each defined once: languages, map scopes, colourings,
the region codes of Drenthe and Nederland, the order of Tabel 1, the selection limit.

A leaf module (standard library only), so the model, the views, the URL state, the
configuration and the app all import the same lists without importing each other. The
values are also the public URL values (``?schaal=``, ``?taal=``, ``?kleur=``; see state.py),
so renaming one breaks links.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# --- languages --------------------------------------------------------------------------------

LANGUAGES = ("nl", "en")  # the first is the default; STRINGS in text/i18n.py follow this order
DEFAULT_LANGUAGE = LANGUAGES[0]


def language(lang: str) -> str:
    """``lang`` when it is one of :data:`LANGUAGES`, else the default (Dutch)."""
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def localized(record: Mapping[str, Any] | object, field: str, lang: str) -> Any:
    """A data label in the language: ``record[f"{field}_{lang}"]`` for a mapping (a
    vocabulary entry), else the attribute (an indicator, a region). The one place where a
    label that comes from the data files (``label_nl``/``label_en``, ``name_nl``, …) is
    picked by language."""
    key = f"{field}_{language(lang)}"
    return record[key] if isinstance(record, Mapping) else getattr(record, key)


# --- regions ----------------------------------------------------------------------------------

NEDERLAND_CODE = "NL01"
DRENTHE_CODE = "PV22"
GRONINGEN_CODE = "PV20"

# Tabel 1 of the Sociale Agenda lists the COROP regions as Noord-, Zuidwest-, Zuidoost-Drenthe.
REPORT_ORDER = ("CR07", "CR09", "CR08")

# --- the view ---------------------------------------------------------------------------------

# Map scope -> the provinces whose gemeenten it shows (None: every gemeente of Nederland).
SCOPE_PROVINCES: dict[str, tuple[str, ...] | None] = {
    "drenthe": (DRENTHE_CODE,),
    "noord-nederland": (DRENTHE_CODE, GRONINGEN_CODE),
    "nederland": None,
}
SCOPES = tuple(SCOPE_PROVINCES)  # the first is the default

# klassen: fixed over all periods; periode: classes of the shown period only;
# drenthe / nederland: diverging colours centred on that value. The first is the default.
COLOURINGS = ("klassen", "periode", "drenthe", "nederland")

# How a change map measures a change (``?verandering=``): in the indicator's own unit
# (percentage points for percentages) or relative to the start value (%). No default here:
# absent, each indicator keeps its own (relative for counts; views.changeview.is_relative).
CHANGE_KINDS = ("eenheid", "relatief")

MAX_GEMEENTEN = 12  # gemeenten selected at once (URL, sidebar, stories)
