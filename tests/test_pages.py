"""The page registry (dashboard.pages) and the navigation app.py builds from it."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard import pages, urls
from dashboard.text.i18n import t
from tests.support.apptest import ROOT, assert_clean, open_app, texts


def test_the_public_pages_ids_paths_and_files():
    assert [(p.id, p.url_path, p.file) for p in pages.PAGES] == [
        ("kaart", "", "app_pages/kaart.py"),
        ("regios", "regios", "app_pages/regios.py"),
        ("trends", "trends", "app_pages/trends.py"),
        ("profiel", "profiel", "app_pages/profiel.py"),
        ("agenda", "agenda", "app_pages/agenda.py"),
        ("presenteren", "presenteren", "app_pages/presenteren.py"),
        ("over", "over", "app_pages/over.py"),
    ]
    assert pages.DEFAULT is pages.page("kaart")
    assert pages.SLIDE_PAGES == ("kaart", "regios", "trends", "profiel", "agenda")
    for p in pages.PAGES:
        assert (ROOT / p.file).is_file()
        assert p.icon.startswith(":material/")
        assert t(p.title_key, "nl") and t(p.title_key, "en")


def test_lookup_by_id_and_path():
    assert pages.page("regios").url_path == "regios"
    with pytest.raises(KeyError):
        pages.page("regio")
    assert pages.by_path("") is pages.by_path("/") is pages.DEFAULT
    assert pages.by_path("/trends") is pages.page("trends")
    assert pages.by_path("nergens") is None


def registered(at) -> list[tuple[str, str, str, str]]:
    """(url path, file, title, icon) of every page Streamlit registered in the last run."""
    return [
        (
            info["url_pathname"],
            Path(info["script_path"]).relative_to(ROOT).as_posix(),
            info["page_name"],
            info["icon"],
        )
        for info in at._registered_pages.values()
    ]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_navigation_has_exactly_the_registrys_pages(lang):
    at = open_app(taal=lang)
    assert_clean(at)
    assert registered(at) == [
        (p.url_path, p.file, t(p.title_key, lang), p.icon) for p in pages.PAGES
    ]


def test_a_renamed_path_forwards_to_its_page_with_the_same_query(monkeypatch):
    """A fake rename in urls.RENAMED_PATHS: /vergelijk (a printed QR code) opens Regio's."""
    monkeypatch.setitem(urls.RENAMED_PATHS, "vergelijk", "regios")
    at = open_app(indicator="werkloosheid", gemeente=["GM0114", "GM0106"], verhaal="x")
    (moved,) = [
        h for h, info in at._registered_pages.items() if info["url_pathname"] == "vergelijk"
    ]
    at._page_hash = moved  # what a browser asking for /vergelijk sends
    at.run()
    assert_clean(at)
    assert texts(at.title) == ["Regio's"]
    assert at.query_params == {
        "indicator": "werkloosheid",
        "gemeente": ["GM0114", "GM0106"],
        "verhaal": "x",
    }
    # served after the registry's pages by a function (no file), hidden from the menu
    last = list(at._registered_pages.values())[-1]
    assert (last["url_pathname"], last["script_path"]) == ("vergelijk", "")
