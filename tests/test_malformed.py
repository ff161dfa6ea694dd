"""The malformed-data corpus (tests/malformed.py) through `python -m dashboard validate` and
through every page of the app in AppTest: validate exits 1 with the case's exact message,
and every page runs without an exception and shows that message (with the setting's name
where validate names a folder of the server); nothing half-loaded, ever.

One broken copy per case, shared by validate and all pages. Cases that leave the store as it
is read the compiled store of a folder shared by the whole module."""

from __future__ import annotations

import re

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard import cli, pages
from dashboard.testing import free_port
from tests.malformed import CASES, PUBLIC, SOURCES, Case, Folders, linked_copy
from tests.support.apptest import APP

ENV = (
    "DASHBOARD_CBS_DIR",
    "DASHBOARD_GEO_DIR",
    "DASHBOARD_PROJECT_DATA",
    "DASHBOARD_CACHE_DIR",
    "DASHBOARD_CONFIG",
    "DASHBOARD_MIRROR",
    "DASHBOARD_CBS_URL",
    "DASHBOARD_PDOK_URL",
)


@pytest.fixture(scope="module")
def shared_cache(tmp_path_factory):
    return tmp_path_factory.mktemp("compiled")


@pytest.fixture(scope="module")
def closed_port() -> int:
    return free_port()  # nothing listens: the data page's reachability check fails at once


def prepare(case: Case, tmp_path, monkeypatch, cache, port) -> dict[str, str]:
    folders = Folders(tmp_path)
    for name, source in SOURCES.items():
        linked_copy(source, tmp_path / name)
    case.setup(folders)
    monkeypatch.setenv("DASHBOARD_CBS_DIR", str(tmp_path / "cbs"))
    monkeypatch.setenv("DASHBOARD_GEO_DIR", str(tmp_path / "geo"))
    monkeypatch.setenv("DASHBOARD_PROJECT_DATA", str(tmp_path / "data"))
    monkeypatch.setenv("DASHBOARD_CACHE_DIR", str(cache))
    monkeypatch.setenv("DASHBOARD_MIRROR", "")
    monkeypatch.setenv("DASHBOARD_CBS_URL", f"http://127.0.0.1:{port}")
    monkeypatch.setenv("DASHBOARD_PDOK_URL", f"http://127.0.0.1:{port}")
    if case.config is not None:
        config = tmp_path / "case.toml"
        config.write_text(case.config, encoding="utf-8")
        monkeypatch.setenv("DASHBOARD_CONFIG", str(config))
        monkeypatch.delenv("DASHBOARD_CBS_DIR")
        monkeypatch.delenv("DASHBOARD_GEO_DIR")
    absolute = {name: str(tmp_path / name) for name in SOURCES}
    absolute["config"] = str(tmp_path / "case.toml")
    return absolute


def unescaped(elements) -> list[str]:
    return [re.sub(r"\\(.)", r"\1", e.value) for e in elements]


def page_files() -> list[tuple[str, str]]:
    return [(p.id, p.file) for p in pages.PAGES]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_malformed_data(case, tmp_path, monkeypatch, capsys, shared_cache, closed_port):
    absolute = prepare(case, tmp_path, monkeypatch, shared_cache, closed_port)
    st.cache_resource.clear()
    st.cache_data.clear()
    try:
        # validate: exit 1, the exact message, nothing printed as OK
        code = cli.main(["validate"])
        out, err = capsys.readouterr()
        errors = [line for line in err.splitlines() if line.startswith("error: ")]
        assert (code, errors[:1]) == (1, ["error: " + case.text(absolute)])
        assert "OK" not in out.splitlines()
        # every page: no exception, the message (the public form) shown
        public = case.text(PUBLIC)
        at = AppTest.from_file(APP, default_timeout=120)
        for n, (page_id, file) in enumerate(page_files()):
            if n:
                at.switch_page(file)
            at.run()
            assert not at.exception, (page_id, [e.value for e in at.exception])
            shown = [*unescaped(at.warning), *unescaped(at.error)]
            wanted = case.pages == "all" or page_id in case.pages
            assert any(public in text for text in shown) == wanted, (page_id, public, shown)
            assert not [t for t in shown if str(tmp_path) in t], (page_id, shown)
    finally:
        st.cache_resource.clear()
        st.cache_data.clear()
