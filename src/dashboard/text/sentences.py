"""Plain-language sentences about numbers: judgement and comparison words, name lists, the
map summary and the source line.

The words compare values as shown (rounded to the catalogue's decimals), so a sentence never
contradicts the numbers next to it. Numbers themselves are formatted by numbers.py.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from dashboard.model.catalog import Catalog, Indicator, Source
from dashboard.text.i18n import STRINGS, t
from dashboard.text.numbers import format_value, is_missing, period_label, round_half_up
from dashboard.vocabulary import language

_WORDS = {
    "nl": {
        "better": "beter",
        "worse": "slechter",
        "equal": "gelijk",
        "higher": "hoger",
        "lower": "lager",
        "and": "en",
    },
    "en": {
        "better": "better",
        "worse": "worse",
        "equal": "equal",
        "higher": "higher",
        "lower": "lower",
        "and": "and",
    },
}


def _sign_of(diff: float, decimals: int | None) -> int:
    shown = round_half_up(diff, decimals) if decimals is not None else diff
    return (shown > 0) - (shown < 0)


def status_text(status: str, lang: str = "nl") -> str:
    """The words shown next to a value with this status (schema.STATUSES, or 'missing'):
    'berekend', 'voorlopig', 'geen gegevens'; '' for a value as published; a status without
    words as it is."""
    if not status:
        return ""
    key = f"status_{status}"
    return t(key, lang) if key in STRINGS else status


def judgement(
    diff: float | None, direction: int, lang: str = "nl", decimals: int | None = None
) -> str | None:
    """'beter', 'slechter' or 'gelijk' ('better', 'worse', 'equal') for a difference
    (value minus reference) of an indicator with this direction; None for a neutral
    indicator (direction 0) or a missing difference. With ``decimals``, the difference is
    first rounded as shown, so 0.04 with one decimal is 'gelijk'."""
    if direction == 0 or is_missing(diff):
        return None
    words = _WORDS[language(lang)]
    sign = _sign_of(diff, decimals)
    if sign == 0:
        return words["equal"]
    return words["better"] if sign * direction > 0 else words["worse"]


def comparison_word(
    diff: float | None, direction: int, lang: str = "nl", decimals: int | None = None
) -> str | None:
    """'hoger (beter)', 'lager (slechter)', 'hoger', 'lager' (neutral) or 'gelijk'; None when
    the difference is missing."""
    if is_missing(diff):
        return None
    words = _WORDS[language(lang)]
    sign = _sign_of(diff, decimals)
    if sign == 0:
        return words["equal"]
    word = words["higher"] if sign > 0 else words["lower"]
    verdict = judgement(diff, direction, lang, decimals)
    return f"{word} ({verdict})" if verdict else word


def join_names(names: Sequence[str], lang: str = "nl") -> str:
    """'Assen', 'Assen en Emmen', 'Assen, Emmen en Meppel' ('and' in English)."""
    items = list(names)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {_WORDS[language(lang)]['and']} {items[-1]}"


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
    if is_missing(drenthe) and is_missing(nederland):
        return ""
    if is_missing(drenthe):
        return (
            f"The Netherlands: {fmt(nederland)}; no value for Drenthe as a whole."
            if en
            else f"Nederland: {fmt(nederland)}; voor Drenthe als geheel is geen waarde bekend."
        )
    if is_missing(nederland):
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
    lang = language(lang)
    en = lang == "en"
    present = {c: float(v) for c, v in values.items() if not is_missing(v)}
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


# Dutch writes a reference inside a citation in lower case ('jaarverslag 2024, tabel 1');
# the references in the catalogue are Dutch and start with a capital ('Tabel 1').
_LOWER_REFERENCE = {"nl": True, "en": False}


def source_citation(source: Source, lang: str = "nl") -> str:
    """'CBS, tabel 86004NED' (two tables: 'CBS, tabel 85005NED en 82900NED') or 'Sociale
    Agenda Drenthe, jaarverslag 2024, tabel 1'."""
    if source.tables:
        return t("citation_cbs", lang, tables=join_names(source.tables, lang))
    ref = source.reference or ""
    if _LOWER_REFERENCE[language(lang)]:
        ref = ref[:1].lower() + ref[1:]
    return f"{source.name}, {ref}" if ref else source.name


def citation(indicator: Indicator, lang: str = "nl") -> str:
    """All sources of an indicator, each once: 'CBS, tabel 83674NED; CBS, tabel 85012NED'."""
    return "; ".join(dict.fromkeys(source_citation(s, lang) for s in indicator.sources))


def source_line(indicator: Indicator, period: str, lang: str = "nl", status: str = "") -> str:
    """'Bron: CBS, tabel 86004NED · Licentie: CC BY 4.0 · Periode: 2023' (English 'Source: …
    · Licence: … · Period: …'); a ``status`` from schema.STATUSES is added to the period."""
    lang = language(lang)
    labels = ("Source", "Licence", "Period") if lang == "en" else ("Bron", "Licentie", "Periode")
    when = period_label(period, lang)
    note = status_text(status, lang)
    if note:
        when = f"{when} ({note})"
    return (
        f"{labels[0]}: {citation(indicator, lang)} · {labels[1]}: {indicator.licence} · "
        f"{labels[2]}: {when}"
    )
