"""Queries on the real store: region values (official, weighted, ratio) and coverage."""

from __future__ import annotations

import pytest

from dashboard.model.regions import load_region_sets, official_set
from dashboard.model.store import coverage, level, region_values


def regions_of(store, set_id, codes):
    sets = load_region_sets(store.gebieden) if set_id == "regio_deal" else None
    region_set = sets[set_id] if sets else official_set(store.gebieden, set_id)
    return [r for r in region_set.regions if r.code in codes]


def test_official_corop_value_is_used_unchanged(store):
    result = region_values(
        store, "inkomen_besteedbaar_gemiddeld", regions_of(store, "corop", ["CR07"])
    )
    row = result[result["period"] == "2022"].iloc[0]
    assert (row.value, row.status) == (51.1, "")


def test_population_weighted_corop_value(store):
    # Gezondheidsmonitor 2022 has no COROP rows: Noord-Drenthe is computed from its five
    # gemeenten, weighted by inwoners 2025 (gebieden_2025.csv), values from 85563NED.
    result = region_values(store, "rokers", regions_of(store, "corop", ["CR07"]))
    row = result[result["period"] == "2022"].iloc[0]
    weights = {"GM0106": 70395, "GM1680": 25936, "GM1699": 31772, "GM1730": 35013, "GM1731": 34021}
    values = {"GM0106": 16.4, "GM1680": 12.0, "GM1699": 12.3, "GM1730": 12.1, "GM1731": 17.9}
    expected = sum(weights[c] * values[c] for c in weights) / sum(weights.values())
    assert row.value == pytest.approx(expected, abs=1e-9)
    assert row.status == "computed"


def test_ratio_region_value_is_sum_over_sum(store):
    # 82900NED 2024: Aa en Hunze 8656/11500, Noordenveld 10711/15047, Tynaarlo 11416/14837
    result = region_values(store, "koopwoningen_aandeel", regions_of(store, "regio_deal", ["RD01"]))
    row = result[result["period"] == "2024"].iloc[0]
    assert row.value == pytest.approx((8656 + 10711 + 11416) / (11500 + 15047 + 14837) * 100)
    assert row.status == "computed"


def test_no_region_value_for_medians(store):
    result = region_values(
        store, "inkomen_gestandaardiseerd_mediaan", regions_of(store, "regio_deal", ["RD01"])
    )
    assert result.empty


def test_region_value_needs_every_member(store):
    # Westerveld has no volunteering figure: Zuidwest-Drenthe cannot be computed
    assert store.value("vrijwilligerswerk", "GM1701", "2023") is None
    result = region_values(store, "vrijwilligerswerk", regions_of(store, "corop", ["CR09"]))
    assert result.empty


def test_household_weights_come_from_the_latest_year(store):
    assert store.household_weights.attrs["period"] == "2023"
    assert store.household_weights["GM0106"] == 32.2


def test_levels():
    assert level({"GM0106", "PV22"}) == "gemeente"
    assert level({"CR07", "CR08"}) == "corop"
    assert level({"PV22", "NL01"}) == "provincie"
    assert level({"NL01"}) == "nederland"


def test_coverage_counts(store):
    cov = coverage(store).set_index("indicator_id")
    assert cov.loc["vrijwilligerswerk", "latest_with_value"] == "11/12"
    assert cov.loc["tabel1_bijstand", "level"] == "corop"
    assert cov.loc["tabel1_bijstand", "latest_with_value"] == "3/3"
    assert cov.loc["inkomen_gestandaardiseerd_mediaan", "latest_with_value"] == "339/342"


def test_region_sets_are_read_once_per_file(store, tmp_path):
    sets = store.region_sets()
    assert store.region_sets() is sets  # the same object: read once
    assert sets == load_region_sets(store.gebieden)
    assert [r.code for r in sets["regio_deal"].regions] == ["RD01", "RD02", "RD03"]
    custom = tmp_path / "region_sets.toml"
    custom.write_text(
        '[[region_set]]\nid = "proef"\nlabel_nl = "Proef"\nlabel_en = "Trial"\n'
        '[[region_set.region]]\ncode = "PR01"\nname_nl = "Proef"\nname_en = "Trial"\n'
        'members = ["GM0106", "GM0109"]\n'
    )
    other = store.region_sets(custom)
    assert list(other) == ["corop", "provincie", "proef"]
    assert other["proef"].regions[0].members == ("GM0106", "GM0109")
    assert store.region_sets() is sets


def test_periods_are_the_callers_own_list(store):
    periods = store.periods("rokers")
    assert periods == ["2020", "2022"]
    periods.append("2030")  # a caller changing its list does not change the store's
    assert store.periods("rokers") == ["2020", "2022"]
    assert store.periods("geen_indicator") == []


def test_memo_builds_once_and_keeps_at_most_its_limit(store, monkeypatch):
    from dashboard.model import store as store_module

    built: list[str] = []

    def build(name: str):
        return lambda: built.append(name) or [name]

    first = store.memo(("test-memo", "a"), build("a"))
    assert store.memo(("test-memo", "a"), build("a")) is first and built == ["a"]
    monkeypatch.setattr(store_module, "MEMO_ENTRIES", 0)  # full: built, not kept
    assert store.memo(("test-memo", "b"), build("b")) == ["b"]
    assert store.memo(("test-memo", "b"), build("b")) == ["b"] and built == ["a", "b", "b"]
    assert store.memo(("test-memo", "a"), build("a")) is first  # what was kept stays


def test_region_values_are_a_fresh_copy_each_time(store):
    from dashboard.model.regions import official_set
    from dashboard.model.store import region_values

    drenthe = [r for r in official_set(store.gebieden, "provincie").regions if r.code == "PV22"]
    one = region_values(store, "werkloosheid", drenthe)
    one["value"] = -1.0
    two = region_values(store, "werkloosheid", drenthe)
    assert len(two) > 0 and (two["value"] > 0).all()
