"""Residents' stories ("vertellen"): initiatives and people in named places, tied to the goals of
the Sociale Agenda (pure, no Streamlit).

Files (``data/verhalen/*.toml``)
    Written by people (facilitators and analysts add their own), so read strictly, one story
    at a time: a story with a problem is left out with a :class:`Problem` naming file, story
    and field, and every other story and file still loads. Format::

        [[verhaal]]                        # one or more
        id = "grolloo-zorgt"               # required: a-z, 0-9, '-' or '_'; unique over all files
        title_nl = "Grolloo Zorgt"         # required, one line, at most 120 characters
        title_en = "..."                   # optional (English falls back to Dutch)
        summary_nl = "..."                 # required, your own words, at most 600 characters
        summary_en = "..."                 # optional
        place = "Grolloo"                  # required: village, town or neighbourhood
        gemeente = "GM1680"                # required: the CBS code of a Drenthe gemeente
        lat = 52.9339                      # optional pair (WGS84): inside Drenthe, inside the
        lon = 6.6747                       #   gemeente; without it, the gemeente's centroid
        goals = ["gezond_leven"]           # required: ids of goals.toml (1 to 10)
        theme = "gezondheid"               # required: a theme of goals.toml
        year = 2024                        # year, or date = 2024-03-01 (a TOML date), or both
        source = "Sociale Agenda Drenthe, jaarverslag 2024"   # required, at most 200
        line = 2387                        # optional: line of the source text
        url = "https://..."                # optional: https only, at most 300

    Texts are plain text. A summary with HTML or markdown in it is kept, with a warning,
    because the app always shows it as text (escaped), never as markup.

Points
    With the gemeenten's shapes (:func:`load_verhalen` ``shapes``) a point must lie inside
    Drenthe and inside its own gemeente (within :data:`TOLERANCE_DEG`, about 150 m, for points
    on a border); without shapes, inside Drenthe's bounding box.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import tomllib
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dashboard.config import PROJECT_DATA, project_data, public_paths
from dashboard.text.i18n import t
from dashboard.vocabulary import localized

if TYPE_CHECKING:
    from dashboard.model.goals import Goals

VERHALEN_DIR = PROJECT_DATA / "verhalen"


def verhalen_dir() -> Path:
    """data/verhalen of the project's data folder in effect (config.project_data; the
    module's VERHALEN_DIR when that is the project's own)."""
    data = project_data()
    return VERHALEN_DIR if data == PROJECT_DATA else data / VERHALEN_DIR.name


MAX_FILE_BYTES = 256 * 1024
MAX_STORIES = 200  # per file
MAX_TITLE = 120
MAX_SUMMARY = 600
MAX_PLACE = 80
MAX_SOURCE = 200
MAX_URL = 300
MAX_GOALS = 10
# lat_min, lat_max, lon_min, lon_max: the bounding box of the 12 gemeenten (geo/, 2025) plus
# about 500 m; the check when no shapes are given
DRENTHE_BOUNDS = (52.607, 53.209, 6.112, 7.100)
TOLERANCE_DEG = 0.002

FIELDS = (
    "id",
    "title_nl",
    "title_en",
    "summary_nl",
    "summary_en",
    "place",
    "gemeente",
    "lat",
    "lon",
    "goals",
    "theme",
    "year",
    "date",
    "source",
    "line",
    "url",
)
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,59}$")
_HTML = re.compile(r"<\s*/?\s*[A-Za-z!][^>]*>|&[A-Za-z]+;|&#\d+;")
_MARKDOWN = re.compile(
    r"\*\*|__|`|\[[^\]]*\]\([^)]*\)|^\s{0,3}#{1,6}\s|^\s*[-*+]\s|:\w+\[|\$\$?[^$]+\$",
    re.MULTILINE,
)
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

# A problem's text is the i18n key verhaal_problem_<reason>.
PROBLEM_REASONS = (
    "unreadable",
    "file_too_big",
    "invalid_toml",
    "no_stories",
    "not_stories",
    "too_many",
    "unknown_section",
    "not_table",
    "unknown_key",
    "missing",
    "not_text",
    "not_number",
    "not_int",
    "not_date",
    "not_list",
    "empty_text",
    "control_chars",
    "too_long",
    "bad_id",
    "duplicate_id",
    "unknown_gemeente",
    "unknown_goal",
    "duplicate_goal",
    "no_goals",
    "too_many_goals",
    "unknown_theme",
    "half_point",
    "no_point",
    "bad_coordinate",
    "outside_drenthe",
    "other_gemeente",
    "no_year",
    "year_range",
    "year_date",
    "bad_url",
    "bad_line",
    "markup",
)


@dataclass(frozen=True)
class Verhaal:
    id: str
    title_nl: str
    summary_nl: str
    place: str
    gemeente: str
    lat: float
    lon: float
    goals: tuple[str, ...]
    theme: str
    source: str
    year: int
    title_en: str = ""
    summary_en: str = ""
    date: dt.date | None = None
    line: int | None = None
    url: str = ""
    file: str = ""  # the file's name, for messages
    at_centroid: bool = False  # the point is the gemeente's centroid (no lat/lon given)

    def title(self, lang: str = "nl") -> str:
        return localized(self, "title", lang) or self.title_nl  # English is optional

    def summary(self, lang: str = "nl") -> str:
        return localized(self, "summary", lang) or self.summary_nl

    def when(self) -> str:
        return self.date.isoformat() if self.date else str(self.year)


def _clean(value: object, limit: int = 60) -> str:
    """An untrusted value shortened and stripped of control characters, for a message."""
    text = "".join(c if unicodedata.category(c)[0] != "C" else "?" for c in str(value))
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class Problem:
    """Something wrong in a story file. ``story`` is the story's id (or 'verhaal N' when it
    has none); ``warning`` problems leave the story in, the others leave it out."""

    file: str
    story: str  # "" for the file itself
    field: str  # "" for the whole story or file
    reason: str  # one of PROBLEM_REASONS
    value: str = ""
    detail: str = ""
    warning: bool = False

    def message(self, lang: str = "nl") -> str:
        text = t(f"verhaal_problem_{self.reason}", lang, value=self.value, detail=self.detail)
        where = [self.file]
        if self.story:
            where.append(self.story)
        if self.field:
            where.append(self.field)
        return f"{', '.join(where)}: {text}"


def _allowed(char: str, multiline: bool) -> bool:
    if char in "\n\t":
        return multiline
    if char in _BIDI or (not multiline and char in "\u2028\u2029"):
        return False
    return unicodedata.category(char) not in ("Cc", "Cs")


def _span(values: Sequence[str]) -> str:
    values = list(values)
    if len(values) > 12:
        values = [*values[:5], "…", *values[-3:]]
    return ", ".join(values) if values else "—"


class _Story:
    """Reads one [[verhaal]] table; collects problems instead of raising."""

    def __init__(self, file: str, label: str):
        self.file = file
        self.label = label
        self.problems: list[Problem] = []

    def add(self, fld: str, reason: str, value: Any = "", detail: Any = "", warning=False) -> None:
        self.problems.append(
            Problem(self.file, self.label, fld, reason, _clean(value), str(detail), warning)
        )

    @property
    def failed(self) -> bool:
        return any(not p.warning for p in self.problems)

    def text(self, raw: Mapping, fld: str, limit: int, required: bool, multiline=False) -> str:
        value = raw.get(fld)
        if value is None:
            if required:
                self.add(fld, "missing")
            return ""
        if not isinstance(value, str):
            self.add(fld, "not_text")
            return ""
        value = value.replace("\r\n", "\n")
        if not all(_allowed(c, multiline) for c in value):
            self.add(fld, "control_chars")
            return ""
        value = value.strip()
        if not value:
            if required:
                self.add(fld, "empty_text")
            return ""
        if len(value) > limit:
            self.add(fld, "too_long", len(value), limit)
            return ""
        return value

    def number(self, raw: Mapping, fld: str) -> float | None:
        value = raw.get(fld)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.add(fld, "not_number", repr(value))
            return None
        if not math.isfinite(value):
            self.add(fld, "bad_coordinate", value, "niet eindig / not finite")
            return None
        return float(value)

    def markup(self, fld: str, value: str) -> None:
        found = _HTML.search(value) or _MARKDOWN.search(value)
        if found:
            self.add(fld, "markup", found.group(0).strip()[:30], warning=True)


def _point_problem(
    lat: float,
    lon: float,
    gemeente: str | None,
    shapes: Mapping[str, Any] | None,
    names: Mapping[str, str],
) -> tuple[str, str] | None:
    """(reason, detail) when the point is not where it should be, else None. ``gemeente``
    None: only whether it lies in Drenthe."""
    if not shapes:
        lat_min, lat_max, lon_min, lon_max = DRENTHE_BOUNDS
        inside = lat_min <= lat <= lat_max and lon_min <= lon <= lon_max
        return None if inside else ("outside_drenthe", "")
    import shapely

    point = shapely.Point(lon, lat)
    own = shapes.get(gemeente) if gemeente is not None else None
    if own is not None and own.distance(point) <= TOLERANCE_DEG:
        return None
    near = {code: shape.distance(point) for code, shape in shapes.items()}
    hits = [code for code, distance in near.items() if distance <= TOLERANCE_DEG]
    if not hits:
        return "outside_drenthe", ""
    if gemeente is None:
        return None
    code = min(hits, key=near.__getitem__)
    return "other_gemeente", f"{names.get(code, code)} ({code})"


def _read_story(
    raw: Any,
    n: int,
    file: str,
    gemeenten: Mapping[str, str],
    goals: Goals,
    shapes: Mapping[str, Any] | None,
    centres: Mapping[str, tuple[float, float]],
) -> tuple[Verhaal | None, list[Problem]]:
    label = f"verhaal {n}"
    if isinstance(raw, dict) and isinstance(raw.get("id"), str) and _ID.match(raw["id"]):
        label = f"{label} '{raw['id']}'"
    s = _Story(file, label)
    if not isinstance(raw, dict):
        s.add("", "not_table")
        return None, s.problems
    for key in raw:
        if key not in FIELDS:
            s.add(_clean(key, 40), "unknown_key", detail=", ".join(FIELDS))
    ident = raw.get("id")
    if ident is None:
        s.add("id", "missing")
    elif not isinstance(ident, str):
        s.add("id", "not_text")
    elif not _ID.match(ident):
        s.add("id", "bad_id", ident)
    title_nl = s.text(raw, "title_nl", MAX_TITLE, True)
    title_en = s.text(raw, "title_en", MAX_TITLE, False)
    summary_nl = s.text(raw, "summary_nl", MAX_SUMMARY, True, multiline=True)
    summary_en = s.text(raw, "summary_en", MAX_SUMMARY, False, multiline=True)
    for fld, value in (("title_nl", title_nl), ("title_en", title_en)):
        s.markup(fld, value)
    for fld, value in (("summary_nl", summary_nl), ("summary_en", summary_en)):
        s.markup(fld, value)
    place = s.text(raw, "place", MAX_PLACE, True)
    source = s.text(raw, "source", MAX_SOURCE, True)

    gemeente = raw.get("gemeente")
    if gemeente is None:
        s.add("gemeente", "missing")
    elif not isinstance(gemeente, str):
        s.add("gemeente", "not_text")
    elif gemeente not in gemeenten:
        s.add("gemeente", "unknown_gemeente", gemeente, _span(sorted(gemeenten)))

    lat, lon = s.number(raw, "lat"), s.number(raw, "lon")
    at_centroid = False
    if ("lat" in raw) != ("lon" in raw):
        s.add("lat" if "lat" not in raw else "lon", "half_point")
    elif "lat" not in raw and isinstance(gemeente, str) and gemeente in gemeenten:
        if gemeente in centres:
            lat, lon = centres[gemeente]
            at_centroid = True
        else:
            s.add("lat", "no_point")
    if lat is not None and not -90 <= lat <= 90:
        s.add("lat", "bad_coordinate", lat, "-90 … 90")
        lat = None
    if lon is not None and not -180 <= lon <= 180:
        s.add("lon", "bad_coordinate", lon, "-180 … 180")
        lon = None
    if lat is not None and lon is not None and not at_centroid:
        known = gemeente if isinstance(gemeente, str) and gemeente in gemeenten else None
        where = _point_problem(lat, lon, known, shapes, gemeenten)
        if where is not None:
            s.add("lat, lon", where[0], f"{lat:g}, {lon:g}", where[1])

    raw_goals = raw.get("goals")
    story_goals: list[str] = []
    if raw_goals is None:
        s.add("goals", "missing")
    elif not isinstance(raw_goals, list) or not all(isinstance(g, str) for g in raw_goals):
        s.add("goals", "not_list")
    elif not raw_goals:
        s.add("goals", "no_goals")
    elif len(raw_goals) > MAX_GOALS:
        s.add("goals", "too_many_goals", len(raw_goals), MAX_GOALS)
    else:
        for goal in raw_goals:
            if goal not in goals:
                s.add("goals", "unknown_goal", goal, _span(list(goals.goals)))
            elif goal in story_goals:
                s.add("goals", "duplicate_goal", goal)
            else:
                story_goals.append(goal)
    theme = raw.get("theme")
    if theme is None:
        s.add("theme", "missing")
    elif not isinstance(theme, str):
        s.add("theme", "not_text")
    elif theme not in goals.themes:
        s.add("theme", "unknown_theme", theme, _span(list(goals.themes)))

    year, date = raw.get("year"), raw.get("date")
    if date is not None and (not isinstance(date, dt.date) or isinstance(date, dt.datetime)):
        s.add("date", "not_date")
        date = None
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        s.add("year", "not_int", repr(year))
        year = None
    elif year is not None and not 1900 <= year <= 2100:
        s.add("year", "year_range", year)
        year = None
    if year is None and date is None and "year" not in raw and "date" not in raw:
        s.add("year", "no_year")
    if year is not None and date is not None and date.year != year:
        s.add("year", "year_date", year, date.isoformat())

    line = raw.get("line")
    if line is not None and (isinstance(line, bool) or not isinstance(line, int)):
        s.add("line", "not_int", repr(line))
    elif line is not None and line < 1:
        s.add("line", "bad_line", line)
    url = s.text(raw, "url", MAX_URL, False)
    if url and (not url.startswith("https://") or any(c.isspace() for c in url) or len(url) < 12):
        s.add("url", "bad_url")

    if s.failed:
        return None, s.problems
    story = Verhaal(
        id=ident,
        title_nl=title_nl,
        title_en=title_en,
        summary_nl=summary_nl,
        summary_en=summary_en,
        place=place,
        gemeente=gemeente,
        lat=lat,
        lon=lon,
        goals=tuple(story_goals),
        theme=theme,
        source=source,
        year=year if year is not None else date.year,
        date=date,
        line=line,
        url=url,
        file=file,
        at_centroid=at_centroid,
    )
    return story, s.problems


def read_file(
    path: Path,
    gemeenten: Mapping[str, str],
    goals: Goals,
    shapes: Mapping[str, Any] | None = None,
    centres: Mapping[str, tuple[float, float]] | None = None,
    name: str | None = None,
) -> tuple[list[Verhaal], list[Problem]]:
    """The valid stories of one file and the problems of the others (never raises)."""
    if name is None:  # data/verhalen/x.toml, or where DASHBOARD_PROJECT_DATA has it
        inside = path.resolve().is_relative_to(project_data())
        name = public_paths(str(path)) if inside else f"data/verhalen/{path.name}"
    try:
        data = path.read_bytes()
    except OSError as exc:
        return [], [Problem(name, "", "", "unreadable", detail=exc.strerror or "")]
    if len(data) > MAX_FILE_BYTES:
        return [], [Problem(name, "", "", "file_too_big", str(len(data)), str(MAX_FILE_BYTES))]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return [], [Problem(name, "", "", "unreadable", detail="geen UTF-8 / not UTF-8")]
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return [], [Problem(name, "", "", "invalid_toml", detail=_clean(exc, 200))]
    problems = [Problem(name, "", _clean(k, 40), "unknown_section") for k in raw if k != "verhaal"]
    entries = raw.get("verhaal")
    if entries is None:
        return [], [*problems, Problem(name, "", "", "no_stories")]
    if not isinstance(entries, list):
        return [], [*problems, Problem(name, "", "verhaal", "not_stories")]
    if len(entries) > MAX_STORIES:
        problems.append(Problem(name, "", "", "too_many", str(len(entries)), str(MAX_STORIES)))
        entries = entries[:MAX_STORIES]
    stories = []
    for n, entry in enumerate(entries, start=1):
        story, found = _read_story(entry, n, name, gemeenten, goals, shapes, centres or {})
        problems += found
        if story is not None:
            stories.append(story)
    return stories, problems


def centroids(shapes: Mapping[str, Any]) -> dict[str, tuple[float, float]]:
    """(lat, lon) of each gemeente's centroid, rounded to 4 decimals (about 10 m); a point on
    the surface instead where the centroid falls outside (none of Drenthe's 12 does)."""
    out = {}
    for code, shape in shapes.items():
        point = shape.centroid if shape.contains(shape.centroid) else shape.representative_point()
        out[code] = (round(point.y, 4), round(point.x, 4))
    return out


def load_verhalen(
    gemeenten: Mapping[str, str],
    goals: Goals,
    shapes: Mapping[str, Any] | None = None,
    folder: Path = VERHALEN_DIR,
) -> tuple[tuple[Verhaal, ...], tuple[Problem, ...]]:
    """Every story of ``folder/*.toml`` (files sorted by name, stories in file order) and
    every problem. ``gemeenten``: code -> name of the gemeenten a story may name (Drenthe's);
    ``goals``: the loaded goals; ``shapes``: code -> shapely geometry of those gemeenten
    (optional; see the module docstring). A missing folder has no stories."""
    folder = Path(folder)
    stories: list[Verhaal] = []
    problems: list[Problem] = []
    if not folder.is_dir():
        return (), ()
    centres = centroids(shapes) if shapes else {}
    seen: dict[str, str] = {}
    for path in sorted(folder.glob("*.toml")):
        found, trouble = read_file(path, gemeenten, goals, shapes, centres)
        problems += trouble
        for story in found:
            if story.id in seen:
                label = f"verhaal '{story.id}'"
                problems.append(
                    Problem(story.file, label, "id", "duplicate_id", story.id, seen[story.id])
                )
                continue
            seen[story.id] = story.file
            stories.append(story)
    return tuple(stories), tuple(problems)
