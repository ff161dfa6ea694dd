"""The other pages in a real browser: they render without errors, their charts are drawn,
and the shared view (URL) survives page switches."""

from __future__ import annotations

import pytest

from tests.browser.conftest import SCREENSHOTS
from tests.browser.test_map_browser import assert_no_errors, body_text


def open_page(page, url: str, timeout: float = 90_000) -> None:
    page.goto(url)
    page.locator("h1").first.wait_for(timeout=timeout)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=timeout
    )
    page.wait_for_timeout(800)


def shoot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


VEGA = "[data-testid='stVegaLiteChart'] canvas, [data-testid='stVegaLiteChart'] svg.marks"


def vega_drawn(page, at_least: int = 1, timeout: float = 30_000) -> int:
    """Number of drawn Vega charts (a canvas or an svg with marks), once `at_least` are."""
    page.locator(VEGA).nth(at_least - 1).wait_for(timeout=timeout)
    return page.locator(VEGA).count()


@pytest.mark.parametrize("code", ["GM1730", "GM1701"])
def test_profile_page(page, app_url, code):
    open_page(page, f"{app_url}/profiel?gemeente={code}")
    page.get_by_role("heading", name="Vergelijkbare gemeenten").wait_for(timeout=60_000)
    assert page.locator("h1").first.inner_text() == "Gemeenteprofiel"
    name = {"GM1730": "Tynaarlo", "GM1701": "Westerveld"}[code]
    assert page.get_by_role("combobox", name="Gemeente", exact=True).input_value() == name
    text = body_text(page)
    assert f"scoort {name} er" in text
    assert "Vergelijkbare gemeenten" in text
    assert vega_drawn(page) >= 1
    assert_no_errors(page)
    shoot(page, f"profiel-{code}")


def test_about_page(page, app_url):
    open_page(page, f"{app_url}/over?indicator=werkloosheid")
    assert page.locator("h1").first.inner_text() == "Over de data"
    page.get_by_label("Zoek in de indicatoren").fill("werkloos")
    page.keyboard.press("Enter")
    page.get_by_text("1 van de 74 indicatoren").wait_for(timeout=30_000)
    page.locator("[data-testid='stDataFrame']").nth(1).wait_for(timeout=30_000)
    page.locator("[data-testid='stDownloadButton']").nth(5).wait_for(timeout=30_000)
    page.wait_for_timeout(1500)
    assert_no_errors(page)
    shoot(page, "over")


def test_view_survives_page_switches(page, app_url):
    open_page(page, f"{app_url}/?indicator=werkloosheid&gemeente=GM0114")
    page.get_by_role("link", name="Gemeenteprofiel").click()
    page.wait_for_url("**/profiel?indicator=werkloosheid&gemeente=GM0114", timeout=60_000)
    assert page.get_by_role("combobox", name="Gemeente", exact=True).input_value() == "Emmen"
    page.get_by_role("link", name="Kaart").click()
    page.wait_for_url("**/?indicator=werkloosheid&gemeente=GM0114", timeout=60_000)
    page.get_by_role("heading", name="Werkloosheid", exact=True).wait_for(timeout=60_000)
    assert_no_errors(page)


def test_regions_page(page, app_url):
    open_page(page, f"{app_url}/regios?indicator=tabel1_bijstand")
    page.get_by_role("heading", name="Alle indicatoren per regio").wait_for(timeout=60_000)
    assert page.locator("h1").first.inner_text() == "Regio's"
    text = body_text(page)
    assert "het slechtst in Zuidoost-Drenthe (37 per 1.000 inwoners)" in text
    assert vega_drawn(page, at_least=2) >= 2  # the strip of gemeenten and the regions map
    page.locator("[data-testid='stDataFrame']").first.wait_for(timeout=30_000)
    page.wait_for_timeout(1500)
    assert_no_errors(page)
    shoot(page, "regios-tabel1-bijstand")


@pytest.mark.parametrize(
    ("name", "query", "sentence"),
    [
        ("werkloosheid", "indicator=werkloosheid&gemeente=GM0114,GM1730", "Werkloosheid van"),
        ("overgewicht", "indicator=overgewicht&gemeente=GM0114", "niet met elkaar te vergelijken"),
    ],
)
def test_trends_page(page, app_url, name, query, sentence):
    open_page(page, f"{app_url}/trends?{query}")
    page.get_by_role("heading", name="Per gemeente").wait_for(timeout=60_000)
    assert page.locator("h1").first.inner_text().startswith("Trends: ")
    assert sentence in body_text(page)
    assert vega_drawn(page, at_least=2) >= 2  # the lines and the small multiples
    page.wait_for_timeout(1500)
    assert_no_errors(page)
    shoot(page, f"trends-{name}")
