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


def _toml(tmp_path: Path, monkeypatch, text: str) -> None:
    toml = tmp_path / "dashboard.toml"
    toml.write_text(text, encoding="utf-8")
    monkeypatch.setenv(config.ENV_CONFIG, str(toml))


def test_warm_up_defaults_to_drenthe_in_dutch(tmp_path, monkeypatch):
    _toml(tmp_path, monkeypatch, "")
    s = load_settings(environ={})
    assert (s.warm_up_scopes, s.warm_up_languages) == (("drenthe",), ("nl",))


def test_warm_up_from_toml_and_switched_off_by_env(tmp_path, monkeypatch):
    _toml(
        tmp_path,
        monkeypatch,
        '[warm_up]\nscopes = ["drenthe", "nederland", "drenthe"]\nlanguages = ["nl", "en"]\n',
    )
    s = load_settings(environ={})
    assert (s.warm_up_scopes, s.warm_up_languages) == (("drenthe", "nederland"), ("nl", "en"))
    assert load_settings(environ={config.ENV_WARM_UP: "1"}).warm_up_scopes == s.warm_up_scopes
    for off in ("0", "off", "Nee"):
        s = load_settings(environ={config.ENV_WARM_UP: off})
        assert (s.warm_up_scopes, s.warm_up_languages) == ((), ())


@pytest.mark.parametrize(
    ("text", "env", "message"),
    [
        (
            '[warm_up]\nscopes = ["drente"]\n',
            {},
            r"\[warm_up\] scopes: unknown 'drente'; valid: drenthe, noord-nederland, nederland\.",
        ),  # noqa: E501
        ('[warm_up]\nlanguages = "nl"\n', {}, r"\[warm_up\] languages must be a list of strings\."),
        (
            '[warm_up]\nscope = ["drenthe"]\n',
            {},
            r"\[warm_up\] has unknown key\(s\) scope; known: scopes, languages\.",
        ),  # noqa: E501
        ('warm_up = "ja"\n', {}, r"\[warm_up\] must be a table with scopes and languages\."),
        (
            "",
            {config.ENV_WARM_UP: "misschien"},
            r"DASHBOARD_WARM_UP='misschien' is not understood; use 0 \(off\) or 1 \(on\)\.",
        ),  # noqa: E501
    ],
)
def test_bad_warm_up_settings_say_what_is_wrong(tmp_path, monkeypatch, text, env, message):
    _toml(tmp_path, monkeypatch, text)
    with pytest.raises(ConfigError, match=message):
        load_settings(environ=env)
