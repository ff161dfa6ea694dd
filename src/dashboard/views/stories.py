"""Stories for the Presenteren page: prepared views shown slide by slide (pure, no Streamlit).

A :class:`Story` is a title, an optional description and up to 40 :class:`Slide` s. A slide is
a page of the dashboard with a :class:`~dashboard.state.ViewState` (the same value object the
URL, the pages and the exports share), a short title, one key sentence for the projector and
optional speaker notes. All texts are plain text: the page escapes them.

Files (``data/stories/*.toml``)
    Written by people, so read strictly: :func:`load_story` checks every field against the
    store (indicators, their periods, gemeente codes), rejects unknown keys and overlong texts,
    and raises :class:`StoryError` listing every problem with file, slide and field
    (``data/stories/x.toml, dia 3, indicator: onbekende indicator 'foo'``).
    :func:`list_stories` reads a folder: one bad file never hides the good ones. Format::

        title = "Sociale Agenda Drenthe 2024 — nulmeting"   # required, at most 120 characters
        description = "..."                                # optional, at most 500

        [[slide]]                                          # 1 to 40 slides
        page = "kaart"                                     # kaart | regios | trends | profiel
        indicator = "tabel1_bijstand"                      # a catalogue id
        periode = "2023"                                   # optional; absent = the latest
        gemeenten = ["GM0114"]                             # optional, at most 12 CBS codes
        schaal = "drenthe"                                 # optional, as in the URL (state.py)
        taal = "nl"                                        # optional
        kleur = "klassen"                                  # optional
        title = "..."                                      # required, at most 120, one line
        sentence = "..."                                   # required, at most 300, one line
        notes = '''...'''                                  # optional, at most 2000

    Two slide pages show the Sociale Agenda (views/agenda.py) instead of an indicator's view;
    ``indicator`` is optional there::

        page = "agenda"                                    # one goal: figures, map, stories
        doel = "armoede"                                   # a goal of goals.toml
        page = "verhaal"                                   # one resident's story on the map
        verhaal = "grolloo-zorgt"                          # a story of data/verhalen

Links (``?verhaal=...``)
    :func:`story_to_param` packs a story into one URL-safe string: JSON with short keys
    (``{"v":1,"t":title,"d":description,"s":[{"p":page,"i":indicator,"pe":periode,
    "g":[codes],"sc":schaal,"l":taal,"k":kleur,"t":title,"z":sentence,"n":notes,"do":doel,
    "vh":verhaal}]}``, absent
    optional fields left out), zlib-compressed (level 9, deterministic), base64url without
    padding. :func:`story_from_param` reverses it exactly for every valid story. A link is
    untrusted input, so it is read leniently and never raises: junk, oversized input (more
    than :data:`MAX_PARAM_CHARS` characters), zip bombs (decompression stops after
    :data:`MAX_DECODED_BYTES`), wrong JSON shapes, unknown ids and control characters become
    :class:`Problem` s; a slide whose page, indicator, period, title or sentence is unusable is
    left out, other bad values fall back to their default, overlong texts are shortened.

    Why 256 KiB and not less: the largest valid story (40 slides with full notes) is about
    110 KB of JSON, and every story that fits in a link must also decode. 256 KiB of memory is
    harmless; what matters is that the cap exists. :data:`MAX_PARAM_CHARS` keeps a link below
    the 64 KB request-header limit of Streamlit's web server (Tornado).

Per-slide links
    :func:`slide_query` gives the page path and the query parameters (``state.to_query``) of a
    slide, :func:`slide_url` the URL itself, and :func:`qr_svg` a QR code for it, so people in
    the room open the same view on their phones. The page paths in :data:`PAGE_PATHS` must
    match the ``url_path`` of the pages in app.py.
"""

from __future__ import annotations

import base64
import binascii
import io
import json
import re
import tomllib
import unicodedata
import zlib
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict
from urllib.parse import urlencode

from dashboard.config import PROJECT_DATA
from dashboard.state import COLOURINGS, LANGS, MAX_GEMEENTEN, SCOPES, ViewState, to_query

if TYPE_CHECKING:
    from dashboard.model.store import Store

STORIES_DIR = PROJECT_DATA / "stories"
PARAM = "verhaal"  # the query parameter that carries a whole story
FORMAT_VERSION = 1

PAGES = ("kaart", "regios", "trends", "profiel", "agenda", "verhaal")
PAGE_PATHS = {
    "kaart": "",
    "regios": "regios",
    "trends": "trends",
    "profiel": "profiel",
    "agenda": "agenda",
    "verhaal": "agenda",
}
# pages that show a goal or a story of the Sociale Agenda: the slide field naming it, and
# the query parameter of the agenda page that opens it (views/agenda.py)
ITEM_PAGES = {"agenda": "doel", "verhaal": "verhaal"}
ITEM_PARAMS = {"agenda": "doel", "verhaal": "initiatief"}

MAX_SLIDES = 40
MAX_TITLE = 120
MAX_SENTENCE = 300
MAX_NOTES = 2000
MAX_DESCRIPTION = 500
MAX_FILE_BYTES = 256 * 1024
MAX_PARAM_CHARS = 50_000
MAX_DECODED_BYTES = 256 * 1024
MAX_PROBLEMS = 50  # problems reported one by one; the rest are counted

STORY_KEYS = ("title", "description", "slide")
SLIDE_KEYS = (
    "page",
    "indicator",
    "periode",
    "gemeenten",
    "schaal",
    "taal",
    "kleur",
    "title",
    "sentence",
    "notes",
    "doel",
    "verhaal",
)
_SHORT_STORY = {"t": "title", "d": "description", "s": "slide"}
_SHORT_SLIDE = {
    "p": "page",
    "i": "indicator",
    "pe": "periode",
    "g": "gemeenten",
    "sc": "schaal",
    "l": "taal",
    "k": "kleur",
    "t": "title",
    "z": "sentence",
    "n": "notes",
    "do": "doel",
    "vh": "verhaal",
}
_IDENTITY_STORY = {k: k for k in STORY_KEYS}
_IDENTITY_SLIDE = {k: k for k in SLIDE_KEYS}
_BASE64URL = re.compile(r"[A-Za-z0-9_-]*")
# Bidirectional embeddings, overrides and isolates: they can make text display differently
# from what it is, so they are never kept.
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


@dataclass(frozen=True)
class Slide:
    page: str  # one of PAGES
    view: ViewState
    title: str
    sentence: str
    notes: str = ""
    item: str = ""  # the goal (page "agenda") or story (page "verhaal") the slide shows


@dataclass(frozen=True)
class Story:
    title: str
    slides: tuple[Slide, ...]
    description: str = ""


@dataclass(frozen=True)
class Known:
    """What a story may refer to: the same three things :func:`state.parse_query` takes."""

    indicators: Collection[str]
    periods_of: Callable[[str], Sequence[str]]
    gemeente_codes: Collection[str]
    goals: Collection[str] = ()  # the Sociale Agenda's goal ids (slides of page "agenda")
    verhalen: Collection[str] = ()  # its story ids (slides of page "verhaal")

    @classmethod
    def from_store(cls, store: Store) -> Known:
        from dashboard.views.agenda import agenda_ids  # goals and stories load lazily

        goals, verhalen = agenda_ids(store)
        return cls(
            indicators=store.catalog.indicators,
            periods_of=store.periods,
            gemeente_codes=frozenset(store.gebieden["gemeente_code"]),
            goals=frozenset(goals),
            verhalen=frozenset(verhalen),
        )


PROBLEM_TEXT: dict[str, tuple[str, str]] = {
    "unreadable": ("kan het bestand niet lezen ({detail})", "cannot read the file ({detail})"),
    "file_too_big": (
        "het bestand is te groot ({value} bytes; hoogstens {detail})",
        "the file is too big ({value} bytes; at most {detail})",
    ),
    "invalid_toml": ("geen geldige TOML: {detail}", "not valid TOML: {detail}"),
    "empty": ("het bestand is leeg", "the file is empty"),
    "missing": ("ontbreekt", "is missing"),
    "not_text": (
        "moet tekst tussen aanhalingstekens zijn, niet {type}",
        "must be text in quotes, not {type}",
    ),
    "not_list": (
        'moet een lijst met tekst zijn, zoals ["GM0106"], niet {type}',
        'must be a list of text, like ["GM0106"], not {type}',
    ),
    "not_table": ("moet een tabel zijn, niet {type}", "must be a table, not {type}"),
    "not_slides": (
        "moet een lijst van dia's zijn ([[slide]]), niet {type}",
        "must be a list of slides ([[slide]]), not {type}",
    ),
    "unknown_key": ("onbekend veld; toegestaan: {detail}", "unknown field; allowed: {detail}"),
    "unknown_indicator": ("onbekende indicator '{value}'", "unknown indicator '{value}'"),
    "unknown_goal": ("onbekend doel '{value}'", "unknown goal '{value}'"),
    "unknown_verhaal": ("onbekend verhaal '{value}'", "unknown story '{value}'"),
    "not_for_page": (
        'hoort alleen bij page = "{detail}"',
        'belongs only to page = "{detail}"',
    ),
    "unknown_period": (
        "periode '{value}' bestaat niet voor deze indicator; beschikbaar: {detail}",
        "period '{value}' does not exist for this indicator; available: {detail}",
    ),
    "unknown_gemeente": ("onbekende gemeentecode '{value}'", "unknown municipality code '{value}'"),
    "duplicate_gemeente": (
        "gemeentecode '{value}' staat er meer dan eens in",
        "municipality code '{value}' is listed more than once",
    ),
    "too_many_gemeenten": (
        "{value} gemeenten; hoogstens {detail}",
        "{value} municipalities; at most {detail}",
    ),
    "unknown_value": (
        "onbekende waarde '{value}'; toegestaan: {detail}",
        "unknown value '{value}'; allowed: {detail}",
    ),
    "empty_text": ("mag niet leeg zijn", "must not be empty"),
    "control_chars": (
        "mag geen regeleinden, tabs of stuurtekens bevatten",
        "must not contain line breaks, tabs or control characters",
    ),
    "removed_chars": ("stuurtekens zijn verwijderd", "control characters were removed"),
    "too_long": (
        "te lang: {value} tekens, hoogstens {detail}",
        "too long: {value} characters, at most {detail}",
    ),
    "truncated": (
        "te lang ({value} tekens); ingekort tot {detail}",
        "too long ({value} characters); shortened to {detail}",
    ),
    "no_slides": ("het verhaal heeft geen dia's", "the story has no slides"),
    "too_many_slides": ("{value} dia's; hoogstens {detail}", "{value} slides; at most {detail}"),
    "slide_dropped": ("deze dia is overgeslagen", "this slide was skipped"),
    "param_empty": ("de link bevat geen verhaal", "the link contains no story"),
    "param_too_long": (
        "de link is te lang ({value} tekens; hoogstens {detail})",
        "the link is too long ({value} characters; at most {detail})",
    ),
    "param_not_base64": (
        "de link is beschadigd (geen geldige codering)",
        "the link is damaged (not a valid encoding)",
    ),
    "param_corrupt": (
        "de link is beschadigd of afgekapt (uitpakken mislukt)",
        "the link is damaged or cut off (cannot unpack it)",
    ),
    "param_too_big": (
        "het verhaal in de link is te groot (meer dan {detail} bytes uitgepakt)",
        "the story in the link is too big (more than {detail} bytes unpacked)",
    ),
    "param_not_json": (
        "de link is beschadigd (geen geldige inhoud)",
        "the link is damaged (no valid content)",
    ),
    "param_version": (
        "onbekende versie van het linkformaat: '{value}'",
        "unknown version of the link format: '{value}'",
    ),
    "more_problems": ("en nog {value} problemen", "and {value} more problems"),
}

_TYPE_WORDS = {
    "int": ("een getal", "a number"),
    "float": ("een getal", "a number"),
    "bool": ("waar/onwaar", "true/false"),
    "str": ("tekst", "text"),
    "list": ("een lijst", "a list"),
    "dict": ("een tabel", "a table"),
    "NoneType": ("leeg (null)", "empty (null)"),
    "datetime": ("een datum", "a date"),
    "date": ("een datum", "a date"),
    "time": ("een tijd", "a time"),
}


def _clean_display(value: str, limit: int = 60) -> str:
    """An untrusted value shortened and stripped of control characters, for a message."""
    text = "".join(c if _allowed(c, multiline=False) else "?" for c in value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class Problem:
    """Something wrong in a story file or link. ``value`` is untrusted (already shortened)."""

    slide: int | None  # 1-based slide number; None: the story itself
    field: str  # the key as written in the file or link; "" for the whole
    reason: str  # key of PROBLEM_TEXT
    value: str = ""
    detail: str = ""

    def message(self, lang: str = "nl") -> str:
        idx = 1 if lang == "en" else 0
        kind = _TYPE_WORDS.get(self.value, (self.value, self.value))[idx]
        text = PROBLEM_TEXT[self.reason][idx].format(
            value=self.value, detail=self.detail, type=kind
        )
        where = []
        if self.slide is not None:
            where.append(f"{'slide' if lang == 'en' else 'dia'} {self.slide}")
        if self.field:
            where.append(self.field)
        return f"{', '.join(where)}: {text}" if where else text


class StoryError(Exception):
    """A story file that cannot be used; the message names file, slide, field and problem."""

    def __init__(self, path: str | Path, problems: Sequence[Problem]):
        self.path = str(path)
        self.problems = tuple(problems)
        super().__init__("\n".join(f"{self.path}, {p.message('nl')}" for p in self.problems))


class StoryTooLong(ValueError):
    """The story does not fit in a link (see MAX_PARAM_CHARS); leave out the notes or slides."""


def _allowed(char: str, multiline: bool) -> bool:
    if char in "\n\t":
        return multiline
    if char in _BIDI:
        return False
    if not multiline and char in "\u2028\u2029":
        return False
    return unicodedata.category(char) not in ("Cc", "Cs")


def _type_name(value: Any) -> str:
    return type(value).__name__


def _span(values: Sequence[str]) -> str:
    values = list(values)
    if len(values) > 8:
        values = [*values[:3], "…", *values[-3:]]
    return ", ".join(values) if values else "—"


class _Reader:
    """Builds a story from parsed TOML or JSON. Strict (files): every problem is an error.
    Lenient (links): problems are collected and the story is repaired where that is safe."""

    def __init__(self, known: Known, strict: bool):
        self.known = known
        self.strict = strict
        self.problems: list[Problem] = []
        self.count = 0

    def add(
        self, slide: int | None, fld: str, reason: str, value: Any = "", detail: Any = ""
    ) -> None:
        self.count += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(
                Problem(
                    slide, _clean_display(str(fld)), reason, _clean_display(str(value)), str(detail)
                )
            )

    def finish(self) -> list[Problem]:
        hidden = self.count - len(self.problems)
        if hidden:
            return [*self.problems, Problem(None, "", "more_problems", str(hidden))]
        return list(self.problems)

    # -- fields --------------------------------------------------------------------------

    def fields(self, raw: Mapping[Any, Any], n: int | None, names: Mapping[str, str]) -> dict:
        out: dict[str, Any] = {}
        for key, value in raw.items():
            name = names.get(key) if isinstance(key, str) else None
            if name is None:
                self.add(n, key, "unknown_key", detail=", ".join(names))
            else:
                out[name] = value
        return out

    def text(
        self,
        raw: Any,
        n: int | None,
        fld: str,
        limit: int,
        required: bool,
        multiline: bool = False,
    ) -> str | None:
        """The cleaned text, "" for an absent optional one, None when unusable."""
        if raw is None:
            if required:
                self.add(n, fld, "missing")
                return None
            return ""
        if not isinstance(raw, str):
            self.add(n, fld, "not_text", _type_name(raw))
            return None
        text = raw.replace("\r\n", "\n")
        if not all(_allowed(c, multiline) for c in text):
            if self.strict:
                self.add(n, fld, "control_chars")
                return None
            self.add(n, fld, "removed_chars")
            text = "".join(c for c in text if _allowed(c, multiline))
        text = text.strip()
        if not text and required:
            self.add(n, fld, "empty_text")
            return None
        if len(text) > limit:
            if self.strict:
                self.add(n, fld, "too_long", len(text), limit)
                return None
            self.add(n, fld, "truncated", len(text), limit)
            text = text[: limit - 1].rstrip() + "…"
        return text

    def choice(
        self, raw: Any, n: int, fld: str, allowed: Sequence[str], default: str | None
    ) -> str | None:
        if raw is None:
            if default is None:
                self.add(n, fld, "missing")
            return default
        if not isinstance(raw, str):
            self.add(n, fld, "not_text", _type_name(raw))
            return None
        if raw not in allowed:
            self.add(n, fld, "unknown_value", raw, ", ".join(allowed))
            return None
        return raw

    def gemeenten(self, raw: Any, n: int, fld: str) -> tuple[str, ...] | None:
        if raw is None:
            return ()
        if not isinstance(raw, list):
            self.add(n, fld, "not_list", _type_name(raw))
            return None
        ok = True
        if len(raw) > MAX_GEMEENTEN:
            self.add(n, fld, "too_many_gemeenten", len(raw), MAX_GEMEENTEN)
            ok = False
            raw = raw[:MAX_GEMEENTEN]
        codes: list[str] = []
        for code in raw:
            if not isinstance(code, str):
                self.add(n, fld, "not_list", _type_name(code))
                ok = False
            elif code not in self.known.gemeente_codes:
                self.add(n, fld, "unknown_gemeente", code)
                ok = False
            elif code in codes:
                if self.strict:
                    self.add(n, fld, "duplicate_gemeente", code)
                    ok = False
            else:
                codes.append(code)
        return tuple(codes) if ok or not self.strict else None

    # -- slides and stories --------------------------------------------------------------

    def slide(self, raw: Any, n: int, names: Mapping[str, str]) -> Slide | None:
        before = self.count
        if not isinstance(raw, dict):
            self.add(n, "", "not_table", _type_name(raw))
            return None
        f = self.fields(raw, n, names)
        key = {long: short for short, long in names.items()}  # field -> key as written

        page = self.choice(f.get("page"), n, key["page"], PAGES, None)
        item, item_ok = self.item(f, n, key, page)
        indicator: str | None = None
        raw_indicator = f.get("indicator")
        if raw_indicator is None and page in ITEM_PAGES:
            indicator = ViewState().indicator  # a goal or story slide needs no indicator
        elif raw_indicator is None:
            self.add(n, key["indicator"], "missing")
        elif not isinstance(raw_indicator, str):
            self.add(n, key["indicator"], "not_text", _type_name(raw_indicator))
        elif raw_indicator not in self.known.indicators:
            self.add(n, key["indicator"], "unknown_indicator", raw_indicator)
        else:
            indicator = raw_indicator
        periode: str | None = None
        period_ok = True
        raw_period = f.get("periode")
        if raw_period is not None:
            if not isinstance(raw_period, str):
                self.add(n, key["periode"], "not_text", _type_name(raw_period))
                period_ok = False
            elif indicator is not None:
                periods = list(self.known.periods_of(indicator))
                if raw_period in periods:
                    periode = raw_period
                else:
                    self.add(n, key["periode"], "unknown_period", raw_period, _span(periods))
                    period_ok = False
        gemeenten = self.gemeenten(f.get("gemeenten"), n, key["gemeenten"])
        defaults = ViewState()
        schaal = self.choice(f.get("schaal"), n, key["schaal"], SCOPES, defaults.schaal)
        taal = self.choice(f.get("taal"), n, key["taal"], LANGS, defaults.taal)
        kleur = self.choice(f.get("kleur"), n, key["kleur"], COLOURINGS, defaults.kleur)
        title = self.text(f.get("title"), n, key["title"], MAX_TITLE, required=True)
        sentence = self.text(f.get("sentence"), n, key["sentence"], MAX_SENTENCE, required=True)
        notes = self.text(f.get("notes"), n, key["notes"], MAX_NOTES, False, multiline=True)

        if self.strict and self.count > before:
            return None
        if page is None or indicator is None or not period_ok or title is None or not sentence:
            return None
        if not item_ok:
            return None
        view = ViewState(
            indicator=indicator,
            periode=periode,
            gemeenten=gemeenten or (),
            schaal=schaal or defaults.schaal,
            taal=taal or defaults.taal,
            kleur=kleur or defaults.kleur,
        )
        return Slide(page, view, title, sentence, notes or "", item)

    def item(
        self, f: Mapping[str, Any], n: int, key: Mapping[str, str], page: str | None
    ) -> tuple[str, bool]:
        """The goal or story a slide of page "agenda" or "verhaal" shows: (id, usable)."""
        ok = True
        for p, fld in ITEM_PAGES.items():
            if f.get(fld) is not None and page != p:
                self.add(n, key[fld], "not_for_page", detail=p)
                ok = False
        if page not in ITEM_PAGES:
            return "", ok
        fld = ITEM_PAGES[page]
        raw = f.get(fld)
        known = self.known.goals if page == "agenda" else self.known.verhalen
        if raw is None:
            self.add(n, key[fld], "missing")
        elif not isinstance(raw, str):
            self.add(n, key[fld], "not_text", _type_name(raw))
        elif raw not in known:
            self.add(n, key[fld], "unknown_goal" if page == "agenda" else "unknown_verhaal", raw)
        else:
            return raw, ok
        return "", False

    def story(
        self, raw: Any, story_names: Mapping[str, str], slide_names: Mapping[str, str]
    ) -> Story | None:
        if not isinstance(raw, dict):
            self.add(None, "", "not_table", _type_name(raw))
            return None
        f = self.fields(raw, None, story_names)
        key = {long: short for short, long in story_names.items()}
        title = self.text(f.get("title"), None, key["title"], MAX_TITLE, required=True)
        description = self.text(
            f.get("description"), None, key["description"], MAX_DESCRIPTION, False, True
        )
        raw_slides = f.get("slide")
        slides: list[Slide] = []
        if raw_slides is None or raw_slides == []:
            self.add(None, key["slide"], "no_slides")
        elif not isinstance(raw_slides, list):
            self.add(None, key["slide"], "not_slides", _type_name(raw_slides))
        else:
            if len(raw_slides) > MAX_SLIDES:
                self.add(None, key["slide"], "too_many_slides", len(raw_slides), MAX_SLIDES)
                if not self.strict:
                    raw_slides = raw_slides[:MAX_SLIDES]
            for n, raw_slide in enumerate(raw_slides, start=1):
                slide = self.slide(raw_slide, n, slide_names)
                if slide is not None:
                    slides.append(slide)
                elif not self.strict:
                    self.add(n, "", "slide_dropped")
            if not slides and not self.strict:
                self.add(None, key["slide"], "no_slides")
        if self.count and self.strict:
            return None
        if title is None or not slides:
            return None
        return Story(title=title, slides=tuple(slides), description=description or "")


def _as_known(known: Known | Store) -> Known:
    return known if isinstance(known, Known) else Known.from_store(known)


# -- files ------------------------------------------------------------------------------


def parse_story(text: str, known: Known | Store, path: str | Path = "<verhaal>") -> Story:
    """A story from TOML text; raises :class:`StoryError` naming ``path``."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise StoryError(path, [Problem(None, "", "invalid_toml", detail=str(exc))]) from None
    if not raw:  # empty, or only comments
        raise StoryError(path, [Problem(None, "", "empty")])
    reader = _Reader(_as_known(known), strict=True)
    story = reader.story(raw, _IDENTITY_STORY, _IDENTITY_SLIDE)
    if story is None:
        raise StoryError(path, reader.finish())
    return story


def load_story(path: str | Path, known: Known | Store) -> Story:
    """Read and check one story file (see the module docstring for the format)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise StoryError(
            path, [Problem(None, "", "unreadable", detail=exc.strerror or "")]
        ) from None
    if len(data) > MAX_FILE_BYTES:
        raise StoryError(
            path, [Problem(None, "", "file_too_big", str(len(data)), str(MAX_FILE_BYTES))]
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise StoryError(path, [Problem(None, "", "unreadable", detail="geen UTF-8")]) from None
    return parse_story(text, known, path)


def list_stories(
    folder: str | Path, known: Known | Store
) -> tuple[dict[str, Story], list[StoryError]]:
    """Every ``*.toml`` in ``folder`` (e.g. :data:`STORIES_DIR`), sorted by name: the valid
    stories by file stem, and the errors of the others. A missing folder has no stories."""
    folder = Path(folder)
    checked = _as_known(known)
    stories: dict[str, Story] = {}
    errors: list[StoryError] = []
    if not folder.is_dir():
        return stories, errors
    for path in sorted(folder.glob("*.toml")):
        try:
            stories[path.stem] = load_story(path, checked)
        except StoryError as exc:
            errors.append(exc)
    return stories, errors


# -- links ------------------------------------------------------------------------------


def _slide_json(slide: Slide, include_notes: bool) -> dict[str, Any]:
    v = slide.view
    out: dict[str, Any] = {"p": slide.page, "i": v.indicator}
    if v.periode is not None:
        out["pe"] = v.periode
    if v.gemeenten:
        out["g"] = list(v.gemeenten)
    out.update({"sc": v.schaal, "l": v.taal, "k": v.kleur, "t": slide.title, "z": slide.sentence})
    if slide.notes and include_notes:
        out["n"] = slide.notes
    if slide.item:
        out["do" if slide.page == "agenda" else "vh"] = slide.item
    return out


def story_to_param(story: Story, include_notes: bool = True) -> str:
    """The story as one URL-safe string for ``?verhaal=`` (format: module docstring).
    Deterministic: the same story always gives the same string. ``include_notes=False``
    leaves the speaker notes out (shorter, and for links given to the room). Raises
    :class:`StoryTooLong` when the result would exceed :data:`MAX_PARAM_CHARS`."""
    data: dict[str, Any] = {"v": FORMAT_VERSION, "t": story.title}
    if story.description:
        data["d"] = story.description
    data["s"] = [_slide_json(s, include_notes) for s in story.slides]
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    packed = base64.urlsafe_b64encode(zlib.compress(raw, 9)).rstrip(b"=").decode("ascii")
    if len(raw) > MAX_DECODED_BYTES or len(packed) > MAX_PARAM_CHARS:
        raise StoryTooLong(
            f"Het verhaal past niet in een link ({len(packed)} tekens, hoogstens "
            f"{MAX_PARAM_CHARS}); laat de notities of dia's weg."
        )
    return packed


def _unpack(param: Any) -> tuple[Any, list[Problem]]:
    """Decoded JSON, or (None, [problem])."""

    def fail(reason: str, value: Any = "", detail: Any = "") -> tuple[None, list[Problem]]:
        return None, [Problem(None, "", reason, str(value), str(detail))]

    if isinstance(param, list | tuple):  # st.query_params.get_all gives a list
        param = param[-1] if param else None
    if param is None:
        return fail("param_empty")
    if not isinstance(param, str):
        return fail("param_not_base64")
    param = param.strip().rstrip("=")
    if not param:
        return fail("param_empty")
    if len(param) > MAX_PARAM_CHARS:
        return fail("param_too_long", len(param), MAX_PARAM_CHARS)
    if not _BASE64URL.fullmatch(param):
        return fail("param_not_base64")
    try:
        packed = base64.urlsafe_b64decode(param + "=" * (-len(param) % 4))
    except (binascii.Error, ValueError):
        return fail("param_not_base64")
    inflate = zlib.decompressobj()
    try:
        raw = inflate.decompress(packed, MAX_DECODED_BYTES + 1)
    except zlib.error:
        return fail("param_corrupt")
    if len(raw) > MAX_DECODED_BYTES or inflate.unconsumed_tail:
        return fail("param_too_big", detail=MAX_DECODED_BYTES)
    if not inflate.eof or inflate.unused_data:
        return fail("param_corrupt")
    try:
        return json.loads(raw.decode("utf-8")), []
    except (UnicodeDecodeError, ValueError, RecursionError):
        return fail("param_not_json")


def story_from_param(param: Any, known: Known | Store) -> tuple[Story | None, list[Problem]]:
    """Read a story from a link. Never raises: anything unusable is a :class:`Problem`
    (untrusted text, shown escaped). Returns None when no slide at all can be shown."""
    data, problems = _unpack(param)
    if problems:
        return None, problems
    if not isinstance(data, dict):
        return None, [Problem(None, "", "not_table", _type_name(data))]
    version = data.get("v")
    if type(version) is not int or version != FORMAT_VERSION:
        return None, [Problem(None, "v", "param_version", _clean_display(str(version)))]
    reader = _Reader(_as_known(known), strict=False)
    body = {k: v for k, v in data.items() if k != "v"}
    story = reader.story(body, _SHORT_STORY, _SHORT_SLIDE)
    return story, reader.finish()


# -- per-slide links and QR codes --------------------------------------------------------


class SlideLink(TypedDict):
    path: str  # page path without leading slash: "" for the map, "regios", ...
    query: dict[str, str | list[str]]  # state.to_query of the slide's view


def slide_query(slide: Slide) -> SlideLink:
    """The page path and query parameters that open this slide's view. Unlike the app's own
    URLs the indicator is always written, even when it is the default one: a printed QR code
    must keep its meaning if the default changes. (A slide without ``periode`` still follows
    the latest period.) A goal or story slide opens the agenda page with ``?doel=`` or
    ``?initiatief=`` (and its language)."""
    if slide.page in ITEM_PARAMS:
        query = to_query(ViewState(taal=slide.view.taal))
        query[ITEM_PARAMS[slide.page]] = slide.item
        return {"path": PAGE_PATHS[slide.page], "query": query}
    query = to_query(slide.view, default=ViewState(indicator=""))
    return {"path": PAGE_PATHS[slide.page], "query": query}


def slide_url(slide: Slide, base_url: str = "") -> str:
    """``{base_url}/{path}?{query}``; gemeenten comma-separated (shorter QR codes).
    Without a base URL the result is a root-relative link (``/regios?indicator=...``)."""
    link = slide_query(slide)
    query = {k: ",".join(v) if isinstance(v, list) else v for k, v in link["query"].items()}
    qs = urlencode(query, safe=",")
    return f"{base_url.rstrip('/')}/{link['path']}" + (f"?{qs}" if qs else "")


def qr_svg(url: str, title: str | None = None) -> str:
    """A QR code (error correction H, never Micro QR) as an SVG string: black modules on
    white with the standard four-module quiet zone, a viewBox and no fixed size (it scales
    to its container; give it a width in CSS). ``title`` becomes the SVG's escaped
    ``<title>`` (its accessible name). Raises ValueError for an empty or too long URL."""
    import segno
    from segno.encoder import DataOverflowError

    if not isinstance(url, str) or not url:
        raise ValueError("qr_svg needs a non-empty URL")
    try:
        qr = segno.make_qr(url, error="h", boost_error=False)
    except DataOverflowError:
        raise ValueError(f"URL too long for a QR code ({len(url)} characters)") from None
    out = io.BytesIO()
    qr.save(
        out,
        kind="svg",
        xmldecl=False,
        svgns=True,
        border=4,
        dark="#000000",
        light="#ffffff",
        omitsize=True,
        title=title,
        svgclass="qr",
        nl=False,
    )
    return out.getvalue().decode("utf-8")
