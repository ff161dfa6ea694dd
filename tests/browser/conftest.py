"""Real-browser tests: the app served by `streamlit run` on a free localhost port, driven by
Playwright in Debian's Chromium (never a downloaded browser). Screenshots are written to
test-artifacts/screenshots/ (git-ignored) for people to look at. Fixtures only: the helpers
are in tests/support/browser.py and dashboard.testing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from dashboard.testing import CHROMIUM, chromium_exists, launch_chromium, streamlit_server
from tests.support.browser import ROOT, new_page

WARM_UP_MS = 300_000


@pytest.fixture(scope="session")
def server_url() -> Iterator[str]:
    log = ROOT / "test-artifacts" / "streamlit.log"
    with streamlit_server(ROOT / "app.py", log, timeout=60) as server:
        yield server.url


@pytest.fixture(scope="session")
def browser():
    if not chromium_exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install chromium (see .ci/run)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = launch_chromium(pw.chromium)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    page = new_page(browser, viewport={"width": 1400, "height": 1000})
    yield page
    page.context.close()


@pytest.fixture(scope="session")
def app_url(server_url: str, browser) -> str:
    """The app's URL, after one visit has loaded the data and drawn the map: a fresh server
    reads every table on its first session, which on a busy CI machine can take minutes;
    tests then time what users see after that."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(server_url + "/")
    page.locator(".bw-legend").wait_for(timeout=WARM_UP_MS)
    context.close()
    return server_url
