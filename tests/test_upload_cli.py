"""`python -m dashboard import FILE --id ID`: the upload reader's checks, a persistent own source
in [data] own_dir that the store loads like a shipped indicator, and errors naming the cell."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard import cli
from dashboard.config import load_settings
from dashboard.model.store import load_store
from dashboard.text import sentences

GOOD = Path(__file__).parent / "data" / "uploads" / "good"
BAD = Path(__file__).parent / "data" / "uploads" / "bad"


@pytest.fixture
def own_dir(tmp_path, monkeypatch):
    folder = tmp_path / "eigen"
    monkeypatch.setenv("DASHBOARD_OWN_DIR", str(folder))
    monkeypatch.setenv("DASHBOARD_CACHE_DIR", str(tmp_path / "cache"))
    return folder


def test_import_keeps_a_source_the_store_loads(own_dir, capsys):
    code = cli.main([
        "import", str(GOOD / "wide_semicolon_bom.csv"), "--id", "buurtpanel",
        "--label", "Buurtpanel: tevreden", "--unit", "percent", "--direction", "1",
    ])  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0
    assert out.startswith(
        "Imported wide_semicolon_bom.csv as buurtpanel (wide table): 35 values, 12 areas, "
        "2021-2023; label 'Buurtpanel: tevreden', unit percent, 2 decimals, direction 1, "
        "region rule mean_population."
    )
    assert sorted(p.name for p in own_dir.iterdir()) == ["buurtpanel.csv", "buurtpanel.toml"]
    store = load_store(load_settings())
    ind = store.indicator("buurtpanel")
    assert (ind.label("nl"), ind.unit, ind.direction, ind.theme) == (
        "Buurtpanel: tevreden", "percent", 1, "eigen_gegevens",
    )  # fmt: skip
    assert store.periods("buurtpanel") == ["2021", "2022", "2023"]
    assert store.value("buurtpanel", "GM0106", "2023") == 14.25
    assert store.value("buurtpanel", "GM0109", "2022") is None  # an empty cell: missing
    assert sentences.citation(ind, "nl").startswith("Eigen gegevens (geïmporteerd ")
    assert "eigen_gegevens" in store.catalog.themes


def test_import_refuses_a_bad_file_and_writes_nothing(own_dir, capsys):
    assert cli.main(["import", str(BAD / "formula.xlsx"), "--id", "formule"]) == 1
    assert capsys.readouterr().err == (
        "error: formula.xlsx (Blad1), row 3, column waarde: cell C3 holds a formula (=B3*2); "
        "paste the values (Paste special → Values).\n"
    )
    assert not own_dir.exists()


def test_import_ids_are_new_and_snake_case(own_dir, capsys):
    assert cli.main(["import", str(GOOD / "tidy_comma.csv"), "--id", "werkloosheid"]) == 1
    assert capsys.readouterr().err == (
        "error: --id 'werkloosheid': an indicator with this id exists already.\n"
    )
    assert cli.main(["import", str(GOOD / "tidy_comma.csv"), "--id", "Eigen-Cijfers"]) == 1
    assert "use lower_snake_case ASCII" in capsys.readouterr().err
    assert cli.main(["import", str(GOOD / "tidy_comma.csv"), "--id", "panel"]) == 0
    assert cli.main(["import", str(GOOD / "tidy_comma.csv"), "--id", "panel"]) == 1
    assert capsys.readouterr().err == (
        "error: --id 'panel': an own source with this id exists already; add --replace to "
        "replace it.\n"
    )
    assert cli.main(["import", str(GOOD / "wide.xlsx"), "--id", "panel", "--replace"]) == 0
    assert load_store(load_settings()).periods("panel") == ["2022", "2023"]


def test_a_source_broken_by_hand_is_a_clear_error(own_dir, capsys):
    assert cli.main(["import", str(GOOD / "tidy_comma.csv"), "--id", "panel"]) == 0
    path = own_dir / "panel.csv"
    path.write_text(path.read_text() + "GM0106,2024,veel,,\n")
    assert cli.main(["validate"]) == 1
    assert capsys.readouterr().err == (
        "error: panel.csv, rij 15, kolom waarde: ‘veel’ is geen getal.\n"
    )
