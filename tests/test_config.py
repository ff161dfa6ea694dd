"""Configuration: env > dashboard.toml > defaults, and one clear message for a bad folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard import config
from dashboard.config import ConfigError, Settings, check_folder, load_settings


def test_committed_toml_points_into_the_project_and_at_the_mirror(monkeypatch):
    monkeypatch.delenv(config.ENV_CONFIG, raising=False)
    s = load_settings(environ={})
    assert s.cbs_dir == config.PROJECT_ROOT / "data" / "cbs"
    assert s.geo_dir == config.PROJECT_ROOT / "geo"
    assert s.cache_dir == config.PROJECT_ROOT / ".cache"
    assert s.mirror == (config.PROJECT_ROOT.parent / "shared").resolve()
    assert (s.cbs_url, s.pdok_url) == (config.DEFAULT_CBS_URL, config.DEFAULT_PDOK_URL)
    assert (s.timeout, s.retries, s.backoff) == (60.0, 4, 2.0)
    assert s.config_file == config.PROJECT_ROOT / "dashboard.toml"


def test_defaults_without_a_toml(tmp_path, monkeypatch):
    _toml(tmp_path, monkeypatch, "")
    s = load_settings(environ={})
    assert (s.cbs_dir, s.geo_dir) == (config.DEFAULT_CBS_DIR, config.DEFAULT_GEO_DIR)
    assert (s.cache_dir, s.mirror) == (config.DEFAULT_CACHE_DIR, None)


def test_sources_and_cache_from_the_environment(tmp_path, monkeypatch):
    _toml(tmp_path, monkeypatch, '[sources]\nmirror = "m"\ncbs = "https://example.org/x/"\n')
    s = load_settings(environ={})
    assert s.mirror == (tmp_path / "m").resolve()
    assert s.cbs_url == "https://example.org/x"
    env = {
        config.ENV_MIRROR: "",
        config.ENV_CBS_URL: "http://127.0.0.1:9",
        config.ENV_PDOK_URL: "http://127.0.0.1:9/ogc",
        config.ENV_CACHE_DIR: "off",
        "DASHBOARD_PULL_TIMEOUT": "0.5",
        "DASHBOARD_PULL_RETRIES": "2",
        "DASHBOARD_PULL_BACKOFF": "0",
    }
    s = load_settings(environ=env)
    assert (s.mirror, s.cache_dir) == (None, None)
    assert (s.cbs_url, s.pdok_url) == ("http://127.0.0.1:9", "http://127.0.0.1:9/ogc")
    assert (s.timeout, s.retries, s.backoff) == (0.5, 2, 0.0)
    s = load_settings(environ={config.ENV_CACHE_DIR: str(tmp_path / "c")})
    assert s.cache_dir == (tmp_path / "c").resolve()


@pytest.mark.parametrize(
    ("text", "env", "message"),
    [
        (
            '[sources]\ncbs = "opendata.cbs.nl"\n',
            {},
            r"\[sources\] cbs must be an http:// or https:// URL, got 'opendata.cbs.nl'\.",
        ),  # noqa: E501
        (
            "[sources]\nretries = 1.5\n",
            {},
            r"\[sources\] retries must be a whole number \(0 or more\), got 1.5\.",
        ),  # noqa: E501
        (
            "",
            {"DASHBOARD_PULL_TIMEOUT": "soon"},
            r"DASHBOARD_PULL_TIMEOUT must be a number of seconds \(0 or more\), got 'soon'\.",
        ),  # noqa: E501
        (
            '[sources]\nurl = "x"\n',
            {},
            r"\[sources\] has unknown key\(s\) url; known: mirror, cbs, pdok, timeout, "
            r"retries, backoff\.",
        ),
        ('[data]\ncache_dir = ""\n', {}, r"\[data\] cache_dir must be a non-empty path string\."),  # noqa: E501
    ],
)
def test_bad_sources_settings_say_what_is_wrong(tmp_path, monkeypatch, text, env, message):
    _toml(tmp_path, monkeypatch, text)
    with pytest.raises(ConfigError, match=message):
        load_settings(environ=env)


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
    s = Settings(
        cbs_dir=folder,
        geo_dir=tmp_path,
        config_file=Path("/x/dashboard.toml"),
        origins=(("cbs_dir", "[data] cbs_dir in dashboard.toml"),),
    )
    problem = {"missing": "does not exist", "empty": "is empty", "file": "is not a folder"}[state]
    with pytest.raises(ConfigError) as err:
        check_folder(s, "cbs_dir")
    message = str(err.value)
    assert f"The data folder {folder} {problem}." in message
    # the one setting in effect, not a list of candidates
    assert f"{problem}. It is set by [data] cbs_dir in dashboard.toml. Put the CBS" in message
    assert "gebieden_2025.csv" in message


def test_bad_folder_message_names_the_environment_variable_in_effect(tmp_path):
    s = load_settings(environ={"DASHBOARD_CBS_DIR": str(tmp_path / "nope")})
    with pytest.raises(ConfigError) as err:
        check_folder(s, "cbs_dir")
    assert f"{tmp_path / 'nope'} does not exist. It is set by DASHBOARD_CBS_DIR. Put" in str(
        err.value
    )


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
