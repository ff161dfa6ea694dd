"""Labels, number formatting and plain-language summaries.

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
    :func:`judgement` and :func:`comparison_word` add the direction-aware words, comparing the
    values as shown (rounded), so the word never contradicts the numbers next to it.

Untrusted text (:func:`escape_markdown`) and summaries (:func:`map_summary`,
:func:`source_line`) complete the module.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_decimal

from dashboard.model.catalog import Catalog, Indicator
from dashboard.model.schema import STATUSES, period_label

MISSING = "—"
MINUS = "\N{MINUS SIGN}"
_LOCALES = {"nl": "nl_NL", "en": "en_GB"}

# unit -> language -> (prefix, suffix) written around the number
_AFFIXES: dict[str, dict[str, tuple[str, str]]] = {
    "percent": {"nl": ("", "%"), "en": ("", "%")},
    "eur_1000": {"nl": ("€ ", " duizend"), "en": ("€", " thousand")},
    "eur": {"nl": ("€ ", ""), "en": ("€", "")},
    "count": {"nl": ("", ""), "en": ("", "")},
    "grade": {"nl": ("", ""), "en": ("", "")},
}
_PERCENT_UNITS = ("percent",)

_WORDS = {
    "nl": {
        "better": "beter",
        "worse": "slechter",
        "equal": "gelijk",
        "higher": "hoger",
        "lower": "lager",
        "and": "en",
        "points": ("procentpunt", "procentpunt"),
    },
    "en": {
        "better": "better",
        "worse": "worse",
        "equal": "equal",
        "higher": "higher",
        "lower": "lower",
        "and": "and",
        "points": ("percentage point", "percentage points"),
    },
}


def _lang(lang: str) -> str:
    return "en" if lang == "en" else "nl"


def _missing(value: float | None) -> bool:
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
    if _missing(value) or math.isinf(value):
        return MISSING
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    text = format_decimal(_rounded(value, decimals), format=pattern, locale=_LOCALES[_lang(lang)])
    return text.replace("-", MINUS)


def unit_affixes(unit: str, lang: str = "nl", symbol: str = "") -> tuple[str, str]:
    """(prefix, suffix) written around a number of this unit; ``symbol`` (the vocabulary's
    ``symbol_*``) is the fallback for units without a natural form of their own."""
    lang = _lang(lang)
    if unit in _AFFIXES:
        return _AFFIXES[unit][lang]
    return ("", f" {symbol}" if symbol else "")


def format_amount(
    value: float | None, unit: str, decimals: int, lang: str = "nl", symbol: str = ""
) -> str:
    """A number with its unit ('58,5%', '€ 30,6 duizend', '1,2 km'); '—' when missing."""
    if _missing(value):
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
        return catalog.unit_symbol(indicator.unit, _lang(lang))
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
    if _missing(diff):
        return MISSING
    lang = _lang(lang)
    sign, number = _signed(diff, indicator.decimals, lang)
    if indicator.unit in _PERCENT_UNITS:
        singular, plural = _WORDS[lang]["points"]
        word = singular if number == format_number(1, indicator.decimals, lang) else plural
        return f"{sign}{number} {word}"
    prefix, suffix = unit_affixes(indicator.unit, lang, _symbol(indicator, catalog, lang))
    return f"{sign}{prefix}{number}{suffix}"


def _sign_of(diff: float, decimals: int | None) -> int:
    shown = float(_rounded(diff, decimals)) if decimals is not None else diff
    return (shown > 0) - (shown < 0)


def judgement(
    diff: float | None, direction: int, lang: str = "nl", decimals: int | None = None
) -> str | None:
    """'beter', 'slechter' or 'gelijk' ('better', 'worse', 'equal') for a difference
    (value minus reference) of an indicator with this direction; None for a neutral
    indicator (direction 0) or a missing difference. With ``decimals``, the difference is
    first rounded as shown, so 0.04 with one decimal is 'gelijk'."""
    if direction == 0 or _missing(diff):
        return None
    words = _WORDS[_lang(lang)]
    sign = _sign_of(diff, decimals)
    if sign == 0:
        return words["equal"]
    return words["better"] if sign * direction > 0 else words["worse"]


def comparison_word(
    diff: float | None, direction: int, lang: str = "nl", decimals: int | None = None
) -> str | None:
    """'hoger (beter)', 'lager (slechter)', 'hoger', 'lager' (neutral) or 'gelijk'; None when
    the difference is missing."""
    if _missing(diff):
        return None
    words = _WORDS[_lang(lang)]
    sign = _sign_of(diff, decimals)
    if sign == 0:
        return words["equal"]
    word = words["higher"] if sign > 0 else words["lower"]
    verdict = judgement(diff, direction, lang, decimals)
    return f"{word} ({verdict})" if verdict else word


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


# --- sentences ------------------------------------------------------------------------------


def join_names(names: Sequence[str], lang: str = "nl") -> str:
    """'Assen', 'Assen en Emmen', 'Assen, Emmen en Meppel' ('and' in English)."""
    items = list(names)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {_WORDS[_lang(lang)]['and']} {items[-1]}"


def _in_period(period: str, lang: str) -> str:
    label = period_label(period, lang)
    if label != period:  # a half year: 'in het 1e halfjaar 2021', 'in the first half of 2021'
        return f"in {'the' if lang == 'en' else 'het'} {label}"
    return f"in {label}"


def _places(codes: list[str], names: Mapping[str, str], lang: str) -> str:
    labels = sorted(names.get(c, c) for c in codes)
    if len(labels) > 3:
        return f"{len(labels)} {'municipalities' if lang == 'en' else 'gemeenten'}"
    return join_names(labels, lang)


def _compare_sentence(
    drenthe: float | None,
    nederland: float | None,
    indicator: Indicator,
    catalog: Catalog,
    lang: str,
) -> str:
    fmt = lambda v: format_value(v, indicator, catalog, lang)  # noqa: E731
    en = lang == "en"
    if _missing(drenthe) and _missing(nederland):
        return ""
    if _missing(drenthe):
        return (
            f"The Netherlands: {fmt(nederland)}; no value for Drenthe as a whole."
            if en
            else f"Nederland: {fmt(nederland)}; voor Drenthe als geheel is geen waarde bekend."
        )
    if _missing(nederland):
        return (
            f"Drenthe as a whole: {fmt(drenthe)} (no value for the Netherlands)."
            if en
            else f"Drenthe als geheel: {fmt(drenthe)} (geen waarde voor Nederland)."
        )
    sign = _sign_of(drenthe - nederland, indicator.decimals)
    if sign == 0:
        return (
            f"Drenthe and the Netherlands have the same value ({fmt(drenthe)})."
            if en
            else f"Drenthe en Nederland hebben dezelfde waarde ({fmt(drenthe)})."
        )
    pair = f"({fmt(drenthe)} {'versus' if en else 'tegen'} {fmt(nederland)})"
    if indicator.direction == 0:
        word = comparison_word(drenthe - nederland, 0, lang, indicator.decimals)
        return (
            f"Drenthe is {word} than the Netherlands {pair}."
            if en
            else f"Drenthe ligt {word} dan Nederland {pair}."
        )
    verdict = judgement(drenthe - nederland, indicator.direction, lang, indicator.decimals)
    return (
        f"Drenthe scores {verdict} than the Netherlands {pair}."
        if en
        else f"Drenthe scoort {verdict} dan Nederland {pair}."
    )


def map_summary(
    values: Mapping[str, float],
    names: Mapping[str, str],
    indicator: Indicator,
    catalog: Catalog,
    period: str,
    drenthe: float | None,
    nederland: float | None,
    lang: str = "nl",
    missing: Sequence[str] = (),
) -> str:
    """A short plain-language description of a map, also its accessible text.

    ``values`` maps gemeente codes to values (NaN counts as missing), ``names`` codes to
    names, ``missing`` lists gemeenten of the map without a value. Example::

        Mediaan gestandaardiseerd inkomen in 2022: het hoogst in Tynaarlo (€ 35,6 duizend),
        het laagst in Emmen (€ 28,9 duizend). Drenthe scoort slechter dan Nederland
        (€ 31,2 duizend tegen € 31,7 duizend). Van Westerveld zijn geen gegevens.

    Highest and lowest are compared as shown (rounded); ties are named together (more than
    three as 'N gemeenten').
    """
    lang = _lang(lang)
    en = lang == "en"
    present = {c: float(v) for c, v in values.items() if not _missing(v)}
    absent = [c for c in values if c not in present]
    absent += [c for c in missing if c not in present and c not in absent]
    shown = {c: round_half_up(v, indicator.decimals) for c, v in present.items()}
    fmt = lambda v: format_value(v, indicator, catalog, lang)  # noqa: E731
    head = f"{indicator.label(lang)} {_in_period(period, lang)}"

    if not shown:
        first = (
            f"{head}: no data by municipality." if en else f"{head}: geen gegevens per gemeente."
        )
    elif len(shown) == 1:
        ((code, value),) = shown.items()
        place = names.get(code, code)
        first = (
            f"{head}: only {place} has a value ({fmt(value)})."
            if en
            else f"{head}: alleen van {place} is een waarde bekend ({fmt(value)})."
        )
    else:
        high, low = max(shown.values()), min(shown.values())
        if high == low:
            first = (
                f"{head}: all {len(shown)} municipalities have the same value ({fmt(high)})."
                if en
                else f"{head}: alle {len(shown)} gemeenten hebben dezelfde waarde ({fmt(high)})."
            )
        else:
            top = _places([c for c, v in shown.items() if v == high], names, lang)
            bottom = _places([c for c, v in shown.items() if v == low], names, lang)
            first = (
                f"{head}: highest in {top} ({fmt(high)}), lowest in {bottom} ({fmt(low)})."
                if en
                else f"{head}: het hoogst in {top} ({fmt(high)}), "
                f"het laagst in {bottom} ({fmt(low)})."
            )

    parts = [first, _compare_sentence(drenthe, nederland, indicator, catalog, lang)]
    if absent and shown:
        places = _places(absent, names, lang)
        parts.append(f"No data for {places}." if en else f"Van {places} zijn geen gegevens.")
    return " ".join(p for p in parts if p)


def source_line(indicator: Indicator, period: str, lang: str = "nl", status: str = "") -> str:
    """'Bron: CBS, tabel 86004NED · Licentie: CC BY 4.0 · Periode: 2023' (English 'Source: …
    · Licence: … · Period: …'); a ``status`` from schema.STATUSES is added to the period."""
    lang = _lang(lang)
    labels = ("Source", "Licence", "Period") if lang == "en" else ("Bron", "Licentie", "Periode")
    when = period_label(period, lang)
    note = STATUSES.get(status, ("", ""))[1 if lang == "en" else 0]
    if note:
        when = f"{when} ({note})"
    return (
        f"{labels[0]}: {indicator.citation(lang)} · {labels[1]}: {indicator.licence} · "
        f"{labels[2]}: {when}"
    )
