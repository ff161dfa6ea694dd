"""The tidy CSV reader: a valid file round-trips exactly; each kind of mistake gets a precise
message naming the file, the row (header = row 1) and the column."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from dashboard.model.errors import DataError
from dashboard.model.schema import OBS_COLUMNS, make_observations
from dashboard.model.sources.tidy import read_tidy

HEADER = "indicator_id,region_code,period,value,lower,upper,status,source_ref,line,note"
GOOD_ROWS = [
    "vrijwilligerswerk,GM1730,2023,58.5,,,,Afbeelding 2,498,",
    "vrijwilligerswerk,PV22,2023,52.6,50.1,55.2,,Afbeelding 2,531,",
    "discriminatie_ervaren,PV22,2024,10,,,approximate,tekst,3163,\"'één op de tien', 2024?\"",
    "tabel1_startkwalificatie,CR09,2024,70.9,,,period_unstated,Tabel 1,195,",
    "jeugd,GM0106,2012/2013,-0.25,-1,0,provisional,,,",
    "halfjaar,NL01,2024H1,1e6,,,,,,",
]
REGIONS = {"GM1730", "PV22", "CR09", "GM0106", "NL01"}
INDICATORS = {
    "vrijwilligerswerk",
    "discriminatie_ervaren",
    "tabel1_startkwalificatie",
    "jeugd",
    "halfjaar",
}


def write(tmp_path: Path, *rows: str, header: str = HEADER, name: str = "obs.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def bad(tmp_path: Path, *rows: str, header: str = HEADER, **known) -> str:
    """Write a file with the good rows plus ``rows`` and return the DataError message."""
    path = write(tmp_path, *GOOD_ROWS, *rows, header=header)
    with pytest.raises(DataError) as info:
        read_tidy(path, **known)
    message = str(info.value)
    assert str(path) in message
    return message


# --- valid input -------------------------------------------------------------------------


def test_valid_file_round_trips_exactly(tmp_path):
    frame = read_tidy(write(tmp_path, *GOOD_ROWS), REGIONS, INDICATORS)
    assert list(frame.columns) == OBS_COLUMNS
    expected = make_observations(
        {
            "indicator_id": [
                "vrijwilligerswerk",
                "vrijwilligerswerk",
                "discriminatie_ervaren",
                "tabel1_startkwalificatie",
                "jeugd",
                "halfjaar",
            ],
            "region_code": ["GM1730", "PV22", "PV22", "CR09", "GM0106", "NL01"],
            "period": ["2023", "2023", "2024", "2024", "2012/2013", "2024H1"],
            "value": [58.5, 52.6, 10.0, 70.9, -0.25, 1e6],
            "lower": [math.nan, 50.1, math.nan, math.nan, -1.0, math.nan],
            "upper": [math.nan, 55.2, math.nan, math.nan, 0.0, math.nan],
            "status": ["", "", "approximate", "period_unstated", "provisional", ""],
        }
    )
    pd.testing.assert_frame_equal(frame, expected)
    # written back and read again: the same frame
    again = tmp_path / "again.csv"
    frame.to_csv(again, index=False)
    pd.testing.assert_frame_equal(read_tidy(again, REGIONS, INDICATORS), frame)


def test_bom_and_crlf_and_minimal_columns_are_accepted(tmp_path):
    path = tmp_path / "bom.csv"
    text = "indicator_id,region_code,period,value\r\nx,PV22,2023,52.6\r\n\r\n"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    frame = read_tidy(path)
    assert frame.loc[0, "indicator_id"] == "x"
    assert frame.loc[0, "value"] == 52.6
    assert frame.loc[0, "status"] == ""
    assert math.isnan(frame.loc[0, "lower"])


def test_without_known_sets_codes_are_not_checked(tmp_path):
    frame = read_tidy(write(tmp_path, *GOOD_ROWS, "anything,XX99,2023,1,,,,,,"))
    assert "XX99" in set(frame["region_code"])


# --- malformed input ---------------------------------------------------------------------


def test_missing_file(tmp_path):
    with pytest.raises(DataError, match="file not found"):
        read_tidy(tmp_path / "nope.csv")


@pytest.mark.parametrize("content", ["", "\n\n", "   \n"])
def test_empty_file(tmp_path, content):
    path = tmp_path / "empty.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataError, match="the file is empty"):
        read_tidy(path)


def test_header_only(tmp_path):
    path = write(tmp_path)
    with pytest.raises(DataError, match="header but no data rows"):
        read_tidy(path)


def test_not_utf8(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes((HEADER + "\nx,PV22,2023,1,,,,,,één\n").encode("latin-1"))
    with pytest.raises(DataError, match="not UTF-8"):
        read_tidy(path)


@pytest.mark.parametrize(("sep", "name"), [(";", "semicolon"), ("\t", "tab")])
def test_wrong_separator(tmp_path, sep, name):
    path = tmp_path / "semi.csv"
    path.write_text(
        f"indicator_id{sep}region_code{sep}period{sep}value\nx{sep}PV22{sep}2023{sep}58,5\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as info:
        read_tidy(path)
    message = str(info.value)
    assert "row 1" in message
    assert name in message
    assert "expected comma-separated" in message


def test_missing_columns(tmp_path):
    message = bad(tmp_path, header="indicator_id,region,period,waarde,status")
    assert "row 1" in message
    assert "missing column(s) region_code, value" in message


def test_duplicate_column(tmp_path):
    message = bad(tmp_path, header=HEADER + ",value")
    assert "value occur more than once" in message


def test_text_in_number_column(tmp_path):
    message = bad(tmp_path, "x,PV22,2022,n.b.,,,,,,")
    assert "row 8, column value: 'n.b.' is not a number" in message


def test_text_in_bound_column(tmp_path):
    message = bad(tmp_path, "x,PV22,2022,3,ca. 2,,,,,")
    assert "row 8, column lower: 'ca. 2' is not a number" in message


def test_nan_is_not_a_number(tmp_path):
    message = bad(tmp_path, "x,PV22,2022,nan,,,,,,")
    assert "row 8, column value: 'nan' is not a finite number" in message


def test_decimal_comma_quoted(tmp_path):
    message = bad(tmp_path, 'vrijwilligerswerk,GM1730,2022,"58,5",,,,,,')
    assert "row 8, column value" in message
    assert "decimal comma" in message
    assert "decimal point (58.5)" in message


def test_decimal_comma_with_thousands_separator(tmp_path):
    message = bad(tmp_path, 'x,CR07,2022,"51.200,0",,,,,,')
    assert "decimal point (51200.0)" in message


def test_decimal_comma_unquoted_splits_the_row(tmp_path):
    message = bad(tmp_path, "vrijwilligerswerk,GM1730,2022,58,5,,,,,,")
    assert "row 8: 11 cells, but the header has 10" in message
    assert "decimal comma" in message


def test_too_few_cells(tmp_path):
    message = bad(tmp_path, "x,PV22,2022")
    assert "row 8: 3 cells, but the header has 10" in message


def test_unknown_region(tmp_path):
    message = bad(
        tmp_path,
        "vrijwilligerswerk,GM9999,2023,50,,,,,,",
        known_regions=REGIONS,
        known_indicators=INDICATORS,
    )
    assert "row 8, column region_code: unknown region code 'GM9999'" in message


def test_unknown_indicator(tmp_path):
    message = bad(
        tmp_path,
        "vrijwiligerswerk,GM1730,2022,50,,,,,,",
        known_regions=REGIONS,
        known_indicators=INDICATORS,
    )
    assert "row 8, column indicator_id: unknown indicator 'vrijwiligerswerk'" in message


def test_unknown_status(tmp_path):
    message = bad(tmp_path, "x,PV22,2023,10,,,benadering,,,")
    assert "row 8, column status: unknown status 'benadering'" in message
    assert "'approximate'" in message and "'period_unstated'" in message


@pytest.mark.parametrize(
    ("period", "fragment"),
    [
        ("2012/'13", "not in canonical form; write '2012/2013'"),
        ("1e halfjaar 2021", "not in canonical form; write '2021H1'"),
        ("2023 ", None),  # stripped by the reader: fine
        ("23", "unknown period label '23'"),
        ("2012/2014", "does not span two consecutive years"),
    ],
)
def test_period_must_be_canonical(tmp_path, period, fragment):
    row = f'x,PV22,"{period}",1,,,,,,'
    if fragment is None:
        read_tidy(write(tmp_path, *GOOD_ROWS, row))
        return
    message = bad(tmp_path, row)
    assert "row 8, column period" in message
    assert fragment in message


def test_empty_value(tmp_path):
    message = bad(tmp_path, "x,PV22,2023,,,,,,,")
    assert "row 8, column value: value is empty; leave the row out for a missing value" in message


@pytest.mark.parametrize("column", ["indicator_id", "region_code", "period"])
def test_empty_key_cell(tmp_path, column):
    cells = {"indicator_id": "x", "region_code": "PV22", "period": "2023"}
    cells[column] = ""
    row = f"{cells['indicator_id']},{cells['region_code']},{cells['period']},1,,,,,,"
    message = bad(tmp_path, row)
    assert f"row 8, column {column}: the cell is empty" in message


def test_duplicate_key_names_both_rows(tmp_path):
    message = bad(tmp_path, "x,PV22,2023,1,,,,,,", "vrijwilligerswerk,GM1730,2023,58.6,,,,,,")
    assert "rows 2 and 9" in message
    assert "'vrijwilligerswerk', region 'GM1730', period '2023'" in message


def test_blank_lines_still_count_as_rows(tmp_path):
    message = bad(tmp_path, "", "x,PV22,2023,abc,,,,,,")
    assert "row 9, column value" in message


def test_lower_above_upper(tmp_path):
    message = bad(tmp_path, "x,PV22,2023,5,6,4,,,,")
    assert "row 8, column lower: lower bound 6 is greater than upper bound 4" in message


@pytest.mark.parametrize(
    ("row", "bound"),
    [
        ("x,PV22,2023,3,4,6,,,,", "lower"),
        ("x,PV22,2023,7,4,6,,,,", "upper"),
        ("x,PV22,2023,7,,6,,,,", "upper"),
        ("x,PV22,2023,3,4,,,,,", "lower"),
    ],
)
def test_value_outside_interval(tmp_path, row, bound):
    message = bad(tmp_path, row)
    assert "row 8, column value" in message
    assert "outside the interval" in message
    assert f"beyond the {bound} bound" in message


def test_unterminated_quote(tmp_path):
    message = bad(tmp_path, 'x,PV22,2023,1,,,,,,"open note')
    assert "check the quotes" in message
