"""The map page in a real browser (Chromium via Playwright): the map is drawn, the legend and
summary are visible, no error appears, and a shared URL opens the same view."""

from __future__ import annotations

import pytest

from dashboard.testing import MAP_CANVAS
from tests.support.browser import assert_no_errors, body_text, open_view, shoot


@pytest.mark.parametrize(
    ("name", "query", "title", "summary"),
    [
        # missing data (Westerveld) in a grey class
        (
            "vrijwilligerswerk",
            "",
            "Vrijwilligerswerk",
            "Van Westerveld zijn geen gegevens.",
        ),
        # higher is worse
        (
            "werkloosheid-2022",
            "?indicator=werkloosheid&periode=2022",
            "Werkloosheid",
            "Werkloosheid in 2022: het hoogst in Assen (3,5%)",
        ),
        # region-only (Tabel 1), drawn on the COROP regions
        (
            "tabel1-bijstand",
            "?indicator=tabel1_bijstand",
            "Bijstandsuitkeringen per 1.000 inwoners (regio's, Tabel 1)",
            "het hoogst in Zuidoost-Drenthe (37",
        ),
        # the whole country
        (
            "nederland-koopwoningen",
            "?indicator=koopwoningen_aandeel&schaal=nederland",
            "Koopwoningen",
            "Drenthe",
        ),
    ],
)
def test_map_page(page, app_url, name, query, title, summary):
    open_view(page, app_url + "/" + query)  # fails unless deck.gl paints the map
    assert page.locator("h1").first.inner_text() == title
    # the areas are the whole map: no basemap library, no tiles
    assert page.locator(MAP_CANVAS).count() == 1
    assert page.locator(".maplibregl-map").count() == 0
    assert page.locator(".bw-legend").is_visible()
    assert summary in body_text(page)
    assert "Bron:" in body_text(page)
    assert_no_errors(page)
    shoot(page, f"kaart-{name}")


def test_shared_url_opens_the_same_view(page, app_url):
    open_view(page, app_url + "/?indicator=werkloosheid&periode=2022&gemeente=GM0114")
    assert page.locator("h1").first.inner_text() == "Werkloosheid"
    assert page.get_by_role("combobox", name="Periode").input_value() == "2022"
    assert "Emmen" in page.locator("[data-testid='stSidebar']").inner_text()
    assert page.url.endswith("?indicator=werkloosheid&periode=2022&gemeente=GM0114")
    assert "Werkloosheid in 2022" in body_text(page)
    assert_no_errors(page)
    # 'Delen en insluiten' makes its content when it opens: the link of this very view
    assert page.locator("[data-testid='stCode']").count() == 0
    page.get_by_text("Delen en insluiten").click()
    link = page.locator("[data-testid='stCode']").first
    link.wait_for(timeout=60_000)
    assert link.inner_text().strip() == page.url
    assert "<iframe src=" in page.locator("[data-testid='stCode']").nth(1).inner_text()
    assert_no_errors(page)


def test_switching_indicator_updates_map_and_url(page, app_url):
    open_view(page, app_url + "/")
    box = page.get_by_role("combobox", name="Indicator")
    box.click()
    box.fill("Werkloosheid")
    page.get_by_role("option", name="Arbeid en vrije tijd · Werkloosheid").click()
    page.wait_for_url("**/?indicator=werkloosheid", timeout=60_000)
    page.get_by_role("heading", name="Werkloosheid", exact=True).wait_for(timeout=60_000)
    open_view(page, page.url)  # a reload of the shared URL shows the same view
    assert page.get_by_role("combobox", name="Periode").input_value() == "2024"
    assert_no_errors(page)


def test_clicking_the_map_selects_a_gemeente(page, app_url):
    open_view(page, app_url + "/")
    canvas = page.locator(MAP_CANVAS).first
    box = canvas.bounding_box()
    # the middle of the Drenthe map lies inside a gemeente; hovering until its tooltip shows
    # makes sure deck.gl can pick before we click (slow on a busy machine without a GPU)
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    for dx in range(0, 40, 4):
        page.mouse.move(x + dx, y)
        try:
            page.locator(".deck-tooltip").filter(has_text="Plaats").wait_for(timeout=6_000)
            break
        except Exception:
            continue
    page.mouse.click(x + dx, y)
    page.wait_for_url("**gemeente=GM*", timeout=60_000)
    code = page.url.split("gemeente=")[1][:6]
    assert code in {
        "GM0106",
        "GM0109",
        "GM0114",
        "GM0118",
        "GM0119",
        "GM1680",
        "GM1681",
        "GM1690",
        "GM1699",
        "GM1701",
        "GM1730",
        "GM1731",
    }
    assert_no_errors(page)


def test_hostile_url_shows_default_and_escaped_notice(page, app_url):
    open_view(page, app_url + "/?indicator=%3Cscript%3Ealert(1)%3C/script%3E")
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    assert page.locator("h1").first.inner_text() == "Vrijwilligerswerk"
    alert = page.locator("[data-testid='stAlert']").first
    assert "Onbekende indicator “<script>alert(1)</script>”" in alert.inner_text()
    assert page.locator("script:text('alert(1)')").count() == 0
    assert dialogs == []
    assert_no_errors(page)


def test_unknown_path_shows_the_map(page, app_url):
    open_view(page, app_url + "/bestaat-niet")
    assert page.locator("h1").first.inner_text() == "Vrijwilligerswerk"
    assert_no_errors(page)


def test_hovering_an_area_shows_its_own_tooltip_and_no_other(page, app_url, store):
    """The geometry comes from a static file and the tooltip holds every area's text, one
    shown by a style rule (maps.gated_tooltip): hovering shows exactly the hovered area's."""
    from dashboard.state import ViewState
    from dashboard.views import mapview

    open_view(page, app_url + "/?indicator=werkloosheid")
    box = page.locator(MAP_CANVAS).first.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    tip = page.locator(".deck-tooltip")
    for dx in range(0, 40, 4):
        page.mouse.move(x + dx, y)
        try:
            tip.filter(has_text="Plaats").wait_for(timeout=6_000)
            break
        except Exception:
            continue
    else:
        pytest.fail("no tooltip over the middle of the map")
    mv = mapview.map_view(store, ViewState(indicator="werkloosheid"))
    shown = tip.inner_text().strip()
    expected = {
        row.tip_name: "\n".join(
            [row.tip_name, *(getattr(row, f) for f in mapview.TOOLTIP_FIELDS if getattr(row, f))]
        )
        for row in mv.table.itertuples()
    }
    name = shown.split("\n", 1)[0]
    assert shown == expected[name]
    shoot(page, "map-tooltip", full_page=False)
    assert tip.locator("p:visible").count() == 1
    weight = tip.locator("p:visible").evaluate(
        "p => getComputedStyle(p, '::first-line').fontWeight"
    )
    assert weight == "700"  # the name in bold, as before
    assert_no_errors(page)
