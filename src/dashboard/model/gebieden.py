"""The CBS area lists: gemeenten of 2025 with their province and COROP region, and the
history of gemeente labels since 2000. They translate StatLine labels into CBS codes."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from dashboard.model.errors import DataError, check_complete_rows, decode_text, parser_error
from dashboard.vocabulary import NEDERLAND_CODE

# The year of the area lists and boundaries the dashboard uses (gemeenten of 1 January).
AREA_YEAR = 2025
GEBIEDEN_FILE = f"gebieden_{AREA_YEAR}.csv"
HISTORIE_FILE = "gemeenten_historie.csv"

NEDERLAND_LABEL = "Nederland"  # StatLine's label of NL01

GEBIEDEN_COLUMNS = [
    "gemeente_code",
    "gemeente_naam",
    "statline_label",
    "provincie_code",
    "provincie_naam",
    "provincie_statline_label",
    "corop_code",
    "corop_naam",
    "corop_statline_label",
    "gemeentegrootte_code",
    "gemeentegrootte",
    "stedelijkheid_code",
    "stedelijkheid",
    "inwoners",
]
HISTORIE_COLUMNS = ["statline_label", "gemeente_code", "begindatum", "einddatum"]


def _read_csv(path: Path, required: list[str]) -> pd.DataFrame:
    if not path.is_file():
        raise DataError(
            f"{path}: file not found; it is needed to translate region labels to codes."
        )
    text = decode_text(path)
    if not text.strip():
        raise DataError(f"{path}: the file is empty.")
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except pd.errors.ParserError as exc:
        raise parser_error(path, exc) from None
    if len(frame.columns) == 1 and ";" in frame.columns[0]:
        raise DataError(f"{path}: expected ','-separated columns, but the header has ';'.")
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise DataError(
            f"{path}: missing column(s) {', '.join(missing)}; "
            f"found {', '.join(frame.columns[:6])}{'…' if len(frame.columns) > 6 else ''}. "
            "Is it comma-separated?"
        )
    if frame.empty:
        raise DataError(f"{path}: the file has a header but no rows.")
    check_complete_rows(text, path, ",")
    return frame


def load_gebieden(cbs_dir: Path) -> pd.DataFrame:
    """The 342 gemeenten of 2025 (one row each), ``inwoners`` as integers."""
    path = cbs_dir / GEBIEDEN_FILE
    frame = _read_csv(path, GEBIEDEN_COLUMNS)
    dupes = frame.loc[frame["gemeente_code"].duplicated(), "gemeente_code"]
    if not dupes.empty:
        raise DataError(f"{path}: gemeente_code {dupes.iloc[0]} occurs more than once.")
    inwoners = pd.to_numeric(frame["inwoners"], errors="coerce")
    bad = frame.index[inwoners.isna()]
    if len(bad):
        row = bad[0]
        value = frame.at[row, "inwoners"]
        raise DataError(f"{path}, line {row + 2}, column inwoners: {value!r} is not a number.")
    frame["inwoners"] = inwoners.astype("int64")
    return frame


def load_historie(cbs_dir: Path) -> pd.DataFrame:
    """Every gemeente label since 2000 with its code and begin/end date."""
    return _read_csv(cbs_dir / HISTORIE_FILE, HISTORIE_COLUMNS)


def region_labels(gebieden: pd.DataFrame, historie: pd.DataFrame) -> dict[str, str]:
    """StatLine region label -> CBS code, for Nederland, provinces, COROP regions and every
    gemeente (current or historical). A historical gemeente keeps its own code."""
    labels: dict[str, str] = {NEDERLAND_LABEL: NEDERLAND_CODE}
    pairs = [
        (historie["statline_label"], historie["gemeente_code"]),
        (gebieden["statline_label"], gebieden["gemeente_code"]),
        (gebieden["provincie_statline_label"], gebieden["provincie_code"]),
        (gebieden["corop_statline_label"], gebieden["corop_code"]),
    ]
    for label_col, code_col in pairs:
        for label, code in zip(label_col, code_col, strict=True):
            known = labels.setdefault(label.strip(), code)
            if known != code:
                raise DataError(f"Region label {label!r} maps to both {known} and {code}.")
    return labels


def region_names(gebieden: pd.DataFrame, historie: pd.DataFrame) -> dict[str, str]:
    """CBS code -> display name (gemeente names without the StatLine suffixes)."""
    names = {NEDERLAND_CODE: "Nederland"}
    for code, label in zip(historie["gemeente_code"], historie["statline_label"], strict=True):
        names[code] = label
    names.update(zip(gebieden["gemeente_code"], gebieden["gemeente_naam"], strict=True))
    names.update(zip(gebieden["provincie_code"], gebieden["provincie_naam"], strict=True))
    names.update(zip(gebieden["corop_code"], gebieden["corop_naam"], strict=True))
    return names
