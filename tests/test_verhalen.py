"""Residents' stories (data/verhalen): the shipped ones load and say what the report says at
their line; hostile or broken files get precise messages naming file, story and field, and
the other stories still load."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dashboard.config import check_folder
from dashboard.model import geo
from dashboard.model import verhalen as V
from dashboard.model.goals import load_goals

REPORT = Path(__file__).resolve().parents[2] / (
    "shared/seeds/sociale_agenda_drenthe_jaarverslag_2024.txt"
)


@pytest.fixture(scope="module")
def goals(store):
    return load_goals(store.catalog)


@pytest.fixture(scope="module")
def shapes(store, settings):
    frame = geo.load_gemeenten(check_folder(settings, "geo_dir"), "drenthe", store.gebieden)
    return dict(zip(frame["region_code"], frame.geometry, strict=True))


@pytest.fixture(scope="module")
def gemeenten(store):
    return {c: store.name(c) for c in geo.scope_codes(store.gebieden, "drenthe")}


@pytest.fixture(scope="module")
def shipped(gemeenten, goals, shapes):
    return V.load_verhalen(gemeenten, goals, shapes)


def test_fifteen_shipped_stories_load_without_problems(shipped):
    stories, problems = shipped
    assert problems == ()
    assert [s.id for s in stories] == [
        "wenning-pesse",
        "buurtkeuken-haveltermade",
        "hollandscheveld-verbindt",
        "over-entinghe-dwingeloo",
        "eigenwijsheid-de-wolden",
        "talentenjagers-hoogeveen",
        "hulp-op-en-om-scholen",
        "grolloo-zorgt",
        "pumptrack-nieuw-buinen",
        "odensehuis-meppel",
        "regenboogambassadeur",
        "rainbow-dress-drents-museum",
        "asser-regenboog-alliantie",
        "drag-queen-show-westerbork",
        "nieuwkomersklas-noordenveld",
    ]
    for s in stories:
        assert s.title_en and s.summary_en and s.source.startswith("Sociale Agenda Drenthe")
        assert s.line and s.year == 2024 and not s.at_centroid
        assert len(s.summary_nl) <= V.MAX_SUMMARY


# What the report says at (or just after) each story's line, read by hand: the story's place
# and initiative are named there.
AT_LINE = {
    "wenning-pesse": (593, "De Wenning in Pesse"),
    "buurtkeuken-haveltermade": (616, "Haveltermade"),
    "hollandscheveld-verbindt": (664, "Dorpscoöperatie Hollandscheveld"),
    "over-entinghe-dwingeloo": (771, "Over Entinghe in Dwingeloo"),
    "eigenwijsheid-de-wolden": (895, "EigenWijsheid de Wolden"),
    "talentenjagers-hoogeveen": (1785, "Talentenjagers-aanpak"),
    "hulp-op-en-om-scholen": (2845, "'Hulp op en om scholen' (HOS) van de gemeente Midden-Drenthe"),
    "grolloo-zorgt": (2387, "Grolloo Zorgt"),
    "pumptrack-nieuw-buinen": (2685, "Nieuw-Buinen"),
    "odensehuis-meppel": (2718, "Odensehuis in Meppel"),
    "regenboogambassadeur": (3351, "ASSEN – Drenthe is de eerste provincie"),
    "rainbow-dress-drents-museum": (3122, "Drents Museum in maart 2024"),
    "asser-regenboog-alliantie": (3155, "Stichting Asser Regenboog Alliantie"),
    "drag-queen-show-westerbork": (3130, "Drag Queen Show in Westerbork"),
    "nieuwkomersklas-noordenveld": (3496, "gemeente Noordenveld"),
}


def near(report: list[str], line: int, before: int, after: int) -> str:
    return " ".join(" ".join(r.split()) for r in report[line - 1 - before : line - 1 + after] if r)


@pytest.mark.skipif(not REPORT.exists(), reason="the report text is not in ../shared")
def test_each_story_is_what_the_report_says_at_its_line(shipped):
    report = REPORT.read_text(encoding="utf-8").splitlines()
    stories, _ = shipped
    assert {s.id: s.line for s in stories} == {k: v[0] for k, v in AT_LINE.items()}
    for s in stories:
        assert AT_LINE[s.id][1] in near(report, s.line, 0, 12), s.id
        # every number written in digits in the summary is in the report near that line
        around = near(report, s.line, 40, 100)
        for number in re.findall(r"\d[\d.]*\d|\d", s.summary_nl):
            assert number in around, (s.id, number)


def test_points_lie_in_their_gemeente(shipped, shapes):
    import shapely

    stories, _ = shipped
    for s in stories:
        assert shapes[s.gemeente].contains(shapely.Point(s.lon, s.lat)), s.id
    # where the report names no village, the point is the gemeente's centroid
    centres = V.centroids(shapes)
    by_id = {s.id: s for s in stories}
    for ident in ("hulp-op-en-om-scholen", "nieuwkomersklas-noordenveld"):
        s = by_id[ident]
        assert (s.lat, s.lon) == centres[s.gemeente]


def test_every_theme_and_goal_of_a_story_exists(shipped, goals):
    stories, _ = shipped
    for s in stories:
        assert s.theme in goals.themes
        assert set(s.goals) <= set(goals.goals)
    with_stories = {g for s in stories for g in s.goals}
    # no story in a named place for poverty or low literacy: the report names none
    assert set(goals.goals) - with_stories == {"armoede", "laaggeletterdheid"}


# -- hostile and broken files ---------------------------------------------------------------

GOOD = """
[[verhaal]]
id = "test-verhaal"
title_nl = "Een verhaal"
summary_nl = "Een korte samenvatting."
place = "Grolloo"
gemeente = "GM1680"
lat = 52.9339
lon = 6.6747
goals = ["gezond_leven"]
theme = "gezondheid"
year = 2024
source = "Eigen gesprek"
"""


def read(tmp_path, text, gemeenten, goals, shapes=None, name="x.toml"):
    folder = tmp_path / "verhalen"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return V.load_verhalen(gemeenten, goals, shapes, folder)


def messages(problems) -> list[str]:
    return [p.message() for p in problems]


def test_a_good_file_loads(tmp_path, gemeenten, goals, shapes):
    stories, problems = read(tmp_path, GOOD, gemeenten, goals, shapes)
    assert problems == ()
    (s,) = stories
    assert (s.id, s.title("en"), s.summary("en"), s.when()) == (
        "test-verhaal",
        "Een verhaal",  # no English title: the Dutch one
        "Een korte samenvatting.",
        "2024",
    )


def test_broken_toml_names_the_file_and_the_other_files_still_load(
    tmp_path, gemeenten, goals, shapes
):
    read(tmp_path, GOOD, gemeenten, goals, shapes, name="a.toml")
    stories, problems = read(tmp_path, "[[verhaal]\nid = 1", gemeenten, goals, shapes, "b.toml")
    assert [s.id for s in stories] == ["test-verhaal"]
    (problem,) = problems
    assert problem.message().startswith("data/verhalen/b.toml: geen geldige TOML: ")
    assert problem.message("en").startswith("data/verhalen/b.toml: not valid TOML: ")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            'gemeente = "GM1680"',
            'gemeente = "GM0363"',
            "data/verhalen/x.toml, verhaal 1 'test-verhaal', gemeente: 'GM0363' is geen code "
            "van een Drentse gemeente; bekend: GM0106, GM0109, GM0114, GM0118, GM0119, GM1680, "
            "GM1681, GM1690, GM1699, GM1701, GM1730, GM1731",
        ),
        (
            "lat = 52.9339\nlon = 6.6747",
            "lat = 53.2194\nlon = 6.5665",  # Groningen, the city
            "data/verhalen/x.toml, verhaal 1 'test-verhaal', lat, lon: het punt (53.2194, "
            "6.5665) ligt buiten Drenthe",
        ),
        (
            "lat = 52.9339\nlon = 6.6747",
            "lat = 52.7850\nlon = 6.8970",  # Emmen, not Aa en Hunze
            "data/verhalen/x.toml, verhaal 1 'test-verhaal', lat, lon: het punt (52.785, 6.897) "
            "ligt in Emmen (GM0114), niet in de opgegeven gemeente",
        ),
        (
            "lat = 52.9339\nlon = 6.6747",
            "lat = 6.6747\nlon = 52.9339",  # swapped
            "data/verhalen/x.toml, verhaal 1 'test-verhaal', lat, lon: het punt (6.6747, "
            "52.9339) ligt buiten Drenthe",
        ),
        (
            "lat = 52.9339\n",
            "",
            "data/verhalen/x.toml, verhaal 1 'test-verhaal', lat: geef lat en lon allebei, of "
            "geen van beide",
        ),
        (
            'goals = ["gezond_leven"]',
            'goals = ["gezond_leven", "geluk"]',
            "data/verhalen/x.toml, verhaal 1 'test-verhaal', goals: onbekend doel 'geluk'; "
            "bekend: vrijwilligers, inbreng_beleid, overheden_participeren, armoede, "
            "kansengelijkheid, laaggeletterdheid, gezond_leven, passende_zorg, jongeren_gezond, "
            "inclusie",
        ),
        (
            'goals = ["gezond_leven"]',
            'goals = "gezond_leven"',
            "data/verhalen/x.toml, verhaal 1 'test-verhaal', goals: moet een lijst met tekst "
            'zijn, zoals ["armoede"]',
        ),
        (
            'theme = "gezondheid"',
            'theme = "zorg"',
            "data/verhalen/x.toml, verhaal 1 'test-verhaal', theme: onbekend thema 'zorg'; "
            "bekend: naoberschap, bestaanszekerheid, gezondheid, inclusie",
        ),
        (
            'title_nl = "Een verhaal"',
            'title_nl = "Een\\u202everhaal"',
            "data/verhalen/x.toml, verhaal 1 'test-verhaal', title_nl: mag geen regeleinden, "
            "tabs of stuurtekens bevatten",
        ),
        (
            'title_nl = "Een verhaal"',
            'title_nl = "' + "x" * 121 + '"',
            "data/verhalen/x.toml, verhaal 1 'test-verhaal', title_nl: te lang: 121 tekens, "
            "hoogstens 120",
        ),
        (
            'source = "Eigen gesprek"',
            'source = "Eigen gesprek"\nurl = "javascript:alert(1)"',
            "data/verhalen/x.toml, verhaal 1 'test-verhaal', url: moet een https://-adres zijn "
            "zonder spaties",
        ),
        (
            "year = 2024",
            'year = "2024"',
            "data/verhalen/x.toml, verhaal 1 'test-verhaal', year: moet een geheel getal zijn, "
            "niet '2024'",
        ),
        (
            "year = 2024",
            "",
            "data/verhalen/x.toml, verhaal 1 'test-verhaal', year: geef year of date",
        ),
        (
            "year = 2024",
            "year = 2024\ndate = 2023-05-01",
            "data/verhalen/x.toml, verhaal 1 'test-verhaal', year: year 2024 past niet bij "
            "date 2023-05-01",
        ),
        (
            'id = "test-verhaal"',
            'id = "Test verhaal!"',
            "data/verhalen/x.toml, verhaal 1, id: 'Test verhaal!' is geen geldige id: kleine "
            "letters, cijfers, '-' of '_', hoogstens 60 tekens",
        ),
        (
            'place = "Grolloo"',
            'plaats = "Grolloo"',
            "data/verhalen/x.toml, verhaal 1 'test-verhaal', plaats: onbekend veld; toegestaan: "
            "id, title_nl, title_en, summary_nl, summary_en, place, gemeente, lat, lon, goals, "
            "theme, year, date, source, line, url",
        ),
    ],
)
def test_a_bad_story_is_left_out_with_a_precise_message(
    tmp_path, gemeenten, goals, shapes, old, new, message
):
    assert old in GOOD
    good_too = GOOD.replace('id = "test-verhaal"', 'id = "nog-een"')
    stories, problems = read(tmp_path, GOOD.replace(old, new) + good_too, gemeenten, goals, shapes)
    assert [s.id for s in stories] == ["nog-een"]  # the good story of the same file loads
    assert message in messages(problems), messages(problems)


def test_missing_fields_are_each_named(tmp_path, gemeenten, goals):
    stories, problems = read(tmp_path, '[[verhaal]]\nid = "leeg"\n', gemeenten, goals)
    assert stories == ()
    assert [(p.story, p.field, p.reason) for p in problems] == [
        ("verhaal 1 'leeg'", f, "missing")
        for f in ("title_nl", "summary_nl", "place", "source", "gemeente", "goals", "theme")
    ] + [("verhaal 1 'leeg'", "year", "no_year")]


def test_html_and_markdown_in_a_summary_are_kept_as_text_with_a_warning(
    tmp_path, gemeenten, goals, shapes
):
    hostile = "<script>alert(1)</script> **vet** [klik](https://evil.example) $x$"
    text = GOOD.replace("Een korte samenvatting.", hostile.replace('"', '\\"'))
    stories, problems = read(tmp_path, text, gemeenten, goals, shapes)
    (s,) = stories  # loaded: the app shows it as text
    assert s.summary_nl == hostile
    (warning,) = problems
    assert warning.warning
    assert warning.message() == (
        "data/verhalen/x.toml, verhaal 1 'test-verhaal', summary_nl: bevat HTML of opmaak "
        "(<script>); het dashboard toont het als gewone tekst"
    )
    assert warning.message("en") == (
        "data/verhalen/x.toml, verhaal 1 'test-verhaal', summary_nl: contains HTML or markup "
        "(<script>); the dashboard shows it as plain text"
    )


def test_a_duplicate_id_in_another_file_is_left_out(tmp_path, gemeenten, goals):
    read(tmp_path, GOOD, gemeenten, goals, name="a.toml")
    stories, problems = read(tmp_path, GOOD, gemeenten, goals, name="b.toml")
    assert [s.file for s in stories] == ["data/verhalen/a.toml"]
    assert messages(problems) == [
        "data/verhalen/b.toml, verhaal 'test-verhaal', id: id 'test-verhaal' bestaat al (in "
        "data/verhalen/a.toml)"
    ]


def test_files_that_are_not_stories(tmp_path, gemeenten, goals):
    for name, text, message in [
        ("leeg.toml", "", "data/verhalen/leeg.toml: geen verhalen: verwacht [[verhaal]]-tabellen"),
        (
            "slide.toml",
            'title = "Een presentatie"\n',
            "data/verhalen/slide.toml, title: onbekend onderdeel; alleen [[verhaal]] is toegestaan",
        ),
        (
            "tabel.toml",
            "[verhaal]\nid = 'x'\n",
            "data/verhalen/tabel.toml, verhaal: moet een lijst van verhalen zijn ([[verhaal]])",
        ),
    ]:
        folder = tmp_path / name.removesuffix(".toml")
        folder.mkdir()
        (folder / name).write_text(text, encoding="utf-8")
        _, problems = V.load_verhalen(gemeenten, goals, None, folder)
        assert message in messages(problems), messages(problems)
    binary = tmp_path / "bin"
    binary.mkdir()
    (binary / "x.toml").write_bytes(b"\xff\xfe\x00")
    _, problems = V.load_verhalen(gemeenten, goals, None, binary)
    assert messages(problems) == [
        "data/verhalen/x.toml: kan het bestand niet lezen (geen UTF-8 / not UTF-8)"
    ]
    big = tmp_path / "big"
    big.mkdir()
    (big / "x.toml").write_text("#" * (V.MAX_FILE_BYTES + 1), encoding="utf-8")
    _, problems = V.load_verhalen(gemeenten, goals, None, big)
    assert messages(problems) == [
        f"data/verhalen/x.toml: het bestand is te groot ({V.MAX_FILE_BYTES + 1} bytes; "
        f"hoogstens {V.MAX_FILE_BYTES})"
    ]
    assert V.load_verhalen(gemeenten, goals, None, tmp_path / "bestaat-niet") == ((), ())


def test_without_a_point_the_story_sits_at_the_gemeentes_centroid(
    tmp_path, gemeenten, goals, shapes
):
    text = GOOD.replace("lat = 52.9339\nlon = 6.6747\n", "")
    (s,), problems = read(tmp_path, text, gemeenten, goals, shapes)
    assert problems == ()
    assert s.at_centroid and (s.lat, s.lon) == (52.993, 6.7274)  # Aa en Hunze's centroid
    # without boundaries there is no centre to take
    _, problems = read(tmp_path, text, gemeenten, goals)
    assert messages(problems) == [
        "data/verhalen/x.toml, verhaal 1 'test-verhaal', lat: geen lat/lon en geen "
        "gemeentegrens om het midden van de gemeente te bepalen"
    ]


def test_without_boundaries_the_bounding_box_of_drenthe_is_checked(tmp_path, gemeenten, goals):
    groningen = GOOD.replace("lat = 52.9339\nlon = 6.6747", "lat = 53.2194\nlon = 6.5665")
    _, problems = read(tmp_path, groningen, gemeenten, goals)
    assert [p.reason for p in problems] == ["outside_drenthe"]
