"""Exceptions whose messages are meant for people: they name the file, row, column and problem."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path


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


def decode_text(path: Path) -> str:
    """A file's text (UTF-8, with or without a byte order mark); DataError by line if not."""
    data = path.read_bytes()
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise decode_error(path, body, exc) from None


def check_complete_rows(text: str, path: Path, sep: str) -> None:
    """A row with fewer fields than the header: the file was cut off or a row is broken; say
    so by its line (pandas would fill the missing fields with empty strings)."""
    lines = text.splitlines()
    want = lines[0].count(sep) if lines else 0
    if all(line.count(sep) >= want for line in lines[1:] if line):
        return  # the fast path: no line has fewer separators than the header
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    header = next(reader, [])
    for record in reader:
        if record and len(record) < len(header):
            line = reader.line_num
            cut = next(reader, None) is None and not text.endswith("\n")
            hint = " (the last line, without a line end: is the file cut off?)" if cut else ""
            raise DataError(
                f"{path}, line {line}: {len(record)} fields, but the header has "
                f"{len(header)}{hint}."
            )
