"""The compiled store (dashboard.model.compiled): a second start reads it instead of the CSV
files, any change of a source file or of the catalogue rebuilds it, and a damaged file is
rebuilt, never trusted."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from dashboard.config import PROJECT_DATA, Settings
from dashboard.model import compiled
from dashboard.model.catalog import load_catalog
from dashboard.model.store import Store, load_store
from dashboard.testing_services import default_mirror

ROOT = Path(__file__).resolve().parents[1]
MIRROR = default_mirror(ROOT)


@pytest.fixture(scope="module")
def compiled_template(tmp_path_factory) -> Settings:
    """The mirror's CBS folder with its store compiled once for the module (5 s a build)."""
    root = tmp_path_factory.mktemp("template")
    shutil.copytree(MIRROR / "data" / "cbs", root / "cbs")
    template = Settings(cbs_dir=root / "cbs", geo_dir=MIRROR / "geo", cache_dir=root / "cache")
    assert load_store(template).origin == "sources"
    return template


@pytest.fixture
def compiled_settings(compiled_template, tmp_path) -> Settings:
    """A copy of the template, the compiled store included: copytree keeps the files' times,
    so the store's key is the same and the first load reads it."""
    shutil.copytree(compiled_template.cbs_dir, tmp_path / "cbs")
    shutil.copytree(compiled_template.cache_dir, tmp_path / "cache")
    return Settings(cbs_dir=tmp_path / "cbs", geo_dir=MIRROR / "geo", cache_dir=tmp_path / "cache")


@pytest.fixture
def settings(tmp_path) -> Settings:
    """A copy of the mirror's CBS folder, and an empty compiled-store folder."""
    shutil.copytree(MIRROR / "data" / "cbs", tmp_path / "cbs")
    return Settings(cbs_dir=tmp_path / "cbs", geo_dir=MIRROR / "geo", cache_dir=tmp_path / "cache")


def assert_same(a: Store, b: Store) -> None:
    pd.testing.assert_frame_equal(a.observations, b.observations)
    pd.testing.assert_frame_equal(a.gebieden, b.gebieden)
    pd.testing.assert_series_equal(a.household_weights, b.household_weights)
    assert a.household_weights.attrs == b.household_weights.attrs == {"period": "2023"}
    assert list(a.names.items()) == list(b.names.items())
    assert list(a.components) == list(b.components)
    for ind, frame in a.components.items():
        pd.testing.assert_frame_equal(frame, b.components[ind])
    assert a.class_breaks == b.class_breaks and len(a.class_breaks) > 1000  # the maps' breaks


def stores(cache: Path) -> list[Path]:
    return sorted(p for p in cache.glob("store-*") if (p / compiled.MANIFEST).is_file())


def test_a_second_start_reads_the_compiled_store(settings):
    script = (
        "import logging, sys\n"
        "logging.basicConfig(level=logging.INFO, stream=sys.stdout, format='%(message)s')\n"
        "from dashboard.model.store import load_store\n"
        "print('origin', load_store().origin)\n"
    )
    env = {
        **os.environ,
        "DASHBOARD_CBS_DIR": str(settings.cbs_dir),
        "DASHBOARD_CACHE_DIR": str(settings.cache_dir),
        "PYTHONPATH": str(ROOT / "src"),
    }

    def start() -> list[str]:
        done = subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=300
        )
        assert done.returncode == 0, done.stderr
        return [ln for ln in done.stdout.splitlines() if "store" in ln or "origin" in ln]

    first = start()
    (folder,) = stores(settings.cache_dir)
    assert first == [f"store compiled to {folder}", "origin sources"]
    assert start() == [f"store read from the compiled store {folder}", "origin compiled"]


def test_compiled_store_equals_the_store_from_the_sources(settings):
    built = load_store(settings)
    read = load_store(settings)
    assert (built.origin, read.origin) == ("sources", "compiled")
    assert_same(built, read)
    # the views ask the same questions of both
    assert read.periods("werkloosheid") == built.periods("werkloosheid")
    assert read.value("werkloosheid", "GM0106", "2023") == built.value(
        "werkloosheid", "GM0106", "2023"
    )


def test_touching_or_changing_a_source_file_rebuilds_it(settings):
    load_store(settings)
    path = settings.cbs_dir / "81064ned.csv"
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert load_store(settings).origin == "sources"
    assert load_store(settings).origin == "compiled"
    # a new value in a source is in the next store, not the compiled old one
    before = load_store(settings).value("betalingsachterstand_zorgpremie", "GM0106", "2023")
    text = path.read_text(encoding="utf-8-sig")
    lines = text.splitlines()
    row = next(i for i, ln in enumerate(lines) if ";Assen;2023;" in ln)
    cells = lines[row].split(";")
    cells[-1] = "9.99"  # PersMetBetalingsachterstandRelatief_2
    lines[row] = ";".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    after = load_store(settings)
    assert after.origin == "sources"
    assert after.value("betalingsachterstand_zorgpremie", "GM0106", "2023") == 9.99 != before


def test_changing_the_catalogue_rebuilds_it(settings, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(PROJECT_DATA / "catalog", data / "catalog")
    shutil.copy(PROJECT_DATA / "vocabulary.toml", data / "vocabulary.toml")
    assert load_store(settings, load_catalog(data)).origin == "sources"
    assert load_store(settings, load_catalog(data)).origin == "compiled"
    toml = data / "catalog" / "cbs.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace(
            'label_nl = "Werkloosheid"', 'label_nl = "Werkloosheid (15-75 jaar)"'
        ),
        encoding="utf-8",
    )
    store = load_store(settings, load_catalog(data))
    assert store.origin == "sources"
    assert store.indicator("werkloosheid").label_nl == "Werkloosheid (15-75 jaar)"


@pytest.mark.parametrize("damage", ["flipped bytes", "truncated", "missing part", "bad manifest"])
def test_a_damaged_compiled_store_is_rebuilt_never_trusted(compiled_settings, caplog, damage):
    settings = compiled_settings
    built = load_store(settings)
    assert built.origin == "compiled"
    (folder,) = stores(settings.cache_dir)
    part = folder / "observations.arrow"
    data = bytearray(part.read_bytes())
    if damage == "flipped bytes":
        data[len(data) // 2 : len(data) // 2 + 64] = bytes(64)
        part.write_bytes(bytes(data))
        reason = "observations.arrow does not match its hash"
    elif damage == "truncated":
        part.write_bytes(bytes(data[: len(data) // 3]))
        reason = "observations.arrow does not match its hash"
    elif damage == "missing part":
        (folder / "components.arrow").unlink()
        reason = "No such file or directory"
    else:
        (folder / compiled.MANIFEST).write_text('{"key": ', encoding="utf-8")
        reason = "Expecting value"
    with caplog.at_level(logging.WARNING, logger="dashboard.model.compiled"):
        rebuilt = load_store(settings)
    assert rebuilt.origin == "sources"
    (message,) = [r.getMessage() for r in caplog.records]
    assert message.startswith(f"compiled store {folder} is damaged (")
    assert reason in message and message.endswith("): rebuilding it")
    assert_same(built, rebuilt)
    assert load_store(settings).origin == "compiled"  # written anew


def test_a_compiled_store_that_cannot_be_written_is_skipped(settings, tmp_path, caplog):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    settings = Settings(cbs_dir=settings.cbs_dir, geo_dir=settings.geo_dir, cache_dir=blocker)
    with caplog.at_level(logging.WARNING, logger="dashboard.model.compiled"):
        store = load_store(settings)
    assert store.origin == "sources" and len(store.observations) > 100_000
    assert [r.getMessage().split(" (")[0] for r in caplog.records] == [
        f"cannot write the compiled store in {blocker}"
    ]


def test_only_the_newest_stores_are_kept(settings, monkeypatch):
    monkeypatch.setattr(compiled, "KEEP", 2)  # each store is a build of 5 s: 4 builds, not 5
    path = settings.cbs_dir / "81064ned.csv"
    for n in range(compiled.KEEP + 2):
        os.utime(path, ns=(n * 10**9, n * 10**9))
        load_store(settings)
    assert len(stores(settings.cache_dir)) == compiled.KEEP
    assert load_store(settings).origin == "compiled"  # the newest is among them


def test_the_key_is_the_same_for_the_same_files_in_another_folder(settings, tmp_path):
    from dashboard.model.store import store_inputs

    catalog = load_catalog()
    moved = tmp_path / "elsewhere"
    os.rename(settings.cbs_dir, moved)  # what pull does with the folder it validated
    key = compiled.store_key(store_inputs(catalog, moved))
    os.rename(moved, settings.cbs_dir)
    assert key == compiled.store_key(store_inputs(catalog, settings.cbs_dir))
    assert key is not None and len(key) == 64


def test_the_key_changes_with_the_code_and_libraries_of_the_class_breaks(tmp_path, monkeypatch):
    # the stored class breaks (render/classify.py, with mapclassify) are not kept for another
    # version of the code or of the libraries that compute them
    before = compiled.code_version()
    assert compiled.code_version() == before
    changed = tmp_path / "classify.py"
    changed.write_bytes(compiled._CLASSIFY.read_bytes() + b"\n# another rounding\n")
    monkeypatch.setattr(compiled, "_CLASSIFY", changed)
    assert compiled.code_version() != before
    monkeypatch.undo()
    assert compiled.code_version() == before
    version = compiled.metadata.version
    for name in ("mapclassify", "scipy", "numpy"):
        other = lambda n, name=name: "0.0.1" if n == name else version(n)  # noqa: E731
        monkeypatch.setattr(compiled.metadata, "version", other)
        assert compiled.code_version() != before, name
    monkeypatch.undo()
