"""The change map in a real browser: ?vanaf= draws the change map and the slope chart beside
it, with its summary; the timeline's play button steps through the periods."""

from __future__ import annotations

import pytest

from dashboard.testing import MAP_CANVAS, wait_script_finished, wait_vega_drawn
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


@pytest.mark.parametrize(
    ("lang", "option", "summary", "legend"),
    [
        (
            "nl",
            "procenten (relatief)",
            "Werkloosheid 2019–2024 (relatieve verandering): in alle 12 gemeenten gedaald; het "
            "sterkst in Noordenveld (−23,1%)",
            "Verandering 2019–2024 (% van de beginwaarde)",
        ),
        (
            "en",
            "per cent (relative)",
            "Unemployment 2019–2024 (relative change): fallen in all 12 municipalities; most in "
            "Noordenveld (−23.1%)",
            "Change 2019–2024 (% of the start value)",
        ),
    ],
)
def test_choosing_relative_change_on_the_map_page(page, app_url, lang, option, summary, legend):
    query = "?indicator=werkloosheid&vanaf=2019&gemeente=GM0114" + (
        "&taal=en" if lang == "en" else ""
    )
    open_view(page, app_url + "/" + query)
    page.get_by_text(option, exact=True).click()
    page.wait_for_url("**verandering=relatief**", timeout=60_000)
    page.get_by_text(summary).first.wait_for(timeout=60_000)
    assert wait_vega_drawn(page, at_least=2) >= 2
    text = body_text(page)
    assert legend in text
    assert "vanaf=2019" in page.url
    assert_no_errors(page)
    shoot(page, f"verandering-werkloosheid-relatief-{lang}")


def test_the_change_controls_sit_on_the_map_and_vanaf_survives_page_switches(page, app_url):
    open_view(page, app_url + "/?indicator=werkloosheid&vanaf=2019&verandering=relatief")
    sidebar = page.locator("[data-testid='stSidebar']")
    main = page.locator("[data-testid='stMain']")
    assert "Verandering sinds" not in sidebar.inner_text()
    assert "Verandering sinds" in main.inner_text() and "Verandering in" in main.inner_text()
    page.get_by_role("link", name="Trends").click()
    page.wait_for_url("**/trends?**vanaf=2019**", timeout=60_000)
    assert "verandering=relatief" in page.url
    page.get_by_role("heading", name="Trends: Werkloosheid").wait_for(timeout=60_000)
    wait_script_finished(page, timeout=60_000)
    assert "Verandering sinds" not in body_text(page)  # no control where it has no effect
    page.get_by_role("link", name="Kaart").click()
    page.wait_for_url("**/?**vanaf=2019**", timeout=60_000)
    page.get_by_text("Werkloosheid 2019–2024 (relatieve verandering)").first.wait_for(
        timeout=60_000
    )
    assert "verandering=relatief" in page.url
    assert_no_errors(page)


def test_an_embedded_relative_change_map_has_no_controls(page, app_url):
    open_view(page, app_url + "/?indicator=werkloosheid&vanaf=2019&verandering=relatief&embed=true")
    text = body_text(page)
    assert "Werkloosheid 2019–2024 (relatieve verandering)" in text
    assert "Verandering sinds" not in text and "Verandering in" not in text
    assert_no_errors(page)


def test_a_health_change_map_marks_what_is_not_significant(page, app_url):
    open_view(page, app_url + "/?indicator=wekelijks_sporten&vanaf=2020")
    text = body_text(page)
    assert "In 10 gemeenten is de verandering niet significant." in text
    assert "niet significant" in page.locator(".bw-legend").inner_text()
    assert_no_errors(page)
    shoot(page, "verandering-wekelijks-sporten-marges")
