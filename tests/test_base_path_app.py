"""Every link the app writes keeps the path prefix of ``--server.baseUrlPath`` (the app behind
a proxy at ``https://example.org/bw/``): share link, iframe snippet, "Bekijk in het
dashboard", the story link and a slide's QR code. (Through a real nginx: tests/test_deploy.py.)"""

from __future__ import annotations

import html

import pytest
from streamlit import config
from streamlit.testing.v1 import AppTest

from dashboard.app import keys
from tests.support.apptest import APP, assert_clean


@pytest.fixture
def behind_proxy():
    """``server.baseUrlPath = "bw"`` for this test (AppTest runs the script in this process)."""
    before = config.get_option("server.baseUrlPath")
    config.set_option("server.baseUrlPath", "bw")
    yield
    config.set_option("server.baseUrlPath", before)


def app(page_url: str, embedded: bool = False, **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.context = {"url": page_url, "is_embedded": embedded}
    for name, value in params.items():
        at.query_params[name] = value
    return at.run()


def test_share_link_and_iframe_keep_the_prefix(behind_proxy):
    at = app("https://example.org/bw/regios", indicator="werkloosheid")
    at.switch_page("app_pages/regios.py")
    at.run()
    at.session_state[keys.SHARE_OPEN + "regios"] = True  # what opening the panel does
    at.run()
    assert_clean(at)
    codes = [c.value for c in at.code]
    assert "https://example.org/bw/regios?indicator=werkloosheid" in codes
    assert [c for c in codes if c.startswith("<iframe")] == [
        '<iframe src="https://example.org/bw/regios?indicator=werkloosheid&amp;embed=true" '
        'title="Werkloosheid" width="360" height="960" loading="lazy" '
        'style="border:0;max-width:100%"></iframe>'
    ]


def test_the_embeds_link_to_the_dashboard_keeps_the_prefix(behind_proxy):
    at = app("https://example.org/bw/", embedded=True, indicator="werkloosheid")
    assert_clean(at)
    link = [m.value for m in at.markdown if "Bekijk in het dashboard" in m.value]
    assert link == [
        '<a href="https://example.org/bw/?indicator=werkloosheid" target="_blank" '
        'rel="noopener">Bekijk in het dashboard ↗</a>'
    ]


def test_story_link_and_qr_code_keep_the_prefix(behind_proxy):
    at = app("https://example.org/bw/presenteren")
    at.switch_page("app_pages/presenteren.py")
    at.run()
    assert_clean(at)
    (story_link,) = [c.value for c in at.code]
    assert story_link.startswith("https://example.org/bw/presenteren?verhaal=")
    # the QR code's image names its URL in its alternative text: the first slide's view
    (qr,) = [h.proto.body for h in at.get("html") if '<div class="bw-qr">' in h.proto.body]
    url = "https://example.org/bw/regios?indicator=tabel1_bijstand&periode=2023"
    assert f'alt="Open deze weergave op je telefoon: {html.escape(url)}"' in qr


def test_the_maps_geometry_files_are_fetched_under_the_prefix(behind_proxy):
    import json

    from dashboard.app import cache, resources

    def fresh():  # the geometry's URLs are made once per process, as is the prefix
        resources.geometry_files.clear()
        cache.map_spec.clear()

    fresh()
    try:
        at = app("https://example.org/bw/", indicator="werkloosheid")
        assert_clean(at)
        spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
        urls = [layer["data"] for layer in spec["layers"] if isinstance(layer["data"], str)]
        assert [u.rsplit("-", 1)[0] for u in urls] == [
            "/bw/app/static/geo/drenthe-gemeente-areas",
            "/bw/app/static/geo/drenthe-gemeente-borders",
            "/bw/app/static/geo/drenthe-gemeente-outline-0",
            "/bw/app/static/geo/drenthe-gemeente-outline-1",
        ]
    finally:
        fresh()


def test_without_a_prefix_the_links_are_as_before():
    at = app("http://dashboard.test/regios", embedded=True, indicator="werkloosheid")
    at.switch_page("app_pages/regios.py")
    at.run()
    assert_clean(at)
    link = [m.value for m in at.markdown if "Bekijk in het dashboard" in m.value]
    assert link == [
        '<a href="http://dashboard.test/regios?indicator=werkloosheid" target="_blank" '
        'rel="noopener">Bekijk in het dashboard ↗</a>'
    ]
