"""Plain-language sentences about numbers: judgement and comparison words, name lists, the
map summary and the source line.

The words compare values as shown (rounded to the catalogue's decimals), so a sentence never
contradicts the numbers next to it. Numbers themselves are formatted by numbers.py.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from dashboard.model.catalog import Catalog, Indicator, Source
from dashboard.text.i18n import STRINGS, t
from dashboard.text.numbers import (
    format_change,
    format_value,
    is_missing,
    period_label,
    round_half_up,
)
from dashboard.vocabulary import language


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


# --- words ------------------------------------------------------------------------------------


def judgement_code(diff: float | None, direction: int, decimals: int | None = None) -> str | None:
    """'better', 'worse' or 'equal' for a difference (value minus reference) of an indicator
    with this direction; None for a neutral indicator (direction 0) or a missing difference.
    With ``decimals``, the difference is first rounded as shown, so 0.04 with one decimal is
    'equal'."""
    if direction == 0 or is_missing(diff):
        return None
    sign = _sign_of(diff, decimals)
    if sign == 0:
        return "equal"
    return "better" if sign * direction > 0 else "worse"


def comparison_code(diff: float | None, decimals: int | None = None) -> str | None:
    """'higher', 'lower' or 'equal' (as shown with ``decimals``); None when missing."""
    if is_missing(diff):
        return None
    return {1: "higher", -1: "lower", 0: "equal"}[_sign_of(diff, decimals)]


def judgement(
    diff: float | None, direction: int, lang: str = "nl", decimals: int | None = None
) -> str | None:
    """'beter', 'slechter' or 'gelijk' ('better', 'worse', 'equal'): the words of
    :func:`judgement_code`; None for a neutral indicator or a missing difference."""
    code = judgement_code(diff, direction, decimals)
    return None if code is None else t(f"word_{code}", lang)


def comparison_word(
    diff: float | None, direction: int, lang: str = "nl", decimals: int | None = None
) -> str | None:
    """'hoger (beter)', 'lager (slechter)', 'hoger', 'lager' (neutral) or 'gelijk'; None when
    the difference is missing."""
    code = comparison_code(diff, decimals)
    if code is None:
        return None
    word = t(f"word_{code}", lang)
    if code == "equal":
        return word
    verdict = judgement(diff, direction, lang, decimals)
    return f"{word} ({verdict})" if verdict else word


def join_names(names: Sequence[str], lang: str = "nl") -> str:
    """'Assen', 'Assen en Emmen', 'Assen, Emmen en Meppel' ('and' in English)."""
    items = list(names)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {t('word_and', lang)} {items[-1]}"


def in_period(period: str, lang: str = "nl") -> str:
    """'in 2023', 'in het 1e halfjaar 2021' ('in the first half of 2021')."""
    label = period_label(period, lang)
    return t("in_half_year" if label != period else "in_period", lang, period=label)


def no_data_for(names: Sequence[str], lang: str = "nl") -> str:
    """'Van Westerveld zijn geen gegevens.' ('No data for Westerveld.')"""
    return t("no_data_for", lang, names=join_names(names, lang))


# --- the map summary --------------------------------------------------------------------------


def _places(codes: list[str], names: Mapping[str, str], lang: str) -> str:
    labels = sorted(names.get(c, c) for c in codes)
    if len(labels) > 3:
        return t("n_gemeenten", lang, n=len(labels))
    return join_names(labels, lang)


def compare_clause(
    drenthe: float | None,
    nederland: float | None,
    indicator: Indicator,
    catalog: Catalog,
    lang: str = "nl",
) -> str:
    """'Drenthe scoort slechter dan Nederland (4,1% tegen 3,9%)', 'Drenthe ligt hoger dan
    Nederland (…)' for a neutral indicator, or what is known when a value is missing; ''
    when both are. Without a final full stop."""
    values = {
        "drenthe": format_value(drenthe, indicator, catalog, lang),
        "nederland": format_value(nederland, indicator, catalog, lang),
    }
    if is_missing(drenthe) and is_missing(nederland):
        return ""
    if is_missing(drenthe):
        return t("compare_only_nederland", lang, **values)
    if is_missing(nederland):
        return t("compare_only_drenthe", lang, **values)
    diff, decimals = drenthe - nederland, indicator.decimals
    if comparison_code(diff, decimals) == "equal":
        return t("compare_same", lang, **values)
    if indicator.direction == 0:
        word = comparison_word(diff, 0, lang, decimals)
        return t("compare_neutral", lang, word=word, **values)
    verdict = judgement(diff, indicator.direction, lang, decimals)
    return t("compare_judged", lang, word=verdict, **values)


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
    present = {c: float(v) for c, v in values.items() if not is_missing(v)}
    absent = [c for c in values if c not in present]
    absent += [c for c in missing if c not in present and c not in absent]
    shown = {c: round_half_up(v, indicator.decimals) for c, v in present.items()}
    fmt = lambda v: format_value(v, indicator, catalog, lang)  # noqa: E731
    head = f"{indicator.label(lang)} {in_period(period, lang)}"

    if not shown:
        first = t("summary_no_gemeenten", lang, head=head)
    elif len(shown) == 1:
        ((code, value),) = shown.items()
        place = names.get(code, code)
        first = t("summary_one", lang, head=head, place=place, value=fmt(value))
    else:
        high, low = max(shown.values()), min(shown.values())
        if high == low:
            first = t("summary_all_same", lang, head=head, n=len(shown), value=fmt(high))
        else:
            top = _places([c for c, v in shown.items() if v == high], names, lang)
            bottom = _places([c for c, v in shown.items() if v == low], names, lang)
            first = t(
                "summary_extremes",
                lang,
                head=head,
                top=top,
                high=fmt(high),
                bottom=bottom,
                low=fmt(low),
            )

    compared = compare_clause(drenthe, nederland, indicator, catalog, lang)
    parts = [first, f"{compared}." if compared else ""]
    if absent and shown:
        parts.append(t("no_data_for", lang, names=_places(absent, names, lang)))
    return " ".join(p for p in parts if p)


# --- sources ----------------------------------------------------------------------------------


# Dutch writes a reference inside a citation in lower case ('jaarverslag 2024, tabel 1');
# the references in the catalogue are Dutch and start with a capital ('Tabel 1').
_LOWER_REFERENCE = {"nl": True, "en": False}


def source_citation(source: Source, lang: str = "nl") -> str:
    """'CBS, tabel 86004NED' (two tables: 'CBS, tabel 85005NED en 82900NED') or 'Sociale
    Agenda Drenthe, jaarverslag 2024, tabel 1'."""
    if source.tables:
        return t("citation_cbs", lang, tables=join_names(source.tables, lang))
    if source.kind == "upload":  # eigen gegevens (model/upload.py): reference is the date
        key = "upload_source_local" if source.name == "eigen" else "upload_source"
        return t(key, lang, date=source.reference or "")
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
    when = period_label(period, lang)
    note = status_text(status, lang)
    if note:
        when = f"{when} ({note})"
    source = citation(indicator, lang)
    return t("source_line", lang, source=source, licence=indicator.licence, period=when)


# --- the change summary -----------------------------------------------------------------------


def change_summary(
    table: Mapping[str, Sequence],
    indicator: Indicator,
    catalog: Catalog,
    start: str,
    end: str,
    lang: str = "nl",
    *,
    drenthe: float | None = None,
    nederland: float | None = None,
    relative: bool = False,
    area: str = "gemeente",
) -> str:
    """The plain description of a change map, also its accessible text. ``table`` has the
    columns region_code, name, value (the change, NaN when missing) and significant (False:
    within the margin; True or None otherwise), as lists, and optionally zero_start (True:
    a relative change from a start value of 0, missing for that reason). Example::

        Werkloosheid 2019–2024: in 10 van de 12 gemeenten gedaald; het sterkst in Emmen
        (−1,8 procentpunt). Drenthe: −1,2 procentpunt, Nederland: −0,9 procentpunt.

    Risen and fallen count the changes as shown (rounded) and leave out those that are not
    significant (named in a sentence of their own); the larger group is named (fallen on a
    tie), with its strongest change, ties together as in :func:`map_summary`."""
    lang = language(lang)
    decimals = 1 if relative else indicator.decimals
    names = dict(zip(table["region_code"], table["name"], strict=True))
    flat = [s is False for s in table["significant"]]
    present = {
        c: round_half_up(float(v), decimals)
        for c, v, f in zip(table["region_code"], table["value"], flat, strict=True)
        if not is_missing(v) and not f
    }
    unclear = [c for c, v, f in zip(table["region_code"], table["value"], flat, strict=True)
               if f and not is_missing(v)]  # fmt: skip
    zero = set(
        c for c, z in zip(table["region_code"], table.get("zero_start", []), strict=False) if z
    )  # relative, from a start of 0: missing for a reason of its own
    absent = [
        c
        for c, v in zip(table["region_code"], table["value"], strict=True)
        if is_missing(v) and c not in zero
    ]
    n = len(present) + len(unclear)
    head = f"{indicator.label(lang)} {start}–{end}"
    if relative and indicator.unit == "percent":  # '−23,1%' of a share: say it is relative
        head = t("change_summary_head_relative", lang, head=head)
    fmt = lambda v: format_change(v, indicator, catalog, relative, lang)  # noqa: E731
    rose = {c: v for c, v in present.items() if v > 0}
    fell = {c: v for c, v in present.items() if v < 0}
    areas = t(f"change_areas_{area}", lang)
    if n == 0:
        first = t("change_summary_none", lang, head=head)
    elif not rose and not fell:
        first = t("change_summary_flat", lang, head=head, n=n, areas=areas)
    else:
        group, verb = (fell, "fell") if len(fell) >= len(rose) else (rose, "rose")
        extreme = min(group.values()) if verb == "fell" else max(group.values())
        place = _places([c for c, v in group.items() if v == extreme], names, lang)
        first = t(
            "change_summary_all" if len(group) == n else "change_summary",
            lang,
            head=head,
            k=len(group),
            n=n,
            areas=areas,
            verb=t(f"change_verb_{verb}", lang),
            place=place,
            amount=fmt(extreme),
        )
    parts = [first]
    refs = [
        f"{name}: {fmt(v)}"
        for name, v in (("Drenthe", drenthe), (t("name_nederland", lang), nederland))
        if not is_missing(v)
    ]
    if refs:
        parts.append(", ".join(refs) + ".")
    if unclear:
        parts.append(t("change_summary_unclear", lang, places=_places(unclear, names, lang)))
    if absent and n:
        parts.append(t("change_summary_absent", lang, names=_places(absent, names, lang)))
    if zero and n:
        places = _places([c for c in table["region_code"] if c in zero], names, lang)
        parts.append(t("change_summary_zero_start", lang, names=places))
    return " ".join(parts)
