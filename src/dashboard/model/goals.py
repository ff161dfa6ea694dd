"""The goals of the Sociale Agenda Drenthe and the figures that measure them (pure, no display).

``data/sociale_agenda_2024/goals.toml`` holds ``[theme.<id>]`` sections and ``[[goal]]`` entries,
read and validated like the catalogue (:mod:`dashboard.model.catalog`): any problem raises a
:class:`~dashboard.model.errors.DataError` naming the file, the goal and the field.

``[theme.<id>]``   ``label_nl/_en`` (the theme's name), ``heading_nl/_en`` (the chapter's
                   heading), ``chapter`` and ``line`` (where the chapter starts in the report)
``[[goal]]``       ``id`` (lower_snake_case, used in URLs: ``?doel=armoede``), ``number`` (as the
                   report prints it), ``theme``, ``title_nl`` (the report's words), ``title_en``,
                   ``short_nl/_en`` (a short label for lists and sentences), ``line`` (where the
                   report states the goal), ``section_line`` (its 'Waar staan we nu?'),
                   optional ``map_indicator`` (one of its measures' indicators, drawn under
                   its stories), ``note_nl/_en``, ``[goal.target]`` and one or more
                   ``[[goal.measure]]``
``[goal.target]``  only where the report states one: ``indicator`` (one of the goal's),
                   optional ``region`` (default PV22), ``year``, optional ``value``,
                   ``description_nl/_en``, ``line``
``[[goal.measure]]`` one figure of the nulmeting: ``indicator`` (catalogue id), optional
                   ``region`` (default PV22), ``period`` (the nulmeting's period), ``desired``
                   (``higher`` or ``lower``: it must not contradict the indicator's own
                   direction; a neutral indicator takes the goal's), optional ``line`` (where
                   the report gives the figure; required for the report's own figures),
                   ``report_value`` and ``tolerance`` (a CBS figure as the report prints it),
                   ``note_nl/_en``

:func:`check_observations` then checks every measure against the loaded observations: the
nulmeting's value must exist, and a report figure's line must be the line its observation
cites in observations.csv.
"""

from __future__ import annotations

import csv
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dashboard.config import PROJECT_DATA, project_data
from dashboard.model.catalog import Catalog, toml_line
from dashboard.model.errors import DataError
from dashboard.vocabulary import DRENTHE_CODE, NEDERLAND_CODE, localized

if TYPE_CHECKING:
    from dashboard.model.store import Store

GOALS_FILE = PROJECT_DATA / "sociale_agenda_2024" / "goals.toml"


def goals_file() -> Path:
    """goals.toml of the project's data folder in effect (config.project_data)."""
    data = project_data()
    return GOALS_FILE if data == PROJECT_DATA else data / GOALS_FILE.relative_to(PROJECT_DATA)


REPORT_FILE = "sociale_agenda_2024/observations.csv"  # the report's own figures (tidy source)
DESIRED = {"higher": 1, "lower": -1}

_THEME_FIELDS = {
    "label_nl": str,
    "label_en": str,
    "heading_nl": str,
    "heading_en": str,
    "chapter": int,
    "line": int,
}
_GOAL_FIELDS = {
    "id": str,
    "number": int,
    "theme": str,
    "title_nl": str,
    "title_en": str,
    "short_nl": str,
    "short_en": str,
    "line": int,
    "section_line": int,
}
_GOAL_OPTIONAL = {"map_indicator": str, "note_nl": str, "note_en": str}
_MEASURE_FIELDS = {"indicator": str, "period": str, "desired": str}
_MEASURE_OPTIONAL = {
    "region": str,
    "line": int,
    "report_value": (int, float),
    "tolerance": (int, float),
    "note_nl": str,
    "note_en": str,
}
_TARGET_FIELDS = {"indicator": str, "year": int, "description_nl": str, "description_en": str}
_TARGET_OPTIONAL = {"region": str, "value": (int, float), "line": int}


@dataclass(frozen=True)
class Theme:
    id: str
    label_nl: str
    label_en: str
    heading_nl: str
    heading_en: str
    chapter: int
    line: int

    def label(self, lang: str = "nl") -> str:
        return localized(self, "label", lang)

    def heading(self, lang: str = "nl") -> str:
        return localized(self, "heading", lang)


@dataclass(frozen=True)
class Measure:
    """One figure of the nulmeting: an indicator, for a region, in a period."""

    indicator: str
    period: str
    desired: int  # +1 higher is what the goal wants, -1 lower
    region: str = DRENTHE_CODE
    line: int | None = None
    report_value: float | None = None
    tolerance: float | None = None  # with report_value: how far the data may lie from it
    report_decimals: int | None = None  # the decimals report_value is written with
    note_nl: str = ""
    note_en: str = ""

    def note(self, lang: str = "nl") -> str:
        return localized(self, "note", lang)


@dataclass(frozen=True)
class Target:
    indicator: str
    year: int
    description_nl: str
    description_en: str
    region: str = DRENTHE_CODE
    value: float | None = None
    line: int | None = None

    def description(self, lang: str = "nl") -> str:
        return localized(self, "description", lang)


@dataclass(frozen=True)
class Goal:
    id: str
    number: int
    theme: str
    title_nl: str
    title_en: str
    short_nl: str
    short_en: str
    line: int
    section_line: int
    measures: tuple[Measure, ...]
    map_indicator: str | None = None
    target: Target | None = None
    note_nl: str = ""
    note_en: str = ""

    def title(self, lang: str = "nl") -> str:
        return localized(self, "title", lang)

    def short(self, lang: str = "nl") -> str:
        return localized(self, "short", lang)

    def note(self, lang: str = "nl") -> str:
        return localized(self, "note", lang)

    @property
    def indicators(self) -> tuple[str, ...]:
        """The goal's indicators, each once, in the order of its measures."""
        return tuple(dict.fromkeys(m.indicator for m in self.measures))


@dataclass(frozen=True)
class Goals:
    themes: dict[str, Theme]
    goals: dict[str, Goal]  # in the report's order
    path: Path = GOALS_FILE

    def __iter__(self) -> Iterator[Goal]:
        return iter(self.goals.values())

    def __len__(self) -> int:
        return len(self.goals)

    def __contains__(self, goal_id: object) -> bool:
        return goal_id in self.goals

    def get(self, goal_id: str) -> Goal:
        try:
            return self.goals[goal_id]
        except KeyError:
            raise KeyError(f"Unknown goal {goal_id!r}") from None

    def by_theme(self) -> dict[str, list[Goal]]:
        """Goals grouped by theme, themes in chapter order, goals in the report's order."""
        groups: dict[str, list[Goal]] = {
            t.id: [] for t in sorted(self.themes.values(), key=lambda t: t.chapter)
        }
        for goal in self:
            groups[goal.theme].append(goal)
        return {t: goals for t, goals in groups.items() if goals}

    def for_indicator(self, indicator_id: str) -> list[Goal]:
        """The goals one of whose measures (or the target) is this indicator."""
        return [
            g
            for g in self
            if indicator_id in g.indicators or (g.target and g.target.indicator == indicator_id)
        ]


def _type_word(typ: Any) -> str:
    return typ.__name__ if isinstance(typ, type) else "number"


def _fields(
    raw: Any, required: dict[str, Any], optional: dict[str, Any], where: str, extra: tuple = ()
) -> dict[str, Any]:
    """The table's fields, type-checked; unknown, missing, empty or mistyped fields raise."""
    if not isinstance(raw, dict):
        raise DataError(f"{where}: must be a table, got {type(raw).__name__}.")
    unknown = set(raw) - set(required) - set(optional) - set(extra)
    if unknown:
        allowed = ", ".join([*required, *optional, *extra])
        raise DataError(
            f"{where}: unknown field(s) {', '.join(sorted(unknown))} (allowed: {allowed})."
        )
    for name, typ in {**required, **optional}.items():
        if name not in raw:
            if name in required:
                raise DataError(f"{where}: missing field {name!r}.")
            continue
        value = raw[name]
        if isinstance(value, bool) or not isinstance(value, typ):
            raise DataError(f"{where}: field {name!r} must be a {_type_word(typ)}, got {value!r}.")
        if isinstance(value, str) and not value.strip():
            raise DataError(f"{where}: field {name!r} is empty.")
        positive = ("line", "section_line", "number", "chapter")
        if isinstance(value, int) and name in positive and value < 1:
            raise DataError(f"{where}: field {name!r} must be 1 or more, got {value}.")
    return {k: v for k, v in raw.items() if k not in extra}


def _region(code: str, where: str) -> str:
    ok = (
        code in (NEDERLAND_CODE, DRENTHE_CODE)
        or (code[:2] in ("PV", "CR") and code[2:].isdigit() and len(code) == 4)
        or (code[:2] == "GM" and code[2:].isdigit() and len(code) == 6)
    )
    if not ok:
        raise DataError(f"{where}: region {code!r} is not a CBS code (NL01, PV22, CR07, GM0106).")
    return code


def _check_direction(indicator_id: str, desired: int, catalog: Catalog, where: str) -> None:
    own = catalog.get(indicator_id).direction
    if own != 0 and own != desired:
        word = "higher" if desired == 1 else "lower"
        meaning = "higher is better" if own == 1 else "higher is worse"
        raise DataError(
            f"{where}: desired {word!r} contradicts the catalogue's direction of "
            f"{indicator_id!r} ({own:+d}, {meaning})."
        )


def _parse_measure(raw: Any, catalog: Catalog, where: str) -> Measure:
    f = _fields(raw, _MEASURE_FIELDS, _MEASURE_OPTIONAL, where)
    ind = f["indicator"]
    where = f"{where} (indicator {ind!r})"
    if ind not in catalog:
        raise DataError(f"{where}: unknown indicator; it is not in the catalogue.")
    if f["desired"] not in DESIRED:
        raise DataError(f"{where}: desired must be 'higher' or 'lower', got {f['desired']!r}.")
    desired = DESIRED[f["desired"]]
    _check_direction(ind, desired, catalog, where)
    if "tolerance" in f and "report_value" not in f:
        raise DataError(f"{where}: tolerance is set but report_value is not.")
    if "report_value" in f and "line" not in f:
        raise DataError(f"{where}: report_value needs the line the report prints it on.")
    if f.get("tolerance", 0) < 0:
        raise DataError(f"{where}: tolerance must not be negative.")
    return Measure(
        indicator=ind,
        period=f["period"],
        desired=desired,
        region=_region(f.get("region", DRENTHE_CODE), where),
        line=f.get("line"),
        report_value=None if "report_value" not in f else float(f["report_value"]),
        report_decimals=None if "report_value" not in f else written_decimals(f["report_value"]),
        tolerance=(
            float(f["tolerance"])
            if "tolerance" in f
            else half_unit(f["report_value"])
            if "report_value" in f
            else None
        ),
        note_nl=f.get("note_nl", ""),
        note_en=f.get("note_en", ""),
    )


def _parse_goal(raw: Any, themes: dict[str, Theme], catalog: Catalog, where: str) -> Goal:
    ident = raw.get("id", "?") if isinstance(raw, dict) else "?"
    where = f"{where} {ident!r}"
    f = _fields(raw, _GOAL_FIELDS, _GOAL_OPTIONAL, where, extra=("measure", "target"))
    if not ident.replace("_", "").isalnum() or ident != ident.lower() or not ident.isascii():
        raise DataError(f"{where}: id must be lower_snake_case ASCII.")
    if f["theme"] not in themes:
        known = ", ".join(themes) or "none"
        raise DataError(
            f"{where}: theme {f['theme']!r} is not defined (add [theme.{f['theme']}]; "
            f"defined: {known})."
        )
    raw_measures = raw.get("measure")
    if not raw_measures or not isinstance(raw_measures, list):
        raise DataError(f"{where}: needs at least one [[goal.measure]].")
    measures = tuple(
        _parse_measure(m, catalog, f"{where}, measure {n}")
        for n, m in enumerate(raw_measures, start=1)
    )
    keys = [(m.indicator, m.region, m.period) for m in measures]
    for n, key in enumerate(keys, start=1):
        if key in keys[: n - 1]:
            raise DataError(
                f"{where}, measure {n}: indicator {key[0]!r} for {key[1]} in {key[2]} is listed "
                "twice."
            )
    indicators = {m.indicator for m in measures}
    map_indicator = f.get("map_indicator")
    if map_indicator is not None and map_indicator not in indicators:
        raise DataError(
            f"{where}: map_indicator {map_indicator!r} must be one of the goal's measures."
        )
    target = None
    if "target" in raw:
        tw = f"{where}, target"
        t = _fields(raw["target"], _TARGET_FIELDS, _TARGET_OPTIONAL, tw)
        if t["indicator"] not in indicators:
            raise DataError(f"{tw}: indicator {t['indicator']!r} must be one of the goal's.")
        if not 2024 <= t["year"] <= 2100:
            raise DataError(f"{tw}: year must be 2024-2100, got {t['year']}.")
        target = Target(
            indicator=t["indicator"],
            year=t["year"],
            description_nl=t["description_nl"],
            description_en=t["description_en"],
            region=_region(t.get("region", DRENTHE_CODE), tw),
            value=None if "value" not in t else float(t["value"]),
            line=t.get("line"),
        )
    return Goal(
        **{k: v for k, v in f.items() if k not in ("measure", "target")},
        measures=measures,
        target=target,
    )


def load_goals(catalog: Catalog, path: Path | None = None) -> Goals:
    """Read and validate the goals file against the catalogue; raise DataError on a problem."""
    path = path or goals_file()
    try:
        with Path(path).open("rb") as fh:
            raw = tomllib.load(fh)
    except FileNotFoundError:
        raise DataError(f"{path}: file not found.") from None
    except tomllib.TOMLDecodeError as exc:
        raise DataError(f"{path}: not valid TOML ({exc}).") from exc
    name = Path(path).name  # every message names the file; a goal also its line
    unknown = set(raw) - {"theme", "goal"}
    if unknown:
        raise DataError(f"{name}: unknown section(s) {', '.join(sorted(unknown))}.")
    raw_themes = raw.get("theme", {})
    if not isinstance(raw_themes, dict):
        raise DataError(f"{name}: 'theme' must be tables ([theme.<id>]).")
    themes = {
        tid: Theme(id=tid, **_fields(t, _THEME_FIELDS, {}, f"{name}, theme {tid!r}"))
        for tid, t in raw_themes.items()
    }
    entries = raw.get("goal", [])
    if not isinstance(entries, list) or not entries:
        raise DataError(f"{name}: needs at least one [[goal]].")
    goals: dict[str, Goal] = {}
    numbers: dict[tuple[str, int], str] = {}
    for n, entry in enumerate(entries, start=1):
        at = toml_line(Path(path), "[[goal]]", n)
        goal = _parse_goal(entry, themes, catalog, f"{name}, line {at}, goal {n}")
        if goal.id in goals:
            raise DataError(f"{name}: goal id {goal.id!r} is defined twice.")
        other = numbers.setdefault((goal.theme, goal.number), goal.id)
        if other != goal.id:
            raise DataError(
                f"{name}, goal {goal.id!r}: number {goal.number} of theme {goal.theme!r} is "
                f"also goal {other!r}."
            )
        goals[goal.id] = goal
    return Goals(themes=themes, goals=goals, path=Path(path))


def _report_lines(data_dir: Path) -> dict[tuple[str, str, str], int]:
    """(indicator, region, period) -> the line observations.csv cites for that figure."""
    with (data_dir / REPORT_FILE).open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return {(r["indicator_id"], r["region_code"], r["period"]): int(r["line"]) for r in rows}


def check_observations(goals: Goals, store: Store, data_dir: Path | None = None) -> None:
    """Every measure's nulmeting must be an observation of the store; a report figure (an
    indicator read from observations.csv) must cite the line its observation cites, and a CBS
    figure with a report_value must agree with it. Raise DataError naming file and goal."""
    name = goals.path.name
    lines = _report_lines(data_dir or project_data())
    for goal in goals:
        for n, m in enumerate(goal.measures, start=1):
            where = f"{name}, goal {goal.id!r}, measure {n} (indicator {m.indicator!r})"
            value = store.value(m.indicator, m.region, m.period)
            if value is None:
                periods = ", ".join(store.periods(m.indicator)) or "none"
                raise DataError(
                    f"{where}: no observation for {m.region} in {m.period} (periods: {periods})."
                )
            ind = store.indicator(m.indicator)
            from_report = any(s.kind == "tidy" and s.file == REPORT_FILE for s in ind.sources)
            if from_report:
                cited = lines.get((m.indicator, m.region, m.period))
                if m.line is None:
                    raise DataError(f"{where}: a figure of the report needs its line ({cited}).")
                if cited != m.line:
                    raise DataError(
                        f"{where}: line {m.line} differs from the line observations.csv cites "
                        f"({cited})."
                    )
            if m.report_value is not None:
                tolerance = m.tolerance or 0.0
                if abs(value - m.report_value) > tolerance + 1e-9:
                    raise DataError(
                        f"{where}: the report prints {m.report_value:g}, the data give "
                        f"{value:g} (more than {tolerance:g} apart)."
                    )
        if (
            goal.target is not None
            and store.value(
                goal.target.indicator, goal.target.region, _baseline_period(goal, goal.target)
            )
            is None
        ):
            raise DataError(f"{name}, goal {goal.id!r}, target: no baseline for its region.")


def _baseline_period(goal: Goal, target: Target) -> str:
    for m in goal.measures:
        if m.indicator == target.indicator and m.region == target.region:
            return m.period
    return ""


def written_decimals(printed: int | float) -> int:
    """The decimals of a value as written in TOML: 70 -> 0, 0.8 -> 1, 47.0 -> 1."""
    text = repr(printed)
    return len(text.split(".")[1]) if "." in text and "e" not in text else 0


def half_unit(printed: int | float) -> float:
    """Half a unit of the last digit of a value as written: 70 -> 0.5, 0.8 -> 0.05."""
    return 0.5 * 10.0 ** -written_decimals(printed)
