"""Playwright helpers of the browser tests: pages that collect JavaScript errors, opening a
page until it is drawn, the checks that no error shows, and screenshots. The waits themselves
are ``dashboard.testing``'s (shared with bench/)."""

from __future__ import annotations

from pathlib import Path

from dashboard.testing import (
    MAP_CANVAS,
    wait_map_painted,
    wait_nothing_held_back,
    wait_script_finished,
)

ROOT = Path(__file__).resolve().parents[2]
# for people to look at (git-ignored)
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"

# Streamlit shows these when a script fails; none may appear
ERROR_TEXT = ("Traceback", "Error:", "Exception", "Het dashboard kan de gegevens niet laden")


def new_page(browser, **context_options):
    """A page in a fresh context that collects JavaScript errors in ``page.js_errors``."""
    context = browser.new_context(locale="nl-NL", **context_options)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.js_errors = errors  # type: ignore[attr-defined]
    return page


def open_page(page, url: str, timeout: float = 90_000) -> None:
    """Go to ``url`` and wait until its title is shown and the script run has finished."""
    page.goto(url)
    page.locator("h1").first.wait_for(timeout=timeout)
    wait_script_finished(page, timeout=timeout)


def open_view(page, url: str, timeout: float = 90_000) -> None:
    """Go to a map page's ``url`` and wait until its legend is shown, the script run has
    finished, deck.gl has painted the map and the parts that wait for that paint (the
    ranking, the table, the downloads) are drawn in (raises otherwise)."""
    page.goto(url)
    page.locator(MAP_CANVAS).first.wait_for(timeout=timeout)
    page.locator(".bw-legend").wait_for(timeout=timeout)
    wait_script_finished(page, timeout=timeout)
    wait_map_painted(page, timeout=timeout)
    wait_nothing_held_back(page, timeout=timeout)


def body_text(page) -> str:
    return page.locator("body").inner_text()


def assert_no_errors(page) -> None:
    """No error text, no Streamlit exception element and no JavaScript error on the page."""
    text = body_text(page)
    for needle in ERROR_TEXT:
        assert needle not in text
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.js_errors == []


def shoot(page, name: str, full_page: bool = True) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)
