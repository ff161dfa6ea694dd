"""Stories for the Presenteren page: prepared views shown slide by slide (pure, no Streamlit).

A :class:`Story` is a title, an optional description and up to 40 :class:`Slide` s. A slide is
a page of the dashboard with a :class:`~dashboard.state.ViewState` (the same value object the
URL, the pages and the exports share), a short title, one key sentence for the projector and
optional speaker notes. All texts are plain text: the page escapes them.

A slide's view is validated exactly as a URL's: its indicator, periode, gemeenten, schaal,
taal and kleur go through :func:`dashboard.urls.parse_query` (the same checks, the same
repairs, the same migrations of renamed ids), so a view that opens from a URL opens from a
story and the other way round. What only a file or a link can get wrong (a value that is not
text, gemeenten that are not a list) is checked here.

Files (``data/stories/*.toml``)
    Written by people, so read strictly: :func:`load_story` checks every field against the
    store (indicators, their periods, gemeente codes), rejects unknown keys, codes listed
    twice and overlong texts, and turns every notice the URL reader would give into an error:
    it raises :class:`StoryError` listing every problem with file, slide and field
    (``data/stories/x.toml, dia 3, indicator: onbekende indicator 'foo'``).
    :func:`list_stories` reads a folder: one bad file never hides the good ones. Format::

        title = "Sociale Agenda Drenthe 2024 — nulmeting"   # required, at most 120 characters
        description = "..."                                # optional, at most 500

        [[slide]]                                          # 1 to 40 slides
        page = "kaart"                                     # kaart | regios | trends | profiel
        indicator = "tabel1_bijstand"                      # a catalogue id
        periode = "2023"                                   # optional; absent = the latest
        gemeenten = ["GM0114"]                             # optional, at most 12 CBS codes
        schaal = "drenthe"                                 # optional; these three, and the
        taal = "nl"                                        # values above, as in the URL
        kleur = "klassen"                                  # (urls.py; "" is absent there too)
        vanaf = "2019"                                     # optional: a change map since then
        verandering = "relatief"                           # optional: eenheid | relatief
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
    "g":[codes],"sc":schaal,"l":taal,"k":kleur,"va":vanaf,"vr":verandering,"t":title,"z":sentence,"n":notes,
    "do":doel,"vh":verhaal}]}``, absent optional fields and a slide's schaal, taal and kleur
    equal to their default left out, as a URL leaves them out), zlib-compressed (level 9,
    deterministic), base64url without
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

    The link itself (``/presenteren?verhaal=...``, ``&notities=1`` for the speaker notes) is
    written by :func:`dashboard.urls.story_url`.

Per-slide links
    :func:`dashboard.urls.slide_url` gives the URL of a slide's view on its page, and
    :func:`qr_svg` a QR code for it, so people in the room open the same view on their
    phones. Which pages a slide may show, and their paths, are those of
    :mod:`dashboard.pages` (``slides=True``).
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import io
import json
import re
import tomllib
import unicodedata
import zlib
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dashboard import pages, urls
from dashboard.config import PROJECT_DATA, project_data
from dashboard.state import Notice, ViewState
from dashboard.text.i18n import t
from dashboard.vocabulary import MAX_GEMEENTEN

if TYPE_CHECKING:
    from dashboard.model.store import Store

STORIES_DIR = PROJECT_DATA / "stories"


def stories_dir() -> Path:
    """data/stories of the project's data folder in effect (config.project_data)."""
    data = project_data()
    return STORIES_DIR if data == PROJECT_DATA else data / STORIES_DIR.name


FORMAT_VERSION = 1

# pages that show a goal or a story of the Sociale Agenda: the slide field naming it, and
# the query parameter of the agenda page that opens it (views/agenda.py). "verhaal" is not a
# page of its own: a story slide opens /agenda with ?initiatief=.
ITEM_PAGES = {"agenda": "doel", "verhaal": "verhaal"}
ITEM_PARAMS = urls.ITEM_PARAMS
SLIDE_PAGES = (*pages.SLIDE_PAGES, "verhaal")

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
    "vanaf",
    "verandering",
    "title",
    "sentence",
    "notes",
    "doel",
    "verhaal",
)
# URL parameter -> the key of a slide that carries it: the same names, but the gemeenten of
# a slide are a list under "gemeenten" (the URL repeats "gemeente")
VIEW_KEYS = {param: param for param in urls.PARAMS} | {urls.P["gemeenten"]: "gemeenten"}
_SHORT_STORY = {"t": "title", "d": "description", "s": "slide"}
_SHORT_SLIDE = {
    "p": "page",
    "i": "indicator",
    "pe": "periode",
    "g": "gemeenten",
    "sc": "schaal",
    "l": "taal",
    "k": "kleur",
    "va": "vanaf",
    "vr": "verandering",
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
    page: str  # the id of a page a slide may show (dashboard.pages.SLIDE_PAGES)
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
    """What a story may refer to: the same three things :func:`urls.parse_query` takes."""

    indicators: Collection[str]
    periods_of: Callable[[str], Sequence[str]]
    gemeente_codes: Collection[str]
    goals: Collection[str] = ()  # the Sociale Agenda's goal ids (slides of page "agenda")
    verhalen: Collection[str] = ()  # its story ids (slides of page "verhaal")
    # whether an indicator's periods may be paired (a change map's ``vanaf``); None: all
    comparable: Callable[[str], bool] | None = None
    # finer: the periods of an indicator that may be paired; None: as ``comparable`` says
    pairable: Callable[[str], Sequence[str]] | None = None

    @classmethod
    def from_store(cls, store: Store) -> Known:
        from dashboard.views.agenda import agenda_ids  # goals and stories load lazily
        from dashboard.views.changeview import pairable_periods

        goals, verhalen = agenda_ids(store)
        return cls(
            indicators=store.catalog.indicators,
            periods_of=store.periods,
            gemeente_codes=frozenset(store.gebieden["gemeente_code"]),
            goals=frozenset(goals),
            verhalen=frozenset(verhalen),
            pairable=lambda indicator: pairable_periods(store, indicator),
        )


# Python types named in problems about a wrong value; their words are the i18n keys
# story_type_<name>, a problem's text is story_problem_<reason>.
_TYPE_NAMES = (
    "int",
    "float",
    "bool",
    "str",
    "list",
    "dict",
    "NoneType",
    "datetime",
    "date",
    "time",
)


def _clean_display(value: str, limit: int = 60) -> str:
    """An untrusted value shortened and stripped of control characters, for a message."""
    text = "".join(c if _allowed(c, multiline=False) else "?" for c in value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class Problem:
    """Something wrong in a story file or link. ``value`` is untrusted (already shortened)."""

    slide: int | None  # 1-based slide number; None: the story itself
    field: str  # the key as written in the file or link; "" for the whole
    reason: str  # its text is the i18n key story_problem_<reason>
    value: str = ""
    detail: str = ""

    def message(self, lang: str = "nl") -> str:
        kind = t(f"story_type_{self.value}", lang) if self.value in _TYPE_NAMES else self.value
        text = t(
            f"story_problem_{self.reason}", lang, value=self.value, detail=self.detail, type=kind
        )
        where = []
        if self.slide is not None:
            where.append(t("story_problem_at_slide", lang, n=self.slide))
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
                self.add(n, key, "unknown_key", detail=", ".join(names.values()))
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

    def view(self, f: Mapping[str, Any], n: int, key: Mapping[str, str]) -> ViewState | None:
        """A slide's view, validated as a URL's is: its values go through
        :func:`urls.parse_query` (with its migrations of renamed ids). Only what a file or a
        link can get wrong and a URL cannot is checked here: a missing indicator, a value that
        is not text, gemeenten that are not a list (or, in a file, list a code twice).
        None when the indicator or the period cannot be used; other values are repaired."""
        indicator, period = urls.P["indicator"], urls.P["period"]
        found: list[tuple[str, str, Any, Any]] = []  # (URL parameter, reason, value, detail)
        query: dict[str, str | list[str]] = {}
        for param in urls.PARAMS:
            raw = f.get(VIEW_KEYS[param])
            if param == urls.P["gemeenten"]:
                query[param] = self.codes(raw, found)
            elif raw is None or (isinstance(raw, str) and not raw.strip()):
                if param == indicator:  # required; an empty value is absent, as in a URL
                    found.append((param, "missing", "", ""))
            elif not isinstance(raw, str):
                found.append((param, "not_text", _type_name(raw), ""))
            else:
                query[param] = raw
        view, notices = urls.parse_query(
            query,
            self.known.indicators,
            self.known.periods_of,
            self.known.gemeente_codes,
            comparable=self.known.comparable,
            pairable=self.known.pairable,
        )
        if indicator not in query or any(x.reason == "unknown_indicator" for x in notices):
            # parse_query then judged the period by the default indicator: not this slide's
            notices = [x for x in notices if x.param != period]
        found += [(x.param, x.reason, x.value, self.detail(x, view)) for x in notices]
        order = {param: i for i, param in enumerate(urls.PARAMS)}  # as the format lists them
        for param, reason, value, detail in sorted(found, key=lambda x: order[x[0]]):
            if reason == "too_many_gemeenten":
                value = len(query[param])
            self.add(n, key[VIEW_KEYS[param]], reason, value, detail)
        return None if any(x[0] in (indicator, period) for x in found) else view

    def codes(self, raw: Any, found: list[tuple[str, str, Any, Any]]) -> list[str]:
        """The gemeente codes of a slide as a URL would carry them (the text ones)."""
        param = urls.P["gemeenten"]
        if raw is None:
            return []
        if not isinstance(raw, list):
            found.append((param, "not_list", _type_name(raw), ""))
            return []
        codes: list[str] = []
        for code in raw:
            if not isinstance(code, str):
                found.append((param, "not_list", _type_name(code), ""))
                continue
            if self.strict and code.strip().upper() in (c.strip().upper() for c in codes):
                found.append((param, "duplicate_gemeente", code, ""))
            codes.append(code)
        return codes

    def detail(self, notice: Notice, view: ViewState) -> str:
        """What a message adds to a URL's notice: what is allowed instead."""
        if notice.reason == "unknown_period":
            return _span(self.known.periods_of(view.indicator))
        if notice.reason == "too_many_gemeenten":
            return str(MAX_GEMEENTEN)
        if notice.reason == "unknown_value":
            return ", ".join(urls.CHOICES[notice.param])
        return ""

    # -- slides and stories --------------------------------------------------------------

    def slide(self, raw: Any, n: int, names: Mapping[str, str]) -> Slide | None:
        before = self.count
        if not isinstance(raw, dict):
            self.add(n, "", "not_table", _type_name(raw))
            return None
        f = self.fields(raw, n, names)
        key = {long: short for short, long in names.items()}  # field -> key as written

        raw_page = f.get("page")
        if isinstance(raw_page, str):
            raw_page = urls.current_page(raw_page)  # a renamed page id is read as its new one
        page = self.choice(raw_page, n, key["page"], SLIDE_PAGES, None)
        item, item_ok = self.item(f, n, key, page)
        if page in ITEM_PAGES and f.get("indicator") is None:
            f = {**f, "indicator": ViewState().indicator}  # a goal or story needs no indicator
        view = self.view(f, n, key)
        title = self.text(f.get("title"), n, key["title"], MAX_TITLE, required=True)
        sentence = self.text(f.get("sentence"), n, key["sentence"], MAX_SENTENCE, required=True)
        notes = self.text(f.get("notes"), n, key["notes"], MAX_NOTES, False, multiline=True)

        if self.strict and self.count > before:
            return None
        if page is None or view is None or title is None or not sentence:
            return None
        if not item_ok:
            return None
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
    if v.period is not None:
        out["pe"] = v.period
    if v.gemeenten:
        out["g"] = list(v.gemeenten)
    # values equal to the default are left out, as in a URL: a link that a person or
    # another program wrote without them re-packs no longer than it was
    defaults = ViewState()
    for key, value, default in (
        ("sc", v.scope, defaults.scope),
        ("l", v.lang, defaults.lang),
        ("k", v.colouring, defaults.colouring),
    ):
        if value != default:
            out[key] = value
    out.update({"t": slide.title, "z": slide.sentence})
    if v.since is not None:
        out["va"] = v.since
    if v.change_kind is not None:
        out["vr"] = v.change_kind
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


@dataclass(frozen=True)
class ShareLinks:
    """What "Verhaal delen" offers: the story's link without its notes (for the room) and
    with them (the speaker notes); None where the story does not fit in a link."""

    without_notes: str | None
    with_notes: str | None


def share_links(story: Story, original: str | None = None) -> ShareLinks:
    """The packed links of a story, never raising: a story within every limit of a file
    (40 slides of long notes) may not fit in a link with its notes. ``original``: the
    ``?verhaal=`` the story was read from, when it was; it fits (it was read), so it is the
    link with notes when the re-packed one would not fit."""

    def pack(include_notes: bool) -> str | None:
        try:
            return story_to_param(story, include_notes=include_notes)
        except StoryTooLong:
            return None

    with_notes = pack(True)
    if with_notes is None and original is not None:
        param = original[-1] if isinstance(original, list | tuple) else original
        if isinstance(param, str) and len(param.strip()) <= MAX_PARAM_CHARS:
            with_notes = param.strip()
    return ShareLinks(pack(False), with_notes)


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
    # a problem names the field as a story file and the URL do (title, schaal), never the
    # link's internal short key (t, sc); an unknown key stays as it was written
    named = [
        dataclasses.replace(
            p, field=(_SHORT_STORY if p.slide is None else _SHORT_SLIDE).get(p.field, p.field)
        )
        for p in reader.finish()
    ]
    return story, named


# -- QR codes --------------------------------------------------------------------------


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
