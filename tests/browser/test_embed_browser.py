"""A real embedding: a local HTML page (another origin) shows the map page in an iframe, as a
gemeente or newspaper site would, at phone width and at full column width."""

from __future__ import annotations

import pytest

from dashboard.publish.share import embed_snippet
from dashboard.testing import MAP_CANVAS, wait_map_painted, wait_script_finished
from tests.support.browser import assert_no_errors, shoot


@pytest.mark.parametrize(("size", "width"), [("klein", 360), ("breed", 1200)])
def test_map_embedded_in_an_iframe(page, app_url, tmp_path, size, width):
    snippet = embed_snippet(f"{app_url}/?indicator=werkloosheid", "Werkloosheid", size)
    host = tmp_path / "gemeente-site.html"
    host.write_text(
        "<!doctype html><html lang='nl'><head><meta charset='utf-8'>"
        "<title>Nieuws uit Drenthe</title></head><body style='margin:16px;font-family:sans-serif'>"
        f"<h1>Werkloosheid in Drenthe</h1>{snippet}<p>Tekst van de website.</p></body></html>",
        encoding="utf-8",
    )
    page.set_viewport_size({"width": width + 40, "height": 1000})
    page.goto(host.as_uri())
    frame = page.frame_locator("iframe[title='Werkloosheid']")
    frame.locator(MAP_CANVAS).first.wait_for(timeout=120_000)
    frame.get_by_text("Bekijk in het dashboard").wait_for(timeout=60_000)
    # the waits need the Frame itself (a FrameLocator cannot evaluate)
    app = page.locator("iframe[title='Werkloosheid']").element_handle().content_frame()
    wait_script_finished(app)
    wait_map_painted(app)
    assert frame.locator("h1").first.inner_text() == "Werkloosheid"
    text = frame.locator("body").inner_text()
    assert "Werkloosheid in 2024: het hoogst in Assen (3,8%)" in text
    assert "Bron: CBS" in text
    # no controls in the embed, and nothing wider than the frame
    assert frame.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").count() == 0
    box = page.locator("iframe").bounding_box()
    assert box["width"] == width
    assert frame.locator("html").evaluate("el => el.scrollWidth") <= width
    link = frame.get_by_text("Bekijk in het dashboard")
    assert link.get_attribute("href") == f"{app_url}/?indicator=werkloosheid"
    assert link.get_attribute("target") == "_blank"
    assert_no_errors(page)
    shoot(page, f"insluiten-{size}")
