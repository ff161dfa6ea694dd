"""Exceptions whose messages are meant for people: they name the file, row, column and problem."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd


class DataError(Exception):
    """Input data (a table, a catalogue entry, a boundary file) is not as expected."""


class MissingColumns(DataError):
    """A CBS table lacks measure columns the catalogue asks for (the store adds which
    catalogue entry asks)."""

    def __init__(self, message: str, table: str, columns: list[str]):
        super().__init__(message)
        self.table, self.columns = table, columns


def decode_error(path: Path, data: bytes, exc: UnicodeDecodeError) -> DataError:
    """A file that is not UTF-8, by the line of the first bad byte (never a byte offset)."""
    line = data[: exc.start].count(b"\n") + 1
    return DataError(
        f"{path}, line {line}: not UTF-8 text (byte 0x{data[exc.start]:02x} cannot be read); "
        "save the file as UTF-8."
    )


def parser_error(path: Path, exc: Exception) -> DataError:
    """pandas' CSV tokenizer error in words, with the line it names."""
    text = str(exc)
    found = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", text)
    if found:
        want, line, saw = found.groups()
        return DataError(
            f"{path}, line {line}: {saw} fields, but the header has {want}; "
            "is a field separator or a quote out of place?"
        )
    found = re.search(r"EOF inside string starting at row (\d+)", text)
    if found:
        return DataError(
            f"{path}, line {int(found.group(1)) + 1}: a quoted field is never closed; "
            "is the file cut off?"
        )
    return DataError(f"{path}: cannot be read as CSV ({text.split('C error: ')[-1]}).")


def check_complete_rows(frame: pd.DataFrame, path: Path) -> None:
    """A row with fewer fields than the header (read with keep_default_na=False, so only
    absent fields are NaN): the file was cut off or a row is broken; say so by its line."""
    short = frame.isna().any(axis=1)
    if short.any():
        row = int(short.to_numpy().nonzero()[0][0])
        found = int(frame.iloc[row].notna().sum())
        last = " (the last line: is the file cut off?)" if row == len(frame) - 1 else ""
        raise DataError(
            f"{path}, line {row + 2}: {found} fields, but the header has "
            f"{len(frame.columns)}{last}."
        )
