"""What the Trends page shows (pure, no Streamlit): :class:`TrendView`, one indicator over all
its periods for the chosen series with Drenthe and Nederland. The page, its slide in
Presenteren, its images and its downloads (publish.downloads.trend_download) all read it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from dashboard.model.catalog import Indicator
from dashboard.model.store import Store
from dashboard.state import ViewState
from dashboard.text import sentences
from dashboard.views import trends

MEASURES = ("absoluut", "index")
SMALL_MULTIPLES_MAX = 25


@dataclass(frozen=True)
class TrendView:
    indicator: Indicator
    codes: tuple[str, ...]  # the chosen series (gemeenten, then regions), without references
    frame: pd.DataFrame  # trends.trend_frame
    index: trends.IndexResult
    summary: str
    changes: pd.DataFrame  # the table of change as shown
    unit: str
    latest: str  # the indicator's latest period
    source: str

    @property
    def comparable(self) -> bool:
        return bool(self.frame.attrs.get("comparable", True))


def trend_view(store: Store, view: ViewState, extra: Sequence[str] = ()) -> TrendView:
    """The trend of ``view``'s indicator for its gemeenten plus ``extra`` series (regions)."""
    lang = view.lang
    ind = store.indicator(view.indicator)
    codes = (*view.gemeenten, *extra)
    frame = trends.trend_frame(store, ind.id, list(codes), lang)
    changes = trends.change_table(frame, ind, store.catalog, lang)
    latest = store.latest_period(ind.id)
    return TrendView(
        indicator=ind,
        codes=codes,
        frame=frame,
        index=trends.index_frame(frame, lang),
        summary=trends.trend_summary(frame, ind, store.catalog, lang, changes),
        changes=trends.display_changes(changes, lang),
        unit=store.catalog.unit_label(ind.unit, lang),
        latest=latest,
        source=sentences.source_line(ind, latest, lang),
    )


def small_multiples_codes(
    scope_codes: Sequence[str], drenthe_codes: Sequence[str]
) -> tuple[str, ...]:
    """The gemeenten of the small multiples: the scope's, or Drenthe's twelve when the scope
    has more than :data:`SMALL_MULTIPLES_MAX`."""
    codes = scope_codes if len(scope_codes) <= SMALL_MULTIPLES_MAX else drenthe_codes
    return tuple(codes)


def has_gemeente_values(frame: pd.DataFrame) -> bool:
    """Whether any series other than the references has a value (else no small multiples)."""
    present, kinds = frame["value"].notna().tolist(), frame["kind"].tolist()
    return any(here and kind != "reference" for here, kind in zip(present, kinds, strict=True))
