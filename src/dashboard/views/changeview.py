"""Change over time on the map: what a change map shows, from the store and a view (pure).

A view with ``since`` (URL ``vanaf``) asks for the change of every area between the start
period ``since`` and the shown period. :func:`change_view` gives the map page, its slope
chart, ranking, table, images and downloads one :class:`ChangeView`.

Which periods can be paired
    Only periods of an indicator the catalogue marks ``comparable`` (:func:`pairable_periods`),
    or, of one whose periods are not, those its ``change_periods`` names: the
    Gezondheidsmonitor's 2020 and 2022 rounds (both of those aged 18 and over, with the same
    questions), not 2016 (19 and over). The Sociale Agenda's figures without a year are not
    paired at all. :func:`change_refusal` says why a change is not offered, and
    :mod:`dashboard.urls` drops a ``vanaf`` it would refuse, with a notice.
    Areas are the scope's current gemeenten: a gemeente that did not exist in the start
    period (the boundaries of another year) has no value there, so no change: grey.

The change
    ``end − start`` in the indicator's own unit (percentage points for percentages), or
    relative (``(end − start) / start × 100%``). The view's ``change_kind`` (URL
    ``verandering=eenheid|relatief``) chooses; without it counts change relatively, where a
    gemeente's size would otherwise decide its colour, and everything else in its unit
    (:func:`is_relative`, :func:`relative_for`). A change needs both values: otherwise it is
    missing ("geen gegevens in een van beide perioden"), never 0; a relative change also
    needs a start value above 0 (from 0 it would be infinite): otherwise it is missing with
    that reason (:func:`no_data_reason`).

Significance
    Where the source gives margins (``lower``/``upper``) for both values, the change is
    *not significant* when its absolute size is at most the combined margin
    ``sqrt(m_start² + m_end²)``, with ``m = (upper − lower) / 2`` (independent estimates).
    Such an area is drawn in white with an outline and not counted as risen or fallen;
    without margins the change is taken as it is (``significant`` is <NA>).

Colours and ranks
    :func:`dashboard.render.classify.change_classes`: diverging around 0, symmetric rounded
    breaks, the favourable side blue-green; the breaks pool the changes from the start to
    every later period, so the timeline (stepping the end period) keeps the colours
    comparable. A change that is 0 as shown is the neutral "geen
    verandering". Rank 1 is the most favourable change (the largest rise for neutral
    indicators).

The table has the columns of :class:`~dashboard.views.mapview.MapView`'s where they mean the
same (``value``/``value_text``/``color``/``rank``: the change, which is what is coloured), so
the ranking chart and static map builders read it alike; ``start``/``end`` hold the values.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from dashboard.model.catalog import Catalog, Indicator
from dashboard.model.store import Store, level
from dashboard.render import classify
from dashboard.state import ViewState
from dashboard.text import numbers, sentences
from dashboard.text.i18n import t
from dashboard.text.numbers import period_label
from dashboard.views.mapview import area_codes, period_values, ranks, reference_value
from dashboard.vocabulary import CHANGE_KINDS, DRENTHE_CODE, NEDERLAND_CODE

RELATIVE_UNITS = ("count",)
NOT_SIGNIFICANT_OUTLINE = [90, 90, 90, 255]  # pydeck RGBA of the "niet significant" outline
TOOLTIP_FIELDS = ("tip_start", "tip_end", "tip_change", "tip_rank", "tip_note")


@dataclass(frozen=True)
class ChangeView:
    indicator: Indicator
    start: str  # the start period (ViewState.since)
    period: str  # the end period: the one shown
    scope: str
    level: str  # gemeente | corop
    relative: bool  # changes in % of the start value, else in the indicator's unit
    table: pd.DataFrame  # one row per area, see change_table
    classes: classify.Classes | None
    drenthe: tuple[float | None, float | None]  # (start, end)
    nederland: tuple[float | None, float | None]
    summary: str
    source: str
    notes: tuple[str, ...]
    centre_name: None = None  # change maps always diverge around 0 (static_map reads it)

    mappable = True

    @property
    def drenthe_change(self) -> float | None:
        return change_of(*self.drenthe, self.relative)

    @property
    def nederland_change(self) -> float | None:
        return change_of(*self.nederland, self.relative)

    @property
    def kind(self) -> str:
        """How the change is measured, as the URL says it: 'eenheid' or 'relatief'."""
        return CHANGE_KINDS[1] if self.relative else CHANGE_KINDS[0]

    @property
    def periods_text(self) -> str:
        """'2019–2024' (the labels of the two periods)."""
        return f"{self.start}–{self.period}"


def is_relative(indicator: Indicator) -> bool:
    """Counts change relatively (a big gemeente would otherwise always change most)."""
    return indicator.unit in RELATIVE_UNITS


def relative_for(ind: Indicator, kind: str | None) -> bool:
    """Whether the change is relative: as ``kind`` says ('relatief'/'eenheid'), or the
    indicator's default when it says nothing (None)."""
    if kind is None:
        return is_relative(ind)
    return kind == CHANGE_KINDS[1]


def default_kind(ind: Indicator) -> str:
    """The kind of change an indicator shows when the URL does not say ('relatief' for
    counts, else 'eenheid')."""
    return CHANGE_KINDS[1] if is_relative(ind) else CHANGE_KINDS[0]


def other_kind(kind: str) -> str:
    """The other of the two kinds ('eenheid' <-> 'relatief')."""
    return CHANGE_KINDS[1] if kind == CHANGE_KINDS[0] else CHANGE_KINDS[0]


def kind_label(ind: Indicator, kind: str, lang: str) -> str:
    """How a control or link names a kind: 'procentpunten' for the unit of a percentage,
    else 'eenheid van de indicator' or 'procenten (relatief)'."""
    if kind == CHANGE_KINDS[0] and ind.unit == "percent":
        return t("change_kind_eenheid_points", lang)
    return t(f"change_kind_{kind}", lang)


def no_data_reason(start: float | None, end: float | None, relative: bool) -> str | None:
    """Why an area has no change (an i18n key), or None when it has one: a value missing in
    either period, or, relative, a start value of 0 or below."""
    if numbers.is_missing(start) or numbers.is_missing(end):
        return "change_no_data"
    if relative and start <= 0:
        return "change_no_relative"
    return None


def change_of(start: float | None, end: float | None, relative: bool) -> float | None:
    """end − start, or the relative change in %; None when either is missing (or, relative,
    when the start is not positive)."""
    if numbers.is_missing(start) or numbers.is_missing(end):
        return None
    if relative:
        return None if start <= 0 else (end - start) / start * 100.0
    return float(end) - float(start)


def pairable_periods(store: Store, indicator_id: str) -> list[str]:
    """The periods of an indicator a change map may pair, oldest first: all of them when
    they are comparable, else those of the catalogue's ``change_periods`` (often none)."""
    ind = store.indicator(indicator_id)
    periods = store.periods(indicator_id)
    if ind.comparable:
        return periods
    return [p for p in periods if p in ind.change_periods]


def start_periods(store: Store, indicator_id: str, end: str | None = None) -> list[str]:
    """The periods a change to ``end`` (default the latest) may start from: the earlier
    periods that may be paired with it (:func:`pairable_periods`); newest first."""
    periods = store.periods(indicator_id)
    end = end or (periods[-1] if periods else None)
    pairable = pairable_periods(store, indicator_id)
    if end not in pairable:
        return []
    return list(reversed(pairable[: pairable.index(end)]))


def change_refusal(store: Store, indicator_id: str, end: str | None = None) -> str | None:
    """Why no change map is offered for this indicator and end period (an i18n key:
    change_refused_<reason>), or None when it is."""
    periods = store.periods(indicator_id)
    if level(set(store.frame(indicator_id)["region_code"])) not in ("gemeente", "corop"):
        return "change_refused_no_map"
    if len(periods) < 2:
        return "change_refused_one_period"
    pairable = pairable_periods(store, indicator_id)
    if len(pairable) < 2:
        return "change_refused_not_comparable"
    if (end or periods[-1]) not in pairable:
        return "change_refused_period"
    if not start_periods(store, indicator_id, end):
        return "change_refused_first"
    return None


def _margin(lower: float, upper: float) -> float:
    return (float(upper) - float(lower)) / 2.0


def significance(
    start: float | None,
    end: float | None,
    start_margin: tuple[float | None, float | None],
    end_margin: tuple[float | None, float | None],
) -> bool | None:
    """True/False when both values have margins (see module doc), None when not."""
    bounds = (*start_margin, *end_margin)
    if numbers.is_missing(start) or numbers.is_missing(end):
        return None
    if any(b is None or pd.isna(b) for b in bounds):
        return None
    combined = math.hypot(_margin(*start_margin), _margin(*end_margin))
    size = abs(float(end) - float(start))
    # on the margin is within it (and binary fractions must not decide: 1,3 − 0,7 ≠ 0,6)
    return size > combined and not math.isclose(size, combined, rel_tol=1e-9, abs_tol=1e-12)


def _at(values: pd.DataFrame, period: str) -> pd.DataFrame:
    return values[values["period"] == period].set_index("region_code")


def changes(
    store: Store, start: str, end: str, codes: list[str], values: pd.DataFrame, relative: bool
) -> pd.DataFrame:
    """Per area: region_code, name, start, end (values), their lower/upper, value (the
    change) and significant (True/False/<NA>)."""
    a, b = _at(values, start), _at(values, end)
    table = pd.DataFrame({"region_code": codes})
    table["name"] = table["region_code"].map(store.name)
    for col, frame in (("start", a), ("end", b)):
        table[col] = table["region_code"].map(frame["value"]).astype(float)
        for bound in ("lower", "upper"):
            table[f"{col}_{bound}"] = table["region_code"].map(frame[bound]).astype(float)
    table["value"] = [
        change_of(s, e, relative) for s, e in zip(table["start"], table["end"], strict=True)
    ]
    table["value"] = table["value"].astype(float)
    table["significant"] = pd.array(
        [
            significance(r.start, r.end, (r.start_lower, r.start_upper), (r.end_lower, r.end_upper))
            for r in table.itertuples()
        ],
        dtype="boolean",
    )
    return table


def _coloured(table: pd.DataFrame) -> pd.Series:
    """The changes drawn as changes: present and not within the margin."""
    flat = table["significant"].eq(False).fillna(False).astype(bool)
    return table.loc[~flat, "value"].dropna()


def change_table(
    store: Store,
    ind: Indicator,
    start: str,
    end: str,
    codes: list[str],
    values: pd.DataFrame,
    relative: bool,
    lang: str,
    pool: Sequence[str] = (),
) -> tuple[pd.DataFrame, classify.Classes | None]:
    """One row per area: region_code, name, start, end, value (the change), significant
    (True/False/<NA>), rank, color, start_text, end_text, value_text, note, tooltips.

    The classes pool the changes from ``start`` to every period of ``pool`` (and ``end``),
    so that the timeline, stepping the end period, keeps one meaning per colour."""
    table = changes(store, start, end, codes, values, relative)
    not_significant = table["significant"].eq(False).fillna(False).astype(bool)
    table["rank"] = ranks(table["value"], ind.direction)
    others = [changes(store, start, p, codes, values, relative) for p in pool if p != end]
    coloured = pd.concat([_coloured(table), *(_coloured(o) for o in others)])
    classes = (
        classify.change_classes(coloured.tolist(), ind, store.catalog, relative)
        if len(coloured)
        else None
    )
    decimals = 1 if relative else ind.decimals

    def colour(value: float, flat: bool) -> str:
        if pd.isna(value):
            return classify.NO_DATA_COLOR
        if flat:
            return classify.NOT_SIGNIFICANT_COLOR
        if numbers.round_half_up(value, decimals) == 0:
            return classify.NO_CHANGE_COLOR
        return classes.color(value) if classes is not None else classify.NO_DATA_COLOR

    table["color"] = [colour(v, f) for v, f in zip(table["value"], not_significant, strict=True)]
    fmt = lambda v: numbers.format_value(v, ind, store.catalog, lang)  # noqa: E731
    table["start_text"] = [fmt(v) for v in table["start"]]
    table["end_text"] = [fmt(v) for v in table["end"]]
    table["value_text"] = [
        numbers.format_change(v, ind, store.catalog, relative, lang) for v in table["value"]
    ]
    table["zero_start"] = [
        no_data_reason(s, e, relative) == "change_no_relative"
        for s, e in zip(table["start"], table["end"], strict=True)
    ]
    table["note"] = [
        t("change_no_relative" if zero else "change_no_data", lang)
        if pd.isna(v)
        else t("change_not_significant", lang)
        if flat
        else ""
        for v, flat, zero in zip(table["value"], not_significant, table["zero_start"], strict=True)
    ]
    n = int(table["value"].notna().sum())
    rank_note = t("rank_highest" if ind.direction == 0 else "rank_best", lang)
    tips = {
        "tip_start": [f"{period_label(start, lang)}: {s}" for s in table["start_text"]],
        "tip_end": [f"{period_label(end, lang)}: {s}" for s in table["end_text"]],
        "tip_change": [
            f"{t('change_col', lang)}: {text}" + (f", {word}" if word else "")
            for text, word in zip(
                table["value_text"],
                [_word(v, ind, decimals, lang) for v in table["value"]],
                strict=True,
            )
        ],
        "tip_rank": [
            "" if pd.isna(r) else t("map_rank_text", lang, rank=r, n=n, note=rank_note)
            for r in table["rank"]
        ],
        "tip_note": table["note"],
    }
    # Plain text: Streamlit's deck.gl element HTML-escapes every value it fills into the
    # tooltip template, so escaping here too showed "&#x27;s-Gravenhage".
    for key, column in tips.items():
        table[key] = [str(c) for c in column]
    table["tip_name"] = [str(c) for c in table["name"]]
    return table, classes


def _word(value: float, ind: Indicator, decimals: int, lang: str) -> str:
    """'gestegen (beter)', 'gedaald (slechter)', 'gelijk gebleven'; '' when missing."""
    if pd.isna(value):
        return ""
    code = sentences.comparison_code(value, decimals)
    word = t(f"change_word_{code}", lang)
    verdict = sentences.judgement(value, ind.direction, lang, decimals)
    return f"{word} ({verdict})" if verdict and code != "equal" else word


def _summary_columns(table: pd.DataFrame) -> dict[str, list]:
    """The columns the sentence reads, as plain Python (significance True/False/None)."""
    return {
        "region_code": table["region_code"].tolist(),
        "name": table["name"].tolist(),
        "value": [float(v) for v in table["value"]],
        "significant": [None if pd.isna(s) else bool(s) for s in table["significant"]],
        "zero_start": [bool(z) for z in table["zero_start"]],
    }


def change_view(store: Store, view: ViewState) -> ChangeView:
    """The change map of ``view`` (``view.since`` is the start period). Raises ValueError
    when the change is refused (:func:`change_refusal`) or ``since`` is not a start period
    of it: urls.parse_query has already dropped such a ``vanaf`` with a notice."""
    ind = store.indicator(view.indicator)
    end = view.period or store.latest_period(ind.id)
    refused = change_refusal(store, ind.id, end)
    if refused or view.since not in start_periods(store, ind.id, end):
        raise ValueError(f"{ind.id}: no change from {view.since!r} to {end!r} ({refused})")
    lvl = level(set(store.frame(ind.id)["region_code"]))
    lang, start = view.lang, view.since
    relative = relative_for(ind, view.change_kind)
    codes = area_codes(store, view.scope, lvl)
    values = period_values(store, ind.id, codes, lvl)
    periods = pairable_periods(store, ind.id)
    later = periods[periods.index(start) + 1 :]  # every end the timeline can show
    table, classes = change_table(store, ind, start, end, codes, values, relative, lang, pool=later)
    drenthe = tuple(reference_value(store, ind.id, DRENTHE_CODE, p) for p in (start, end))
    nederland = tuple(reference_value(store, ind.id, NEDERLAND_CODE, p) for p in (start, end))
    summary = sentences.change_summary(
        _summary_columns(table), ind, store.catalog, start, end, lang,
        drenthe=change_of(*drenthe, relative), nederland=change_of(*nederland, relative),
        relative=relative, area=lvl,
    )  # fmt: skip
    source = sentences.source_line(ind, f"{start}–{end}", lang)
    notes = tuple(n for n in (ind.notes(lang),) if n)
    if lvl == "corop":
        notes = (t("region_only", lang), *notes)
    return ChangeView(
        ind, start, end, view.scope, lvl, relative, table, classes,
        drenthe, nederland, summary, source, notes,  # type: ignore[arg-type]
    )  # fmt: skip


# --- the slope chart and the table ----------------------------------------------------------


def slope_frame(
    cv: ChangeView, catalog: Catalog, selected: tuple[str, ...], lang: str
) -> pd.DataFrame:
    """Long rows for the slope chart: every area with both values, then Drenthe and
    Nederland; columns region_code, name, kind (gemeente/selected/drenthe/nederland),
    period, period_label, value, value_text, color, order (0 start, 1 end)."""
    rows = []
    for r in cv.table.itertuples():
        if pd.isna(r.start) or pd.isna(r.end):
            continue
        kind = "selected" if r.region_code in selected else "gemeente"
        for order, (p, v, text) in enumerate(
            ((cv.start, r.start, r.start_text), (cv.period, r.end, r.end_text))
        ):
            rows.append((r.region_code, r.name, kind, p, v, text, r.color, order))
    refs = (
        (DRENTHE_CODE, "Drenthe", "drenthe", cv.drenthe),
        (NEDERLAND_CODE, t("name_nederland", lang), "nederland", cv.nederland),
    )
    for code, name, kind, (s, e) in refs:
        if s is None or e is None:
            continue
        for order, (p, v) in enumerate(((cv.start, s), (cv.period, e))):
            text = numbers.format_value(v, cv.indicator, catalog, lang)
            rows.append((code, name, kind, p, v, text, "", order))
    frame = pd.DataFrame(
        rows,
        columns=["region_code", "name", "kind", "period", "value", "value_text", "color", "order"],
    )
    frame["period_label"] = [period_label(p, lang) for p in frame["period"]]
    return frame


def table_frame(cv: ChangeView, catalog: Catalog, lang: str) -> pd.DataFrame:
    """The change table as shown and downloaded: by rank of the change (missing last),
    then Drenthe and Nederland; start, end and change as numbers rounded as shown (the
    change as its text too) and the significance."""
    ind = cv.indicator
    decimals = 1 if cv.relative else ind.decimals
    table = cv.table.sort_values(["rank", "name"], na_position="last")

    def rounded(v: float | None, d: int) -> float | None:
        return None if v is None or pd.isna(v) else numbers.round_half_up(float(v), d)

    def significant(value: object) -> str:
        if value is pd.NA or value is None:
            return ""
        return t("change_significant_yes" if value else "change_not_significant", lang)

    rows = [
        (
            r.name,
            rounded(r.start, ind.decimals),
            rounded(r.end, ind.decimals),
            rounded(r.value, decimals),
            r.value_text,
            None if pd.isna(r.rank) else int(r.rank),
            significant(r.significant),
            "" if r.note == t("change_not_significant", lang) else r.note,
        )
        for r in table.itertuples()
    ]
    for name, (s, e) in (
        ("Drenthe", cv.drenthe),
        (t("name_nederland", lang), cv.nederland),
    ):
        change = change_of(s, e, cv.relative)
        rows.append(
            (
                name,
                rounded(s, ind.decimals),
                rounded(e, ind.decimals),
                rounded(change, decimals),
                numbers.format_change(change, ind, catalog, cv.relative, lang),
                None,
                "",
                "",
            )
        )
    unit = "%" if cv.relative else catalog.unit_label(ind.unit, lang)
    heads = [
        t("col_region" if cv.level == "corop" else "col_gemeente", lang),
        f"{period_label(cv.start, lang)} ({catalog.unit_label(ind.unit, lang)})",
        f"{period_label(cv.period, lang)} ({catalog.unit_label(ind.unit, lang)})",
        f"{t('change_col', lang)} ({change_unit(cv, catalog, lang) or unit})",
        t("change_col_text", lang),
        t("col_rank", lang),
        t("change_col_significance", lang),
        t("col_status", lang),
    ]
    frame = pd.DataFrame(rows, columns=heads)
    frame[heads[5]] = frame[heads[5]].astype("Int64")
    for col in heads[1:4]:
        frame[col] = frame[col].astype(float)
    return frame


def change_unit(cv: ChangeView, catalog: Catalog, lang: str) -> str:
    """The change's unit as a legend title says it: 'procentpunt', '% van de beginwaarde'
    (relative) or the indicator's unit label ('€ x 1.000')."""
    if cv.relative:
        # not a bare '%': of a percentage that would read as its own unit (points)
        return t("change_relative_unit", lang)
    if cv.indicator.unit == "percent":
        return t("change_points", lang)
    return catalog.unit_label(cv.indicator.unit, lang)


def legend_items(cv: ChangeView, lang: str) -> list[tuple[str, str]]:
    """(colour, label) of the change map's legend, low -> high: the classes, then only what
    the map shows of 'geen verandering', 'niet significant' and the no-data grey."""
    colours = set(cv.table["color"])
    items = [] if cv.classes is None else classify.legend_items(cv.classes, lang, no_data=False)
    if classify.NO_CHANGE_COLOR in colours:
        items.append((classify.NO_CHANGE_COLOR, t("change_none_label", lang)))
    if classify.NOT_SIGNIFICANT_COLOR in colours:
        items.append((classify.NOT_SIGNIFICANT_COLOR, t("change_not_significant", lang)))
    missing = cv.table["value"].isna()
    if missing.any():
        zero = cv.table.loc[missing, "zero_start"].astype(bool)
        key = (
            "change_no_relative_legend"
            if zero.all()
            else "change_no_data_or_relative"
            if zero.any()
            else "change_no_data"
        )
        items.append((classify.NO_DATA_COLOR, t(key, lang)))
    return items


def legend_title(cv: ChangeView, catalog: Catalog, lang: str) -> str:
    """'Verandering 2019–2024 (procentpunt)'."""
    title = t("change_legend", lang, periods=cv.periods_text)
    return f"{title} ({change_unit(cv, catalog, lang)})"
