"""Eigen gegevens in AppTest: an uploaded file's indicator on every page (Kaart, Regio's,
Trends, Profiel, Presenteren), marked as own data, never shareable as a link, and never seen
by another session; a bad file shows its message and keeps the previous upload."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.app import keys
from dashboard.model.upload import UPLOAD_ID
from tests.support.apptest import APP, assert_clean, texts

GOOD = Path(__file__).parent / "data" / "uploads" / "good"
BAD = Path(__file__).parent / "data" / "uploads" / "bad"
UPLOADER = "w_eigen_bestand"
SOURCE = "Bron: Eigen gegevens (geüpload "


def upload(at: AppTest, path: Path, name: str | None = None) -> AppTest:
    if not at.file_uploader:  # the panel is closed: open it (as a click does)
        at.session_state[keys.UPLOAD_OPEN] = True
        at._finished_page_script_hash = ""
        at.run()
    at.file_uploader(key=UPLOADER).set_value((name or path.name, path.read_bytes(), "text/csv"))
    at._finished_page_script_hash = ""  # run app.py (the controls), then the map
    return at.run()


def switch(at: AppTest, page: str) -> AppTest:
    at.switch_page(f"app_pages/{page}.py")
    return at.run()


@pytest.fixture(scope="module")
def uploaded() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180)
    at.query_params["gemeente"] = "GM0106"
    at.run()
    return upload(at, GOOD / "tidy_comma.csv", "buurtpanel_tevredenheid.csv")


def test_the_upload_is_read_and_shown_on_the_map(uploaded):
    at = uploaded
    assert_clean(at)
    assert texts(at.sidebar.success) == [
        "buurtpanel_tevredenheid.csv gelezen als lange tabel: 13 waarden, 11 gebieden, 2022–2023."
    ]
    assert at.sidebar.selectbox[0].value == UPLOAD_ID
    options = at.sidebar.selectbox[0].options
    assert "Eigen gegevens · buurtpanel tevredenheid (eigen gegevens)" in options
    assert texts(at.title) == ["buurtpanel tevredenheid"]
    captions = texts(at.caption)
    assert any(c.startswith(SOURCE) and c.endswith("· Periode: 2023") for c in captions)
    assert len(at.get("deck_gl_json_chart")) == 1
    # the table of the map: the user's values (one decimal), Westerveld missing
    table = at.dataframe[0].value
    values = dict(zip(table.iloc[:, 0], table.iloc[:, 1], strict=False))
    assert values["Tynaarlo"] == "49,6" and values["Assen"] == "43,2"
    summary = [m for m in texts(at.markdown) if m.startswith("**")]
    assert summary and "Tynaarlo" in summary[0]


def test_a_change_map_of_the_upload(uploaded):
    at = uploaded
    at.session_state[keys.VIEW["since"]] = "2022"
    at = switch(at, "kaart")
    assert_clean(at)
    assert len(at.get("deck_gl_json_chart")) == 1
    summary = [m for m in texts(at.markdown) if m.startswith("**")]
    # Assen's interval (onder, boven) makes its change not significant
    assert summary[0].startswith(
        "**buurtpanel tevredenheid 2022–2023: in 1 van de 2 gemeenten gestegen; het sterkst in "
        "Emmen (+1,5). In Assen is de verandering niet significant."
    )
    at.session_state[keys.VIEW["since"]] = ""
    assert_clean(switch(at, "kaart"))


def test_regions_page_computes_marked_region_values(uploaded):
    at = switch(uploaded, "regios")
    assert_clean(at)
    assert texts(at.header)[0] == "buurtpanel tevredenheid"
    table = at.dataframe[0].value
    row = table[table["Indicator"] == "buurtpanel tevredenheid"].iloc[0]
    # inwoners-weighted means of the members (the rule chosen), starred: computed; none
    # where a member has no value (Westerveld in Zuidwest-Drenthe; so Drenthe too)
    assert [row[c] for c in ("Noord-Drenthe", "Zuidwest-Drenthe", "Zuidoost-Drenthe")] == [
        "▲ 45,1*", "—", "▼ 37,6*",
    ]  # fmt: skip
    assert (row["Drenthe"], row["Nederland"]) == ("—", "—")
    assert any(c.endswith("* berekend uit de gemeenten") for c in texts(at.caption))


def test_trends_page_draws_the_upload(uploaded):
    at = switch(uploaded, "trends")
    assert_clean(at)
    assert texts(at.title) == ["Trends: buurtpanel tevredenheid"]
    assert len(at.dataframe) == 1
    assert any(c.startswith(SOURCE) for c in texts(at.caption))


def test_profile_page_lists_the_upload(uploaded):
    at = switch(uploaded, "profiel")
    assert_clean(at)
    shown = " ".join(" ".join(map(str, df.value.astype(str).values.ravel())) for df in at.dataframe)
    assert "buurtpanel tevredenheid" in shown


def test_presenting_a_slide_of_the_upload(uploaded):
    at = switch(uploaded, "kaart")
    add = next(b for b in at.sidebar.button if b.label.startswith("Voeg deze weergave toe"))
    add.click()
    at = switch(at, "kaart")
    at = switch(at, "presenteren")
    at.selectbox(key=keys.STORY).set_value("eigen")
    at = switch(at, "presenteren")
    assert_clean(at)
    assert texts(at.title) == ["buurtpanel tevredenheid"]
    assert any(c.startswith(SOURCE) for c in texts(at.caption))
    assert len(at.get("deck_gl_json_chart")) == 1
    # no QR code and no story link: they would not show the session's data
    assert "Geen QR-code: deze dia toont eigen gegevens uit uw sessie." in texts(at.caption)
    assert any(
        i.startswith("Dit verhaal heeft een dia met eigen gegevens.") for i in texts(at.info)
    )
    assert not [c for c in at.code if "verhaal=" in c.value]


def test_the_catalogue_lists_the_upload_and_the_agenda_still_works(uploaded):
    at = switch(uploaded, "over")
    assert_clean(at)
    shown = " ".join(" ".join(map(str, df.value.astype(str).values.ravel())) for df in at.dataframe)
    assert "buurtpanel tevredenheid" in shown and "Eigen gegevens (geüpload " in shown
    assert_clean(switch(uploaded, "agenda"))


def test_no_link_for_a_view_with_an_upload(uploaded):
    at = switch(uploaded, "kaart")
    at.session_state[keys.SHARE_OPEN + "kaart"] = True
    at = switch(at, "kaart")
    assert_clean(at)
    assert any(i.startswith("Deze weergave toont eigen gegevens") for i in texts(at.info))
    assert not [c for c in at.code if "indicator=eigen_gegevens" in c.value]
    csv = next(b for b in at.get("download_button") if b.proto.label == "Eigen gegevens als CSV")
    assert csv is not None


def test_another_session_never_sees_the_upload(uploaded):
    other = AppTest.from_file(APP, default_timeout=180)
    other.query_params["indicator"] = UPLOAD_ID
    other.run()
    assert_clean(other)
    assert UPLOAD_ID not in other.sidebar.selectbox[0].options
    assert other.sidebar.selectbox[0].value == "vrijwilligerswerk"
    assert keys.UPLOAD not in other.session_state
    assert texts(other.warning) == [
        "Deze link wees naar eigen gegevens uit iemands browsersessie; die zijn niet als link "
        "te delen. De standaardindicator wordt getoond."
    ]
    # and the first session still has it
    assert switch(uploaded, "kaart").sidebar.selectbox[0].value == UPLOAD_ID


def test_a_bad_file_keeps_the_previous_upload(uploaded):
    at = upload(uploaded, BAD / "text_in_number.csv")
    assert_clean_except_upload_error(at)
    assert texts(at.sidebar.error) == [
        "text_in_number.csv, rij 3, kolom waarde: ‘veertig’ is geen getal."
    ]
    assert "Het vorige bestand blijft in gebruik." in texts(at.sidebar.caption)
    assert at.sidebar.selectbox[0].value == UPLOAD_ID
    assert texts(at.title) == ["buurtpanel tevredenheid"]


def assert_clean_except_upload_error(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.error) == 1


def _shared_cache_entries() -> list[bytes]:
    """Every value the shared caches of app/cache.py hold now, pickled (Streamlit internals:
    cache_data keeps pickled bytes in memory, cache_resource the objects)."""
    from streamlit.runtime.caching.cache_utils import CachedFunc

    from dashboard.app import cache

    entries = []
    for func in vars(cache).values():
        cached = getattr(func, "cached", None) if callable(func) else None
        if not isinstance(cached, CachedFunc):
            continue
        storage = cached._info.get_function_cache(cached._function_key)
        if hasattr(storage, "storage"):
            entries += [bytes(v) for v in storage.storage._mem_cache.values()]
        else:
            entries += [pickle.dumps(r.value) for r in storage._mem_cache.values()]
    return entries


def test_no_shared_cache_holds_the_upload(uploaded):
    # after every page above has shown the upload: the shared caches hold views (of shipped
    # indicators), none of them the session's label or figures
    entries = _shared_cache_entries()
    assert entries  # the views of the default indicator before the upload, at least
    assert not [e for e in entries if b"buurtpanel" in e or UPLOAD_ID.encode() in e]
    memo = uploaded.session_state[keys.UPLOAD_MEMO]  # the upload's views are in the session
    names = {key[0] for key in memo}
    assert {"_map_view", "_regions_view", "_trend_view", "_profile_view"} <= names


def test_removing_the_upload_returns_to_the_default_indicator():
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    at = upload(at, GOOD / "wide.xlsx")
    assert at.sidebar.selectbox[0].value == UPLOAD_ID
    next(b for b in at.sidebar.button if b.label == "Eigen gegevens verwijderen").click()
    at.session_state[keys.UPLOAD_OPEN] = True  # open, as in the browser (AppTest closes it)
    at._finished_page_script_hash = ""
    at.run()
    assert_clean(at)
    assert at.sidebar.selectbox[0].value == "vrijwilligerswerk"
    assert UPLOAD_ID not in at.sidebar.selectbox[0].options
    assert at.query_params.get("indicator") is None and not at.warning
    assert [f.key for f in at.file_uploader] == ["w_eigen_bestand_1"]  # empty again


def test_in_english():
    at = AppTest.from_file(APP, default_timeout=180)
    at.query_params["taal"] = "en"
    at.run()
    at = upload(at, GOOD / "wide_semicolon_bom.csv")
    assert_clean(at)
    assert texts(at.sidebar.success) == [
        "wide_semicolon_bom.csv read as a wide table (a column per period): 35 values, "
        "12 areas, 2021–2023."
    ]
    assert "Own data · wide semicolon bom (own data)" in at.sidebar.selectbox[0].options
    assert any(c.startswith("Source: Own data (uploaded ") for c in texts(at.caption))
    at = upload(at, BAD / "ambiguous_groningen.csv")
    assert texts(at.sidebar.error) == [
        "ambiguous_groningen.csv, row 2, column gemeente: ‘Groningen’ can be: gemeente "
        "Groningen (GM0014), province Groningen (PV20); write the code (GM0014 / PV20)."
    ]
    assert at.file_uploader[0].proto.max_upload_size_mb == 5
