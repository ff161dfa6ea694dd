"""Every page embedded (Streamlit's ?embed=true): no controls, the view of the URL, its
source and a link back to the full dashboard in the same state."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import pages
from dashboard.app import keys
from tests.support.apptest import APP, assert_clean, texts

# The title each embedded page shows for werkloosheid; the paths are the registry's.
# (Presenteren is for a projector, not for embedding in another site.)
TITLES = {
    "kaart": "Werkloosheid",
    "regios": "Regio's",
    "trends": "Trends: Werkloosheid",
    "profiel": "Gemeenteprofiel",
    "agenda": "Sociale Agenda",
    "over": "Over de data",
}


def embedded(page: str, **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.context = {"is_embedded": True, "url": "http://dashboard.test/"}
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    if page != pages.DEFAULT.id:
        at.switch_page(pages.page(page).file)
        at.run()
    return at


def test_every_page_but_presenteren_is_tested_embedded():
    assert [p.id for p in pages.PAGES if p.id != "presenteren"] == list(TITLES)


@pytest.mark.parametrize("page", list(TITLES))
def test_embedded_page_has_no_controls_and_links_back(page):
    at = embedded(page, indicator="werkloosheid", gemeente="GM0114")
    assert_clean(at)
    path = pages.page(page).url_path
    assert texts(at.title) == [TITLES[page]]
    assert len(at.sidebar.selectbox) == len(at.sidebar.radio) == len(at.sidebar.multiselect) == 0
    assert not at.expander or all(e.label != "Delen en insluiten" for e in at.expander)
    link = [m.value for m in at.markdown if "Bekijk in het dashboard" in m.value]
    assert link == [
        f'<a href="http://dashboard.test/{path}?indicator=werkloosheid&amp;gemeente=GM0114" '
        'target="_blank" rel="noopener">Bekijk in het dashboard ↗</a>'
    ]
    if page in ("kaart", "regios", "trends"):
        assert any("Bron:" in c for c in texts(at.caption)), page


def test_embedded_map_is_compact():
    at = embedded("kaart", indicator="vrijwilligerswerk")
    assert_clean(at)
    assert len(at.get("deck_gl_json_chart")) == 1
    assert len(at.dataframe) == 0  # no table, no ranking: title, map, legend, summary, source
    assert [m for m in texts(at.markdown) if m.startswith("**Vrijwilligerswerk in 2023")]
    assert [c for c in texts(at.caption) if c.startswith("Bron: Sociale Agenda Drenthe")]


def test_embed_with_unknown_indicator_shows_default_and_notice():
    at = embedded("kaart", indicator="<script>")
    assert_clean(at)
    assert texts(at.title) == ["Vrijwilligerswerk"]
    assert len(at.warning) == 1


def test_share_panel_on_the_full_page():
    at = AppTest.from_file(APP, default_timeout=120)
    at.context = {"url": "http://dashboard.test/"}
    at.query_params["indicator"] = "werkloosheid"
    at.run()
    assert_clean(at)
    # closed, the panel is empty: its content is made when it opens
    assert [e.label for e in at.expander].count("Delen en insluiten") == 1
    assert not at.code
    at.session_state[keys.SHARE_OPEN + "kaart"] = True  # what opening it does
    at._finished_page_script_hash = ""
    at.run()
    assert_clean(at)
    codes = [c.value for c in at.code]
    assert "http://dashboard.test/?indicator=werkloosheid" in codes
    snippet = [c for c in codes if c.startswith("<iframe")]
    assert snippet == [
        '<iframe src="http://dashboard.test/?indicator=werkloosheid&amp;embed=true" '
        'title="Werkloosheid" width="360" height="960" loading="lazy" '
        'style="border:0;max-width:100%"></iframe>'
    ]
    at.radio(key=keys.SHARE_MODE + "kaart").set_value("vast")
    at.session_state[keys.SHARE_OPEN + "kaart"] = True  # still open: AppTest does not send it
    at._finished_page_script_hash = ""
    at.run()
    codes = [c.value for c in at.code]
    assert "http://dashboard.test/?indicator=werkloosheid&periode=2024" in codes
    assert any("<p>Cijfers over 2024, vastgezet op " in c for c in codes)


def test_an_embed_with_bediening_ja_keeps_the_controls():
    at = embedded("kaart", indicator="werkloosheid", bediening="ja")
    assert_clean(at)
    assert texts(at.title) == ["Werkloosheid"]
    assert at.sidebar.selectbox[0].value == "werkloosheid"
    assert len(at.sidebar.radio) == 2  # scope and colouring
    assert at.query_params["bediening"] == "ja"  # the controls leave a page's parameter
