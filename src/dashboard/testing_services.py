"""A fake CBS StatLine and a fake PDOK on 127.0.0.1, for the tests and the benchmarks of
`pull`: the real clients (cbsodata, requests) talk to them unchanged, pointed here through
``DASHBOARD_CBS_URL`` and ``DASHBOARD_PDOK_URL``.

Every response is generated when the fake starts, from a mirror folder (``../shared``:
``data/cbs/*.csv`` and ``geo/*.geojson``); nothing of it is stored in this repository. The
fake serves the files' content back in the services' wire format, so a correct pull of the
whole catalogue yields exactly the observations of the mirror.

CBS StatLine, OData v3, as cbsodata 1.3.5 calls it (read in cbsodata/cbsodata3.py: the URLs,
``$format``/``$select``/``$filter``, ``odata.nextLink`` paging, the resource list that
``download_data`` reads first and from which it removes one of the two data sets):

- ``GET /ODataFeed/odata/{table}/?$format=json``: ``{"odata.metadata", "value": [{"name",
  "url"}, ...]}`` listing TableInfos, UntypedDataSet, TypedDataSet, DataProperties,
  CategoryGroups and one resource per dimension;
- ``GET /ODataFeed/odata/{table}/{resource}?$format=json``: ``{"odata.metadata", "value":
  [...]}``; TableInfos with the fields of StatLine's catalogue (Title, Identifier,
  OutputStatus "Regulier" or "Gediscontinueerd", Frequency, ShortDescription ...);
  DataProperties with ``Type`` Dimension/GeoDimension/TimeDimension/Topic/TopicGroup, ``Key``,
  ``ParentID``; dimensions with ``Key`` and ``Title``;
- ``TypedDataSet`` (numbers, null for missing) and ``UntypedDataSet`` (the same as text padded
  like CBS's, ``.`` for missing), with ``$select=a,b``, ``$filter`` (``Dim eq 'KEY'`` joined
  by ``and``/``or``, ``substringof('X',Dim)``, ``startswith(Dim,'X')``) and pages of
  ``page_size`` rows, each but the last with an ``odata.nextLink`` carrying the query;
- category keys in CBS's style (regions ``GM0106``, ``PV22  ``, ``CR07  ``, ``NL01  ``; periods
  ``2023JJ00``; margins ``MW00000``, ``MOG0095``, ``MBG0095``), and decoys a client has to
  filter out: a landsdeel (``LD01``) and a "Niet in te delen" row for every Nederland row,
  and before the category the mirror kept of every other dimension, another one with rows;
- an unknown table answers 404 with an OData error body, as opendata.cbs.nl does;
- the area tables 86059NED ("Gebieden in Nederland 2025") and 70739ned ("Gebieden; overzicht
  vanaf 1830") are rebuilt from ``gebieden_2025.csv`` and ``gemeenten_historie.csv`` with
  their measure keys in StatLine's style (``Code_1``/``Naam_2`` ..., ``GebiedsOfGemeentecode_3``,
  ``BegindatumSorteerveld_6`` ...), padded text, and a Nederland row of ``.``.

PDOK's CBS gebiedsindelingen, OGC API Features (as PDOK's gokoala serves it):
``GET /cbs/gebiedsindelingen/ogc/v1/collections/{collection}/items?f=json&limit=N&jaarcode=Y``
answers a GeoJSON FeatureCollection (``numberReturned``, ``links`` with ``self`` and a
``next`` that carries a ``cursor``, features with ``id`` and properties including
``jaarcode``), header ``Content-Crs: <...CRS84>``, at most ``pdok_page_size`` features a page
(PDOK: 1,000). The gemeente collection holds 2024 features as well, so the year filter
matters; an unknown collection answers 404.

Faults, for the failure tests (:class:`Faults`): an HTTP status or a delay for every request
whose path contains a string, truncated bodies, tables that are gone, renamed measures,
discontinued tables, empty collections, features left out.
"""

from __future__ import annotations

import base64
import json
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import pandas as pd

from dashboard import vocabulary

GRONINGEN = vocabulary.GRONINGEN_CODE
ODATA = "/ODataFeed/odata"
PDOK = "/cbs/gebiedsindelingen/ogc/v1"
REGION_DIMS = ("RegioS", "Regiokenmerken")
MARGIN_KEYS = {
    "Waarde": "MW00000",
    "Ondergrens 95%-interval": "MOG0095",
    "Bovengrens 95%-interval": "MBG0095",
}
TABLE_FILE = re.compile(r"^\d{5}[A-Za-z]{3}$")
MEASURE = re.compile(r"_\d+$")
CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
AREAS_TABLE, HISTORY_TABLE = "86059NED", "70739ned"


@dataclass
class Faults:
    """What goes wrong, set by a test (``FakeServices.faults``) and reset after it."""

    status: dict[str, int] = field(default_factory=dict)  # path substring -> HTTP status
    delay: dict[str, float] = field(default_factory=dict)  # path substring -> seconds
    truncate: set[str] = field(default_factory=set)  # path substrings: half a body
    gone: set[str] = field(default_factory=set)  # table ids (lower case) that 404
    renamed: dict[tuple[str, str], str] = field(default_factory=dict)  # (table, old) -> new
    discontinued: dict[str, str | None] = field(default_factory=dict)  # table -> successor
    empty: set[str] = field(default_factory=set)  # PDOK collections without features
    dropped: set[str] = field(default_factory=set)  # statcodes left out of every collection


@dataclass
class _Table:
    """One table as the fake serves it: rows of keys and values, dimensions, measures."""

    id: str
    title: str
    frame: pd.DataFrame  # ID, dimension keys, measure values as text ('' for missing)
    dims: list[tuple[str, str]]  # (key, type)
    categories: dict[str, list[dict[str, Any]]]
    topics: list[dict[str, Any]]  # DataProperties entries of topics and groups
    text_measures: bool = False


def _pad(key: str, width: int = 6) -> str:
    return key.ljust(width)


def _period_key(label: str, used: set[str]) -> str:
    text = " ".join(label.split()).lower()
    year = re.search(r"(\d{4})", text)
    base = year.group(1) if year else "0000"
    if re.fullmatch(r"\d{4}", text):
        key = f"{base}JJ00"
    elif "half" in text or "helft" in text:
        key = f"{base}HJ0{'2' if text.startswith('2') or 'tweede' in text else '1'}"
    elif "/" in text:
        key = f"{base}SJ00"
    else:
        key = f"{base}XX00"
    n = 0
    while key in used:
        n += 1
        key = f"{key[:6]}{n:02d}"
    used.add(key)
    return key


def _region_codes(mirror: Path) -> dict[str, str]:
    cbs = mirror / "data" / "cbs"
    gebieden = pd.read_csv(cbs / "gebieden_2025.csv", dtype=str, keep_default_na=False)
    historie = pd.read_csv(cbs / "gemeenten_historie.csv", dtype=str, keep_default_na=False)
    codes = {"Nederland": vocabulary.NEDERLAND_CODE}
    codes.update(zip(historie["statline_label"], historie["gemeente_code"], strict=True))
    codes.update(zip(gebieden["statline_label"], gebieden["gemeente_code"], strict=True))
    for kind in ("provincie", "corop"):
        codes.update(zip(gebieden[f"{kind}_statline_label"], gebieden[f"{kind}_code"], strict=True))
    return codes


def _load_table(path: Path, codes: dict[str, str]) -> _Table:
    raw = pd.read_csv(path, sep=";", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    table = path.stem
    dims = [c for c in raw.columns if c != "ID" and not MEASURE.search(c)]
    measures = [c for c in raw.columns if MEASURE.search(c)]
    categories: dict[str, list[dict[str, Any]]] = {}
    frame = raw.copy()
    extra = []
    for dim in dims:
        labels = list(dict.fromkeys(raw[dim]))
        if dim in REGION_DIMS:
            cats = [{"Key": _pad(codes[lbl.strip()]), "Title": lbl} for lbl in labels]
            cats += [
                {"Key": "LD01  ", "Title": "Noord-Nederland (LD)"},
                {"Key": "GM9999", "Title": "Niet in te delen"},
            ]
            nederland = raw[raw[dim] == "Nederland"]
            for title in ("Noord-Nederland (LD)", "Niet in te delen"):
                extra.append(nederland.assign(**{dim: title}))
        elif dim == "Perioden":
            used: set[str] = set()
            cats = [
                {"Key": _period_key(lbl, used), "Title": lbl, "Status": "Definitief"}
                for lbl in labels
            ]
        elif dim == "Marges":
            cats = [{"Key": MARGIN_KEYS[lbl], "Title": lbl} for lbl in labels]
        else:
            # the category the mirror kept, after another one that a client must not take
            cats = [{"Key": "A048709", "Title": f"Andere {dim.lower()}"}]
            cats += [{"Key": f"T00{i + 1:04d}", "Title": lbl} for i, lbl in enumerate(labels)]
            extra.append(raw.head(40).assign(**{dim: cats[0]["Title"]}))
        for cat in cats:
            cat.setdefault("Description", "")
            cat.setdefault("CategoryGroupID", None)
        categories[dim] = cats
    if extra:
        more = pd.concat(extra, ignore_index=True)
        more["ID"] = [str(10_000_000 + i) for i in range(len(more))]
        frame = pd.concat([frame, more], ignore_index=True)
    for dim in dims:
        keys = {c["Title"]: c["Key"] for c in categories[dim]}
        frame[dim] = frame[dim].map(keys)
    dim_types = [
        (
            d,
            "GeoDimension"
            if d in REGION_DIMS
            else "TimeDimension"
            if d == "Perioden"
            else "Dimension",
        )
        for d in dims
    ]
    topics = [
        {"Type": "Topic", "Key": m, "Title": MEASURE.sub("", m), "Datatype": "Double"}
        for m in measures
    ]
    return _Table(table, f"Tabel {table}", frame, dim_types, categories, topics)


def _areas_table(mirror: Path) -> _Table:
    g = pd.read_csv(mirror / "data" / "cbs" / "gebieden_2025.csv", dtype=str, keep_default_na=False)
    topics: list[dict[str, Any]] = []
    columns: dict[str, list[Any]] = {}
    number = 0

    def topic(stem: str, values: list[Any], parent: int | None, width: int = 10) -> None:
        nonlocal number
        number += 1
        key = f"{stem}_{number}"
        topics.append(
            {"Type": "Topic", "Key": key, "Title": stem, "ParentID": parent, "Datatype": "String"}
        )
        columns[key] = [v.ljust(width) if isinstance(v, str) else v for v in values]

    def group(title: str) -> int:
        topics.append({"Type": "TopicGroup", "ID": 1000 + len(topics), "Title": title, "Key": ""})
        return topics[-1]["ID"]

    parent = group("Gemeenten")
    topic("Code", list(g["gemeente_code"]), parent)
    topic("Naam", list(g["gemeente_naam"]), parent, 40)
    topic("SorteringNaam", list(g["gemeente_naam"].str.lower()), parent, 40)
    for title, prefix in (
        ("Landsdelen", "landsdeel"),
        ("COROP-gebieden", "corop"),
        ("COROP-plusgebieden", None),
        ("Provincies", "provincie"),
        ("GGD-regio's", "ggd"),
        ("Arbeidsmarktregio's", "arbeidsmarktregio"),
        ("Jeugdzorgregio's", "jeugdzorgregio"),
        ("RMC-regio's", "rmc_regio"),
        ("RES-regio's", "res_regio"),
        ("Veiligheidsregio's", "veiligheidsregio"),
    ):
        parent = group(title)
        if prefix is None:  # a grouping the dashboard does not use, with codes like COROP's
            topic("Code", [f"CP{c[2:]}01" for c in g["corop_code"]], parent)
            topic("Naam", list(g["corop_naam"] + " (plus)"), parent, 40)
            continue
        topic("Code", list(g[f"{prefix}_code"]), parent)
        topic("Naam", list(g[f"{prefix}_naam"]), parent, 40)
    for title, prefix in (
        ("Gemeentegrootte", "gemeentegrootte"),
        ("Stedelijkheid", "stedelijkheid"),
    ):
        parent = group(title)
        topic("Code", list(g[f"{prefix}_code"]), parent)
        topic("Omschrijving", list(g[prefix]), parent, 40)
    topic("Inwonertal", [int(v) for v in g["inwoners"]], None)
    topic("Omgevingsadressendichtheid", [int(v) for v in g["omgevingsadressendichtheid"]], None)
    frame = pd.DataFrame(columns)
    frame.insert(0, "RegioS", list(g["gemeente_code"]))
    nederland = {k: "." for k in columns} | {"RegioS": "NL01  "}
    frame = pd.concat([pd.DataFrame([nederland]), frame], ignore_index=True)
    frame.insert(0, "ID", [str(i) for i in range(len(frame))])
    cats = [{"Key": "NL01  ", "Title": "Nederland"}] + [
        {"Key": c, "Title": t} for c, t in zip(g["gemeente_code"], g["statline_label"], strict=True)
    ]
    return _Table(
        AREAS_TABLE,
        "Gebieden in Nederland 2025",
        frame,
        [("RegioS", "GeoDimension")],
        {"RegioS": cats},
        topics,
        text_measures=True,
    )


def _history_table(mirror: Path) -> _Table:
    h = pd.read_csv(
        mirror / "data" / "cbs" / "gemeenten_historie.csv", dtype=str, keep_default_na=False
    )
    province_abbr = {
        "Groningen": "GR", "Fryslân": "FR", "Drenthe": "DR", "Overijssel": "OV",
        "Flevoland": "FL", "Gelderland": "GE", "Utrecht": "UT", "Noord-Holland": "NH",
        "Zuid-Holland": "ZH", "Zeeland": "ZE", "Noord-Brabant": "NB", "Limburg": "LI",
    }  # fmt: skip
    rows = [
        {
            "RegioS": code,
            "title": label,
            "code": code,
            "province": province,
            "begin": begin.replace("-", ""),
            "end": end.replace("-", "") or None,
        }
        for label, code, province, begin, end in zip(
            h["statline_label"],
            h["gemeente_code"],
            h["provincie_naam"],
            h["begindatum"],
            h["einddatum"],
            strict=True,
        )
    ]
    # what a client must leave out: a province, and a gemeente that ended before 2000
    rows.append(
        {"RegioS": f"{GRONINGEN:<6}", "title": "Groningen (PV)", "code": GRONINGEN,
         "province": "Groningen",
         "begin": "18150101", "end": None}
    )  # fmt: skip
    rows.append(
        {"RegioS": "GM9001", "title": "Oudland", "code": "GM9001", "province": "Drenthe",
         "begin": "18300101", "end": "19980101"}
    )  # fmt: skip

    def dutch(date: str | None) -> str | None:
        months = "januari februari maart april mei juni juli augustus september oktober"
        months += " november december"
        if not date:
            return None
        return f"{int(date[6:])} {months.split()[int(date[4:6]) - 1]} {date[:4]}"

    frame = pd.DataFrame(
        {
            "ID": [str(i) for i in range(len(rows))],
            "RegioS": [r["RegioS"] for r in rows],
            "Begindatum_1": [dutch(r["begin"]) for r in rows],
            "Einddatum_2": [dutch(r["end"]) for r in rows],
            "GebiedsOfGemeentecode_3": [r["code"].ljust(10) for r in rows],
            "Provincie_4": [r["province"].ljust(20) for r in rows],
            "ProvincieAfkorting_5": [province_abbr.get(r["province"], "") for r in rows],
            "BegindatumSorteerveld_6": [r["begin"] for r in rows],
            "EinddatumSorteerveld_7": [r["end"] for r in rows],
        }
    )
    topics = [
        {"Type": "Topic", "Key": k, "Title": MEASURE.sub("", k), "Datatype": "String"}
        for k in frame.columns[2:]
    ]
    cats = [{"Key": r["RegioS"], "Title": r["title"]} for r in rows]
    return _Table(
        HISTORY_TABLE,
        "Gebieden; overzicht vanaf 1830",
        frame,
        [("RegioS", "GeoDimension")],
        {"RegioS": cats},
        topics,
        text_measures=True,
    )


def _collections(mirror: Path) -> dict[str, list[dict[str, Any]]]:
    geo = mirror / "geo"

    def features(name: str, year: int) -> list[dict[str, Any]]:
        with (geo / name).open(encoding="utf-8") as fh:
            data = json.load(fh)
        return [
            {
                "type": "Feature",
                "geometry": f["geometry"],
                "properties": {"jaarcode": year, **f["properties"]},
            }
            for f in data["features"]
        ]

    gemeenten = features("netherlands_gemeenten_2024.geojson", 2024)
    gemeenten += features("netherlands_gemeenten_2025.geojson", 2025)
    return {
        "gemeente_gegeneraliseerd": gemeenten,
        "coropgebied_gegeneraliseerd": features("corop_2025.geojson", 2025),
        "provincie_gegeneraliseerd": features("provincies_2025.geojson", 2025),
    }


_CLAUSE = re.compile(
    r"^\(*\s*(?:(?P<dim>\w+)\s+eq\s+'(?P<val>[^']*)'"
    r"|substringof\('(?P<sub>[^']*)',\s*(?P<subdim>\w+)\)"
    r"|startswith\((?P<stdim>\w+),\s*'(?P<st>[^']*)'\))\s*\)*$"
)


def _filter_mask(frame: pd.DataFrame, expression: str) -> pd.Series:
    """A mask for the subset of OData $filter that cbsodata users send."""
    mask = pd.Series(True, index=frame.index)
    for conjunct in re.split(r"\s+and\s+", expression.strip()):
        any_of = pd.Series(False, index=frame.index)
        for clause in re.split(r"\s+or\s+", conjunct):
            m = _CLAUSE.match(clause.strip())
            if not m:
                raise ValueError(f"unsupported $filter clause {clause!r}")
            if m["dim"]:
                column, test = m["dim"], lambda s, v=m["val"]: s == v
            elif m["subdim"]:
                column, test = m["subdim"], lambda s, v=m["sub"]: s.str.contains(v, regex=False)
            else:
                column, test = m["stdim"], lambda s, v=m["st"]: s.str.startswith(v)
            if column not in frame.columns:
                raise ValueError(f"unknown property {column!r} in $filter")
            any_of |= test(frame[column])
        mask &= any_of
    return mask


class FakeServices:
    """Both fakes on one port: CBS at ``cbs_url``, PDOK at ``pdok_url``."""

    def __init__(self, mirror: Path, page_size: int = 2500, pdok_page_size: int = 100) -> None:
        self.mirror = mirror
        self.page_size = page_size
        self.pdok_page_size = pdok_page_size
        self.faults = Faults()
        self.requests: list[str] = []
        self._lock = threading.Lock()
        codes = _region_codes(mirror)
        self.tables: dict[str, _Table] = {}
        for path in sorted((mirror / "data" / "cbs").glob("*.csv")):
            if TABLE_FILE.match(path.stem):
                self.tables[path.stem.lower()] = _load_table(path, codes)
        for table in (_areas_table(mirror), _history_table(mirror)):
            self.tables[table.id.lower()] = table
        self.collections = _collections(mirror)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.cbs_url = self.base
        self.pdok_url = self.base + PDOK
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self) -> FakeServices:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def reset(self) -> None:
        self.faults = Faults()
        with self._lock:
            self.requests.clear()

    def env(self) -> dict[str, str]:
        """The environment that points `pull` here (and at no mirror)."""
        return {
            "DASHBOARD_CBS_URL": self.cbs_url,
            "DASHBOARD_PDOK_URL": self.pdok_url,
            "DASHBOARD_MIRROR": "",
        }

    # --- CBS ----------------------------------------------------------------------------------

    def _table(self, table: str) -> _Table | None:
        if table.lower() in self.faults.gone:
            return None
        return self.tables.get(table.lower())

    def _measure_key(self, table: _Table, key: str) -> str:
        return self.faults.renamed.get((table.id.lower(), key), key)

    def odata(self, table_id: str, resource: str, query: dict[str, str]) -> tuple[int, Any]:
        table = self._table(table_id)
        if table is None:
            return 404, {
                "odata.error": {
                    "code": "",
                    "message": {"lang": "nl-NL", "value": f"Tabel {table_id} bestaat niet."},
                }
            }
        root = f"{self.base}{ODATA}/{table_id}"
        meta = {"odata.metadata": f"{root}/$metadata#Cbs.OData.WebAPI.{resource or 'Tables'}"}
        dims = [d for d, _ in table.dims]
        if resource == "":
            names = ["TableInfos", "UntypedDataSet", "TypedDataSet", "DataProperties"]
            names += ["CategoryGroups", *dims]
            return 200, meta | {"value": [{"name": n, "url": f"{root}/{n}"} for n in names]}
        if resource == "TableInfos":
            return 200, meta | {"value": [self._info(table)]}
        if resource == "DataProperties":
            return 200, meta | {"value": self._properties(table)}
        if resource == "CategoryGroups":
            return 200, meta | {"value": []}
        if resource in table.categories:
            return 200, meta | {"value": table.categories[resource]}
        if resource in ("TypedDataSet", "UntypedDataSet"):
            return self._data(table, resource, query, meta, root)
        return 404, {"odata.error": {"code": "", "message": {"value": f"{resource}?"}}}

    def _info(self, table: _Table) -> dict[str, Any]:
        gone = table.id.lower() in self.faults.discontinued
        successor = self.faults.discontinued.get(table.id.lower())
        return {
            "ID": 1,
            "Title": table.title,
            "ShortTitle": table.title[:40],
            "Identifier": table.id,
            "Summary": "",
            "Modified": "2025-04-15T02:00:00",
            "MetaDataModified": "2025-04-15T02:00:00",
            "ReasonDelivery": "Stopgezet" if gone else "Actualisering",
            "ExplanatoryText": "",
            "OutputStatus": "Gediscontinueerd" if gone else "Regulier",
            "Source": "CBS.",
            "Language": "nl",
            "Catalog": "CBS",
            "Frequency": "Stopgezet" if gone else "Perjaar",
            "Period": "",
            "ShortDescription": (
                f"Deze tabel wordt niet meer bijgewerkt. Opvolger: tabel {successor}."
                if gone and successor
                else "Deze tabel wordt niet meer bijgewerkt."
                if gone
                else f"Cijfers uit {table.id}."
            ),
            "Description": "",
            "DefaultPresentation": "",
            "DefaultSelection": "",
            "GraphTypes": "Table",
            "RecordCount": len(table.frame),
            "ColumnCount": len(table.frame.columns),
            "SearchPriority": "2",
        }

    def _properties(self, table: _Table) -> list[dict[str, Any]]:
        out = []
        for i, (dim, kind) in enumerate(table.dims):
            out.append(
                {"ID": i, "Position": i, "ParentID": None, "Type": kind, "Key": dim, "Title": dim}
            )
        for i, topic in enumerate(table.topics, start=len(out)):
            entry = {"ID": i, "Position": i, "ParentID": None, "Description": ""} | topic
            if entry.get("Key"):
                entry["Key"] = self._measure_key(table, entry["Key"])
            out.append(entry)
        return out

    def _data(
        self, table: _Table, resource: str, query: dict[str, str], meta: dict, root: str
    ) -> tuple[int, Any]:
        frame = table.frame.rename(
            columns={
                old: new for (t, old), new in self.faults.renamed.items() if t == table.id.lower()
            }
        )
        try:
            if query.get("$filter"):
                frame = frame[_filter_mask(frame, query["$filter"])]
        except ValueError as exc:
            return 400, {"odata.error": {"code": "", "message": {"value": str(exc)}}}
        if query.get("$select"):
            wanted = [c.strip() for c in query["$select"].split(",")]
            unknown = [c for c in wanted if c not in frame.columns]
            if unknown:
                message = f"Could not find a property named '{unknown[0]}'."
                return 400, {"odata.error": {"code": "", "message": {"value": message}}}
            frame = frame[[c for c in frame.columns if c in wanted]]
        skip = int(query.get("$skip", "0"))
        page = frame.iloc[skip : skip + self.page_size]
        dims = {d for d, _ in table.dims}
        rows = []
        for record in page.to_dict("records"):
            row: dict[str, Any] = {}
            for column, value in record.items():
                if column == "ID":
                    row[column] = int(value)
                elif column in dims or table.text_measures:
                    row[column] = value
                elif resource == "TypedDataSet":
                    row[column] = float(value) if value != "" else None
                else:
                    row[column] = (value if value != "" else ".").rjust(12)
            rows.append(row)
        body = meta | {"value": rows}
        if skip + self.page_size < len(frame):
            params = {k: v for k, v in query.items() if k != "$skip"}
            params["$skip"] = str(skip + self.page_size)
            body["odata.nextLink"] = f"{root}/{resource}?{urlencode(params)}"
        return 200, body

    # --- PDOK ---------------------------------------------------------------------------------

    def items(self, collection: str, query: dict[str, str]) -> tuple[int, Any]:
        if collection not in self.collections:
            detail = f"collection {collection} does not exist"
            return 404, {"title": "Not Found", "status": 404, "detail": detail}
        features = [] if collection in self.faults.empty else self.collections[collection]
        if "jaarcode" in query:
            features = [
                f for f in features if str(f["properties"]["jaarcode"]) == query["jaarcode"]
            ]
        features = [f for f in features if f["properties"]["statcode"] not in self.faults.dropped]
        limit = min(int(query.get("limit", "10")), self.pdok_page_size)
        offset = 0
        if query.get("cursor"):
            offset = json.loads(base64.urlsafe_b64decode(query["cursor"]))["offset"]
        page = features[offset : offset + limit]
        url = f"{self.pdok_url}/collections/{collection}/items"
        links = [
            {"rel": "self", "type": "application/geo+json", "href": f"{url}?{urlencode(query)}"}
        ]
        if offset + limit < len(features):
            cursor = base64.urlsafe_b64encode(json.dumps({"offset": offset + limit}).encode())
            params = {k: v for k, v in query.items() if k != "cursor"}
            params["cursor"] = cursor.decode()
            links.append(
                {
                    "rel": "next",
                    "type": "application/geo+json",
                    "href": f"{url}?{urlencode(params)}",
                }
            )
        return 200, {
            "type": "FeatureCollection",
            "timeStamp": "2025-04-15T00:00:00Z",
            "links": links,
            "numberReturned": len(page),
            "features": [f | {"id": offset + i + 1} for i, f in enumerate(page)],
        }


def _handler(fake: FakeServices) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass  # quiet: the tests read fake.requests instead

        def do_GET(self) -> None:  # noqa: N802
            parts = urlsplit(self.path)
            query = dict(parse_qsl(parts.query, keep_blank_values=True))
            with fake._lock:
                fake.requests.append(self.path)
            faults = fake.faults
            for fragment, seconds in faults.delay.items():
                if fragment in parts.path:
                    time.sleep(seconds)
            for fragment, status in faults.status.items():
                if fragment in parts.path:
                    return self._send(status, {"error": "fault"}, "application/json")
            if parts.path.startswith(ODATA + "/"):
                rest = parts.path[len(ODATA) + 1 :]
                table, _, resource = rest.partition("/")
                status, body = fake.odata(table, resource, query)
                return self._send(status, body, "application/json;odata=minimalmetadata")
            prefix = PDOK + "/collections/"
            if parts.path.startswith(prefix) and parts.path.endswith("/items"):
                collection = parts.path[len(prefix) : -len("/items")]
                status, body = fake.items(collection, query)
                return self._send(
                    status, body, "application/geo+json", {"Content-Crs": f"<{CRS84}>"}
                )
            return self._send(404, {"error": f"no such path {parts.path}"}, "application/json")

        def _send(
            self, status: int, body: Any, ctype: str, headers: dict[str, str] | None = None
        ) -> None:
            data = json.dumps(body, ensure_ascii=False).encode("utf-8")
            if any(fragment in self.path for fragment in fake.faults.truncate):
                data = data[: len(data) // 2]
            try:
                self.send_response(status)
                self.send_header("Content-Type", f"{ctype}; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a timeout test)

    return Handler


@contextmanager
def running(mirror: Path, **options: Any) -> Iterator[FakeServices]:
    """The fake services for a block of code."""
    fake = FakeServices(mirror, **options).start()
    try:
        yield fake
    finally:
        fake.stop()


def default_mirror(root: Path) -> Path:
    """The mirror beside a checkout: ``<root>/../shared``."""
    return root.resolve().parent / "shared"


if __name__ == "__main__":  # python -m dashboard.testing_services [MIRROR]: serve until Ctrl-C
    import sys

    from dashboard.config import PROJECT_ROOT

    source = Path(sys.argv[1]) if len(sys.argv) > 1 else default_mirror(PROJECT_ROOT)
    with running(source) as services:
        print("\n".join(f"export {k}={v}" for k, v in services.env().items()), flush=True)
        with suppress(KeyboardInterrupt):
            threading.Event().wait()
