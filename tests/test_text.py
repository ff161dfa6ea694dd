"""Number formatting, unit rules, differences and escaping (text/numbers.py)."""

from __future__ import annotations

import math
import re

import pytest

from dashboard.model.catalog import load_catalog
from dashboard.text.numbers import (
    escape_markdown,
    format_amount,
    format_difference,
    format_number,
    format_value,
    period_label,
)


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def test_format_number_dutch_and_english():
    assert format_number(1234.5, 1) == "1.234,5"
    assert format_number(1234.5, 1, "en") == "1,234.5"
    assert format_number(5690, 0) == "5.690"
    assert format_number(58.5, 1) == "58,5"
    assert format_number(0.125, 2) == "0,13"  # half away from zero, as CBS rounds
    assert format_number(30.65, 1) == "30,7"
    assert format_number(-1.25, 1) == "−1,3"  # true minus sign
    assert format_number(-0.04, 1) == "0,0"  # never "-0,0"
    assert format_number(0.0, 1) == "0,0"


def test_missing_is_a_dash_never_nan_or_zero():
    for missing in (None, math.nan, float("nan")):
        assert format_number(missing, 1) == "—"
        assert format_amount(missing, "percent", 1) == "—"
    assert format_number(math.inf, 1) == "—"


def test_format_value_per_unit(catalog):
    def fmt(ind_id, value, lang="nl"):
        return format_value(value, catalog.get(ind_id), catalog, lang)

    assert fmt("werkloosheid", 58.5) == "58,5%"
    assert fmt("werkloosheid", 58.5, "en") == "58.5%"
    assert fmt("inkomen_gestandaardiseerd_mediaan", 30.6) == "€ 30,6 duizend"
    assert fmt("inkomen_gestandaardiseerd_mediaan", 30.6, "en") == "€30.6 thousand"
    assert fmt("woz_waarde", 287.0) == "€ 287 duizend"
    assert fmt("misdrijven_per_1000", 12.3) == "12,3 per 1.000 inwoners"
    assert fmt("misdrijven_per_1000", 12.3, "en") == "12.3 per 1,000 residents"
    assert fmt("afstand_huisarts", 1.2) == "1,2 km"
    assert fmt("aardgasverbruik_woning", 1150.0) == "1.150 m³"
    assert fmt("elektriciteit_woning", 2450.0) == "2.450 kWh"
    assert fmt("zonnepanelen_vermogen_per_woning", 3381.0) == "3.381 Wp per woning"
    assert fmt("zonnepanelen_vermogen_per_woning", 3381.0, "en") == "3,381 Wp per dwelling"
    assert fmt("werkloosheid", None) == "—"
    # units no indicator uses yet
    assert format_amount(5690, "count", 0) == "5.690"
    assert format_amount(7.2, "grade", 1) == "7,2"
    assert format_amount(51200, "eur", 0) == "€ 51.200"
    assert format_amount(51200, "eur", 0, "en") == "€51,200"
    assert format_amount(3.0, "new_unit", 1, symbol="ha") == "3,0 ha"


def test_format_difference(catalog):
    pct = catalog.get("werkloosheid")
    inc = catalog.get("inkomen_gestandaardiseerd_mediaan")
    gas = catalog.get("aardgasverbruik_woning")
    assert format_difference(1.234, pct, catalog) == "+1,2 procentpunt"
    assert format_difference(-1.0, pct, catalog) == "−1,0 procentpunt"
    assert format_difference(-1.0, pct, catalog, "en") == "−1.0 percentage point"
    assert format_difference(2.5, pct, catalog, "en") == "+2.5 percentage points"
    assert format_difference(0.3, inc, catalog) == "+€ 0,3 duizend"
    assert format_difference(-12.0, gas, catalog) == "−12 m³"
    assert format_difference(0.04, pct, catalog) == "0,0 procentpunt"
    assert format_difference(None, pct, catalog) == "—"


def test_period_label():
    assert period_label("2021H1") == "1e halfjaar 2021"
    assert period_label("2024H2", "en") == "second half of 2024"
    assert period_label("2021H1", "en") == "first half of 2021"
    assert period_label("2012/2013", "en") == "2012/2013"
    assert period_label("2023") == "2023"


def test_escape_markdown_script():
    out = escape_markdown("<script>alert(1)</script>")
    assert out == r"\<script\>alert\(1\)\<\/script\>"
    assert not re.search(r"(?<!\\)[<>]", out)


def test_escape_markdown_specials_and_controls():
    out = escape_markdown("[klik](javascript:x) **vet** $x$ &lt;", max_len=100)
    assert out == r"\[klik\]\(javascript\:x\) \*\*vet\*\* \$x\$ \&lt\;"
    assert escape_markdown("a\x00b\u202ec\nd\te") == "abc d e"  # controls, bidi, newlines
    assert escape_markdown(None) == ""
    assert escape_markdown("Zuidoost-Drenthe") == r"Zuidoost\-Drenthe"


def test_escape_markdown_truncates():
    out = escape_markdown("a" * 10_000)
    assert out == "a" * 59 + "…"
    assert len(escape_markdown("x" * 10_000, max_len=20)) == 20
    assert escape_markdown("kort", max_len=60) == "kort"


# --- issue 17: numbers grouped without Babel, as Babel groups them --------------------------


def test_format_number_is_babels_format_for_many_values():
    import random

    from babel.numbers import format_decimal

    from dashboard.text import numbers

    rng = random.Random(17)
    values = [0.0, -0.0, 0.05, -0.05, 0.5, 999.95, 1000.0, -1234567.891, 30.65, 1e9, 2.5, -2.5]
    values += [rng.uniform(-1e7, 1e7) for _ in range(3000)]
    values += [rng.uniform(-10, 10) for _ in range(3000)]
    for value in values:
        for decimals in (0, 1, 2, 3):
            for lang, locale in (("nl", "nl_NL"), ("en", "en_GB")):
                pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
                rounded = numbers._rounded(value, decimals)
                expected = format_decimal(rounded, format=pattern, locale=locale)
                assert numbers.format_number(value, decimals, lang) == expected.replace(
                    "-", numbers.MINUS
                ), (value, decimals, lang)
    assert numbers.format_number(1234.5, 1, "nl") == "1.234,5"
    assert numbers.format_number(-1234.5, 1, "en") == "−1,234.5"
