"""Accessibility in the real browser: axe-core (the npm package, installed by .ci/run) on
every page and mode, no critical or serious violation (WCAG 2.1 AA, see docs/accessibility.md)."""

from __future__ import annotations

import pytest

from dashboard import pages
from tests.support.a11y import AXE_JS, axe_run, open_any, serious

# Every page of dashboard.pages (a page added there is checked too), plus the modes of the map.
_MODES = [
    ("kaart-en", "/?indicator=werkloosheid&taal=en"),
    ("kaart-nederland", "/?indicator=werkloosheid&schaal=nederland"),
]
_URLS = (
    [(p.id, f"/{p.url_path}?indicator=werkloosheid") for p in pages.PAGES]
    + _MODES
    + [
        (f"{p.id}-embed", f"/{p.url_path}?indicator=werkloosheid&embed=true")
        for p in pages.PAGES
        if p.slides
    ]
)


@pytest.mark.parametrize(("name", "path"), _URLS, ids=[n for n, _ in _URLS])
def test_axe_no_serious_violations(page, app_url, name, path):
    if not AXE_JS.exists():
        pytest.skip(f"axe-core not installed at {AXE_JS}: run .ci/run's npm step")
    open_any(page, app_url + path)
    found = serious(axe_run(page))
    listed = "\n".join(f"{name}: {v['impact']} {v['id']}: {', '.join(v['targets'])}" for v in found)
    assert found == [], listed
