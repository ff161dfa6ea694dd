"""The goals of the Sociale Agenda (data/sociale_agenda_2024/goals.toml): they load, they are
the report's goals in its words and numbering, each nulmeting figure equals the report line it
cites, and a broken goals file gets a precise message naming file and goal."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from dashboard.config import PROJECT_DATA
from dashboard.model import goals as G
from dashboard.model.errors import DataError

REPORT = Path(__file__).resolve().parents[2] / (
    "shared/seeds/sociale_agenda_drenthe_jaarverslag_2024.txt"
)
OBS_FILE = PROJECT_DATA / "sociale_agenda_2024" / "observations.csv"


@pytest.fixture(scope="module")
def goals(store):
    loaded = G.load_goals(store.catalog)
    G.check_observations(loaded, store)
    return loaded


@pytest.fixture(scope="module")
def report() -> list[str]:
    if not REPORT.exists():
        pytest.skip(f"the report text is not at {REPORT}")
    return REPORT.read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def observations() -> dict[tuple[str, str, str], dict[str, str]]:
    with OBS_FILE.open(encoding="utf-8") as fh:
        return {(r["indicator_id"], r["region_code"], r["period"]): r for r in csv.DictReader(fh)}


def passage(report: list[str], line: int, lines: int = 4) -> str:
    """The text from a line on (1-based), the text file's blank lines and PDF hyphenation
    at line ends ('basisvaardig-' / 'heden') undone, whitespace collapsed."""
    text = ""
    for raw in (r.strip() for r in report[line - 1 : line - 1 + 2 * lines]):
        if not raw:
            continue
        text = text[:-1] + raw if text.endswith("-") else f"{text} {raw}".strip()
    return " ".join(text.split())


def test_ten_goals_in_four_themes_numbered_as_printed(goals):
    assert list(goals.themes) == ["naoberschap", "bestaanszekerheid", "gezondheid", "inclusie"]
    assert [(g.theme, g.number, g.id) for g in goals] == [
        ("naoberschap", 1, "vrijwilligers"),
        ("naoberschap", 2, "inbreng_beleid"),
        ("naoberschap", 3, "overheden_participeren"),
        ("bestaanszekerheid", 4, "armoede"),
        ("bestaanszekerheid", 5, "kansengelijkheid"),
        ("bestaanszekerheid", 6, "laaggeletterdheid"),
        # the report's list counter runs on: Gezondheid is numbered 4-6 again
        ("gezondheid", 4, "gezond_leven"),
        ("gezondheid", 5, "passende_zorg"),
        ("gezondheid", 6, "jongeren_gezond"),
        ("inclusie", 7, "inclusie"),
    ]
    assert [len(v) for v in goals.by_theme().values()] == [3, 3, 3, 1]
    assert sum(len(g.measures) for g in goals) == 84


def test_goal_titles_are_the_reports_words_at_their_line(goals, report):
    for goal in goals:
        text = passage(report, goal.line)
        assert text.startswith(f"{goal.number}. {goal.title_nl}"), (goal.id, text)
        assert goal.title_en and goal.short_nl and goal.short_en


def test_themes_and_sections_are_where_the_report_has_them(goals, report):
    headings = {
        "naoberschap": "HOOFDSTUK 3. NAOBERSCHAP:",
        "bestaanszekerheid": "HOOFDSTUK 4. BESTAANSZEKERHEID:",
        "gezondheid": "HOOFDSTUK 5. GEZONDHEID:",
        "inclusie": "HOOFDSTUK 6. INCLUSIE EN DIVERSITEIT:",
    }
    for tid, theme in goals.themes.items():
        assert passage(report, theme.line, 2).startswith(headings[tid]), tid
        assert theme.heading_nl.lower().startswith(theme.label_nl.lower())
    for goal in goals:
        theme = goals.themes[goal.theme]
        # the goal is stated under 'Wat willen we bereiken?', its figures follow under
        # 'Waar staan we nu?' of the same chapter, and the section names the goal
        chapter = report[theme.line - 1 : goal.section_line]
        assert any(f"{theme.chapter}.1" in r and "Wat willen we bereiken?" in r for r in chapter)
        assert any(f"{theme.chapter}.2" in r and "Waar staan we nu?" in r for r in chapter)
        section = passage(report, goal.section_line, 3).lower()
        words = [w for w in re.findall(r"\w{6,}", goal.title_nl.lower())]
        assert sum(w in section for w in words) >= 2, (goal.id, section)


def written(value: float, decimals: int | None = None) -> set[str]:
    """How the report may print a value: '52,6' (or '52.6'), '46', '5.000', '51.200'."""
    if decimals is None:
        text = repr(float(value))
        decimals = 0 if text.endswith(".0") else len(text.split(".")[1])
    if decimals == 0:
        whole = f"{round(value):,}".replace(",", ".")
        return {whole, str(round(value))}
    fixed = f"{value:.{decimals}f}"
    return {fixed.replace(".", ","), fixed}


def test_every_nulmeting_figure_equals_the_report_line_it_cites(goals, store, report, observations):
    checked = 0
    for goal in goals:
        for m in goal.measures:
            value = store.value(m.indicator, m.region, m.period)
            ind = store.indicator(m.indicator)
            from_report = any(s.kind == "tidy" for s in ind.sources)
            if m.line is None:
                # a CBS figure the report does not quote: its note says why it is there
                assert not from_report and m.note_nl and m.note_en, (goal.id, m.indicator)
                continue
            text = passage(report, m.line, 2)
            if from_report:
                row = observations[(m.indicator, m.region, m.period)]
                assert int(row["line"]) == m.line
                assert value == float(row["value"])
                if row["status"] == "approximate":  # 'één op de tien' -> 10
                    # the phrase may start on the line before ('Naar schatting / is circa');
                    # observations.csv quotes it in its words ('naar schatting circa 12%')
                    phrase = re.findall(r"\w+", row["note"].split("'")[1].lower())
                    around = re.findall(r"\w+", passage(report, m.line - 2, 3).lower())
                    missing = [w for w in phrase if w not in around]
                    assert not missing, (goal.id, m.indicator, m.region, phrase, around)
                else:
                    assert written(value) & set(re.findall(r"\d(?:[\d.,]*\d)?", text)), (
                        goal.id, m.indicator, m.region, value, text,
                    )  # fmt: skip
            else:
                # a CBS figure the report quotes: as printed at the line, and the CBS value
                # within the tolerance of it
                printed = m.report_value
                forms = (
                    written(printed * 1000, 0)  # Tabel 1 prints euros: € 51.200
                    if ind.unit == "eur_1000"
                    else written(printed, m.report_decimals)
                )
                assert forms & set(re.findall(r"\d(?:[\d.,]*\d)?", text)), (
                    goal.id,
                    m.indicator,
                    text,
                )
                assert abs(value - printed) <= m.tolerance + 1e-9, (goal.id, m.indicator, value)
            checked += 1
    assert checked == 78  # 84 figures; 6 CBS figures the report does not quote


def test_hand_checked_baselines(goals, store):
    """A few by hand: the figure, the report's line and what it says there."""
    by_goal = {g.id: {(m.indicator, m.region): m for m in g.measures} for g in goals}
    cases = [
        # 'In 2022 gaf 70% ... als (zeer) goed' (r. 2210); CBS 85563NED Drenthe 70.2
        ("gezond_leven", "ervaren_gezondheid_goed", "PV22", "2022", 70.2, 2210),
        # 'In de gemeente Emmen loopt dit percentage zelfs op tot 67%' (r. 2277-2279)
        ("gezond_leven", "overgewicht", "GM0114", "2022", 66.7, 2279),
        # Tabel 1, bijstand per 1.000 inwoners, Zuidoost-Drenthe 37 (r. 191)
        ("armoede", "tabel1_bijstand", "CR08", "2023", 37.0, 191),
        # '... opgelopen naar 15,6%' (r. 1330)
        ("armoede", "moeite_met_rondkomen", "PV22", "2022", 15.6, 1330),
        # 'In 2023 gaf 80% van de jongeren in klas 2 en 4 ...' (r. 2786)
        ("jongeren_gezond", "jongeren_ervaren_gezondheid", "PV22", "2023", 80.0, 2786),
        # 'Hoogeveen (34.7%)': CBS 85525NED gives 34.6 (r. 1648)
        ("kansengelijkheid", "opleidingsniveau_laag", "GM0118", "2023", 34.6, 1648),
    ]
    for goal, ind, region, period, value, line in cases:
        m = by_goal[goal][(ind, region)]
        assert (m.period, m.line) == (period, line)
        assert store.value(ind, region, period) == value


def test_desired_directions_agree_with_the_catalogue(goals, store):
    for goal in goals:
        for m in goal.measures:
            own = store.indicator(m.indicator).direction
            assert own in (0, m.desired), (goal.id, m.indicator)
    # neutral in the catalogue, lower is better for this goal (under-advising)
    (advies,) = [m for m in goals.get("kansengelijkheid").measures if "advies" in m.indicator]
    assert store.indicator(advies.indicator).direction == 0 and advies.desired == -1


def test_only_the_youth_goal_has_a_target_and_it_names_no_value(goals):
    targets = {g.id: g.target for g in goals if g.target}
    assert list(targets) == ["jongeren_gezond"]
    target = targets["jongeren_gezond"]
    assert (target.indicator, target.region, target.year, target.value) == (
        "jongeren_ervaren_gezondheid",
        "PV22",
        2027,
        None,
    )


def test_goals_of_an_indicator(goals):
    assert [g.id for g in goals.for_indicator("vertrouwen_gemeente")] == [
        "inbreng_beleid",
        "overheden_participeren",
    ]
    assert [g.id for g in goals.for_indicator("werkloosheid")] == []


# -- a broken goals file --------------------------------------------------------------------

GOOD = """
[theme.armoede_thema]
label_nl = "Bestaanszekerheid"
label_en = "Livelihood security"
heading_nl = "Bestaanszekerheid: basis"
heading_en = "Livelihood security: basis"
chapter = 4
line = 1257

[[goal]]
id = "armoede"
number = 4
theme = "armoede_thema"
title_nl = "Verminderen van armoede"
title_en = "Reducing poverty"
short_nl = "Armoede"
short_en = "Poverty"
line = 1283
section_line = 1320

[[goal.measure]]
indicator = "moeite_met_rondkomen"
period = "2022"
desired = "lower"
line = 1330
"""


def load(tmp_path, text, catalog):
    path = tmp_path / "goals.toml"
    path.write_text(text, encoding="utf-8")
    return G.load_goals(catalog, path)


def error(tmp_path, text, catalog) -> str:
    with pytest.raises(DataError) as exc:
        load(tmp_path, text, catalog)
    return str(exc.value)


def test_a_minimal_goals_file_loads(tmp_path, store):
    loaded = load(tmp_path, GOOD, store.catalog)
    (goal,) = loaded
    assert goal.measures == (G.Measure("moeite_met_rondkomen", "2022", -1, "PV22", 1330),)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            'indicator = "moeite_met_rondkomen"',
            'indicator = "armoede_index"',
            "goals.toml, line 9, goal 1 'armoede', measure 1 (indicator 'armoede_index'): unknown "
            "indicator; it is not in the catalogue.",
        ),
        (
            'theme = "armoede_thema"\n',
            "",
            "goals.toml, line 9, goal 1 'armoede': missing field 'theme'.",
        ),
        (
            'theme = "armoede_thema"\n',
            'theme = "bestaanszekerheid"\n',
            "goals.toml, line 9, goal 1 'armoede': theme 'bestaanszekerheid' is not defined (add "
            "[theme.bestaanszekerheid]; defined: armoede_thema).",
        ),
        (
            'desired = "lower"',
            'desired = "higher"',
            "goals.toml, line 9, goal 1 'armoede', measure 1 (indicator 'moeite_met_rondkomen'): "
            "desired 'higher' contradicts the catalogue's direction of 'moeite_met_rondkomen' "
            "(-1, higher is worse).",
        ),
        (
            'desired = "lower"',
            'desired = "down"',
            "goals.toml, line 9, goal 1 'armoede', measure 1 (indicator 'moeite_met_rondkomen'): "
            "desired must be 'higher' or 'lower', got 'down'.",
        ),
        (
            "number = 4",
            'number = "4"',
            "goals.toml, line 9, goal 1 'armoede': field 'number' must be a int, got '4'.",
        ),
        (
            "line = 1330",
            'line = 1330\nregion = "Drenthe"',
            "goals.toml, line 9, goal 1 'armoede', measure 1 (indicator 'moeite_met_rondkomen'): "
            "region 'Drenthe' is not a CBS code (NL01, PV22, CR07, GM0106).",
        ),
        (
            "section_line = 1320",
            'section_line = 1320\nmap_indicator = "werkloosheid"',
            "goals.toml, line 9, goal 1 'armoede': map_indicator 'werkloosheid' must be one of the "
            "goal's measures.",
        ),
        (
            "section_line = 1320",
            "section_line = 1320\nkleur = 1",
            "goals.toml, line 9, goal 1 'armoede': unknown field(s) kleur (allowed: id, number, "
            "theme, "
            "title_nl, title_en, short_nl, short_en, line, section_line, map_indicator, "
            "note_nl, note_en, measure, target).",
        ),
        (
            'title_nl = "Verminderen van armoede"',
            'title_nl = "  "',
            "goals.toml, line 9, goal 1 'armoede': field 'title_nl' is empty.",
        ),
    ],
)
def test_broken_goals_file_names_file_goal_and_field(tmp_path, store, old, new, message):
    assert old in GOOD
    assert error(tmp_path, GOOD.replace(old, new), store.catalog) == message


def test_broken_toml_and_missing_measures(tmp_path, store):
    assert error(tmp_path, GOOD + "\n[[goal]\n", store.catalog).startswith(
        f"{tmp_path / 'goals.toml'}: not valid TOML ("
    )
    no_measures = GOOD.split("[[goal.measure]]")[0]
    assert error(tmp_path, no_measures, store.catalog) == (
        "goals.toml, line 9, goal 1 'armoede': needs at least one [[goal.measure]]."
    )
    twice = GOOD + GOOD.split("section_line = 1320")[1]
    assert error(tmp_path, twice, store.catalog) == (
        "goals.toml, line 9, goal 1 'armoede', measure 2: indicator 'moeite_met_rondkomen' "
        "for PV22 in 2022 is listed twice."
    )
    goal = "\n[[goal]]" + GOOD.split("\n[[goal]]")[1]
    again = GOOD + goal
    assert (
        error(tmp_path, again, store.catalog) == "goals.toml: goal id 'armoede' is defined twice."
    )
    other = GOOD + goal.replace('id = "armoede"', 'id = "armoede_2"')
    assert error(tmp_path, other, store.catalog) == (
        "goals.toml, goal 'armoede_2': number 4 of theme 'armoede_thema' is also goal 'armoede'."
    )


def test_figures_are_checked_against_the_observations(tmp_path, store):
    def check(text: str) -> str:
        with pytest.raises(DataError) as exc:
            G.check_observations(load(tmp_path, text, store.catalog), store)
        return str(exc.value)

    assert check(GOOD.replace('period = "2022"', 'period = "2021"')) == (
        "goals.toml, goal 'armoede', measure 1 (indicator 'moeite_met_rondkomen'): no "
        "observation for PV22 in 2021 (periods: 2020, 2022)."
    )
    assert check(GOOD.replace("line = 1330", "line = 1328")) == (
        "goals.toml, goal 'armoede', measure 1 (indicator 'moeite_met_rondkomen'): line 1328 "
        "differs from the line observations.csv cites (1330)."
    )
    assert check(GOOD.replace("line = 1330\n", "")) == (
        "goals.toml, goal 'armoede', measure 1 (indicator 'moeite_met_rondkomen'): a figure of "
        "the report needs its line (1330)."
    )
    cbs = GOOD.replace(
        'indicator = "moeite_met_rondkomen"\nperiod = "2022"\ndesired = "lower"\nline = 1330',
        'indicator = "overgewicht"\nperiod = "2022"\ndesired = "lower"\nline = 2267\n'
        "report_value = 56",
    )
    assert check(cbs) == (
        "goals.toml, goal 'armoede', measure 1 (indicator 'overgewicht'): the report prints 56, "
        "the data give 57 (more than 0.5 apart)."
    )
    G.check_observations(load(tmp_path, cbs.replace("= 56", "= 57"), store.catalog), store)


def test_written_precision_of_a_report_value():
    assert G.written_decimals(70) == 0 and G.half_unit(70) == 0.5
    assert G.written_decimals(0.8) == 1 and G.half_unit(0.8) == pytest.approx(0.05)
    assert G.written_decimals(47.0) == 1  # as written in TOML: one decimal
