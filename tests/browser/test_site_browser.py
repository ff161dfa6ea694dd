"""The static site in a real browser, opened from file:// with every network request refused:
the map, ranking and trend charts are drawn from the shared local bundle."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.config import check_folder
from dashboard.publish import site
from tests.support.browser import shoot


@pytest.fixture(scope="module")
def site_dir(store, settings, tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    ids = ["werkloosheid", "tabel1_besteedbaar_inkomen", "tevredenheid_met_leven"]
    site.export_site(
        store, check_folder(settings, "geo_dir"), out, "drenthe", ids, "nl", date(2025, 1, 31)
    )
    return out


@pytest.mark.parametrize(
    ("name", "charts"),
    [
        ("werkloosheid", ["kaart", "rangorde", "trend"]),
        ("tabel1_besteedbaar_inkomen", ["kaart", "rangorde"]),  # COROP, one period
        ("tevredenheid_met_leven", []),  # Drenthe only: no charts
        ("index", []),
    ],
)
def test_static_page_draws_offline(page, site_dir, name, charts):
    requests: list[str] = []

    def only_files(route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            requests.append(route.request.url)
            route.abort()

    page.route("**/*", only_files)
    page.goto((site_dir / f"{name}.html").as_uri())
    for chart in charts:
        page.locator(f"#{chart} svg.marks").wait_for(timeout=30_000)
        assert page.locator(f"#{chart} svg.marks path, #{chart} svg.marks text").count() > 5
    page.wait_for_load_state("networkidle")  # any request the page would make has been made
    assert requests == []
    assert page.js_errors == []
    assert page.locator("h1").first.inner_text()
    shoot(page, f"site-{name}")
