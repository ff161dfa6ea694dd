"""The Sociale Agenda page in a real browser (Chromium via Playwright): the stories' markers are
drawn over the map, hovering one shows its title, clicking it shows the story; in Dutch, in
English and embedded; and the map page's 'Verhalen op de kaart'. Screenshots go to
test-artifacts/screenshots/agenda-*.png."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from dashboard.app.cache import AGENDA_PLACE
from dashboard.render.maps import STORY_COLOR, VIEWS
from dashboard.testing import wait_map_painted, wait_script_finished
from tests.support.browser import SCREENSHOTS, assert_no_errors, body_text

CANVAS = "[data-testid='stDeckGlJsonChart'] canvas"


def open_agenda(page, url: str, timeout: float = 90_000) -> None:
    page.goto(url)
    page.locator(CANVAS).first.wait_for(timeout=timeout)
    wait_script_finished(page, timeout=timeout)
    wait_map_painted(page, timeout=timeout)


def to_pixel(lon: float, lat: float, view, width: float, height: float) -> tuple[float, float]:
    """Where deck.gl's Web Mercator view (512 px tiles) draws a point in a canvas."""
    scale = 512 * 2**view.zoom

    def project(lo: float, la: float) -> tuple[float, float]:
        y = math.log(math.tan(math.pi / 4 + math.radians(la) / 2))
        return scale * (lo + 180) / 360, scale * (1 - y / math.pi) / 2

    x, y = project(lon, lat)
    x0, y0 = project(view.longitude, view.latitude)
    return width / 2 + x - x0, height / 2 + y - y0


def orange_near(page, x: float, y: float, radius: int = 4) -> bool:
    """True when the canvas has the markers' orange within ``radius`` px of (x, y)."""
    return page.evaluate(
        """([x, y, r, c]) => {
        const canvas = document.querySelector("[data-testid='stDeckGlJsonChart'] canvas");
        const ratio = canvas.width / canvas.getBoundingClientRect().width;
        const copy = document.createElement('canvas');
        copy.width = canvas.width; copy.height = canvas.height;
        const ctx = copy.getContext('2d');
        ctx.drawImage(canvas, 0, 0);
        const px = Math.round((x - r) * ratio), py = Math.round((y - r) * ratio);
        const size = Math.round(2 * r * ratio) + 1;
        const data = ctx.getImageData(px, py, size, size).data;
        for (let i = 0; i < data.length; i += 4) {
            if (Math.abs(data[i] - c[0]) < 30 && Math.abs(data[i + 1] - c[1]) < 30
                && Math.abs(data[i + 2] - c[2]) < 30) return true;
        }
        return false;
    }""",
        [x, y, radius, STORY_COLOR[:3]],
    )


def hover_and_click(page, lon: float, lat: float, view, tooltip: str) -> None:
    """Hover the marker until deck.gl shows its tooltip (slow without a GPU), then click."""
    canvas = page.locator(CANVAS).first
    box = canvas.bounding_box()
    x, y = to_pixel(lon, lat, view, box["width"], box["height"])
    assert orange_near(page, x, y), "the marker is not drawn where its story is"
    for dx in (0, 1, -1, 2, -2):
        page.mouse.move(box["x"] + x + dx, box["y"] + y)
        try:
            page.locator(".deck-tooltip").filter(has_text=tooltip).wait_for(timeout=6_000)
            break
        except Exception:
            continue
    else:
        pytest.fail(f"no tooltip {tooltip!r} over the marker")
    page.mouse.click(box["x"] + x + dx, box["y"] + y)


@pytest.mark.parametrize(
    ("lang", "query", "point", "title", "heading", "story_id"),
    [
        (
            "nl",
            "?doel=inclusie",
            (6.6083, 52.8497),  # Westerbork
            "De Drag Queen Show in Westerbork",
            "Inclusie en diversiteit, doel 7: Inclusieve samenleving",
            "drag-queen-show-westerbork",
        ),
        (
            "en",
            "?taal=en",
            (6.3694, 52.8347),  # Dwingeloo
            "Village hall Over Entinghe in Dwingeloo",
            "Naoberschap (neighbourliness), goal 1: Volunteers and residents' initiatives",
            "over-entinghe-dwingeloo",
        ),
    ],
)
def test_markers_are_drawn_and_a_click_shows_the_story(
    page, app_url, lang, query, point, title, heading, story_id
):
    open_agenda(page, app_url + "/agenda" + query)
    assert page.locator("h1").first.inner_text() == (
        "Sociale Agenda" if lang == "nl" else "Social Agenda"
    )
    assert page.get_by_role("heading", name=heading).is_visible()
    assert page.locator(CANVAS).count() == 1 and page.locator(".maplibregl-map").count() == 0
    hover_and_click(page, *point, AGENDA_PLACE, title)
    page.wait_for_url(f"**initiatief={story_id}**", timeout=60_000)
    chosen = page.get_by_text("Gekozen verhaal" if lang == "nl" else "Chosen story")
    chosen.wait_for(timeout=60_000)
    wait_script_finished(page, timeout=60_000)
    wait_map_painted(page, timeout=60_000)
    # the card that holds "Gekozen verhaal" (the innermost block around it) has the story
    card = page.locator("[data-testid='stVerticalBlock']").filter(has=chosen).last
    assert title in card.inner_text()
    assert ("Bron:" if lang == "nl" else "Source:") in body_text(page)
    assert_no_errors(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"agenda-{lang}.png"), full_page=True)


def test_the_agenda_embedded(page, app_url):
    open_agenda(page, app_url + "/agenda?embed=true&doel=gezond_leven")
    assert page.locator("h1").first.inner_text() == "Sociale Agenda"
    assert page.locator("[data-testid='stSidebar']").count() == 0
    box = page.locator(CANVAS).first.bounding_box()
    narrow = replace(AGENDA_PLACE, zoom=AGENDA_PLACE.zoom - 0.6)  # an embed may be a phone
    x, y = to_pixel(6.6747, 52.9339, narrow, box["width"], box["height"])  # Grolloo
    assert orange_near(page, x, y)
    text = body_text(page)
    assert "Langer gezond, betaalbare zorg: nog geen nieuwe meting" in text
    assert "Bekijk in het dashboard" in text
    assert_no_errors(page)
    page.screenshot(path=str(SCREENSHOTS / "agenda-embed.png"), full_page=True)


def test_the_map_page_shows_stories_when_asked(page, app_url):
    page.goto(app_url + "/?indicator=ervaren_gezondheid_goed")
    page.locator(".bw-legend").wait_for(timeout=90_000)
    wait_map_painted(page)
    canvas = page.locator(CANVAS).first
    box = canvas.bounding_box()
    grolloo = to_pixel(6.6747, 52.9339, VIEWS["drenthe"], box["width"], box["height"])
    assert not orange_near(page, *grolloo)  # off by default
    page.get_by_text("Verhalen op de kaart").click()
    page.get_by_text("2 verhalen bij het doel").wait_for(timeout=60_000)
    wait_script_finished(page, timeout=60_000)
    wait_map_painted(page, timeout=60_000)
    box = page.locator(CANVAS).first.bounding_box()
    grolloo = to_pixel(6.6747, 52.9339, VIEWS["drenthe"], box["width"], box["height"])
    assert orange_near(page, *grolloo)
    assert_no_errors(page)
    page.screenshot(path=str(SCREENSHOTS / "kaart-verhalen.png"), full_page=True)
