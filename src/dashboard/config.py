"""Where the dashboard finds its data.

Third-party data (CBS StatLine tables, CBS/PDOK boundaries) is never committed to this
repository; the app finds it through configuration, in this order:

1. environment variables ``DASHBOARD_CBS_DIR`` and ``DASHBOARD_GEO_DIR``;
2. ``dashboard.toml`` (``[data] cbs_dir``, ``geo_dir``; relative paths are relative to that file),
   found at ``DASHBOARD_CONFIG`` or in the project root;
3. defaults: ``data/cbs`` and ``geo`` in the project root (git-ignored), where
   ``python -m dashboard pull`` puts them.

``[data] cache_dir`` (``DASHBOARD_CACHE_DIR``; ``off`` for none) is where the compiled store is
kept (dashboard.model.compiled), by default ``.cache`` in the project root.

``[sources]`` says where ``pull`` takes the data from: ``mirror``, a local copy (a folder with
``data/cbs/`` and ``geo/``) used instead of the services when that folder exists
(``DASHBOARD_MIRROR``; empty or ``off`` for none); ``cbs`` and ``pdok``, the base URLs of CBS
StatLine's OData service and of PDOK's CBS gebiedsindelingen OGC API (``DASHBOARD_CBS_URL``,
``DASHBOARD_PDOK_URL``; the tests point them at fakes on 127.0.0.1); ``timeout`` (seconds per
request), ``retries`` and ``backoff`` (seconds before the first retry, doubling), also as
``DASHBOARD_PULL_TIMEOUT``, ``DASHBOARD_PULL_RETRIES`` and ``DASHBOARD_PULL_BACKOFF``.

``[warm_up]`` in ``dashboard.toml`` (``scopes``, ``languages``) says which views the server
computes in the background after the data has loaded (see dashboard.warmup); by default every
indicator of Drenthe in Dutch. ``DASHBOARD_WARM_UP=0`` switches it off (the tests do).

The project's own small datasets (catalogue, vocabulary, region sets, stories, Sociale Agenda
goals and figures) live in ``data/`` of the project root; ``DASHBOARD_PROJECT_DATA`` points at
another copy of that folder (to check a changed catalogue with ``validate`` before committing
it, and for the tests of malformed data). :func:`project_data` resolves it when called.

What reaches a public page never names a folder of the server: :func:`public_paths` writes a
path inside the project relative to it and any other data folder as the setting that names it
(``$DASHBOARD_CBS_DIR``, ``[data] cbs_dir``).
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from dashboard.vocabulary import LANGUAGES, SCOPES

PROJECT_ROOT = Path(__file__).resolve().parents[2]
PROJECT_DATA = PROJECT_ROOT / "data"

ENV_CONFIG = "DASHBOARD_CONFIG"
ENV_PROJECT_DATA = "DASHBOARD_PROJECT_DATA"
ENV_CBS_DIR = "DASHBOARD_CBS_DIR"
ENV_GEO_DIR = "DASHBOARD_GEO_DIR"
ENV_WARM_UP = "DASHBOARD_WARM_UP"
ENV_CACHE_DIR = "DASHBOARD_CACHE_DIR"
ENV_OWN_DIR = "DASHBOARD_OWN_DIR"  # eigen gegevens of `dashboard import` (branch upload)
ENV_MIRROR = "DASHBOARD_MIRROR"
ENV_CBS_URL = "DASHBOARD_CBS_URL"
ENV_PDOK_URL = "DASHBOARD_PDOK_URL"
ENV_PULL = {
    "timeout": "DASHBOARD_PULL_TIMEOUT",
    "retries": "DASHBOARD_PULL_RETRIES",
    "backoff": "DASHBOARD_PULL_BACKOFF",
}

DEFAULT_WARM_UP = {"scopes": ("drenthe",), "languages": ("nl",)}
_OFF = ("0", "off", "false", "no", "nee", "uit")
_ON = ("1", "on", "true", "yes", "ja", "aan")

DEFAULT_CBS_DIR = PROJECT_ROOT / "data" / "cbs"
DEFAULT_GEO_DIR = PROJECT_ROOT / "geo"
DEFAULT_CACHE_DIR = PROJECT_ROOT / ".cache"
DEFAULT_CBS_URL = "https://opendata.cbs.nl"
DEFAULT_PDOK_URL = "https://api.pdok.nl/cbs/gebiedsindelingen/ogc/v1"
DEFAULT_PULL = {"timeout": 60.0, "retries": 4, "backoff": 2.0}
SOURCES_KEYS = ("mirror", "cbs", "pdok", *DEFAULT_PULL)

# What a folder must hold, for the error message that says what to put there.
_EXPECTED = {
    "cbs_dir": (
        "the CBS StatLine tables as cbsodata CSV files (e.g. 86004NED.csv) plus "
        "gebieden_2025.csv and gemeenten_historie.csv"
    ),
    "geo_dir": (
        "the gemeente, COROP and province boundaries as GeoJSON "
        "(e.g. netherlands_gemeenten_2025.geojson, corop_2025.geojson)"
    ),
}
_ENV = {"cbs_dir": ENV_CBS_DIR, "geo_dir": ENV_GEO_DIR}


class ConfigError(Exception):
    """A configuration problem, with a message meant for the person running the dashboard."""


@dataclass(frozen=True)
class Settings:
    cbs_dir: Path
    geo_dir: Path
    config_file: Path | None = None
    # the views to compute after the data has loaded: every indicator for each scope and
    # language; empty when off
    warm_up_scopes: tuple[str, ...] = DEFAULT_WARM_UP["scopes"]
    warm_up_languages: tuple[str, ...] = DEFAULT_WARM_UP["languages"]
    # the compiled store's folder; None: none (a Settings made by hand reads the sources)
    cache_dir: Path | None = None
    # where `pull` takes the data from: this local mirror when it exists, else the services
    mirror: Path | None = None
    cbs_url: str = DEFAULT_CBS_URL
    pdok_url: str = DEFAULT_PDOK_URL
    timeout: float = DEFAULT_PULL["timeout"]
    retries: int = int(DEFAULT_PULL["retries"])
    backoff: float = DEFAULT_PULL["backoff"]
    # own sources of `dashboard import` (model/own.py); None: none
    own_dir: Path | None = None
    # which setting gave each folder ("cbs_dir", "geo_dir", "cache_dir", "mirror"): the
    # environment variable, "[data] cbs_dir in dashboard.toml", or "the default"
    origins: tuple[tuple[str, str], ...] = ()

    def origin(self, key: str) -> str:
        """The setting in effect for folder ``key``, as a message names it."""
        return dict(self.origins).get(key, "the default")


def project_data() -> Path:
    """The project's own data folder: ``DASHBOARD_PROJECT_DATA`` or ``data/`` of the project."""
    value = os.environ.get(ENV_PROJECT_DATA, "").strip()
    return Path(value).expanduser().resolve() if value else PROJECT_DATA


_SETTING_NAMES = {
    "cbs_dir": ENV_CBS_DIR,
    "geo_dir": ENV_GEO_DIR,
    "cache_dir": ENV_CACHE_DIR,
    "mirror": ENV_MIRROR,
}
# an absolute folder left in a text after the known ones were replaced (not a URL's path)
_ABSOLUTE_DIR = re.compile(r"(?<![\w:/.~-])/(?:[^\s/'\"()`]+/)+")


def _public_folder(folder: Path, setting: str) -> str:
    try:
        return folder.relative_to(PROJECT_ROOT).as_posix() or "."
    except ValueError:
        return setting


def public_paths(text: str, settings: Settings | None = None) -> str:
    """``text`` with no folder of the server in it: a path inside the project relative to
    the project (``data/catalog/x.toml``), a data folder elsewhere as the setting that names
    it (``$DASHBOARD_CBS_DIR/86004NED.csv``, ``[data] geo_dir/…``), the configuration file by
    its name, and any other absolute folder as ``…/``. For every page a visitor sees."""
    folders: list[tuple[Path, str]] = []
    if settings is not None:
        for key, env in _SETTING_NAMES.items():
            folder = getattr(settings, key, None)
            if folder is None:
                continue
            origin = settings.origin(key)
            setting = (
                f"${env}"
                if origin == env
                else f"[{'sources' if key == 'mirror' else 'data'}] {key}"
            )
            folders.append((folder, _public_folder(folder, setting)))
        if settings.config_file is not None:
            folders.append(
                (
                    settings.config_file,
                    _public_folder(settings.config_file, settings.config_file.name),
                )
            )
    data = project_data()
    folders.append((data, _public_folder(data, f"${ENV_PROJECT_DATA}")))
    folders.append((PROJECT_ROOT, "."))
    for folder, public in sorted(folders, key=lambda f: -len(str(f[0]))):
        text = text.replace(str(folder), public)
    text = text.replace("./", "") if text.startswith("./") else text.replace(" ./", " ")
    return _ABSOLUTE_DIR.sub("…/", text)


def _config_file() -> Path | None:
    explicit = os.environ.get(ENV_CONFIG)
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError(f"{ENV_CONFIG} points at {path}, which is not a file.")
        return path
    default = PROJECT_ROOT / "dashboard.toml"
    return default if default.is_file() else None


def _read_toml(path: Path) -> dict:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}") from exc


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Resolve the data folders (env > dashboard.toml > defaults; the folders are not
    checked here) and the warm-up."""
    env = os.environ if environ is None else environ
    path = _config_file()
    data = _read_toml(path) if path else {}
    section = data.get("data", {})
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: [data] must be a table with cbs_dir and geo_dir.")

    origins: dict[str, str] = {}

    def resolve(key: str, default: Path) -> Path:
        if env.get(_ENV[key]):
            origins[key] = _ENV[key]
            return Path(env[_ENV[key]]).expanduser().resolve()
        if key in section:
            value = section[key]
            if not isinstance(value, str) or not value.strip():
                raise ConfigError(f"{path}: [data] {key} must be a non-empty path string.")
            assert path is not None
            origins[key] = f"[data] {key} in {path.name}"
            return (path.parent / Path(value).expanduser()).resolve()
        return default

    scopes, languages = _warm_up(path, data.get("warm_up", {}), env)
    sources = _sources(path, data.get("sources", {}), env)
    cbs_dir, geo_dir = resolve("cbs_dir", DEFAULT_CBS_DIR), resolve("geo_dir", DEFAULT_GEO_DIR)
    if env.get(ENV_CACHE_DIR, "").strip():
        origins["cache_dir"] = ENV_CACHE_DIR
    elif "cache_dir" in section:
        origins["cache_dir"] = f"[data] cache_dir in {path.name if path else ''}"
    if ENV_MIRROR in env:
        origins["mirror"] = ENV_MIRROR
    elif isinstance(data.get("sources"), dict) and "mirror" in data["sources"]:
        origins["mirror"] = f"[sources] mirror in {path.name if path else ''}"
    return Settings(
        cbs_dir=cbs_dir,
        geo_dir=geo_dir,
        config_file=path,
        warm_up_scopes=scopes,
        warm_up_languages=languages,
        cache_dir=_cache_dir(path, section, env),
        own_dir=_own_dir(path, section, env),
        **sources,
        origins=tuple(origins.items()),
    )


def _path_setting(path: Path | None, where: str, value: object) -> Path:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{path}: {where} must be a non-empty path string.")
    base = path.parent if path else PROJECT_ROOT
    return (base / Path(value).expanduser()).resolve()


def _cache_dir(path: Path | None, section: dict, env: Mapping[str, str]) -> Path | None:
    """The compiled store's folder (env > [data] cache_dir > default); None when off."""
    value = env.get(ENV_CACHE_DIR, "").strip()
    if value:
        return None if value.lower() in _OFF else Path(value).expanduser().resolve()
    if "cache_dir" in section:
        return _path_setting(path, "[data] cache_dir", section["cache_dir"])
    return DEFAULT_CACHE_DIR


def _own_dir(path: Path | None, section: dict, env: Mapping[str, str]) -> Path | None:
    """The folder of own sources (env > [data] own_dir > data/eigen); None when off."""
    value = env.get(ENV_OWN_DIR, "").strip()
    if value:
        return None if value.lower() in _OFF else Path(value).expanduser().resolve()
    if "own_dir" in section:
        return _path_setting(path, "[data] own_dir", section["own_dir"])
    return PROJECT_ROOT / "data" / "eigen"


def _sources(path: Path | None, section: object, env: Mapping[str, str]) -> dict:
    """The ``[sources]`` settings of `pull`, checked, with their environment overrides."""
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: [sources] must be a table ({', '.join(SOURCES_KEYS)}).")
    unknown = sorted(set(section) - set(SOURCES_KEYS))
    if unknown:
        raise ConfigError(
            f"{path}: [sources] has unknown key(s) {', '.join(unknown)}; "
            f"known: {', '.join(SOURCES_KEYS)}."
        )
    out: dict = {}
    if ENV_MIRROR in env:
        value = env[ENV_MIRROR].strip()
        out["mirror"] = (
            None if not value or value.lower() in _OFF else Path(value).expanduser().resolve()
        )
    elif "mirror" in section:
        out["mirror"] = _path_setting(path, "[sources] mirror", section["mirror"])
    for key, env_key, default in (
        ("cbs", ENV_CBS_URL, DEFAULT_CBS_URL),
        ("pdok", ENV_PDOK_URL, DEFAULT_PDOK_URL),
    ):
        value = env.get(env_key) or section.get(key, default)
        where = env_key if env.get(env_key) else f"{path}: [sources] {key}"
        if not isinstance(value, str) or not value.startswith(("http://", "https://")):
            raise ConfigError(f"{where} must be an http:// or https:// URL, got {value!r}.")
        out[f"{key}_url"] = value.rstrip("/")
    for key, default in DEFAULT_PULL.items():
        raw = env.get(ENV_PULL[key]) or section.get(key, default)
        where = ENV_PULL[key] if env.get(ENV_PULL[key]) else f"{path}: [sources] {key}"
        try:
            number = float(raw) if not isinstance(raw, bool) else None
        except (TypeError, ValueError):
            number = None
        if number is None or number < 0 or (key == "retries" and number != int(number)):
            kind = "a whole number" if key == "retries" else "a number of seconds"
            raise ConfigError(f"{where} must be {kind} (0 or more), got {raw!r}.")
        out[key] = int(number) if key == "retries" else number
    return out


def _warm_up(
    path: Path | None, section: object, env: Mapping[str, str]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The ``[warm_up]`` scopes and languages, checked; both empty when switched off."""
    switch = env.get(ENV_WARM_UP, "").strip().lower()
    if switch and switch not in _OFF + _ON:
        raise ConfigError(
            f"{ENV_WARM_UP}={env[ENV_WARM_UP]!r} is not understood; use 0 (off) or 1 (on)."
        )
    if switch in _OFF:
        return (), ()
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: [warm_up] must be a table with scopes and languages.")
    unknown = sorted(set(section) - set(DEFAULT_WARM_UP))
    if unknown:
        raise ConfigError(
            f"{path}: [warm_up] has unknown key(s) {', '.join(unknown)}; "
            f"known: {', '.join(DEFAULT_WARM_UP)}."
        )
    out = []
    for key, valid in (("scopes", SCOPES), ("languages", LANGUAGES)):
        value = section.get(key, DEFAULT_WARM_UP[key])
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{path}: [warm_up] {key} must be a list of strings.")
        wrong = [v for v in value if v not in valid]
        if wrong:
            raise ConfigError(
                f"{path}: [warm_up] {key}: unknown {', '.join(map(repr, wrong))}; "
                f"valid: {', '.join(valid)}."
            )
        out.append(tuple(dict.fromkeys(value)))
    return out[0], out[1]


def _setting_sentence(settings: Settings, key: str) -> str:
    origin = settings.origin(key)
    if origin == "the default":
        return (
            f"It is the default folder (set {_ENV[key]} or [data] {key} in dashboard.toml "
            "for another)."
        )
    return f"It is set by {origin}."


def check_folder(settings: Settings, key: str) -> Path:
    """Return the folder for ``key`` ('cbs_dir' or 'geo_dir') or raise one clear ConfigError."""
    folder: Path = getattr(settings, key)
    problem = None
    if not folder.exists():
        problem = "does not exist"
    elif not folder.is_dir():
        problem = "is not a folder"
    elif not any(folder.iterdir()):
        problem = "is empty"
    if problem:
        raise ConfigError(
            f"The data folder {folder} {problem}. {_setting_sentence(settings, key)} "
            f"Put {_EXPECTED[key]} there: `python -m dashboard pull` fetches them from CBS and "
            "PDOK, `python -m dashboard pull --from DIR` copies them from a local mirror "
            "(see README.md, section Data)."
        )
    return folder
