"""The change map in a real browser: ?vanaf= draws the change map and the slope chart beside
it, with its summary; the timeline's play button steps through the periods."""

from __future__ import annotations

import pytest

from dashboard.testing import MAP_CANVAS, wait_vega_drawn
from tests.support.browser import assert_no_errors, body_text, open_view, shoot


@pytest.mark.parametrize(
    ("lang", "heading", "summary"),
    [
        (
            "nl",
            "Van 2019 naar 2024",
            "Werkloosheid 2019–2024: in alle 12 gemeenten gedaald; het sterkst in Emmen",
        ),
        (
            "en",
            "From 2019 to 2024",
            "Unemployment 2019–2024: fallen in all 12 municipalities; most in Emmen",
        ),
    ],
)
def test_change_map_and_slope_chart(page, app_url, lang, heading, summary):
    query = "?indicator=werkloosheid&vanaf=2019&gemeente=GM0114"
    open_view(page, app_url + "/" + query + ("&taal=en" if lang == "en" else ""))
    assert page.locator(MAP_CANVAS).count() == 1
    page.get_by_role("heading", name=heading).wait_for(timeout=60_000)
    assert wait_vega_drawn(page, at_least=2) >= 2  # the slope chart and the ranking
    text = body_text(page)
    assert summary in text
    assert ("Verandering 2019–2024" if lang == "nl" else "Change 2019–2024") in text
    assert "vanaf=2019" in page.url
    assert_no_errors(page)
    shoot(page, f"verandering-werkloosheid-{lang}")


def test_play_advances_the_period_and_pause_keeps_it_in_the_url(page, app_url):
    open_view(page, app_url + "/?indicator=werkloosheid&periode=2020")
    page.get_by_role("button", name="Afspelen").click()
    page.wait_for_url("**periode=2021**", timeout=60_000)
    page.wait_for_url("**periode=2022**", timeout=60_000)
    page.get_by_role("button", name="Pauzeren").click()
    page.get_by_role("button", name="Afspelen").wait_for(timeout=60_000)
    paused = page.url
    page.wait_for_timeout(4_000)
    assert page.url == paused  # paused: no more steps, the URL names the period shown
    shown = paused.split("periode=")[1][:4]
    assert page.get_by_role("combobox", name="Periode").input_value() == shown
    assert f"Werkloosheid in {shown}" in body_text(page)
    assert_no_errors(page)
    shoot(page, "tijdlijn-gepauzeerd")


def test_the_timeline_slider_takes_the_keyboard(page, app_url):
    open_view(page, app_url + "/?indicator=werkloosheid&periode=2020")
    thumb = page.get_by_role("slider").first
    thumb.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_url("**periode=2021**", timeout=60_000)
    page.get_by_role("slider").first.focus()
    page.keyboard.press("Home")
    page.wait_for_url("**periode=2013**", timeout=60_000)
    assert_no_errors(page)


def test_embedded_change_map(page, app_url):
    open_view(page, app_url + "/?indicator=werkloosheid&vanaf=2019&embed=true")
    assert page.locator(MAP_CANVAS).count() == 1
    text = body_text(page)
    assert "Werkloosheid 2019–2024: in alle 12 gemeenten gedaald" in text
    assert "Verandering 2019–2024 (procentpunt)" in text
    assert "None" not in text  # no stray value written by Streamlit's magic
    assert_no_errors(page)
    shoot(page, "verandering-embed")


def test_change_ranking_and_table_below(page, app_url):
    open_view(page, app_url + "/?indicator=koopwoningen_aandeel&vanaf=2012&gemeente=GM0106")
    heading = page.get_by_role("heading", name="Rangorde van de verandering")
    heading.wait_for(timeout=60_000)
    heading.scroll_into_view_if_needed()
    assert wait_vega_drawn(page, at_least=2) >= 2
    page.get_by_text("Tabel van de verandering").wait_for(timeout=60_000)
    assert_no_errors(page)
    shoot(page, "verandering-koopwoningen-onder", full_page=False)
