"""The indicator catalogue: the real one is complete; a broken entry gets a precise message."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dashboard.config import PROJECT_DATA
from dashboard.model.catalog import load_catalog
from dashboard.model.errors import DataError
from dashboard.text.sentences import citation


def test_real_catalogue_size_and_themes():
    catalog = load_catalog()
    assert len(catalog) >= 30
    assert len(catalog.by_theme()) >= 8
    assert len({i.perspective for i in catalog}) >= 2


def test_health_indicator_spans_three_surveys():
    ind = load_catalog().get("overgewicht")
    assert [(s.table, s.measure, s.period) for s in ind.sources] == [
        ("83674NED", "Overgewicht_10", None),
        ("85012NED", "Overgewicht_9", "2020"),
        ("85563NED", "Overgewicht_7", "2022"),
    ]
    assert ind.comparable is False
    assert ind.direction == -1


def test_citations():
    catalog = load_catalog()
    assert citation(catalog.get("inkomen_gestandaardiseerd_mediaan")) == "CBS, tabel 86004NED"
    assert citation(catalog.get("zonnepanelen_vermogen_per_woning"), "en") == (
        "CBS, table 85005NED and 82900NED"
    )
    assert citation(catalog.get("zonnepanelen_vermogen_per_woning")) == (
        "CBS, tabel 85005NED en 82900NED"
    )
    # the report's own references are Dutch: lower case inside a Dutch citation
    assert citation(catalog.get("tabel1_bijstand")) == (
        "Sociale Agenda Drenthe, jaarverslag 2024, tabel 1"
    )
    assert citation(catalog.get("tabel1_bijstand"), "en") == (
        "Sociale Agenda Drenthe, jaarverslag 2024, Tabel 1"
    )


def test_neutral_direction_for_woz():
    assert load_catalog().get("woz_waarde").direction == 0


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(PROJECT_DATA, target)
    return target


def edit(data_dir: Path, old: str, new: str, count: int = 1) -> None:
    path = data_dir / "catalog" / "cbs.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, count), encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            'theme = "materiele_welvaart"',
            'theme = "geluk"',
            r"cbs.toml, line 4 \(entry 1\), indicator 'inkomen_gestandaardiseerd_mediaan': "
            r"theme 'geluk' is "
            r"not one of",
        ),
        ("direction = 1", "direction = 2", r"direction must be -1, 0 or 1, got 2"),
        ("decimals = 1", 'decimals = "1"', r"field 'decimals' must be a int, got '1'"),
        ('unit = "eur_1000"', 'unit = "gulden"', r"unit 'gulden' is not one of"),
        (
            'label_nl = "Mediaan gestandaardiseerd inkomen"\n',
            "",
            r"line 4 \(entry 1\), indicator 'inkomen_gestandaardiseerd_mediaan': missing field "
            r"'label_nl'",
        ),
        ('kind = "cbs"', 'kind = "excel"', r"source kind 'excel' is not one of cbs, tidy"),
        ('measure = "MediaanGestandaardiseerdInkomen_4"\n', "", r"a cbs source needs 'measure'"),
        (
            'id = "inkomen_besteedbaar_gemiddeld"',
            'id = "inkomen_gestandaardiseerd_mediaan"',
            r"indicator id 'inkomen_gestandaardiseerd_mediaan' is defined twice",
        ),
        (
            'id = "inkomen_gestandaardiseerd_mediaan"',
            'id = "Inkomen Mediaan"',
            r"id must be lower_snake_case",
        ),
        ("[[indicator]]", "[[indicator]\n", r"cbs.toml: not valid TOML"),
    ],
)
def test_broken_entries(data_dir, old, new, message):
    edit(data_dir, old, new)
    with pytest.raises(DataError, match=message):
        load_catalog(data_dir)


def test_unknown_field(data_dir):
    edit(data_dir, "direction = 1", 'direction = 1\ncolour = "red"')
    with pytest.raises(DataError, match=r"unknown field\(s\) colour"):
        load_catalog(data_dir)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "comparable = true\n",
            'comparable = true\nchange_periods = ["2020", "2022"]\n',
            r"indicator 'inkomen_gestandaardiseerd_mediaan': change_periods is only for "
            r"indicators whose periods are not comparable",
        ),
        (
            'change_periods = ["2020", "2022"]',
            'change_periods = ["2020"]',
            r"indicator 'wekelijks_sporten': change_periods needs at least two different",
        ),
        (
            'change_periods = ["2020", "2022"]',
            'change_periods = ["2020", "2020"]',
            r"change_periods needs at least two different periods",
        ),
        (
            'change_periods = ["2020", "2022"]',
            'change_periods = ["2020", 2022]',
            r"change_periods must be a list of periods \(text\)",
        ),
        (
            'change_periods = ["2020", "2022"]',
            'change_periods = "2020"',
            r"field 'change_periods' must be a list, got '2020'",
        ),
    ],
)
def test_broken_change_periods(data_dir, old, new, message):
    edit(data_dir, old, new)
    with pytest.raises(DataError, match=message):
        load_catalog(data_dir)


def test_the_health_rounds_of_2020_and_2022_may_be_paired():
    catalog = load_catalog()
    paired = [i.id for i in catalog if i.change_periods]
    assert paired == [
        "wekelijks_sporten",
        "ervaren_gezondheid_goed",
        "langdurige_aandoening",
        "overgewicht",
        "beweegrichtlijn",
        "rokers",
        "mantelzorgers",
    ]
    assert {catalog.indicators[i].change_periods for i in paired} == {("2020", "2022")}
    assert not any(catalog.indicators[i].comparable for i in paired)
