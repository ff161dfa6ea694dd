"""The map page's change mode in AppTest: every indicator with two comparable periods draws
its change map, slope chart, ranking and table from ``?vanaf=``; refused changes explain
why; the control and the URL follow each other.

One app session steps through the indicators (a rerun each, as test_app does): the store is
loaded once and the views are built once per indicator (about 0.5 s each)."""

from __future__ import annotations

import pytest

from dashboard.text.i18n import t
from dashboard.views import changeview
from tests.support.apptest import assert_clean, html_bodies, open_app, rerun, texts


@pytest.fixture(scope="module")
def comparable(store):
    """Every indicator with at least two comparable periods."""
    return [i for i in store.catalog if i.comparable and len(store.periods(i.id)) >= 2]


@pytest.fixture(scope="module")
def changeable(store, comparable):
    """Of those, the ones with a map (the others have only Drenthe and Nederland)."""
    return [i for i in comparable if changeview.change_refusal(store, i.id) is None]


def vega_charts(at) -> int:
    return len(at.get("arrow_vega_lite_chart")) + len(at.get("vega_lite_chart"))


def test_every_changeable_indicator_draws_its_change_map(store, changeable):
    assert len(changeable) >= 20
    at = open_app(
        indicator=changeable[0].id, vanaf=changeview.start_periods(store, changeable[0].id)[-1]
    )
    assert_clean(at)
    for ind in changeable:
        first = changeview.start_periods(store, ind.id)[-1]
        at.session_state["w_indicator"] = ind.id
        rerun(at)  # the indicator first: the start periods are its own
        at.selectbox(key="w_vanaf").select(first)
        rerun(at)
        assert_clean(at)
        assert not at.warning, (ind.id, texts(at.warning))
        assert at.query_params.get("vanaf") == first, ind.id
        assert len(at.get("deck_gl_json_chart")) == 1, ind.id
        cv = changeview.change_view(store, changeview.ViewState(indicator=ind.id, since=first))
        markdown = " ".join(texts(at.markdown))
        assert "`None`" not in texts(at.markdown), ind.id  # no value written by st magic
        assert cv.summary in markdown, ind.id  # the sentence (the map's alt too)
        legend = html_bodies(at)
        assert "Verandering " in legend and 'class="bw-legend"' in legend, ind.id
        subheaders = texts(at.header)
        assert f"Van {first} naar {store.latest_period(ind.id)}" in subheaders, ind.id
        assert "Rangorde van de verandering" in subheaders, ind.id
        assert vega_charts(at) == 2, ind.id  # the slope chart and the ranking
        assert len(at.dataframe) == 1, ind.id
        assert f"{first}–{store.latest_period(ind.id)}" in " ".join(texts(at.caption)), ind.id


def test_comparable_indicators_without_a_map_say_why(store, comparable, changeable):
    others = [i for i in comparable if i not in changeable]
    assert others
    at = open_app(indicator=others[0].id)
    for ind in others:
        at.session_state["w_indicator"] = ind.id
        rerun(at)
        assert_clean(at)
        assert changeview.change_refusal(store, ind.id) == "change_refused_no_map"
        reason = f"**Verandering sinds**: {t('change_refused_no_map', 'nl')}"
        assert reason in texts(at.caption), ind.id
        assert "w_vanaf" not in [w.key for w in at.selectbox], ind.id  # no control, the reason


def test_the_change_maps_alt_is_its_summary(store):
    at = open_app(indicator="werkloosheid", vanaf="2019", taal="en")
    assert_clean(at)
    deck = at.get("deck_gl_json_chart")[0]
    summary = changeview.change_view(
        store, changeview.ViewState(indicator="werkloosheid", since="2019", lang="en")
    ).summary
    assert summary.startswith("Unemployment 2019–2024: fallen in all 12 municipalities")
    assert summary in str(deck.proto)


def test_a_non_comparable_vanaf_shows_the_plain_map_and_says_why():
    # the 2016 health round (aged 19 and over) does not pair with 2022; 2020 does
    at = open_app(indicator="overgewicht", vanaf="2016")
    assert_clean(at)
    assert texts(at.warning) == [
        t("notice_since_not_comparable", "nl", value="“2016”"),
    ]
    assert at.query_params.get("vanaf") is None
    assert len(at.get("deck_gl_json_chart")) == 1
    assert "Rangorde" in texts(at.header)  # the plain map's ranking
    since = at.selectbox(key="w_vanaf")
    assert not since.disabled and since.value == ""
    assert since.options == ["geen: alleen de getoonde periode", "2020"]
    # showing 2016 itself: no change is offered, and the caption says why
    at = open_app(indicator="overgewicht", periode="2016")
    assert_clean(at)
    assert "w_vanaf" not in [w.key for w in at.selectbox]
    assert f"**Verandering sinds**: {t('change_refused_period', 'nl')}" in texts(at.caption)


def test_a_health_change_map_marks_what_is_not_significant(store):
    at = open_app(indicator="wekelijks_sporten", vanaf="2020")
    assert_clean(at)
    assert not at.warning
    cv = changeview.change_view(
        store, changeview.ViewState(indicator="wekelijks_sporten", since="2020")
    )
    markdown = " ".join(texts(at.markdown))
    assert cv.summary in markdown
    assert "In 10 gemeenten is de verandering niet significant." in markdown
    assert 'outline:2px solid #5a5a5a"></span>niet significant' in html_bodies(at)  # legend
    shown = at.dataframe[0].value.set_index("Gemeente")
    assert shown.loc["Assen", "Significantie"] == "niet significant"
    assert shown.loc["Emmen", "Significantie"] == "significant"


def test_choosing_a_start_period_writes_vanaf_and_none_removes_it():
    at = open_app(indicator="werkloosheid", periode="2022")
    assert_clean(at)
    since = at.selectbox(key="w_vanaf")
    assert since.options[:3] == ["geen: alleen de getoonde periode", "2021", "2020"]
    since.select("2016")
    rerun(at)
    assert_clean(at)
    assert at.query_params.get("vanaf") == "2016"
    assert any("Werkloosheid 2016–2022:" in s for s in texts(at.markdown))
    at.selectbox(key="w_vanaf").select("")
    rerun(at)
    assert at.query_params.get("vanaf") is None
    assert len(at.get("deck_gl_json_chart")) == 1


def test_embedded_change_map():
    at = open_app(indicator="werkloosheid", vanaf="2019", embed="true")
    assert_clean(at)
    assert len(at.get("deck_gl_json_chart")) == 1
    assert any(s.startswith("**Werkloosheid 2019–2024") for s in (m.value for m in at.markdown))


def test_the_timeline_slider_moves_the_period_and_the_url():
    at = open_app(indicator="werkloosheid")
    assert_clean(at)
    slider = at.select_slider(key="w_tijdlijn")
    assert slider.value == "2024" and slider.options[0] == "2013"
    slider.set_value("2016")
    rerun(at)
    assert_clean(at)
    assert at.query_params.get("periode") == "2016"
    assert at.sidebar.selectbox[1].value == "2016"
    assert any("Werkloosheid in 2016" in s for s in texts(at.markdown))


def test_play_at_the_last_period_starts_again_at_the_first():
    at = open_app(indicator="werkloosheid")
    play = at.button(key="tijdlijn_knop")
    assert play.label == "Afspelen"
    play.click()
    rerun(at)
    assert_clean(at)
    assert at.query_params.get("periode") == "2013"
    assert at.session_state["_tijdlijn_speelt"] is True
    assert at.button(key="tijdlijn_knop").label == "Pauzeren"
    at.button(key="tijdlijn_knop").click()
    rerun(at)
    assert at.session_state["_tijdlijn_speelt"] is False
    assert at.query_params.get("periode") == "2013"  # paused: the URL keeps the period shown


def test_the_timeline_plays_only_with_fixed_classes():
    at = open_app(indicator="werkloosheid", kleur="periode")
    assert_clean(at)
    assert at.button(key="tijdlijn_knop").disabled
    assert t("timeline_fixed_only", "nl") in texts(at.caption)
    # a change map's classes are fixed over its end periods: it plays
    at = open_app(indicator="werkloosheid", kleur="periode", vanaf="2019")
    assert not at.button(key="tijdlijn_knop").disabled
    assert at.select_slider(key="w_tijdlijn").options == ["2020", "2021", "2022", "2023", "2024"]


@pytest.mark.parametrize(
    ("kind", "legend"),
    [
        (None, "Verandering 2019–2024 (procentpunt)"),
        ("relatief", "Verandering 2019–2024 (% van de beginwaarde)"),
    ],
)
def test_a_change_map_slide(store, kind, legend):
    from streamlit.testing.v1 import AppTest

    from dashboard.state import ViewState
    from dashboard.views import stories
    from tests.support.apptest import APP

    view = ViewState(indicator="werkloosheid", period="2024", since="2019", change_kind=kind)
    story = stories.Story(
        "Verandering", (stories.Slide("kaart", view, "Werkloosheid gedaald", "Overal."),)
    )
    # the kind travels in the story link ("vr") and back
    assert stories.story_from_param(stories.story_to_param(story), store) == (story, [])
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["verhaal"] = stories.story_to_param(story)
    at.run()
    at.switch_page("app_pages/presenteren.py")
    at.run()
    assert_clean(at)
    assert texts(at.title) == ["Werkloosheid gedaald"]
    decks = at.get("deck_gl_json_chart")
    assert len(decks) == 1
    summary = changeview.change_view(store, view).summary
    assert summary in str(decks[0].proto)  # the change map, its summary as alt
    assert legend in html_bodies(at)  # its legend


# --- the change controls on the map page: start period and kind (?verandering=) -------------


def test_the_change_controls_are_on_the_map_page_not_in_the_sidebar():
    at = open_app(indicator="werkloosheid")
    assert_clean(at)
    assert "w_vanaf" not in [getattr(w, "key", None) for w in at.sidebar.selectbox]
    assert "w_verandering" not in [getattr(w, "key", None) for w in at.sidebar.radio]
    since = at.selectbox(key="w_vanaf")
    assert (since.label, since.value) == ("Verandering sinds", "")
    # no start period: nothing to measure, so no kind to choose
    assert "w_verandering" not in [w.key for w in at.radio]
    since.set_value("2019")
    rerun(at)
    kind = at.radio(key="w_verandering")
    assert kind.label == "Verandering in" and kind.value == "eenheid"
    assert kind.options == ["procentpunten", "procenten (relatief)"]


def test_choosing_relative_writes_verandering_and_the_unit_removes_it(store):
    at = open_app(indicator="werkloosheid", vanaf="2019", gemeente="GM0114")
    assert_clean(at)
    kind = at.radio(key="w_verandering")
    assert not kind.disabled and kind.value == "eenheid"
    assert at.query_params.get("verandering") is None
    kind.set_value("relatief")
    rerun(at)
    assert_clean(at)
    assert at.query_params.get("verandering") == "relatief"
    assert at.query_params.get("vanaf") == "2019"
    relative = changeview.change_view(
        store, changeview.ViewState(indicator="werkloosheid", since="2019", change_kind="relatief")
    )
    markdown = " ".join(texts(at.markdown))
    assert relative.summary in markdown
    assert "(% van de beginwaarde)" in html_bodies(at)  # the legend's title
    assert "Verandering (% van de beginwaarde)" in at.dataframe[0].value.columns
    at.radio(key="w_verandering").set_value("eenheid")
    rerun(at)
    assert at.query_params.get("verandering") is None  # the default is not written
    assert "Verandering (procentpunt)" in at.dataframe[0].value.columns


def test_a_verandering_link_opens_relative_and_an_old_link_keeps_its_picture():
    at = open_app(indicator="werkloosheid", vanaf="2019", verandering="relatief")
    assert_clean(at)
    assert at.radio(key="w_verandering").value == "relatief"
    assert any(
        s.startswith("**Werkloosheid 2019–2024 (relatieve verandering)") for s in texts(at.markdown)
    )
    old = open_app(indicator="werkloosheid", vanaf="2019")
    assert any(s.startswith("**Werkloosheid 2019–2024: in alle") for s in texts(old.markdown))
    bad = open_app(indicator="werkloosheid", vanaf="2019", verandering="absoluut")
    assert texts(bad.warning) == [
        t("notice_unknown_value", "nl", value="“absoluut”", param="verandering")
    ]
    assert bad.radio(key="w_verandering").value == "eenheid"
