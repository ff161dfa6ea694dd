"""Regions side by side, for the Regio's page (pure, no Streamlit).

In the spirit of Tabel 1 of the Sociale Agenda Drenthe: one row per indicator, one column per
region of a region set, then Drenthe and Nederland as references.

Region sets (:func:`region_set_choices`)
    ``corop``: the COROP regions wholly inside the scope (for Drenthe: Noord-, Zuidoost- and
    Zuidwest-Drenthe); ``regio_deal``: the programme areas of ``data/region_sets.toml``;
    ``provincie``: the provinces, offered when the scope holds more than one.

Values
    Always through :func:`dashboard.store.region_values`: the source's own value where it
    publishes one, else computed by the indicator's catalogue ``aggregation`` and marked
    computed. Nothing is aggregated here. Drenthe is the CBS province row (computed from the 12
    gemeenten when the source has none); Nederland is only ever the source's own value.

Cells
    Every cell has a raw ``value`` (NaN when missing, never 0), a ``text`` formatted by
    :func:`dashboard.text.numbers.format_value` and a ``status`` (:data:`CELL_STATUSES`). Best and
    worst regions compare values as shown (rounded to the catalogue's decimals), among the
    regions only (not Drenthe or Nederland); a neutral indicator (direction 0) has no best or
    worst, only highest and lowest.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.model.catalog import Indicator
from dashboard.model.errors import DataError
from dashboard.model.regions import (
    Region,
    RegionSet,
    restrict_to_province,
)
from dashboard.model.store import Store, official_regions, region_values
from dashboard.text import numbers, sentences
from dashboard.text.i18n import t
from dashboard.text.numbers import period_label
from dashboard.vocabulary import DRENTHE_CODE, NEDERLAND_CODE, SCOPE_PROVINCES

DEFAULT_SET = "corop"
REFERENCE_CODES = (DRENTHE_CODE, NEDERLAND_CODE)
OFFICIAL = "official"
MISSING = "missing"
# A cell's status: as published, computed, one of schema.STATUSES, or missing.
CELL_STATUSES = (OFFICIAL, "computed", "approximate", "provisional", "period_unstated", MISSING)
CELL_FIELDS = ("value", "text", "status")
LONG_COLUMNS = [
    "indicator_id",
    "area_code",
    "area_name",
    "kind",
    "period",
    "value",
    "status",
    "text",
    "status_text",
]


# --- region sets ------------------------------------------------------------------------------


def _within(region_set: RegionSet, gebieden: pd.DataFrame, provinces: Sequence[str]) -> RegionSet:
    """The regions of a set lying wholly in one of the provinces, in the set's own order."""
    kept = {
        r.code for p in provinces for r in restrict_to_province(region_set, gebieden, p).regions
    }
    return replace(region_set, regions=tuple(r for r in region_set.regions if r.code in kept))


def region_set_choices(
    store: Store, scope: str = "drenthe", path: Path | None = None
) -> dict[str, RegionSet]:
    """Region sets to compare within a map scope, the default (:data:`DEFAULT_SET`) first:
    ``corop`` and ``regio_deal`` restricted to the scope's provinces, and ``provincie`` when
    the scope holds more than one province. Sets left empty by the scope are left out."""
    if scope not in SCOPE_PROVINCES:
        raise DataError(f"Unknown scope {scope!r}; valid scopes: {', '.join(SCOPE_PROVINCES)}.")
    sets = store.region_sets(path)
    provinces = SCOPE_PROVINCES[scope]
    wanted = [DEFAULT_SET, *(k for k in sets if k not in (DEFAULT_SET, "provincie"))]
    if provinces is None or len(provinces) > 1:
        wanted.append("provincie")
    chosen = {}
    for set_id in wanted:
        region_set = (
            sets[set_id] if provinces is None else _within(sets[set_id], store.gebieden, provinces)
        )
        if region_set.regions:
            chosen[set_id] = region_set
    return chosen


def all_regions(store: Store, path: Path | None = None) -> dict[str, Region]:
    """Every known region (COROP, province, programme area) by its code."""
    sets = store.region_sets(path)
    return {r.code: r for s in sets.values() for r in s.regions}


# --- cells ------------------------------------------------------------------------------------


def cell_status(value: float | None, status: str | None) -> str:
    """'missing' without a value, 'official' for a value as published, else its status."""
    if value is None or pd.isna(value):
        return MISSING
    return status or OFFICIAL


def status_text(status: str, lang: str = "nl") -> str:
    """The words shown for a cell status ('berekend', 'geen gegevens'; '' as published)."""
    return "" if status == OFFICIAL else sentences.status_text(status, lang)


def area_name(store: Store, code: str, lang: str = "nl", regions: Sequence[Region] = ()) -> str:
    """Display name of a region code: a given region's own name, 'Nederland', or the CBS name."""
    for region in regions:
        if region.code == code:
            return region.name(lang)
    if code == NEDERLAND_CODE:
        return t("name_nederland", lang)
    return store.name(code)


def area_values(store: Store, indicator_id: str, regions: Sequence[Region]) -> pd.DataFrame:
    """All observations (every period) of the regions plus Drenthe and Nederland, in the
    observation schema: region values by the store's rule, Nederland only as published."""
    drenthe = [r for r in official_regions(store, "provincie").regions if r.code == DRENTHE_CODE]
    codes = {r.code for r in regions}
    extra = [r for r in drenthe if r.code not in codes]
    frame = store.frame(indicator_id)
    nederland = frame[frame["region_code"] == NEDERLAND_CODE]
    # the regions' values as region_spread and Drenthe's as reference_value ask for them (one
    # computation each per store, not a third for the regions with Drenthe: issue 17), in
    # the order region_values gives the regions with Drenthe (each region's values are its
    # own; tests/test_first_requests.py compares)
    found = [region_values(store, indicator_id, list(regions))]
    if extra:
        found.append(region_values(store, indicator_id, extra))
    found = [p for p in found if not p.empty]
    if len(found) > 1:
        found = [_sorted(pd.concat(found, ignore_index=True))]
    parts = [*found, nederland]
    return pd.concat([p for p in parts if not p.empty] or [nederland], ignore_index=True)


def _sorted(values: pd.DataFrame) -> pd.DataFrame:
    return values.sort_values(["region_code", "period"], ignore_index=True)


def latest_period(values: pd.DataFrame, codes: Sequence[str]) -> str | None:
    """The latest period in which every one of ``codes`` has a value, else the latest in which
    any has one, else None."""
    wanted = set(codes)
    present: dict[str, set[str]] = {}
    # plain lists, not a mask and a groupby: 148 calls on a first Regio's page (issue 17)
    for code, period, value in zip(
        values["region_code"].tolist(),
        values["period"].tolist(),
        values["value"].tolist(),
        strict=True,
    ):
        if code in wanted and not pd.isna(value):
            present.setdefault(period, set()).add(code)
    if not present:
        return None
    complete = [p for p, found in present.items() if len(found) >= len(wanted)]
    return str(max(complete or present))


def _choose_period(
    store: Store, indicator_id: str, values: pd.DataFrame, codes: Sequence[str]
) -> str | None:
    return latest_period(values, codes) or (
        store.latest_period(indicator_id) if not store.frame(indicator_id).empty else None
    )


# --- the comparison table --------------------------------------------------------------------


def _cells(
    store: Store,
    ind: Indicator,
    values: pd.DataFrame,
    areas: Sequence[tuple[str, str, str]],
    period: str | None,
    lang: str,
) -> list[dict]:
    """One record (:data:`LONG_COLUMNS`) per area (code, name, kind) for one indicator and
    period; records, not a frame per indicator (a first Regio's page built 74: issue 17)."""
    now: dict[str, tuple[float, str]] = {}
    if period:
        for code, at, value, status in zip(
            values["region_code"].tolist(),
            values["period"].tolist(),
            values["value"].tolist(),
            values["status"].tolist(),
            strict=True,
        ):
            if at == period:
                now[code] = (value, status)
    rows = []
    for code, name, kind in areas:
        hit = now.get(code)
        value = float(hit[0]) if hit is not None else np.nan
        status = cell_status(value, hit[1] if hit is not None else None)
        rows.append(
            {
                "indicator_id": ind.id,
                "area_code": code,
                "area_name": name,
                "kind": kind,
                "period": period or "",
                "value": value,
                "status": status,
                "text": numbers.format_value(value, ind, store.catalog, lang),
                "status_text": status_text(status, lang),
            }
        )
    return rows


def _areas(store: Store, regions: Sequence[Region], lang: str) -> list[tuple[str, str, str]]:
    """(code, name, kind) of the regions, then Drenthe and Nederland unless already there."""
    areas = [(r.code, r.name(lang), "region") for r in regions]
    codes = {r.code for r in regions}
    refs = [c for c in REFERENCE_CODES if c not in codes]
    return areas + [(c, area_name(store, c, lang), "reference") for c in refs]


def comparison_long(
    store: Store,
    regions: Sequence[Region],
    indicator_ids: Sequence[str],
    lang: str = "nl",
    period: str | None = None,
) -> pd.DataFrame:
    """The comparison as a long frame: one row per indicator and area (regions in the given
    order, then Drenthe and Nederland) with columns :data:`LONG_COLUMNS`. ``kind`` is
    'region' or 'reference'. Without ``period`` each indicator uses the latest period in which
    its regions have values (see :func:`latest_period`); with ``period`` every indicator uses
    that period, and an indicator without it has missing cells."""
    cells = _indicator_cells(store, regions, indicator_ids, lang, period)
    return pd.DataFrame([row for rows in cells for row in rows], columns=LONG_COLUMNS)


def _indicator_cells(
    store: Store,
    regions: Sequence[Region],
    indicator_ids: Sequence[str],
    lang: str,
    period: str | None,
) -> list[list[dict]]:
    """The records of :func:`comparison_long`, per indicator (in the given order)."""
    areas = _areas(store, regions, lang)
    codes = [r.code for r in regions]
    found = []
    for ind_id in indicator_ids:
        ind = store.indicator(ind_id)
        values = area_values(store, ind_id, regions)
        used = period or _choose_period(store, ind_id, values, codes)
        found.append(_cells(store, ind, values, areas, used, lang))
    return found


def extremes(values: dict[str, float], decimals: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(highest, lowest) codes among the values as shown (rounded), ties together, in the
    given order; both empty with fewer than two values or when all shown values are equal."""
    shown = {c: numbers.round_half_up(v, decimals) for c, v in values.items() if not pd.isna(v)}
    if len(shown) < 2 or len(set(shown.values())) == 1:
        return (), ()
    high, low = max(shown.values()), min(shown.values())
    return (
        tuple(c for c, v in shown.items() if v == high),
        tuple(c for c, v in shown.items() if v == low),
    )


def best_worst(
    highest: tuple[str, ...], lowest: tuple[str, ...], direction: int
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(best, worst) for a direction: +1 highest is best, -1 lowest is best, 0 neither."""
    if direction == 1:
        return highest, lowest
    if direction == -1:
        return lowest, highest
    return (), ()


def extremes_text(
    names: dict[str, str],
    highest: tuple[str, ...],
    lowest: tuple[str, ...],
    direction: int,
    lang: str = "nl",
) -> str:
    """'beste: Zuidwest-Drenthe · slechtste: Zuidoost-Drenthe'; for a neutral indicator
    'hoogste: … · laagste: …'; '' when there is nothing to say."""
    if not highest:
        return ""
    best, worst = best_worst(highest, lowest, direction)
    first, second = (best, worst) if direction else (highest, lowest)
    words = ("best", "worst") if direction else ("highest", "lowest")
    parts = [
        f"{t(word, lang)}: {sentences.join_names([names[c] for c in codes], lang)}"
        for word, codes in zip(words, (first, second), strict=True)
    ]
    return " · ".join(parts)


def weighting_text(store: Store, indicator: Indicator, lang: str = "nl") -> str:
    """The footnote on how this indicator's region values are found (catalogue aggregation)."""
    if indicator.aggregation == "none":
        return f"{t('agg_official', lang)} {t('agg_none', lang)}"
    period = str(store.household_weights.attrs.get("period", ""))
    rule = t(f"agg_{indicator.aggregation}", lang, period=period)
    return f"{t('agg_official', lang)} {rule} {t('agg_computed', lang)}"


def _row(store: Store, ind: Indicator, cells: list[dict], lang: str) -> dict:
    highest, lowest = extremes(
        {c["area_code"]: c["value"] for c in cells if c["kind"] == "region"}, ind.decimals
    )
    best, worst = best_worst(highest, lowest, ind.direction)
    names = {c["area_code"]: c["area_name"] for c in cells}
    period = cells[0]["period"]
    row = {
        "indicator_id": ind.id,
        "label": ind.label(lang),
        "unit": store.catalog.unit_label(ind.unit, lang),
        "direction": ind.direction,
        "period": period,
        "period_label": period_label(period, lang) if period else "",
        "period_unstated": any(c["status"] == "period_unstated" for c in cells),
    }
    for cell in cells:
        row.update({f"{f}_{cell['area_code']}": cell[f] for f in CELL_FIELDS})
    row.update(
        highest=highest,
        lowest=lowest,
        best=best,
        worst=worst,
        extremes=extremes_text(names, highest, lowest, ind.direction, lang),
        weighting=weighting_text(store, ind, lang),
        source=sentences.citation(ind, lang),
    )
    return row


def comparison_table(
    store: Store,
    regions: Sequence[Region],
    indicator_ids: Sequence[str],
    lang: str = "nl",
    period: str | None = None,
) -> pd.DataFrame:
    """Regions side by side: one row per indicator (in the given order).

    Columns: ``indicator_id``, ``label``, ``unit`` (unit label), ``direction``, ``period``
    (the period used, see :func:`comparison_long`), ``period_label``, ``period_unstated``
    (a cell's year is not stated in the source), then per area code X (the regions, then
    PV22 and NL01) ``value_X`` (float, NaN when missing), ``text_X`` (formatted, '—' when
    missing) and ``status_X`` (:data:`CELL_STATUSES`); then ``highest``, ``lowest``,
    ``best``, ``worst`` (tuples of region codes; best/worst empty for a neutral indicator),
    ``extremes`` (the sentence fragment), ``weighting`` (footnote on how region values are
    found) and ``source``. ``table.attrs['areas']`` maps the area codes to their names, in
    column order.
    """
    # each indicator's own records, not a mask of the long frame per indicator (issue 17)
    cells = _indicator_cells(store, regions, indicator_ids, lang, period)
    rows = [
        _row(store, store.indicator(ind_id), found, lang)
        for ind_id, found in zip(indicator_ids, cells, strict=True)
    ]
    table = pd.DataFrame(rows)
    table.attrs["areas"] = {code: name for code, name, _ in _areas(store, regions, lang)}
    return table


def _marked(textual: str, status: str, lang: str) -> str:
    if status == "computed":
        return f"{textual}*"
    if status in (OFFICIAL, MISSING, "period_unstated"):
        return textual
    return f"{textual} ({status_text(status, lang)})"


def display_table(table: pd.DataFrame, lang: str = "nl") -> pd.DataFrame:
    """The comparison table as shown: headers in the language, computed values marked '*'
    (see the ``computed_marker`` footnote), other statuses in words; the period column says
    when the source gives no year."""
    areas: dict[str, str] = table.attrs.get("areas", {})
    shown = pd.DataFrame({t("col_indicator", lang): table["label"]})
    unstated = sentences.status_text("period_unstated", lang)
    shown[t("period", lang)] = [
        f"{p} ({unstated})" if u else p
        for p, u in zip(table["period_label"], table["period_unstated"], strict=True)
    ]
    for code, name in areas.items():
        shown[name] = [
            _marked(x, s, lang)
            for x, s in zip(table[f"text_{code}"], table[f"status_{code}"], strict=True)
        ]
    shown[t("col_extremes", lang)] = table["extremes"]
    return shown


# --- spread of gemeenten within regions ------------------------------------------------------

SPREAD_COLUMNS = [
    "region_code",
    "region_name",
    "code",
    "name",
    "kind",
    "period",
    "value",
    "status",
    "value_text",
    "status_text",
]


def region_spread(
    store: Store,
    indicator_id: str,
    regions: Sequence[Region],
    period: str | None = None,
    lang: str = "nl",
) -> pd.DataFrame:
    """Each region's member gemeenten and the region itself, for a strip chart: one row per
    (region, member) with ``kind`` 'gemeente' and one per region with ``kind`` 'region'.
    Columns :data:`SPREAD_COLUMNS`; a member or region without a value has NaN (status
    'missing'). A gemeente in two regions (Hoogeveen) appears under both. Without ``period``:
    the latest period in which the regions have values, else in which the members have."""
    ind = store.indicator(indicator_id)
    values = region_values(store, indicator_id, list(regions))
    frame = store.frame(indicator_id)
    members = sorted({m for r in regions for m in r.members})
    if period is None:
        period = latest_period(values, [r.code for r in regions]) or latest_period(frame, members)
    now = pd.concat([values, frame[frame["region_code"].isin(members)]], ignore_index=True)
    now = now[now["period"] == period].drop_duplicates("region_code")
    # plain dicts, not a lookup in the frame per cell (385 cells on Nederland: issue 17)
    cells = zip(now["value"], now["status"], strict=True)
    found = dict(zip(now["region_code"], cells, strict=True))
    rows = []
    for region in regions:
        region_name = region.name(lang)
        pairs = [(region.code, region_name, "region")]
        pairs += [(m, store.name(m), "gemeente") for m in region.members]
        for code, name, kind in pairs:
            hit = found.get(code)
            value = float(hit[0]) if hit is not None else np.nan
            status = cell_status(value, hit[1] if hit is not None else None)
            text_ = numbers.format_value(value, ind, store.catalog, lang)
            rows.append(
                (region.code, region_name, code, name, kind, period or "", value, status, text_,
                 status_text(status, lang))
            )  # fmt: skip
    return pd.DataFrame(rows, columns=SPREAD_COLUMNS)


# --- summary ---------------------------------------------------------------------------------


def _reference_clause(
    drenthe: float, nederland: float, ind: Indicator, store: Store, lang: str
) -> str:
    """'Drenthe ligt lager (beter) dan Nederland (3,1% tegen 3,6%)'; '' when one is missing."""
    if pd.isna(drenthe) or pd.isna(nederland):
        return ""
    values = {
        "drenthe": numbers.format_value(drenthe, ind, store.catalog, lang),
        "nederland": numbers.format_value(nederland, ind, store.catalog, lang),
    }
    if sentences.comparison_code(drenthe - nederland, ind.decimals) == "equal":
        return t("regions_reference_equal", lang, **values)
    word = sentences.comparison_word(drenthe - nederland, ind.direction, lang, ind.decimals)
    return t("compare_neutral", lang, word=word, **values)


def _regions_clause(cells: pd.DataFrame, ind: Indicator, lang: str) -> str:
    """'het best in X (…), het slechtst in Y (…)' / 'het hoogst in X (…), het laagst in Y (…)'."""
    regions = cells[cells["kind"] == "region"]
    present = regions[regions["value"].notna()]
    names = dict(zip(regions["area_code"], regions["area_name"], strict=True))
    texts = dict(zip(regions["area_code"], regions["text"], strict=True))
    if present.empty:
        return t("no_region_values", lang)
    if len(present) == 1:
        code = present["area_code"].iloc[0]
        return t("regions_only", lang, name=names[code], value=texts[code])
    highest, lowest = extremes(
        dict(zip(present["area_code"], present["value"], strict=True)), ind.decimals
    )
    if not highest:
        return t("regions_all_same", lang, value=texts[present["area_code"].iloc[0]])
    first, second = (
        best_worst(highest, lowest, ind.direction) if ind.direction else (highest, lowest)
    )
    keys = ("best_in", "worst_in") if ind.direction else ("highest_in", "lowest_in")
    return ", ".join(
        t(
            f"regions_{key}",
            lang,
            names=sentences.join_names([names[c] for c in codes], lang),
            value=texts[codes[0]],
        )
        for key, codes in zip(keys, (first, second), strict=True)
    )


def region_summary(
    store: Store,
    indicator_id: str,
    regions: Sequence[Region],
    lang: str = "nl",
    period: str | None = None,
) -> str:
    """One plain sentence on the regional picture, e.g. 'Bijstandsuitkeringen per 1.000
    inwoners (regio's, Tabel 1) in 2023: het best in Zuidwest-Drenthe (26 per 1.000 inwoners),
    het slechtst in Zuidoost-Drenthe (37 per 1.000 inwoners).' A second clause compares
    Drenthe with Nederland when both have a value; regions without a value are named."""
    ind = store.indicator(indicator_id)
    cells = comparison_long(store, regions, [indicator_id], lang, period)
    when = cells["period"].iloc[0]
    head = f"{ind.label(lang)} {sentences.in_period(when, lang)}" if when else ind.label(lang)
    values = dict(zip(cells["area_code"], cells["value"], strict=True))
    parts = [_regions_clause(cells, ind, lang)]
    reference = _reference_clause(
        values.get(DRENTHE_CODE, np.nan), values.get(NEDERLAND_CODE, np.nan), ind, store, lang
    )
    if reference:
        parts.append(reference)
    sentence = f"{head}: {'; '.join(parts)}."
    absent = cells[(cells["kind"] == "region") & cells["value"].isna()]["area_name"].tolist()
    if absent and len(absent) < (cells["kind"] == "region").sum():
        sentence += f" {sentences.no_data_for(absent, lang)}"
    return sentence
