"""The app in Chromium behind deploy/nginx/brede-welvaart.conf at /bw/ (one replica with
--server.baseUrlPath bw): the share link and iframe snippet it writes keep the prefix, and
both open the same view through the proxy."""

from __future__ import annotations

import html
import re

import pytest

from bench import replicas as R
from tests.support.browser import ROOT

pytestmark = pytest.mark.skipif(
    R.nginx_binary() is None,
    reason="nginx is not installed (Debian: apt-get install nginx-light; .ci/run installs it)",
)
SHOTS = ROOT / "test-artifacts" / "screenshots"


@pytest.fixture(scope="module")
def proxied(tmp_path_factory):
    logs = tmp_path_factory.mktemp("replica")
    with R.replicas(1, logs) as fleet, R.proxy([fleet[0].port]) as nginx:
        yield nginx


def test_share_panel_behind_the_prefix(proxied, page):
    start = f"{proxied.url}/regios?indicator=werkloosheid"
    page.goto(start)
    page.get_by_role("heading", name="Regio's", level=1).wait_for(timeout=180_000)
    page.get_by_text("Delen en insluiten").click()
    code = page.locator("[data-testid='stCode']")
    code.first.wait_for(timeout=60_000)
    texts = [c.inner_text().strip() for c in code.all()]
    assert texts[0] == start
    (iframe,) = [t for t in texts if t.startswith("<iframe")]
    src = html.unescape(re.search(r'src="([^"]+)"', iframe).group(1))
    assert src == f"{start}&embed=true"
    code.first.scroll_into_view_if_needed()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "deploy-share-behind-prefix.png"), full_page=False)
    # the link opens the same view through the proxy, and the embed its embedded form
    other = page.context.new_page()
    other.goto(src)
    other.get_by_role("heading", name="Regio's", level=1).wait_for(timeout=120_000)
    assert other.locator("[data-testid='stSidebar']").count() == 0
    other.close()
