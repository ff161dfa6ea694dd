"""Presenteren in AppTest: the shipped story, stepping through it, a story from a link,
hostile links, and a story built with 'Voeg deze weergave toe'."""

from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.state import ViewState
from dashboard.views import mapview, regionsview, stories, trendview
from tests.support.apptest import APP, assert_clean, texts

SHIPPED = stories.STORIES_DIR / "sociale_agenda_2024_nulmeting.toml"


def present(**params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    at.switch_page("app_pages/presenteren.py")
    return at.run()


def step(at: AppTest, label: str) -> AppTest:
    next(b for b in at.button if b.label == label).click()
    at.switch_page("app_pages/presenteren.py")
    return at.run()


def test_the_shipped_story_slide_by_slide(store):
    story = stories.load_story(SHIPPED, store)
    at = present()
    assert_clean(at)
    assert not at.error
    for n, slide in enumerate(story.slides, start=1):
        assert texts(at.title) == [slide.title], n
        html = " ".join(e.proto.body for e in at.get("html"))
        assert f"dia {n} van {len(story.slides)}" in html
        assert slide.sentence.replace("'", "&#x27;") in html
        # the projected slide never shows the speaker notes
        assert slide.notes[:40] not in " ".join(texts(at.markdown) + texts(at.text))
        at = step(at, "Volgende")
        assert_clean(at)
    assert texts(at.title) == [story.slides[-1].title]  # stays on the last slide
    at = step(at, "Eerste")
    assert texts(at.title) == [story.slides[0].title]
    at = step(at, "Laatste")
    assert texts(at.title) == [story.slides[-1].title]


def test_a_story_from_a_link(store):
    story = stories.load_story(SHIPPED, store)
    short = stories.Story("Twee dia's", story.slides[3:5])
    at = present(verhaal=stories.story_to_param(short))
    assert_clean(at)
    assert texts(at.title) == [story.slides[3].title]
    assert not at.warning


def test_a_hostile_link_is_a_notice_not_a_crash():
    at = present(verhaal="<script>alert(1)</script>" + "x" * 10_000)
    assert_clean(at)
    assert len(at.warning) >= 1
    # the shipped story is offered instead
    assert at.selectbox(key="w_verhaal").value == "sociale_agenda_2024_nulmeting"


def test_speaker_notes_view(store):
    story = stories.load_story(SHIPPED, store)
    at = present(verhaal=stories.story_to_param(story), notities="1")
    assert_clean(at)
    assert texts(at.title) == [f"Sprekersnotities: {story.title}"]
    assert story.slides[0].notes in texts(at.text)


def test_add_this_view_builds_an_own_story():
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["indicator"] = "werkloosheid"
    at.run()
    button = next(b for b in at.sidebar.button if b.label.startswith("Voeg deze weergave toe"))
    assert button.label == "Voeg deze weergave toe (0)"
    button.click()
    at._finished_page_script_hash = ""
    at.run()
    assert_clean(at)
    draft = at.session_state["_story_draft"]
    assert [(s.page, s.view.indicator, s.title) for s in draft] == [
        ("kaart", "werkloosheid", "Werkloosheid")
    ]
    assert draft[0].sentence.startswith("Werkloosheid in 2024: het hoogst in Assen")


def test_the_story_links_on_the_page(store):
    """'Verhaal delen': the link of the story without notes, and the speaker-notes page link."""
    story = stories.load_story(SHIPPED, store)
    at = AppTest.from_file(APP, default_timeout=120)
    at.context = {"url": "http://dashboard.test/"}
    at.run()
    at.switch_page("app_pages/presenteren.py")
    at.run()
    assert_clean(at)
    packed = stories.story_to_param(story, include_notes=False)
    assert [c.value for c in at.code] == [f"http://dashboard.test/presenteren?verhaal={packed}"]
    (link,) = at.get("page_link")
    assert (link.proto.page, link.proto.query_string) == (
        "presenteren",
        f"verhaal={stories.story_to_param(story)}&notities=1",
    )


def y_orders(at: AppTest) -> list[list[str]]:
    """The category order (``sort``) of every y encoding of the charts drawn, chart by chart."""
    orders = []
    for chart in at.get("vega_lite_chart"):
        found = re.findall(r'"y":\s*\{[^{}]*"sort":\s*(\[[^\]]*\])', chart.proto.spec)
        orders.append(json.loads(found[0]) if found else [])
    return orders


TABEL1_ORDER = ["Noord-Drenthe", "Zuidwest-Drenthe", "Zuidoost-Drenthe"]


def test_a_regions_slide_draws_the_regions_in_the_order_of_its_page(store):
    story = stories.load_story(SHIPPED, store)
    assert story.slides[0].page == "regios"
    at = present()
    assert texts(at.title) == [story.slides[0].title]
    assert y_orders(at) == [TABEL1_ORDER]
    # the Regio's page of the same view: the same order (its strip is the first chart)
    page = AppTest.from_file(APP, default_timeout=120)
    page.query_params["indicator"] = story.slides[0].view.indicator
    page.run()
    page.switch_page("app_pages/regios.py").run()
    assert y_orders(page)[0] == TABEL1_ORDER


@pytest.mark.parametrize(
    ("path", "page"),
    [("app_pages/regios.py", "regios"), ("app_pages/trends.py", "trends")],
)
def test_a_slide_added_on_a_page_says_that_pages_sentence(store, path, page):
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["indicator"] = "werkloosheid"
    at.query_params["gemeente"] = "GM0114"
    at.run()
    at.switch_page(path).run()
    next(b for b in at.sidebar.button if b.label.startswith("Voeg deze weergave toe")).click()
    at.switch_page(path).run()
    assert_clean(at)
    [slide] = at.session_state["_story_draft"]
    view = ViewState(indicator="werkloosheid", gemeenten=("GM0114",))
    expected = {
        "regios": regionsview.regions_view(store, view).summary,
        "trends": trendview.trend_view(store, view).summary,
    }[page]
    assert (slide.page, slide.sentence) == (page, expected[: stories.MAX_SENTENCE])
    assert slide.sentence != mapview.map_view(store, view).summary
