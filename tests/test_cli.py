"""`python -m dashboard validate | export ...` on the real data and on broken data."""

from __future__ import annotations

import io
import re
import shutil
from contextlib import redirect_stdout

import pandas as pd
import pytest

from dashboard import cli, config
from dashboard.model.schema import OBS_COLUMNS


def test_validate_real_data(capsys):
    assert cli.main(["validate"]) == 0
    out = capsys.readouterr().out
    m = re.search(r"Catalogue: (\d+) indicators in (\d+) themes", out)
    assert m and int(m.group(1)) >= 30 and int(m.group(2)) >= 8
    assert "342 gemeenten of 2025" in out
    assert "40 COROP regions" in out
    # every CBS gemeente indicator reports its latest coverage against the 342 of 2025
    assert re.search(r"vermogen_mediaan\s+gemeente\s+2006–2023\s+18\s+342/342", out)
    assert re.search(r"vrijwilligerswerk\s+gemeente\s+2023\s+1\s+11/12", out)
    assert "all gemeenten match" in out
    assert out.rstrip().endswith("OK")


def test_export_observations_and_catalog(tmp_path, store):
    obs_path, cat_path = tmp_path / "obs.csv", tmp_path / "catalog.csv"
    with redirect_stdout(io.StringIO()):
        assert cli.main(["export", "observations", str(obs_path)]) == 0
        assert cli.main(["export", "catalog", str(cat_path)]) == 0
    obs = pd.read_csv(obs_path, dtype={"period": str, "status": str})
    assert list(obs.columns) == OBS_COLUMNS
    assert len(obs) == len(store.observations)
    row = obs[
        (obs.indicator_id == "ervaren_gezondheid_goed")
        & (obs.region_code == "GM0106")
        & (obs.period == "2016")
    ].iloc[0]
    assert (row.value, row.lower, row.upper) == (74.4, 69.9, 78.5)
    catalog = pd.read_csv(cat_path, keep_default_na=False)
    overgewicht = catalog.set_index("id").loc["overgewicht"]
    assert overgewicht.source_table == "83674NED | 85012NED | 85563NED"
    assert overgewicht.source_measure == "Overgewicht_10 | Overgewicht_9 | Overgewicht_7"
    assert overgewicht.direction == -1
    assert len(catalog) == len(store.catalog)


def test_validate_reports_a_broken_table(tmp_path, monkeypatch, capsys, settings):
    broken = tmp_path / "cbs"
    shutil.copytree(settings.cbs_dir, broken)
    path = broken / "81064ned.csv"
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    lines[5] = lines[5].rsplit(";", 1)[0] + ";1,5"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setenv(config.ENV_CBS_DIR, str(broken))
    assert cli.main(["validate"]) == 1
    err = capsys.readouterr().err
    assert f"error: {path}, line 6, column PersMetBetalingsachterstandRelatief_2: '1,5' " in err
    assert "decimal comma" in err


def test_validate_reports_a_missing_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(config.ENV_CBS_DIR, str(tmp_path / "nowhere"))
    assert cli.main(["validate"]) == 1
    err = capsys.readouterr().err
    assert f"The data folder {tmp_path / 'nowhere'} does not exist" in err


def test_validate_reports_a_missing_boundary(tmp_path, monkeypatch, capsys, settings):
    geo_dir = tmp_path / "geo"
    shutil.copytree(settings.geo_dir, geo_dir)
    (geo_dir / "netherlands_gemeenten_2025.geojson").unlink()
    monkeypatch.setenv(config.ENV_GEO_DIR, str(geo_dir))
    assert cli.main(["validate"]) == 1
    assert "netherlands_gemeenten_2025.geojson" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [[], ["export"], ["export", "everything", "x.csv"]])
def test_usage_errors(argv):
    with pytest.raises(SystemExit) as exc:
        cli.main(argv)
    assert exc.value.code == 2
