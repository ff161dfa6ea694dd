"""Stories for the Presenteren page: the shipped story and its figures, strict file reading
with exact error locations, the ?verhaal= link (exact round trip, hostile input), per-slide
links and QR codes."""

from __future__ import annotations

import ast
import base64
import csv
import json
import random
import re
import string
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path

import pytest
import segno

from dashboard import pages, urls
from dashboard.config import PROJECT_DATA
from dashboard.state import ViewState
from dashboard.text.i18n import STRINGS
from dashboard.urls import parse_query
from dashboard.views import stories as S

SHIPPED = S.STORIES_DIR / "sociale_agenda_2024_nulmeting.toml"
OBS_FILE = PROJECT_DATA / "sociale_agenda_2024" / "observations.csv"
REPORT = Path(__file__).resolve().parents[2] / (
    "shared/seeds/sociale_agenda_drenthe_jaarverslag_2024.txt"
)
# A Dutch number as written in a sentence: 51.200 / 8,9 / 37 (thousands dot, decimal comma).
NUMBER = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?")
# Parts of a sentence that are written with digits but are not figures of the indicator.
NOT_FIGURES = ("per 1.000",)


@pytest.fixture(scope="module")
def known(store):
    return S.Known.from_store(store)


@pytest.fixture(scope="module")
def shipped(known):
    return S.load_story(SHIPPED, known)


@pytest.fixture(scope="module")
def observations():
    with OBS_FILE.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def dutch_numbers(text: str) -> list[tuple[str, float]]:
    return [(m, float(m.replace(".", "").replace(",", "."))) for m in NUMBER.findall(text)]


# -- the shipped story ------------------------------------------------------------------


def test_shipped_story_loads_against_the_real_store(shipped, store):
    assert shipped.title == "Sociale Agenda Drenthe 2024 — nulmeting"
    assert 8 <= len(shipped.slides) <= 12
    for slide in shipped.slides:
        assert slide.page in pages.SLIDE_PAGES
        assert slide.view.indicator in store.catalog
        assert slide.view.period in store.periods(slide.view.indicator)
        assert slide.title and slide.sentence and slide.notes
        assert len(slide.sentence) <= 130, "keep key sentences short for the projector"
    used = {s.view.indicator for s in shipped.slides}
    table1 = {i for i in store.catalog.indicators if i.startswith("tabel1_")}
    # every share/rate row of Tabel 1 (the counts are in the notes: compare shares)
    assert table1 - used == {
        "tabel1_lage_inkomensgrens_aantal",
        "tabel1_problematische_schulden_aantal",
    }
    assert "vrijwilligerswerk" in used


def test_list_stories_finds_the_shipped_story(store, shipped):
    found, errors = S.list_stories(S.STORIES_DIR, store)
    assert errors == []
    assert found["sociale_agenda_2024_nulmeting"] == shipped


def test_every_figure_in_the_shipped_story_is_in_observations(shipped, observations):
    """Each number in a slide's title and key sentence equals a value of observations.csv for
    that slide's indicator and period; the notes cite the report line it came from, and that
    line of the report has the number as written."""
    report = REPORT.read_text(encoding="utf-8").splitlines() if REPORT.exists() else None
    checked = 0
    for n, slide in enumerate(shipped.slides, start=1):
        rows = [
            r
            for r in observations
            if r["indicator_id"] == slide.view.indicator and r["period"] == slide.view.period
        ]
        assert rows, (n, slide.view.indicator)
        for text in (slide.title, slide.sentence):
            for phrase in NOT_FIGURES:
                text = text.replace(phrase, "")
            for written, number in dutch_numbers(text):
                hits = [r for r in rows if abs(float(r["value"]) - number) < 1e-9]
                assert hits, f"dia {n}: {written} is not a value of {slide.view.indicator}"
                lines = {r["line"] for r in hits}
                assert any(f"regel {line}" in slide.notes for line in lines), (n, written, lines)
                if report is not None:
                    assert any(written in report[int(line) - 1] for line in lines), (n, written)
                checked += 1
    assert checked >= 30


def test_the_number_check_itself():
    assert dutch_numbers("€ 51.200 en 2,6% en 37 per") == [
        ("51.200", 51200.0),
        ("2,6", 2.6),
        ("37", 37.0),
    ]


# -- strict reading of files ------------------------------------------------------------

GOOD_SLIDE = """
[[slide]]
page = "kaart"
indicator = "tabel1_bijstand"
periode = "2023"
title = "Bijstand"
sentence = "Zuidoost-Drenthe telt 37 per 1.000 inwoners."
"""
GOOD = 'title = "Test"\n' + GOOD_SLIDE


def write(tmp_path: Path, text: str, name: str = "x.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def error_of(path: Path, known) -> S.StoryError:
    with pytest.raises(S.StoryError) as info:
        S.load_story(path, known)
    assert info.value.path == str(path)
    for line in str(info.value).splitlines():
        assert line.startswith(f"{path}, ")
    return info.value


def only_problem(err: S.StoryError) -> S.Problem:
    assert len(err.problems) == 1, err.problems
    return err.problems[0]


def test_a_good_file_loads(tmp_path, known):
    story = S.load_story(write(tmp_path, GOOD), known)
    assert story == S.Story(
        "Test",
        (
            S.Slide(
                "kaart",
                ViewState(indicator="tabel1_bijstand", period="2023"),
                "Bijstand",
                "Zuidoost-Drenthe telt 37 per 1.000 inwoners.",
            ),
        ),
    )


@pytest.mark.parametrize(
    ("replace", "by", "slide", "field", "reason", "message"),
    [
        (
            'indicator = "tabel1_bijstand"',
            'indicator = "foo"',
            2,
            "indicator",
            "unknown_indicator",
            "dia 2, indicator: onbekende indicator 'foo'",
        ),
        (
            'periode = "2023"',
            'periode = "2031"',
            2,
            "periode",
            "unknown_period",
            "dia 2, periode: periode '2031' bestaat niet voor deze indicator; beschikbaar: 2023",
        ),
        (
            'periode = "2023"',
            "periode = 2023",
            2,
            "periode",
            "not_text",
            "dia 2, periode: moet tekst tussen aanhalingstekens zijn, niet een getal",
        ),
        (
            'periode = "2023"',
            'periode = "2023"\ngemeenten = ["GM0106", "GM9999"]',
            2,
            "gemeenten",
            "unknown_gemeente",
            "dia 2, gemeenten: onbekende gemeentecode 'GM9999'",
        ),
        (
            'periode = "2023"',
            'periode = "2023"\ngemeenten = "GM0106"',
            2,
            "gemeenten",
            "not_list",
            'dia 2, gemeenten: moet een lijst met tekst zijn, zoals ["GM0106"], niet tekst',
        ),
        (
            'periode = "2023"',
            'periode = "2023"\ngemeenten = ["GM0106", "GM0106"]',
            2,
            "gemeenten",
            "duplicate_gemeente",
            "dia 2, gemeenten: gemeentecode 'GM0106' staat er meer dan eens in",
        ),
        (
            'periode = "2023"',
            'periode = "2023"\nkleurr = "klassen"',
            2,
            "kleurr",
            "unknown_key",
            "dia 2, kleurr: onbekend veld; toegestaan: page, indicator, periode, gemeenten, "
            "schaal, taal, kleur, vanaf, verandering, title, sentence, notes, doel, verhaal",
        ),
        (
            'periode = "2023"',
            'periode = "2023"\nkleur = "regenboog"',
            2,
            "kleur",
            "unknown_value",
            "dia 2, kleur: onbekende waarde 'regenboog'; toegestaan: klassen, periode, "
            "drenthe, nederland",
        ),
        (
            'page = "kaart"',
            'page = "presenteren"',
            2,
            "page",
            "unknown_value",
            "dia 2, page: onbekende waarde 'presenteren'; toegestaan: kaart, regios, trends, "
            "profiel, agenda, verhaal",
        ),
        (
            'title = "Bijstand"',
            'title = "' + "x" * 121 + '"',
            2,
            "title",
            "too_long",
            "dia 2, title: te lang: 121 tekens, hoogstens 120",
        ),
        (
            'title = "Bijstand"',
            'title = "Twee\\nregels"',
            2,
            "title",
            "control_chars",
            "dia 2, title: mag geen regeleinden, tabs of stuurtekens bevatten",
        ),
        (
            'title = "Bijstand"',
            'title = "   "',
            2,
            "title",
            "empty_text",
            "dia 2, title: mag niet leeg zijn",
        ),
        (
            'sentence = "Zuidoost-Drenthe telt 37 per 1.000 inwoners."',
            "",
            2,
            "sentence",
            "missing",
            "dia 2, sentence: ontbreekt",
        ),
        (
            'title = "Bijstand"',
            'title = "Bijstand"\nnotes = "' + "n" * 2001 + '"',
            2,
            "notes",
            "too_long",
            "dia 2, notes: te lang: 2001 tekens, hoogstens 2000",
        ),
    ],
)
def test_file_errors_name_file_slide_and_field(
    tmp_path, known, replace, by, slide, field, reason, message
):
    # slide 1 is good, slide 2 carries the fault: the number must point at slide 2
    text = 'title = "Test"\n' + GOOD_SLIDE + GOOD_SLIDE.replace(replace, by)
    path = write(tmp_path, text)
    err = error_of(path, known)
    problem = only_problem(err)
    assert (problem.slide, problem.field, problem.reason) == (slide, field, reason)
    assert str(err) == f"{path}, {message}"


def test_a_files_view_is_read_as_a_urls_view(tmp_path, known, store):
    """The view's values go through urls.parse_query: what a URL accepts, a file accepts."""
    text = GOOD.replace(
        'periode = "2023"',
        'periode = " 2023 "\ngemeenten = ["gm0106", "GM0114,GM1730"]\n'
        'schaal = "Nederland"\ntaal = "EN"\nkleur = ""',
    )
    (slide,) = S.load_story(write(tmp_path, text), known).slides
    query = {
        "indicator": "tabel1_bijstand",
        "periode": " 2023 ",
        "gemeente": ["gm0106", "GM0114,GM1730"],
        "schaal": "Nederland",
        "taal": "EN",
        "kleur": "",
    }
    view, notices = parse_query(query, known.indicators, known.periods_of, known.gemeente_codes)
    assert notices == []
    expected = ViewState(
        "tabel1_bijstand", "2023", ("GM0106", "GM0114", "GM1730"), "nederland", "en"
    )
    assert slide.view == view == expected


def test_a_file_may_not_list_a_code_twice_even_in_another_case(tmp_path, known):
    text = GOOD.replace('periode = "2023"', 'gemeenten = ["GM0106", "gm0106"]')
    problem = only_problem(error_of(write(tmp_path, text), known))
    assert problem.message() == "dia 1, gemeenten: gemeentecode 'gm0106' staat er meer dan eens in"


def test_unknown_key_at_story_level(tmp_path, known):
    path = write(tmp_path, 'titel = "Test"\n' + GOOD)
    err = error_of(path, known)
    problem = only_problem(err)
    assert (problem.slide, problem.field, problem.reason) == (None, "titel", "unknown_key")
    assert str(err) == f"{path}, titel: onbekend veld; toegestaan: title, description, slide"


def test_too_many_slides(tmp_path, known):
    path = write(tmp_path, 'title = "Test"\n' + GOOD_SLIDE * 41)
    problem = only_problem(error_of(path, known))
    assert (problem.slide, problem.field, problem.reason) == (None, "slide", "too_many_slides")
    assert problem.message() == "slide: 41 dia's; hoogstens 40"
    S.load_story(write(tmp_path, 'title = "Test"\n' + GOOD_SLIDE * 40, "y.toml"), known)


def test_too_many_gemeenten(tmp_path, known, store):
    codes = json.dumps(store.gemeente_codes(["PV22"]) + ["GM0014"])  # 13 codes
    path = write(tmp_path, GOOD.replace('periode = "2023"', f"gemeenten = {codes}"))
    problem = only_problem(error_of(path, known))
    assert (problem.slide, problem.field, problem.reason) == (1, "gemeenten", "too_many_gemeenten")
    assert problem.message() == "dia 1, gemeenten: 13 gemeenten; hoogstens 12"


@pytest.mark.parametrize(
    ("text", "reason", "message"),
    [
        ("", "empty", "het bestand is leeg"),
        ("  \n# alleen commentaar\n", "empty", "het bestand is leeg"),
        ('title = "Test"', None, "slide: het verhaal heeft geen dia's"),
        ('title = "Test"\nslide = "een"', None, "slide: moet een lijst van dia's zijn"),
        ("title = 5\n" + GOOD_SLIDE, None, "title: moet tekst tussen aanhalingstekens zijn"),
        ('title = "Test"\nslide = [1, 2]', None, "dia 1: moet een tabel zijn, niet een getal"),
        ('title = "Test\n', "invalid_toml", "geen geldige TOML: "),
        ("title = = 3", "invalid_toml", "geen geldige TOML: "),
    ],
)
def test_empty_invalid_and_wrongly_shaped_files(tmp_path, known, text, reason, message):
    path = write(tmp_path, text)
    err = error_of(path, known)
    assert str(err).startswith(f"{path}, {message}")
    if reason:
        assert only_problem(err).reason == reason


def test_every_problem_of_a_file_is_reported(tmp_path, known):
    text = GOOD.replace('"tabel1_bijstand"', '"foo"').replace('"kaart"', '"kaartje"')
    err = error_of(write(tmp_path, text), known)
    assert {(p.slide, p.field) for p in err.problems} == {(1, "page"), (1, "indicator")}


def test_unreadable_files(tmp_path, known):
    err = error_of(tmp_path / "missing.toml", known)
    assert only_problem(err).reason == "unreadable"
    path = tmp_path / "latin1.toml"
    path.write_bytes('title = "Caf\xe9"'.encode("latin-1"))
    assert "geen UTF-8" in str(error_of(path, known))


def test_one_bad_file_does_not_hide_the_good_ones(tmp_path, known):
    write(tmp_path, GOOD, "a_goed.toml")
    write(tmp_path, GOOD.replace("tabel1_bijstand", "foo"), "b_fout.toml")
    write(tmp_path, "", "c_leeg.toml")
    write(tmp_path, GOOD, "d_goed.toml")
    (tmp_path / "notes.txt").write_text("not a story")
    found, errors = S.list_stories(tmp_path, known)
    assert list(found) == ["a_goed", "d_goed"]
    assert [Path(e.path).name for e in errors] == ["b_fout.toml", "c_leeg.toml"]
    assert S.list_stories(tmp_path / "nowhere", known) == ({}, [])


# -- links ------------------------------------------------------------------------------


def rich_story() -> S.Story:
    return S.Story(
        title='<script>alert("x")</script> & “quotes” — é',
        description="Regel één\nregel twee",
        slides=(
            S.Slide(
                "profiel",
                ViewState("vrijwilligerswerk", None, ("GM1690", "GM0106"), "nederland", "en"),
                "Title with 'quotes' and <b>",
                "Sentence, 61,3%.",
                "Notes\n\nwith\ttabs and ✓ unicode",
            ),
            S.Slide(
                "trends",
                ViewState("tabel1_bijstand", "2023", (), "noord-nederland", "nl", "drenthe"),
                "T",
                "S",
            ),
        ),
    )


def test_round_trip_is_exact(shipped, known):
    for story in (shipped, rich_story()):
        param = S.story_to_param(story)
        assert re.fullmatch(r"[A-Za-z0-9_-]+", param)
        assert story_and_no_problems(param, known) == story
        assert S.story_to_param(story) == param  # deterministic


def story_and_no_problems(param, known):
    story, problems = S.story_from_param(param, known)
    assert problems == []
    return story


def test_the_link_format_is_json_zlib_base64url(shipped):
    param = S.story_to_param(shipped)
    data = json.loads(zlib.decompress(base64.urlsafe_b64decode(param + "=" * (-len(param) % 4))))
    assert data["v"] == 1 and data["t"] == shipped.title
    first = data["s"][0]
    assert first == {
        "p": "regios",
        "i": "tabel1_bijstand",
        "pe": "2023",  # schaal, taal and kleur at their defaults are left out, as in a URL
        "t": shipped.slides[0].title,
        "z": shipped.slides[0].sentence,
        "n": shipped.slides[0].notes,
    }
    assert len(param) < 4000  # a whole workshop in one link


def test_links_without_notes(shipped, known):
    story = story_and_no_problems(S.story_to_param(shipped, include_notes=False), known)
    assert all(s.notes == "" for s in story.slides)
    assert [s.sentence for s in story.slides] == [s.sentence for s in shipped.slides]


def test_a_story_too_big_for_a_link_raises():
    rng = random.Random(0)
    letters = string.ascii_letters + string.digits
    slides = tuple(
        S.Slide("kaart", ViewState(), f"T{i}", "S", "".join(rng.choices(letters, k=S.MAX_NOTES)))
        for i in range(S.MAX_SLIDES)
    )
    big = S.Story("T", slides)  # valid, but its notes do not compress
    with pytest.raises(S.StoryTooLong):
        S.story_to_param(big)
    assert S.story_to_param(big, include_notes=False)


def pack(obj) -> str:
    raw = json.dumps(obj).encode() if not isinstance(obj, bytes) else obj
    return base64.urlsafe_b64encode(zlib.compress(raw)).rstrip(b"=").decode()


def slide_json(**changes):
    base = {"p": "kaart", "i": "tabel1_bijstand", "pe": "2023", "t": "T", "z": "S"}
    base.update(changes)
    return {k: v for k, v in base.items() if v is not ...}


def story_json(*slides, **changes):
    return {"v": 1, "t": "Verhaal", "s": list(slides) or [slide_json()], **changes}


def hostile(param, known) -> tuple[S.Story | None, list[S.Problem]]:
    story, problems = S.story_from_param(param, known)
    assert problems, "hostile input must be reported"
    for problem in problems:
        assert isinstance(problem, S.Problem)
        for lang in ("nl", "en"):
            message = problem.message(lang)
            assert message and len(message) < 400
    return story, problems


def reasons(problems) -> list[str]:
    return [p.reason for p in problems]


@pytest.mark.parametrize(
    ("param", "reason"),
    [
        (None, "param_empty"),
        ("", "param_empty"),
        ("   ", "param_empty"),
        ([], "param_empty"),
        (5, "param_not_base64"),
        ({"a": 1}, "param_not_base64"),
        ("<script>alert(1)</script>", "param_not_base64"),
        ("abc def", "param_not_base64"),
        ("a", "param_not_base64"),  # a single base64 character cannot be decoded
        ("abcd", "param_corrupt"),
        ("A" * 10_000, "param_corrupt"),
        ("x" * 60_000, "param_too_long"),
        ("%3Cscript%3E", "param_not_base64"),
        (pack(b"not json at all"), "param_not_json"),
        (pack(b"\xff\xfe\x00"), "param_not_json"),
        (pack(b"[" * 50_000 + b"]" * 50_000), "param_not_json"),
        (pack([1, 2, 3]), "not_table"),
        (pack("a string"), "not_table"),
        (pack({"t": "no version", "s": []}), "param_version"),
        (pack({"v": 2, "t": "T", "s": []}), "param_version"),
        (pack({"v": True, "t": "T", "s": []}), "param_version"),
        (pack({"v": "1", "t": "T", "s": []}), "param_version"),
    ],
)
def test_junk_links_are_problems_not_exceptions(known, param, reason):
    story, problems = hostile(param, known)
    assert story is None
    assert reasons(problems) == [reason]


def test_a_zip_bomb_stops_at_the_cap(known):
    bomb = base64.urlsafe_b64encode(zlib.compress(b"[" + b" " * 20_000_000 + b"]", 9))
    param = bomb.rstrip(b"=").decode()
    assert len(param) < S.MAX_PARAM_CHARS  # small link, huge content
    story, problems = hostile(param, known)
    assert story is None and reasons(problems) == ["param_too_big"]


def test_cut_off_and_padded_links(shipped, known):
    param = S.story_to_param(shipped)
    assert reasons(hostile(param[:-12], known)[1]) == ["param_corrupt"]
    assert reasons(hostile(param + "AAAA", known)[1]) == ["param_corrupt"]
    assert story_and_no_problems(param + "==", known) == shipped  # padding is tolerated
    assert story_and_no_problems([param], known) == shipped  # st.query_params.get_all


def test_wrongly_shaped_stories(known):
    for obj in (
        story_json(t=5),
        story_json(t=""),
        story_json(s="slides"),
        story_json(s=[]),
        story_json(s=[1, "two", None, []]),
        {"v": 1, "t": "T"},
    ):
        story, _ = hostile(pack(obj), known)
        assert story is None


def test_a_bad_slide_is_dropped_and_the_rest_kept(known):
    obj = story_json(
        slide_json(i="foo"),
        slide_json(pe="1850"),
        slide_json(p="<script>"),
        slide_json(t=...),
        slide_json(z=["a list"]),
        slide_json(pe=2023),
        "not a slide",
        slide_json(t="Goed"),
    )
    story, problems = hostile(pack(obj), known)
    assert [s.title for s in story.slides] == ["Goed"]
    assert [(p.slide, p.reason) for p in problems if p.reason != "slide_dropped"] == [
        (1, "unknown_indicator"),
        (2, "unknown_period"),
        (3, "unknown_value"),
        (4, "missing"),
        (5, "not_text"),
        (6, "not_text"),
        (7, "not_table"),
    ]
    assert [p.slide for p in problems if p.reason == "slide_dropped"] == [1, 2, 3, 4, 5, 6, 7]


def test_repairable_values_fall_back_to_defaults(known):
    obj = story_json(
        slide_json(g=["GM0106", "GM9999", 7, "GM0106"], sc="mars", l="fr", k=1, n=5, x="?")
    )
    story, problems = hostile(pack(obj), known)
    (slide,) = story.slides
    assert slide.view == ViewState("tabel1_bijstand", "2023", ("GM0106",))
    assert slide.notes == ""
    # named as a story file names them, not by the link's short keys (issue 21)
    assert sorted((p.field, p.reason) for p in problems) == [
        ("gemeenten", "not_list"),
        ("gemeenten", "unknown_gemeente"),
        ("kleur", "not_text"),
        ("notes", "not_text"),
        ("schaal", "unknown_value"),
        ("taal", "unknown_value"),
        ("x", "unknown_key"),
    ]


@pytest.mark.parametrize(
    "values",
    [
        {"sc": "Nederland", "l": "EN", "k": "Periode"},
        {"g": ["gm0106", " GM0114 ", "GM0106,GM1730"]},
        {"pe": " 2023 ", "sc": "", "k": "klassen"},
        {"sc": "mars", "g": ["GM9999", "GM0106", "xx"], "l": "<b>"},
        {"g": [f"GM{n:04d}" for n in (14, 34, 37, 47, 50, 59, 60, 72, 74, 80, 85, 86, 88)]},
    ],
)
def test_a_links_view_is_read_as_a_urls_view(known, values):
    """Same values, same view and the same complaints as urls.parse_query (as problems)."""
    story, problems = S.story_from_param(pack(story_json(slide_json(**values))), known)
    names = {"pe": "periode", "g": "gemeente", "sc": "schaal", "l": "taal", "k": "kleur"}
    query = {"indicator": "tabel1_bijstand", "periode": "2023"}
    query |= {names[k]: v for k, v in values.items()}
    view, notices = parse_query(query, known.indicators, known.periods_of, known.gemeente_codes)
    assert story.slides[0].view == view
    field = {"periode": "periode", "gemeente": "gemeenten", "schaal": "schaal", "taal": "taal"}
    field["kleur"] = "kleur"  # a slide's fields, as a story file names them
    assert [(p.field, p.reason) for p in problems] == [(field[x.param], x.reason) for x in notices]
    assert [p.value for p in problems if p.reason != "too_many_gemeenten"] == [
        x.value for x in notices if x.reason != "too_many_gemeenten"
    ]


def test_texts_from_a_link_stay_plain_and_capped(known):
    obj = story_json(
        slide_json(
            t="<script>alert(1)</script>" + "x" * 500,
            z="Zin\u202eesrever\x00 met\nregel\ud800",
            n="n" * 10_000,
        ),
        t="<img src=x onerror=alert(1)>",
        d="d" * 10_000,
    )
    story, problems = hostile(pack(obj), known)
    (slide,) = story.slides
    assert story.title == "<img src=x onerror=alert(1)>"  # kept as text; the page escapes it
    assert slide.title.startswith("<script>alert(1)</script>xxx")
    assert len(slide.title) == S.MAX_TITLE and slide.title.endswith("…")
    assert slide.sentence == "Zinesrever metregel"
    assert len(slide.notes) == S.MAX_NOTES
    assert len(story.description) == 500
    slide.sentence.encode("utf-8")  # no lone surrogates left
    assert sorted((p.field, p.reason) for p in problems) == [
        ("description", "truncated"),
        ("notes", "truncated"),
        ("sentence", "removed_chars"),
        ("title", "truncated"),
    ]


def test_too_many_slides_and_problems_are_capped(known):
    obj = story_json(*[slide_json(i=f"foo{i}") for i in range(1000)])
    story, problems = hostile(pack(obj), known)
    assert story is None
    assert len(problems) == S.MAX_PROBLEMS + 1
    assert problems[0].reason == "too_many_slides" and problems[0].value == "1000"
    assert problems[-1].reason == "more_problems"
    many = story_json(*[slide_json() for _ in range(100)])
    story, problems = hostile(pack(many), known)
    assert len(story.slides) == S.MAX_SLIDES and reasons(problems) == ["too_many_slides"]


def test_hostile_values_are_shortened_in_messages(known):
    story, problems = hostile(pack(story_json(slide_json(i="<" + "i" * 5000))), known)
    message = problems[0].message()
    assert message.startswith("dia 1, indicator: onbekende indicator '<iii")
    assert len(message) < 120


# -- per-slide links and QR codes --------------------------------------------------------


def test_slide_query_opens_the_same_view(shipped, store):
    for slide in shipped.slides:
        link = urls.slide_query(slide)
        assert link["path"] == pages.page(slide.page).url_path
        assert link["query"]["indicator"] == slide.view.indicator  # always written
        view, notices = parse_query(
            link["query"], store.catalog.indicators, store.periods, store.gemeente_codes()
        )
        assert notices == [] and view == slide.view


def test_slide_url(shipped):
    assert urls.slide_url(shipped.slides[0], "https://example.org/") == (
        "https://example.org/regios?indicator=tabel1_bijstand&periode=2023"
    )
    assert urls.slide_url(shipped.slides[10], "https://example.org") == (
        "https://example.org/?indicator=vrijwilligerswerk&periode=2023&kleur=nederland"
        "&gemeente=GM0106,GM0114"
    )
    assert urls.slide_url(shipped.slides[1]).startswith("/?indicator=tabel1_besteedbaar_inkomen")


SVG = "{http://www.w3.org/2000/svg}"


def svg_modules(svg: str) -> tuple[int, set[tuple[int, int]]]:
    """(size in modules with the quiet zone, dark cells) read back from segno's SVG path."""
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    x0, y0, width, height = (float(v) for v in root.get("viewBox").split())
    assert (x0, y0) == (0, 0) and width == height
    paths = root.findall(f"{SVG}path")
    background = [p for p in paths if p.get("fill")]
    assert [p.get("fill") for p in background] == ["#fff"]
    (line,) = [p for p in paths if p.get("stroke")]
    assert line.get("stroke") == "#000"
    dark: set[tuple[int, int]] = set()
    x = y = 0.0
    for cmd, a, b in re.findall(r"([Mmh])\s*(-?[\d.]+)(?:\s+(-?[\d.]+))?", line.get("d")):
        if cmd == "M":
            x, y = float(a), float(b)
        elif cmd == "m":
            x, y = x + float(a), y + float(b)
        else:
            dark.update((int(y), int(x) + i) for i in range(int(float(a))))
            x += float(a)
    return int(width), dark


def test_qr_svg_encodes_the_url(shipped):
    url = urls.slide_url(shipped.slides[3], "https://dashboard.drenthe.example")
    svg = S.qr_svg(url)
    qr = segno.make_qr(url, error="h")
    assert qr.designator == "8-H" and not qr.is_micro  # H: readable even when partly covered
    size, dark = svg_modules(svg)
    assert size == qr.symbol_size(scale=1, border=4)[0] == 4 * 8 + 17 + 2 * 4
    expected = {
        (r + 4, c + 4) for r, row in enumerate(qr.matrix) for c, bit in enumerate(row) if bit
    }
    assert dark == expected  # the drawn modules are exactly the QR code of this URL
    assert not svg.startswith("<?xml") and "width=" not in svg  # inline, scales to its box
    assert S.qr_svg(url) == svg
    assert S.qr_svg(url + "&taal=en") != svg


def test_qr_svg_title_is_escaped_and_short_urls_are_not_micro_qr():
    svg = S.qr_svg("https://x.nl/", title='Open <dia> & "zie"')
    root = ET.fromstring(svg)
    assert root.find(f"{SVG}title").text == 'Open <dia> & "zie"'
    size, _ = svg_modules(S.qr_svg("a"))
    assert size == 21 + 8  # version 1 QR, never a Micro QR that phones cannot read


def test_qr_svg_rejects_unusable_urls():
    with pytest.raises(ValueError):
        S.qr_svg("")
    with pytest.raises(ValueError, match="too long"):
        S.qr_svg("https://x.nl/?" + "a" * 2000)


def test_fuzzed_links_never_raise(shipped, known):
    """Random damage to a real link and random JSON shapes: problems, never exceptions."""
    rng = random.Random(7)
    param = S.story_to_param(shipped)
    alphabet = string.ascii_letters + string.digits + "-_"
    for _ in range(300):
        chars = list(param)
        for _ in range(rng.randint(1, 4)):
            chars[rng.randrange(len(chars))] = rng.choice(alphabet)
        story, problems = S.story_from_param("".join(chars), known)
        assert story is not None or problems

    leaves = [None, True, 1, 2.5, "", "x", "GM0106", "2023", "kaart", "tabel1_bijstand", "\ud800"]
    keys = ["t", "d", "s", "p", "i", "pe", "g", "sc", "l", "k", "z", "n", "?"]

    def shape(depth: int = 0):
        roll = rng.random()
        if depth > 3 or roll < 0.3:
            return rng.choice(leaves)
        if roll < 0.6:
            return [shape(depth + 1) for _ in range(rng.randint(0, 4))]
        return {rng.choice(keys): shape(depth + 1) for _ in range(rng.randint(0, 8))}

    for _ in range(300):
        obj = {"v": 1, "t": rng.choice(["T", 5, None]), "s": shape(1)}
        story, problems = S.story_from_param(pack(obj), known)
        assert story is not None or problems
        for problem in problems:
            problem.message("nl")
            problem.message("en")


# -- renamed ids ---------------------------------------------------------------------------


@pytest.fixture
def renamed(monkeypatch):
    """A fake rename (urls' migration tables): the indicator 'bijstand' became
    'tabel1_bijstand', the page 'regiokaart' became 'regios'."""
    monkeypatch.setitem(urls.RENAMED_INDICATORS, "bijstand", "tabel1_bijstand")
    monkeypatch.setitem(urls.RENAMED_PAGES, "regiokaart", "regios")


def test_a_link_made_before_a_rename_still_opens(renamed, known):
    old = pack(story_json(slide_json(p="regiokaart", i="bijstand", g=["GM0106"])))
    story = story_and_no_problems(old, known)
    (slide,) = story.slides
    assert (slide.page, slide.view) == ("regios", ViewState("tabel1_bijstand", "2023", ("GM0106",)))
    assert urls.slide_url(slide) == "/regios?indicator=tabel1_bijstand&periode=2023&gemeente=GM0106"
    assert story_and_no_problems(S.story_to_param(story), known) == story  # new ids from now on


def test_a_story_file_written_before_a_rename_still_loads(renamed, tmp_path, known):
    text = GOOD.replace('"kaart"', '"regiokaart"').replace('"tabel1_bijstand"', '"bijstand"')
    (slide,) = S.load_story(write(tmp_path, text), known).slides
    assert (slide.page, slide.view.indicator) == ("regios", "tabel1_bijstand")


def _problem_reasons() -> set[str]:
    """The reasons a story problem can have: the literal arguments of Problem(..), self.add(..)
    and fail(..) in stories.py, and of Notice(..) in urls.py (a slide's view is read as a URL)."""
    reasons = set()
    nodes = [
        node
        for module in (S, urls)
        for node in ast.walk(ast.parse(Path(module.__file__).read_text(encoding="utf-8")))
    ]
    for node in nodes:
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        position = {"Problem": 2, "add": 2, "fail": 0, "Notice": 2}.get(name)
        if position is not None and len(node.args) > position:
            arg = node.args[position]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                reasons.add(arg.value)
    return reasons


def test_every_problem_and_type_has_its_text():
    reasons = _problem_reasons()
    assert {"unknown_indicator", "param_not_base64", "more_problems", "invalid_toml"} <= reasons
    assert sorted(r for r in reasons if f"story_problem_{r}" not in STRINGS) == []
    assert sorted(n for n in S._TYPE_NAMES if f"story_type_{n}" not in STRINGS) == []
    problem = S.Problem(4, "gemeenten", "not_list", "dict")
    assert (
        problem.message()
        == 'dia 4, gemeenten: moet een lijst met tekst zijn, zoals ["GM0106"], niet een tabel'
    )
    assert problem.message("en") == (
        'slide 4, gemeenten: must be a list of text, like ["GM0106"], not a table'
    )
    assert S.Problem(None, "", "not_text", "Decimal").message("en") == (
        "must be text in quotes, not Decimal"  # a type without words is named as it is
    )


def test_a_change_map_slide_travels_in_a_link_and_a_file(store, tmp_path):
    view = ViewState(indicator="werkloosheid", period="2024", since="2019")
    story = S.Story("Verandering", (S.Slide("kaart", view, "Werkloosheid", "Gedaald."),))
    back, problems = S.story_from_param(S.story_to_param(story), store)
    assert problems == [] and back == story
    path = tmp_path / "verandering.toml"
    path.write_text(
        'title = "V"\n[[slide]]\npage = "kaart"\nindicator = "overgewicht"\n'
        'vanaf = "2016"\ntitle = "T"\nsentence = "Z"\n',
        encoding="utf-8",
    )
    with pytest.raises(S.StoryError) as err:
        S.load_story(path, store)
    assert str(err.value).endswith(
        "verandering.toml, dia 1, vanaf: verandering sinds '2016' kan niet: de perioden van "
        "deze indicator zijn niet vergelijkbaar"
    )
