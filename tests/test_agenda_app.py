"""The Sociale Agenda page in AppTest: every goal in Dutch, English and embedded, ?doel= and
?initiatief= (known, unknown, hostile), picking a goal, downloads, slides for Presenteren, the
stories on the map page and in the gemeente profile, and a hostile story file shown as text."""

from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import urls
from dashboard.app import resources
from dashboard.model import verhalen as verhalen_module
from dashboard.state import ViewState
from dashboard.views import agenda as A
from dashboard.views import stories
from tests.support.apptest import APP, assert_clean, rerun, texts

GOALS = [
    "vrijwilligers",
    "inbreng_beleid",
    "overheden_participeren",
    "armoede",
    "kansengelijkheid",
    "laaggeletterdheid",
    "gezond_leven",
    "passende_zorg",
    "jongeren_gezond",
    "inclusie",
]


@pytest.fixture(scope="module")
def data(store):
    return A.load_agenda(store)


def page(path: str = "app_pages/agenda.py", embed: bool = False, **params: str) -> AppTest:
    """The app with these URL parameters (first run: the map), then the page."""
    at = AppTest.from_file(APP, default_timeout=120)
    at.context = {"is_embedded": embed, "url": "http://dashboard.test/"}
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    at.switch_page(path)
    return at.run()


def deck_layers(at: AppTest) -> list[dict]:
    (chart,) = at.get("deck_gl_json_chart")
    return json.loads(chart.proto.json)["layers"]


def markers(at: AppTest) -> list[str]:
    return [
        p["id"] for layer in deck_layers(at) if layer["id"] == "verhalen" for p in layer["data"]
    ]


def test_the_goals_listed_here_are_the_goals_of_the_file(data):
    assert list(data.goals.goals) == GOALS


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("goal", GOALS)
def test_the_page_of_every_goal(store, data, goal, lang):
    at = page(doel=goal, taal=lang)
    assert_clean(at)
    assert not at.warning
    av = A.agenda_view(store, ViewState(lang=lang), goal, data)
    assert texts(at.title) == ["Sociale Agenda" if lang == "nl" else "Social Agenda"]
    assert at.selectbox(key="w_agenda_doel").value == goal
    heading = texts(at.header)[0]
    assert heading.endswith(f" {av.goal.number}: {av.goal.short(lang)}")
    assert f"**{av.sentence}**" in texts(at.markdown)
    # the figures as the view model has them, with their three downloads
    shown = at.dataframe[0].value
    assert shown.equals(av.table)
    assert len(at.get("download_button")) == 3
    # the map: the choropleth (or grey gemeenten) with one marker per story of the goal
    assert markers(at) == [s.id for s in av.stories]
    assert av.map_caption in texts(at.caption)
    panels = {A.t("share_title", lang), A.t("upload_title", lang)}  # not stories
    story_labels = [e.label for e in at.expander if e.label not in panels]
    assert len(story_labels) == len(av.stories)
    if not av.stories:
        assert texts(at.info)[-1] == A.t("agenda_no_stories", lang)
    # every goal in the overview, the current one without a link to itself
    overview = [m for m in texts(at.markdown) if re.match(r"\d\. ", m)]
    assert len(overview) == 10
    assert at.query_params.get("doel") == (None if goal == "vrijwilligers" else goal)
    assert any(c.startswith("Bron: " if lang == "nl" else "Source: ") for c in texts(at.caption))


@pytest.mark.parametrize("goal", GOALS)
def test_every_goal_embedded(store, data, goal):
    at = page(embed=True, doel=goal)
    assert_clean(at)
    av = A.agenda_view(store, ViewState(), goal, data)
    assert texts(at.title) == ["Sociale Agenda"]
    assert len(at.selectbox) == len(at.sidebar.radio) == 0  # no picker, no controls
    assert f"**{av.sentence}**" in texts(at.markdown)
    assert at.dataframe[0].value.equals(av.table)
    assert len(at.get("download_button")) == 0
    assert markers(at) == [s.id for s in av.stories]
    assert not [m for m in texts(at.markdown) if re.match(r"\d\. ", m)]  # no overview
    query = "" if goal == "vrijwilligers" else f"?doel={goal}"
    link = [m.value for m in at.markdown if "Bekijk in het dashboard" in m.value]
    assert link == [
        f'<a href="http://dashboard.test/agenda{query}" target="_blank" rel="noopener">'
        "Bekijk in het dashboard ↗</a>"
    ]


def test_an_unknown_or_hostile_goal_shows_a_notice_and_the_first_goal():
    at = page(doel="<script>alert(1)</script>")
    assert_clean(at)
    assert texts(at.warning) == [
        "Onbekend doel “<script>alert(1)</script>”; het eerste doel wordt getoond."
    ]
    assert at.selectbox(key="w_agenda_doel").value == "vrijwilligers"
    assert "doel" not in at.query_params  # replaced by what is shown
    # the notice is about that URL: once the reader picks a goal it is gone
    at.selectbox(key="w_agenda_doel").set_value("armoede")
    at.run()
    assert not at.warning and at.query_params.get("doel") == "armoede"
    english = page(doel="geluk", taal="en")
    assert texts(english.warning) == ["Unknown goal “geluk”; showing the first goal."]


def test_a_story_in_the_url_opens_its_goal_and_shows_it(data):
    at = page(initiatief="grolloo-zorgt")
    assert_clean(at)
    assert texts(at.header)[0] == "Gezondheid, doel 4: Langer gezond, betaalbare zorg"
    assert "Gekozen verhaal" in texts(at.caption)
    story = data.story("grolloo-zorgt")
    assert "**Grolloo Zorgt**" in texts(at.markdown)
    assert story.summary_nl in texts(at.markdown)
    # the other story of this goal is folded
    assert [e.label for e in at.expander][
        0
    ] == "Dorpscoöperatie Hollandscheveld Verbindt · Hollandscheveld"
    # the chosen one is drawn larger on the map
    (layer,) = [layer for layer in deck_layers(at) if layer["id"] == "verhalen"]
    assert [(p["id"], p["radius"]) for p in layer["data"]] == [
        ("hollandscheveld-verbindt", 9),
        ("grolloo-zorgt", 14),
    ]
    bad = page(doel="armoede", initiatief="grolloo-zorgt")
    assert texts(bad.warning) == [
        "Verhaal “grolloo-zorgt” hoort niet bij dit doel; het is genegeerd."
    ]
    assert "initiatief" not in bad.query_params


def test_picking_a_goal_writes_the_url_and_clears_the_story():
    at = page(initiatief="grolloo-zorgt")
    at.selectbox(key="w_agenda_doel").set_value("armoede")
    at.run()
    assert_clean(at)
    assert at.query_params.get("doel") == "armoede"
    assert "initiatief" not in at.query_params
    assert texts(at.header)[0] == "Bestaanszekerheid, doel 4: Armoede"


def test_add_this_view_and_a_story_to_the_slides(store, data):
    at = page(doel="armoede")
    next(b for b in at.sidebar.button if b.label.startswith("Voeg deze weergave toe")).click()
    at.switch_page("app_pages/agenda.py").run()
    assert_clean(at)
    [slide] = at.session_state["_story_draft"]
    av = A.agenda_view(store, ViewState(), "armoede", data)
    assert (slide.page, slide.item, slide.title, slide.sentence) == (
        "agenda",
        "armoede",
        "Armoede",
        av.sentence,
    )
    # a story's own button adds a story slide
    at = page(initiatief="grolloo-zorgt")
    next(b for b in at.button if b.label == "Voeg dit verhaal toe aan je presentatie").click()
    at.run()
    [story_slide] = at.session_state["_story_draft"]
    assert (story_slide.page, story_slide.item, story_slide.title) == (
        "verhaal",
        "grolloo-zorgt",
        "Grolloo Zorgt",
    )
    assert story_slide.sentence == (
        "Stichting Grolloo Zorgt wil dat dorpsgenoten zo lang mogelijk fijn in Grolloo kunnen "
        "blijven wonen."
    )


def test_goal_and_story_slides_in_presenteren(data):
    story = stories.Story(
        "Tellen en vertellen",
        (
            stories.Slide("agenda", ViewState(), "Armoede", "De nulmeting.", item="armoede"),
            stories.Slide(
                "verhaal", ViewState(), "Grolloo", "Zorg in het dorp.", item="grolloo-zorgt"
            ),
        ),
    )
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["verhaal"] = stories.story_to_param(story)
    at.run()
    at.switch_page("app_pages/presenteren.py")
    at.run()
    assert_clean(at)
    assert texts(at.title) == ["Armoede"]
    assert len(at.get("deck_gl_json_chart")) == 1
    lines = [m for m in texts(at.markdown) if " — " in m]
    assert lines == [
        "Moeite met rondkomen, Drenthe: 15,6% (2022) — nog geen nieuwe meting",
        "Bijstandsuitkeringen per 1.000 inwoners (regio's, Tabel 1), Noord-Drenthe: 28 per "
        "1.000 inwoners (2023) — nog geen nieuwe meting",
        "Bijstandsuitkeringen per 1.000 inwoners (regio's, Tabel 1), Zuidwest-Drenthe: 26 per "
        "1.000 inwoners (2023) — nog geen nieuwe meting",
        "Bijstandsuitkeringen per 1.000 inwoners (regio's, Tabel 1), Zuidoost-Drenthe: 37 per "
        "1.000 inwoners (2023) — nog geen nieuwe meting",
        "Inwoners onder de lage-inkomensgrens (regio's, Tabel 1), Noord-Drenthe: 2,6% (2023) — "
        "nog geen nieuwe meting",
        "Inwoners onder de lage-inkomensgrens (regio's, Tabel 1), Zuidwest-Drenthe: 2,5% (2023) "
        "— nog geen nieuwe meting",
    ]
    assert "En nog 13 cijfers: zie de pagina Sociale Agenda." in texts(at.caption)
    next(b for b in at.button if b.label == "Volgende").click()
    at.switch_page("app_pages/presenteren.py")
    at.run()
    assert_clean(at)
    assert texts(at.title) == ["Grolloo"]
    assert data.story("grolloo-zorgt").summary_nl in texts(at.markdown)
    assert markers(at) == ["grolloo-zorgt"]
    # its QR code opens the story on the agenda page
    assert urls.slide_url(story.slides[1]) == "/agenda?initiatief=grolloo-zorgt"
    assert urls.slide_url(story.slides[0]) == "/agenda?doel=armoede"


def test_the_map_page_shows_the_stories_of_its_indicator_when_asked():
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["indicator"] = "ervaren_gezondheid_goed"
    at.run()
    assert_clean(at)
    toggle = at.toggle(key="w_kaart_verhalen")
    assert toggle.value is False and markers(at) == []  # off by default
    toggle.set_value(True)
    rerun(at)
    assert_clean(at)
    assert markers(at) == ["hollandscheveld-verbindt", "grolloo-zorgt"]
    assert (
        "2 verhalen bij het doel Langer gezond, betaalbare zorg; klik op een stip om het "
        "verhaal te lezen." in texts(at.caption)
    )
    at.session_state["_kaart_verhaal"] = "grolloo-zorgt"  # what a click on its marker does
    rerun(at)
    assert "**Grolloo Zorgt**" in texts(at.markdown)
    other = AppTest.from_file(APP, default_timeout=120)
    other.query_params["indicator"] = "werkloosheid"
    other.run()
    other.toggle(key="w_kaart_verhalen").set_value(True)
    rerun(other)
    assert markers(other) == []
    assert any(c.startswith("Geen verhalen bij deze indicator") for c in texts(other.caption))


ASSEN = [
    "Henk Nijmeijer, regenboogambassadeur",
    "De Amsterdam Rainbow Dress in het Drents Museum",
    "Symposium van de Stichting Asser Regenboog Alliantie",
]


@pytest.mark.parametrize(
    ("code", "titles"),
    [("GM0106", ASSEN), ("GM1701", ["Dorpshuis Over Entinghe in Dwingeloo"]), ("GM0109", [])],
)
def test_the_profile_lists_the_stories_of_its_gemeente(store, code, titles):
    at = page("app_pages/profiel.py", gemeente=code)
    assert_clean(at)
    name = store.name(code)
    assert f"Verhalen uit {name}" in texts(at.header)
    assert [m.strip("*") for m in texts(at.markdown) if m.strip("*") in titles] == titles
    if not titles:
        assert f"Nog geen verhalen uit {name} bij de Sociale Agenda." in texts(at.caption)


HOSTILE = """
[[verhaal]]
id = "vijandig"
title_nl = "<b>Vet</b> **ook vet**"
summary_nl = "<script>alert(1)</script> [klik](javascript:alert(1)) :red[rood] $x^2$"
place = "<i>Assen</i>"
gemeente = "GM0106"
lat = 52.99
lon = 6.56
goals = ["inclusie"]
theme = "inclusie"
year = 2024
source = "Test"

[[verhaal]]
id = "buiten-drenthe"
title_nl = "Groningen"
summary_nl = "Ligt niet in Drenthe."
place = "Groningen"
gemeente = "GM0106"
lat = 53.2194
lon = 6.5665
goals = ["inclusie"]
theme = "inclusie"
year = 2024
source = "Test"
"""


@pytest.fixture
def hostile_folder(tmp_path, monkeypatch):
    folder = tmp_path / "verhalen"
    folder.mkdir()
    (folder / "a_vijandig.toml").write_text(HOSTILE, encoding="utf-8")
    (folder / "b_kapot.toml").write_text("[[verhaal]\n", encoding="utf-8")
    monkeypatch.setattr(verhalen_module, "VERHALEN_DIR", folder)
    resources.agenda_data.clear()
    yield folder
    resources.agenda_data.clear()


def test_a_hostile_story_file_is_shown_as_text(hostile_folder):
    at = page(doel="inclusie", initiatief="vijandig")
    assert_clean(at)
    warnings = texts(at.warning)
    assert warnings == [
        "Let op in data/verhalen: data/verhalen/a_vijandig.toml, verhaal 1 'vijandig', "
        "title_nl: bevat HTML of opmaak (<b>); het dashboard toont het als gewone tekst",
        "Let op in data/verhalen: data/verhalen/a_vijandig.toml, verhaal 1 'vijandig', "
        "summary_nl: bevat HTML of opmaak (<script>); het dashboard toont het als gewone tekst",
        "Een verhaal in data/verhalen is overgeslagen: data/verhalen/a_vijandig.toml, verhaal 2 "
        "'buiten-drenthe', lat, lon: het punt (53.2194, 6.5665) ligt buiten Drenthe",
        "Een verhaal in data/verhalen is overgeslagen: data/verhalen/b_kapot.toml: geen geldige "
        "TOML: Expected ']]' at the end of an array declaration (at line 1, column 10)",
    ]
    # the story is there, its texts escaped: markdown shows them literally, never as markup
    raw = [m.value for m in at.markdown]
    assert "**\\<b\\>Vet\\<\\/b\\> \\*\\*ook vet\\*\\***" in raw
    assert (
        "\\<script\\>alert\\(1\\)\\<\\/script\\> \\[klik\\]\\(javascript\\:alert\\(1\\)\\) "
        "\\:red\\[rood\\] \\$x\\^2\\$" in raw
    )
    assert not any("<script>" in m for m in raw)
    # and the map's tooltip gets it as plain text, once: Streamlit's deck.gl element
    # HTML-escapes each value it fills in (escaped here too, it showed "&lt;b&gt;")
    (layer,) = [layer for layer in deck_layers(at) if layer["id"] == "verhalen"]
    (point,) = layer["data"]
    assert point["name"] == "<b>Vet</b> **ook vet**"
    assert point["tip_value"] == "<i>Assen</i>"
