"""The map page's parts held back until the browser has painted the map
(dashboard.app.widgets.after_map): who gets them at once, who gets placeholders first, and
that the placeholders give way to every part once the map has painted."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.app import keys
from dashboard.app.widgets import after_map
from tests.support.apptest import APP, assert_clean, open_app, rerun

CHROMIUM_UA = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "HeadlessChrome/156.0.0.0 Safari/537.36"
)


@pytest.mark.parametrize(
    ("user_agent", "runs"),
    [
        (CHROMIUM_UA, True),
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Mobile/15E148", True),
        ("Python/3.11 websockets/13.1", False),  # the benchmark's websocket client
        ("curl/8.5.0", False),
        ("", False),
        (None, False),  # AppTest: no headers
    ],
)
def test_only_a_browser_runs_the_signal(user_agent, runs):
    assert after_map.runs_the_signal(user_agent) is runs


def parts(at) -> dict[str, int]:
    """What the map page shows of its held-back parts, and how many placeholders."""
    return {
        "ranking": len(at.get("vega_lite_chart")),
        "table": len(at.get("dataframe")),
        "downloads": len(at.get("download_button")),
        "placeholders": len(at.get("bidi_component")),
    }


EVERYTHING = {"ranking": 1, "table": 1, "downloads": 5, "placeholders": 0}


def test_without_a_browser_everything_comes_in_the_first_run():
    # AppTest sends no User-Agent: no signal would ever come, so nothing waits for one
    at = open_app(indicator="werkloosheid")
    assert_clean(at)
    assert parts(at) == EVERYTHING  # PNG, SVG; CSV, CSV (Excel NL), Excel
    assert keys.MAP_PAINTED not in at.session_state


def test_in_a_browser_the_parts_wait_for_the_map_and_then_all_come(monkeypatch):
    monkeypatch.setattr(after_map, "runs_the_signal", lambda user_agent: True)
    at = open_app(indicator="werkloosheid")
    assert_clean(at)
    # the map, its legend and the summary at once; ranking, table and downloads wait
    assert len(at.get("deck_gl_json_chart")) == 1
    assert parts(at) == {"ranking": 0, "table": 0, "downloads": 0, "placeholders": 3}
    assert [h.value for h in at.header] == ["Rangorde"]  # the headings stay in place
    assert "Tabel" in [e.label for e in at.main.expander]
    # the browser's report (the signal's callback): every part, the placeholders gone
    at.session_state[keys.MAP_PAINTED] = True
    rerun(at)
    assert_clean(at)
    assert parts(at) == EVERYTHING
    # a switch in the same session is not held back again
    at.sidebar.selectbox[0].select("woz_waarde")
    rerun(at)
    assert_clean(at)
    assert parts(at) == EVERYTHING


def test_an_embed_holds_nothing_back(monkeypatch):
    # an embed shows the map, its legend and the summary only: nothing to wait for
    monkeypatch.setattr(after_map, "runs_the_signal", lambda user_agent: True)
    at = AppTest.from_file(APP, default_timeout=120)
    at.context = {"is_embedded": True, "url": "http://dashboard.test/"}
    at.query_params["indicator"] = "werkloosheid"
    at.run()
    assert_clean(at)
    assert len(at.get("deck_gl_json_chart")) == 1
    assert parts(at) == {"ranking": 0, "table": 0, "downloads": 0, "placeholders": 0}
