"""A fresh machine: the repository as git has it, in a folder with no ../shared beside it, and
the first command of the README, run as written, against the fake CBS and PDOK
(dashboard.testing_services): it installs, pulls, starts the server, and Chromium draws the
map.

Only the installation is shortened, in a way the command cannot see: ``python3`` on the PATH
is a shim whose ``-m venv DIR`` makes a virtual environment that reuses the packages of the
one running the tests (a .pth file, with pip and the streamlit script), so that ``pip install
-e ".[test]"`` has every dependency already, builds the clone's own package without a
download (no index, no build isolation) and takes seconds, not minutes. Everything after it
(pip's editable install, ``python -m dashboard pull``, ``streamlit run``) runs for real."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import sysconfig
import time
import urllib.request
from pathlib import Path

from dashboard.testing import free_port, wait_healthy, wait_map_painted
from tests.support.browser import assert_no_errors, shoot

ROOT = Path(__file__).resolve().parents[2]
README_COMMAND = re.compile(r"^Install and start the dashboard: `([^`]+)`$", re.M)
START_S = 600  # install, pull and start on a busy 2-core machine; typically 30-60 s

SHIM = """#!/bin/sh
# python3 for the fresh-clone test: `-m venv DIR` reuses the test's packages; all else is real
if [ "$1" = "-m" ] && [ "$2" = "venv" ] && [ $# -eq 3 ]; then
  "{python}" -m venv --without-pip "$3" || exit $?
  site="$("$3/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
  echo "{packages}" > "$site/_reuse_test_packages.pth"
  printf '#!/bin/sh\\nexec "%s/bin/python" -m pip "$@"\\n' "$(cd "$3" && pwd)" > "$3/bin/pip"
  printf '#!%s/bin/python\\nimport sys\\nfrom streamlit.web.cli import main\\n' \\
    "$(cd "$3" && pwd)" > "$3/bin/streamlit"
  echo 'sys.exit(main())' >> "$3/bin/streamlit"
  chmod +x "$3/bin/pip" "$3/bin/streamlit"
  exit 0
fi
exec "{python}" "$@"
"""


def _copy_repository(dest: Path) -> None:
    """The files git has (committed or about to be), as a clone would check them out."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for raw in filter(None, listed):
        src = ROOT / raw.decode()
        if src.is_file():
            target = dest / raw.decode()
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(src.read_bytes())
            target.chmod(src.stat().st_mode)


def _wait_map_drawn(page) -> None:
    """The map's canvas and legend are there, the script has stopped running, and the map
    has painted (a first start loads the data first: long timeouts)."""
    page.locator("[data-testid='stDeckGlJsonChart'] canvas").first.wait_for(timeout=180_000)
    page.locator(".bw-legend").wait_for(timeout=180_000)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=180_000
    )
    wait_map_painted(page)


def test_readme_first_command_on_a_fresh_machine_draws_the_map(
    tmp_path_factory, fake_services, browser
):

    fake_services.reset()
    home = tmp_path_factory.mktemp("fresh")
    clone = home / "dashboard"
    _copy_repository(clone)
    assert not (clone.parent / "shared").exists()
    command = README_COMMAND.search((clone / "README.md").read_text(encoding="utf-8")).group(1)
    assert "dashboard pull" in command and command.endswith("streamlit run serve.py")

    shims = home / "bin"
    shims.mkdir()
    shim = shims / "python3"
    shim.write_text(
        SHIM.format(python=sys.executable, packages=sysconfig.get_paths()["purelib"]),
        encoding="utf-8",
    )
    shim.chmod(0o755)
    port = free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DASHBOARD_", "STREAMLIT_", "PIP_"))
        and k not in ("PYTHONPATH", "VIRTUAL_ENV")
    }
    env.update(
        {
            **fake_services.env(),
            "PATH": f"{shims}:{env.get('PATH', '/usr/bin:/bin')}",
            "HOME": str(home),
            "PIP_NO_INDEX": "1",
            "PIP_NO_BUILD_ISOLATION": "0",  # pip's inverted spelling: no isolation
            "PIP_DISABLE_PIP_VERSION_CHECK": "1",
            "DASHBOARD_WARM_UP": "0",
            "STREAMLIT_SERVER_PORT": str(port),
            "STREAMLIT_SERVER_ADDRESS": "127.0.0.1",
            "STREAMLIT_SERVER_HEADLESS": "true",
            "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
        }
    )
    env.pop("DASHBOARD_MIRROR")  # as on a fresh machine: dashboard.toml's ../shared is absent
    log_path = ROOT / "test-artifacts" / "fresh-clone.log"
    log_path.parent.mkdir(exist_ok=True)
    url = f"http://127.0.0.1:{port}"
    with log_path.open("w") as log:
        proc = subprocess.Popen(
            ["bash", "-c", command],
            cwd=clone,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            deadline = time.monotonic() + START_S
            while True:
                assert proc.poll() is None, log_path.read_text()[-3000:]
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                        if resp.status == 200:
                            break
                except OSError:
                    pass
                assert time.monotonic() < deadline, log_path.read_text()[-3000:]
                time.sleep(0.5)
            # serve.py: Streamlit's JavaScript comes gzipped (issue 17)
            with urllib.request.urlopen(url + "/", timeout=10) as resp:
                script = re.search(r'src="\.?/?(static/js/[^"]+\.js)"', resp.read().decode())
            request = urllib.request.Request(
                f"{url}/{script.group(1)}", headers={"Accept-Encoding": "gzip"}
            )
            with urllib.request.urlopen(request, timeout=10) as resp:
                assert resp.headers["Content-Encoding"] == "gzip"
            output = log_path.read_text()
            # the data came from the (fake) services into the clone's own git-ignored folders
            assert f"Source: CBS ({fake_services.cbs_url})" in output
            assert "New periods: all (there was no data before)" in output
            assert (clone / "data" / "cbs" / "86004NED.csv").is_file()
            assert (clone / "geo" / "netherlands_gemeenten_2025.geojson").is_file()
            assert list((clone / ".cache").glob("store-*/manifest.json"))
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.js_errors = []  # type: ignore[attr-defined]
            page.on("pageerror", lambda exc: page.js_errors.append(str(exc)))
            page.goto(url + "/")
            _wait_map_drawn(page)
            shoot(page, "fresh-clone-map", full_page=False)
            assert page.locator("h1").first.inner_text() == "Vrijwilligerswerk"
            assert_no_errors(page)
            page.close()
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


def test_without_data_the_page_fetches_it_and_draws_the_map(tmp_path, fake_services, browser):
    """The in-app way: a server started with no data shows what is missing; the button fetches
    it (a bar per table and file) and the dashboard follows."""

    fake_services.reset()
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("DASHBOARD_")}
    env.update(
        {
            **fake_services.env(),
            "DASHBOARD_CBS_DIR": str(tmp_path / "data" / "cbs"),
            "DASHBOARD_GEO_DIR": str(tmp_path / "geo"),
            "DASHBOARD_CACHE_DIR": str(tmp_path / "cache"),
            "DASHBOARD_WARM_UP": "0",
        }
    )
    url = f"http://127.0.0.1:{port}"
    log_path = ROOT / "test-artifacts" / "fetch-page.log"
    with log_path.open("w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py")]
            + ["--server.headless=true", "--server.address=127.0.0.1", f"--server.port={port}"]
            + ["--browser.gatherUsageStats=false"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_healthy(url, proc)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.js_errors = []  # type: ignore[attr-defined]
            page.on("pageerror", lambda exc: page.js_errors.append(str(exc)))
            page.goto(url + "/?taal=en")
            page.get_by_role("button", name="Fetch the data from CBS").wait_for(timeout=120_000)
            assert page.locator("h1").first.inner_text() == "Data missing"
            shoot(page, "no-data-page", full_page=False)
            page.get_by_role("button", name="Fetch the data from CBS").click()
            page.get_by_text("86004NED:").first.wait_for(timeout=120_000)  # a table's own bar
            _wait_map_drawn(page)
            shoot(page, "after-fetch-map", full_page=False)
            assert page.locator("h1").first.inner_text() == "Volunteering"
            assert_no_errors(page)
            page.close()
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
