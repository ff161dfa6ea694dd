"""The map page by keyboard alone (WCAG 2.1.1, 2.4.7, docs/accessibility.md): every Tab stop
shows where the focus is, and the indicator, period, map area and gemeente controls and the
downloads work without a mouse."""

from __future__ import annotations

from dashboard.testing import wait_script_finished
from tests.support.browser import assert_no_errors, open_view

# The focused element's look, and that of its three nearest ancestors (Streamlit draws some
# focus rings on a wrapper), with the least opacity on the way up to <body>.
_LOOK_JS = """el => {
  const looks = [];
  for (let t = el, i = 0; t && t !== document.body && i < 4; t = t.parentElement, i++) {
    const s = getComputedStyle(t);
    looks.push([s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow,
      s.borderTopColor, s.borderTopWidth, s.backgroundColor].join('|'));
  }
  let opacity = 1;
  for (let t = el; t && t !== document.body; t = t.parentElement) {
    opacity = Math.min(opacity, +getComputedStyle(t).opacity);
  }
  const box = el.getBoundingClientRect();
  return {looks, opacity, visible: box.width > 0 && box.height > 0,
    name: el.tagName + ' ' + (el.getAttribute('aria-label') || el.innerText || '').slice(0, 50)};
}"""

MAX_STOPS = 120
# a cell of st.dataframe's accessible table (Glide Data Grid), or its canvas, which can take
# the focus while the grid passes it on
_GRID_CELL_JS = """e => ['TD', 'CANVAS'].includes(e.tagName)
  && !!e.closest('[data-testid="stDataFrame"]')"""


# Wait for the CSS transitions of the element and its ancestors (a heading's anchor link fades
# in on focus; on a busy machine a fixed wait caught it half-way, at opacity 0.59).
_SETTLE_JS = """async e => {
  const mine = document.getAnimations().filter(a => {
    const t = a.effect && a.effect.target;
    return t && t.contains(e) && a.effect.getComputedTiming().endTime !== Infinity;
  });
  await Promise.all(mine.map(a => a.finished.catch(() => null)));
}"""


def _focused(page):
    return page.evaluate_handle("() => document.activeElement")


def test_every_tab_stop_shows_its_focus(page, app_url):
    open_view(page, app_url + "/?indicator=werkloosheid")
    stops, problems, grid_cells = [], [], 0
    for _ in range(MAX_STOPS):
        page.keyboard.press("Tab")
        page.wait_for_timeout(150)  # the data grid passes focus between its parts
        el = _focused(page)
        el.evaluate(_SETTLE_JS)
        if el.evaluate("e => e === document.body"):
            break
        if el.evaluate(_GRID_CELL_JS):
            grid_cells += 1  # Glide draws a cell's focus on its canvas: not a CSS style
            continue
        focused = el.evaluate(_LOOK_JS)
        el.evaluate("e => e.blur()")
        page.wait_for_timeout(50)  # the transitions start on the next frame
        el.evaluate(_SETTLE_JS)
        blurred = el.evaluate(_LOOK_JS)
        el.evaluate("e => e.focus()")  # back, to go on tabbing from here
        stops.append(focused["name"])
        if focused["looks"] == blurred["looks"]:
            problems.append(f"no focus indicator: {focused['name']}")
        if focused["opacity"] < 0.9 or not focused["visible"]:
            problems.append(f"focused but not visible ({focused['opacity']}): {focused['name']}")
    assert len(stops) + min(grid_cells, 1) >= 30, (
        stops
    )  # sidebar, map, ranking, table, downloads, share
    assert any(s.startswith("DIV Kaart: Werkloosheid in 2024") for s in stops), stops
    assert problems == []


def test_map_page_controls_by_keyboard(page, app_url):
    open_view(page, app_url + "/")
    # indicator: type to filter, Enter picks
    page.get_by_role("combobox", name="Indicator").focus()
    page.keyboard.type("Werkloosheid")
    page.keyboard.press("Enter")
    page.wait_for_url("**/?indicator=werkloosheid", timeout=60_000)
    page.get_by_role("heading", name="Werkloosheid", exact=True).wait_for(timeout=60_000)
    wait_script_finished(page)
    # period: ArrowDown opens the list on the option after the shown one (the year before)
    page.get_by_role("combobox", name="Periode").focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**periode=2023*", timeout=60_000)
    wait_script_finished(page)
    # map area: arrow keys move within the radio group
    page.get_by_role("radiogroup", name="Kaartgebied").get_by_role("radio").first.focus()
    page.keyboard.press("ArrowDown")
    page.wait_for_url("**schaal=noord-nederland*", timeout=60_000)
    wait_script_finished(page)
    # gemeenten: the first option is a gemeente, never "Select all"
    page.get_by_role("combobox", name="Gemeenten").focus()
    page.keyboard.press("ArrowDown")
    options = page.get_by_role("option")
    options.first.wait_for(timeout=30_000)
    assert options.first.inner_text() not in ("Select all", "Alles selecteren")
    page.keyboard.type("Emmen")
    page.keyboard.press("Enter")
    page.wait_for_url("**gemeente=GM0114*", timeout=60_000)
    page.keyboard.press("Escape")
    wait_script_finished(page)
    chosen = page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").inner_text()
    assert "Emmen" in chosen and "Assen" not in chosen


def test_downloads_by_keyboard_keep_the_focus(page, app_url):
    open_view(page, app_url + "/?indicator=werkloosheid")
    button = page.locator("[data-testid='stDownloadButton'] button").filter(has_text="CSV").first
    button.focus()
    with page.expect_download(timeout=60_000) as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == "kaart-werkloosheid-2024.csv"
    page.wait_for_timeout(1000)
    active = page.evaluate("() => document.activeElement.innerText")
    assert active.replace("download", "").strip() == "CSV"
    assert_no_errors(page)


def test_skip_link_reaches_the_table(page, app_url):
    open_view(page, app_url + "/?indicator=werkloosheid")
    link = page.get_by_role("link", name="Naar de tabel met dezelfde cijfers")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    active = page.evaluate("() => document.activeElement.innerText")
    assert active.endswith("Tabel")
    caption = "Met het toetsenbord kiest u gemeenten in het keuzemenu Gemeenten"
    assert caption in page.locator("body").inner_text()
