"""The Sociale Agenda's view model (views/agenda.py): each goal's figures and verdicts, its
sentence, its stories, the ?doel= / ?initiatief= parameters, and progress once newer figures
come in (a store with added observations)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from dashboard.model import goals as G
from dashboard.model.schema import OBS_KEY, make_observations
from dashboard.state import Notice, ViewState
from dashboard.views import agenda as A


@pytest.fixture(scope="module")
def data(store):
    return A.load_agenda(store)


@pytest.fixture(scope="module")
def armoede(store, data):
    return A.agenda_view(store, ViewState(), "armoede", data)


def test_every_goal_has_a_view_in_both_languages(store, data):
    for goal in data.goals:
        for lang in ("nl", "en"):
            av = A.agenda_view(store, ViewState(lang=lang), goal.id, data)
            assert len(av.table) == len(goal.measures) == len(av.rows)
            assert av.sentence.startswith(goal.short(lang) + ": ")
            assert len(av.sentence) <= 300  # it fits a slide's key sentence
            assert "nan" not in av.table.to_string().lower()
            assert av.source.startswith("Bron: " if lang == "nl" else "Source: ")


def test_poverty_figures_as_shown(armoede):
    table = armoede.table
    assert list(table.columns) == [
        "Indicator",
        "Gebied",
        "Nulmeting",
        "Periode nulmeting",
        "Nieuwste meting",
        "Periode nieuwste",
        "Verandering",
        "Beoordeling",
        "Voortgang naar doel",
        "Bron",
        "Toelichting",
    ]
    first = table.iloc[0]
    assert first.iloc[:8].tolist() == [
        "Moeite met rondkomen",
        "Drenthe",
        "15,6%",
        "2022",
        "—",  # missing is a dash, never 0
        "—",
        "—",
        "nog geen nieuwe meting",
    ]
    assert first["Bron"].endswith(", regel 1330")
    zuidoost = table[(table["Gebied"] == "Zuidoost-Drenthe")].iloc[0]
    assert zuidoost["Nulmeting"] == "37 per 1.000 inwoners"
    # the CBS income of Noord-Drenthe, checked by hand in 86004NED (GemiddeldBesteedbaar-
    # Inkomen_5, incl. studenten): 51.1 in 2022, 54.7 in 2023
    noord = table[(table["Gebied"] == "Noord-Drenthe") & table["Bron"].str.startswith("CBS")]
    assert noord.iloc[0, :8].tolist() == [
        "Gemiddeld besteedbaar inkomen",
        "Noord-Drenthe",
        "€ 51,1 duizend",
        "2022",
        "€ 54,7 duizend",
        "2023",
        "+€ 3,6 duizend",
        "beter",
    ]
    assert noord.iloc[0]["Bron"] == "CBS, tabel 86004NED; in het verslag € 51,2 duizend (regel 187)"
    approx = table[(table["Gebied"] == "Emmen")].iloc[0]
    assert (approx["Nulmeting"], approx["Periode nulmeting"]) == ("10,0%", "2024 (benadering)")
    assert armoede.counts == {"no_new": 15, "better": 4}


def test_the_sentences_of_the_goals(store, data):
    lines = {line.goal.id: line.sentence for line in A.agenda_overview(store, data, "nl")}
    assert lines["armoede"] == (
        "Armoede: alle 4 cijfers met een nieuwe meting zijn sinds de nulmeting gunstiger; 15 "
        "cijfers hebben nog geen nieuwe meting; bijstandsuitkeringen per 1.000 inwoners "
        "(regio's, Tabel 1): het hoogst in Zuidoost-Drenthe (37 per 1.000 inwoners, 2023)."
    )
    assert lines["vrijwilligers"] == (
        "Vrijwilligers en bewonersinitiatieven: nog geen nieuwe meting sinds de nulmeting (9 "
        "cijfers); vrijwilligerswerk: het laagst in Assen (46,3%, 2023)."
    )
    assert lines["laaggeletterdheid"] == (
        "Laaggeletterdheid: nog geen nieuwe meting sinds de nulmeting (1 cijfer)."
    )
    # a Tabel 1 row without a year says so instead of showing the report's year
    assert lines["overheden_participeren"].endswith(
        "vertrouwen in andere mensen (regio's, Tabel 1): het laagst in Zuidoost-Drenthe (63,8%, "
        "jaar niet vermeld)."
    )
    english = {line.goal.id: line.sentence for line in A.agenda_overview(store, data, "en")}
    assert english["armoede"] == (
        "Poverty: all 4 figures with a new measurement are better than at the baseline; 15 "
        "figures have no new measurement yet; social assistance benefits per 1,000 residents "
        "(regions, Table 1): highest in Zuidoost-Drenthe (37 per 1,000 residents, 2023)."
    )


def test_a_target_without_a_value(store, data):
    av = A.agenda_view(store, ViewState(), "jongeren_gezond", data)
    assert av.target == (
        "Doel voor 2027: substantieel hoger, bij de uitkomst van de volgende "
        "gezondheidsmonitor; het verslag noemt geen streefwaarde. Nulmeting: Ervaren "
        "gezondheid jongeren 80% (2023). Er is nog geen nieuwe meting om de voortgang aan af "
        "te lezen."
    )
    assert av.table["Voortgang naar doel"].tolist() == [
        "doel 2027, geen streefwaarde genoemd",
        "",
        "",
        "",
    ]
    assert A.agenda_view(store, ViewState(), "armoede", data).target == ""


def with_rows(store, rows: list[dict]) -> object:
    """The store with these observations added (a newer measurement)."""
    extra = make_observations(pd.DataFrame(rows))
    observations = pd.concat([store.observations, extra], ignore_index=True)
    return dataclasses.replace(store, observations=observations.sort_values(OBS_KEY))


def test_newer_figures_better_and_within_the_margin(store, data):
    newer = with_rows(
        store,
        [
            # a later health monitor (invented): 71.0 [69.7, 72.3] overlaps 70.2 [68.9, 71.5]
            {"indicator_id": "ervaren_gezondheid_goed", "region_code": "PV22",
             "period": "2024", "value": 71.0, "lower": 69.7, "upper": 72.3, "status": ""},
            # 48.9 [47.6, 50.2] is clear of 46.0 [44.6, 47.5]: better
            {"indicator_id": "beweegrichtlijn", "region_code": "PV22",
             "period": "2024", "value": 48.9, "lower": 47.6, "upper": 50.2, "status": ""},
        ],
    )  # fmt: skip
    av = A.agenda_view(newer, ViewState(), "gezond_leven", data)
    rows = {(r.indicator.id, r.region): r for r in av.rows}
    health = rows[("ervaren_gezondheid_goed", "PV22")]
    assert (health.assessment.status, round(health.assessment.change, 1)) == ("within_margin", 0.8)
    assert rows[("beweegrichtlijn", "PV22")].assessment.status == "better"
    shown = av.table.iloc[0]
    assert shown.iloc[4:8].tolist() == [
        "71,0%",
        "2024",
        "+0,8 procentpunt",
        "binnen de foutmarge (perioden niet goed vergelijkbaar)",
    ]
    assert av.sentence == (
        "Langer gezond, betaalbare zorg: 1 van de 2 cijfers met een nieuwe meting is sinds de "
        "nulmeting gunstiger, 1 binnen de foutmarge; 17 cijfers hebben nog geen nieuwe meting; "
        "ervaren gezondheid (zeer) goed: het laagst in Emmen (67,0%, 2022)."
    )


def test_a_worse_figure_and_progress_to_a_target_value(store, data, tmp_path):
    # a goals file whose youth goal has a target value of 90% in 2027
    text = G.GOALS_FILE.read_text(encoding="utf-8").replace(
        "year = 2027\n", "year = 2027\nvalue = 90\n"
    )
    path = tmp_path / "goals.toml"
    path.write_text(text, encoding="utf-8")
    newer = with_rows(
        store,
        [
            {"indicator_id": "jongeren_ervaren_gezondheid", "region_code": "PV22",
             "period": "2025", "value": 85.0, "lower": np.nan, "upper": np.nan, "status": ""},
            {"indicator_id": "jongeren_stress", "region_code": "PV22",
             "period": "2025", "value": 53.0, "lower": np.nan, "upper": np.nan, "status": ""},
        ],
    )  # fmt: skip
    goals = G.load_goals(newer.catalog, path)
    own = A.AgendaData(goals, data.verhalen)
    av = A.agenda_view(newer, ViewState(), "jongeren_gezond", own)
    target = next(r for r in av.rows if r.is_target)
    assert target.progress == pytest.approx(0.5)  # 80% -> 85% of the way to 90%
    assert av.table["Voortgang naar doel"].iloc[0] == "50% van de weg (doel 2027)"
    assert av.table["Beoordeling"].tolist()[:3] == [
        "beter",
        "nog geen nieuwe meting",
        "slechter",  # stress 50% -> 53%
    ]
    assert av.target.endswith(
        "Streefwaarde: 90%. Nieuwste meting 85% (2025): 50% van de weg naar de streefwaarde."
    )
    assert av.sentence == (
        "Jongeren voelen zich gezonder: 1 van de 2 cijfers met een nieuwe meting is sinds de "
        "nulmeting gunstiger, 1 ongunstiger; 2 cijfers hebben nog geen nieuwe meting."
    )


def test_stories_of_goals_gemeenten_and_indicators(data):
    assert [s.id for s in data.stories_of_goal("inclusie")] == [
        "regenboogambassadeur",
        "rainbow-dress-drents-museum",
        "asser-regenboog-alliantie",
        "drag-queen-show-westerbork",
        "nieuwkomersklas-noordenveld",
    ]
    assert [s.id for s in data.stories_in("GM0118")] == [
        "wenning-pesse",
        "hollandscheveld-verbindt",
        "talentenjagers-hoogeveen",
    ]
    assert data.stories_in("GM0109") == ()  # Coevorden: none in the report
    assert [s.id for s in data.stories_for_indicator("ervaren_gezondheid_goed")] == [
        "hollandscheveld-verbindt",
        "grolloo-zorgt",
    ]
    assert data.stories_for_indicator("werkloosheid") == ()


def test_the_goal_and_story_in_the_url(data):
    parse = lambda **p: A.parse_agenda_query(p, data)  # noqa: E731
    assert parse() == ("vrijwilligers", None, [])
    assert parse(doel="armoede") == ("armoede", None, [])
    assert parse(doel=["vrijwilligers", "armoede"]) == ("armoede", None, [])  # the last wins
    assert parse(doel="<script>") == (
        "vrijwilligers",
        None,
        [Notice("doel", "<script>", "unknown_goal")],
    )
    # a story alone opens its first goal
    assert parse(initiatief="grolloo-zorgt") == ("gezond_leven", "grolloo-zorgt", [])
    assert parse(doel="vrijwilligers", initiatief="grolloo-zorgt") == (
        "vrijwilligers",
        "grolloo-zorgt",
        [],
    )
    assert parse(doel="armoede", initiatief="grolloo-zorgt") == (
        "armoede",
        None,
        [Notice("initiatief", "grolloo-zorgt", "story_not_in_goal")],
    )
    assert parse(initiatief="bestaat-niet") == (
        "vrijwilligers",
        None,
        [Notice("initiatief", "bestaat-niet", "unknown_story")],
    )


def test_agenda_urls(data):
    assert A.agenda_url(ViewState(), "vrijwilligers", None, data.default_goal) == "/agenda"
    assert A.agenda_url(ViewState(lang="en"), "armoede", None, data.default_goal) == (
        "/agenda?taal=en&doel=armoede"
    )
    assert A.agenda_url(ViewState(), "gezond_leven", "grolloo-zorgt", data.default_goal) == (
        "/agenda?doel=gezond_leven&initiatief=grolloo-zorgt"
    )
    # behind a proxy's prefix (urls.app_root)
    assert A.agenda_url(ViewState(), "armoede", None, data.default_goal, "https://x.nl/bw") == (
        "https://x.nl/bw/agenda?doel=armoede"
    )


def test_goal_choices_and_slide_sentences(data):
    choices = A.goal_choices(data, "nl")
    assert choices["gezond_leven"] == "Gezondheid · 4. Langer gezond, betaalbare zorg"
    assert (
        A.goal_choices(data, "en")["inclusie"] == "Inclusion and diversity · 7. Inclusive society"
    )
    # a first sentence too short to stand alone (under 40 characters): cut with '…'
    long = "Eerste zin. " + "x" * 400
    assert A.slide_sentence(long, 300) == ("Eerste zin. " + "x" * 287 + "…")
    text = "Een zin van ruim veertig tekens, die eindigt met een punt. Dan nog " + "y" * 300
    assert A.slide_sentence(text, 300) == (
        "Een zin van ruim veertig tekens, die eindigt met een punt."
    )
    assert A.slide_sentence("kort", 300) == "kort"
