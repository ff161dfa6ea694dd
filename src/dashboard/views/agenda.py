"""What the Sociale Agenda page shows (pure, no Streamlit): per goal its figures from the
nulmeting with what has been measured since (tellen), its residents' stories on a map of
Drenthe (vertellen), and one plain sentence.

:func:`load_agenda` reads the goals (:mod:`dashboard.model.goals`) and the stories
(:mod:`dashboard.model.verhalen`) once, lazily: the store does not load them.
:func:`agenda_view` builds an :class:`AgendaView` from (store, ViewState, goal id); the page,
its slide in Presenteren and its downloads all read it, so they cannot disagree.

URL: ``?doel=<goal id>`` chooses the goal (default: the first), ``?initiatief=<story id>``
the story shown beside the map (it also picks its goal when ``doel`` is absent). Unknown
values fall back to the default with a :class:`~dashboard.state.Notice`, like every other bad
URL value (:func:`parse_agenda_query`; to move to urls.py with the rest of URL parsing).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pandas as pd

from dashboard import urls
from dashboard.model import geo
from dashboard.model import goals as goals_module
from dashboard.model import verhalen as verhalen_module
from dashboard.model.catalog import Indicator
from dashboard.model.goals import Goal, Goals, Theme, check_observations, load_goals
from dashboard.model.store import Store, level
from dashboard.model.verhalen import Problem, Verhaal, load_verhalen
from dashboard.state import Notice, ViewState
from dashboard.text import numbers
from dashboard.text.i18n import t
from dashboard.text.numbers import period_label
from dashboard.text.sentences import citation, join_names, status_text
from dashboard.views import mapview
from dashboard.views.progress import Assessment, Point, assess, target_progress
from dashboard.vocabulary import NEDERLAND_CODE

GOAL_PARAM = "doel"
STORY_PARAM = "initiatief"
PAGE_PATH = "agenda"


# --- the data ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class AgendaData:
    """The goals and the stories that loaded, with the problems of those that did not."""

    goals: Goals
    verhalen: tuple[Verhaal, ...]
    problems: tuple[Problem, ...] = ()

    @property
    def default_goal(self) -> str:
        return next(iter(self.goals.goals))

    def story(self, story_id: str) -> Verhaal | None:
        return next((s for s in self.verhalen if s.id == story_id), None)

    def stories_of_goal(self, goal_id: str) -> tuple[Verhaal, ...]:
        return tuple(s for s in self.verhalen if goal_id in s.goals)

    def stories_in(self, gemeente: str) -> tuple[Verhaal, ...]:
        return tuple(s for s in self.verhalen if s.gemeente == gemeente)

    def stories_for_indicator(self, indicator_id: str) -> tuple[Verhaal, ...]:
        """The stories of the goals this indicator measures (each story once)."""
        goal_ids = {g.id for g in self.goals.for_indicator(indicator_id)}
        return tuple(s for s in self.verhalen if goal_ids & set(s.goals))


def drenthe_gemeenten(store: Store) -> dict[str, str]:
    return {code: store.name(code) for code in geo.scope_codes(store.gebieden, "drenthe")}


def load_agenda(
    store: Store,
    shapes: Mapping[str, Any] | None = None,
    goals_path: Path | None = None,
    folder: Path | None = None,
) -> AgendaData:
    """Goals (checked against the catalogue and the observations: a problem raises
    DataError) and stories (a bad one is left out with a Problem). ``shapes``: code ->
    geometry of Drenthe's gemeenten, to check the stories' points (see model.verhalen).
    The files default to goals.GOALS_FILE and verhalen.VERHALEN_DIR, read when called."""
    goals = load_goals(store.catalog, goals_path or goals_module.goals_file())
    check_observations(goals, store)
    folder = folder or verhalen_module.verhalen_dir()
    stories, problems = load_verhalen(drenthe_gemeenten(store), goals, shapes, folder)
    return AgendaData(goals, stories, problems)


def agenda_ids(store: Store) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The goal ids and story ids a slide may name (empty when the goals do not load)."""
    from dashboard.model.errors import DataError

    try:
        data = load_agenda(store)
    except DataError:
        return (), ()
    return tuple(data.goals.goals), tuple(s.id for s in data.verhalen)


# --- the URL ----------------------------------------------------------------------------------


def _last(params: Mapping[str, str | Sequence[str]], name: str) -> str | None:
    raw = params.get(name)
    if raw is None:
        return None
    values = [raw] if isinstance(raw, str) else list(raw)
    return str(values[-1]).strip() if values else None


def parse_agenda_query(
    params: Mapping[str, str | Sequence[str]], data: AgendaData
) -> tuple[str, str | None, list[Notice]]:
    """(goal id, story id or None, notices) from the query parameters; never raises."""
    notices: list[Notice] = []
    goal = _last(params, GOAL_PARAM) or None
    if goal is not None and goal not in data.goals:
        notices.append(Notice(GOAL_PARAM, goal, "unknown_goal"))
        goal = None
    story_id = _last(params, STORY_PARAM) or None
    story = data.story(story_id) if story_id else None
    if story_id and story is None:
        notices.append(Notice(STORY_PARAM, story_id, "unknown_story"))
        story_id = None
    if story is not None:
        if goal is None and _last(params, GOAL_PARAM) is None:
            goal = story.goals[0]
        elif goal is not None and goal not in story.goals:
            notices.append(Notice(STORY_PARAM, story.id, "story_not_in_goal"))
            story_id = None
    return goal or data.default_goal, story_id, notices


def agenda_query(
    view: ViewState, goal_id: str, story_id: str | None, default_goal: str
) -> dict[str, str | list[str]]:
    """The query of the agenda page for a view, goal and story (defaults left out)."""
    query = urls.to_query(view)
    if goal_id != default_goal:
        query[GOAL_PARAM] = goal_id
    if story_id:
        query[STORY_PARAM] = story_id
    return query


def agenda_url(
    view: ViewState, goal_id: str, story_id: str | None, default_goal: str, root: str = ""
) -> str:
    """The agenda page's URL for a goal and story; ``root`` as in :func:`urls.view_url`."""
    query = urlencode(agenda_query(view, goal_id, story_id, default_goal), doseq=True)
    return f"{root.rstrip('/')}/{PAGE_PATH}" + (f"?{query}" if query else "")


# --- one goal ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class MeasureRow:
    """One figure of a goal: its nulmeting, the newest figure and the verdict."""

    indicator: Indicator
    region: str
    region_name: str
    desired: int
    baseline: Point
    latest: Point | None
    assessment: Assessment
    line: int | None
    report_value: float | None
    report_decimals: int | None
    note: str
    is_target: bool = False
    progress: float | None = None


@dataclass(frozen=True)
class GoalLine:
    """A goal in the overview: its theme, number, short name and sentence."""

    goal: Goal
    theme: Theme
    sentence: str
    n_figures: int
    n_stories: int


@dataclass(frozen=True)
class AgendaView:
    goal: Goal
    theme: Theme
    lang: str
    rows: tuple[MeasureRow, ...]
    table: pd.DataFrame  # as shown and downloaded: one row per figure
    sentence: str
    target: str  # the target in words, "" when the report states none
    stories: tuple[Verhaal, ...]
    map_indicator: str | None
    map_period: str | None
    map_caption: str
    overview: tuple[GoalLine, ...]
    source: str
    story: Verhaal | None = None  # the story chosen beside the map

    @property
    def indicator_ids(self) -> list[str]:
        return list(dict.fromkeys(r.indicator.id for r in self.rows))

    @property
    def counts(self) -> dict[str, int]:
        return dict(Counter(r.assessment.status for r in self.rows))


def _point(frame: pd.DataFrame, region: str, period: str | None = None) -> Point | None:
    """The figure of a region in a period (the latest with a value when period is None)."""
    rows = frame[(frame["region_code"] == region) & frame["value"].notna()]
    if period is not None:
        rows = rows[rows["period"] == period]
    if rows.empty:
        return None
    row = rows.sort_values("period").iloc[-1]
    return Point(
        str(row["period"]),
        float(row["value"]),
        None if pd.isna(row["lower"]) else float(row["lower"]),
        None if pd.isna(row["upper"]) else float(row["upper"]),
        str(row["status"] or ""),
    )


def goal_rows(store: Store, goal: Goal, lang: str) -> tuple[MeasureRow, ...]:
    rows = []
    for m in goal.measures:
        ind = store.indicator(m.indicator)
        frame = store.frame(m.indicator)
        baseline = _point(frame, m.region, m.period)
        if baseline is None:  # check_observations makes this impossible for loaded goals
            raise ValueError(f"goal {goal.id}: no nulmeting for {m.indicator} {m.region}")
        latest = _point(frame, m.region)
        latest = latest if latest is not None and latest.period > baseline.period else None
        verdict = assess(baseline, latest, m.desired, ind.decimals)
        target = goal.target
        is_target = bool(target and target.indicator == m.indicator and target.region == m.region)
        progress = (
            target_progress(baseline.value, latest.value if latest else None, target.value)
            if is_target and target is not None
            else None
        )
        name = t("name_nederland", lang) if m.region == NEDERLAND_CODE else store.name(m.region)
        rows.append(
            MeasureRow(
                indicator=ind,
                region=m.region,
                region_name=name,
                desired=m.desired,
                baseline=baseline,
                latest=latest,
                assessment=verdict,
                line=m.line,
                report_value=m.report_value,
                report_decimals=m.report_decimals,
                note=m.note(lang),
                is_target=is_target,
                progress=progress,
            )
        )
    return tuple(rows)


def _period_text(point: Point, lang: str) -> str:
    note = status_text(point.status, lang)
    label = period_label(point.period, lang)
    return f"{label} ({note})" if note else label


def _report_figure(row: MeasureRow, store: Store, lang: str) -> str:
    """A CBS figure as the report prints it, with its written decimals: 70 -> '70%'."""
    if row.report_value is None:
        return ""
    ind = row.indicator
    symbol = store.catalog.unit_symbol(ind.unit, lang) if ind.unit in store.catalog.units else ""
    return numbers.format_amount(row.report_value, ind.unit, row.report_decimals or 0, lang, symbol)


def source_text(row: MeasureRow, store: Store, lang: str) -> str:
    """The figure's source: 'CBS, tabel 85563NED; verslag regel 2210: 70%' or 'Sociale
    Agenda Drenthe, jaarverslag 2024, tabel 1, regel 191'."""
    cite = citation(row.indicator, lang)
    if row.line is None:
        return cite
    if row.report_value is not None:
        return t(
            "agenda_source_quoted",
            lang,
            cite=cite,
            line=str(row.line),
            value=_report_figure(row, store, lang),
        )
    return t("agenda_source_line", lang, cite=cite, line=str(row.line))


def verdict_text(row: MeasureRow, lang: str) -> str:
    word = t(f"agenda_status_{row.assessment.status}", lang)
    if row.latest is not None and not row.indicator.comparable:
        word += f" ({t('agenda_not_comparable', lang)})"
    return word


def target_cell(row: MeasureRow, goal: Goal, lang: str) -> str:
    target = goal.target
    if not row.is_target or target is None:
        return ""
    if target.value is None:
        return t("agenda_target_cell_open", lang, year=str(target.year))
    if row.progress is None:
        return t("agenda_target_cell_wait", lang, year=str(target.year))
    share = numbers.format_number(100 * row.progress, 0, lang)
    return t("agenda_target_cell", lang, share=share, year=str(target.year))


TABLE_COLUMNS = (
    "agenda_col_indicator",
    "agenda_col_area",
    "agenda_col_baseline",
    "agenda_col_baseline_period",
    "agenda_col_latest",
    "agenda_col_latest_period",
    "agenda_col_change",
    "agenda_col_verdict",
    "agenda_col_target",
    "agenda_col_source",
    "agenda_col_note",
)


def goal_table(goal: Goal, rows: Sequence[MeasureRow], store: Store, lang: str) -> pd.DataFrame:
    """The goal's figures as the page shows and downloads them: values as text, missing as
    '—', never 0."""
    cat = store.catalog
    fmt = lambda v, ind: numbers.format_value(v, ind, cat, lang)  # noqa: E731
    no_new = numbers.MISSING
    data = [
        [
            r.indicator.label(lang),
            r.region_name,
            fmt(r.baseline.value, r.indicator),
            _period_text(r.baseline, lang),
            fmt(r.latest.value, r.indicator) if r.latest else no_new,
            _period_text(r.latest, lang) if r.latest else no_new,
            numbers.format_difference(r.assessment.change, r.indicator, cat, lang),
            verdict_text(r, lang),
            target_cell(r, goal, lang),
            source_text(r, store, lang),
            r.note,
        ]
        for r in rows
    ]
    return pd.DataFrame(data, columns=[t(c, lang) for c in TABLE_COLUMNS])


def _lower_first(label: str) -> str:
    """'Vrijwilligerswerk' -> 'vrijwilligerswerk'; 'CBS-cijfer' stays (an acronym)."""
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]


def map_values(store: Store, indicator_id: str) -> tuple[str, pd.DataFrame]:
    """(level, values) of an indicator on the map of Drenthe: its gemeenten or COROP regions,
    every period (mapview.period_values)."""
    lvl = level(set(store.frame(indicator_id)["region_code"]))
    if lvl not in ("gemeente", "corop"):
        return lvl, store.frame(indicator_id).iloc[:0]
    codes = mapview.area_codes(store, "drenthe", lvl)
    return lvl, mapview.period_values(store, indicator_id, codes, lvl)


def _extreme_part(store: Store, goal: Goal, lang: str) -> str:
    """'vrijwilligerswerk: het laagst in Assen (46,3%, 2023)': the map indicator's least
    favourable area in its newest period, for the direction the goal wants."""
    if goal.map_indicator is None:
        return ""
    ind = store.indicator(goal.map_indicator)
    _, values = map_values(store, ind.id)
    values = values[values["value"].notna()]
    if values.empty:
        return ""
    period = values["period"].max()
    current = values[values["period"] == period]
    desired = next(m.desired for m in goal.measures if m.indicator == ind.id)
    shown = current.assign(
        shown=current["value"].map(lambda v: numbers.round_half_up(v, ind.decimals))
    )
    worst = shown["shown"].max() if desired == -1 else shown["shown"].min()
    hit = shown[shown["shown"] == worst]
    names = join_names(sorted(store.name(c) for c in hit["region_code"]), lang)
    status = str(hit["status"].iloc[0] or "")
    when = (
        t("agenda_year_unstated", lang)
        if status == "period_unstated"
        else period_label(str(period), lang)
    )
    key = "agenda_sentence_highest" if desired == -1 else "agenda_sentence_lowest"
    return t(
        key,
        lang,
        label=_lower_first(ind.label(lang)),
        places=names,
        value=numbers.format_value(float(hit["value"].iloc[0]), ind, store.catalog, lang),
        when=when,
    )


def goal_sentence(goal: Goal, rows: Sequence[MeasureRow], store: Store, lang: str) -> str:
    """One plain sentence: how the figures moved since the nulmeting, and where the goal's
    map indicator is least favourable. E.g. 'Armoede: alle 4 cijfers met een nieuwe meting
    zijn sinds de nulmeting gunstiger; 15 cijfers hebben nog geen nieuwe meting; …'."""
    counts = Counter(r.assessment.status for r in rows)
    total, waiting = len(rows), counts["no_new"]
    measured = total - waiting
    if measured == 0:
        key = "agenda_sentence_none_one" if total == 1 else "agenda_sentence_none"
        head = t(key, lang, short=goal.short(lang), n=str(total))
    else:
        better = counts["better"]
        if better == measured and measured > 1:
            key = "agenda_sentence_all"
        elif better == 0:
            key = "agenda_sentence_no_better"
        else:
            key = "agenda_sentence_some_one" if better == 1 else "agenda_sentence_some"
        head = t(key, lang, short=goal.short(lang), k=str(better), m=str(measured))
        extras = [
            t(f"agenda_sentence_{status}", lang, n=str(counts[status]))
            for status in ("worse", "same", "within_margin")
            if counts[status]
        ]
        if extras:
            head += ", " + join_names(extras, lang)
        if waiting:
            key = "agenda_sentence_waiting_one" if waiting == 1 else "agenda_sentence_waiting"
            head += "; " + t(key, lang, n=str(waiting))
    extreme = _extreme_part(store, goal, lang)
    return f"{head}; {extreme}." if extreme else f"{head}."


def target_text(goal: Goal, rows: Sequence[MeasureRow], store: Store, lang: str) -> str:
    target = goal.target
    if target is None:
        return ""
    row = next((r for r in rows if r.is_target), None)
    ind = store.indicator(target.indicator)
    fmt = lambda v: numbers.format_value(v, ind, store.catalog, lang)  # noqa: E731
    parts = [t("agenda_target", lang, year=str(target.year), description=target.description(lang))]
    if row is not None:
        parts.append(
            t(
                "agenda_target_baseline",
                lang,
                label=ind.label(lang),
                value=fmt(row.baseline.value),
                period=_period_text(row.baseline, lang),
            )
        )
        if target.value is not None:
            parts.append(t("agenda_target_value", lang, value=fmt(target.value)))
        if row.latest is None:
            parts.append(t("agenda_target_not_yet", lang))
        elif row.progress is not None:
            share = numbers.format_number(100 * row.progress, 0, lang)
            parts.append(
                t(
                    "agenda_target_progress",
                    lang,
                    value=fmt(row.latest.value),
                    period=_period_text(row.latest, lang),
                    share=share,
                )
            )
    return " ".join(parts)


def goal_line(store: Store, data: AgendaData, goal: Goal, lang: str) -> GoalLine:
    rows = goal_rows(store, goal, lang)
    return GoalLine(
        goal=goal,
        theme=data.goals.themes[goal.theme],
        sentence=goal_sentence(goal, rows, store, lang),
        n_figures=len(rows),
        n_stories=len(data.stories_of_goal(goal.id)),
    )


def agenda_overview(store: Store, data: AgendaData, lang: str) -> tuple[GoalLine, ...]:
    """Every goal in the report's order with its sentence."""
    return tuple(goal_line(store, data, goal, lang) for goal in data.goals)


def map_period(store: Store, indicator_id: str | None) -> str | None:
    if indicator_id is None:
        return None
    _, values = map_values(store, indicator_id)
    values = values[values["value"].notna()]
    return None if values.empty else str(values["period"].max())


def agenda_view(
    store: Store,
    view: ViewState,
    goal_id: str,
    data: AgendaData | None = None,
    story_id: str | None = None,
) -> AgendaView:
    """The page of one goal (``data`` defaults to :func:`load_agenda`, read anew)."""
    data = data or load_agenda(store)
    lang = view.lang
    goal = data.goals.get(goal_id)
    theme = data.goals.themes[goal.theme]
    rows = goal_rows(store, goal, lang)
    stories = data.stories_of_goal(goal.id)
    period = map_period(store, goal.map_indicator)
    if goal.map_indicator is not None and period is not None:
        ind = store.indicator(goal.map_indicator)
        caption = t(
            "agenda_map_caption", lang, label=ind.label(lang), period=period_label(period, lang)
        )
    else:
        caption = t("agenda_map_no_indicator", lang)
    cites = dict.fromkeys(citation(r.indicator, lang) for r in rows)
    source = t(
        "agenda_source",
        lang,
        sources="; ".join(cites),
        line=str(goal.line),
    )
    story = next((s for s in stories if s.id == story_id), None)
    return AgendaView(
        goal=goal,
        theme=theme,
        lang=lang,
        rows=rows,
        table=goal_table(goal, rows, store, lang),
        sentence=goal_sentence(goal, rows, store, lang),
        target=target_text(goal, rows, store, lang),
        stories=stories,
        map_indicator=goal.map_indicator if period is not None else None,
        map_period=period,
        map_caption=caption,
        overview=agenda_overview(store, data, lang),
        source=source,
        story=story,
    )


def goal_choices(data: AgendaData, lang: str) -> dict[str, str]:
    """goal id -> 'Naoberschap · 1. Vrijwilligers en bewonersinitiatieven', report order."""
    return {
        g.id: t(
            "agenda_goal_choice",
            lang,
            theme=data.goals.themes[g.theme].label(lang),
            number=str(g.number),
            short=g.short(lang),
        )
        for g in data.goals
    }


def story_facts(story: Verhaal, data: AgendaData, gemeenten: Mapping[str, str], lang: str) -> str:
    """'Grolloo · gemeente Aa en Hunze · 2024 · Gezondheid'."""
    theme = data.goals.themes.get(story.theme)
    return t(
        "agenda_story_facts",
        lang,
        place=story.place,
        gemeente=gemeenten.get(story.gemeente, story.gemeente),
        when=story.when(),
        theme=theme.label(lang) if theme else story.theme,
    )


def story_goals_text(story: Verhaal, data: AgendaData, lang: str) -> str:
    names = [data.goals.get(g).short(lang) for g in story.goals if g in data.goals]
    return t("agenda_story_goals", lang, goals=join_names(names, lang))


def story_source_text(story: Verhaal, lang: str) -> str:
    if story.line is not None:
        return t("agenda_story_source_line", lang, source=story.source, line=str(story.line))
    return t("agenda_story_source", lang, source=story.source)


def slide_lines(av: AgendaView, n: int) -> list[str]:
    """The goal's first ``n`` figures in one line each, for a slide: 'Moeite met rondkomen,
    Drenthe: 15,6% (2022) — nog geen nieuwe meting'."""
    cols = [t(c, av.lang) for c in TABLE_COLUMNS]
    label, area, baseline, period, verdict = (cols[i] for i in (0, 1, 2, 3, 7))
    return [
        f"{row[label]}, {row[area]}: {row[baseline]} ({row[period]}) — {row[verdict]}"
        for _, row in av.table.head(n).iterrows()
    ]


def slide_sentence(text: str, limit: int = 300) -> str:
    """The first sentence(s) of a text that fit in ``limit`` characters (a slide's key
    sentence); cut with '…' when even the first does not."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    end = max(cut.rfind(". "), cut.rfind("; "))
    if end > 40:
        return cut[: end + 1]
    return cut[: limit - 1].rstrip() + "…"
