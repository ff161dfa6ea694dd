"""The app without data (app/fetch.py, in Streamlit's AppTest): it says what is missing and
where, offers to fetch it from CBS (the fake services here) or to copy it from the mirror,
says so when the services cannot be reached, and loads the dashboard after a fetch."""

from __future__ import annotations

import re
import socket
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard.testing_services import default_mirror

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
MIRROR = default_mirror(ROOT)


def texts(elements) -> list[str]:
    return [re.sub(r"\\(.)", r"\1", e.value) for e in elements]


@pytest.fixture
def empty(tmp_path, monkeypatch, services) -> Path:
    """A fresh installation: no data folders, no mirror, the fake services online."""
    monkeypatch.setenv("DASHBOARD_CBS_DIR", str(tmp_path / "data" / "cbs"))
    monkeypatch.setenv("DASHBOARD_GEO_DIR", str(tmp_path / "geo"))
    monkeypatch.setenv("DASHBOARD_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("DASHBOARD_PULL_RETRIES", "1")
    monkeypatch.setenv("DASHBOARD_PULL_BACKOFF", "0.01")
    for key, value in services.env().items():
        monkeypatch.setenv(key, value)
    # the store and views of the process belong to other data: none here, and none left after
    st.cache_resource.clear()
    st.cache_data.clear()
    yield tmp_path
    st.cache_resource.clear()
    st.cache_data.clear()


def open_app(**params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180)
    for name, value in params.items():
        at.query_params[name] = value
    return at.run()


def test_without_data_the_page_says_what_is_missing_and_offers_to_fetch(empty):
    at = open_app()
    assert not at.exception, [e.value for e in at.exception]
    assert texts(at.title) == ["Gegevens ontbreken"]
    (warning,) = texts(at.warning)
    # no folder of the server on a public page: the setting that names it instead
    assert warning.startswith(
        "The data folder $DASHBOARD_CBS_DIR does not exist. It is set by DASHBOARD_CBS_DIR. "
    )
    markdown = " ".join(texts(at.markdown))
    assert "open data van het CBS" in markdown
    assert (
        "De tabellen horen in `$DASHBOARD_CBS_DIR`, de grenzen in `$DASHBOARD_GEO_DIR`." in markdown
    )
    shown = [*texts(at.warning), *texts(at.markdown), *texts(at.title), *texts(at.info)]
    assert not [text for text in shown if str(empty) in text or "/tmp" in text]
    assert [b.label for b in at.button] == ["Gegevens ophalen bij CBS"]
    assert at.button(key="fetch_online").help.startswith("21 tabellen van opendata.cbs.nl")
    assert not at.info


def test_in_english(empty):
    at = open_app(taal="en")
    assert texts(at.title) == ["Data missing"]
    assert "open data of CBS" in " ".join(texts(at.markdown))
    assert [b.label for b in at.button] == ["Fetch the data from CBS"]


def test_offline_it_names_pull_from(empty, monkeypatch):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.setenv("DASHBOARD_CBS_URL", f"http://127.0.0.1:{port}")
    at = open_app()
    assert not at.exception
    (info,) = texts(at.info)
    assert info == (
        f"Geen verbinding met 127.0.0.1:{port}: ophalen bij CBS kan hier niet. Neem de "
        "gegevens over uit een kopie (een map met data/cbs/ en geo/): "
        "`python -m dashboard pull --from MAP`."
    )
    assert [b.label for b in at.button] == []


def test_a_mirror_is_offered_when_it_exists(empty, monkeypatch):
    monkeypatch.setenv("DASHBOARD_MIRROR", str(MIRROR))
    at = open_app()
    assert [b.label for b in at.button] == [
        "Gegevens ophalen bij CBS",
        "Overnemen uit $DASHBOARD_MIRROR",  # the setting, not the server's folder
    ]


def test_fetch_then_the_dashboard(empty, services):
    at = open_app()
    at.button(key="fetch_online").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, texts(at.error)
    # the data is in place, and the map page of the default indicator is drawn
    assert (empty / "data" / "cbs" / "86004NED.csv").is_file()
    assert (empty / "geo" / "netherlands_gemeenten_2025.geojson").is_file()
    assert texts(at.title) == ["Vrijwilligerswerk"]
    assert len(at.get("deck_gl_json_chart")) == 1
    assert any("/TypedDataSet" in r for r in services.requests)


def test_a_failed_fetch_says_so_and_changes_nothing(empty, services):
    services.faults.status["/86004NED/TypedDataSet"] = 500
    at = open_app()
    at.button(key="fetch_online").click().run()
    assert not at.exception
    (error,) = texts(at.error)
    assert error.startswith("Ophalen is mislukt; de gegevens zijn niet veranderd.\n\nCBS table ")
    assert "86004NED: the service answered 500" in error
    assert not (empty / "data" / "cbs").exists()
