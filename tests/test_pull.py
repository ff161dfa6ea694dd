"""`python -m dashboard pull` against the fake CBS and PDOK (dashboard.testing_services, built
from the mirror at test time), and from a mirror: the whole catalogue into an empty folder,
the report, and every way it can fail, each leaving the previous data as it was."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import socket
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pandas as pd
import pytest

from dashboard import cli
from dashboard.config import load_settings
from dashboard.model import pull as pulling
from dashboard.model.catalog import load_catalog
from dashboard.model.gebieden import GEBIEDEN_FILE, HISTORIE_FILE
from dashboard.model.store import load_store, table_measures
from dashboard.testing_services import default_mirror

ROOT = Path(__file__).resolve().parents[1]
MIRROR = default_mirror(ROOT)

BOUNDARIES = ["corop_2025.geojson", "netherlands_gemeenten_2025.geojson", "provincies_2025.geojson"]


def _point(monkeypatch, root: Path, services, **env: str) -> None:
    """Data folders, cache and services of a pull under ``root``."""
    monkeypatch.setenv("DASHBOARD_CBS_DIR", str(root / "data" / "cbs"))
    monkeypatch.setenv("DASHBOARD_GEO_DIR", str(root / "geo"))
    monkeypatch.setenv("DASHBOARD_CACHE_DIR", str(root / "cache"))
    for key, value in services.env().items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("DASHBOARD_PULL_TIMEOUT", "10")
    monkeypatch.setenv("DASHBOARD_PULL_RETRIES", "2")
    monkeypatch.setenv("DASHBOARD_PULL_BACKOFF", "0.01")
    for key, value in env.items():
        monkeypatch.setenv(key, value)


def _state(root: Path) -> dict[str, str]:
    """Every file under the data folders' parents by path and SHA-256 (folders included, so
    that a temporary folder left behind shows)."""
    out = {}
    for base in (root / "data", root / "geo"):
        for path in sorted(base.rglob("*")) if base.exists() else []:
            rel = str(path.relative_to(root))
            out[rel] = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "dir"
    return out


def _run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        rc = cli.main(["pull", *args])
    return rc, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def previous(tmp_path_factory) -> Path:
    """Data as a earlier pull left it: the mirror's folders, copied."""
    root = tmp_path_factory.mktemp("previous")
    shutil.copytree(MIRROR / "data" / "cbs", root / "data" / "cbs")
    shutil.copytree(MIRROR / "geo", root / "geo")
    return root


@pytest.fixture
def old_data(previous, tmp_path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(previous, root)
    return root


# --- a whole pull -----------------------------------------------------------------------------


def test_full_pull_into_an_empty_folder_gives_the_mirrors_observations(
    tmp_path, monkeypatch, services, capsys
):
    root = tmp_path / "project"
    _point(monkeypatch, root, services)
    rc, out, err = _run()
    assert rc == 0, err
    assert out.splitlines() == [
        f"Source: CBS ({services.cbs_url}) and PDOK ({services.pdok_url})",
        f"Data: 21 tables and files into {root / 'data' / 'cbs'} and {root / 'geo'}",
        "New periods: all (there was no data before)",
        "Discontinued tables: none",
        "Measures that disappeared: none",
        "OK",
    ]
    assert "86004NED" in err and "5,135 rows" in err  # the progress bars, on stderr
    tables = table_measures(load_catalog())
    assert sorted(os.listdir(root / "data" / "cbs")) == sorted(
        [f"{t}.csv" for t in tables] + [GEBIEDEN_FILE, HISTORIE_FILE]
    )
    assert sorted(os.listdir(root / "geo")) == BOUNDARIES
    # the pulled data passes the app's own checks ...
    assert cli.main(["validate"]) == 0
    capsys.readouterr()
    # ... and exports exactly the observations of the mirror, cell for cell
    with redirect_stdout(io.StringIO()):
        assert cli.main(["export", "observations", str(tmp_path / "pulled.csv")]) == 0
        monkeypatch.setenv("DASHBOARD_CBS_DIR", str(MIRROR / "data" / "cbs"))
        monkeypatch.setenv("DASHBOARD_CACHE_DIR", "off")
        assert cli.main(["export", "observations", str(tmp_path / "mirror.csv")]) == 0
    pulled = (tmp_path / "pulled.csv").read_bytes()
    assert len(pulled) > 5_000_000
    assert pulled == (tmp_path / "mirror.csv").read_bytes()
    # the area lists are the mirror's, row for row
    for name in (GEBIEDEN_FILE, HISTORIE_FILE):
        a, b = (
            pd.read_csv(folder / name, dtype=str, keep_default_na=False)
            for folder in (root / "data" / "cbs", MIRROR / "data" / "cbs")
        )
        key = list(a.columns[:2])
        assert list(a.columns) == list(b.columns)
        pd.testing.assert_frame_equal(
            a.sort_values(key, ignore_index=True), b.sort_values(key, ignore_index=True)
        )
    # the files are as cbsodata's rows saved by pandas: ';' and a BOM
    head = (root / "data" / "cbs" / "86007NED.csv").read_text(encoding="utf-8").splitlines()[0]
    assert head == "\ufeffID;KenmerkenVanHuishoudens;RegioS;Perioden;MediaanVermogen_5"
    # cbsodata followed the pages of both services
    assert any("%24skip=" in r for r in services.requests)
    assert any("cursor=" in r for r in services.requests)
    # and the next start reads the compiled store that the pull wrote
    monkeypatch.setenv("DASHBOARD_CBS_DIR", str(root / "data" / "cbs"))
    monkeypatch.setenv("DASHBOARD_CACHE_DIR", str(root / "cache"))
    assert load_store().origin == "compiled"


def test_report_names_new_periods_and_discontinued_tables(old_data, monkeypatch, services):
    path = old_data / "data" / "cbs" / "81064ned.csv"
    lines = path.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    path.write_text("".join(ln for ln in lines if ";2023;" not in ln), encoding="utf-8-sig")
    services.faults.discontinued["85098ned"] = "86200NED"
    _point(monkeypatch, old_data, services)
    rc, out, err = _run()
    assert rc == 0, err
    assert out.splitlines()[2:] == [
        "New periods:",
        "  betalingsachterstand_zorgpremie: 2023",
        "Discontinued tables:",
        "  85098NED (Tabel 85098NED): CBS marks it as discontinued; successor named: 86200NED",
        "Measures that disappeared: none",
        "OK",
    ]
    # the folders were replaced as a whole: the mirror's extra files went with the old data
    assert sorted(os.listdir(old_data / "geo")) == BOUNDARIES
    assert [p.name for p in old_data.glob("data/.*")] == []


def test_a_dimension_not_in_sources_toml_keeps_its_first_category(services, tmp_path):
    from dashboard.model.sources import statline

    settings = load_settings(
        environ={
            **services.env(),
            "DASHBOARD_CBS_DIR": str(tmp_path),
            "DASHBOARD_PULL_RETRIES": "0",
        }
    )
    client = statline.StatLine(settings)
    with client.session():
        frame, meta = statline.fetch_table(
            client, "86007NED", ["MediaanVermogen_5"], {}, ["NL", "PV", "CR", "GM"], {}
        )
    # the fake puts another category before the total, as StatLine does for Leeftijd
    assert meta.defaults == [
        "86007NED: dimension KenmerkenVanHuishoudens cut at its first category "
        "'Andere kenmerkenvanhuishoudens'"
    ]
    assert set(frame["KenmerkenVanHuishoudens"]) == {"Andere kenmerkenvanhuishoudens"}


# --- from a mirror ---------------------------------------------------------------------------


def test_pull_from_a_mirror_copies_its_files(tmp_path, monkeypatch, services):
    root = tmp_path / "project"
    _point(monkeypatch, root, services)
    rc, out, err = _run("--from", str(MIRROR))
    assert rc == 0, err
    assert out.splitlines()[0] == f"Source: mirror {MIRROR.resolve()}"
    for name in os.listdir(root / "data" / "cbs"):
        assert (root / "data" / "cbs" / name).read_bytes() == (
            MIRROR / "data" / "cbs" / name
        ).read_bytes()
    assert sorted(os.listdir(root / "geo")) == BOUNDARIES
    assert services.requests == []  # no service asked
    # the configured mirror is the default source; --if-missing leaves present data alone
    monkeypatch.setenv("DASHBOARD_MIRROR", str(MIRROR))
    before = _state(root)
    rc, out, _ = _run("--if-missing")
    assert (rc, out) == (
        0,
        f"Data present in {root / 'data' / 'cbs'} and {root / 'geo'}; "
        "`python -m dashboard pull` refreshes it.\n",
    )
    assert _state(root) == before
    # --online skips the mirror: the first request goes to the (failing) service
    services.faults.status["/86059NED/TableInfos"] = 503
    rc, _, err = _run("--online")
    assert rc == 1 and "CBS table 86059NED: the service answered 503" in err
    assert _state(root) == before


def test_a_folder_that_is_no_mirror_or_holds_the_data_folders(tmp_path, monkeypatch, services):
    _point(monkeypatch, tmp_path / "project", services)
    other = tmp_path / "downloads"
    (other / "geo").mkdir(parents=True)
    rc, _, err = _run("--from", str(other))
    assert rc == 1
    assert err.splitlines()[-1] + "\n" == (
        f"error: The mirror {other} has no folder data/cbs/: a mirror holds data/cbs/ "
        "(the CBS tables and area lists) and geo/ (the boundaries).\n"
    )
    rc, _, err = _run("--from", str(tmp_path))
    assert err.splitlines()[-1] == (
        f"error: The data folder {tmp_path / 'project' / 'data' / 'cbs'} is inside the mirror "
        f"{tmp_path}: `pull --from` copies a mirror into the data folders, not onto itself."
    )


# --- failures: an exact message, a non-zero exit, the previous data unchanged ------------------


def _fails(old_data, monkeypatch, services, expected, *args, **env) -> str:
    _point(monkeypatch, old_data, services, **env)
    before = _state(old_data)
    rc, out, err = _run(*args)
    assert rc == 1, out
    # stderr holds the progress bars, then the one error line
    lines = err.splitlines()
    assert [ln for ln in lines if ln.startswith("error:")] == lines[-1:], err
    if callable(expected):
        expected(lines[-1])
    else:
        assert lines[-1] + "\n" == expected
    assert _state(old_data) == before  # byte for byte, and no temporary folder left
    return out


def test_a_500_on_one_table(old_data, monkeypatch, services):
    services.faults.status["/86007NED/TypedDataSet"] = 500
    url = (
        f"{services.cbs_url}/ODataFeed/odata/86007NED/TypedDataSet?%24format=json"
        "&%24select=ID%2CKenmerkenVanHuishoudens%2CRegioS%2CPerioden%2CMediaanVermogen_5"
        "&%24filter=KenmerkenVanHuishoudens+eq+%27T000001%27"
    )
    _fails(
        old_data,
        monkeypatch,
        services,
        f"error: CBS table 86007NED: the service answered 500 Internal Server Error for {url}; "
        "gave up after 3 attempts.\n",
    )
    assert sum("/86007NED/TypedDataSet" in r for r in services.requests) == 3  # with retries


def test_a_timeout(old_data, monkeypatch, services):
    services.faults.delay["/86004NED/DataProperties"] = 2.5
    _fails(
        old_data,
        monkeypatch,
        services,
        f"error: CBS table 86004NED: no answer within 1 s from {services.cbs_url}/ODataFeed/"
        "odata/86004NED/DataProperties?%24format=json; gave up after 3 attempts.\n",
        DASHBOARD_PULL_TIMEOUT="1",
    )


def test_truncated_json(old_data, monkeypatch, services):
    services.faults.truncate.add("/86088NED/TypedDataSet")
    prefix = (
        f"error: CBS table 86088NED: the response of {services.cbs_url}/ODataFeed/odata/"
        "86088NED/TypedDataSet?%24format=json&%24select=ID%2CPersoonskenmerken%2CRegioS%2C"
        "Perioden%2CNettoArbeidsparticipatie_16%2CWerkloosheidspercentage_13&%24filter="
        "Persoonskenmerken+eq+%27T000001%27 is cut off or not JSON ("
    )

    def check(err: str) -> None:
        assert err.startswith(prefix), err
        assert err.endswith("); gave up after 3 attempts.")
        assert "line 1 column" in err  # the decoder's own words, where the text stops

    _fails(old_data, monkeypatch, services, check)


def test_a_table_that_no_longer_exists(old_data, monkeypatch, services):
    services.faults.gone.add("85036ned")
    _fails(
        old_data,
        monkeypatch,
        services,
        f"error: CBS table 85036NED does not exist (any more) at {services.cbs_url}/ODataFeed/"
        "odata/85036NED/TableInfos?%24format=json (404 Not Found): it may have been "
        "discontinued or renamed; look up its successor on StatLine and update data/catalog/.\n",
    )


def test_a_renamed_measure(old_data, monkeypatch, services):
    services.faults.renamed[("86004ned", "MediaanGestandaardiseerdInkomen_4")] = (
        "MediaanGestandaardiseerdInkomen_17"
    )
    line = (
        "CBS table 86004NED has no measure MediaanGestandaardiseerdInkomen_4 any more (used by "
        "inkomen_gestandaardiseerd_mediaan); similar: MediaanGestandaardiseerdInkomen_17. "
        "Update data/catalog/."
    )
    out = _fails(old_data, monkeypatch, services, f"error: {line}\n")
    assert out.splitlines()[2:] == [
        "New periods: not known (the new data did not load)",
        "Discontinued tables: none",
        "Measures that disappeared:",
        f"  {line}",
    ]
    # the table's data was not asked for once its measure was known to be gone
    assert not any("/86004NED/TypedDataSet" in r for r in services.requests)


def test_an_empty_boundary_collection(old_data, monkeypatch, services):
    services.faults.empty.add("coropgebied_gegeneraliseerd")
    _fails(
        old_data,
        monkeypatch,
        services,
        "error: PDOK collection coropgebied_gegeneraliseerd has no features for jaarcode 2025 "
        f"({services.pdok_url}/collections/coropgebied_gegeneraliseerd/items?f=json&limit=1000"
        "&jaarcode=2025).\n",
    )


def test_a_gemeente_missing_from_the_boundaries(old_data, monkeypatch, services):
    services.faults.dropped.add("GM0106")
    _fails(
        old_data,
        monkeypatch,
        services,
        f"error: {old_data / 'geo' / 'netherlands_gemeenten_2025.geojson'}: no boundary for "
        "gemeente(n) of scope 'drenthe': GM0106 Assen. That is in the new data from CBS "
        f"({services.cbs_url}) and PDOK ({services.pdok_url}), which was not installed: the "
        "data folders are unchanged.\n",
    )


def test_offline(old_data, monkeypatch, services):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again below: nothing listens there
    _fails(
        old_data,
        monkeypatch,
        services,
        f"error: CBS table 86059NED: cannot reach http://127.0.0.1:{port}/ODataFeed/odata/"
        "86059NED/TableInfos?%24format=json (connection refused); gave up after 3 attempts. "
        "Without internet, copy the data from a mirror (a folder with data/cbs/ and geo/): "
        "python -m dashboard pull --from DIR.\n",
        DASHBOARD_CBS_URL=f"http://127.0.0.1:{port}",
    )


def test_the_data_folder_not_writable(old_data, services):
    data = old_data / "data"
    env = {
        **os.environ,
        **services.env(),
        "DASHBOARD_CBS_DIR": str(data / "cbs"),
        "DASHBOARD_GEO_DIR": str(old_data / "geo"),
        "DASHBOARD_CACHE_DIR": "off",
        "PYTHONPATH": str(ROOT / "src"),
    }
    command = [sys.executable, "-m", "dashboard", "pull"]
    if os.geteuid() == 0:  # root writes anywhere, unless it gives up that capability
        if not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv (util-linux) to drop CAP_DAC_OVERRIDE")
        command = ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner", *command]
    before = _state(old_data)
    data.chmod(0o555)
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    finally:
        data.chmod(0o755)
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stderr.splitlines()[-1] == (
        f"error: Cannot write the data folder {data / 'cbs'}: Permission denied in {data}; "
        "point DASHBOARD_CBS_DIR at a folder you can write, or fix its permissions."
    )
    assert _state(old_data) == before


def test_an_interrupted_pull_leaves_the_old_data(old_data, monkeypatch, services):
    _point(monkeypatch, old_data, services)
    before = _state(old_data)

    class Interrupt(pulling.NoProgress):
        def begin(self, name: str, unit: str) -> None:
            if name == "85525NED":
                raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        pulling.pull(load_settings(), progress=Interrupt())
    assert _state(old_data) == before


def test_the_store_after_a_failed_pull_is_the_old_one(old_data, monkeypatch, services):
    services.faults.status["/86004NED/TypedDataSet"] = 502
    _point(monkeypatch, old_data, services)
    old = load_store(use_compiled=False).observations
    rc, _, _ = _run()
    assert rc == 1
    pd.testing.assert_frame_equal(load_store().observations, old)


def test_a_failed_swap_puts_the_old_folders_back(tmp_path, monkeypatch):
    folders = {}
    for name in ("cbs", "geo", "new-cbs", "new-geo"):
        folders[name] = tmp_path / name
        folders[name].mkdir()
        (folders[name] / "file.txt").write_text(name)
    rename = os.rename

    def full_disk(src, dst):  # the second folder cannot be moved into place
        if Path(src) == folders["new-geo"]:
            raise OSError(28, "No space left on device", str(dst))
        rename(src, dst)

    monkeypatch.setattr(pulling.os, "rename", full_disk)
    settings = load_settings(environ={})
    pairs = [(folders["new-cbs"], folders["cbs"]), (folders["new-geo"], folders["geo"])]
    with pytest.raises(pulling.PullError) as exc:
        pulling._swap(pairs, settings)
    assert str(exc.value) == (
        f"Cannot replace the data folder {folders['geo']}: No space left on device; the "
        "previous data is unchanged."
    )
    for name, folder in folders.items():  # every folder holds what it held
        assert (folder / "file.txt").read_text() == name
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(folders)
