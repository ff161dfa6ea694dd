"""Workshop mode in a real browser: the shipped story on a 1920 x 1080 projector, stepped
through with the keys a presenter's clicker sends; and the map on a phone."""

from __future__ import annotations

import pytest

from dashboard.testing import MAP_CANVAS, wait_map_painted, wait_script_finished, wait_vega_drawn
from tests.support.browser import assert_no_errors, new_page, open_page, open_view, shoot

IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1"
)


@pytest.fixture
def projector(browser):
    page = new_page(browser, viewport={"width": 1920, "height": 1080})
    yield page
    page.context.close()


def slide_title(page) -> str:
    return page.locator("h1").first.inner_text()


def wait_for_title(page, previous: str, timeout: float = 60_000) -> str:
    page.wait_for_function(
        "prev => { const h = document.querySelector('h1'); return h && h.innerText !== prev; }",
        arg=previous,
        timeout=timeout,
    )
    wait_script_finished(page, timeout=timeout)  # the slide's run is over: ready for a key
    return slide_title(page)


def test_keys_step_through_the_story(projector, app_url):
    page = projector
    open_page(page, f"{app_url}/presenteren")
    assert wait_vega_drawn(page) == 1  # the first slide's chart
    assert slide_title(page) == "Drie regio's, één nulmeting"
    assert "dia 1 van 12" in page.locator(".bw-slide-number").inner_text()
    assert page.locator("[data-testid='stSidebar']").is_hidden()  # presentation layout
    # projector-readable: headline >= 48 px, the key sentence >= 28 px
    size = "el => parseFloat(getComputedStyle(el).fontSize)"
    assert page.locator("h1").first.evaluate(size) >= 48
    assert page.locator(".bw-sentence").evaluate(size) >= 28
    qr = page.locator(".bw-qr img")
    assert qr.is_visible() and qr.evaluate("img => img.naturalWidth") > 0
    assert "/regios?indicator=tabel1_bijstand" in qr.get_attribute("alt")
    shoot(page, "presenteren-dia-1", full_page=False)

    page.locator("h1").first.click()  # focus the page, not a widget
    seen = [slide_title(page)]
    for key in ("ArrowRight", "PageDown", "ArrowRight"):
        page.keyboard.press(key)
        seen.append(wait_for_title(page, seen[-1]))
    assert seen == [
        "Drie regio's, één nulmeting",
        "Inkomen: Zuidoost-Drenthe het laagst",
        "Onder de lage-inkomensgrens",
        "Bijstand: Zuidoost-Drenthe het hoogst",
    ]
    page.locator(MAP_CANVAS).first.wait_for(timeout=60_000)
    wait_map_painted(page)
    shoot(page, "presenteren-dia-4", full_page=False)
    page.keyboard.press("ArrowLeft")
    assert wait_for_title(page, seen[-1]) == seen[-2]
    page.keyboard.press("PageUp")
    assert wait_for_title(page, seen[-2]) == seen[-3]
    page.keyboard.press("End")
    assert wait_for_title(page, seen[-3]) == "Vertrouwen in anderen"
    page.keyboard.press("Home")
    assert wait_for_title(page, "Vertrouwen in anderen") == seen[0]
    assert_no_errors(page)


def test_map_on_a_phone(browser, app_url):
    page = new_page(
        browser,
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
        user_agent=IPHONE,
    )
    try:
        open_view(page, app_url + "/?indicator=vrijwilligerswerk")  # fails unless painted
        assert page.locator("h1").first.inner_text() == "Vrijwilligerswerk"
        # nothing wider than the phone: no sideways scrolling
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert "Van Westerveld zijn geen gegevens." in page.locator("body").inner_text()
        assert_no_errors(page)
        shoot(page, "telefoon-kaart")
    finally:
        page.context.close()
