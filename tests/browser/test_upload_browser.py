"""Eigen gegevens in a real browser: a file chosen with the sidebar's uploader (Playwright
``set_input_files``) draws the map with the user's values, marked as own data, and a second
browser context (another session) does not see it."""

from __future__ import annotations

from pathlib import Path

from dashboard.testing import map_colours, wait_map_painted, wait_script_finished
from tests.support.browser import assert_no_errors, body_text, open_view, shoot

FILE = Path(__file__).parents[1] / "data" / "uploads" / "good" / "tidy_comma.csv"


def test_an_uploaded_file_draws_the_map(browser, page, app_url, tmp_path):
    open_view(page, app_url + "/")
    page.get_by_text("Eigen gegevens", exact=True).first.click()
    chosen = tmp_path / "buurtpanel_tevredenheid.csv"
    chosen.write_bytes(FILE.read_bytes())
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(chosen))
    page.locator("h1", has_text="buurtpanel tevredenheid").wait_for(timeout=90_000)
    wait_script_finished(page)
    wait_map_painted(page)
    text = body_text(page)
    assert "buurtpanel_tevredenheid.csv gelezen als lange tabel: 13 waarden" in text
    assert "Bron: Eigen gegevens (geüpload " in text
    # the classes of the user's values and the grey of Westerveld's missing value
    legend = page.locator(".bw-legend").inner_text()
    assert "≥ 46,0" in legend and "geen gegevens" in legend
    assert "buurtpanel tevredenheid in 2023: het hoogst in Tynaarlo (49,6)" in text
    assert map_colours(page) == 5  # at most 5 are counted: the classes, grey, borders
    assert_no_errors(page)
    shoot(page, "eigen-gegevens-kaart", full_page=False)

    other = browser.new_context(locale="nl-NL").new_page()
    try:
        open_view(other, app_url + "/")
        assert "buurtpanel" not in body_text(other)
    finally:
        other.context.close()
