from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# The mirror of this project's development machines and CI: ../shared beside the repository.
MIRROR = ROOT.parent / "shared"

# No background warm-up in the tests' apps and servers (AppTest, the browser tests' Streamlit
# processes inherit this): it would compete with the tests for the CPU, and the tests of
# dashboard.warmup switch it on themselves.
os.environ["DASHBOARD_WARM_UP"] = "0"
# No own sources of `dashboard import` from a developer's data/eigen (tests set their own).
os.environ.setdefault("DASHBOARD_OWN_DIR", "off")
# The tests read the mirror itself, not whatever `pull` last put in data/cbs and geo: their
# expected values were checked by hand against these files (of April 2025). The browser
# tests' servers inherit it. An explicit DASHBOARD_CBS_DIR / DASHBOARD_GEO_DIR still wins.
if (MIRROR / "data" / "cbs").is_dir():
    os.environ.setdefault("DASHBOARD_CBS_DIR", str(MIRROR / "data" / "cbs"))
    os.environ.setdefault("DASHBOARD_GEO_DIR", str(MIRROR / "geo"))

from dashboard.config import load_settings  # noqa: E402 (after the environment above)


def pytest_report_header(config) -> str:
    s = load_settings()
    return f"data: {s.cbs_dir} and {s.geo_dir} (the tests read the mirror {MIRROR})"


@pytest.fixture(scope="session")
def settings():
    return load_settings()


@pytest.fixture(scope="session")
def store(settings):
    """The real store over ../shared data (loaded once per test session)."""
    from dashboard.model.store import load_store

    return load_store(settings)


@pytest.fixture(scope="session")
def fake_services():
    """A fake CBS StatLine and PDOK on 127.0.0.1, built from the mirror at test time
    (dashboard.testing_services); the tests of `pull` and the fresh-clone browser test."""
    from dashboard.testing_services import FakeServices

    if not (MIRROR / "data" / "cbs").is_dir():
        pytest.fail(f"The fake CBS and PDOK are built from the mirror {MIRROR}, which is absent.")
    fake = FakeServices(MIRROR).start()
    yield fake
    fake.stop()


@pytest.fixture
def services(fake_services):
    """The fake services with no faults; faults a test sets are undone after it."""
    fake_services.reset()
    yield fake_services
    fake_services.reset()
