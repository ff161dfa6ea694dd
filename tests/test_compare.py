"""The Regio's page logic: region sets, the comparison table, the spread of gemeenten and the
summary. Expected values are read here from the raw files (the Sociale Agenda CSV, the CBS
StatLine CSVs and gebieden_2025.csv), not from the store under test."""

from __future__ import annotations

import csv
import math

import pandas as pd
import pytest

from dashboard.config import PROJECT_DATA
from dashboard.render import charts
from dashboard.views.compare import (
    CELL_STATUSES,
    comparison_long,
    comparison_table,
    display_table,
    extremes,
    region_set_choices,
    region_spread,
    region_summary,
)

SA_FILE = PROJECT_DATA / "sociale_agenda_2024" / "observations.csv"
COROP = {"CR07": "Noord-Drenthe", "CR08": "Zuidoost-Drenthe", "CR09": "Zuidwest-Drenthe"}
# Regio Deal Zuid- en Oost-Drenthe: Borger-Odoorn, Coevorden, Hoogeveen, Emmen
RD02 = ("GM1681", "GM0109", "GM0118", "GM0114")


# --- raw files ---------------------------------------------------------------------------------


def sociale_agenda(indicator: str) -> dict[str, tuple[float, str, str]]:
    """region -> (value, period, status) of one indicator in the Sociale Agenda CSV."""
    with SA_FILE.open(encoding="utf-8") as fh:
        return {
            r["region_code"]: (float(r["value"]), r["period"], r["status"])
            for r in csv.DictReader(fh)
            if r["indicator_id"] == indicator
        }


def raw_cbs(settings, table: str, measure: str) -> dict[tuple[str, str], float]:
    """(StatLine region label, period) -> value of one measure, straight from the CSV."""
    path = settings.cbs_dir / f"{table}.csv"
    frame = pd.read_csv(path, sep=";", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    frame = frame[frame[measure].str.strip() != ""]
    return {
        (r.strip(), p.strip()): float(v)
        for r, p, v in zip(frame["RegioS"], frame["Perioden"], frame[measure], strict=True)
    }


@pytest.fixture(scope="module")
def gebieden_raw(settings) -> dict[str, dict[str, str]]:
    with (settings.cbs_dir / "gebieden_2025.csv").open(encoding="utf-8-sig") as fh:
        return {r["gemeente_code"]: r for r in csv.DictReader(fh)}


@pytest.fixture(scope="module")
def werkloosheid(settings):
    return raw_cbs(settings, "86088NED", "Werkloosheidspercentage_13")


@pytest.fixture(scope="module")
def sets(store):
    return region_set_choices(store, "drenthe")


@pytest.fixture(scope="module")
def corop(sets):
    return sets["corop"].regions


@pytest.fixture(scope="module")
def regio_deal(sets):
    return sets["regio_deal"].regions


# --- region sets -------------------------------------------------------------------------------


def test_region_set_choices_for_drenthe(sets):
    assert list(sets) == ["corop", "regio_deal"]  # the default first; no provinces
    assert [(r.code, r.name_nl) for r in sets["corop"].regions] == list(COROP.items())
    assert [r.code for r in sets["regio_deal"].regions] == ["RD01", "RD02", "RD03"]
    assert sets["regio_deal"].regions[1].members == RD02


def test_region_set_choices_for_wider_scopes(store, gebieden_raw):
    nl = region_set_choices(store, "nederland")
    assert list(nl) == ["corop", "regio_deal", "provincie"]
    provinces = {r["provincie_code"] for r in gebieden_raw.values()}
    coroppen = {r["corop_code"] for r in gebieden_raw.values()}
    assert [r.code for r in nl["provincie"].regions] == sorted(provinces)  # 12
    assert len(nl["corop"].regions) == len(coroppen) == 40
    north = region_set_choices(store, "noord-nederland")
    assert [r.code for r in north["provincie"].regions] == ["PV20", "PV22"]
    groningen = {r["corop_code"] for r in gebieden_raw.values() if r["provincie_code"] == "PV20"}
    assert {r.code for r in north["corop"].regions} == groningen | set(COROP)


# --- Tabel 1: official COROP values from the Sociale Agenda -----------------------------------


def test_tabel1_bijstand_is_official_and_direction_aware(store, corop):
    raw = sociale_agenda("tabel1_bijstand")
    assert raw["CR08"] == (37.0, "2023", "")  # Zuidoost-Drenthe: 37 per 1.000 (report line 191)
    table = comparison_table(store, corop, ["tabel1_bijstand"])
    row = table.iloc[0]
    assert row["period"] == "2023"
    for code in COROP:
        assert row[f"value_{code}"] == raw[code][0]
        assert row[f"status_{code}"] == "official"
    assert row["text_CR08"] == "37 per 1.000 inwoners"
    # direction -1: fewer benefits is better, so the lowest region is the best
    assert store.indicator("tabel1_bijstand").direction == -1
    lowest = min(raw, key=lambda c: raw[c][0])
    highest = max(raw, key=lambda c: raw[c][0])
    assert (lowest, highest) == ("CR09", "CR08")  # 26 and 37
    assert row["best"] == (lowest,) and row["worst"] == (highest,)
    assert row["extremes"] == "beste: Zuidwest-Drenthe · slechtste: Zuidoost-Drenthe"
    # no Drenthe or Nederland figure in Tabel 1: missing, never 0
    assert math.isnan(row["value_PV22"]) and math.isnan(row["value_NL01"])
    assert row["status_PV22"] == row["status_NL01"] == "missing"
    assert row["text_NL01"] == "—"


def test_best_and_worst_flip_with_direction(store, corop):
    income = sociale_agenda("tabel1_besteedbaar_inkomen")  # direction +1
    table = comparison_table(
        store, corop, ["tabel1_besteedbaar_inkomen", "tabel1_bijstand"], lang="en"
    )
    inc, bij = table.iloc[0], table.iloc[1]
    assert inc["best"] == (max(income, key=lambda c: income[c][0]),) == ("CR07",)
    assert inc["worst"] == (min(income, key=lambda c: income[c][0]),) == ("CR08",)
    # the same 'highest' is best for income but worst for benefits
    assert inc["highest"] == inc["best"] and bij["highest"] == bij["worst"]
    assert inc["extremes"] == "best: Noord-Drenthe · worst: Zuidoost-Drenthe"
    assert inc["text_CR07"] == "€51,200"


def test_neutral_indicator_says_highest_and_lowest(store, corop):
    raw = sociale_agenda("tabel1_lage_inkomensgrens_aantal")
    row = comparison_table(store, corop, ["tabel1_lage_inkomensgrens_aantal"]).iloc[0]
    assert row["direction"] == 0
    assert row["best"] == () and row["worst"] == ()
    assert row["highest"] == (max(raw, key=lambda c: raw[c][0]),)
    assert row["lowest"] == (min(raw, key=lambda c: raw[c][0]),)
    assert row["extremes"] == "hoogste: Noord-Drenthe · laagste: Zuidwest-Drenthe"


def test_ties_are_named_together(store, corop):
    # Tabel 1 prints 5.690 households for both Noord- and Zuidoost-Drenthe
    raw = sociale_agenda("tabel1_problematische_schulden_aantal")
    assert raw["CR07"][0] == raw["CR08"][0] == 5690
    row = comparison_table(store, corop, ["tabel1_problematische_schulden_aantal"]).iloc[0]
    assert row["highest"] == ("CR07", "CR08")
    assert row["extremes"].startswith("hoogste: Noord-Drenthe en Zuidoost-Drenthe")


def test_extremes_compare_values_as_shown():
    assert extremes({"A": 3.04, "B": 2.96}, 1) == ((), ())  # both shown as 3,0
    assert extremes({"A": 3.06, "B": 2.96, "C": math.nan}, 1) == (("A",), ("B",))
    assert extremes({"A": 1.0}, 1) == ((), ())


def test_unstated_year_is_said(store, corop):
    raw = sociale_agenda("tabel1_startkwalificatie")
    assert {v[2] for v in raw.values()} == {"period_unstated"}
    table = comparison_table(store, corop, ["tabel1_startkwalificatie", "tabel1_bijstand"])
    assert table["period_unstated"].tolist() == [True, False]
    assert table.iloc[0]["status_CR07"] == "period_unstated"
    shown = display_table(table)
    assert shown["Periode"].tolist() == ["2024 (jaar niet vermeld in de bron)", "2023"]


# --- CBS rows and computed Regio Deal values -------------------------------------------------


def test_cbs_corop_rows_are_official(store, corop, werkloosheid):
    latest = max(p for (r, p) in werkloosheid if r == "Zuidoost-Drenthe (CR)")
    row = comparison_table(store, corop, ["werkloosheid"]).iloc[0]
    assert row["period"] == latest == "2024"
    labels = {"CR07": "Noord-Drenthe (CR)", "CR08": "Zuidoost-Drenthe (CR)"}
    labels |= {"CR09": "Zuidwest-Drenthe (CR)", "PV22": "Drenthe (PV)", "NL01": "Nederland"}
    for code, label in labels.items():
        assert row[f"value_{code}"] == werkloosheid[(label, latest)]
        assert row[f"status_{code}"] == "official"


def test_regio_deal_value_is_population_weighted(store, regio_deal, werkloosheid, gebieden_raw):
    row = comparison_table(store, regio_deal, ["werkloosheid"]).iloc[0]
    # by hand: Σ inwoners_2025 x unemployment 2024 / Σ inwoners_2025 over the four members
    weights = {c: int(gebieden_raw[c]["inwoners"]) for c in RD02}
    values = {c: werkloosheid[(gebieden_raw[c]["statline_label"], "2024")] for c in RD02}
    assert weights == {"GM1681": 26052, "GM0109": 35868, "GM0118": 56917, "GM0114": 109698}
    assert values == {"GM1681": 3.1, "GM0109": 3.4, "GM0118": 3.6, "GM0114": 3.7}
    expected = sum(weights[c] * values[c] for c in RD02) / sum(weights.values())
    assert row["value_RD02"] == pytest.approx(expected, abs=1e-12)  # 3.5596…
    assert row["status_RD02"] == "computed"
    assert row["text_RD02"] == "3,6%"
    shown = display_table(table := comparison_table(store, regio_deal, ["werkloosheid"]))
    assert shown["Regio Deal Zuid- en Oost-Drenthe"].iloc[0] == "3,6%*"
    assert shown["Drenthe"].iloc[0] == "3,4%"  # official, unmarked
    assert list(table.attrs["areas"]) == ["RD01", "RD02", "RD03", "PV22", "NL01"]


def test_aggregation_none_leaves_regio_deals_missing(store, regio_deal):
    # Tabel 1 is published for COROP regions only and its aggregation is 'none'
    long = comparison_long(store, regio_deal, ["tabel1_bijstand"])
    regions = long[long["kind"] == "region"]
    assert regions["value"].isna().all()
    assert set(regions["status"]) == {"missing"}
    assert set(regions["text"]) == {"—"}
    assert region_summary(store, "tabel1_bijstand", regio_deal).endswith(
        "in 2023: geen regiowaarden."
    )


def test_missing_member_leaves_region_missing(store, gebieden_raw):
    # The COROP region Utrecht (CR17) has no CBS row in the Gezondheidsmonitor, so it is
    # computed, and only when all its 2025 gemeenten have a value: Vijfheerenlanden (GM1961)
    # only exists since 2019 (no 2016 value), and 2020 has no figure for Amersfoort (GM0307).
    assert gebieden_raw["GM0307"]["corop_code"] == gebieden_raw["GM1961"]["corop_code"] == "CR17"
    assert store.value("wekelijks_sporten", "GM1961", "2016") is None
    assert store.value("wekelijks_sporten", "GM0307", "2020") is None
    nl = region_set_choices(store, "nederland")["corop"].regions
    utrecht = [r for r in nl if r.code == "CR17"]
    cells = {
        p: comparison_long(store, utrecht, ["wekelijks_sporten"], period=p).iloc[0]
        for p in ("2016", "2020", "2022")
    }
    for p in ("2016", "2020"):
        assert math.isnan(cells[p]["value"]) and cells[p]["status"] == "missing"
        assert cells[p]["text"] == "—"
    assert cells["2022"]["status"] == "computed" and cells["2022"]["value"] > 0


def test_explicit_period_is_kept_even_without_values(store, corop):
    long = comparison_long(store, corop, ["tabel1_bijstand"], period="2022")
    assert set(long["period"]) == {"2022"}
    assert long["value"].isna().all() and set(long["status"]) == {"missing"}


def test_period_is_latest_with_region_values(store, corop):
    table = comparison_table(store, corop, ["ervaren_gezondheid_goed", "vrijwilligerswerk"])
    # Gezondheidsmonitor rounds 2016/2020/2022; COROP values computed from the gemeenten
    assert table.iloc[0]["period"] == "2022"
    assert {table.iloc[0][f"status_{c}"] for c in COROP} == {"computed"}
    # volunteering: only 2023, aggregation none -> no region values, but Drenthe and NL
    vol = table.iloc[1]
    assert vol["period"] == "2023"
    assert [vol[f"status_{c}"] for c in COROP] == ["missing"] * 3
    assert (vol["value_PV22"], vol["value_NL01"]) == (52.6, 48.7)  # Afbeelding 2
    assert vol["extremes"] == ""
    assert set(comparison_long(store, corop, ["vrijwilligerswerk"])["status"]) <= set(CELL_STATUSES)


def test_weighting_footnote_follows_the_catalogue(store, corop):
    ids = ["werkloosheid", "inkomen_besteedbaar_gemiddeld", "koopwoningen_aandeel"]
    ids.append("tabel1_bijstand")
    aggregations = [store.indicator(i).aggregation for i in ids]
    assert aggregations == ["mean_population", "mean_households", "ratio", "none"]
    notes = comparison_table(store, corop, ids).set_index("indicator_id")["weighting"]
    assert "gewogen naar het aantal inwoners op 1 januari 2025" in notes["werkloosheid"]
    assert "particuliere huishoudens in 2023" in notes["inkomen_besteedbaar_gemiddeld"]
    assert "tellers" in notes["koopwoningen_aandeel"]
    assert "worden niet berekend" in notes["tabel1_bijstand"]
    assert "(*)" not in notes["tabel1_bijstand"]


# --- spread and summary ------------------------------------------------------------------------


def test_region_spread_zuidoost_drenthe(store, corop, werkloosheid):
    spread = region_spread(store, "werkloosheid", corop, "2024")
    zo = spread[spread["region_code"] == "CR08"]
    assert zo["code"].tolist() == ["CR08", "GM0109", "GM0114", "GM1681"]
    assert zo["kind"].tolist() == ["region", "gemeente", "gemeente", "gemeente"]
    by_name = dict(zip(zo["name"], zo["value"], strict=True))
    for name in ("Emmen", "Coevorden", "Borger-Odoorn"):
        assert by_name[name] == werkloosheid[(name, "2024")]
    assert by_name["Zuidoost-Drenthe"] == werkloosheid[("Zuidoost-Drenthe (CR)", "2024")]
    assert by_name["Emmen"] > by_name["Coevorden"]  # 3,7% against 3,4%
    assert len(spread) == 3 + 12  # three regions, twelve gemeenten


def test_region_spread_keeps_missing_and_overlap(store, corop, regio_deal):
    spread = region_spread(store, "vrijwilligerswerk", corop)
    westerveld = spread[spread["code"] == "GM1701"].iloc[0]
    assert math.isnan(westerveld["value"]) and westerveld["status"] == "missing"
    assert westerveld["value_text"] == "—"
    assert spread["period"].unique().tolist() == ["2023"]
    deals = region_spread(store, "werkloosheid", regio_deal, "2024")
    hoogeveen = deals[deals["code"] == "GM0118"]
    assert hoogeveen["region_code"].tolist() == ["RD02", "RD03"]


def test_region_summary_tabel1(store, corop):
    assert region_summary(store, "tabel1_bijstand", corop) == (
        "Bijstandsuitkeringen per 1.000 inwoners (regio's, Tabel 1) in 2023: het best in "
        "Zuidwest-Drenthe (26 per 1.000 inwoners), het slechtst in Zuidoost-Drenthe "
        "(37 per 1.000 inwoners)."
    )


def test_region_summary_with_drenthe_and_nederland(store, corop, werkloosheid):
    drenthe, nederland = werkloosheid[("Drenthe (PV)", "2024")], werkloosheid[("Nederland", "2024")]
    assert (drenthe, nederland) == (3.4, 3.7)  # lower unemployment than NL: better
    assert region_summary(store, "werkloosheid", corop, "en") == (
        "Unemployment in 2024: best in Noord-Drenthe (3.2%), worst in Zuidoost-Drenthe (3.6%); "
        "Drenthe is lower (better) than the Netherlands (3.4% versus 3.7%)."
    )
    assert werkloosheid[("Noord-Drenthe (CR)", "2024")] == 3.2


def test_region_summary_names_missing_regions(store, gebieden_raw):
    # Eemsdelta (GM1979) was formed in 2021: the Gezondheidsmonitor 2020 has no value for it,
    # so its COROP region (Delfzijl en omgeving) has no computed value in 2020.
    assert store.value("wekelijks_sporten", "GM1979", "2020") is None
    north = region_set_choices(store, "noord-nederland")["corop"].regions
    sentence = region_summary(store, "wekelijks_sporten", north, period="2020")
    assert sentence.startswith("Wekelijks sporten in 2020: het best in ")
    assert sentence.endswith(f"Van {gebieden_raw['GM1979']['corop_naam']} zijn geen gegevens.")


# --- chart ---------------------------------------------------------------------------------------


def test_region_strip_spec(store, corop):
    spread = region_spread(store, "vrijwilligerswerk", corop)
    spec = charts.region_strip(spread, "%", 52.6, 48.7, "nl").to_dict()
    marks = spec["layer"][0]["layer"]
    regions = spread[spread["kind"] == "region"]
    assert regions["value"].isna().all()  # volunteering has no COROP values (Westerveld)
    # so no tick layer: an empty one would be an unnamed graphic (axe: svg-img-alt)
    assert [m["mark"]["type"] for m in marks] == ["circle"]
    rule = spec["layer"][1]
    assert rule["mark"]["strokeDash"] == [6, 3]
    datasets = spec["datasets"]
    # Altair moves the data of a layer's only child up to the layer
    dots = datasets[marks[0].get("data", spec["layer"][0].get("data"))["name"]]
    assert len(dots) == 11  # Westerveld has no value and is left out, not drawn at 0
    assert {d["name"] for d in datasets[rule["data"]["name"]]} == {"Drenthe", "Nederland"}
