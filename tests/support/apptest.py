"""AppTest helpers: the app's entry point, opening it with URL parameters, rerunning it after
an interaction, and reading its elements as a reader sees them."""

from __future__ import annotations

import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")


def open_app(**params: str | list[str]) -> AppTest:
    """The app (its default page, the map) run once with these URL parameters."""
    at = AppTest.from_file(APP, default_timeout=120)
    for name, value in params.items():
        at.query_params[name] = value
    return at.run()


def rerun(at: AppTest) -> AppTest:
    """Run the app again after an interaction.

    AppTest (Streamlit 1.67) re-runs only the *page* a navigation app finished on, skipping
    the entry point where our shared controls live; a real browser always runs app.py. An
    empty page hash makes it run app.py, which then runs the default (map) page."""
    at._finished_page_script_hash = ""
    return at.run()


def texts(elements) -> list[str]:
    """Element texts as a reader sees them (markdown backslash escapes removed)."""
    return [re.sub(r"\\(.)", r"\1", e.value) for e in elements]


def html_bodies(at: AppTest) -> str:
    """The bodies of every st.html element of the last run (the legends, the styles), one
    string."""
    return " ".join(e.proto.body for e in at.get("html"))


def assert_clean(at: AppTest) -> None:
    """No exception and no st.error in the app's last run."""
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, texts(at.error)
