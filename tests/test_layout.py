"""The layout holds: only dashboard.app imports Streamlit, so every decision outside it can be
tested (and run by the CLI and the static export) without a Streamlit runtime."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import dashboard

PROBE = """
import importlib, json, pkgutil, sys
import dashboard
names = [m.name for m in pkgutil.walk_packages(dashboard.__path__, "dashboard.")
         if not m.name.startswith("dashboard.app") and m.name != "dashboard.__main__"]
for name in names:
    importlib.import_module(name)
print(json.dumps({"modules": names, "streamlit": sorted(
    m for m in sys.modules if m == "streamlit" or m.startswith("streamlit."))}))
"""


def test_no_module_outside_app_imports_streamlit():
    # a fresh interpreter: this test process has imported Streamlit already
    out = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=120
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    expected = sorted(
        m.name
        for m in pkgutil.walk_packages(dashboard.__path__, "dashboard.")
        if not m.name.startswith("dashboard.app") and m.name != "dashboard.__main__"
    )
    assert sorted(result["modules"]) == expected
    assert "dashboard.views.mapview" in expected and "dashboard.publish.site" in expected
    assert result["streamlit"] == []
