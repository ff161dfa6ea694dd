"""The map first, in the real browser: the map page's ranking, table and downloads wait for
the map's first paint (dashboard.app.widgets.after_map), then all come; an indicator switch
in the same session does not hold them back again; and when the map does not paint in time
(no WebGL) they come anyway after a time limit."""

from __future__ import annotations

from dashboard.testing import (
    DATAFRAME,
    HELD_BACK,
    MAP_CANVAS,
    VEGA_CHART,
    wait_dataframes_drawn,
    wait_map_painted,
    wait_nothing_held_back,
    wait_script_finished,
    wait_vega_drawn,
)
from tests.support.browser import assert_no_errors, open_view, shoot

# Installed before the app's own scripts: for every ranking chart, table and placeholder that
# appears, whether the map's canvas had been painted (opaque pixels) at that moment.
WATCH_JS = """
window.__seen = [];
window.__bwMapWaitMs = %(wait)d;
(() => {
  const probe = document.createElement('canvas'); probe.width = 32; probe.height = 20;
  const painted = () => {
    const c = document.querySelector("%(canvas)s");
    if (!c || !c.width) return false;
    const ctx = probe.getContext('2d');
    ctx.clearRect(0, 0, 32, 20); ctx.drawImage(c, 0, 0, 32, 20);
    const d = ctx.getImageData(0, 0, 32, 20).data;
    for (let i = 3; i < d.length; i += 4) if (d[i] > 0) return true;
    return false;
  };
  const kinds = {ranking: `%(vega)s`, table: `%(table)s`, placeholder: `%(held)s`};
  const known = new WeakSet();
  new MutationObserver(() => {
    for (const [kind, sel] of Object.entries(kinds))
      for (const el of document.querySelectorAll(sel))
        if (!known.has(el)) {
          known.add(el); window.__seen.push({kind, painted: painted()});
        }
  }).observe(document, {childList: true, subtree: true});
})();
"""


def watch(page, wait_ms: int) -> None:
    page.add_init_script(
        WATCH_JS
        % {
            "wait": wait_ms,
            "canvas": MAP_CANVAS.replace('"', "'"),
            "vega": VEGA_CHART,
            "table": DATAFRAME,
            "held": HELD_BACK,
        }
    )


def seen(page) -> list[dict]:
    return page.evaluate("() => window.__seen")


def shown(page) -> dict[str, int]:
    return {
        "ranking": page.locator(VEGA_CHART).count(),
        "table": page.locator(DATAFRAME).count(),
        "downloads": page.locator("[data-testid='stDownloadButton']").count(),
        "placeholders": page.locator(HELD_BACK).count(),
    }


EVERYTHING = {"ranking": 1, "table": 1, "downloads": 5, "placeholders": 0}


def test_ranking_and_table_come_after_the_map_has_painted(page, app_url):
    watch(page, 60_000)  # the map's paint decides, not the signal's time limit
    open_view(page, app_url + "/?indicator=werkloosheid")
    assert page.evaluate("() => window.__bwMapWait.reason") == "painted"
    assert wait_vega_drawn(page) == 1
    assert wait_dataframes_drawn(page) == 1  # the grid is loaded lazily, after the run
    assert shown(page) == EVERYTHING
    events = seen(page)
    # three placeholders first; the ranking and the table only once the map had painted
    assert [e["kind"] for e in events if e["kind"] == "placeholder"] == ["placeholder"] * 3
    assert sorted(e["kind"] for e in events if e["kind"] != "placeholder") == ["ranking", "table"]
    assert all(e["painted"] for e in events if e["kind"] != "placeholder"), events
    shoot(page, "kaart-na-de-kaart")
    assert_no_errors(page)

    # a switch in the same session: no placeholder again, everything updated in place
    page.evaluate("() => { window.__seen = []; }")
    box = page.get_by_role("combobox", name="Indicator")
    box.click()
    box.fill("Vrijwilligerswerk")
    page.get_by_role("option", name="Sociaal · Vrijwilligerswerk", exact=True).click()
    page.get_by_role("heading", name="Vrijwilligerswerk", exact=True).wait_for(timeout=60_000)
    wait_script_finished(page)
    wait_map_painted(page)
    assert wait_dataframes_drawn(page) == 1
    assert [e["kind"] for e in seen(page) if e["kind"] == "placeholder"] == []
    assert shown(page) == EVERYTHING
    assert_no_errors(page)


NO_WEBGL_JS = """
const getContext = HTMLCanvasElement.prototype.getContext;
HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
  return String(type).startsWith('webgl') ? null : getContext.call(this, type, ...rest);
};
"""


def test_when_the_map_cannot_paint_everything_comes_after_the_time_limit(page, app_url):
    page.add_init_script(NO_WEBGL_JS)  # deck.gl gets no WebGL: the map never paints
    watch(page, 0)  # 0: the app's own limit (after_map.WAIT_MS)
    page.goto(app_url + "/?indicator=werkloosheid")
    page.locator(".bw-legend").wait_for(timeout=90_000)
    wait_nothing_held_back(page)
    assert page.evaluate("() => window.__bwMapWait.reason") == "timeout"
    assert wait_vega_drawn(page) == 1
    assert wait_dataframes_drawn(page) == 1
    assert shown(page) == EVERYTHING
    assert page.locator("[data-testid='stException']").count() == 0
