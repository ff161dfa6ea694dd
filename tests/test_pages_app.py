"""Gemeenteprofiel and Over de data in AppTest: every Drenthe gemeente, the catalogue search
and the download selection."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.model import geo
from dashboard.model.store import level
from dashboard.views import profile
from tests.support.apptest import APP, assert_clean, texts

DRENTHE = [
    "GM0106", "GM0109", "GM0114", "GM0118", "GM0119", "GM1680",
    "GM1681", "GM1690", "GM1699", "GM1701", "GM1730", "GM1731",
]  # fmt: skip


def open_page(page: str, **params: str) -> AppTest:
    """The app with these URL parameters (first run: the map), then the page.

    AppTest runs only the page on the second run; it reads the view the first run made."""
    at = AppTest.from_file(APP, default_timeout=120)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    at.switch_page(f"app_pages/{page}.py")
    return at.run()


def test_drenthe_has_these_twelve_gemeenten(store):
    assert geo.scope_codes(store.gebieden, "drenthe") == DRENTHE


@pytest.mark.parametrize("code", DRENTHE)
def test_profile_page_for_every_drenthe_gemeente(store, code):
    at = open_page("profiel", gemeente=code)
    assert_clean(at)
    assert texts(at.title) == ["Gemeenteprofiel"]
    assert at.selectbox(key="w_profiel_gemeente").value == code
    prof = profile.profile_table(store, code, DRENTHE, "nl")
    summary = texts(at.markdown)[0]
    assert summary.strip("*") == profile.profile_summary(
        prof, profile.theme_scores(prof, store.catalog, "nl"), store.name(code), "nl"
    )
    # the full table: one row per indicator with gemeente figures, in the store's data
    table = at.dataframe[0].value
    with_gemeenten = {
        ind.id
        for ind in store.catalog
        if level(set(store.frame(ind.id)["region_code"])) == "gemeente"
    }
    assert set(prof["indicator_id"]) == with_gemeenten
    assert len(table) == len(prof) == len(with_gemeenten)
    assert table["Indicator"].tolist() == prof["label"].tolist()
    assert len(at.get("arrow_vega_lite_chart")) + len(at.get("vega_lite_chart")) == 1
    assert len(at.dataframe) == 2  # the profile and the comparison with similar gemeenten


def test_profile_without_selection_shows_assen():
    at = open_page("profiel")
    assert_clean(at)
    assert at.selectbox(key="w_profiel_gemeente").value == "GM0106"


@pytest.mark.parametrize("code", DRENTHE)
def test_about_page_for_every_drenthe_gemeente(store, code):
    at = open_page("over", gemeente=code)
    assert_clean(at)
    data = at.dataframe[1].value
    has = set(store.frame("vrijwilligerswerk")["region_code"])
    # Westerveld has no volunteering figure: no row at all, never a 0
    assert set(data["region_code"]) == {code, "PV22", "NL01"} & has
    assert (code in set(data["region_code"])) == (code != "GM1701")
    assert set(data["indicator_id"]) == {"vrijwilligerswerk"}


def test_about_page_catalogue_and_download_selection(store):
    at = open_page("over", indicator="werkloosheid", gemeente="GM0114")
    assert_clean(at)
    assert texts(at.title) == ["Over de data"]
    catalogue, data = at.dataframe[0].value, at.dataframe[1].value
    assert len(catalogue) == len(store.catalog)
    # the data of the view: unemployment of Emmen, Drenthe and Nederland, every period
    assert set(data["region_code"]) == {"GM0114", "PV22", "NL01"}
    assert set(data["indicator_id"]) == {"werkloosheid"}
    emmen = data[data["region_code"] == "GM0114"].set_index("period")["value"]
    assert emmen.to_dict() == {
        p: store.value("werkloosheid", "GM0114", p)
        for p in store.periods("werkloosheid")
        if store.value("werkloosheid", "GM0114", p) is not None
    }
    at.text_input(key="w_over_zoek").input("werkloos")
    at.switch_page("app_pages/over.py")
    at.run()
    assert at.dataframe[0].value.iloc[:, 0].tolist() == ["werkloosheid"]
    assert f"1 van de {len(store.catalog)} indicatoren" in texts(at.caption)


@pytest.mark.parametrize("page", ["regios", "trends"])
def test_regions_and_trends_for_every_indicator(store, page):
    at = open_page(page, gemeente="GM0114")
    assert_clean(at)
    for ind in store.catalog:
        at.session_state["w_indicator"] = ind.id
        at.switch_page(f"app_pages/{page}.py")
        at.run()
        assert_clean(at)
        title = texts(at.title)[0]
        summary = [m for m in texts(at.markdown) if m.startswith("**")]
        assert summary, ind.id
        if page == "trends":
            assert title == f"Trends: {ind.label('nl')}"
            assert len(at.dataframe) == 1, ind.id  # the table of change
        else:
            assert title == "Regio's"
            assert len(at.dataframe) == 1, ind.id  # the comparison table
            assert texts(at.header)[0] == ind.label("nl")


def test_regions_page_shows_tabel1_as_in_the_report(store):
    at = open_page("regios", indicator="tabel1_bijstand")
    assert_clean(at)
    table = at.dataframe[0].value.set_index("Indicator")
    row = table.loc["Bijstandsuitkeringen per 1.000 inwoners (regio's, Tabel 1)"]
    # Tabel 1 of the Sociale Agenda: Noord 28, Zuidwest 26, Zuidoost 37 per 1.000; lower
    # is better, so Zuidwest is best and Zuidoost worst
    assert row[["Noord-Drenthe", "Zuidwest-Drenthe", "Zuidoost-Drenthe"]].tolist() == [
        "28 per 1.000 inwoners",
        "✓ 26 per 1.000 inwoners",
        "✗ 37 per 1.000 inwoners",
    ]
    assert list(table.columns[1:4]) == ["Noord-Drenthe", "Zuidwest-Drenthe", "Zuidoost-Drenthe"]


def vega_specs(at) -> list[dict]:
    import json

    return [json.loads(e.proto.spec) for e in at.get("vega_lite_chart")]


def test_regions_page_draws_the_strip_and_the_region_map_from_cached_specs():
    for _ in range(2):  # the second run reads the cached picture
        at = open_page("regios", indicator="werkloosheid")
        assert_clean(at)
        strip, region_map = vega_specs(at)
        assert [m["mark"]["type"] for m in strip["layer"][0]["layer"]] == ["circle", "tick"]
        assert region_map["mark"]["type"] == "geoshape"
        assert "continuousWidth" not in str(strip.get("config", {}))


def test_trends_page_draws_the_lines_and_the_small_multiples():
    at = open_page("trends", indicator="werkloosheid", gemeente="GM0114")
    assert_clean(at)
    lines, multiples = vega_specs(at)
    assert [layer["mark"]["type"] for layer in lines["layer"]] == ["line", "point"]
    assert multiples["facet"]["field"] == "panel"
    assert len(multiples["facet"]["sort"]) == 12  # one panel per Drenthe gemeente
