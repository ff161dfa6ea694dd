"""The shared accessibility parts (app/widgets/a11y.py): the page title, and a page script
Streamlit's sanitiser keeps (docs/accessibility.md)."""

from __future__ import annotations

import json
import re

from dashboard import pages
from dashboard.app.widgets import a11y
from dashboard.state import ViewState

MARKUP = re.compile(r"<[/\w!]")  # what makes DOMPurify empty a <script>


def test_script_has_no_markup_and_escapes_its_settings():
    body = a11y.script({"lang": "nl", "title": "A <b>x</b> </script>", "labels": []})
    inner = body.split("<script>", 1)[1].rsplit("</script>", 1)[0]
    assert MARKUP.search(inner) is None
    settings = json.loads(re.search(r"const cfg = (\{.*?\});", inner).group(1))
    assert settings["title"] == "A <b>x</b> </script>"


def test_page_titles_name_the_view_the_page_and_the_app(store):
    view = ViewState(indicator="werkloosheid", period="2022")
    assert a11y.page_title(store, view, pages.page("kaart")) == (
        "Werkloosheid 2022 — Kaart — Brede welvaart Drenthe"
    )
    latest = store.latest_period("werkloosheid")
    assert a11y.page_title(store, ViewState(indicator="werkloosheid"), pages.page("trends")) == (
        f"Werkloosheid {latest} — Trends — Brede welvaart Drenthe"
    )
    english = ViewState(indicator="werkloosheid", period="2022", lang="en")
    assert a11y.page_title(store, english, pages.page("over")) == (
        "About the data — Broad welfare Drenthe"
    )
    assert a11y.page_title(store, view, None) == "Brede welvaart Drenthe"
