"""Gemeenteprofiel: the whole picture of one gemeente (pure, no Streamlit).

The Sociale Agenda warns against cherry picking, so a profile shows *every* indicator that
has gemeente figures, good and bad alike, in catalogue order, with the same comparisons for
each. Decisions, each documented where it is made:

Rows (:func:`profile_table`)
    One row per indicator with gemeente-level data (any GM code in the store), sorted by
    theme (vocabulary order), perspective (hier en nu, later, elders) and catalogue order.
    ``availability`` says what the row holds:

    ``value``        the gemeente has a value (in ``period``, its latest period with one);
    ``missing``      the indicator has gemeente figures but none for this gemeente (Westerveld's
                     volunteering, or a Sociale Agenda figure the report gives for a few
                     gemeenten only); the row stays, with Drenthe and Nederland, so the gap
                     is visible rather than silently dropped;
    ``region_only``  only with ``include_regional=True``: indicators published for COROP
                     regions (``tabel1_*``) or Drenthe only. They are left out by default
                     because they say nothing about the gemeente itself; the page can list
                     them separately as context.

Comparisons
    Drenthe and Nederland are taken in the row's period (:func:`views.reference_value`, which
    computes Drenthe where the source publishes no province value; ``drenthe_status`` is then
    ``computed``). Words come from :mod:`text` and compare values as shown (rounded to the
    catalogue's decimals), so a word never contradicts the numbers beside it.

Rank (``rank``, ``rank_of``)
    Among the scope's gemeenten with a value in the row's period, 1 = best
    (:func:`views.ranks`: highest first for direction +1 and 0, lowest first for -1; ties share
    the better rank). No rank when the gemeente is not in the scope, or when fewer than
    :data:`MIN_RANK_SHARE` of the scope's gemeenten have a value: ranking the two gemeenten a
    report chose to quote (its highest and lowest) would be cherry picking in disguise.

Percentile (``percentile``, ``percentile_of``)
    Among all gemeenten of Nederland with a value in the row's period (GM codes of that
    period's boundaries, historical codes included; N of them, the gemeente included)::

        percentile = 100 * (worse + equal / 2) / (N - 1)

    where ``worse`` counts the other gemeenten with a strictly worse value and ``equal`` those
    with exactly the same value (raw values, as :func:`views.ranks`). 100 = best of all,
    0 = worst, about 50 = the middle. For a neutral indicator (direction 0) "worse" means
    "lower", so the percentile is a position from low (0) to high (100), and its text says
    "hoger dan" instead of "beter dan". None when N < 2 or when no gemeente outside Drenthe
    has a value (a Sociale Agenda figure is not a national comparison).

Change (``trend``)
    Since the previous period in which the gemeente has a value: ``better``/``worse``/``equal``
    (``higher``/``lower``/``equal`` for neutral indicators), with an arrow for the direction
    of the value itself (↑ ↓ →) next to the word, so it never relies on colour alone. None
    when the catalogue marks the periods as not comparable (``comparable = false``); the text
    then says so.

Survey figures (``survey``)
    True when the indicator has margins (95% intervals) in the store or its English notes
    mention a survey (Enquête beroepsbevolking, Drents Panel). ``drenthe_in_margin`` is True
    when Drenthe's value lies inside the gemeente's own 95% interval: the difference is then
    not significant (Drenthe's own, much smaller, margin is ignored).

Similar gemeenten (:func:`similar_gemeenten`)
    Distance on two standardised features from gebieden_2025.csv, over all 342 gemeenten::

        d = sqrt( ((ln inw_a - ln inw_b) / sd_ln_inw)^2 + ((sted_a - sted_b) / sd_sted)^2 )

    ``inw`` = inwoners 1 January 2025, ``sted`` = stedelijkheid class 1 (zeer sterk stedelijk)
    to 5 (niet stedelijk) as a number, sd = population standard deviation over the 342. The
    gemeentegrootte class is left out: it is a binned copy of inwoners and would count size
    twice. Ties are broken by gemeente code, so the result is deterministic.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.model.catalog import Catalog, Indicator
from dashboard.model.store import Store
from dashboard.text import numbers, sentences
from dashboard.text.i18n import t
from dashboard.text.numbers import period_label
from dashboard.views.mapview import ranks, reference_value
from dashboard.vocabulary import DRENTHE_CODE, NEDERLAND_CODE

MIN_RANK_SHARE = 0.5
ARROWS = {1: "↑", -1: "↓", 0: "→"}
_SURVEY_MARKERS = ("survey", "drents panel")

PROFILE_COLUMNS = [
    "indicator_id",
    "label",
    "theme",
    "theme_label",
    "perspective",
    "perspective_label",
    "direction",
    "unit",
    "availability",
    "availability_text",
    "period",
    "period_label",
    "is_latest",
    "value",
    "value_text",
    "status",
    "status_text",
    "lower",
    "upper",
    "drenthe",
    "drenthe_status",
    "drenthe_text",
    "nederland",
    "nederland_text",
    "diff_drenthe",
    "diff_drenthe_text",
    "vs_drenthe",
    "judgement_drenthe",
    "drenthe_in_margin",
    "diff_nederland",
    "diff_nederland_text",
    "vs_nederland",
    "judgement_nederland",
    "rank",
    "rank_of",
    "rank_text",
    "percentile",
    "percentile_of",
    "percentile_text",
    "previous_period",
    "change",
    "change_text",
    "trend",
    "trend_text",
    "survey",
    "source",
]


# --- ordering and selection -----------------------------------------------------------------


def profile_order(catalog: Catalog) -> list[Indicator]:
    """All indicators by theme order, then perspective (vocabulary order), then catalogue."""
    themes = {theme: catalog.themes[theme]["order"] for theme in catalog.themes}
    perspectives = {p: i for i, p in enumerate(catalog.perspectives)}
    position = {ind.id: i for i, ind in enumerate(catalog)}
    return sorted(
        catalog,
        key=lambda ind: (themes[ind.theme], perspectives[ind.perspective], position[ind.id]),
    )


def has_gemeente_data(frame: pd.DataFrame) -> bool:
    """True when the observations of one indicator include gemeente (GM) values (the
    indicator's level is 'gemeente', see :func:`store.level`)."""
    return bool(frame["region_code"].str.startswith("GM").any())


def is_survey(frame: pd.DataFrame, ind: Indicator) -> bool:
    """Survey-based: margins among the indicator's observations ``frame``, or notes that
    mention a survey (see the module docstring)."""
    if frame["lower"].notna().any() or frame["upper"].notna().any():
        return True
    notes = ind.notes("en").lower()
    return any(marker in notes for marker in _SURVEY_MARKERS)


def gemeente_values(frame: pd.DataFrame, period: str) -> pd.Series:
    """Values of every gemeente (GM code) with a value in one period, indexed by code, from
    the observations of one indicator (``store.frame(indicator_id)``)."""
    f = frame
    f = f[(f["period"] == period) & f["region_code"].str.startswith("GM") & f["value"].notna()]
    return f.set_index("region_code")["value"].astype(float)


def value_periods(frame: pd.DataFrame, code: str) -> list[str]:
    """Sorted periods in which a region has a value (``frame``: one indicator)."""
    f = frame[(frame["region_code"] == code) & frame["value"].notna()]
    return sorted(f["period"].tolist())


# --- positions ------------------------------------------------------------------------------


def percentile(values: pd.Series, code: str, direction: int) -> float | None:
    """100 * (worse + equal/2) / (N - 1) among ``values`` (indexed by code, ``code`` included);
    'worse' is lower for direction +1 and 0, higher for -1. None when N < 2 or code has no
    value."""
    values = values.dropna()
    if code not in values.index or len(values) < 2:
        return None
    own = float(values[code])
    others = values.drop(code)
    worse = int((others > own).sum() if direction == -1 else (others < own).sum())
    equal = int((others == own).sum())
    return 100.0 * (worse + equal / 2) / len(others)


def scope_rank(
    values: pd.Series, code: str, direction: int, scope_codes: Sequence[str]
) -> tuple[int | None, int]:
    """(rank, number ranked) of ``code`` among the scope's gemeenten with a value; rank None
    when code is outside the scope or without a value, or the scope is too sparsely covered
    (fewer than MIN_RANK_SHARE of its gemeenten have a value)."""
    scope = values[values.index.isin(list(scope_codes))].dropna()
    n = len(scope)
    if code not in scope.index or n < MIN_RANK_SHARE * len(set(scope_codes)):
        return None, n
    return int(ranks(scope, direction)[code]), n


def _drenthe_codes(store: Store) -> set[str]:
    g = store.gebieden
    return set(g.loc[g["provincie_code"] == DRENTHE_CODE, "gemeente_code"].tolist())


def _reference_rows(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["region_code"].isin([DRENTHE_CODE, NEDERLAND_CODE])]


def _national(values: pd.Series, drenthe_codes: set[str]) -> bool:
    return bool(set(values.index) - drenthe_codes)


# --- texts ----------------------------------------------------------------------------------


def _judgement_code(diff: float | None, ind: Indicator) -> str | None:
    """'better', 'worse', 'equal' (as shown) or None (neutral indicator, missing diff)."""
    return sentences.judgement_code(diff, ind.direction, ind.decimals)


def _trend(change: float | None, ind: Indicator, lang: str) -> tuple[str | None, str]:
    """(code, text) of the change since the previous period: ('better', '↑ beter')."""
    if change is None:
        return None, ""
    shown = numbers.round_half_up(change, ind.decimals)
    sign = (shown > 0) - (shown < 0)
    if ind.direction == 0 or sign == 0:
        code = {1: "higher", -1: "lower", 0: "equal"}[sign]
    else:
        code = "better" if sign * ind.direction > 0 else "worse"
    return code, f"{ARROWS[sign]} {t(f'profile_trend_{code}', lang)}"


def _rank_text(rank: int | None, n: int, ind: Indicator, lang: str) -> str:
    if rank is None:
        return ""
    note = t("rank_highest" if ind.direction == 0 else "rank_best", lang)
    return t("profile_rank_text", lang, rank=str(rank), n=str(n), note=note)


def _percentile_text(value: float | None, ind: Indicator, lang: str) -> str:
    if value is None:
        return ""
    key = "profile_percentile_higher" if ind.direction == 0 else "profile_percentile_better"
    return t(key, lang, p=str(int(numbers.round_half_up(value, 0))))


def _fmt(value: float | None, ind: Indicator, store: Store, lang: str) -> str:
    return numbers.format_value(value, ind, store.catalog, lang)


def _diff(value: float | None, reference: float | None) -> float | None:
    return None if value is None or reference is None else value - reference


# --- lookups, once per store and indicator (issue 17) ---------------------------------------


_OWN_COLUMNS = ("region_code", "period", "value", "lower", "upper", "status")


class _Facts:
    """One indicator's observations as lookups, built once per store (``Store.memo``): a
    profile asks the same questions of every indicator for each gemeente, and answering them
    with boolean filters of the indicator's frame took ~0.5 s per profile. Every answer is
    what the frame functions above give (they stay the definition; tests compare the two)."""

    def __init__(self, frame: pd.DataFrame, ind: Indicator) -> None:
        self.frame = frame
        self.gemeente_data = has_gemeente_data(frame)
        self.survey = is_survey(frame, ind)
        self.gemeente_period = _gemeente_period(frame) if self.gemeente_data else None
        with_value = frame[frame["value"].notna()]
        self._columns = {c: with_value[c].tolist() for c in _OWN_COLUMNS}
        self._rows = {
            str(code): rows
            for code, rows in with_value.groupby(
                "region_code", sort=False, observed=True
            ).indices.items()
        }
        self._own: dict[str, dict[str, dict[str, object]]] = {}
        self._values: dict[str, pd.Series] = {}
        self._sorted: dict[str, np.ndarray] = {}
        self._ranks: dict[tuple[str, tuple[str, ...], int], tuple[dict[str, int], int]] = {}
        self._refs: dict[str, References] = {}
        self._national: dict[str, bool] = {}

    def own(self, code: str) -> dict[str, dict[str, object]]:
        """The rows of ``code`` with a value by period (the first row per period, as _own
        takes it), in period order: value_periods(frame, code) are its keys."""
        if code not in self._own:
            rows: dict[str, dict[str, object]] = {}
            for i in self._rows.get(code, ()):
                rec = {c: self._columns[c][i] for c in _OWN_COLUMNS}
                rows.setdefault(str(rec["period"]), rec)
            self._own[code] = dict(sorted(rows.items()))
        return self._own[code]

    def value(self, code: str, period: str) -> float | None:
        """frame_value(frame, code, period)"""
        rec = self.own(code).get(period)
        return None if rec is None else float(rec["value"])  # type: ignore[arg-type]

    def values(self, period: str) -> pd.Series:
        """gemeente_values(frame, period), once per period."""
        if period not in self._values:
            self._values[period] = gemeente_values(self.frame, period)
        return self._values[period]

    def rank(
        self, period: str, code: str, direction: int, scope_codes: Sequence[str]
    ) -> tuple[int | None, int]:
        """scope_rank(values(period), code, direction, scope_codes), the ranks once per scope."""
        key = (period, tuple(scope_codes), direction)
        if key not in self._ranks:
            values = self.values(period)
            scope = values[values.index.isin(list(scope_codes))].dropna()
            ranked = {str(c): int(r) for c, r in ranks(scope, direction).items()}
            enough = len(scope) >= MIN_RANK_SHARE * len(set(scope_codes))
            self._ranks[key] = (ranked if enough else {}, len(scope))
        ranked, n = self._ranks[key]
        return ranked.get(code), n

    def percentile(self, period: str, code: str, direction: int) -> float | None:
        """percentile(values(period), code, direction), by binary search in sorted values."""
        if period not in self._sorted:
            self._sorted[period] = np.sort(self.values(period).dropna().to_numpy(dtype=float))
        arr = self._sorted[period]
        own = self.value(code, period)
        if own is None or code not in self.values(period).index or len(arr) < 2:
            return None
        below = int(np.searchsorted(arr, own, "left"))
        not_above = int(np.searchsorted(arr, own, "right"))
        equal = not_above - below - 1  # the others equal to the gemeente's own value
        worse = len(arr) - not_above if direction == -1 else below
        return 100.0 * (worse + equal / 2) / (len(arr) - 1)

    def national(self, period: str, drenthe_codes: set[str]) -> bool:
        if period not in self._national:
            self._national[period] = _national(self.values(period), drenthe_codes)
        return self._national[period]

    def references(self, store: Store, indicator_id: str, period: str) -> References:
        """References.of(store, indicator_id, frame, period), once per period."""
        if period not in self._refs:
            self._refs[period] = References.of(
                store, indicator_id, _reference_rows(self.frame), period
            )
        return self._refs[period]


def _facts(store: Store, ind: Indicator) -> _Facts:
    return store.memo(("profile.facts", ind.id), lambda: _Facts(store.frame(ind.id), ind))


def _drenthe_codes_memo(store: Store) -> set[str]:
    return store.memo("profile.drenthe_codes", lambda: _drenthe_codes(store))


# --- one row --------------------------------------------------------------------------------


def frame_value(frame: pd.DataFrame, code: str, period: str) -> float | None:
    """One value from the observations of one indicator, or None (as ``Store.value``)."""
    own = _own(frame, code, period)
    return None if own is None else float(own["value"])


def _own(frame: pd.DataFrame, code: str, period: str) -> pd.Series | None:
    f = frame
    hit = f[(f["region_code"] == code) & (f["period"] == period) & f["value"].notna()]
    return None if hit.empty else hit.iloc[0]


def _gemeente_period(frame: pd.DataFrame) -> str:
    """The latest period in which any gemeente has a value (else the latest of all)."""
    f = frame[frame["region_code"].str.startswith("GM") & frame["value"].notna()]
    return str(f["period"].max()) if not f.empty else str(frame["period"].max())


def _in_margin(own: Mapping[str, object] | None, drenthe: float | None) -> bool | None:
    if own is None or drenthe is None or pd.isna(own["lower"]) or pd.isna(own["upper"]):
        return None
    return bool(own["lower"] <= drenthe <= own["upper"])  # type: ignore[operator]


def _labels(
    store: Store, ind: Indicator, frame: pd.DataFrame, lang: str, survey: bool | None = None
) -> dict[str, object]:
    catalog = store.catalog
    return {
        "indicator_id": ind.id,
        "label": ind.label(lang),
        "theme": ind.theme,
        "theme_label": catalog.theme_label(ind.theme, lang),
        "perspective": ind.perspective,
        "perspective_label": catalog.perspective_label(ind.perspective, lang),
        "direction": ind.direction,
        "unit": ind.unit,
        "survey": is_survey(frame, ind) if survey is None else survey,
        "source": sentences.citation(ind, lang),
    }


@dataclass(frozen=True)
class References:
    """Drenthe's and Nederland's value in one period; ``drenthe_computed`` when Drenthe's
    value was computed from its gemeenten (the source publishes none)."""

    drenthe: float | None
    nederland: float | None
    drenthe_computed: bool

    @classmethod
    def of(cls, store: Store, indicator_id: str, frame: pd.DataFrame, period: str) -> References:
        """From the indicator's observations ``frame`` (at least its PV22 and NL01 rows);
        where Drenthe has no published value, :func:`views.reference_value` computes it by
        the indicator's aggregation rule."""
        drenthe = frame_value(frame, DRENTHE_CODE, period)
        computed = False
        if drenthe is None:
            drenthe = reference_value(store, indicator_id, DRENTHE_CODE, period)
            computed = drenthe is not None
        return cls(drenthe, frame_value(frame, NEDERLAND_CODE, period), computed)

    def fields(self, store: Store, ind: Indicator, lang: str) -> dict[str, object]:
        return {
            "drenthe": self.drenthe,
            "drenthe_status": "computed" if self.drenthe_computed else "",
            "drenthe_text": _fmt(self.drenthe, ind, store, lang),
            "nederland": self.nederland,
            "nederland_text": _fmt(self.nederland, ind, store, lang),
        }


def _comparisons(
    store: Store, ind: Indicator, value: float | None, refs: References, lang: str
) -> dict[str, object]:
    row: dict[str, object] = {}
    for key, reference in (("drenthe", refs.drenthe), ("nederland", refs.nederland)):
        diff = _diff(value, reference)
        row[f"diff_{key}"] = diff
        row[f"diff_{key}_text"] = (
            "" if diff is None else numbers.format_difference(diff, ind, store.catalog, lang)
        )
        row[f"vs_{key}"] = sentences.comparison_word(diff, ind.direction, lang, ind.decimals) or ""
        row[f"judgement_{key}"] = _judgement_code(diff, ind)
    return row


def _change(
    store: Store, ind: Indicator, facts: _Facts, own: Mapping[str, object], lang: str
) -> dict[str, object]:
    code = str(own["region_code"])
    own_periods = list(facts.own(code))
    period, value = str(own["period"]), float(own["value"])  # type: ignore[arg-type]
    earlier = [p for p in own_periods if p < period]
    previous = earlier[-1] if earlier else None
    row: dict[str, object] = {
        "previous_period": previous,
        "change": None,
        "change_text": "",
        "trend": None,
        "trend_text": "",
    }
    if previous is None:
        return row
    if not ind.comparable:
        row["trend_text"] = t("profile_trend_not_comparable", lang)
        return row
    before = facts.value(code, previous)
    change = value - before if before is not None else None
    code_, trend_text = _trend(change, ind, lang)
    row.update(
        change=change,
        change_text=numbers.format_difference(change, ind, store.catalog, lang),
        trend=code_,
        trend_text=trend_text,
    )
    return row


def _empty_positions() -> dict[str, object]:
    return {
        "value": None,
        "value_text": numbers.MISSING,
        "status": "",
        "status_text": "",
        "lower": None,
        "upper": None,
        "rank": None,
        "rank_of": 0,
        "rank_text": "",
        "percentile": None,
        "percentile_of": 0,
        "percentile_text": "",
        "drenthe_in_margin": None,
        "previous_period": None,
        "change": None,
        "change_text": "",
        "trend": None,
        "trend_text": "",
    }


def indicator_row(
    store: Store,
    ind: Indicator,
    code: str,
    scope_codes: Sequence[str],
    lang: str = "nl",
    frame: pd.DataFrame | None = None,
) -> dict[str, object]:
    """One profile row of a gemeente-level indicator (see the module docstring); ``frame``
    is ``store.frame(ind.id)`` when the caller already has it. Without it, the lookups are
    the store's, built once (:class:`_Facts`)."""
    facts = _facts(store, ind) if frame is None else _Facts(frame, ind)
    own_periods = list(facts.own(code))
    latest = str(facts.gemeente_period or _gemeente_period(facts.frame))
    period = own_periods[-1] if own_periods else latest
    row = _labels(store, ind, facts.frame, lang, facts.survey) | _empty_positions()
    row["period"] = period
    row["period_label"] = period_label(period, lang)
    row["is_latest"] = period == latest
    refs = facts.references(store, ind.id, period)
    row.update(refs.fields(store, ind, lang))
    own = facts.own(code).get(period)
    if own is None:
        row["availability"] = "missing"
        row.update(_comparisons(store, ind, None, refs, lang))
        row["availability_text"] = t("profile_missing", lang)
        return row
    value = float(own["value"])  # type: ignore[arg-type]
    row["availability"] = "value"
    row["availability_text"] = ""
    status = str(own["status"])
    row.update(
        value=value,
        value_text=_fmt(value, ind, store, lang),
        status=status,
        status_text=sentences.status_text(status, lang),
        lower=None if pd.isna(own["lower"]) else float(own["lower"]),  # type: ignore[arg-type]
        upper=None if pd.isna(own["upper"]) else float(own["upper"]),  # type: ignore[arg-type]
    )
    row.update(_comparisons(store, ind, value, refs, lang))
    row["drenthe_in_margin"] = _in_margin(own, refs.drenthe)
    rank, n = facts.rank(period, code, ind.direction, scope_codes)
    row.update(rank=rank, rank_of=n, rank_text=_rank_text(rank, n, ind, lang))
    national = facts.national(period, _drenthe_codes_memo(store))
    pct = facts.percentile(period, code, ind.direction) if national else None
    row.update(
        percentile=pct,
        percentile_of=len(facts.values(period)) if pct is not None else 0,
        percentile_text=_percentile_text(pct, ind, lang),
    )
    row.update(_change(store, ind, facts, own, lang))
    return row


def regional_row(
    store: Store, ind: Indicator, lang: str = "nl", frame: pd.DataFrame | None = None
) -> dict[str, object]:
    """A row for an indicator without gemeente figures: Drenthe and Nederland only."""
    frame = store.frame(ind.id) if frame is None else frame
    period = str(frame["period"].max())
    row = _labels(store, ind, frame, lang) | _empty_positions()
    refs = References.of(store, ind.id, _reference_rows(frame), period)
    row.update(refs.fields(store, ind, lang))
    row.update(_comparisons(store, ind, None, refs, lang))
    row.update(
        availability="region_only",
        availability_text=t("profile_region_only", lang),
        period=period,
        period_label=period_label(period, lang),
        is_latest=True,
    )
    return row


# --- the profile ----------------------------------------------------------------------------


def profile_table(
    store: Store,
    gemeente_code: str,
    scope_codes: Sequence[str],
    lang: str = "nl",
    include_regional: bool = False,
) -> pd.DataFrame:
    """One row per indicator with gemeente figures (see the module docstring), columns
    :data:`PROFILE_COLUMNS`. Raises KeyError for a code that is not a 2025 gemeente."""
    if gemeente_code not in set(store.gebieden["gemeente_code"]):
        raise KeyError(f"Unknown gemeente code {gemeente_code!r}")
    rows = []
    for ind in profile_order(store.catalog):
        facts = _facts(store, ind)
        if facts.gemeente_data:
            rows.append(indicator_row(store, ind, gemeente_code, scope_codes, lang))
        elif include_regional:
            rows.append(regional_row(store, ind, lang, facts.frame))
    frame = pd.DataFrame(rows, columns=PROFILE_COLUMNS)
    for col in ("rank",):
        frame[col] = frame[col].astype("Int64")
    for col in ("value", "lower", "upper", "drenthe", "nederland", "percentile", "change"):
        frame[col] = pd.to_numeric(frame[col]).astype(float)
    for col in ("diff_drenthe", "diff_nederland"):
        frame[col] = pd.to_numeric(frame[col]).astype(float)
    return frame


# --- themes and summary ---------------------------------------------------------------------

THEME_SCORE_COLUMNS = [
    "theme",
    "theme_label",
    "n_indicators",
    "n_values",
    "n_scored",
    "mean_percentile",
    "n_better",
    "n_equal",
    "n_worse",
    "share_better",
    "balance",
]


def theme_scores(
    profile: pd.DataFrame, catalog: Catalog | None = None, lang: str = "nl"
) -> pd.DataFrame:
    """Per theme, in the profile's order (or the catalogue's, with every theme and labels in
    ``lang``, when a catalog is given): direction-aware position of the gemeente.

    ``n_indicators`` rows of the theme; ``n_values`` rows with a gemeente value;
    ``n_scored`` of those with a direction (+1/-1) and a national percentile;
    ``mean_percentile`` the mean of those percentiles (100 = best everywhere);
    ``n_better``/``n_equal``/``n_worse`` directional rows compared with Drenthe (as shown);
    ``share_better`` = n_better / (n_better + n_equal + n_worse);
    ``balance`` = (n_better - n_worse) / (n_better + n_equal + n_worse), from -1 to +1.
    Neutral indicators (direction 0) count in n_indicators and n_values only."""
    themes = list(dict.fromkeys(profile["theme"]))
    labels = dict(zip(profile["theme"], profile["theme_label"], strict=True))
    if catalog is not None:
        themes = sorted(catalog.themes, key=lambda th: catalog.themes[th]["order"])
    rows = []
    for theme in themes:
        part = profile[profile["theme"] == theme]
        has_value = part["availability"] == "value"
        directional = has_value & (part["direction"] != 0)
        scored = part.loc[directional, "percentile"].dropna()
        verdicts = part.loc[directional, "judgement_drenthe"].dropna()
        better, equal, worse = (int((verdicts == v).sum()) for v in ("better", "equal", "worse"))
        compared = better + equal + worse
        rows.append(
            {
                "theme": theme,
                "theme_label": catalog.theme_label(theme, lang) if catalog else labels[theme],
                "n_indicators": len(part),
                "n_values": int(has_value.sum()),
                "n_scored": len(scored),
                "mean_percentile": float(scored.mean()) if len(scored) else math.nan,
                "n_better": better,
                "n_equal": equal,
                "n_worse": worse,
                "share_better": better / compared if compared else math.nan,
                "balance": (better - worse) / compared if compared else math.nan,
            }
        )
    return pd.DataFrame(rows, columns=THEME_SCORE_COLUMNS)


def _extremes(scores: pd.DataFrame) -> tuple[pd.Series, pd.Series] | None:
    """(strongest, weakest) theme by balance; ties go to more comparisons, then theme order.
    None when fewer than two themes have comparisons or all balances are equal."""
    ranked = scores[(scores["n_better"] + scores["n_equal"] + scores["n_worse"]) > 0].copy()
    if len(ranked) < 2 or ranked["balance"].nunique() < 2:
        return None
    ranked["compared"] = ranked["n_better"] + ranked["n_equal"] + ranked["n_worse"]
    ranked["order"] = range(len(ranked))
    best = ranked.sort_values(["balance", "compared", "order"], ascending=[False, False, True])
    worst = ranked.sort_values(["balance", "compared", "order"], ascending=[True, False, True])
    return best.iloc[0], worst.iloc[0]


def _in_sentence(label: str) -> str:
    """A theme label inside a sentence: 'Materiële welvaart' -> 'materiële welvaart'."""
    return label[:1].lower() + label[1:]


def profile_summary(
    profile: pd.DataFrame, scores: pd.DataFrame, name: str, lang: str = "nl"
) -> str:
    """A short plain-language text: how many directional indicators are better or worse than
    Drenthe, the relatively strongest and weakest theme, and a caution about survey figures.
    ``name`` is the gemeente's display name (plain text; escape it for markdown)."""
    total = {k: int(scores[f"n_{k}"].sum()) for k in ("better", "equal", "worse")}
    compared = sum(total.values())
    if compared == 0:
        return t("profile_summary_no_comparison", lang, name=name)
    parts = [
        t(
            "profile_summary_counts",
            lang,
            name=name,
            n=str(compared),
            better=str(total["better"]),
            worse=str(total["worse"]),
            equal=str(total["equal"]),
        )
    ]
    extremes = _extremes(scores)
    if extremes is not None:
        strong, weak = extremes
        parts.append(
            t(
                "profile_summary_extremes",
                lang,
                name=name,
                strong=_in_sentence(str(strong["theme_label"])),
                strong_n=str(strong["n_better"]),
                strong_of=str(int(strong["compared"])),
                weak=_in_sentence(str(weak["theme_label"])),
                weak_n=str(weak["n_worse"]),
                weak_of=str(int(weak["compared"])),
            )
        )
    with_value = profile[profile["availability"] == "value"]
    surveys = int(with_value["survey"].sum())
    if surveys:
        parts.append(t("profile_summary_surveys", lang, n=str(surveys)))
        inside = int((with_value["drenthe_in_margin"] == True).sum())  # noqa: E712
        if inside:
            parts.append(t("profile_summary_in_margin", lang, n=str(inside), name=name))
    else:
        parts.append(t("profile_summary_caution", lang))
    return " ".join(parts)


# --- similar gemeenten ----------------------------------------------------------------------

SIMILAR_COLUMNS = [
    "gemeente_code",
    "gemeente_naam",
    "provincie_naam",
    "inwoners",
    "stedelijkheid_code",
    "stedelijkheid",
    "gemeentegrootte",
    "distance",
]


def similarity_distances(gebieden: pd.DataFrame, code: str) -> pd.Series:
    """Distance of every gemeente to ``code`` (see the module docstring), indexed by code."""
    g = gebieden.set_index("gemeente_code")
    if code not in g.index:
        raise KeyError(f"Unknown gemeente code {code!r}")
    log_inw = np.log(g["inwoners"].astype(float))
    sted = pd.to_numeric(g["stedelijkheid_code"]).astype(float)
    z_inw = (log_inw - log_inw[code]) / log_inw.std(ddof=0)
    z_sted = (sted - sted[code]) / sted.std(ddof=0)
    return np.sqrt(z_inw**2 + z_sted**2).rename("distance")


def similar_gemeenten(gebieden: pd.DataFrame, code: str, n: int = 5) -> pd.DataFrame:
    """The ``n`` gemeenten of Nederland nearest to ``code`` in size and urbanisation, nearest
    first (ties by code); the gemeente itself is left out. Columns :data:`SIMILAR_COLUMNS`."""
    distance = similarity_distances(gebieden, code).drop(code)
    order = pd.DataFrame({"distance": distance, "code": distance.index})
    nearest = order.sort_values(["distance", "code"]).head(n)
    g = gebieden.set_index("gemeente_code").loc[nearest.index]
    result = g.reset_index().assign(distance=nearest["distance"].to_numpy())
    result["stedelijkheid_code"] = pd.to_numeric(result["stedelijkheid_code"])
    return result[SIMILAR_COLUMNS].reset_index(drop=True)


SIMILAR_COMPARISON_COLUMNS = [
    "indicator_id",
    "label",
    "theme_label",
    "period",
    "value",
    "value_text",
    "similar_mean",
    "similar_text",
    "n_similar",
    "diff_similar",
    "diff_similar_text",
    "vs_similar",
    "judgement_similar",
]


def compare_with_similar(
    store: Store, profile: pd.DataFrame, similar_codes: Sequence[str], lang: str = "nl"
) -> pd.DataFrame:
    """The profile's values against the plain (unweighted) mean of the similar gemeenten that
    have a value in the same period: each similar gemeente counts once, as 'a gemeente like
    this one'. Rows of the profile with a value; ``n_similar`` says how many gemeenten the
    mean is over (0: no mean). Columns :data:`SIMILAR_COMPARISON_COLUMNS`."""
    rows = []
    for row in profile[profile["availability"] == "value"].itertuples(index=False):
        ind = store.indicator(row.indicator_id)
        values = _facts(store, ind).values(row.period)
        peers = values[values.index.isin(list(similar_codes))]
        mean = float(peers.mean()) if len(peers) else None
        diff = _diff(row.value, mean)
        rows.append(
            {
                "indicator_id": ind.id,
                "label": row.label,
                "theme_label": row.theme_label,
                "period": row.period,
                "value": row.value,
                "value_text": row.value_text,
                "similar_mean": mean,
                "similar_text": _fmt(mean, ind, store, lang),
                "n_similar": len(peers),
                "diff_similar": diff,
                "diff_similar_text": ""
                if diff is None
                else numbers.format_difference(diff, ind, store.catalog, lang),
                "vs_similar": sentences.comparison_word(diff, ind.direction, lang, ind.decimals)
                or "",
                "judgement_similar": _judgement_code(diff, ind),
            }
        )
    frame = pd.DataFrame(rows, columns=SIMILAR_COMPARISON_COLUMNS)
    for col in ("value", "similar_mean", "diff_similar"):
        frame[col] = pd.to_numeric(frame[col]).astype(float)
    return frame


# --- what the page shows --------------------------------------------------------------------

DISPLAY_COLUMNS = (
    ("theme_label", "profile_col_theme"),
    ("label", "profile_col_indicator"),
    ("period_label", "profile_col_period"),
    ("value_text", "profile_col_value"),
    ("drenthe_text", "profile_col_drenthe"),
    ("vs_drenthe", "profile_col_vs_drenthe"),
    ("nederland_text", "profile_col_nederland"),
    ("vs_nederland", "profile_col_vs_nederland"),
    ("rank_text", "profile_col_rank"),
    ("percentile_text", "profile_col_percentile"),
    ("trend_text", "profile_col_trend"),
    ("availability_text", "profile_col_note"),
)


def profile_display(profile: pd.DataFrame, lang: str = "nl") -> pd.DataFrame:
    """The profile as the page's table shows it (and as it is downloaded): text columns with
    headers in ``lang``. Observation status notes (berekend, benadering) join the status."""
    frame = pd.DataFrame(
        {t(header, lang): profile[col].fillna("").astype(str) for col, header in DISPLAY_COLUMNS}
    )
    notes = [
        "; ".join(x for x in (a, s) if x)
        for a, s in zip(profile["availability_text"], profile["status_text"], strict=True)
    ]
    frame[t("profile_col_note", lang)] = notes
    return frame


def similar_display(compared: pd.DataFrame, lang: str = "nl") -> pd.DataFrame:
    """The comparison with similar gemeenten as the page shows (and downloads) it."""
    n = compared["n_similar"].astype(int).astype(str)
    return pd.DataFrame(
        {
            t("profile_col_theme", lang): compared["theme_label"],
            t("profile_col_indicator", lang): compared["label"],
            t("profile_col_period", lang): compared["period"],
            t("profile_col_value", lang): compared["value_text"],
            t("profile_col_similar", lang): compared["similar_text"] + " (n = " + n + ")",
            t("profile_col_vs_similar", lang): compared["vs_similar"],
        }
    )
