"""Altair chart specs built from frames (pure, testable)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from dashboard.i18n import t

MAX_BARS = 40  # above this many areas the ranking is drawn as a dot strip
OUTLINE = "#666666"
REFERENCE_COLORS = {"drenthe": "#B2182B", "nederland": "#333333"}


def _references(drenthe: float | None, nederland: float | None, lang: str) -> pd.DataFrame:
    rows = [
        {"name": "Drenthe", "value": drenthe, "key": "drenthe"},
        {"name": t("scope_nederland", lang), "value": nederland, "key": "nederland"},
    ]
    return pd.DataFrame([r for r in rows if r["value"] is not None])


def ranking(
    table: pd.DataFrame,
    value_title: str,
    drenthe: float | None,
    nederland: float | None,
    selected: tuple[str, ...],
    lang: str,
    direction: int,
) -> alt.LayerChart:
    """Areas ranked by value (best first) with reference lines for Drenthe and Nederland.
    Bars for up to MAX_BARS areas, a dot strip beyond. Areas without a value are left out
    (the page lists them)."""
    data = table.dropna(subset=["value"])[
        ["region_code", "name", "value", "value_text", "color", "rank"]
    ].copy()
    data["rank"] = data["rank"].astype(int)
    data["selected"] = data["region_code"].isin(selected)
    order = "ascending" if direction == -1 else "descending"
    refs = _references(drenthe, nederland, lang)
    x = alt.X("value:Q", title=value_title, scale=alt.Scale(zero=False, nice=True))
    tooltip = [
        alt.Tooltip("name:N", title=t("col_gemeente", lang)),
        alt.Tooltip("value_text:N", title=t("col_value", lang)),
        alt.Tooltip("rank:Q", title=t("col_rank", lang)),
    ]
    if len(data) <= MAX_BARS:
        y = alt.Y("name:N", sort=alt.EncodingSortField("value", order=order), title=None)
        marks = (
            alt.Chart(data)
            .mark_bar(height={"band": 0.75})
            .encode(
                x=x,
                y=y,
                color=alt.Color("color:N", scale=None),
                # a thin outline keeps the palest class visible on white
                stroke=alt.condition("datum.selected", alt.value("#000000"), alt.value(OUTLINE)),
                strokeWidth=alt.condition("datum.selected", alt.value(2), alt.value(0.5)),
                tooltip=tooltip,
            )
        )
        height = alt.Step(22)
    else:
        marks = (
            alt.Chart(data)
            .mark_circle(size=60, opacity=0.9)
            .encode(
                x=x,
                y=alt.Y("jitter:Q", axis=None, title=None),
                color=alt.Color("color:N", scale=None),
                stroke=alt.condition("datum.selected", alt.value("#000000"), alt.value(OUTLINE)),
                strokeWidth=alt.condition("datum.selected", alt.value(2), alt.value(0.5)),
                tooltip=tooltip,
            )
            # spread by rank (golden ratio), not random(): the same picture on every render
            .transform_calculate(jitter="(datum.rank * 0.618034) % 1")
        )
        height = 160
    layers = [marks]
    if not refs.empty:
        rule = (
            alt.Chart(refs)
            .mark_rule(strokeWidth=2, strokeDash=[6, 3])
            .encode(
                x="value:Q",
                color=alt.Color(
                    "name:N",
                    scale=alt.Scale(
                        domain=refs["name"].tolist(),
                        range=[REFERENCE_COLORS[k] for k in refs["key"]],
                    ),
                    legend=alt.Legend(title=None, orient="bottom"),
                ),
            )
        )
        layers.append(rule)
    return alt.layer(*layers).properties(height=height).resolve_scale(color="independent")
