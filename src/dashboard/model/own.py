"""Persistent own sources: ``python -m dashboard import FILE --id ID`` (analysts).

The file is read and checked by the same reader as the app's upload
(:mod:`dashboard.model.upload`), then kept in the folder ``[data] own_dir`` of dashboard.toml
(``DASHBOARD_OWN_DIR``; default ``data/eigen``, git-ignored; ``off``: none) as two files:

``<id>.csv``   the observations in the reader's tidy form (gemeente as CBS code, periode,
               waarde, onder, boven), UTF-8, comma-separated, decimal point;
``<id>.toml``  label, eenheid, decimalen, richting, thema, regioregel, the original file's
               name and the import date.

:func:`load_own` reads every pair back through the reader (a file changed by hand is checked
again) and :func:`dashboard.model.store.load_store` adds them to the store, like the shipped
indicators, marked as own data ("Eigen gegevens (geïmporteerd <datum>)").
"""

from __future__ import annotations

import csv
import io
import math
import re
import tomllib
from dataclasses import asdict
from datetime import date
from pathlib import Path

import pandas as pd

from dashboard.model.catalog import Catalog, Indicator
from dashboard.model.errors import DataError
from dashboard.model.upload import (
    UPLOAD_ID,
    AreaLookup,
    Meta,
    Upload,
    check_meta,
    indicator_for,
    is_own,
    meta_from,
    read_upload,
)

_ID = re.compile(r"^[a-z][a-z0-9_]{1,59}$")
_META_FIELDS = {  # Meta field -> its name in the .toml (Dutch, like the metadata sheet)
    "label": "label",
    "unit": "eenheid",
    "decimals": "decimalen",
    "direction": "richting",
    "theme": "thema",
    "aggregation": "regioregel",
}


def check_id(indicator_id: str, catalog: Catalog, replace: bool = False) -> None:
    """A new own id: lower_snake_case, not a shipped indicator's (nor another own source's
    unless ``replace``)."""
    if not _ID.match(indicator_id):
        raise DataError(
            f"--id {indicator_id!r}: use lower_snake_case ASCII (a letter, then letters, digits "
            "or _), at most 60 characters."
        )
    if indicator_id in catalog and is_own(catalog.get(indicator_id)):
        if replace:
            return
        raise DataError(
            f"--id {indicator_id!r}: an own source with this id exists already; add --replace "
            "to replace it."
        )
    if indicator_id == UPLOAD_ID or indicator_id in catalog:
        raise DataError(f"--id {indicator_id!r}: an indicator with this id exists already.")


def tidy_csv(found: Upload) -> bytes:
    """The observations as the reader's tidy CSV (what <id>.csv holds)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["gemeente", "periode", "waarde", "onder", "boven"])

    def cell(x: float) -> str:
        return "" if math.isnan(x) else repr(float(x))

    for row in found.observations.itertuples(index=False):
        writer.writerow([row.region_code, row.period, cell(row.value), cell(row.lower),
                         cell(row.upper)])  # fmt: skip
    return buffer.getvalue().encode("utf-8")


def _toml_value(value: object) -> str:
    if isinstance(value, int | float):
        return str(value)
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def import_file(
    path: Path,
    indicator_id: str,
    own_dir: Path,
    catalog: Catalog,
    lookup: AreaLookup,
    overrides: dict[str, object] | None = None,
    today: date | None = None,
    replace: bool = False,
) -> tuple[Upload, Meta, Path]:
    """Read, check and keep one file as the own source ``indicator_id``; all or nothing."""
    check_id(indicator_id, catalog, replace)
    target = own_dir / f"{indicator_id}.csv"
    if target.exists() and not replace:
        raise DataError(f"{target}: exists already; add --replace to replace it.")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DataError(f"{path}: cannot be read ({exc.strerror}).") from None
    found = read_upload(data, path.name, lookup)
    meta = check_meta(meta_from(overrides or {}, found.meta, found.filename), catalog, path.name)
    fields = {_META_FIELDS[k]: v for k, v in asdict(meta).items()}
    fields["bestand"] = found.filename
    fields["geimporteerd"] = (today or date.today()).isoformat()
    own_dir.mkdir(parents=True, exist_ok=True)
    toml = "".join(f"{k} = {_toml_value(v)}\n" for k, v in fields.items())
    partial = own_dir / f".{indicator_id}.tmp"
    partial.write_bytes(tidy_csv(found))
    (own_dir / f"{indicator_id}.toml").write_text(toml, encoding="utf-8")
    partial.replace(target)
    return found, meta, target


def load_own(own_dir: Path | None, catalog: Catalog, lookup: AreaLookup) -> list[
    tuple[Indicator, pd.DataFrame]
]:  # fmt: skip
    """Every own source of the folder, checked by the reader (a problem raises DataError
    naming the file)."""
    if own_dir is None or not own_dir.is_dir():
        return []
    found = []
    for table in sorted(own_dir.glob("*.csv")):
        indicator_id = table.stem
        check_id(indicator_id, catalog)
        meta_path = table.with_suffix(".toml")
        try:
            raw = tomllib.loads(meta_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise DataError(f"{meta_path}: missing (written by `dashboard import`).") from None
        except tomllib.TOMLDecodeError as exc:
            raise DataError(f"{meta_path}: not valid TOML ({exc}).") from None
        read = read_upload(table.read_bytes(), table.name, lookup)
        names = {v: k for k, v in _META_FIELDS.items()}
        given = {names[k]: v for k, v in raw.items() if k in names}
        meta = check_meta(meta_from(given, read.meta, meta_path.name), catalog, meta_path.name)
        try:
            imported = date.fromisoformat(str(raw.get("geimporteerd", "")))
        except ValueError:
            raise DataError(f"{meta_path}: geimporteerd must be a date (YYYY-MM-DD).") from None
        ind = indicator_for(meta, indicator_id, imported, persistent=True)
        found.append((ind, read.observations.assign(indicator_id=indicator_id)))
    return found
