"""The map geometry as static files (app/resources.geometry_files, issue 17): written once,
named by content, and the map falls back to inline geometry when the folder can't be written."""

from __future__ import annotations

import json
import logging

import pytest

from dashboard.app import cache, resources
from dashboard.render import maps
from dashboard.state import ViewState


def test_files_are_named_by_content_and_written_once(tmp_path):
    payloads = {"areas": b'{"a":1}', "borders": b"[[0,1]]"}
    names = resources.write_static(tmp_path / "geo", "drenthe-gemeente", payloads)
    assert names == {
        "areas": f"drenthe-gemeente-areas-{maps.digest(payloads['areas'])}.json",
        "borders": f"drenthe-gemeente-borders-{maps.digest(payloads['borders'])}.json",
    }
    assert sorted(p.name for p in (tmp_path / "geo").iterdir()) == sorted(names.values())
    target = tmp_path / "geo" / names["areas"]
    assert target.read_bytes() == b'{"a":1}'
    target.write_bytes(b"kept")  # an existing file is not written again
    assert resources.write_static(tmp_path / "geo", "drenthe-gemeente", payloads) == names
    assert target.read_bytes() == b"kept"
    changed = resources.write_static(tmp_path / "geo", "drenthe-gemeente", {"areas": b"{}"})
    assert changed["areas"] != names["areas"]


@pytest.fixture
def unwritable_static(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setattr(resources, "STATIC_DIR", blocker / "static")
    resources.geometry_files.clear()
    cache.map_spec.clear()
    yield
    resources.geometry_files.clear()
    cache.map_spec.clear()


def test_a_map_carries_its_geometry_when_the_files_cannot_be_written(unwritable_static, caplog):
    with caplog.at_level(logging.WARNING, logger="dashboard.app.resources"):
        assert resources.geometry_files("drenthe", "gemeente") is None
    assert "map geometry sent inline: cannot write" in caplog.text
    spec = json.loads(cache.map_spec(ViewState(indicator="werkloosheid"), False, False).json)
    layers = {layer["id"]: layer for layer in spec["layers"]}
    features = layers["gebieden"]["data"]["features"]
    assert len(features) == 12 and all("fill" in f["properties"] for f in features)
    assert layers["borders"]["data"] == maps.edges(layers["gebieden"]["data"])


def test_a_map_carries_its_geometry_when_static_serving_is_off(caplog):
    from streamlit import config

    before = config.get_option("server.enableStaticServing")
    config.set_option("server.enableStaticServing", False)
    resources.geometry_files.clear()
    try:
        with caplog.at_level(logging.WARNING, logger="dashboard.app.resources"):
            assert resources.geometry_files("drenthe", "gemeente") is None
        assert "server.enableStaticServing is off" in caplog.text
    finally:
        config.set_option("server.enableStaticServing", before)
        resources.geometry_files.clear()
