from __future__ import annotations

import os

import pytest

# No background warm-up in the tests' apps and servers (AppTest, the browser tests' Streamlit
# processes inherit this): it would compete with the tests for the CPU, and the tests of
# dashboard.warmup switch it on themselves.
os.environ["DASHBOARD_WARM_UP"] = "0"

from dashboard.config import load_settings


@pytest.fixture(scope="session")
def settings():
    return load_settings()


@pytest.fixture(scope="session")
def store(settings):
    """The real store over ../shared data (loaded once per test session)."""
    from dashboard.model.store import load_store

    return load_store(settings)
