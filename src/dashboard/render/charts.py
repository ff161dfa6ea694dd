"""Altair chart specs built from frames (pure, testable)."""

from __future__ import annotations

import hashlib
import json
import textwrap

import altair as alt
import numpy as np
import pandas as pd

from dashboard.text.i18n import t
from dashboard.vocabulary import DRENTHE_CODE

MAX_BARS = 40  # above this many areas the ranking is drawn as a dot strip
OUTLINE = "#666666"
REFERENCE_COLORS = {"drenthe": "#B2182B", "nederland": "#333333"}

# The view size Altair's default theme adds to every spec; Streamlit draws Altair charts
# without that theme, so that their width follows the page.
ALTAIR_THEME_VIEW = {"continuousWidth": 300, "continuousHeight": 300}

# Chart text at WCAG 2.1 AA contrast: Streamlit's chart theme draws axis and legend text in
# #808495 (3.72:1 on white); this is 12.6:1. Added to every spec by :func:`spec` (a chart's
# own configuration wins).
TEXT_COLOR = "#333333"
TEXT_CONFIG = {
    "axis": {"labelColor": TEXT_COLOR, "titleColor": TEXT_COLOR},
    "legend": {"labelColor": TEXT_COLOR, "titleColor": TEXT_COLOR},
    "header": {"labelColor": TEXT_COLOR, "titleColor": TEXT_COLOR},
    "title": {"color": TEXT_COLOR, "subtitleColor": TEXT_COLOR},
}


def spec(chart: alt.TopLevelMixin) -> dict:
    """The Vega-Lite spec of ``chart`` as Streamlit draws it, without validating it again.

    Validating against the Vega-Lite schema took a third of an indicator switch on the map
    page (docs/benchmarks.md); the specs of these builders are validated in the tests
    instead (``chart.to_dict()``). Chart text gets :data:`TEXT_CONFIG`'s contrast."""
    out = chart.to_dict(validate=False)
    config = out.get("config", {})
    view = config.get("view", {})
    for key, value in ALTAIR_THEME_VIEW.items():
        if view.get(key) == value:
            del view[key]
    if "view" in config and not view:
        del config["view"]
    for part, settings in TEXT_CONFIG.items():
        config[part] = {**settings, **config.get(part, {})}
    out["config"] = config
    return out


def described(spec_: dict, title: str, summary: str = "") -> dict:
    """A copy of a spec whose accessible name and description (Vega-Lite's top-level
    ``description``, the SVG's aria-label) are the view's title and its summary sentence."""
    text = f"{title}. {summary}" if summary else title
    return {**spec_, "description": text.strip()}


def accessible(chart: alt.TopLevelMixin, title: str, summary: str = "") -> alt.TopLevelMixin:
    """For ``st.altair_chart`` (which takes the chart, not its spec): the chart named and
    described as :func:`described` does, with chart text at :data:`TEXT_CONFIG`'s contrast."""
    text = f"{title}. {summary}" if summary else title
    return (
        chart.properties(description=text.strip())
        .configure_axis(**TEXT_CONFIG["axis"])
        .configure_legend(**TEXT_CONFIG["legend"])
        .configure_header(**TEXT_CONFIG["header"])
        .configure_title(**TEXT_CONFIG["title"])
    )


def _aria(*parts: pd.Series, sep: str = ": ") -> pd.Series:
    """What a mark says to a screen reader ("Emmen: 46,8%"), instead of Vega's dump of
    its encoded fields."""
    out = parts[0].astype(str)
    for part in parts[1:]:
        out = out + sep + part.astype(str)
    return out


def _references(drenthe: float | None, nederland: float | None, lang: str) -> pd.DataFrame:
    rows = [
        {"name": "Drenthe", "value": drenthe, "key": "drenthe"},
        {"name": t("scope_nederland", lang), "value": nederland, "key": "nederland"},
    ]
    return pd.DataFrame([r for r in rows if r["value"] is not None])


def _reference_rules(refs: pd.DataFrame) -> alt.Chart:
    """Dashed vertical rules for Drenthe (red) and Nederland (dark), with a legend."""
    return (
        alt.Chart(refs.assign(aria=refs["name"]))
        .mark_rule(strokeWidth=2, strokeDash=[6, 3])
        .encode(
            x="value:Q",
            description="aria:N",
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


def _ranking_data(
    table: pd.DataFrame, value_title: str, selected: tuple[str, ...], lang: str, direction: int
) -> tuple[pd.DataFrame, str, str]:
    """The ranking's rows (areas with a value; rank, selection and mark description added),
    its description and its sort order: one for :func:`ranking` and :func:`ranking_spec`."""
    data = table.dropna(subset=["value"])[
        ["region_code", "name", "value", "value_text", "color", "rank"]
    ].copy()
    description = t("a11y_chart_ranking", lang, n=len(data), unit=value_title)
    data["rank"] = data["rank"].astype(int)
    data["selected"] = data["region_code"].isin(selected)
    data["aria"] = _aria(data["name"], data["value_text"])
    return data, description, "ascending" if direction == -1 else "descending"


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
    data, description, order = _ranking_data(table, value_title, selected, lang, direction)
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
                description="aria:N",
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
                description="aria:N",
            )
            # spread by rank (golden ratio), not random(): the same picture on every render
            .transform_calculate(jitter="(datum.rank * 0.618034) % 1")
        )
        height = 160
    layers = [marks]
    if not refs.empty:
        layers.append(_reference_rules(refs))
    return (
        alt.layer(*layers)
        .properties(height=height, description=description)
        .resolve_scale(color="independent")
    )


# --- plain-dict specs (issue 17) ---------------------------------------------------------------
# Building an Altair chart costs 20-60 ms of schema work (channel classes looked up by hashing
# the whole schema, validation at construction) before ``spec`` even serialises it; a view the
# server has not drawn before paid that on its first request. The hot builders below write
# the same Vega-Lite spec as plain dicts: tests check that each equals ``spec`` of its Altair
# builder (which stays the definition, for the static site and the images) and validate it
# against the Vega-Lite schema.


_NULLABLE = {"string", "str", "category", "boolean", "Int8", "Int16", "Int32", "Int64", "Float64"}
MAX_ROWS = 5000  # Altair's default data transformer refuses larger frames


def _records(frame: pd.DataFrame) -> list[dict]:
    """The records Altair's default data transformer makes of ``frame`` (its
    ``sanitize_pandas_dataframe``: missing and infinite values None, numpy scalars Python
    ones) without its per-call overhead, which was most of a plain-dict spec's time. Frames
    of other column types, or too large, or another active transformer: Altair's own."""
    columns = _record_columns(frame)
    if columns is None:
        return alt.data_transformers.get()(frame)["values"]
    names = list(columns)
    return [dict(zip(names, row, strict=True)) for row in zip(*columns.values(), strict=True)]


def _record_columns(frame: pd.DataFrame) -> dict[str, list] | None:
    """The columns of :func:`_records`, each a list of its values as written; None when
    Altair's transformer has to make them."""
    if len(frame) > MAX_ROWS or alt.data_transformers.active != "default":
        return None
    columns: dict[str, list] = {}
    for name, col in frame.items():
        dtype = col.dtype
        if not isinstance(name, str):
            return None
        if isinstance(dtype, np.dtype) and dtype.kind == "f":
            array = col.to_numpy()
            values = array.tolist()
            for i in np.flatnonzero(~np.isfinite(array)):
                values[i] = None
        elif isinstance(dtype, np.dtype) and dtype.kind in "iub":
            values = col.tolist()
        elif str(dtype) in _NULLABLE or (str(dtype) == "object" and not _has_arrays(col)):
            # as col.astype(object).where(col.notna(), None).tolist(), at a fifth of its cost
            values = col.tolist()
            for i in np.flatnonzero(col.isna().to_numpy()):
                values[i] = None
        else:
            return None
        columns[name] = values
    return columns


def _has_arrays(col: pd.Series) -> bool:
    return any(isinstance(v, np.ndarray) for v in col)


def _dataset(frame: pd.DataFrame) -> tuple[str, list[dict]]:
    """A frame as Altair puts it in a spec's ``datasets``: its name and its records."""
    return _named(_records(frame))


def _named(values: list[dict]) -> tuple[str, list[dict]]:
    """Records with the name Altair gives them in a spec's ``datasets``."""
    text = json.dumps(values, sort_keys=True, default=str)
    return "data-" + hashlib.sha256(text.encode()).hexdigest()[:32], values


def _configured(out: dict) -> dict:
    out["$schema"] = alt.SCHEMA_URL
    out["config"] = {part: dict(settings) for part, settings in TEXT_CONFIG.items()}
    return out


def _selected_condition(selected: object, other: object) -> dict:
    return {"condition": {"test": "datum.selected", "value": selected}, "value": other}


class _Datasets(dict):
    """The ``datasets`` of a plain-dict spec, and the data references into it, placed as
    Altair places them: a layer's data moves to the top when every layer has the very same
    frame (``alt.layer`` compares the frames by identity)."""

    def ref(self, frame: pd.DataFrame | list[dict]) -> dict:
        """The reference to a frame's records, or to records made already."""
        name, values = _named(frame) if isinstance(frame, list) else _dataset(frame)
        self[name] = values
        return {"name": name}

    def layered(self, layers: list[tuple[dict, pd.DataFrame | list[dict]]]) -> dict:
        frames = [frame for _, frame in layers]
        if all(frame is frames[0] for frame in frames):
            return {"data": self.ref(frames[0]), "layer": [unit for unit, _ in layers]}
        return {"layer": [{"data": self.ref(frame), **unit} for unit, frame in layers]}


def _field(name: str, type_: str, **more: object) -> dict:
    return {"field": name, **more, "type": type_}


def _tooltip(*fields: tuple[str, str, str]) -> list[dict]:
    return [_field(name, type_, title=title) for name, title, type_ in fields]


def _reference_rules_spec(refs: pd.DataFrame) -> tuple[dict, pd.DataFrame]:
    """:func:`_reference_rules` as a unit spec and its frame."""
    unit = {
        "mark": {"type": "rule", "strokeDash": [6, 3], "strokeWidth": 2},
        "encoding": {
            "color": _field(
                "name",
                "nominal",
                legend={"orient": "bottom", "title": None},
                scale={
                    "domain": refs["name"].tolist(),
                    "range": [REFERENCE_COLORS[k] for k in refs["key"]],
                },
            ),
            "description": _field("aria", "nominal"),
            "x": _field("value", "quantitative"),
        },
    }
    return unit, refs.assign(aria=refs["name"])


def ranking_spec(
    table: pd.DataFrame,
    value_title: str,
    drenthe: float | None,
    nederland: float | None,
    selected: tuple[str, ...],
    lang: str,
    direction: int,
) -> dict:
    """``spec(ranking(...))``, written as a plain dict (see above)."""
    data, description, order = _ranking_data(table, value_title, selected, lang, direction)
    refs = _references(drenthe, nederland, lang)
    datasets: dict[str, list[dict]] = {}
    name, datasets_values = _dataset(data)
    datasets[name] = datasets_values
    encoding: dict = {
        "color": {"field": "color", "scale": None, "type": "nominal"},
        "description": {"field": "aria", "type": "nominal"},
        "stroke": _selected_condition("#000000", OUTLINE),
        "strokeWidth": _selected_condition(2, 0.5),
        "tooltip": [
            {"field": "name", "title": t("col_gemeente", lang), "type": "nominal"},
            {"field": "value_text", "title": t("col_value", lang), "type": "nominal"},
            {"field": "rank", "title": t("col_rank", lang), "type": "quantitative"},
        ],
        "x": {
            "field": "value",
            "scale": {"nice": True, "zero": False},
            "title": value_title,
            "type": "quantitative",
        },
    }
    marks: dict = {"data": {"name": name}, "encoding": encoding}
    if len(data) <= MAX_BARS:
        marks["mark"] = {"type": "bar", "height": {"band": 0.75}}
        encoding["y"] = {
            "field": "name",
            "sort": {"field": "value", "order": order},
            "title": None,
            "type": "nominal",
        }
        height: object = {"step": 22}
    else:
        marks["mark"] = {"type": "circle", "opacity": 0.9, "size": 60}
        encoding["y"] = {"axis": None, "field": "jitter", "title": None, "type": "quantitative"}
        marks["transform"] = [{"calculate": "(datum.rank * 0.618034) % 1", "as": "jitter"}]
        height = 160
    layers = [marks]
    if not refs.empty:
        ref_name, ref_values = _dataset(refs.assign(aria=refs["name"]))
        datasets[ref_name] = ref_values
        layers.append(
            {
                "data": {"name": ref_name},
                "mark": {"type": "rule", "strokeDash": [6, 3], "strokeWidth": 2},
                "encoding": {
                    "color": {
                        "field": "name",
                        "legend": {"orient": "bottom", "title": None},
                        "scale": {
                            "domain": refs["name"].tolist(),
                            "range": [REFERENCE_COLORS[k] for k in refs["key"]],
                        },
                        "type": "nominal",
                    },
                    "description": {"field": "aria", "type": "nominal"},
                    "x": {"field": "value", "type": "quantitative"},
                },
            }
        )
    out = {
        "layer": layers,
        "description": description,
        "height": height,
        "resolve": {"scale": {"color": "independent"}},
        "datasets": datasets,
    }
    if len(layers) == 1:  # Altair lifts the data of a single layer to the top
        out["data"] = marks.pop("data")
    return _configured(out)


# --- Regio's and Trends pages ------------------------------------------------------------------

# Series colours: the Okabe-Ito palette (Okabe & Ito 2008; Wong, Nature Methods 2011), made for
# colour-blind readers, without its black, yellow (too light on white) and vermillion (too
# close to Drenthe's red reference). Beyond five series the point shapes differ as well.
SERIES_COLORS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9")
SERIES_SHAPES = ("circle", "square", "triangle-up", "diamond", "cross")
GEMEENTE_COLOR = "#41B6C4"  # YlGnBu (classify.py), mid tone: the gemeenten
REGION_COLOR = "#081D58"  # YlGnBu darkest: the region itself
HOLLOW = ("approximate", "provisional")


def _series_scales(frame: pd.DataFrame) -> tuple[alt.Scale, alt.Scale]:
    """Colour and shape scales over the series names (:func:`_series_scales_spec`)."""
    color, shape = _series_scales_spec(frame)
    return alt.Scale(**color), alt.Scale(**shape)


def _trend_data(frame: pd.DataFrame, y: str) -> pd.DataFrame:
    data = frame[frame[y].notna()].copy()
    data["line"] = data["region_code"] + "-" + data["segment"].astype(str)
    data["hollow"] = data["status"].isin(HOLLOW)
    data["dashed"] = data["kind"] == "reference"
    data["aria"] = _aria(_aria(data["name"], data["period_label"], sep=", "), data["value_text"])
    return data


def _trend_records(
    frame: pd.DataFrame, y: str, margins: bool = False
) -> tuple[list[dict], list[dict]] | None:
    """The records of ``_trend_data(frame, y)`` and (with ``margins``) of its rows with both
    ``lower`` and ``upper`` (else none), made from the frame's columns, without the frames
    in between (their masks and columns copied every Arrow-backed column: a fifth of a
    Trends page's first request, issue 17; tests/test_first_requests.py compares). None
    when :func:`_records` would leave the columns to Altair, or a shown text is missing:
    then make the frames."""
    columns = _record_columns(frame)  # (None above MAX_ROWS rows: the frames decide)
    if columns is None:
        return None
    present = frame[y].notna().to_numpy()
    rows = np.flatnonzero(present).tolist()
    kept = {name: [values[i] for i in rows] for name, values in columns.items()}
    shown = ("region_code", "segment", "name", "period_label", "value_text")
    if any(v is None for name in shown for v in kept[name]):
        return None
    kept["line"] = [f"{c}-{s}" for c, s in zip(kept["region_code"], kept["segment"], strict=True)]
    kept["hollow"] = [s in HOLLOW for s in kept["status"]]
    kept["dashed"] = [k == "reference" for k in kept["kind"]]
    kept["aria"] = [
        f"{n}, {p}: {v}"
        for n, p, v in zip(kept["name"], kept["period_label"], kept["value_text"], strict=True)
    ]
    names = list(kept)
    data = [dict(zip(names, row, strict=True)) for row in zip(*kept.values(), strict=True)]
    if not margins:
        return data, []
    both = (frame["lower"].notna().to_numpy() & frame["upper"].notna().to_numpy())[present]
    return data, [row for row, keep in zip(data, both.tolist(), strict=True) if keep]


def trend_lines(
    frame: pd.DataFrame, value_title: str, lang: str, y: str = "value"
) -> alt.LayerChart:
    """Lines per series over the periods (a trend frame, or an index frame with y='index').

    Lines join points only within a segment (trends.segments), so a gap or a break in method
    is never bridged and non-comparable periods are points only; approximate and provisional
    values are hollow points; Drenthe and Nederland are dashed in their reference colours;
    survey margins (lower/upper) are thin error bars. The tooltip shows formatted values."""
    data = _trend_data(frame, y)
    labels = list(dict.fromkeys(frame.sort_values("period")["period_label"]))
    color, shape = _series_scales(frame)
    x = alt.X(
        "period_label:O", sort=labels, title=None, axis=alt.Axis(labelAngle=0, labelOverlap=True)
    )
    y_enc = alt.Y(f"{y}:Q", title=value_title, scale=alt.Scale(zero=False, nice=True))
    legend = alt.Legend(title=None, orient="bottom", columns=4)
    col = alt.Color("name:N", scale=color, legend=legend)
    tooltip = [
        alt.Tooltip("name:N", title=t("col_series", lang)),
        alt.Tooltip("period_label:N", title=t("period", lang)),
        alt.Tooltip("value_text:N", title=t("col_value", lang)),
        alt.Tooltip("status_text:N", title=t("col_status", lang)),
    ]
    if y == "index":
        tooltip.insert(2, alt.Tooltip("index_text:N", title="Index"))
    base = alt.Chart(data).encode(x=x, y=y_enc, color=col)
    lines = base.mark_line(strokeWidth=2, aria=False).encode(
        detail="line:N",
        strokeDash=alt.condition("datum.dashed", alt.value([6, 3]), alt.value([1, 0])),
    )
    points = base.mark_point(size=60, strokeWidth=2).encode(
        shape=alt.Shape("name:N", scale=shape, legend=legend),
        fill=alt.condition("datum.hollow", alt.value("white"), col),
        tooltip=tooltip,
        description="aria:N",
    )
    layers = [lines, points]
    margins = data.dropna(subset=["lower", "upper"]) if y == "value" else data.iloc[:0]
    if not margins.empty:
        bars = (
            alt.Chart(margins)
            .mark_rule(opacity=0.45, aria=False)
            .encode(
                # the same legend as the points (legend=None here would hide the shared one)
                x=x,
                y="lower:Q",
                y2="upper:Q",
                color=col,
            )
        )
        layers.insert(0, bars)
    names = ", ".join(dict.fromkeys(data["name"]))
    description = t("a11y_chart_trend", lang, unit=value_title, names=names)
    return alt.layer(*layers).properties(height=340, description=description)


def _strip_offsets(spread: pd.DataFrame) -> pd.Series:
    """Offsets in [-0.6, 0.6] of a row's band spreading a region's gemeente dots vertically
    (in the spread's order), so equal values do not hide each other."""
    position = spread.groupby("region_code").cumcount()
    size = spread.groupby("region_code")["code"].transform("count")
    return ((position - (size - 1) / 2) / (size - 1).clip(lower=1) * 1.2).astype(float)


def _strip_data(spread: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """The region strip's gemeente dots (offset, description) and region ticks, values
    present only, and the rows' order: one for :func:`region_strip` and its dict spec."""
    data = spread[spread["value"].notna()].copy()
    gemeenten = data[data["kind"] == "gemeente"].copy()
    gemeenten["offset"] = _strip_offsets(gemeenten).to_numpy()
    gemeenten["aria"] = _aria(
        gemeenten["name"] + " (" + gemeenten["region_name"] + ")", gemeenten["value_text"]
    )
    regions = data[data["kind"] == "region"].copy()
    regions["aria"] = _aria(regions["region_name"], regions["value_text"])
    return gemeenten, regions, list(dict.fromkeys(spread["region_name"]))


def region_strip(
    spread: pd.DataFrame,
    value_title: str,
    drenthe: float | None,
    nederland: float | None,
    lang: str,
) -> alt.LayerChart:
    """Regions side by side (one row each, in the spread's order): member gemeenten as dots,
    the region's own value as a tick, Drenthe and Nederland as dashed reference rules (as in
    :func:`ranking`). Takes compare.region_spread; values that are missing are left out."""
    gemeenten, regions, order = _strip_data(spread)
    x = alt.X("value:Q", title=value_title, scale=alt.Scale(zero=False, nice=True))
    y = alt.Y("region_name:N", sort=order, title=None)
    kinds = [t("col_gemeente", lang), t("col_region", lang)]
    kind_color = alt.Color(
        "kind_label:N",
        scale=alt.Scale(domain=kinds, range=[GEMEENTE_COLOR, REGION_COLOR]),
        legend=alt.Legend(title=None, orient="bottom"),
    )
    dots = (
        alt.Chart(gemeenten.assign(kind_label=kinds[0]))
        .mark_circle(size=70, opacity=0.75)
        .encode(
            x=x,
            y=y,
            yOffset=alt.YOffset("offset:Q", scale=alt.Scale(domain=[-1, 1])),
            color=kind_color,
            description="aria:N",
            tooltip=[
                alt.Tooltip("name:N", title=t("col_gemeente", lang)),
                alt.Tooltip("region_name:N", title=t("col_region", lang)),
                alt.Tooltip("value_text:N", title=t("col_value", lang)),
            ],
        )
    )
    ticks = (
        alt.Chart(regions.assign(kind_label=kinds[1]))
        .mark_tick(thickness=3, size=34)
        .encode(
            x=x,
            y=y,
            color=kind_color,
            description="aria:N",
            tooltip=[
                alt.Tooltip("region_name:N", title=t("col_region", lang)),
                alt.Tooltip("value_text:N", title=t("col_value", lang)),
                alt.Tooltip("status_text:N", title=t("col_status", lang)),
            ],
        )
    )
    # an empty layer would be an unnamed graphic (axe: svg-img-alt): only layers with marks
    kept = [c for c, d in ((dots, gemeenten), (ticks, regions)) if not d.empty]
    marks = alt.layer(*(kept or [dots]))
    description = t("a11y_chart_regions", lang, unit=value_title, regions=", ".join(order))
    refs = _references(drenthe, nederland, lang)
    if refs.empty:
        return marks.properties(height=alt.Step(56), description=description)
    refs["name"] = [
        n if k == "drenthe" else t("name_nederland", lang)
        for n, k in zip(refs["name"], refs["key"], strict=True)
    ]
    rules = _reference_rules(refs)
    return (
        alt.layer(marks, rules)
        .properties(height=alt.Step(56), description=description)
        .resolve_scale(color="independent")
    )


def small_multiples(
    frame: pd.DataFrame, value_title: str, lang: str, columns: int = 4
) -> alt.FacetChart:
    """One small line chart per chosen series of a trend frame (e.g. every gemeente of the
    scope), all sharing the y-axis, each with Drenthe as a dashed reference line. Lines break
    at gaps and between non-comparable periods (segments), as in :func:`trend_lines`."""
    chosen = _trend_data(frame[frame["kind"] != "reference"], "value")
    names = list(dict.fromkeys(chosen["name"]))
    drenthe = _trend_data(frame[frame["region_code"] == DRENTHE_CODE], "value")
    panels = [chosen.assign(panel=chosen["name"])]
    panels += [drenthe.assign(panel=name) for name in names]
    data = pd.concat(panels, ignore_index=True)
    labels = list(dict.fromkeys(frame.sort_values("period")["period_label"]))
    x = alt.X("period_label:O", sort=labels, title=None, axis=alt.Axis(labelAngle=-90))
    y = alt.Y("value:Q", title=value_title, scale=alt.Scale(zero=False, nice=True))
    base = alt.Chart().encode(x=x, y=y)
    own = alt.datum.kind != "reference"
    line = base.mark_line(color=SERIES_COLORS[0], strokeWidth=2, aria=False).encode(detail="line:N")
    points = base.mark_point(color=SERIES_COLORS[0], size=25, filled=True).encode(
        description="aria:N",
        tooltip=[
            alt.Tooltip("name:N", title=t("col_series", lang)),
            alt.Tooltip("period_label:N", title=t("period", lang)),
            alt.Tooltip("value_text:N", title=t("col_value", lang)),
        ],
    )
    reference = base.mark_line(
        color=REFERENCE_COLORS["drenthe"], strokeDash=[4, 2], strokeWidth=1.5, aria=False
    ).encode(detail="line:N")
    return (
        alt.layer(
            reference.transform_filter(~own),
            line.transform_filter(own),
            points.transform_filter(own),
            data=data,
        )
        .properties(width=150, height=100)
        .facet(facet=alt.Facet("panel:N", sort=names, title=None), columns=columns)
        .properties(description=t("a11y_chart_small_multiples", lang, unit=value_title))
    )


# --- Gemeenteprofiel ----------------------------------------------------------------------------

# Judgement against Drenthe: a hue from the diverging palettes of classify.py (blue = better,
# brown = worse, as on the maps) *and* a symbol in the cell, so colour is never the only cue.
JUDGEMENT_STYLE = {
    "better": ("#2c7fb8", "+", "#ffffff"),
    "worse": ("#a6611a", "−", "#ffffff"),
    "equal": ("#d9d9d9", "=", "#1a1a1a"),
    "none": ("#f2f2f2", "·", "#1a1a1a"),
}
# The words of a judgement are the i18n keys profile_overview_<judgement>.
OVERVIEW_SELECTION = "indicator"


def _overview_data(profile: pd.DataFrame, lang: str) -> pd.DataFrame:
    data = profile[profile["availability"] == "value"].copy()
    data["judgement"] = data["judgement_drenthe"].fillna("none").astype(str)
    data["column"] = data.groupby("theme", sort=False).cumcount()
    data["judgement_text"] = [t(f"profile_overview_{j}", lang) for j in data["judgement"]]
    data["symbol"] = [JUDGEMENT_STYLE[j][1] for j in data["judgement"]]
    data["ink"] = [JUDGEMENT_STYLE[j][2] for j in data["judgement"]]
    data["aria"] = _aria(data["label"], data["value_text"]) + " (" + data["judgement_text"] + ")"
    return data[
        [
            "indicator_id",
            "label",
            "theme_label",
            "column",
            "judgement",
            "judgement_text",
            "symbol",
            "ink",
            "value_text",
            "drenthe_text",
            "period_label",
            "percentile_text",
            "aria",
        ]
    ]


def profile_overview(profile: pd.DataFrame, lang: str, selectable: bool = True) -> alt.LayerChart:
    """A heat table of the whole profile: one row per theme, one cell per indicator, coloured
    and marked by how the gemeente compares with Drenthe. Clicking a cell selects its
    indicator (selection parameter :data:`OVERVIEW_SELECTION`)."""
    data = _overview_data(profile, lang)
    themes = list(dict.fromkeys(data["theme_label"]))
    order = list(JUDGEMENT_STYLE)
    color = alt.Color(
        "judgement_text:N",
        scale=alt.Scale(
            domain=[t(f"profile_overview_{j}", lang) for j in order],
            range=[JUDGEMENT_STYLE[j][0] for j in order],
        ),
        legend=alt.Legend(
            title=None, orient="bottom", columns=2, symbolType="square", labelLimit=400
        ),
    )
    base = alt.Chart(data).encode(
        x=alt.X("column:O", axis=None),
        y=alt.Y("theme_label:N", sort=themes, title=None, axis=alt.Axis(labelLimit=220)),
        tooltip=[
            alt.Tooltip("label:N", title=t("indicator", lang)),
            alt.Tooltip("period_label:N", title=t("period", lang)),
            alt.Tooltip("value_text:N", title=t("col_value", lang)),
            alt.Tooltip("drenthe_text:N", title="Drenthe"),
            alt.Tooltip("judgement_text:N", title=" "),
            alt.Tooltip("percentile_text:N", title="Nederland"),
        ],
    )
    rect = base.mark_rect(stroke="#ffffff", strokeWidth=2).encode(color=color, description="aria:N")
    if selectable:
        pick = alt.selection_point(name=OVERVIEW_SELECTION, fields=["indicator_id"])
        rect = rect.add_params(pick).encode(
            opacity=alt.condition(pick, alt.value(1.0), alt.value(0.45))
        )
    text = base.mark_text(fontSize=16, fontWeight="bold", aria=False).encode(
        text="symbol:N", color=alt.Color("ink:N", scale=None)
    )
    return alt.layer(rect, text).properties(
        height=alt.Step(34),
        width=alt.Step(34),
        description=t("a11y_chart_profile", lang, n=len(data)),
    )


def _text_lines(lines: list[str], size: int = 13, color: str = "#333333") -> alt.Chart:
    frame = pd.DataFrame({"line": lines, "n": range(len(lines))})
    return (
        alt.Chart(frame)
        .mark_text(align="left", baseline="top", fontSize=size, color=color, aria=False)
        .encode(x=alt.value(0), y=alt.Y("n:O", axis=None), text="line:N")
        .properties(width=760, height=alt.Step(size + 6))
    )


def profile_handout(
    profile: pd.DataFrame, name: str, summary: str, footer: list[str], lang: str
) -> alt.VConcatChart:
    """A one-page handout of a gemeente's profile (for PNG/SVG export): the summary, the
    overview heat table and a table of every indicator with its value, Drenthe's value and
    the comparison, then sources and the export date."""
    wrap = textwrap.TextWrapper(width=110)
    table = profile[profile["availability"] == "value"].reset_index(drop=True)
    rows = pd.DataFrame(
        {
            "n": range(len(table)),
            "theme": table["theme_label"],
            "label": table["label"],
            "value": table["value_text"] + " (" + table["period_label"] + ")",
            "drenthe": table["drenthe_text"],
            "vs": table["vs_drenthe"].fillna(""),
        }
    )
    columns = [("label", 0), ("value", 330), ("drenthe", 500), ("vs", 620)]
    headers = {
        "label": t("indicator", lang),
        "value": t("col_value", lang),
        "drenthe": "Drenthe",
        "vs": t("col_diff_drenthe", lang),
    }
    y = alt.Y("n:O", axis=None)
    cells = [
        alt.Chart(rows)
        .mark_text(align="left", baseline="middle", fontSize=11, limit=320, aria=False)
        .encode(x=alt.value(x), y=y, text=f"{col}:N")
        for col, x in columns
    ]
    head = pd.DataFrame([{"text": headers[col], "x": x} for col, x in columns])
    header = (
        alt.Chart(head)
        .mark_text(align="left", fontSize=11, fontWeight="bold", aria=False)
        .encode(x=alt.X("x:Q", axis=None, scale=alt.Scale(domain=[0, 760])), text="text:N")
        .properties(width=760, height=16)
    )
    listing = alt.layer(*cells).properties(width=760, height=alt.Step(17))
    return alt.vconcat(
        _text_lines(wrap.wrap(summary), size=14, color="#1a1a1a"),
        profile_overview(profile, lang, selectable=False),
        header,
        listing,
        _text_lines(footer, size=11, color="#555555"),
        spacing=14,
    ).properties(
        title=alt.TitleParams(f"{t('page_profile', lang)}: {name}", fontSize=22, anchor="start"),
        description=f"{t('page_profile', lang)}: {name}. {summary}",
        padding=24,
        background="#ffffff",
    )


def region_map(areas: dict, values: pd.DataFrame, lang: str) -> alt.Chart:
    """A small map of regions coloured by their value: ``areas`` GeoJSON with region_code,
    ``values`` with region_code, name, color (hex of its class) and value_text."""
    features = []
    for feature in areas["features"]:
        row = values[values["region_code"] == feature["properties"]["region_code"]]
        if row.empty:
            continue
        props = {
            **feature["properties"],
            **row.iloc[0][["name", "color", "value_text"]].to_dict(),
        }
        props["aria"] = f"{props['name']}: {props['value_text']}"
        features.append({**feature, "properties": props})
    data = alt.Data(values=features)
    return (
        alt.Chart(data)
        .mark_geoshape(stroke="#ffffff", strokeWidth=1.5, fillOpacity=0.9)
        .encode(
            color=alt.Color("properties.color:N", scale=None),
            description="properties.aria:N",
            tooltip=[
                alt.Tooltip("properties.name:N", title=t("col_region", lang)),
                alt.Tooltip("properties.value_text:N", title=t("col_value", lang)),
            ],
        )
        .project(type="mercator")
        .properties(height=300, description=t("a11y_chart_region_map", lang, n=len(features)))
    )


def titled(chart: alt.TopLevelMixin, title: str, subtitle: str, footer: list[str]) -> alt.Chart:
    """A chart for an image file: title and period above, source and export date below."""
    return alt.vconcat(chart, _text_lines(footer, size=11, color="#555555"), spacing=12).properties(
        title=alt.TitleParams(title, subtitle=subtitle, fontSize=18, anchor="start"),
        description=f"{title}, {subtitle}",
        padding=16,
        background="#ffffff",
    )


# --- change over time (views.changeview) --------------------------------------------------------

SLOPE_SELECTED = "#000000"


def slope_chart(
    frame: pd.DataFrame, value_title: str, lang: str, description: str = ""
) -> alt.Chart:
    """Every area from the start to the end period (``changeview.slope_frame``): a thin line
    in its change map colour (outlined grey, so white "not significant" lines stay visible),
    selected areas black and labelled, Drenthe (red) and Nederland (dark) dashed and labelled
    at the end."""
    data = frame.copy()
    data["color"] = data["color"].where(data["color"] != "", None)
    x = alt.X(
        "period_label:O",
        sort=sorted(
            data["period_label"].unique(),
            key=lambda p: data.loc[data["period_label"] == p, "order"].iloc[0],
        ),
        title=None,
        axis=alt.Axis(labelAngle=0, labelFontSize=13, labelFontWeight="bold"),
        scale=alt.Scale(padding=0.1),
    )
    y = alt.Y("value:Q", title=value_title, scale=alt.Scale(zero=False, nice=True))
    detail = alt.Detail("region_code:N")
    tooltip = [
        alt.Tooltip("name:N", title=t("col_gemeente", lang)),
        alt.Tooltip("period_label:N", title=t("period", lang)),
        alt.Tooltip("value_text:N", title=t("col_value", lang)),
    ]
    gemeenten = data[data["kind"] == "gemeente"]
    selected = data[data["kind"] == "selected"]
    refs = data[data["kind"].isin(["drenthe", "nederland"])]
    layers = []
    if not gemeenten.empty:
        base = alt.Chart(gemeenten).encode(x=x, y=y, detail=detail, tooltip=tooltip)
        layers.append(base.mark_line(strokeWidth=4, color="#9a9a9a", opacity=0.6))
        layers.append(
            base.mark_line(strokeWidth=2.5).encode(color=alt.Color("color:N", scale=None))
        )
        layers.append(
            base.mark_point(filled=True, size=40, stroke="#666666", strokeWidth=0.5).encode(
                color=alt.Color("color:N", scale=None)
            )
        )
    if not selected.empty:
        base = alt.Chart(selected).encode(x=x, y=y, detail=detail, tooltip=tooltip)
        layers.append(base.mark_line(strokeWidth=3.5, color=SLOPE_SELECTED))
        layers.append(base.mark_point(filled=True, size=60, color=SLOPE_SELECTED))
        layers.append(
            alt.Chart(selected[selected["order"] == 1])
            .mark_text(align="left", dx=8, fontSize=12, fontWeight="bold")
            .encode(x=x, y=y, text="name:N")
        )
    if not refs.empty:
        colours = {
            "drenthe": REFERENCE_COLORS["drenthe"],
            "nederland": REFERENCE_COLORS["nederland"],
        }
        names = refs.drop_duplicates("kind")
        scale = alt.Scale(domain=names["name"].tolist(), range=[colours[k] for k in names["kind"]])
        color = alt.Color("name:N", scale=scale, legend=alt.Legend(title=None, orient="bottom"))
        base = alt.Chart(refs).encode(x=x, y=y, detail=detail, color=color, tooltip=tooltip)
        layers.append(base.mark_line(strokeWidth=2.5, strokeDash=[6, 3]))
        layers.append(
            base.mark_point(filled=True, size=50, shape="diamond").encode(
                color=alt.Color("name:N", scale=scale, legend=None)
            )
        )
    chart = alt.layer(*layers).properties(height=420)
    if description:
        chart = chart.properties(description=description)
    return chart.resolve_scale(color="independent")


# --- plain-dict specs of the Regio's and Trends pages (issue 17; see ranking_spec) ----------


def region_strip_spec(
    spread: pd.DataFrame,
    value_title: str,
    drenthe: float | None,
    nederland: float | None,
    lang: str,
) -> dict:
    """``spec(region_strip(...))``, written as a plain dict."""
    gemeenten, regions, order = _strip_data(spread)
    kinds = [t("col_gemeente", lang), t("col_region", lang)]

    def encoding(**more: object) -> dict:
        return {
            "color": _field(
                "kind_label",
                "nominal",
                legend={"orient": "bottom", "title": None},
                scale={"domain": kinds, "range": [GEMEENTE_COLOR, REGION_COLOR]},
            ),
            "description": _field("aria", "nominal"),
            "x": _field(
                "value", "quantitative", scale={"nice": True, "zero": False}, title=value_title
            ),
            "y": _field("region_name", "nominal", sort=order, title=None),
            **more,
        }

    dots = {
        "mark": {"type": "circle", "opacity": 0.75, "size": 70},
        "encoding": encoding(
            tooltip=_tooltip(
                ("name", t("col_gemeente", lang), "nominal"),
                ("region_name", t("col_region", lang), "nominal"),
                ("value_text", t("col_value", lang), "nominal"),
            ),
            yOffset=_field("offset", "quantitative", scale={"domain": [-1, 1]}),
        ),
    }
    ticks = {
        "mark": {"type": "tick", "size": 34, "thickness": 3},
        "encoding": encoding(
            tooltip=_tooltip(
                ("region_name", t("col_region", lang), "nominal"),
                ("value_text", t("col_value", lang), "nominal"),
                ("status_text", t("col_status", lang), "nominal"),
            )
        ),
    }
    datasets = _Datasets()
    frames = [
        (dots, gemeenten.assign(kind_label=kinds[0])),
        (ticks, regions.assign(kind_label=kinds[1])),
    ]
    # an empty layer would be an unnamed graphic (axe: svg-img-alt): only layers with marks
    kept = [pair for pair, d in zip(frames, (gemeenten, regions), strict=True) if not d.empty]
    marks = datasets.layered(kept or frames[:1])
    description = t("a11y_chart_regions", lang, unit=value_title, regions=", ".join(order))
    refs = _references(drenthe, nederland, lang)
    if refs.empty:
        out = {**marks, "description": description, "height": {"step": 56}}
    else:
        refs["name"] = [
            n if k == "drenthe" else t("name_nederland", lang)
            for n, k in zip(refs["name"], refs["key"], strict=True)
        ]
        rules, ref_frame = _reference_rules_spec(refs)
        out = {
            "layer": [marks, {"data": datasets.ref(ref_frame), **rules}],
            "description": description,
            "height": {"step": 56},
            "resolve": {"scale": {"color": "independent"}},
        }
    out["datasets"] = dict(datasets)
    return _configured(out)


def region_map_spec(areas: dict, values: pd.DataFrame, lang: str) -> dict:
    """``spec(region_map(...))``, written as a plain dict (the GeoJSON features inline, as
    Altair keeps an ``alt.Data(values=...)``)."""
    by_code = {
        row["region_code"]: row
        for row in values[["region_code", "name", "color", "value_text"]].to_dict("records")
    }
    features = []
    for feature in areas["features"]:
        row = by_code.get(feature["properties"]["region_code"])
        if row is None:
            continue
        props = {**feature["properties"], **{k: row[k] for k in ("name", "color", "value_text")}}
        props["aria"] = f"{props['name']}: {props['value_text']}"
        features.append({**feature, "properties": props})
    return _configured(
        {
            "data": {"values": features},
            "mark": {
                "type": "geoshape",
                "fillOpacity": 0.9,
                "stroke": "#ffffff",
                "strokeWidth": 1.5,
            },
            "encoding": {
                "color": _field("properties.color", "nominal", scale=None),
                "description": _field("properties.aria", "nominal"),
                "tooltip": _tooltip(
                    ("properties.name", t("col_region", lang), "nominal"),
                    ("properties.value_text", t("col_value", lang), "nominal"),
                ),
            },
            "height": 300,
            "projection": {"type": "mercator"},
            "description": t("a11y_chart_region_map", lang, n=len(features)),
        }
    )


def _series_scales_spec(frame: pd.DataFrame) -> tuple[dict, dict]:
    """Colour and shape scales over the series names, as spec dicts: chosen series in
    SERIES_COLORS (and shapes after every five), Drenthe and Nederland in their reference
    colours. From the frame's columns, without a frame in between (issue 17)."""
    first: dict[object, tuple[object, object]] = {}
    for code, name, kind in zip(
        frame["region_code"].tolist(), frame["name"].tolist(), frame["kind"].tolist(), strict=True
    ):
        first.setdefault(code, (name, kind))
    chosen = [name for name, kind in first.values() if kind != "reference"]
    refs = [(code, name) for code, (name, kind) in first.items() if kind == "reference"]
    ref_keys = ["drenthe" if code == DRENTHE_CODE else "nederland" for code, _ in refs]
    ref_colors = [REFERENCE_COLORS[k] for k in ref_keys]
    colors = [SERIES_COLORS[i % len(SERIES_COLORS)] for i in range(len(chosen))]
    shapes = [
        SERIES_SHAPES[(i // len(SERIES_COLORS)) % len(SERIES_SHAPES)] for i in range(len(chosen))
    ]
    domain = chosen + [name for _, name in refs]
    color = {"domain": domain, "range": colors + ref_colors}
    shape = {"domain": list(domain), "range": shapes + ["circle"] * len(refs)}
    return color, shape


def _period_labels(frame: pd.DataFrame) -> list[str]:
    """``list(dict.fromkeys(frame.sort_values("period")["period_label"]))`` of a trend frame
    (a period has one label), without sorting the frame."""
    label_of = dict(zip(frame["period"].tolist(), frame["period_label"].tolist(), strict=True))
    return list(dict.fromkeys(label_of[p] for p in sorted(label_of)))


def _trend_layers_data(
    frame: pd.DataFrame, y: str
) -> tuple[list[dict] | pd.DataFrame, list[dict] | pd.DataFrame, list[str]]:
    """The trend lines' data, their margins' (empty unless y is 'value') and the series'
    names in order: records (:func:`_trend_records`), else frames as before."""
    records = _trend_records(frame, y, margins=y == "value")
    if records is not None:
        data, margins = records
        return data, margins, list(dict.fromkeys(r["name"] for r in data))
    data = _trend_data(frame, y)
    margins = data.dropna(subset=["lower", "upper"]) if y == "value" else data.iloc[:0]
    return data, margins, list(dict.fromkeys(data["name"]))


def trend_lines_spec(frame: pd.DataFrame, value_title: str, lang: str, y: str = "value") -> dict:
    """``spec(trend_lines(...))``, written as a plain dict."""
    data, margins, names = _trend_layers_data(frame, y)
    labels = _period_labels(frame)
    color, shape = _series_scales_spec(frame)
    legend = {"columns": 4, "orient": "bottom", "title": None}
    x = _field(
        "period_label",
        "ordinal",
        axis={"labelAngle": 0, "labelOverlap": True},
        sort=labels,
        title=None,
    )
    col = _field("name", "nominal", legend=legend, scale=color)
    tooltip = [
        ("name", t("col_series", lang), "nominal"),
        ("period_label", t("period", lang), "nominal"),
        ("value_text", t("col_value", lang), "nominal"),
        ("status_text", t("col_status", lang), "nominal"),
    ]
    if y == "index":
        tooltip.insert(2, ("index_text", "Index", "nominal"))
    y_enc = _field(y, "quantitative", scale={"nice": True, "zero": False}, title=value_title)
    lines = {
        "mark": {"type": "line", "aria": False, "strokeWidth": 2},
        "encoding": {
            "color": col,
            "detail": _field("line", "nominal"),
            "strokeDash": {"condition": {"test": "datum.dashed", "value": [6, 3]}, "value": [1, 0]},
            "x": x,
            "y": y_enc,
        },
    }
    points = {
        "mark": {"type": "point", "size": 60, "strokeWidth": 2},
        "encoding": {
            "color": col,
            "description": _field("aria", "nominal"),
            "fill": {"condition": {"test": "datum.hollow", "value": "white"}, **col},
            "shape": _field("name", "nominal", legend=legend, scale=shape),
            "tooltip": _tooltip(*tooltip),
            "x": x,
            "y": y_enc,
        },
    }
    layers = [(lines, data), (points, data)]
    if len(margins):
        bars = {
            "mark": {"type": "rule", "aria": False, "opacity": 0.45},
            "encoding": {
                "color": col,
                "x": x,
                "y": _field("lower", "quantitative"),
                "y2": {"field": "upper"},
            },
        }
        layers.insert(0, (bars, margins))
    datasets = _Datasets()
    out = datasets.layered(layers)
    out["height"] = 340
    out["description"] = t("a11y_chart_trend", lang, unit=value_title, names=", ".join(names))
    out["datasets"] = dict(datasets)
    return _configured(out)


def _small_multiples_data(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """The small multiples' rows: each gemeente's own (panel: its name), then Drenthe's once
    per panel, as ``pd.concat([chosen.assign(panel=...), drenthe.assign(panel=name), ...])``
    made them (one frame per gemeente: a third of the chart's spec, issue 17;
    tests/test_first_requests.py compares)."""
    chosen = _trend_data(frame[frame["kind"] != "reference"], "value")
    names = list(dict.fromkeys(chosen["name"]))
    drenthe = _trend_data(frame[frame["region_code"] == DRENTHE_CODE], "value")
    panels = [chosen.assign(panel=chosen["name"])]
    if names and len(drenthe):
        repeated = drenthe.iloc[np.tile(np.arange(len(drenthe)), len(names))]
        panels.append(repeated.assign(panel=np.repeat(np.array(names, dtype=object), len(drenthe))))
    return pd.concat(panels, ignore_index=True), names


def _small_multiples_records(frame: pd.DataFrame) -> tuple[list[dict], list[str]]:
    """The records of :func:`_small_multiples_data`, made from the frame's trend records
    (:func:`_trend_records`) without the frames; its frame's when those cannot be made."""
    records = _trend_records(frame, "value")
    if records is None:
        data, names = _small_multiples_data(frame)
        return _records(data), names
    rows = records[0]
    chosen = [r for r in rows if r["kind"] != "reference"]
    names = list(dict.fromkeys(r["name"] for r in chosen))
    drenthe = [r for r in rows if r["region_code"] == DRENTHE_CODE] if names else []
    out = [{**r, "panel": r["name"]} for r in chosen]
    out += [{**r, "panel": name} for name in names for r in drenthe]
    return out, names


def small_multiples_spec(
    frame: pd.DataFrame, value_title: str, lang: str, columns: int = 4
) -> dict:
    """``spec(small_multiples(...))``, written as a plain dict."""
    data, names = _small_multiples_records(frame)
    labels = _period_labels(frame)
    x = _field("period_label", "ordinal", axis={"labelAngle": -90}, sort=labels, title=None)
    y = _field("value", "quantitative", scale={"nice": True, "zero": False}, title=value_title)
    own = {"filter": "(datum.kind !== 'reference')"}
    not_own = {"filter": "(!(datum.kind !== 'reference'))"}
    line_enc = {"detail": _field("line", "nominal"), "x": x, "y": y}
    layers = [
        {
            "mark": {
                "type": "line",
                "aria": False,
                "color": REFERENCE_COLORS["drenthe"],
                "strokeDash": [4, 2],
                "strokeWidth": 1.5,
            },
            "encoding": line_enc,
            "transform": [not_own],
        },
        {
            "mark": {"type": "line", "aria": False, "color": SERIES_COLORS[0], "strokeWidth": 2},
            "encoding": line_enc,
            "transform": [own],
        },
        {
            "mark": {"type": "point", "color": SERIES_COLORS[0], "filled": True, "size": 25},
            "encoding": {
                "description": _field("aria", "nominal"),
                "tooltip": _tooltip(
                    ("name", t("col_series", lang), "nominal"),
                    ("period_label", t("period", lang), "nominal"),
                    ("value_text", t("col_value", lang), "nominal"),
                ),
                "x": x,
                "y": y,
            },
            "transform": [own],
        },
    ]
    datasets = _Datasets()
    return _configured(
        {
            "data": datasets.ref(data),
            "facet": _field("panel", "nominal", sort=names, title=None),
            "spec": {"layer": layers, "height": 100, "width": 150},
            "columns": columns,
            "description": t("a11y_chart_small_multiples", lang, unit=value_title),
            "datasets": dict(datasets),
        }
    )
