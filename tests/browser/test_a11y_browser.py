"""Accessibility in the real browser: axe-core (the npm package, installed by .ci/run) on
every page and mode, no critical or serious violation (WCAG 2.1 AA, see docs/accessibility.md)."""

from __future__ import annotations

import pytest

from dashboard import pages
from dashboard.testing import wait_vega_drawn
from tests.support.a11y import AXE_JS, axe_run, open_any, serious

# Every page of dashboard.pages (a page added there is checked too), plus the modes of the map.
_MODES = [
    ("kaart-en", "/?indicator=werkloosheid&taal=en"),
    ("regios-tabel1", "/regios?indicator=tabel1_bijstand"),
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


_ALL_VEGA_DRAWN_JS = """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')]
 .every(chart => chart.querySelector('svg.marks'))"""

# Vega's SVG: the chart's name, the marks' names and the colour of its text
_VEGA_JS = """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"] svg.marks')]
 .map(svg => ({
  label: (svg.closest('[aria-label]') || svg).getAttribute('aria-label') || '',
  marks: [...svg.querySelectorAll('[role="graphics-symbol"]')]
    .map(m => m.getAttribute('aria-label')),
  fills: [...new Set([...svg.querySelectorAll(
    '[class*="role-axis"] text, [class*="role-legend"] text')].map(t => t.getAttribute('fill')))],
}))"""


@pytest.mark.parametrize(
    ("path", "name", "mark"),
    [
        ("/?indicator=werkloosheid", "Rangorde: Werkloosheid. Werkloosheid in 2024", "Assen: 3,8%"),
        ("/?indicator=werkloosheid&taal=en", "Ranking: Unemployment. ", "Assen: 3.8%"),
        ("/regios?indicator=werkloosheid", "Werkloosheid. ", "Assen (Noord-Drenthe): 3,8%"),
    ],
)
def test_charts_are_named_and_their_marks_say_what_they_show(page, app_url, path, name, mark):
    open_any(page, app_url + path)
    wait_vega_drawn(page)
    # every chart drawn, not only the first to finish: on Regio's the region map can be
    # drawn before the strip that comes first on the page
    page.wait_for_function(_ALL_VEGA_DRAWN_JS, timeout=60_000)
    charts = page.evaluate(_VEGA_JS)
    assert charts, "no chart"
    first = charts[0]
    assert first["label"].startswith(name)
    assert mark in first["marks"]
    for chart in charts:
        assert chart["label"] and chart["label"] != "Vega visualization"
        assert not any(m and ("color:" in m or "offset:" in m) for m in chart["marks"]), chart
        assert set(chart["fills"]) <= {"#333333"}, chart["fills"]  # 12.6:1 on white
    assert first["fills"] == ["#333333"]  # (a map of regions has no axes)
