"""axe-core in the browser tests: where the npm package is, running it, and its findings."""

from __future__ import annotations

from dashboard.testing import (
    MAP_CANVAS,
    VEGA_CHART,
    wait_map_painted,
    wait_nothing_held_back,
    wait_script_finished,
    wait_vega_drawn,
)
from tests.support.browser import ROOT

# installed by .ci/run: npm install --no-save --prefix .ci/node axe-core@4.14.1
AXE_JS = ROOT / ".ci" / "node" / "node_modules" / "axe-core" / "axe.min.js"

_RUN_JS = """async () => {
  const r = await axe.run(document, {runOnly: {type: 'tag',
    values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}});
  return r.violations.map(v => ({id: v.id, impact: v.impact,
    targets: v.nodes.map(n => n.target.join(' ')), help: v.help}));
}"""


def open_any(page, url: str, timeout: float = 90_000) -> None:
    """Open a page and wait until its script run has finished and its map or charts are drawn."""
    page.goto(url)
    page.locator("h1").first.wait_for(timeout=timeout)
    wait_script_finished(page, timeout=timeout)
    if page.locator(MAP_CANVAS).count():
        wait_map_painted(page, timeout=timeout)
        wait_nothing_held_back(page, timeout=timeout)  # the map page's ranking and table
    if page.locator(VEGA_CHART).count():
        wait_vega_drawn(page, timeout=timeout)
    page.wait_for_timeout(500)


def axe_run(page) -> list[dict]:
    """axe-core's violations on the page: id, impact, the targets and the rule's help."""
    page.add_script_tag(path=str(AXE_JS))
    return page.evaluate(_RUN_JS)


def serious(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in ("critical", "serious")]
