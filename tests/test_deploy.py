"""deploy/nginx/brede-welvaart.conf on this machine: Debian's nginx (unprivileged, a temporary
prefix, a free 127.0.0.1 port) in front of three `streamlit run app.py --server.baseUrlPath bw`
replicas and the static site; the headers it adds, what it hides, what it compresses, and
websocket sessions through it while one replica is killed (bench/replicas.py runs the same
with 60 sessions and reports timings; docs/benchmarks.md)."""

from __future__ import annotations

import asyncio
import gzip
import re
import subprocess
import sys

import pytest

from bench import replicas as R
from tests.support import aio

pytestmark = pytest.mark.skipif(
    R.nginx_binary() is None,
    reason="nginx is not installed (Debian: apt-get install nginx-light; .ci/run installs it)",
)

SESSIONS = 9


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The static site of one indicator, as `python -m dashboard export site` writes it."""
    out = tmp_path_factory.mktemp("site")
    cmd = [sys.executable, "-m", "dashboard", "export", "site", str(out)]
    subprocess.run([*cmd, "--indicators", "werkloosheid"], check=True, capture_output=True)
    return out


@pytest.fixture(scope="module")
def deployment(tmp_path_factory, site):
    logs = tmp_path_factory.mktemp("replicas")
    with R.replicas(3, logs) as fleet, R.proxy([r.port for r in fleet], site) as nginx:
        yield fleet, nginx


def get(nginx: R.Proxy, path: str, **headers: str) -> R.Response:
    return R.http_get(nginx.origin + path, headers)


def test_site_config_rewrites_only_ports_and_paths():
    shipped = R.SITE_CONF.read_text()
    conf = R.site_config(shipped, 9000, [9001, 9002], "/tmp/site")
    assert re.findall(r"server 127\.0\.0\.1:\d+ [^;]*;", conf) == [
        "server 127.0.0.1:9001 max_fails=1 fail_timeout=10s;",
        "server 127.0.0.1:9002 max_fails=1 fail_timeout=10s;",
    ]
    assert "listen 127.0.0.1:9000;" in conf and "listen 80;" not in conf
    assert "alias /tmp/site/;" in conf
    # the rest is the shipped file line for line
    kept = [line for line in shipped.splitlines() if "server 127.0.0.1:" not in line]
    kept = [line for line in kept if "listen" not in line and "/srv/brede-welvaart" not in line]
    assert all(line in conf.splitlines() for line in kept)


def test_container_image_runs_as_non_root_with_a_health_check():
    """The image definition (no container runtime here: its parts are checked one by one)."""
    lines = [
        line.strip() for line in (R.ROOT / "deploy" / "Containerfile").read_text().splitlines()
    ]
    steps = [line.split()[0] for line in lines if line and not line.startswith("#")]
    assert steps[0] == "FROM" and "USER" in steps
    last_user = max(i for i, line in enumerate(lines) if line.startswith("USER "))
    assert lines[last_user] == "USER bw"
    assert last_user < next(i for i, line in enumerate(lines) if line.startswith("ENTRYPOINT"))
    assert 'CMD ["python", "deploy/healthcheck.py"]' in lines


def test_healthcheck_script(deployment):
    fleet, _ = deployment
    script = [sys.executable, str(R.ROOT / "deploy" / "healthcheck.py")]
    env = {"PORT": str(fleet[0].port), "BASE_URL_PATH": "bw", "PATH": "/usr/bin:/bin"}
    assert subprocess.run(script, env=env, capture_output=True).returncode == 0
    wrong_prefix = subprocess.run(script, env={**env, "BASE_URL_PATH": ""}, capture_output=True)
    assert wrong_prefix.returncode == 1
    assert b"/_stcore/health" in wrong_prefix.stderr


def test_pages_have_security_headers_and_a_sticky_cookie(deployment):
    _, nginx = deployment
    page = get(nginx, "/bw/regios?indicator=werkloosheid")
    assert page.status == 200
    assert b"<title>" in page.body  # Streamlit's index.html
    assert page.header("X-Content-Type-Options") == "nosniff"
    assert page.header("Content-Security-Policy") == "frame-ancestors 'self'"
    assert page.header("X-Frame-Options") == "SAMEORIGIN"
    assert page.header("Referrer-Policy") == "strict-origin-when-cross-origin"
    cookie = page.header("Set-Cookie") or ""
    assert re.fullmatch(r"bw_replica=[0-9a-f]{32}; Path=/bw/; HttpOnly; SameSite=Lax", cookie), (
        cookie
    )
    # with the cookie, no new one
    again = get(nginx, "/bw/regios", Cookie=f"bw_replica={R.sticky_cookie(page)}")
    assert again.status == 200 and again.header("Set-Cookie") is None


@pytest.mark.parametrize("embed", ["true", "True"])
def test_only_embed_views_may_be_framed_elsewhere(deployment, embed):
    _, nginx = deployment
    page = get(nginx, f"/bw/?indicator=werkloosheid&embed={embed}")
    assert page.status == 200
    assert page.header("Content-Security-Policy") == "frame-ancestors *"
    assert page.header("X-Frame-Options") is None
    assert page.header("X-Content-Type-Options") == "nosniff"
    framed_not = get(nginx, "/bw/?embed=false")
    assert framed_not.header("Content-Security-Policy") == "frame-ancestors 'self'"


@pytest.mark.parametrize(
    "path",
    ["/bw/_stcore/metrics", "/bw//_stcore/metrics", "/bw/_stcore/%6detrics", "/_stcore/metrics"],
)
def test_metrics_are_not_public(deployment, path):
    fleet, nginx = deployment
    assert get(nginx, path).status == 404
    # they are there, on the replica itself
    assert R.http_get(f"{fleet[0].url}/_stcore/metrics").status == 200


def test_health_prefix_redirect_and_root(deployment):
    _, nginx = deployment
    health = get(nginx, "/bw/_stcore/health")
    assert (health.status, health.body) == (200, b"ok")
    bare = get(nginx, "/bw")
    assert (bare.status, bare.header("Location")) == (301, f"{nginx.origin}/bw/")
    root = get(nginx, "/")
    assert (root.status, root.header("Location")) == (302, f"{nginx.origin}/bw/")


def test_static_files_are_gzipped(deployment):
    _, nginx = deployment
    page = get(nginx, "/bw/")
    (script,) = re.findall(rb'src="\./(static/js/index\.[^"]+\.js)"', page.body)[:1]
    plain = get(nginx, f"/bw/{script.decode()}")
    packed = get(nginx, f"/bw/{script.decode()}", **{"Accept-Encoding": "gzip"})
    assert plain.status == packed.status == 200
    assert plain.header("Content-Encoding") is None
    assert packed.header("Content-Encoding") == "gzip"
    assert gzip.decompress(packed.body) == plain.body
    assert len(packed.body) < len(plain.body) / 2
    assert packed.header("X-Content-Type-Options") == "nosniff"


def test_the_static_site_is_served_by_nginx_alone(deployment, site):
    _, nginx = deployment
    index = get(nginx, "/bw-site/")
    assert index.status == 200
    assert index.body == (site / "index.html").read_bytes()
    assert index.header("Content-Security-Policy") == "frame-ancestors *"
    page = get(nginx, "/bw-site/werkloosheid.html", **{"Accept-Encoding": "gzip"})
    assert page.status == 200 and page.header("Content-Encoding") == "gzip"
    assert gzip.decompress(page.body) == (site / "werkloosheid.html").read_bytes()


async def replica_of(nginx: R.Proxy, fleet: list[R.Replica], cookie: str) -> int:
    """The replica that takes a websocket with this sticky cookie (its session gauge grows)."""
    before = [r.active_sessions() for r in fleet]
    headers = {"Cookie": f"bw_replica={cookie}"}
    async with R.StreamlitSession.open(nginx.url, "/", headers=headers):
        await asyncio.sleep(0.3)  # the session is registered when the socket opens
        after = [r.active_sessions() for r in fleet]
    (grew,) = [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if b == a + 1]
    return grew


def test_a_cookie_always_meets_the_same_replica(deployment):
    fleet, nginx = deployment
    cookies = [R.sticky_cookie(get(nginx, "/bw/")) for _ in range(8)]

    async def visits() -> list[list[int]]:
        return [[await replica_of(nginx, fleet, c) for _ in range(3)] for c in cookies]

    seen = aio.run(visits())
    assert all(len(set(per_cookie)) == 1 for per_cookie in seen), seen
    assert len({per_cookie[0] for per_cookie in seen}) >= 2, seen  # and cookies spread


def test_a_download_made_on_click_comes_from_the_sessions_replica(deployment):
    """A download button's file is made on click in the session's process and served from
    its memory (/media/...): the sticky cookie brings the file's GET to that process. The
    file is the map's table with its numbers (publish.downloads)."""
    _, nginx = deployment
    cookie = R.sticky_cookie(get(nginx, "/bw/"))
    headers = {"Cookie": f"bw_replica={cookie}"}
    query = "indicator=werkloosheid&periode=2024"

    async def click() -> tuple[str, R.Response]:
        async with R.StreamlitSession.open(nginx.url, "/", query, headers=headers) as s:
            first = await s.run_initial()
            assert first.ok and first.headings[0] == "Werkloosheid"
            path = await s.deferred_file("dl-kaart-werkloosheid-2024-csvnl")
            # the frontend fetches it under the app's prefix, while its session is open
            return path, await asyncio.to_thread(get, nginx, f"/bw{path}", **headers)

    path, got = aio.run(click())
    assert path.startswith("/media/") and path.endswith(".csv"), path
    assert got.status == 200, path
    lines = got.body.decode("utf-8-sig").split("\r\n")
    assert lines[4] == f"# Weergave: http://127.0.0.1:{nginx.port}/bw/?{query}"
    assert lines[6] == (
        "Gemeente;Code;Waarde;Waarde (getal);Plaats;Verschil met Drenthe;"
        "Verschil met Drenthe (getal);Verschil met Nederland;Verschil met Nederland (getal);"
        "Opmerking"
    )
    assert lines[7] == "De Wolden;GM1690;2,7%;2,7;1;−0,7 procentpunt;-0,7;−1,0 procentpunt;-1;"


@pytest.mark.parametrize(
    ("path", "query", "key", "header"),
    [
        ("/regios", "indicator=werkloosheid", "dl-regios-werkloosheid-csv",
         "Regio,Gebied,Code,Soort,Periode,Waarde,Waarde (getal),Opmerking"),
        ("/regios", "indicator=werkloosheid", "dl-regios-csv",
         "Indicator,Eenheid,Periode,Noord-Drenthe,Noord-Drenthe (getal),Zuidwest-Drenthe,"),
        ("/trends", "indicator=werkloosheid&gemeente=GM0106", "dl-trend-werkloosheid-csv",
         "Gebied,Code,Periode,Waarde,Waarde (getal),Ondergrens,Bovengrens,Opmerking"),
        ("/trends", "indicator=werkloosheid&taal=en", "dl-trend-werkloosheid-csv",
         "Area,Code,Period,Value,Value (number),Lower bound,Upper bound,Note"),
        ("/profiel", "gemeente=GM0106", "dl-profiel-GM0106-csv",
         "Thema,Indicator,Eenheid,Periode,Waarde,Waarde (getal),Drenthe,Drenthe (getal),"),
    ],
)  # fmt: skip
def test_every_pages_download_has_numbers_and_headers_in_the_language(
    deployment, path, query, key, header
):
    _, nginx = deployment
    headers = {"Cookie": f"bw_replica={R.sticky_cookie(get(nginx, '/bw/'))}"}

    async def click() -> R.Response:
        async with R.StreamlitSession.open(nginx.url, path, query, headers=headers) as s:
            assert (await s.run_initial()).ok
            file = await s.deferred_file(key)
            return await asyncio.to_thread(get, nginx, f"/bw{file}", **headers)

    got = aio.run(click())
    assert got.status == 200
    lines = got.body.decode("utf-8").split("\r\n")
    blank = lines.index("")
    assert lines[blank + 1].startswith(header), lines[blank + 1]


# last: it kills a replica of the module's deployment
def test_sessions_of_a_killed_replica_reconnect_and_keep_their_view(deployment):
    fleet, nginx = deployment
    drive = R.Drive(nginx.url, fleet, SESSIONS, rounds=3, think=(0.0, 0.4))
    report = aio.run(drive.run())
    # every session was attributed to exactly one replica, and more than one replica served
    assert report["unattributed"] == 0
    assert sum(report["per_replica"]) == SESSIONS
    assert sum(1 for n in report["per_replica"] if n) >= 2, report["per_replica"]
    killed = report["killed"]
    assert not fleet[killed].alive()
    lost = report["on_killed"]
    assert lost["sessions"] == report["per_replica"][killed] > 0
    # each session of the killed replica noticed, reconnected and got its view back from its
    # URL (the same query, the page of its indicator), then went on switching without error
    assert lost["disconnected"] == lost["restored"] == lost["sessions"]
    assert lost["errors"] == []
    for v in drive.visits:
        if v.replica == killed:
            assert v.restored_query == v.query_before and v.query_before.startswith("indicator=")
    # nobody else saw anything: no disconnection, no error, every switch done
    others = report["others"]
    assert others == {"sessions": SESSIONS - lost["sessions"], "disconnected": 0, "errors": []}
    assert report["switch_before_kill_s"]["n"] + report["switch_after_kill_s"]["n"] == 3 * SESSIONS
    # the survivors hold every session now
    after = report["active_after"]
    assert after[killed] is None and sum(n for n in after if n is not None) == SESSIONS
    for r in fleet:
        assert "Traceback (most recent call last)" not in r.log.read_text(errors="replace")
