"""Number formatting, units and escaping (the sentences around numbers are in sentences.py).

Everything the dashboard writes about a number goes through this module, so a value reads the
same in a tooltip, a table, a legend and a sentence.

Numbers
    :func:`format_number` uses Babel (``nl_NL``: ``1.234,5``; ``en_GB``: ``1,234.5``), rounds
    half away from zero to the catalogue's ``decimals`` (as CBS publishes), writes negatives
    with a true minus sign (``−1,2``, read as "minus" by screen readers) and never shows
    ``-0,0``. A missing value (None, NaN) is always the dash ``—``, never ``0`` or ``NaN``.

Units (:func:`format_amount`, :func:`format_value`)
    The number shown is always the source's number, rounded to the catalogue's decimals; it is
    never rescaled (a source value of 30,6 in "€ x 1.000" stays 30,6). The unit is written in
    its most natural form around that number:

    ===============  ==========================  ===============================
    unit             Dutch                       English
    ===============  ==========================  ===============================
    percent          ``58,5%``                   ``58.5%``
    eur_1000         ``€ 30,6 duizend``          ``€30.6 thousand``
    eur              ``€ 51.200``                ``€51,200``
    per_1000         ``12,3 per 1.000 inwoners``  ``12.3 per 1,000 residents``
    km, m3, kwh, …   ``1,2 km``, ``1.150 m³``    ``1.2 km``, ``1,150 m³``
    count, grade     ``5.690``, ``7,2``          ``5,690``, ``7.2``
    ===============  ==========================  ===============================

    Units not in this table are written as number + space + the vocabulary's ``symbol_*``
    (``data/vocabulary.toml``), so a new unit needs no code. Headers use the vocabulary's
    ``label_*`` ("€ x 1.000") instead.

Differences (:func:`format_difference`)
    An explicit sign (``+1,2`` / ``−1,2``; zero has none), percentage units as
    ``procentpunt`` / ``percentage points``, other units as above (``+€ 0,3 duizend``).
    :func:`dashboard.text.sentences.judgement` and :func:`~dashboard.text.sentences.comparison_word`
    add the direction-aware words, comparing the values as shown (rounded), so the word never
    contradicts the numbers next to it.

Untrusted text (:func:`escape_markdown`) completes the module.
"""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_decimal

from dashboard.model.catalog import Catalog, Indicator
from dashboard.model.schema import half_year
from dashboard.text.i18n import t
from dashboard.vocabulary import language

MISSING = "—"
MINUS = "\N{MINUS SIGN}"
_LOCALES = {"nl": "nl_NL", "en": "en_GB"}
# d3-format locales for the axes the static site draws in the browser (Dutch: 1.234,5)
D3_FORMAT_LOCALES = {
    "nl": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["€\u00a0", ""]},
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["€", ""]},
}

# unit -> language -> (prefix, suffix) written around the number
_AFFIXES: dict[str, dict[str, tuple[str, str]]] = {
    "percent": {"nl": ("", "%"), "en": ("", "%")},
    "eur_1000": {"nl": ("€ ", " duizend"), "en": ("€", " thousand")},
    "eur": {"nl": ("€ ", ""), "en": ("€", "")},
    "count": {"nl": ("", ""), "en": ("", "")},
    "grade": {"nl": ("", ""), "en": ("", "")},
}
_PERCENT_UNITS = ("percent",)

_POINTS = {  # (singular, plural) of a difference between percentages
    "nl": ("procentpunt", "procentpunt"),
    "en": ("percentage point", "percentage points"),
}


def is_missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _rounded(value: float, decimals: int) -> Decimal:
    """Round half away from zero on the shortest decimal repr (30.65 -> 30.7), no -0."""
    quantum = Decimal(1).scaleb(-decimals)
    result = Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP)
    return result.copy_abs() if result.is_zero() else result


def round_half_up(value: float, decimals: int) -> float:
    """The value as shown with ``decimals`` decimals (half away from zero), as a float."""
    return float(_rounded(value, decimals))


def format_number(value: float | None, decimals: int, lang: str = "nl") -> str:
    """'1.234,5' (nl) or '1,234.5' (en); '—' for a missing value; negatives with '−'."""
    if is_missing(value) or math.isinf(value):
        return MISSING
    text = _grouped(_rounded(value, decimals), decimals, language(lang))
    return text.replace("-", MINUS)


_SEPARATORS = {"nl": str.maketrans({",": ".", ".": ","}), "en": str.maketrans({})}


def _grouped(number: Decimal, decimals: int, lang: str) -> str:
    """Babel's ``format_decimal(number, '#,##0.0…', locale)`` for nl_NL and en_GB, for a
    number already rounded to ``decimals``: Python's own grouping with the locale's
    separators. Babel took most of the time of formatting a view's tables (issue 17); a
    test compares the two over many values. Other languages: Babel's."""
    if lang not in _SEPARATORS:  # pragma: no cover - the vocabulary has nl and en only
        pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
        return format_decimal(number, format=pattern, locale=_LOCALES[lang])
    return f"{number:,.{max(decimals, 0)}f}".translate(_SEPARATORS[lang])


def period_label(period: str, lang: str = "nl") -> str:
    """Human label of a canonical period: '2021H1' -> '1e halfjaar 2021' / 'first half of
    2021'; years and school years as they are."""
    half = half_year(period)
    return t(f"period_half_{half[1]}", lang, year=half[0]) if half else period


def unit_affixes(unit: str, lang: str = "nl", symbol: str = "") -> tuple[str, str]:
    """(prefix, suffix) written around a number of this unit; ``symbol`` (the vocabulary's
    ``symbol_*``) is the fallback for units without a natural form of their own."""
    lang = language(lang)
    if unit in _AFFIXES:
        return _AFFIXES[unit][lang]
    return ("", f" {symbol}" if symbol else "")


def format_amount(
    value: float | None, unit: str, decimals: int, lang: str = "nl", symbol: str = ""
) -> str:
    """A number with its unit ('58,5%', '€ 30,6 duizend', '1,2 km'); '—' when missing."""
    if is_missing(value):
        return MISSING
    prefix, suffix = unit_affixes(unit, lang, symbol)
    return f"{prefix}{format_number(value, decimals, lang)}{suffix}"


def format_range(
    low: float, high: float, unit: str, decimals: int, lang: str = "nl", symbol: str = ""
) -> str:
    """'30,0 – 32,5%' or '€ 30,0 – 32,5 duizend': the unit written once around the range."""
    prefix, suffix = unit_affixes(unit, lang, symbol)
    return (
        f"{prefix}{format_number(low, decimals, lang)} – "
        f"{format_number(high, decimals, lang)}{suffix}"
    )


def _symbol(indicator: Indicator, catalog: Catalog, lang: str) -> str:
    if indicator.unit in catalog.units:
        return catalog.unit_symbol(indicator.unit, language(lang))
    return ""


def format_value(
    value: float | None, indicator: Indicator, catalog: Catalog, lang: str = "nl"
) -> str:
    """A value of an indicator with its unit, rounded to the catalogue's decimals."""
    return format_amount(
        value, indicator.unit, indicator.decimals, lang, _symbol(indicator, catalog, lang)
    )


def _signed(value: float, decimals: int, lang: str) -> tuple[str, str]:
    """(sign, number) of a difference: ('+', '1,2'), ('−', '1,2') or ('', '0,0')."""
    shown = _rounded(value, decimals)
    sign = "" if shown.is_zero() else ("+" if shown > 0 else MINUS)
    return sign, format_number(abs(float(shown)), decimals, lang)


def format_difference(
    diff: float | None, indicator: Indicator, catalog: Catalog, lang: str = "nl"
) -> str:
    """'+1,2 procentpunt' for percentages, '+€ 0,3 duizend', '−12 m³' otherwise; '—' missing."""
    if is_missing(diff):
        return MISSING
    lang = language(lang)
    sign, number = _signed(diff, indicator.decimals, lang)
    if indicator.unit in _PERCENT_UNITS:
        singular, plural = _POINTS[lang]
        word = singular if number == format_number(1, indicator.decimals, lang) else plural
        return f"{sign}{number} {word}"
    prefix, suffix = unit_affixes(indicator.unit, lang, _symbol(indicator, catalog, lang))
    return f"{sign}{prefix}{number}{suffix}"


def format_signed_percent(value: float | None, decimals: int, lang: str = "nl") -> str:
    """A relative change: '+3,4%', '−12,0%', '0,0%'; '—' when missing."""
    if is_missing(value):
        return MISSING
    sign, number = _signed(value, decimals, language(lang))
    return f"{sign}{number}%"


def format_change(
    value: float | None, indicator: Indicator, catalog: Catalog, relative: bool, lang: str = "nl"
) -> str:
    """A change between two periods: in the indicator's unit like :func:`format_difference`
    ('−1,8 procentpunt', '+€ 1,2 duizend') or, ``relative``, in % ('+3,4%'); '—' missing."""
    if relative:
        return format_signed_percent(value, 1, lang)
    return format_difference(value, indicator, catalog, lang)


# --- untrusted text -------------------------------------------------------------------------

# Every ASCII punctuation character may be backslash-escaped in CommonMark and then shows
# literally; escaping all of them also covers Streamlit's extras ($ for maths, :emoji:,
# :color[...]) and keeps '<' and '&' from ever starting HTML or an entity.
_MD_SPECIAL = re.compile(r"([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")


def escape_markdown(text: object, max_len: int = 60) -> str:
    """Make an untrusted string (e.g. a URL parameter) safe to show in Streamlit markdown.

    Control and format characters (including bidi overrides) are removed, whitespace runs
    become one space, the text is cut to ``max_len`` characters with '…', and every markdown
    or HTML special character is backslash-escaped, so '<script>' shows literally.
    """
    raw = "" if text is None else str(text)
    kept = []
    for ch in raw:
        category = unicodedata.category(ch)
        if ch.isspace():
            kept.append(" ")
        elif category[0] != "C":  # Cc control, Cf format, Cs surrogate, Co private, Cn unassigned
            kept.append(ch)
    clean = " ".join("".join(kept).split())
    if max_len > 0 and len(clean) > max_len:
        clean = clean[: max_len - 1].rstrip() + "…"
    return _MD_SPECIAL.sub(r"\\\1", clean)
