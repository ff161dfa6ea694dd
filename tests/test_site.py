"""The static site (``python -m dashboard export site``): every indicator of the Drenthe scope
gets a page whose inline data, table and CSV hold exactly map_view's numbers; the index links
resolve; nothing is fetched from the internet; a page stays under the size limit."""

from __future__ import annotations

import csv
import io
import json
import math
import re
from datetime import date
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from dashboard import cli
from dashboard.config import check_folder
from dashboard.publish import site
from dashboard.state import ViewState
from dashboard.views import changeview, mapview, trends

EXPORTED = date(2025, 1, 31)


class Page(HTMLParser):
    """The parts of a page the tests read: links, script elements, JSON specs, table rows."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.attrs: list[tuple[str, dict[str, str]]] = []
        self.specs: dict[str, dict] = {}
        self.rows: dict[str, float | None] = {}
        self._spec: str | None = None
        self._row: str | None = None
        self._buffer: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        self.attrs.append((tag, a))
        if tag == "script" and "data-vega-target" in a:
            self._spec, self._buffer = a["data-vega-target"], []
        if tag == "tr" and "data-code" in a:
            self._row = a["data-code"]
            self.rows[self._row] = None
        if tag == "td" and self._row and "data-value" in a:
            self.rows[self._row] = float(a["data-value"])

    def handle_endtag(self, tag):
        if tag == "script" and self._spec:
            self.specs[self._spec] = json.loads("".join(self._buffer))
            self._spec = None
        if tag == "tr":
            self._row = None

    def handle_data(self, data):
        if self._spec:
            self._buffer.append(data)

    def links(self) -> list[str]:
        return [a[k] for _, a in self.attrs for k in ("href", "src") if a.get(k)]


@pytest.fixture(scope="module")
def geo_dir(settings):
    return check_folder(settings, "geo_dir")


@pytest.fixture(scope="module")
def exported_site(store, geo_dir, tmp_path_factory):
    """The whole Drenthe site, every indicator (about 30-60 s: PNG and SVG of 45 maps)."""
    out = tmp_path_factory.mktemp("site")
    manifest = site.export_site(store, geo_dir, out, "drenthe", None, "nl", EXPORTED)
    return out, manifest


@pytest.fixture(scope="module")
def pages(exported_site):
    out, manifest = exported_site
    return {
        p["indicator"]: Page((out / p["path"]).read_text(encoding="utf-8"))
        for p in manifest["pages"]
    }


def same(a, b) -> bool:
    missing = lambda v: v is None or (isinstance(v, float) and math.isnan(v))  # noqa: E731
    if missing(a) or missing(b):
        return missing(a) and missing(b)
    return float(a) == float(b)


def test_every_indicator_has_a_page_and_the_manifest_is_true(store, exported_site):
    out, manifest = exported_site
    assert [p["indicator"] for p in manifest["pages"]] == [i.id for i in store.catalog]
    assert (manifest["scope"], manifest["lang"], manifest["exported"]) == (
        "drenthe",
        "nl",
        "2025-01-31",
    )
    files = {p.name: p.stat().st_size for p in out.iterdir() if p.name != site.MANIFEST_FILE}
    assert manifest["total_bytes"] == sum(files.values())
    assert json.loads((out / site.MANIFEST_FILE).read_text(encoding="utf-8")) == manifest
    for page in manifest["pages"]:
        assert page["bytes"] == files[page["path"]]
        for item in page["files"].values():
            assert item["bytes"] == files[item["path"]]
        mapped = page["level"] in ("gemeente", "corop")
        assert set(page["files"]) == ({"png", "svg", "csv"} if mapped else {"csv"})
    assert manifest["bundle"]["bytes"] == files[site.BUNDLE_FILE]
    levels = {p["level"] for p in manifest["pages"]}
    assert levels == {"gemeente", "corop", "provincie"}


def test_pages_stay_under_the_size_limit(exported_site):
    _, manifest = exported_site
    sizes = {p["indicator"]: p["bytes"] for p in manifest["pages"]}
    assert max(sizes.values()) < site.PAGE_LIMIT == 300_000
    assert manifest["index"]["bytes"] < 50_000


def test_map_and_table_hold_map_views_numbers(store, pages):
    checked = 0
    for ind in store.catalog:
        mv = mapview.map_view(store, ViewState(indicator=ind.id))
        page = pages[ind.id]
        for code, value in (("PV22", mv.drenthe), ("NL01", mv.nederland)):
            assert same(page.rows[code], value), (ind.id, code)
        if not mv.mappable:
            assert "kaart" not in page.specs and "rangorde" not in page.specs
            continue
        expected = dict(zip(mv.table["region_code"], mv.table["value"], strict=True))
        colours = dict(zip(mv.table["region_code"], mv.table["color"], strict=True))
        spec = page.specs["kaart"]
        (areas,) = [
            rows
            for rows in spec["datasets"].values()
            if rows and "geometry" in rows[0] and "color" in rows[0]
        ]
        assert {a["region_code"] for a in areas} == set(expected)
        for area in areas:
            assert same(area["value"], expected[area["region_code"]]), (ind.id, area)
            assert area["color"] == colours[area["region_code"]]
        ranked = [rows for rows in page.specs["rangorde"]["datasets"].values() if "rank" in rows[0]]
        assert {r["region_code"]: r["value"] for r in ranked[0]} == {
            c: v for c, v in expected.items() if not math.isnan(v)
        }
        for code, value in expected.items():
            assert same(page.rows[code], value), (ind.id, code)
        checked += 1
    assert checked == 45


def test_trend_holds_the_trend_frames_values(store, pages):
    mv = mapview.map_view(store, ViewState(indicator="werkloosheid"))
    frame = trends.trend_frame(store, "werkloosheid", mv.table["region_code"].tolist())
    frame = frame[frame["value"].notna()]
    (rows,) = [r for r in pages["werkloosheid"].specs["trend"]["datasets"].values() if r]
    shown = sorted((r["name"], r["period_label"], r["value"]) for r in rows)
    assert shown == sorted(zip(frame["name"], frame["period_label"], frame["value"], strict=True))
    assert {r["series"] for r in rows} == {"Gemeenten", "Drenthe", "Nederland"}
    assert len({r["name"] for r in rows}) == 14


def test_summary_source_and_dates_on_every_page(store, exported_site):
    out, _ = exported_site
    for ind in store.catalog:
        mv = mapview.map_view(store, ViewState(indicator=ind.id))
        text = (out / f"{ind.id}.html").read_text(encoding="utf-8")
        assert escape(mv.summary) in text
        assert escape(mv.source) in text
        assert "Geëxporteerd op 2025-01-31" in text
        assert f"<h1>{escape(ind.label('nl'))}</h1>" in text


def test_no_external_scripts_or_resources(exported_site, pages):
    out, _ = exported_site
    for ind_id, page in pages.items():
        scripts = [a for tag, a in page.attrs if tag == "script" and "src" in a]
        assert [a["src"] for a in scripts] == [site.BUNDLE_FILE], ind_id
        for tag, a in page.attrs:
            assert not re.match(r"\s*(https?:)?//", a.get("src", "")), (ind_id, tag)
            if tag != "a":
                assert not re.match(r"\s*(https?:)?//", a.get("href", "")), (ind_id, tag)
        raw = (out / f"{ind_id}.html").read_text(encoding="utf-8")
        assert not re.search(r"""src\s*=\s*["']?\s*(https?:)?//""", raw)
        assert "@import" not in raw and "url(" not in raw
    bundle = (out / site.BUNDLE_FILE).read_text(encoding="utf-8")
    assert "window.vegaEmbed=" in bundle and "window.vegaLite=" in bundle


def test_index_by_theme_and_every_link_resolves(store, exported_site, pages):
    out, manifest = exported_site
    index_text = (out / site.INDEX_FILE).read_text(encoding="utf-8")
    index = Page(index_text)
    links = index.links()
    assert links == [p["path"] for p in _in_theme_order(store, manifest)]
    themes = re.findall(r"<h2>(.*?)</h2>", index_text)
    assert themes == [store.catalog.theme_label(t, "nl") for t in store.catalog.by_theme()]
    assert "Materiële welvaart" in themes
    for page in [index, *pages.values()]:
        for link in page.links():
            if not link.startswith("http"):
                assert (out / link).is_file(), link


def _in_theme_order(store, manifest):
    by_id = {p["indicator"]: p for p in manifest["pages"]}
    return [by_id[i.id] for inds in store.catalog.by_theme().values() for i in inds]


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """The metadata lines and the records of an export.to_csv file."""
    text = path.read_bytes().decode("utf-8")  # keep the CRLF record ends
    meta, _, body = text.partition("\r\n\r\n")
    lines = [row[0] for row in csv.reader(io.StringIO(meta))]
    return lines, list(csv.DictReader(io.StringIO(body)))


def test_csv_holds_the_tables_numbers_and_its_source(store, exported_site):
    out, _ = exported_site
    mv = mapview.map_view(store, ViewState(indicator="vrijwilligerswerk"))
    meta, rows = read_csv(out / "vrijwilligerswerk.csv")
    assert meta[0] == "# Titel: Vrijwilligerswerk, 2023"
    assert any(line.startswith("# Bron: Sociale Agenda Drenthe") for line in meta)
    assert "# Geëxporteerd op: 2025-01-31" in meta
    values = {r["Code"]: r["Waarde (%)"] for r in rows}
    expected = dict(zip(mv.table["region_code"], mv.table["value"], strict=True))
    for code, value in expected.items():
        assert same(float(values[code]) if values[code] else None, value)
    assert values["GM1701"] == ""  # Westerveld: missing stays missing, never 0
    assert [r["Code"] for r in rows][-2:] == ["PV22", "NL01"]
    _, province_only = read_csv(out / "tevredenheid_met_leven.csv")
    assert [r["Code"] for r in province_only] == ["PV22", "NL01"]


def test_cli_writes_a_subset(tmp_path, store, monkeypatch, capsys):
    monkeypatch.setattr(cli, "load_store", lambda settings=None: store)
    out = tmp_path / "site"
    args = ["export", "site", str(out), "--indicators", "werkloosheid,tevredenheid_met_leven"]
    assert (
        cli.main([*args, "--indicators", "tabel1_besteedbaar_inkomen", "--date", "2025-01-31"]) == 0
    )
    assert "Wrote 3 pages" in capsys.readouterr().out
    manifest = json.loads((out / site.MANIFEST_FILE).read_text(encoding="utf-8"))
    assert [p["indicator"] for p in manifest["pages"]] == [
        "werkloosheid",
        "tevredenheid_met_leven",
        "tabel1_besteedbaar_inkomen",
    ]
    assert (out / "werkloosheid.png").read_bytes().startswith(b"\x89PNG")
    assert cli.main(["export", "site", str(out), "--indicators", "bestaat_niet"]) == 1
    assert "bestaat_niet" in capsys.readouterr().err


def test_script_json_cannot_end_its_element():
    raw = site.script_json({"name": "</script><script>alert(1)</script>", "a": "&"})
    assert "<" not in raw and ">" not in raw and "&" not in raw
    assert json.loads(raw) == {"name": "</script><script>alert(1)</script>", "a": "&"}


def test_change_pages_for_comparable_indicators(store, exported_site, pages):
    out, manifest = exported_site
    changes = {c["indicator"]: c for c in manifest["changes"]}
    expected = [i.id for i in store.catalog if changeview.change_refusal(store, i.id) is None]
    assert list(changes) == expected
    # survey rounds: only 2020 and 2022 pair (the catalogue's change_periods), not 2016
    assert (changes["overgewicht"]["start"], changes["overgewicht"]["end"]) == ("2020", "2022")
    assert "psychische_klachten" not in changes  # one round
    unemployment = changes["werkloosheid"]
    assert (unemployment["start"], unemployment["end"], unemployment["path"]) == (
        "2013",
        "2024",
        "werkloosheid-verandering.html",
    )
    page = (out / unemployment["path"]).read_text(encoding="utf-8")
    cv = changeview.change_view(store, ViewState(indicator="werkloosheid", since="2013", lang="nl"))
    assert escape(cv.summary) in page
    for name in ("verandering", "van-naar", "rangorde"):
        assert f'id="{name}"' in page
    assert "Emmen" in page and "Significantie" in page
    assert '<a href="werkloosheid-verandering.html">Verandering sinds 2013</a>' in (
        out / "werkloosheid.html"
    ).read_text(encoding="utf-8")
    csv_text = (out / unemployment["files"]["csv"]["path"]).read_text(encoding="utf-8")
    assert "Verandering (procentpunt)" in csv_text
    assert (out / "werkloosheid-verandering.png").read_bytes().startswith(b"\x89PNG")
    assert unemployment["bytes"] < site.PAGE_LIMIT


def test_both_kinds_of_change_are_written_and_linked(store, geo_dir, tmp_path):
    """Unemployment (a percentage): its own page in procentpunten, the other relative, each
    linking the other; the trend chart is drawn from the TrendView, its sentence described."""
    from dashboard.views import trendview

    manifest = site.export_site(
        store, geo_dir, tmp_path, "drenthe", ["werkloosheid"], "nl", EXPORTED
    )
    (entry,) = manifest["changes"]
    other = entry["other"]
    assert (entry["kind"], entry["path"]) == ("eenheid", "werkloosheid-verandering.html")
    assert (other["kind"], other["path"]) == ("relatief", "werkloosheid-verandering-relatief.html")
    assert other["files"]["png"]["path"] == "werkloosheid-verandering-relatief.png"
    unit_page = (tmp_path / entry["path"]).read_text(encoding="utf-8")
    relative_page = (tmp_path / other["path"]).read_text(encoding="utf-8")
    assert (
        '<a href="werkloosheid-verandering-relatief.html">'
        "Dezelfde verandering in procenten (relatief)</a>"
    ) in unit_page
    assert (
        '<a href="werkloosheid-verandering.html">Dezelfde verandering in procentpunten</a>'
    ) in relative_page
    relative = changeview.change_view(
        store, ViewState(indicator="werkloosheid", since="2013", change_kind="relatief")
    )
    assert escape(relative.summary) in relative_page
    assert relative.summary.startswith("Werkloosheid 2013–2024 (relatieve verandering):")
    csv_text = (tmp_path / other["files"]["csv"]["path"]).read_text(encoding="utf-8")
    assert "Verandering (% van de beginwaarde)" in csv_text
    assert (tmp_path / other["files"]["svg"]["path"]).read_text().startswith("<svg")
    text = (tmp_path / "werkloosheid.html").read_text(encoding="utf-8")
    mv = mapview.map_view(store, ViewState(indicator="werkloosheid"))
    tv = trendview.trend_view(
        store, ViewState(indicator="werkloosheid"), mv.table["region_code"].tolist()
    )
    assert tv.summary.startswith("Werkloosheid")
    assert f'id="trend" role="img" aria-label="{escape(tv.summary)}"' in text
