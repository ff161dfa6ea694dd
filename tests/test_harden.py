"""Issue 21, hardening: what no visitor may see or do. Tracebacks show nothing
(showErrorDetails "none"), a client's clear_cache leaves the shared caches alone (through
Streamlit's own handler in process, and through a real websocket to a real server)."""

from __future__ import annotations

import base64
import json
import random
import re
import string
import tomllib
import zlib
from pathlib import Path
from types import SimpleNamespace

import pytest
import streamlit as st
from streamlit.config import ShowErrorDetailsConfigOptions
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.runtime.app_session import AppSession
from streamlit.testing.v1 import AppTest

from dashboard.app import keys, resources
from dashboard.model.errors import DataError
from dashboard.state import ViewState
from dashboard.testing import streamlit_server
from dashboard.views import stories
from tests.support.apptest import APP, assert_clean, open_app, texts
from tests.support.websocket import script_run

ROOT = Path(__file__).resolve().parents[1]
LOADING = "Gegevens laden…"  # get_store's spinner: the store is being loaded


def present_page(**params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    at.switch_page("app_pages/presenteren.py")
    return at.run()


def test_a_crash_shows_no_details_to_the_visitor():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    # false means "stacktrace" in Streamlit 1.67 (type, source lines, server paths)
    assert config["client"]["showErrorDetails"] == ShowErrorDetailsConfigOptions.NONE == "none"


def test_a_clients_clear_cache_leaves_the_store_loaded(monkeypatch):
    at = open_app()
    assert_clean(at)
    store = resources.get_store()
    session_state = SimpleNamespace(cleared=0)
    session_state.clear = lambda: setattr(session_state, "cleared", session_state.cleared + 1)
    # what Streamlit's runtime calls for a client's clear_cache back message
    AppSession._handle_clear_cache_request(SimpleNamespace(_session_state=session_state, id="x"))

    def reload(*args, **kwargs):
        raise DataError("the store was loaded again")

    monkeypatch.setattr(resources, "load_store", reload)
    again = open_app()
    assert_clean(again)
    assert not texts(again.warning)
    assert resources.get_store() is store
    assert session_state.cleared == 1  # only the sender's own state


def _run(ws, query: str) -> list[str]:
    """One script run of a session; the texts of the spinners it showed."""
    # the store's spinner is a transient element: seen in the frames, not in the final page
    return [LOADING for frame in script_run(ws, query) if LOADING.encode() in frame]


def test_clear_cache_through_a_real_websocket_is_refused(tmp_path):
    from websockets.sync.client import connect

    env = {"DASHBOARD_CACHE_DIR": "off"}  # a store built from the sources: 2 s, shows its spinner
    with streamlit_server(ROOT / "app.py", tmp_path / "server.log", env=env) as server:
        uri = server.url.replace("http://", "ws://") + "/_stcore/stream"
        with connect(uri, subprotocols=["streamlit"], max_size=None) as ws:
            first = _run(ws, "")
            assert LOADING in first
            clear = BackMsg()
            clear.clear_cache = True
            ws.send(clear.SerializeToString())
            second = _run(ws, "")
        log = server.log.read_text()
    assert LOADING not in second  # the store was not built again
    assert "Refused a client's clear_cache request" in log
    assert "Traceback" not in log


# --- 3. Presenteren: a story within every limit never crashes the page ----------------------

LETTERS = string.ascii_letters + string.digits


def _noted_story(n_slides: int, notes_chars: int, seed: int = 0) -> stories.Story:
    rng = random.Random(seed)
    slides = tuple(
        stories.Slide(
            "kaart", ViewState(indicator="werkloosheid"), f"Dia {i}", "Zin.",
            "".join(rng.choices(LETTERS, k=notes_chars)),
        )
        for i in range(n_slides)
    )  # fmt: skip
    return stories.Story("Lang verhaal", slides)


def _pack(data: dict) -> str:
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(zlib.compress(raw, 9)).rstrip(b"=").decode()


def test_forty_slides_of_long_notes_share_without_notes_and_say_so():
    story = _noted_story(stories.MAX_SLIDES, stories.MAX_NOTES)
    links = stories.share_links(story)  # story_to_param raised StoryTooLong here, uncaught
    assert links.with_notes is None
    assert links.without_notes is not None
    assert len(links.without_notes) <= stories.MAX_PARAM_CHARS


def test_a_long_story_file_sorting_first_does_not_crash_presenteren(tmp_path, monkeypatch):
    from tests.malformed import SOURCES, linked_copy

    linked_copy(SOURCES["data"], tmp_path / "data")
    rng = random.Random(1)
    slides = "".join(
        f'[[slide]]\npage = "kaart"\nindicator = "werkloosheid"\ntitle = "Dia {i}"\n'
        f'sentence = "Zin."\nnotes = "{"".join(rng.choices(LETTERS, k=stories.MAX_NOTES))}"\n\n'
        for i in range(stories.MAX_SLIDES)
    )
    (tmp_path / "data" / "stories" / "0_lang.toml").write_text(
        f'title = "Een lang verhaal"\n\n{slides}', encoding="utf-8"
    )
    monkeypatch.setenv("DASHBOARD_PROJECT_DATA", str(tmp_path / "data"))
    st.cache_data.clear()
    try:
        at = present_page()
        assert_clean(at)
        assert at.selectbox(key=keys.STORY).value == "0_lang"
        assert texts(at.info) == [
            "Met de notities past dit verhaal niet in een link; de link hierboven deelt het "
            "zonder notities. Kort de notities in om ze mee te delen."
        ]
        (code,) = at.code
        assert "/presenteren?verhaal=" in code.value
    finally:
        st.cache_data.clear()


def _link_at_the_limit() -> tuple[str, dict]:
    """A link of just under MAX_PARAM_CHARS, written without schaal, taal and kleur (as a
    URL leaves out defaults), that re-packed with them written out exceeds the limit."""
    low, high = 1000, stories.MAX_NOTES
    rng_story = None
    while low < high:
        mid = (low + high + 1) // 2
        rng_story = _noted_story(30, mid, seed=2)
        data = {
            "v": 1,
            "t": rng_story.title,
            "s": [
                {"p": s.page, "i": s.view.indicator, "t": s.title, "z": s.sentence, "n": s.notes}
                for s in rng_story.slides
            ],
        }
        if len(_pack(data)) <= stories.MAX_PARAM_CHARS:
            low = mid
        else:
            high = mid - 1
    story = _noted_story(30, low, seed=2)
    data = {
        "v": 1,
        "t": story.title,
        "s": [
            {"p": s.page, "i": s.view.indicator, "t": s.title, "z": s.sentence, "n": s.notes}
            for s in story.slides
        ],
    }
    return _pack(data), data


def test_a_link_that_reads_fine_re_packs_within_the_limit(store):
    param, data = _link_at_the_limit()
    assert stories.MAX_PARAM_CHARS - 100 < len(param) <= stories.MAX_PARAM_CHARS
    # the case of the issue: with every default written out it would not fit
    spelled = {
        **data,
        "s": [{**s, "sc": "drenthe", "l": "nl", "k": "klassen"} for s in data["s"]],
    }
    assert len(_pack(spelled)) > stories.MAX_PARAM_CHARS
    story, problems = stories.story_from_param(param, store)
    assert problems == []
    again = stories.story_to_param(story)  # raised StoryTooLong: 50,0xx characters
    assert len(again) <= len(param)
    assert stories.story_from_param(again, store) == (story, [])


def test_that_link_on_presenteren_offers_its_notes(store):
    param, _ = _link_at_the_limit()
    at = present_page(verhaal=param)
    assert_clean(at)
    assert not at.info
    (link,) = at.get("page_link")
    query = link.proto.query_string
    assert query.startswith("verhaal=") and query.endswith("&notities=1")
    assert len(query) - len("verhaal=&notities=1") <= stories.MAX_PARAM_CHARS


# --- 7. unknown gemeente codes: one notice per parameter -----------------------------------


def test_a_link_with_thousands_of_unknown_codes_shows_one_notice():
    codes = [f"GM{9000 + n % 700}" for n in range(14_000)]  # 700 distinct, each 20 times
    at = open_app(gemeente=",".join(["GM0106", *codes]))
    assert_clean(at)
    assert texts(at.warning) == [
        "700 onbekende gemeentecodes zijn genegeerd: “GM9000”, “GM9001”, “GM9002”, "
        "“GM9003”, “GM9004” en nog 695 andere."
    ]


def test_one_unknown_code_keeps_its_own_notice():
    at = open_app(gemeente="GM0106,GM9999,gm9999", taal="en")
    assert texts(at.warning) == ["Unknown municipality code “GM9999” was ignored."]


# --- 10. small inconsistencies --------------------------------------------------------------

LINK_NAME = "[Assen](https://example.org/x)"


@pytest.fixture
def linked_name(tmp_path, monkeypatch):
    """Data in which Assen's name from gebieden_2025.csv is a markdown link."""
    from tests.malformed import SOURCES, Folders, linked_copy

    linked_copy(SOURCES["cbs"], tmp_path / "cbs")
    Folders(tmp_path).edit(
        "cbs/gebieden_2025.csv", lambda s: s.replace(",Assen,", f",{LINK_NAME},", 1)
    )
    monkeypatch.setenv("DASHBOARD_CBS_DIR", str(tmp_path / "cbs"))
    monkeypatch.setenv("DASHBOARD_CACHE_DIR", "off")
    st.cache_resource.clear()
    st.cache_data.clear()
    yield
    st.cache_resource.clear()
    st.cache_data.clear()


def _markdown_bodies(at: AppTest) -> list[str]:
    kinds = ("markdown", "caption", "title", "header", "subheader", "warning", "info", "error")
    return [e.value for kind in kinds for e in at.get(kind)]


def test_a_name_from_the_data_is_text_not_a_link(linked_name):
    from dashboard import pages

    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["gemeente"] = "GM0106"
    shown = []
    for n, page in enumerate(pages.PAGES):
        if n:
            at.switch_page(page.file)
        at.run()
        assert not at.exception, (page.id, [e.value for e in at.exception])
        raw = [b for b in _markdown_bodies(at) if LINK_NAME in b]
        assert raw == [], page.id
        shown += _markdown_bodies(at)
    assert any(LINK_NAME in re.sub(r"\\(.)", r"\1", b) for b in shown)  # the name is there


def _parse(query: dict, store):
    from dashboard import urls

    return urls.parse_query(
        query, store.catalog.indicators, store.periods, set(store.gebieden["gemeente_code"])
    )


def test_indicator_ids_are_read_case_insensitively(store):
    view, notices = _parse({"indicator": "Werkloosheid", "schaal": "Nederland"}, store)
    assert (view.indicator, view.scope, notices) == ("werkloosheid", "nederland", [])


def test_invisible_characters_are_stripped_from_parameters(store):
    query = {
        "indicator": "werkloosheid\u200b",
        "periode": "\ufeff2023",
        "gemeente": "GM0106\u200d,\u2060GM0114",
        "taal": "en\u200e",
    }
    view, notices = _parse(query, store)
    assert notices == []
    assert (view.indicator, view.period, view.gemeenten, view.lang) == (
        "werkloosheid", "2023", ("GM0106", "GM0114"), "en",
    )  # fmt: skip


def test_story_link_problems_name_the_fields_as_a_story_file_does(store):
    param = _pack(
        {
            "v": 1,
            "t": 5,
            "s": [{"p": "kaart", "i": "werkloosheid", "t": "T", "z": "Z", "sc": "mars", "q": 1}],
        }
    )
    story, problems = stories.story_from_param(param, store)
    assert [(p.slide, p.field, p.reason) for p in problems] == [
        (None, "title", "not_text"),
        (1, "q", "unknown_key"),
        (1, "schaal", "unknown_value"),
    ]
    unknown = next(p for p in problems if p.reason == "unknown_key")
    assert unknown.detail.startswith("page, indicator, periode, gemeenten, schaal, taal")


def test_presenteren_names_bad_view_parameters():
    at = present_page(indicator="geluk", taal="en")
    assert_clean(at)
    assert "Unknown indicator “geluk”; showing the default indicator." in texts(at.warning)


# --- 8. the facilitator's draft survives a reload -------------------------------------------


def _add_this_view(at: AppTest) -> AppTest:
    next(b for b in at.sidebar.button if b.label.startswith("Voeg deze weergave toe")).click()
    at._finished_page_script_hash = ""
    return at.run()


def test_the_draft_survives_a_reload_in_the_url():
    at = open_app(indicator="werkloosheid")
    at = _add_this_view(at)
    at.query_params["gemeente"] = "GM0114"  # another view, another slide
    at = _add_this_view(at)
    assert_clean(at)
    draft = at.session_state[keys.DRAFT]
    assert len(draft) == 2
    packed = at.query_params["concept"]
    packed = packed[-1] if isinstance(packed, list) else packed
    # a reload (or a server restart): a new session with the same URL
    again = open_app(indicator="werkloosheid", concept=packed)
    assert_clean(again)
    assert again.session_state[keys.DRAFT] == draft
    labels = [b.label for b in again.sidebar.button]
    assert "Voeg deze weergave toe (2)" in labels
    again.switch_page("app_pages/presenteren.py")
    again.run()
    assert again.selectbox(key=keys.STORY).options[-1] == "Eigen verhaal (2 dia's)"


def test_a_damaged_draft_in_the_url_is_said():
    at = open_app(concept="bm90IGEgc3Rvcnk")
    assert_clean(at)
    assert texts(at.sidebar.warning) == [
        "Het eigen verhaal in deze link kon niet (helemaal) worden gelezen; controleer de "
        "dia's op Presenteren."
    ]
    assert "Voeg deze weergave toe (0)" in [b.label for b in at.sidebar.button]


# --- 5. validate says which setting was in effect -------------------------------------------


def test_validate_names_the_setting_that_gave_the_folder(tmp_path, monkeypatch, capsys):
    from dashboard import cli
    from tests.malformed import SOURCES, linked_copy

    linked_copy(SOURCES["cbs"], tmp_path / "cbs")
    (tmp_path / "cbs" / "86004NED.csv").unlink()
    (tmp_path / "cbs" / "86004NED.csv").write_text("", encoding="utf-8")
    monkeypatch.setenv("DASHBOARD_CBS_DIR", str(tmp_path / "cbs"))
    monkeypatch.setenv("DASHBOARD_CACHE_DIR", "off")
    assert cli.main(["validate"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[-2:] == [
        f"error: {tmp_path / 'cbs' / '86004NED.csv'}: the file is empty.",
        f"  cbs_dir = {tmp_path / 'cbs'} (set by DASHBOARD_CBS_DIR)",
    ]


# --- 1. no folder of the server on a public page ---------------------------------------------


def test_public_paths_hide_the_servers_folders(tmp_path):
    from dashboard.config import PROJECT_ROOT, load_settings, public_paths

    s = load_settings(environ={"DASHBOARD_CBS_DIR": str(tmp_path / "cbs")})
    text = (
        f"{tmp_path / 'cbs' / '86004NED.csv'}, line 2; {PROJECT_ROOT / 'data' / 'x.toml'}; "
        "/srv/elsewhere/secret/file.json; see https://opendata.cbs.nl/ODataApi/odata/86004NED"
    )
    assert public_paths(text, s) == (
        "$DASHBOARD_CBS_DIR/86004NED.csv, line 2; data/x.toml; …/file.json; "
        "see https://opendata.cbs.nl/ODataApi/odata/86004NED"
    )
