"""Boundaries: loading, checks, dissolving and browser GeoJSON, against the shared CBS files."""

from __future__ import annotations

import json
import re
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from dashboard.config import load_settings
from dashboard.model import geo
from dashboard.model.errors import DataError
from dashboard.model.gebieden import load_gebieden

DRENTHE_GM = [
    "GM0106",  # Assen
    "GM0109",  # Coevorden
    "GM0114",  # Emmen
    "GM0118",  # Hoogeveen
    "GM0119",  # Meppel
    "GM1680",  # Aa en Hunze
    "GM1681",  # Borger-Odoorn
    "GM1690",  # De Wolden
    "GM1699",  # Noordenveld
    "GM1701",  # Westerveld
    "GM1730",  # Tynaarlo
    "GM1731",  # Midden-Drenthe
]
GRONINGEN_GM = [
    "GM0014",  # Groningen
    "GM0037",  # Stadskanaal
    "GM0047",  # Veendam
    "GM0765",  # Pekela
    "GM1895",  # Oldambt
    "GM1950",  # Westerwolde
    "GM1952",  # Midden-Groningen
    "GM1966",  # Het Hogeland
    "GM1969",  # Westerkwartier
    "GM1979",  # Eemsdelta
]


@pytest.fixture(scope="module")
def settings():
    return load_settings()


@pytest.fixture(scope="module")
def gebieden(settings) -> pd.DataFrame:
    return load_gebieden(settings.cbs_dir)


@pytest.fixture(scope="module")
def drenthe(settings, gebieden) -> gpd.GeoDataFrame:
    return geo.load_gemeenten(settings.geo_dir, "drenthe", gebieden)


def _corop_membership(gebieden: pd.DataFrame, codes: list[str]) -> dict[str, str]:
    rows = gebieden[gebieden["gemeente_code"].isin(codes)]
    return dict(zip(rows["gemeente_code"], rows["corop_code"], strict=True))


def _km2(gdf: gpd.GeoDataFrame) -> dict[str, float]:
    areas = gdf.to_crs(28992).area / 1e6
    return dict(zip(gdf["region_code"], areas, strict=True))


# --- loading -----------------------------------------------------------------------------


def test_drenthe_scope_has_the_12_gemeenten(drenthe):
    assert list(drenthe["region_code"]) == DRENTHE_GM
    assert list(drenthe.columns) == ["region_code", "name", "geometry"]
    assert drenthe.crs.to_epsg() == 4326
    names = dict(zip(drenthe["region_code"], drenthe["name"], strict=True))
    assert names["GM0106"] == "Assen"
    assert names["GM1731"] == "Midden-Drenthe"
    assert drenthe.geometry.is_valid.all()


def test_noord_nederland_and_nederland_scopes(settings, gebieden):
    noord = geo.load_gemeenten(settings.geo_dir, "noord-nederland", gebieden)
    assert len(noord) == 22
    groningen = sorted(set(noord["region_code"]) - set(DRENTHE_GM))
    assert groningen == GRONINGEN_GM
    assert len(geo.load_gemeenten(settings.geo_dir, "nederland", gebieden)) == 342


def test_unknown_scope_lists_valid_scopes(settings, gebieden):
    with pytest.raises(DataError, match="drenthe, noord-nederland, nederland"):
        geo.load_gemeenten(settings.geo_dir, "friesland", gebieden)


def test_outlines(settings):
    corop = geo.load_outlines(settings.geo_dir, "corop", ["CR09", "CR07", "CR08"])
    assert list(corop["region_code"]) == ["CR07", "CR08", "CR09"]
    assert list(corop["name"]) == ["Noord-Drenthe", "Zuidoost-Drenthe", "Zuidwest-Drenthe"]
    assert len(geo.load_outlines(settings.geo_dir, "corop", None)) == 40
    provinces = geo.load_outlines(settings.geo_dir, "provincie", None)
    assert len(provinces) == 12
    assert _km2(provinces)["PV22"] == pytest.approx(2680.4, abs=0.5)


def test_outlines_unknown_code_and_kind(settings):
    with pytest.raises(DataError, match="no boundary for CR99"):
        geo.load_outlines(settings.geo_dir, "corop", ["CR07", "CR99"])
    with pytest.raises(DataError, match="valid kinds: corop, provincie"):
        geo.load_outlines(settings.geo_dir, "gemeente", None)


# --- dissolve ------------------------------------------------------------------------------


def test_dissolve_drenthe_corop_matches_readme_areas(settings, gebieden, drenthe):
    names = dict(zip(gebieden["corop_code"], gebieden["corop_naam"], strict=False))
    regions = geo.dissolve(drenthe, _corop_membership(gebieden, DRENTHE_GM), names)
    assert list(regions["region_code"]) == ["CR07", "CR08", "CR09"]
    assert list(regions["name"]) == ["Noord-Drenthe", "Zuidoost-Drenthe", "Zuidwest-Drenthe"]
    assert regions.geometry.is_valid.all()
    assert set(regions.geom_type) == {"Polygon"}
    areas = _km2(regions)
    # geo/README.md: Noord-Drenthe 1,061.3, Zuidoost-Drenthe 923.7, Zuidwest-Drenthe 695.4 km².
    assert areas["CR07"] == pytest.approx(1061.3, abs=0.5)
    assert areas["CR08"] == pytest.approx(923.7, abs=0.5)
    assert areas["CR09"] == pytest.approx(695.4, abs=0.5)
    assert sum(areas.values()) == pytest.approx(2680.4, abs=0.5)
    # The shared corop_2025.geojson was built the same way: the outlines coincide.
    outlines = geo.load_outlines(settings.geo_dir, "corop", ["CR07", "CR08", "CR09"])
    for ours, theirs in zip(regions.geometry, outlines.geometry, strict=True):
        assert ours.symmetric_difference(theirs).area < 1e-9


def test_dissolve_overlapping_regions(drenthe):
    membership = {"RD02": ["GM1681", "GM0109", "GM0118", "GM0114"], "RD03": ["GM0118", "GM0119"]}
    regions = geo.dissolve(drenthe, membership, {"RD02": "Zuid- en Oost-Drenthe"})
    assert list(regions["name"]) == ["Zuid- en Oost-Drenthe", "RD03"]
    overlap = regions.geometry.iloc[0].intersection(regions.geometry.iloc[1])
    hoogeveen = drenthe.set_index("region_code").geometry["GM0118"]
    assert overlap.area == pytest.approx(hoogeveen.area, rel=1e-9)


def test_dissolve_member_without_boundary(drenthe):
    with pytest.raises(DataError, match=r"Region CR03 \(Overig Groningen\).*GM0014"):
        geo.dissolve(drenthe, {"GM0014": "CR03", "GM0106": "CR07"}, {"CR03": "Overig Groningen"})


# --- browser GeoJSON -------------------------------------------------------------------------


def test_drenthe_browser_geojson_is_small_and_valid(drenthe):
    simple = geo.simplify_for_browser(drenthe)
    assert shapely.coverage_is_valid(simple.geometry.values)  # shared borders stay shared
    text = geo.to_geojson(simple)
    assert len(text.encode()) < 150_000  # 27,788 bytes with the defaults (0.0005°, 4 decimals)
    parsed = gpd.GeoDataFrame.from_features(json.loads(text)["features"], crs=4326)
    assert sorted(parsed["region_code"]) == DRENTHE_GM
    assert set(parsed.geom_type) <= {"Polygon", "MultiPolygon"}
    assert parsed.geometry.is_valid.all()
    assert not parsed.geometry.is_empty.any()
    # Simplification changes the area of Drenthe by well under 1 %.
    assert parsed.to_crs(28992).area.sum() / 1e6 == pytest.approx(2680.4, rel=0.01)


@pytest.fixture(scope="module")
def national(settings, gebieden) -> dict[str, gpd.GeoDataFrame]:
    gemeenten = geo.load_gemeenten(settings.geo_dir, "nederland", gebieden)
    return {"source": gemeenten, **geo.national_coverage(gemeenten, gebieden)}


def _holes(geoms) -> int:
    return sum(len(p.interiors) for p in shapely.get_parts(shapely.union_all(geoms)))


def test_national_coverage_keeps_the_topology(national, gebieden):
    source, coarse = national["source"], national["gemeente"]
    geoms = coarse.geometry.values
    assert list(coarse["region_code"]) == list(source["region_code"])  # 342, same order
    assert len(coarse) == 342
    assert shapely.is_valid(geoms).all() and not shapely.is_empty(geoms).any()
    assert shapely.coverage_is_valid(geoms)  # no overlaps, neighbours share their edges
    # no gaps: the union has the holes of the fine map (the Belgian enclaves in
    # Baarle-Nassau, inland water outside every gemeente), no more, no fewer
    fine = geo.simplify_for_browser(source).geometry.values
    assert _holes(geoms) == _holes(fine) == 34
    # the national area within 0.1 %, and coarser: fewer than half the vertices
    assert coarse.to_crs(28992).area.sum() == pytest.approx(
        source.to_crs(28992).area.sum(), rel=0.001
    )
    assert shapely.get_num_coordinates(geoms).sum() < 0.5 * shapely.get_num_coordinates(fine).sum()
    coords = shapely.get_coordinates(geoms)
    assert (coords.round(4) == coords).all()


def test_national_coverage_regions_are_dissolved_from_it(national, gebieden):
    coarse = national["gemeente"]
    provinces, corop = national["provincie"], national["corop"]
    assert len(provinces) == 12 and len(corop) == 40
    assert sorted(provinces["region_code"]) == sorted(gebieden["provincie_code"].unique())
    drenthe = provinces.set_index("region_code").loc["PV22"]
    assert drenthe["name"] == "Drenthe"
    members = coarse[coarse["region_code"].isin(DRENTHE_GM)].geometry.values
    # exactly the union of its (coarse) gemeenten: the province lines lie on their edges
    assert shapely.equals(drenthe.geometry, shapely.union_all(members))
    assert shapely.coverage_is_valid(provinces.geometry.values)


def test_to_geojson_is_compact_and_rounded(drenthe):
    text = geo.to_geojson(drenthe, decimals=3)
    assert '": ' not in text and ", [" not in text
    assert '"id"' not in text
    numbers = re.findall(r"-?\d+\.\d+", text)
    assert numbers and max(len(n.split(".")[1]) for n in numbers) <= 3


def test_check_codes():
    problems = geo.check_codes(
        ["GM0106", "GM0109"],
        ["GM0106", "GM0014", "GM0003", "PV22", "NL01"],
        current_codes=["GM0106", "GM0109", "GM0014"],
    )
    # GM0003 (Appingedam, merged into Eemsdelta in 2021) is historical and ignored.
    assert problems == [
        "GM0109: gemeente on the map has no observations.",
        "GM0014: observations for this gemeente, but no boundary.",
    ]
    assert geo.check_codes(["GM0106"], ["GM0106", "GM0014"]) == []


# --- malformed files ---------------------------------------------------------------------------


def _drenthe_json(settings) -> dict:
    with (settings.geo_dir / "drenthe_gemeenten_2025.geojson").open(encoding="utf-8") as fh:
        return json.load(fh)


def _write(folder: Path, data: dict | str) -> Path:
    text = data if isinstance(data, str) else json.dumps(data)
    (folder / geo.GEMEENTEN_FILE).write_text(text, encoding="utf-8")
    return folder


def test_missing_file_names_file_folder_and_setting(tmp_path, gebieden):
    with pytest.raises(DataError) as exc:
        geo.load_gemeenten(tmp_path, "drenthe", gebieden)
    message = str(exc.value)
    assert "netherlands_gemeenten_2025.geojson" in message
    assert str(tmp_path) in message
    assert "DASHBOARD_GEO_DIR" in message and "geo_dir" in message


def test_subset_file_is_enough_for_its_scope(tmp_path, settings, gebieden):
    folder = _write(tmp_path, _drenthe_json(settings))
    assert list(geo.load_gemeenten(folder, "drenthe", gebieden)["region_code"]) == DRENTHE_GM
    with pytest.raises(DataError, match="scope 'noord-nederland': GM0014 Groningen"):
        geo.load_gemeenten(folder, "noord-nederland", gebieden)


def test_missing_gemeente(tmp_path, settings, gebieden):
    data = _drenthe_json(settings)
    data["features"] = [f for f in data["features"] if f["properties"]["statcode"] != "GM0106"]
    with pytest.raises(DataError, match="no boundary for gemeente.*GM0106 Assen"):
        geo.load_gemeenten(_write(tmp_path, data), "drenthe", gebieden)


def test_invalid_json(tmp_path, gebieden):
    folder = _write(tmp_path, '{"type": "FeatureCollection", "features": [')
    with pytest.raises(
        DataError,
        match=r"geojson: line 1, column 44: not valid JSON: Expecting value \(the file ends "
        r"early: is it cut off\?\)\.$",
    ):
        geo.load_gemeenten(folder, "drenthe", gebieden)


def test_wrong_crs(tmp_path, settings, gebieden):
    data = _drenthe_json(settings)
    data["crs"] = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}}
    with pytest.raises(DataError, match="must be in EPSG:4326.*EPSG:28992"):
        geo.load_gemeenten(_write(tmp_path, data), "drenthe", gebieden)


def test_no_statcode(tmp_path, settings, gebieden):
    data = _drenthe_json(settings)
    for feature in data["features"]:
        feature["properties"]["code"] = feature["properties"].pop("statcode")
    with pytest.raises(DataError, match="no property 'statcode'"):
        geo.load_gemeenten(_write(tmp_path, data), "drenthe", gebieden)


def test_duplicate_and_unknown_codes(tmp_path, settings, gebieden):
    data = _drenthe_json(settings)
    data["features"][1]["properties"]["statcode"] = data["features"][0]["properties"]["statcode"]
    with pytest.raises(DataError, match="occurs more than once"):
        geo.load_gemeenten(_write(tmp_path, data), "drenthe", gebieden)
    data = _drenthe_json(settings)
    extra = json.loads(json.dumps(data["features"][0]))
    extra["properties"]["statcode"] = "GM9999"
    data["features"].append(extra)
    with pytest.raises(DataError, match="GM9999 is not a gemeente of 2025"):
        geo.load_gemeenten(_write(tmp_path, data), "drenthe", gebieden)


def test_invalid_geometry(tmp_path, settings, gebieden):
    data = _drenthe_json(settings)
    bowtie = [[[6.5, 52.8], [6.6, 52.9], [6.6, 52.8], [6.5, 52.9], [6.5, 52.8]]]
    data["features"][0]["geometry"] = {"type": "Polygon", "coordinates": bowtie}
    code = data["features"][0]["properties"]["statcode"]
    with pytest.raises(DataError, match=f"invalid geometry in feature.*{code}: Self-intersection"):
        geo.load_gemeenten(_write(tmp_path, data), "drenthe", gebieden)
