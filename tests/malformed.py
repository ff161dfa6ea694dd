# ruff: noqa: E501 (the expected messages are exact, one string each)
"""The malformed-data corpus of tests/test_malformed.py: each case breaks one thing in a copy
of the data (CBS tables, area lists, the three boundary files, catalogue, vocabulary, region
sets, stories, goals, residents' stories, configuration) and says the exact message that
`validate` prints and every page shows.

A case's copy is made at test time in tmp_path from ../shared and the project's data/: every
file a symbolic link to the original, except the one the case changes (never written
through). Messages are templates: ``{cbs}``, ``{geo}``, ``{data}``, ``{config}`` stand for the
folders, absolute in `validate`'s message and, on a page, the setting that names them
(``$DASHBOARD_CBS_DIR`` …, dashboard.config.public_paths)."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SOURCES = {"cbs": SHARED / "data" / "cbs", "geo": SHARED / "geo", "data": ROOT / "data"}
PUBLIC = {
    "cbs": "$DASHBOARD_CBS_DIR",
    "geo": "$DASHBOARD_GEO_DIR",
    "data": "$DASHBOARD_PROJECT_DATA",
    "config": "case.toml",
}


def linked_copy(source: Path, target: Path) -> None:
    for path in source.rglob("*"):
        if path.is_file():
            link = target / path.relative_to(source)
            link.parent.mkdir(parents=True, exist_ok=True)
            os.symlink(path, link)


@dataclass
class Folders:
    root: Path

    def __getitem__(self, name: str) -> Path:
        return self.root / name

    def edit(self, rel: str, change: Callable[[str], str]) -> None:
        """Replace the file ``rel`` ('cbs/86004NED.csv') by a changed copy."""
        path = self.root / rel
        text = path.read_text(encoding="utf-8")
        path.unlink()
        path.write_text(change(text), encoding="utf-8")

    def write_bytes(self, rel: str, data: bytes) -> None:
        path = self.root / rel
        data_in = path.read_bytes() if path.exists() else b""
        if path.exists():
            path.unlink()
        path.write_bytes(data if data else data_in[:0])

    def remove(self, rel: str) -> None:
        path = self.root / rel
        if path.is_dir():
            for p in sorted(path.rglob("*"), reverse=True):
                p.unlink() if not p.is_dir() else p.rmdir()
            path.rmdir()
        else:
            path.unlink()

    def geojson(self, rel: str, change: Callable[[dict], dict]) -> None:
        self.edit(rel, lambda text: json.dumps(change(json.loads(text))))


@dataclass(frozen=True)
class Case:
    id: str
    setup: Callable[[Folders], None]
    message: str
    # "all": the app stops with this message on every page (st.warning of the data page, or
    # st.error for a configuration that cannot be read); else the pages that show it as an
    # st.error/st.warning while the others run clean (one bad story file leaves the rest in)
    pages: str | tuple[str, ...] = "all"
    config: str | None = None  # the text of a dashboard.toml for the case

    def text(self, folders: dict[str, str]) -> str:
        return self.message.format(**folders)


def line(n: int, change: Callable[[str], str]) -> Callable[[str], str]:
    """Change line n (1-based) of a text."""

    def apply(text: str) -> str:
        lines = text.split("\n")
        lines[n - 1] = change(lines[n - 1])
        return "\n".join(lines)

    return apply


def features(keep: Callable[[dict], bool]) -> Callable[[dict], dict]:
    return lambda fc: {**fc, "features": [f for f in fc["features"] if keep(f)]}


def _scale(feature: dict) -> dict:
    """Coordinates as metres (RD New-like): lon/lat times 10,000."""

    def walk(c):
        return [walk(x) for x in c] if isinstance(c[0], list) else [c[0] * 1e4, c[1] * 1e4]

    geom = feature["geometry"]
    return {**feature, "geometry": {**geom, "coordinates": walk(geom["coordinates"])}}


def _first_entry_field(text: str, name: str, value: str) -> str:
    return re.sub(rf"(?m)^{name} = .*$", f"{name} = {value}", text, count=1)


def _drop_line(pattern: str) -> Callable[[str], str]:
    return lambda text: re.sub(rf"(?m)^{pattern}\n", "", text, count=1)


def _truncate(at: float) -> Callable[[str], str]:
    return lambda text: text[: int(len(text) * at)]


CBS = "{cbs}/86004NED.csv"
HEADER_FIELDS = 21  # 86004NED.csv's columns


def _bytes(rel: str, change: Callable[[bytes], bytes]) -> Callable[[Folders], None]:
    def apply(f: Folders) -> None:
        path = f.root / rel
        data = path.read_bytes()
        path.unlink()
        path.write_bytes(change(data))

    return apply


def _edit(rel: str, change: Callable[[str], str]) -> Callable[[Folders], None]:
    return lambda f: f.edit(rel, change)


def _geo(rel: str, change: Callable[[dict], dict]) -> Callable[[Folders], None]:
    return lambda f: f.geojson(rel, change)


def _remove(rel: str) -> Callable[[Folders], None]:
    return lambda f: f.remove(rel)


def _sub(old: str, new: str, count: int = 1) -> Callable[[str], str]:
    def apply(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, count)

    return apply


GM = "geo/netherlands_gemeenten_2025.geojson"
COROP = "geo/corop_2025.geojson"
PROV = "geo/provincies_2025.geojson"
BAD_TOML = "[[region_set]\nid = 1\n"
NOT_IN_DRENTHE = "GM0106"  # Assen: a gemeente of every scope

CASES: list[Case] = [
    # --- CBS tables ----------------------------------------------------------------------
    Case(
        "cbs-inf",
        _edit("cbs/86004NED.csv", line(2, _sub(";7347.5;", ";inf;"))),
        "{cbs}/86004NED.csv, line 2, column ParticuliereHuishoudens_1: 'inf' is not a number.",
    ),
    Case(
        "cbs-decimal-comma",
        _edit("cbs/86004NED.csv", line(3, _sub(";7412.1;", ";7412,1;"))),
        "{cbs}/86004NED.csv, line 3, column ParticuliereHuishoudens_1: '7412,1' is not a number (a decimal comma: CBS files use a decimal point).",
    ),
    Case(
        "cbs-short-row",
        _edit("cbs/86004NED.csv", line(4, lambda s: ";".join(s.split(";")[:6]))),
        "{cbs}/86004NED.csv, line 4: 6 fields, but the header has 21.",
    ),
    Case(
        "cbs-truncated",
        _edit("cbs/86004NED.csv", lambda s: s[: s.index("\n", len(s) // 2) + 30]),
        "{cbs}/86004NED.csv, line 2547: 2 fields, but the header has 21 (the last line, without a line end: is the file cut off?).",
    ),
    Case(
        "cbs-empty",
        _bytes("cbs/86004NED.csv", lambda b: b""),
        "{cbs}/86004NED.csv: the file is empty.",
    ),
    Case(
        "cbs-header-only",
        _edit("cbs/86004NED.csv", lambda s: s.split("\n")[0] + "\n"),
        "{cbs}/86004NED.csv: the file has a header but no rows.",
    ),
    Case(
        "cbs-missing-measure",
        _edit("cbs/86004NED.csv", line(1, _sub("MediaanGestandaardiseerdInkomen_4", "Mediaan_4"))),
        "{cbs}/86004NED.csv: missing measure column(s) MediaanGestandaardiseerdInkomen_4. (MediaanGestandaardiseerdInkomen_4: indicator inkomen_gestandaardiseerd_mediaan asks for it in {data}/catalog/cbs.toml, line 6.)",
    ),
    Case(
        "cbs-missing-table",
        _remove("cbs/85012NED.csv"),
        "CBS table 85012NED not found: expected {cbs}/85012NED.csv. Put the cbsodata CSV of table 85012NED in the CBS data folder (setting DASHBOARD_CBS_DIR or [data] cbs_dir in dashboard.toml). (table 85012NED: indicator wekelijks_sporten asks for it in {data}/catalog/cbs.toml, line 156.)",
    ),
    Case(
        "cbs-unknown-region",
        _edit("cbs/86004NED.csv", line(2, _sub(";Nederland;", ";Nederlant;"))),
        "{cbs}/86004NED.csv, line 2, column RegioS: unknown region label 'Nederlant' (not in gebieden_2025.csv or gemeenten_historie.csv).",
    ),
    Case(
        "cbs-bad-period",
        _edit("cbs/86004NED.csv", line(2, _sub(";2011;", ";twintig;"))),
        "{cbs}/86004NED.csv, line 2, column Perioden: unknown period label 'twintig'.",
    ),
    Case(
        "cbs-comma-separated",
        _edit("cbs/86004NED.csv", lambda s: s.replace(";", ",")),
        "{cbs}/86004NED.csv: expected ';'-separated columns but found one column (the header contains ',').",
    ),
    Case(
        "cbs-not-utf8",
        _bytes("cbs/86004NED.csv", lambda b: b.replace(b"Nederland", b"Nederl\xe4nd", 3)),
        "{cbs}/86004NED.csv, line 2: not UTF-8 text (byte 0xe4 cannot be read); save the file as UTF-8.",
    ),
    Case(
        "cbs-duplicate-row",
        _edit("cbs/86004NED.csv", lambda s: s.replace("\n", "\n" + s.split("\n")[1] + "\n", 1)),
        "{cbs}/86004NED.csv: duplicate rows for region 'Nederland' (NL01), period 2011 at lines 2 and 3; was a dimension left unfiltered?",
    ),
    Case(
        "cbs-extra-fields",
        _edit("cbs/86004NED.csv", line(5, lambda s: s + ";1;2")),
        "{cbs}/86004NED.csv, line 5: 23 fields, but the header has 21; is a field separator or a quote out of place?",
    ),
    Case(
        "cbs-unknown-margin",
        _edit("cbs/85012NED.csv", line(2, _sub(";Waarde;", ";Waarden;"))),
        "{cbs}/85012NED.csv, line 2, column Marges: unknown margin 'Waarden'.",
    ),
    # --- area lists --------------------------------------------------------------------
    Case(
        "gebieden-missing",
        _remove("cbs/gebieden_2025.csv"),
        "{cbs}/gebieden_2025.csv: file not found; it is needed to translate region labels to codes.",
    ),
    Case(
        "gebieden-duplicate",
        _edit("cbs/gebieden_2025.csv", lambda s: s + s.split("\n")[1] + "\n"),
        "{cbs}/gebieden_2025.csv: gemeente_code GM0014 occurs more than once.",
    ),
    Case(
        "gebieden-inwoners",
        _edit("cbs/gebieden_2025.csv", line(2, _sub(",244807,", ",veel,"))),
        "{cbs}/gebieden_2025.csv, line 2, column inwoners: 'veel' is not a number.",
    ),
    Case(
        "gebieden-truncated",
        _edit("cbs/gebieden_2025.csv", lambda s: s.rstrip("\n")[:-120]),
        "{cbs}/gebieden_2025.csv, line 343: 18 fields, but the header has 29 (the last line, without a line end: is the file cut off?).",
    ),
    Case(
        "historie-empty",
        _bytes("cbs/gemeenten_historie.csv", lambda b: b""),
        "{cbs}/gemeenten_historie.csv: the file is empty.",
    ),
    Case(
        "gebieden-semicolons",
        _edit("cbs/gebieden_2025.csv", lambda s: s.replace(",", ";")),
        "{cbs}/gebieden_2025.csv: expected ','-separated columns, but the header has ';'.",
    ),
    # --- boundaries --------------------------------------------------------------------
    Case(
        "geo-folder-missing",
        _remove("geo"),
        "The data folder {geo} does not exist. It is set by DASHBOARD_GEO_DIR. Put the gemeente, COROP and province boundaries as GeoJSON (e.g. netherlands_gemeenten_2025.geojson, corop_2025.geojson) there: `python -m dashboard pull` fetches them from CBS and PDOK, `python -m dashboard pull --from DIR` copies them from a local mirror (see README.md, section Data).",
    ),
    Case(
        "gemeenten-missing",
        _remove(GM),
        "netherlands_gemeenten_2025.geojson: boundary file not found in {geo}. Put the CBS/PDOK boundaries there or point DASHBOARD_GEO_DIR or [data] geo_dir in dashboard.toml at the folder that holds them: `python -m dashboard pull` fetches them (README.md, section Data).",
    ),
    Case(
        "gemeenten-truncated",
        _edit(GM, _truncate(0.5)),
        "{geo}/netherlands_gemeenten_2025.geojson: line 197, column 2991: not valid JSON: Expecting value (the file ends early: is it cut off?).",
    ),
    Case(
        "gemeenten-empty-collection",
        _geo(GM, features(lambda f: False)),
        "{geo}/netherlands_gemeenten_2025.geojson: the file holds no features (an empty FeatureCollection).",
    ),
    Case(
        "gemeenten-no-statcode",
        _edit(GM, lambda s: s.replace('"statcode"', '"code"')),
        "{geo}/netherlands_gemeenten_2025.geojson: the features have no property 'statcode' (found: code, jrstatcode, statnaam, rubriek, provcode, provnaam).",
    ),
    Case(
        "gemeenten-not-lonlat",
        _geo(
            GM,
            lambda fc: {
                **fc,
                "features": [
                    _scale(f) if f["properties"]["statcode"] == "GM0106" else f
                    for f in fc["features"]
                ],
            },
        ),
        "{geo}/netherlands_gemeenten_2025.geojson: the coordinates of feature(s) GM0106 are not longitude/latitude (EPSG:4326); were they written in another system, such as RD New (EPSG:28992)? Convert the file to EPSG:4326.",
    ),
    Case(
        "gemeenten-missing-gemeente",
        _geo(GM, features(lambda f: f["properties"]["statcode"] != NOT_IN_DRENTHE)),
        "{geo}/netherlands_gemeenten_2025.geojson: no boundary for gemeente(n) of scope 'nederland': GM0106 Assen.",
    ),
    Case(
        "gemeenten-duplicate",
        _geo(GM, lambda fc: {**fc, "features": fc["features"] + fc["features"][:1]}),
        "{geo}/netherlands_gemeenten_2025.geojson: statcode GM0014 occurs more than once.",
    ),
    Case(
        "corop-missing",
        _remove(COROP),
        "corop_2025.geojson: boundary file not found in {geo}. Put the CBS/PDOK boundaries there or point DASHBOARD_GEO_DIR or [data] geo_dir in dashboard.toml at the folder that holds them: `python -m dashboard pull` fetches them (README.md, section Data).",
    ),
    Case(
        "corop-missing-region",
        _geo(COROP, features(lambda f: f["properties"]["statcode"] != "CR07")),
        "{geo}/corop_2025.geojson: no boundary for CR07.",
    ),
    Case(
        "corop-truncated",
        _edit(COROP, _truncate(0.8)),
        "{geo}/corop_2025.geojson: line 37, column 32782: not valid JSON: Expecting ',' delimiter (the file ends early: is it cut off?).",
    ),
    Case(
        "provincies-missing",
        _remove(PROV),
        "provincies_2025.geojson: boundary file not found in {geo}. Put the CBS/PDOK boundaries there or point DASHBOARD_GEO_DIR or [data] geo_dir in dashboard.toml at the folder that holds them: `python -m dashboard pull` fetches them (README.md, section Data).",
    ),
    Case(
        "provincies-empty-collection",
        _geo(PROV, features(lambda f: False)),
        "{geo}/provincies_2025.geojson: the file holds no features (an empty FeatureCollection).",
    ),
    Case(
        "provincies-no-drenthe",
        _geo(PROV, features(lambda f: f["properties"]["statcode"] != "PV22")),
        "{geo}/provincies_2025.geojson: no boundary for PV22.",
    ),
    # --- catalogue -----------------------------------------------------------------------
    Case(
        "catalog-unknown-theme",
        _edit("data/catalog/cbs.toml", _sub('theme = "materiele_welvaart"', 'theme = "geluk"')),
        "{data}/catalog/cbs.toml, line 4 (entry 1), indicator 'inkomen_gestandaardiseerd_mediaan': theme 'geluk' is not one of: subjectief_welzijn, materiele_welvaart, gezondheid, arbeid_vrije_tijd, onderwijs, wonen, sociaal, veiligheid, milieu.",
    ),
    Case(
        "catalog-toml",
        _edit("data/catalog/cbs.toml", _sub("[[indicator]]", "[[indicator]")),
        "{data}/catalog/cbs.toml: not valid TOML (Expected ']]' at the end of an array declaration (at line 5, column 12)).",
    ),
    Case(
        "catalog-missing-field",
        _edit("data/catalog/cbs.toml", _drop_line("label_en = .*")),
        "{data}/catalog/cbs.toml, line 4 (entry 1), indicator 'inkomen_gestandaardiseerd_mediaan': missing field 'label_en'.",
    ),
    # --- vocabulary ----------------------------------------------------------------------
    Case(
        "vocabulary-no-label-en",
        _edit("data/vocabulary.toml", _sub('label_en = "Health"\n', "")),
        "{data}/vocabulary.toml, line 13, [theme.gezondheid]: missing label_en.",
    ),
    Case(
        "vocabulary-no-order",
        _edit("data/vocabulary.toml", _sub("order = 6\n", "")),
        "{data}/vocabulary.toml, line 28, [theme.wonen]: missing order.",
    ),
    Case(
        "vocabulary-no-symbol",
        _edit("data/vocabulary.toml", _sub('symbol_en = "km"\n', "")),
        "{data}/vocabulary.toml, line 85, [unit.km]: missing symbol_en.",
    ),
    Case(
        "vocabulary-toml",
        _edit("data/vocabulary.toml", _sub("[theme.wonen]", "[theme.wonen")),
        "{data}/vocabulary.toml: not valid TOML (Expected ']' at the end of a table declaration (at line 29, column 13)).",
    ),
    # --- region sets ---------------------------------------------------------------------
    Case(
        "region-sets-unknown-member",
        _edit("data/region_sets.toml", _sub('"GM1730"', '"GM9999"')),
        "{data}/region_sets.toml, region set 'regio_deal', region RD01: unknown gemeente code(s) GM9999; members must be 2025 gemeente codes from gebieden_2025.csv.",
    ),
    Case(
        "region-sets-toml",
        _edit("data/region_sets.toml", _sub("[[region_set]]", "[[region_set]")),
        "{data}/region_sets.toml: not valid TOML (Expected ']]' at the end of an array declaration (at line 7, column 13)).",
    ),
    Case(
        "region-sets-empty-region",
        _edit(
            "data/region_sets.toml",
            _sub('members = ["GM1730", "GM1680", "GM1699"]', "members = []"),
        ),
        "{data}/region_sets.toml, region set 'regio_deal', region RD01: the region is empty (members = []).",
    ),
    # --- stories (Presenteren): one bad file, the others still load ----------------------
    Case(
        "story-unknown-indicator",
        _edit(
            "data/stories/sociale_agenda_2024_nulmeting.toml",
            _sub('indicator = "tabel1_bijstand"', 'indicator = "geluk"'),
        ),
        "{data}/stories/sociale_agenda_2024_nulmeting.toml, dia 1, indicator: onbekende indicator 'geluk'",
        pages=("presenteren",),
    ),
    Case(
        "story-toml",
        _edit("data/stories/sociale_agenda_2024_nulmeting.toml", _sub("[[slide]]", "[[slide]")),
        "{data}/stories/sociale_agenda_2024_nulmeting.toml, geen geldige TOML: Expected ']]' at the end of an array declaration (at line 13, column 8)",
        pages=("presenteren",),
    ),
    # --- goals and residents' stories (Sociale Agenda) -----------------------------------
    Case(
        "goals-toml",
        _edit(
            "data/sociale_agenda_2024/goals.toml", _sub("[theme.naoberschap]", "[theme.naoberschap")
        ),
        "{data}/sociale_agenda_2024/goals.toml: not valid TOML (Expected ']' at the end of a table declaration (at line 20, column 19)).",
    ),
    Case(
        "goals-unknown-indicator",
        _edit(
            "data/sociale_agenda_2024/goals.toml",
            _sub('indicator = "vrijwilligerswerk"', 'indicator = "geluk"'),
        ),
        "goals.toml, line 53, goal 1 'vrijwilligers': map_indicator 'geluk' must be one of the goal's measures.",
    ),
    Case(
        "verhaal-unknown-gemeente",
        _edit(
            "data/verhalen/sociale_agenda_2024.toml",
            _sub('gemeente = "GM0118"', 'gemeente = "GM9999"'),
        ),
        "$DASHBOARD_PROJECT_DATA/verhalen/sociale_agenda_2024.toml, verhaal 1 'wenning-pesse', gemeente: 'GM9999' is geen code van een Drentse gemeente; bekend: GM0106, GM0109, GM0114, GM0118, GM0119, GM1680, GM1681, GM1690, GM1699, GM1701, GM1730, GM1731",
        pages=("agenda",),
    ),
    Case(
        "tidy-bad-value",
        _edit("data/sociale_agenda_2024/observations.csv", line(2, _sub(",51200,", ",veel,"))),
        "{data}/sociale_agenda_2024/observations.csv, row 2, column value: 'veel' is not a number.",
    ),
    # --- configuration -------------------------------------------------------------------
    Case(
        "config-toml",
        lambda f: None,
        "{config} is not valid TOML: Expected ']' at the end of a table declaration (at line 1, column 6)",
        config="[data\ncbs_dir = 1\n",
    ),
    Case(
        "config-timeout",
        lambda f: None,
        "{config}: [sources] timeout must be a number of seconds (0 or more), got 'lang'.",
        config='[sources]\ntimeout = "lang"\n',
    ),
    Case(
        "config-cbs-dir-empty",
        lambda f: None,
        "{config}: [data] cbs_dir must be a non-empty path string.",
        config='[data]\ncbs_dir = ""\n',
    ),
]
