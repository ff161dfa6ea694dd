"""What the Gemeenteprofiel shows (pure, no Streamlit): :class:`ProfileView`, every indicator
of one gemeente against Drenthe and Nederland, by theme, and against similar gemeenten. The
page, its slide in Presenteren, the handout image and the downloads all read it."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.model import geo
from dashboard.model.store import Store
from dashboard.state import ViewState
from dashboard.views import profile

DEFAULT_GEMEENTE = "GM0106"  # Assen, the provincial capital, when nothing is selected


def profile_gemeente(store: Store, view: ViewState) -> str:
    """The gemeente of a profile: the first selected 2025 gemeente, else Assen."""
    codes = store.gemeente_codes()
    return next((c for c in view.gemeenten if c in codes), DEFAULT_GEMEENTE)


@dataclass(frozen=True)
class ProfileView:
    code: str
    name: str
    table: pd.DataFrame  # profile.profile_table
    scores: pd.DataFrame  # profile.theme_scores
    summary: str
    shown: pd.DataFrame  # the table of all indicators as displayed and downloaded
    similar: pd.DataFrame  # profile.similar_gemeenten
    compared: pd.DataFrame  # as displayed: the profile against the similar gemeenten

    @property
    def indicator_ids(self) -> list[str]:
        return self.table["indicator_id"].tolist()

    @property
    def with_value(self) -> list[str]:
        """The indicators for which the gemeente has a value (the handout's sources)."""
        return self.table.loc[self.table["availability"] == "value", "indicator_id"].tolist()


def profile_view(store: Store, view: ViewState) -> ProfileView:
    lang = view.lang
    code = profile_gemeente(store, view)
    name = store.name(code)
    table = profile.profile_table(store, code, geo.scope_codes(store.gebieden, view.scope), lang)
    scores = profile.theme_scores(table, store.catalog, lang)
    similar = profile.similar_gemeenten(store.gebieden, code)
    compared = profile.compare_with_similar(store, table, similar["gemeente_code"].tolist(), lang)
    return ProfileView(
        code=code,
        name=name,
        table=table,
        scores=scores,
        summary=profile.profile_summary(table, scores, name, lang),
        shown=profile.profile_display(table, lang),
        similar=similar,
        compared=profile.similar_display(compared, lang),
    )
