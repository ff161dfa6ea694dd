"""Every URL and query parameter: parse_query validates untrusted parameters, to_query writes
them."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import parse_qs

import pytest

from dashboard import pages, urls
from dashboard.state import Notice, ViewState
from dashboard.text.i18n import t
from dashboard.urls import all_values, page_query, parse_query, to_query, view_query
from dashboard.vocabulary import COLOURINGS, LANGUAGES, MAX_GEMEENTEN, SCOPES

INDICATORS = {"vrijwilligerswerk", "werkloosheid", "overgewicht"}
PERIODS = {
    "vrijwilligerswerk": ["2023"],
    "werkloosheid": ["2022", "2023", "2024"],
    "overgewicht": ["2016", "2020", "2022"],
}
GEMEENTEN = {"GM0106", "GM0114", "GM1730", *(f"GM{n:04d}" for n in range(1, 20))}


@dataclass(frozen=True)
class Slide:
    """What urls needs of a story's slide: its page and its view."""

    page: str
    view: ViewState


def parse(params):
    return parse_query(params, INDICATORS, PERIODS.__getitem__, GEMEENTEN)


def test_empty_query_is_the_default_view():
    assert parse({}) == (ViewState(), [])
    assert ViewState() == ViewState(
        indicator="vrijwilligerswerk",
        period=None,
        gemeenten=(),
        scope="drenthe",
        lang="nl",
        colouring="klassen",
    )


def test_full_query_is_read():
    view, notices = parse(
        {
            "indicator": "werkloosheid",
            "periode": "2022",
            "gemeente": ["GM0114", "gm1730"],
            "schaal": "Nederland",
            "taal": "en",
            "kleur": "drenthe",
        }
    )
    assert notices == []
    assert view == ViewState(
        "werkloosheid", "2022", ("GM0114", "GM1730"), "nederland", "en", "drenthe"
    )


def test_comma_separated_and_repeated_gemeenten_are_deduplicated_in_order():
    view, notices = parse({"gemeente": ["GM1730,GM0106", "GM1730", " GM0114 "]})
    assert view.gemeenten == ("GM1730", "GM0106", "GM0114")
    assert notices == []


def test_unknown_indicator_falls_back_with_a_notice():
    view, notices = parse({"indicator": "<script>alert(1)</script>", "periode": "2022"})
    assert view.indicator == "vrijwilligerswerk"
    # the period is then checked against the default indicator, which has no 2022
    assert view.period is None
    assert notices == [
        Notice("indicator", "<script>alert(1)</script>", "unknown_indicator"),
        Notice("periode", "2022", "unknown_period"),
    ]


def test_impossible_period_falls_back_to_latest():
    view, notices = parse({"indicator": "overgewicht", "periode": "2021"})
    assert (view.indicator, view.period) == ("overgewicht", None)
    assert notices == [Notice("periode", "2021", "unknown_period")]


def test_unknown_gemeente_codes_are_dropped_and_named():
    view, notices = parse({"gemeente": "GM0106,GM9999,xx"})
    assert view.gemeenten == ("GM0106",)
    # one notice for the parameter, each unknown code once
    assert notices == [Notice("gemeente", "GM9999, XX", "unknown_gemeente", 2)]


def test_thousands_of_unknown_codes_make_one_notice():
    codes = [f"GM{9000 + n % 700}" for n in range(14_000)]  # 700 distinct, each 20 times
    view, notices = parse({"gemeente": ",".join(["GM0106", *codes])})
    assert view.gemeenten == ("GM0106",)
    assert notices == [
        Notice("gemeente", "GM9000, GM9001, GM9002, GM9003, GM9004", "unknown_gemeente", 700)
    ]


def test_at_most_twelve_gemeenten():
    codes = [f"GM{n:04d}" for n in range(1, 20)]
    view, notices = parse({"gemeente": ",".join(codes)})
    assert view.gemeenten == tuple(codes[:MAX_GEMEENTEN])
    assert notices == [Notice("gemeente", "", "too_many_gemeenten")]


@pytest.mark.parametrize("name", ["schaal", "taal", "kleur"])
def test_unknown_choice_uses_the_default(name):
    junk = "x" * 10_000
    view, notices = parse({name: junk})
    assert view == ViewState()
    assert notices == [Notice(name, junk, "unknown_value")]


def test_last_value_of_a_repeated_single_parameter_wins():
    view, _ = parse({"indicator": ["overgewicht", "werkloosheid"]})
    assert view.indicator == "werkloosheid"


def test_to_query_leaves_out_defaults():
    assert to_query(ViewState()) == {}
    assert to_query(ViewState(period="2023", gemeenten=("GM0114",), lang="en")) == {
        "periode": "2023",
        "taal": "en",
        "gemeente": ["GM0114"],
    }


def test_round_trip():
    view = ViewState(
        "overgewicht", "2020", ("GM0106", "GM1730"), "noord-nederland", "en", "nederland"
    )
    assert parse(to_query(view)) == (view, [])


class QueryParams(Mapping):
    """What Streamlit's st.query_params looks like to urls: [name] is the last value,
    get_all(name) every value."""

    def __init__(self, pairs: list[tuple[str, str]]):
        self.pairs = pairs

    def __getitem__(self, name: str) -> str:
        values = self.get_all(name)
        if not values:
            raise KeyError(name)
        return values[-1]

    def __iter__(self):
        return iter(dict.fromkeys(name for name, _ in self.pairs))

    def __len__(self) -> int:
        return len(list(iter(self)))

    def get_all(self, name: str) -> list[str]:
        return [value for key, value in self.pairs if key == name]  # [] when absent


URL = QueryParams(
    [
        ("indicator", "werkloosheid"),
        ("gemeente", "GM0114"),
        ("verhaal", "abc"),
        ("gemeente", "GM0106"),
        ("notities", "1"),
        ("taal", "en"),
    ]
)


def test_st_query_params_are_read_with_every_value():
    view, notices = parse(URL)
    assert notices == []
    assert view == ViewState("werkloosheid", gemeenten=("GM0114", "GM0106"), lang="en")


def test_the_view_and_the_page_parameters_of_a_url():
    assert view_query(URL) == {
        "indicator": "werkloosheid",
        "gemeente": ["GM0114", "GM0106"],
        "taal": "en",
    }
    assert page_query(URL) == {"verhaal": ["abc"], "notities": ["1"]}
    assert all_values(URL)["gemeente"] == ["GM0114", "GM0106"]
    # as written: the controls compare the URL with what they wrote, and keep the rest
    assert view_query({"indicator": " werkloosheid", "gemeente": "GM0114"}) == {
        "indicator": " werkloosheid",
        "gemeente": ["GM0114"],
    }


# -- page parameters and the URLs of stories, slides and embeds ---------------------------


def test_the_page_parameters():
    assert (urls.STORY_PARAM, urls.NOTES_PARAM, urls.CONTROLS_PARAM) == (
        "verhaal",
        "notities",
        "bediening",
    )
    assert urls.story_param(URL) == ["abc"]
    assert urls.story_param({"verhaal": ""}) == [""]  # a story link, if an empty one
    assert urls.story_param({"indicator": "werkloosheid"}) is None
    assert urls.wants_notes(URL) and urls.wants_notes({"notities": ["0", "1"]})
    assert not urls.wants_notes({}) and not urls.wants_notes({"notities": "ja"})
    assert urls.wants_controls({"embed": "true", "bediening": "ja"})
    assert not urls.wants_controls({"bediening": "1"}) and not urls.wants_controls({})
    # none of them is the view's: the controls keep them when they rewrite the URL
    assert not {urls.STORY_PARAM, urls.NOTES_PARAM, urls.CONTROLS_PARAM} & set(urls.PARAMS)


def test_view_urls_by_page_id():
    view = ViewState("werkloosheid", "2022", ("GM0114", "GM0106"))
    assert urls.view_url(view) == (
        "/?indicator=werkloosheid&periode=2022&gemeente=GM0114&gemeente=GM0106"
    )
    assert urls.view_url(ViewState(), "regios") == "/regios"
    assert urls.view_url(ViewState(lang="en"), "over") == "/over?taal=en"
    with pytest.raises(KeyError):
        urls.view_url(view, "")  # a page id, not a path


def test_story_links():
    assert urls.story_url("eJxL", "https://x.nl/") == "https://x.nl/presenteren?verhaal=eJxL"
    assert urls.story_url("eJxL", notes=True) == "/presenteren?verhaal=eJxL&notities=1"
    assert urls.story_query("eJxL") == {"verhaal": "eJxL"}
    assert urls.story_query("eJxL", notes=True) == {"verhaal": "eJxL", "notities": "1"}


# -- behind a proxy's path prefix (--server.baseUrlPath) ------------------------------------


@pytest.mark.parametrize(
    ("option", "prefix"),
    [("bw", "/bw"), ("/bw/", "/bw"), ("bw/", "/bw"), ("a//b/", "/a/b"), ("", ""), (None, "")],
)
def test_base_path_of_server_base_url_path(option, prefix):
    assert urls.base_path(option) == prefix


def test_app_root_keeps_the_prefix_and_drops_the_page():
    assert urls.app_root("https://example.org/bw/regios", "bw") == "https://example.org/bw"
    assert urls.app_root("https://example.org/bw/", "/bw/") == "https://example.org/bw"
    assert urls.app_root("http://127.0.0.1:8501/trends", "") == "http://127.0.0.1:8501"
    assert urls.app_root("http://127.0.0.1:8501", "") == "http://127.0.0.1:8501"
    # no page address (AppTest, a bare script run): a root-relative prefix still works
    assert urls.app_root("", "bw") == "/bw"
    assert urls.app_root("", "") == ""


def test_every_link_keeps_the_prefix():
    root = urls.app_root("https://example.org/bw/trends", "bw")
    view = ViewState("werkloosheid", "2022", ("GM0114",))
    assert urls.view_url(view, "kaart", root) == (
        "https://example.org/bw/?indicator=werkloosheid&periode=2022&gemeente=GM0114"
    )
    assert urls.view_url(ViewState(), "regios", root) == "https://example.org/bw/regios"
    assert urls.view_url(ViewState(), "regios", "/bw") == "/bw/regios"
    assert urls.story_url("eJxL", root) == "https://example.org/bw/presenteren?verhaal=eJxL"
    slide = Slide("trends", view)
    assert urls.slide_url(slide, root) == (
        "https://example.org/bw/trends?indicator=werkloosheid&periode=2022&gemeente=GM0114"
    )
    assert urls.embed_url(urls.view_url(ViewState(), "regios", root)) == (
        "https://example.org/bw/regios?embed=true"
    )


def test_embed_url_adds_streamlits_embed_mode():
    assert urls.embed_url("http://h/regios") == "http://h/regios?embed=true"
    assert urls.embed_url("http://h/?indicator=x") == "http://h/?indicator=x&embed=true"
    assert urls.embed_url("http://h/", controls=True) == "http://h/?embed=true&bediening=ja"


@pytest.mark.parametrize(
    "view",
    [
        ViewState(),
        ViewState("werkloosheid", "2024", ("GM1730",), "nederland", "en", "periode"),
        ViewState("overgewicht", None, tuple(sorted(GEMEENTEN))[:MAX_GEMEENTEN], lang="en"),
    ],
)
# the pages whose slides show a view (an agenda slide shows a goal: tests/test_agenda_view.py)
@pytest.mark.parametrize("page", [p for p in pages.SLIDE_PAGES if p not in urls.ITEM_PARAMS])
def test_a_slide_url_opens_its_view_on_its_page(view, page):
    slide = Slide(page, view)
    path, _, query = urls.slide_url(slide, "https://x.nl").partition("?")
    assert path == f"https://x.nl/{pages.page(page).url_path}"
    params = parse_qs(query, keep_blank_values=True)
    assert params["indicator"] == [view.indicator]  # written even when it is the default
    assert parse(params) == (view, [])
    assert urls.slide_query(slide) == {
        "path": pages.page(page).url_path,
        "query": {"indicator": view.indicator, **to_query(view)},
    }


# -- migrations of renamed ids ------------------------------------------------------------


def test_the_migration_tables_point_at_what_exists(store):
    """Every rename leads to an id that exists now, and no old name is still in use."""
    for old, new in urls.RENAMED_INDICATORS.items():
        assert urls.current_indicator(old) in store.catalog.indicators, (old, new)
        assert old not in store.catalog.indicators, old
    for old in urls.RENAMED_PAGES:
        assert urls.current_page(old) in pages.BY_ID and old not in pages.BY_ID, old
    for path, page_id in urls.moved_paths().items():
        assert page_id in pages.BY_ID and pages.by_path(path) is None, path


@pytest.fixture
def renamed(monkeypatch):
    """A fake rename: the indicator 'werkloos' became 'werkloosheid', the page 'regiokaart'
    became 'regios'."""
    monkeypatch.setitem(urls.RENAMED_INDICATORS, "werkloos", "werkloosheid")
    monkeypatch.setitem(urls.RENAMED_PAGES, "regiokaart", "regios")


def test_a_renamed_indicator_in_a_url_is_read_as_its_new_id(renamed):
    # the QR code of a slide printed before the rename
    old = "/regios?indicator=werkloos&periode=2022&gemeente=GM0114,GM0106&taal=en"
    view, notices = parse(parse_qs(old.partition("?")[2]))
    assert notices == []
    assert view == ViewState("werkloosheid", "2022", ("GM0114", "GM0106"), lang="en")
    assert to_query(view)["indicator"] == "werkloosheid"  # and written with its new id


def test_renames_are_followed_in_chains_and_cycles_do_not_hang(monkeypatch):
    monkeypatch.setitem(urls.RENAMED_INDICATORS, "a", "b")
    monkeypatch.setitem(urls.RENAMED_INDICATORS, "b", "overgewicht")
    assert parse({"indicator": "a", "periode": "2016"}) == (
        ViewState("overgewicht", "2016"),
        [],
    )
    monkeypatch.setitem(urls.RENAMED_INDICATORS, "x", "y")
    monkeypatch.setitem(urls.RENAMED_INDICATORS, "y", "x")
    view, notices = parse({"indicator": "x"})
    assert view == ViewState() and notices == [Notice("indicator", "x", "unknown_indicator")]


def test_an_unknown_old_id_is_named_as_written(monkeypatch):
    monkeypatch.setitem(urls.RENAMED_INDICATORS, "oud", "weg")
    assert parse({"indicator": "oud"})[1] == [Notice("indicator", "oud", "unknown_indicator")]


def test_renamed_page_ids_and_paths(renamed, monkeypatch):
    assert urls.current_page("regiokaart") == "regios"
    assert urls.current_page("kaart") == "kaart"
    monkeypatch.setitem(urls.RENAMED_PATHS, "vergelijk", "regiokaart")
    assert urls.moved_paths() == {"vergelijk": "regios"}


def every_view():
    gemeenten = [(), ("GM1730",), ("GM0114", "GM0106"), tuple(sorted(GEMEENTEN))[:MAX_GEMEENTEN]]
    for indicator, periods in PERIODS.items():
        for view in itertools.product(
            [indicator], [None, *periods], gemeenten, SCOPES, LANGUAGES, COLOURINGS
        ):
            yield ViewState(*view)


def test_every_view_round_trips_through_its_url():
    views = list(every_view())
    assert len(views) == sum(1 + len(p) for p in PERIODS.values()) * 4 * 3 * 2 * 4 == 960
    for view in views:
        query = to_query(view)
        assert parse(query) == (view, []), view
        # and as the browser has it: the URL string, read back by Streamlit's parsing rules
        path, _, qs = urls.view_url(view, "trends").partition("?")
        assert path == "/trends"
        assert parse(parse_qs(qs)) == (view, []), view
        assert set(query) <= set(urls.PARAMS)


def test_every_notice_has_its_text():
    codes = [f"GM{n:04d}" for n in range(1, 20)]
    _, notices = parse(
        {"indicator": "x", "gemeente": ["GM9999", *codes], "schaal": "mars", "taal": "fr"}
    )
    _, more = parse({"indicator": "werkloosheid", "periode": "1999"})
    reasons = {n.reason for n in [*notices, *more]}
    assert reasons == {
        "unknown_indicator",
        "unknown_period",
        "unknown_gemeente",
        "too_many_gemeenten",
        "unknown_value",
    }
    assert t("notice_unknown_value", "en", value="“mars”", param="schaal") == (
        "Unknown value “mars” for 'schaal'; using the default."
    )
    for lang in LANGUAGES:  # the limit is written out in the text: it must match
        assert f" {MAX_GEMEENTEN} " in t("notice_too_many_gemeenten", lang)


# --- vanaf: the start period of a change map ------------------------------------------------


def parse_comparable(params):
    return parse_query(
        params,
        INDICATORS,
        PERIODS.__getitem__,
        GEMEENTEN,
        comparable=lambda indicator: indicator != "overgewicht",
    )


def test_vanaf_round_trips():
    view = ViewState("werkloosheid", "2024", ("GM0114",), since="2022")
    query = to_query(view)
    assert query == {
        "indicator": "werkloosheid",
        "periode": "2024",
        "vanaf": "2022",
        "gemeente": ["GM0114"],
    }
    assert parse_comparable(query) == (view, [])
    path, _, qs = urls.view_url(view).partition("?")
    assert qs == "indicator=werkloosheid&periode=2024&vanaf=2022&gemeente=GM0114"
    assert parse_comparable(parse_qs(qs)) == (view, [])
    # without periode the change runs to the latest period
    assert parse_comparable({"indicator": "werkloosheid", "vanaf": "2023"}) == (
        ViewState("werkloosheid", since="2023"),
        [],
    )
    assert to_query(ViewState()) == {} and "vanaf" in urls.PARAMS


@pytest.mark.parametrize(
    ("params", "reason"),
    [
        ({"indicator": "werkloosheid", "vanaf": "1999"}, "unknown_since"),
        ({"indicator": "werkloosheid", "vanaf": "<b>x</b>"}, "unknown_since"),
        ({"indicator": "werkloosheid", "vanaf": "2024"}, "since_not_before"),
        ({"indicator": "werkloosheid", "periode": "2022", "vanaf": "2023"}, "since_not_before"),
        ({"indicator": "overgewicht", "vanaf": "2016"}, "since_not_comparable"),
        ({"indicator": "vrijwilligerswerk", "vanaf": "2023"}, "since_not_before"),
    ],
)
def test_a_bad_vanaf_is_dropped_with_a_notice_naming_it(params, reason):
    view, notices = parse_comparable(params)
    assert view.since is None
    assert notices == [Notice("vanaf", params["vanaf"], reason)]
    assert view.indicator == params["indicator"]  # the rest of the view stays


def test_the_vanaf_notices_say_why():
    assert t("notice_since_not_comparable", "nl", value="“2016”") == (
        "Verandering sinds “2016” wordt niet getoond: de perioden van deze indicator zijn niet "
        "vergelijkbaar (bijvoorbeeld enquêterondes met een gewijzigde methode). De kaart van "
        "één periode wordt getoond."
    )
    assert t("notice_unknown_since", "en", value="“1999”") == (
        "Start period “1999” does not exist for this indicator; showing the map of one period."
    )


# --- verandering: how a change map measures the change --------------------------------------


@pytest.mark.parametrize("kind", ["eenheid", "relatief"])
def test_verandering_round_trips(kind):
    view = ViewState("werkloosheid", "2024", since="2022", change_kind=kind)
    query = to_query(view)
    assert query == {
        "indicator": "werkloosheid",
        "periode": "2024",
        "vanaf": "2022",
        "verandering": kind,
    }
    assert parse_comparable(query) == (view, [])
    _, _, qs = urls.view_url(view).partition("?")
    assert qs == f"indicator=werkloosheid&periode=2024&vanaf=2022&verandering={kind}"
    assert parse_comparable(parse_qs(qs)) == (view, [])


def test_without_verandering_the_indicator_keeps_its_own_kind():
    # an old link (before ?verandering= existed) reads as it did: no kind, the default
    view, notices = parse_comparable({"indicator": "werkloosheid", "vanaf": "2022"})
    assert (view.change_kind, notices) == (None, [])
    assert "verandering" not in to_query(view) and "verandering" in urls.PARAMS
    assert parse_comparable({"verandering": "RELATIEF "})[0].change_kind == "relatief"
    assert parse_comparable({"verandering": ""}) == (ViewState(), [])


def test_an_unknown_verandering_is_dropped_with_a_notice():
    view, notices = parse_comparable(
        {"indicator": "werkloosheid", "vanaf": "2022", "verandering": "absoluut"}
    )
    assert view == ViewState("werkloosheid", since="2022")
    assert notices == [Notice("verandering", "absoluut", "unknown_value")]


def test_vanaf_pairs_only_the_periods_that_may_be_paired():
    # overgewicht's rounds: 2020 and 2022 may be paired, 2016 (another age limit) not
    def parse_pairable(params):
        pairable = {"overgewicht": ["2020", "2022"]}
        return parse_query(
            params,
            INDICATORS,
            PERIODS.__getitem__,
            GEMEENTEN,
            pairable=lambda i: pairable.get(i, PERIODS[i]),
        )

    assert parse_pairable({"indicator": "overgewicht", "vanaf": "2020"}) == (
        ViewState("overgewicht", since="2020"),
        [],
    )
    for params in (
        {"indicator": "overgewicht", "vanaf": "2016"},
        {"indicator": "overgewicht", "periode": "2020", "vanaf": "2016"},
    ):
        view, notices = parse_pairable(params)
        assert view.since is None, params
        assert notices == [Notice("vanaf", "2016", "since_not_comparable")], params
    view, notices = parse_pairable({"indicator": "werkloosheid", "vanaf": "2022"})
    assert (view.since, notices) == ("2022", [])
