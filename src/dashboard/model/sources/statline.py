"""CBS StatLine through cbsodata: the tables of the catalogue and the area lists, as the files
that :mod:`dashboard.model.sources.cbs` and :mod:`dashboard.model.gebieden` read.

Why ``cbsodata`` (OData v3) and not ``cbsodata4``: all of StatLine is on the v3 service, while
CBS's v4 portal (datasets.cbs.nl) still holds part of it; ``cbsodata.get_data`` returns the
wide rows with category labels that the importers read (the files of the CBS data folder
were made by it), so the v3 route keeps one format; and v3 filters and selects on the
server (``$filter`` on category keys, ``$select`` on measures), so a table of millions of
cells comes down as the slice the dashboard uses. cbsodata 1.x is small and maintained
(PyPI, Jonathan de Bruin); it runs unchanged, pointed at the configured host
(``[sources] cbs``) through its ``catalog_url`` argument and ``options.use_https``.

What cbsodata does, and what this module adds (read in cbsodata/cbsodata3.py):

- every call GETs ``{host}/ODataFeed/odata/{table}/{name}?$format=json`` and follows
  ``odata.nextLink`` until the last page; ``get_data`` first reads the table's list of
  resources (``.../{table}/``), then every metadata resource, then the data set, and turns
  category keys into their titles. It logs every URL (``logging.info("Download " + url)``),
  which is how the progress and the error messages here know the request in flight.
- its ``typed`` flag is inverted: the default (``typed=False``) downloads the
  ``TypedDataSet`` (numbers; null where CBS has ``.``, ``x`` or ``-``), which is what the
  importers want, so the default is used.
- it neither retries nor times out: each call here has a timeout, and a 5xx answer, a
  timeout, a dropped connection or a cut-off JSON body is retried with back-off
  (``[sources] retries``, ``backoff``), then reported in one line naming table and URL.
"""

from __future__ import annotations

import difflib
import json
import logging
import re
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import pandas as pd
import requests

from dashboard.config import Settings
from dashboard.model.errors import DataError
from dashboard.model.gebieden import AREA_YEAR, GEBIEDEN_COLUMNS, HISTORIE_COLUMNS
from dashboard.model.sources.cbs import MARGIN_COLUMN, PERIOD_COLUMN, REGION_COLUMNS

# the types of DataProperties entries that are dimensions, and of those with categories
DIMENSION_TYPES = ("Dimension", "GeoDimension", "TimeDimension")
DISCONTINUED = ("gediscontinueerd", "vervallen", "stopgezet")
TABLE_ID = re.compile(r"\b\d{5}[A-Za-z]{3}\b")
_LOCK = threading.Lock()  # cbsodata's options are module-global
OFFLINE_HINT = (
    " Without internet, copy the data from a mirror (a folder with data/cbs/ and geo/): "
    "python -m dashboard pull --from DIR."
)


class PullError(DataError):
    """A fetch that failed, with a one-line message naming the table or URL."""


@dataclass
class TableMeta:
    """What the service says about a table, for the report."""

    table: str
    title: str = ""
    discontinued: bool = False
    successors: tuple[str, ...] = ()
    missing: list[str] = field(default_factory=list)  # one line per measure that is gone
    defaults: list[str] = field(default_factory=list)  # dimensions cut at their first category
    rows: int = 0


def stem(key: str) -> str:
    """A CBS measure key without its number: 'Naam_29' -> 'Naam'."""
    return re.sub(r"_\d+$", "", key)


class _Requests(logging.Handler):
    """Sees cbsodata's 'Download <url>' log lines while a pull runs."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.listener: Callable[[str], None] | None = None
        self.last_url = ""

    def emit(self, record: logging.LogRecord) -> None:
        if record.module != "cbsodata3":
            return
        message = record.getMessage()
        if message.startswith("Download "):
            self.last_url = message.removeprefix("Download ")
            if self.listener:
                self.listener(self.last_url)


class _AsBefore(logging.Filter):
    """Keeps the other root handlers to the records they saw before the level was lowered."""

    def __init__(self, level: int) -> None:
        super().__init__()
        self.level = level

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= self.level


@contextmanager
def _watch_cbsodata(handler: _Requests) -> Iterator[None]:
    # cbsodata logs through the root logger at INFO: lower the root level while we listen,
    # keep every other handler to what it saw before, and put it all back afterwards
    root = logging.getLogger()
    level, effective = root.level, root.getEffectiveLevel()
    others = list(root.handlers)
    guard = _AsBefore(effective)
    for other in others:
        other.addFilter(guard)
    root.addHandler(handler)
    root.setLevel(min(effective, logging.INFO))
    try:
        yield
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
        for other in others:
            other.removeFilter(guard)


class StatLine:
    """A cbsodata client for one pull: retries, timeouts, one-line errors, progress."""

    def __init__(self, settings: Settings) -> None:
        parts = urlsplit(settings.cbs_url)
        self.host = (parts.netloc + parts.path).rstrip("/")
        self.https = parts.scheme == "https"
        self.settings = settings
        self._requests = _Requests()
        self._sleep = time.sleep

    @contextmanager
    def session(self) -> Iterator[StatLine]:
        """Hold cbsodata's global options for this pull and listen to its requests."""
        with _LOCK, _watch_cbsodata(self._requests):
            # imported with a handler on the root logger: cbsodata logs while it is imported,
            # and logging.info() with no root handler would install a stderr one for good
            import cbsodata

            before = cbsodata.options.use_https
            cbsodata.options.use_https = self.https
            try:
                yield self
            finally:
                cbsodata.options.use_https = before

    def on_request(self, listener: Callable[[str], None] | None) -> None:
        self._requests.listener = listener

    def table_url(self, table: str) -> str:
        return f"{'https' if self.https else 'http'}://{self.host}/ODataFeed/odata/{table}/"

    def _call(self, table: str, fn: Callable[[], Any]) -> Any:
        """Run one cbsodata call with retries; raise PullError in one line when it gives up."""
        attempts = self.settings.retries + 1
        delay = self.settings.backoff
        hint = ""
        for attempt in range(1, attempts + 1):
            self._requests.last_url = self.table_url(table)
            try:
                return fn()
            except requests.HTTPError as exc:
                # cbsodata re-raises without the response; the original is its cause (and a
                # Response of an error is falsy, so no `or` here)
                response = getattr(exc.__cause__, "response", None)
                response = exc.response if response is None else response
                status = response.status_code if response is not None else None
                url = response.url if response is not None else self._requests.last_url
                if status == 404:
                    raise PullError(
                        f"CBS table {table} does not exist (any more) at {url} (404 Not Found): "
                        "it may have been discontinued or renamed; look up its successor on "
                        "StatLine and update data/catalog/."
                    ) from None
                reason = f"the service answered {status} {getattr(response, 'reason', '')}"
                if status is None or status < 500:
                    raise PullError(f"CBS table {table}: {reason.strip()} for {url}.") from None
                problem = f"{reason.strip()} for {url}"
            except requests.Timeout:
                timeout = f"{self.settings.timeout:g}"
                problem = f"no answer within {timeout} s from {self._requests.last_url}"
            except requests.ConnectionError as exc:
                problem = f"cannot reach {self._requests.last_url} ({_reason(exc)})"
                hint = OFFLINE_HINT
            except json.JSONDecodeError as exc:
                problem = (
                    f"the response of {self._requests.last_url} is cut off or not JSON ({exc})"
                )
            if attempt < attempts:
                self._sleep(delay)
                delay *= 2
        raise PullError(
            f"CBS table {table}: {problem}; gave up after {attempts} attempt"
            f"{'s' if attempts > 1 else ''}.{hint}"
        )

    def _kwargs(self) -> dict[str, Any]:
        return {"catalog_url": self.host, "timeout": self.settings.timeout}

    def info(self, table: str) -> dict[str, Any]:
        import cbsodata

        info = self._call(table, lambda: cbsodata.get_info(table, **self._kwargs()))
        return info or {}

    def meta(self, table: str, name: str) -> list[dict[str, Any]]:
        import cbsodata

        return self._call(table, lambda: cbsodata.get_meta(table, name, **self._kwargs()))

    def data(
        self, table: str, select: Sequence[str] | None = None, filters: str | None = None
    ) -> list[dict[str, Any]]:
        import cbsodata

        return self._call(
            table,
            lambda: cbsodata.get_data(
                table, select=list(select) if select else None, filters=filters, **self._kwargs()
            ),
        )


def _reason(exc: Exception) -> str:
    text = str(exc)
    for marker in ("Connection refused", "Name or service not known", "No route to host"):
        if marker in text:
            return marker.lower()
    return text.split(": ", 1)[-1][:120]


def discontinued(info: Mapping[str, Any]) -> bool:
    """Whether StatLine marks a table as no longer updated ('Gediscontinueerd', 'Vervallen',
    or the frequency 'Stopgezet')."""
    marks = (info.get("OutputStatus"), info.get("Status"), info.get("Frequency"))
    return any(str(m).strip().lower() in DISCONTINUED for m in marks if m)


def successors(table: str, info: Mapping[str, Any]) -> tuple[str, ...]:
    """Table ids that the description of a table names, other than its own (its successor,
    when CBS names one)."""
    text = " ".join(
        str(info.get(k) or "") for k in ("ShortDescription", "Summary", "Description", "Reason")
    )
    found = [m for m in TABLE_ID.findall(text) if m.lower() != table.lower()]
    return tuple(dict.fromkeys(found))


def similar(key: str, keys: Sequence[str]) -> list[str]:
    """Measure keys like ``key`` (same name, another number first)."""
    same = [k for k in keys if stem(k) == stem(key)]
    return same or difflib.get_close_matches(key, keys, n=2, cutoff=0.75)


def _category_filter(table: str, dim: str, cats: list[dict[str, Any]], title: str | None) -> str:
    if title is None:
        return cats[0]["Key"]
    for cat in cats:
        if str(cat.get("Title", "")).strip() == title:
            return cat["Key"]
    shown = ", ".join(repr(str(c.get("Title", "")).strip()) for c in cats[:6])
    raise PullError(
        f"CBS table {table}: dimension {dim} has no category {title!r} (data/sources.toml); "
        f"it has {shown}{' …' if len(cats) > 6 else ''}."
    )


def fetch_table(
    client: StatLine,
    table: str,
    measures: Sequence[str],
    keep: Mapping[str, str],
    region_prefixes: Sequence[str],
    users: Mapping[str, Sequence[str]],
) -> tuple[pd.DataFrame | None, TableMeta]:
    """One table as the importers read it: ID, the dimensions (labels) and ``measures``, the
    other dimensions cut at the category of ``keep`` (else their first), regions of
    ``region_prefixes`` only. Measures that the table no longer has are listed in the
    returned TableMeta (and no data is fetched); ``users`` names the indicators of each."""
    info = client.info(table)
    meta = TableMeta(
        table,
        title=str(info.get("Title", "")).strip(),
        discontinued=discontinued(info),
        successors=successors(table, info),
    )
    props = client.meta(table, "DataProperties")
    topics = [p["Key"] for p in props if p.get("Type") == "Topic"]
    for measure in measures:
        if measure not in topics:
            like = similar(measure, topics)
            meta.missing.append(
                f"CBS table {table} has no measure {measure} any more (used by "
                f"{', '.join(users.get(measure, ())) or 'the store'})"
                + (f"; similar: {', '.join(like)}" if like else "")
                + ". Update data/catalog/."
            )
    if meta.missing:
        return None, meta
    dims = [p for p in props if p.get("Type") in DIMENSION_TYPES]
    unknown = sorted(set(keep) - {d["Key"] for d in dims})
    if unknown:
        raise PullError(
            f"CBS table {table} has no dimension {', '.join(unknown)} (data/sources.toml); "
            f"its dimensions: {', '.join(d['Key'] for d in dims)}."
        )
    region = next(
        (d["Key"] for d in dims if d["Key"] in REGION_COLUMNS or d.get("Type") == "GeoDimension"),
        None,
    )
    if region is None:
        raise PullError(f"CBS table {table} has no region dimension (RegioS).")
    filters = []
    for dim in dims:
        key = dim["Key"]
        if key in (region, PERIOD_COLUMN, MARGIN_COLUMN) or dim.get("Type") == "TimeDimension":
            continue
        cats = client.meta(table, key)
        if not cats:
            raise PullError(f"CBS table {table}: dimension {key} has no categories.")
        chosen = _category_filter(table, key, cats, keep.get(key))
        if key not in keep:
            first = str(cats[0].get("Title", "")).strip()
            meta.defaults.append(f"{table}: dimension {key} cut at its first category {first!r}")
        filters.append(f"{key} eq '{chosen}'")
    regions = client.meta(table, region)
    wanted = {
        str(r["Title"])
        for r in regions
        if str(r["Key"]).strip().startswith(tuple(region_prefixes))
        and not str(r["Title"]).strip().lower().startswith("niet in te delen")
    }
    columns = ["ID", *(d["Key"] for d in dims), *measures]
    rows = client.data(table, select=columns, filters=" and ".join(filters) or None)
    frame = pd.DataFrame.from_records(rows, columns=columns)
    frame = frame[frame[region].isin(wanted)].reset_index(drop=True)
    if frame.empty:
        raise PullError(f"CBS table {table}: no rows for Nederland, provinces or gemeenten.")
    meta.rows = len(frame)
    return frame, meta


def write_table(frame: pd.DataFrame, path) -> int:
    """Write as cbsodata's rows saved by pandas: ';', UTF-8 with BOM, empty for missing."""
    frame.to_csv(path, sep=";", index=False, encoding="utf-8-sig")
    return path.stat().st_size


# --- the area lists ---------------------------------------------------------------------------


def _strip(value: Any) -> str:
    return (
        "" if value is None or (isinstance(value, float) and value != value) else str(value).strip()
    )


def _key_number(key: str) -> int | None:
    m = re.search(r"_(\d+)$", key)
    return int(m.group(1)) if m else None


def fetch_areas(client: StatLine, spec: Mapping[str, Any]) -> pd.DataFrame:
    """gebieden_<AREA_YEAR>.csv from 'Gebieden in Nederland' (see data/sources.toml)."""
    table = spec["table"]
    info = client.info(table)
    title = str(info.get("Title", "")).strip()
    if str(AREA_YEAR) not in title:
        raise PullError(
            f"CBS table {table} is {title!r}, not the areas of {AREA_YEAR} that the dashboard "
            "uses (gebieden.AREA_YEAR); name the right table in data/sources.toml [areas]."
        )
    props = client.meta(table, "DataProperties")
    rows = client.data(table)
    frame = pd.DataFrame.from_records(rows)
    region = next((c for c in REGION_COLUMNS if c in frame.columns), None)
    if region is None or frame.empty:
        raise PullError(f"CBS table {table}: no rows with a RegioS column.")
    regions = {str(r["Title"]): str(r["Key"]).strip() for r in client.meta(table, region)}
    frame["_code"] = frame[region].map(lambda t: regions.get(str(t), str(t).strip()))
    frame = frame[frame["_code"].str.startswith("GM")].reset_index(drop=True)
    topics = [p for p in props if p.get("Type") == "Topic"]
    by_key = {p["Key"]: p for p in topics}
    out = pd.DataFrame(index=frame.index)

    def column(key: str) -> pd.Series:
        if key not in frame.columns:
            raise PullError(f"CBS table {table}: measure {key} is described but not in the data.")
        return frame[key].map(_strip)

    def partner(code_key: str, name_stem: str, what: str) -> str:
        n = _key_number(code_key)
        key = f"{name_stem}_{n + 1}" if n is not None else ""
        if key not in by_key:
            raise PullError(
                f"CBS table {table}: no {name_stem}_{'n+1' if n is None else n + 1} beside "
                f"{code_key} for {what}."
            )
        return key

    for name, prefix in spec["coded"].items():
        candidates = [
            p["Key"]
            for p in topics
            if stem(p["Key"]) == "Code"
            and p["Key"] in frame.columns
            and (vals := column(p["Key"]))[vals != ""].str.startswith(prefix).all()
            and (vals != "").any()
        ]
        if not candidates:
            raise PullError(
                f"CBS table {table}: no Code measure with {prefix}… codes for {name} "
                "(data/sources.toml [areas] coded)."
            )
        code_key = candidates[0]
        out[f"{name}_code"] = column(code_key)
        out[f"{name}_naam"] = column(partner(code_key, "Naam", name))
        if name == "gemeente":
            out["statline_label"] = frame[region].map(_strip)
        if name in spec.get("labels", {}):
            out[f"{name}_statline_label"] = out[f"{name}_naam"] + spec["labels"][name]
    for name, group_word in spec["classes"].items():
        groups = [
            p["ID"]
            for p in props
            if p.get("Type") == "TopicGroup" and group_word.lower() in str(p.get("Title")).lower()
        ]
        codes = [
            p["Key"] for p in topics if p.get("ParentID") in groups and stem(p["Key"]) == "Code"
        ]
        if not codes:
            raise PullError(
                f"CBS table {table}: no group titled like {group_word!r} with a Code measure "
                "(data/sources.toml [areas] classes)."
            )
        out[f"{name}_code"] = column(codes[0])
        out[name] = column(partner(codes[0], "Omschrijving", name))
    for name, key_stem in spec["counts"].items():
        keys = [p["Key"] for p in topics if stem(p["Key"]) == key_stem]
        if not keys:
            raise PullError(f"CBS table {table}: no measure {key_stem}_n for {name}.")
        numbers = pd.to_numeric(frame[keys[0]], errors="coerce")
        if numbers.isna().any():
            bad = frame.loc[numbers.isna(), "_code"].iloc[0]
            raise PullError(f"CBS table {table}: {keys[0]} has no number for {bad}.")
        out[name] = numbers.round().astype("int64")
    order = [c for c in _GEBIEDEN_ORDER if c in out.columns]
    missing = [c for c in GEBIEDEN_COLUMNS if c not in out.columns]
    if missing:
        raise PullError(f"CBS table {table}: nothing for column(s) {', '.join(missing)}.")
    return out[order]


# the columns of gebieden_2025.csv as the mirror has them: the ones the app reads
# (gebieden.GEBIEDEN_COLUMNS), with the other region kinds after the COROP columns and the
# address density last
_CUT = GEBIEDEN_COLUMNS.index("gemeentegrootte_code")
_GEBIEDEN_ORDER = [
    *GEBIEDEN_COLUMNS[:_CUT],
    *(
        f"{g}_{part}"
        for g in (
            "landsdeel",
            "ggd",
            "arbeidsmarktregio",
            "jeugdzorgregio",
            "rmc_regio",
            "res_regio",
            "veiligheidsregio",
        )
        for part in ("code", "naam")
    ),
    *GEBIEDEN_COLUMNS[_CUT:],
    "omgevingsadressendichtheid",
]


def _date(value: Any, table: str, key: str) -> str:
    """A StatLine date field as ISO (YYYY-MM-DD); '' for an open end."""
    text = _strip(value)
    if text in ("", "99991231", "9999-12-31"):
        return ""
    if re.fullmatch(r"\d{8}", text):
        return f"{text[:4]}-{text[4:6]}-{text[6:]}"
    if re.match(r"\d{4}-\d{2}-\d{2}", text):
        return text[:10]
    raise PullError(f"CBS table {table}: {key} {text!r} is not a date (YYYYMMDD).")


def fetch_history(client: StatLine, spec: Mapping[str, Any]) -> pd.DataFrame:
    """gemeenten_historie.csv from 'Gebieden; overzicht vanaf 1830' (see data/sources.toml)."""
    table = spec["table"]
    props = client.meta(table, "DataProperties")
    keys = {}
    for name in ("code", "province", "begin", "end"):
        found = [
            p["Key"] for p in props if p.get("Type") == "Topic" and stem(p["Key"]) == spec[name]
        ]
        if not found:
            raise PullError(f"CBS table {table} has no measure {spec[name]}_n (data/sources.toml).")
        keys[name] = found[0]
    rows = client.data(table)
    frame = pd.DataFrame.from_records(rows)
    region = next((c for c in REGION_COLUMNS if c in frame.columns), None)
    if region is None or frame.empty:
        raise PullError(f"CBS table {table}: no rows with a RegioS column.")
    for key in keys.values():
        if key not in frame.columns:
            raise PullError(f"CBS table {table}: measure {key} is described but not in the data.")
    out = pd.DataFrame(
        {
            "statline_label": frame[region].map(_strip),
            "gemeente_code": frame[keys["code"]].map(_strip),
            "provincie_naam": frame[keys["province"]].map(_strip),
            "begindatum": [_date(v, table, keys["begin"]) for v in frame[keys["begin"]]],
            "einddatum": [_date(v, table, keys["end"]) for v in frame[keys["end"]]],
        }
    )
    since = spec["since"]
    out = out[
        out["gemeente_code"].str.startswith("GM")
        & ((out["einddatum"] == "") | (out["einddatum"] >= since))
    ]
    first_day = f"{AREA_YEAR}-01-01"
    out[f"bestaat_{AREA_YEAR}"] = (out["einddatum"] == "") | (out["einddatum"] > first_day)
    if out.empty:
        raise PullError(f"CBS table {table}: no gemeenten since {since}.")
    assert set(HISTORIE_COLUMNS) <= set(out.columns)
    return out.reset_index(drop=True)
