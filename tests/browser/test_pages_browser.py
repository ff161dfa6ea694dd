"""The other pages in a real browser: they render without errors, their charts are drawn,
and the shared view (URL) survives page switches."""

from __future__ import annotations

import pytest

from dashboard.testing import wait_dataframes_drawn, wait_drawn, wait_vega_drawn
from tests.support.browser import assert_no_errors, body_text, open_page, shoot


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
    assert wait_vega_drawn(page) == 1  # the themes chart
    assert_no_errors(page)
    shoot(page, f"profiel-{code}")


def test_about_page(page, app_url, store):
    open_page(page, f"{app_url}/over?indicator=werkloosheid")
    assert page.locator("h1").first.inner_text() == "Over de data"
    page.get_by_label("Zoek in de indicatoren").fill("werkloos")
    page.keyboard.press("Enter")
    page.get_by_text(f"1 van de {len(store.catalog)} indicatoren").wait_for(timeout=30_000)
    assert wait_dataframes_drawn(page, 2) == 2  # the catalogue and the data of the view
    assert wait_drawn(page, "[data-testid='stDownloadButton']", "button", 6) == 6
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
    assert wait_vega_drawn(page, 2) == 2  # the strip of gemeenten and the regions map
    assert wait_dataframes_drawn(page) == 1  # the comparison table
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
    assert wait_vega_drawn(page, 2) == 2  # the lines and the small multiples
    assert_no_errors(page)
    shoot(page, f"trends-{name}")
