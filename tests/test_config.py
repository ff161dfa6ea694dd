"""Configuration: env > dashboard.toml > defaults, and one clear message for a bad folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard import config
from dashboard.config import ConfigError, Settings, check_folder, load_settings


def test_committed_toml_points_at_shared(monkeypatch):
    monkeypatch.delenv(config.ENV_CONFIG, raising=False)
    s = load_settings(environ={})
    assert s.cbs_dir == (config.PROJECT_ROOT.parent / "shared" / "data" / "cbs").resolve()
    assert s.geo_dir == (config.PROJECT_ROOT.parent / "shared" / "geo").resolve()
    assert s.config_file == config.PROJECT_ROOT / "dashboard.toml"


def test_environment_wins(tmp_path, monkeypatch):
    monkeypatch.delenv(config.ENV_CONFIG, raising=False)
    s = load_settings(environ={config.ENV_CBS_DIR: str(tmp_path)})
    assert s.cbs_dir == tmp_path.resolve()
    assert s.geo_dir.name == "geo"  # still from dashboard.toml


def test_toml_paths_are_relative_to_the_file(tmp_path, monkeypatch):
    toml = tmp_path / "conf" / "dashboard.toml"
    toml.parent.mkdir()
    toml.write_text('[data]\ncbs_dir = "tables"\n', encoding="utf-8")
    monkeypatch.setenv(config.ENV_CONFIG, str(toml))
    s = load_settings(environ={})
    assert s.cbs_dir == (tmp_path / "conf" / "tables").resolve()
    assert s.geo_dir == config.DEFAULT_GEO_DIR  # default where the file is silent


def test_invalid_toml(tmp_path, monkeypatch):
    toml = tmp_path / "dashboard.toml"
    toml.write_text("[data\n", encoding="utf-8")
    monkeypatch.setenv(config.ENV_CONFIG, str(toml))
    with pytest.raises(ConfigError, match="is not valid TOML"):
        load_settings(environ={})


def test_config_env_pointing_nowhere(tmp_path, monkeypatch):
    monkeypatch.setenv(config.ENV_CONFIG, str(tmp_path / "nope.toml"))
    with pytest.raises(ConfigError, match="DASHBOARD_CONFIG points at .*nope.toml"):
        load_settings(environ={})


@pytest.mark.parametrize("state", ["missing", "empty", "file"])
def test_bad_folder_message_names_folder_setting_and_content(tmp_path, state):
    folder = tmp_path / "cbs"
    if state == "empty":
        folder.mkdir()
    elif state == "file":
        folder.write_text("x")
    s = Settings(cbs_dir=folder, geo_dir=tmp_path, config_file=Path("/x/dashboard.toml"))
    problem = {"missing": "does not exist", "empty": "is empty", "file": "is not a folder"}[state]
    with pytest.raises(ConfigError) as err:
        check_folder(s, "cbs_dir")
    message = str(err.value)
    assert f"The data folder {folder} {problem}." in message
    assert "DASHBOARD_CBS_DIR or [data] cbs_dir in /x/dashboard.toml" in message
    assert "gebieden_2025.csv" in message
