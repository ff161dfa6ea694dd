from __future__ import annotations

import pytest

from dashboard.config import load_settings


@pytest.fixture(scope="session")
def settings():
    return load_settings()


@pytest.fixture(scope="session")
def store(settings):
    """The real store over ../shared data (loaded once per test session)."""
    from dashboard.store import load_store

    return load_store(settings)
