"""Colour classes: rounded, stable breaks; direction-aware palettes; no-data class."""

from __future__ import annotations

import math

import pytest

from dashboard.model.catalog import load_catalog
from dashboard.render.classify import (
    BRBG,
    NO_DATA_COLOR,
    PUOR,
    PURPLES,
    YLGNBU,
    breaks,
    class_labels,
    classify,
    diverging_classes,
    hex_to_rgba,
    indicator_classes,
    legend_items,
    sequential_classes,
)

# 12 hand-made values. Quartiles (linear interpolation, positions 2.75, 5.5 and 8.25):
# 29.6 + 0.75 x 0.6 = 30.05; (32.1 + 32.6) / 2 = 32.35; 34.8 + 0.25 x 0.5 = 34.925.
# Range 9.2, k = 4: nice step <= 9.2 / 8 = 1.15 is 1, so the breaks round to 30, 32, 35.
VALUES = [28.0, 28.9, 29.6, 30.2, 31.0, 32.1, 32.6, 33.4, 34.8, 35.3, 36.0, 37.2]


def test_breaks_hand_made():
    assert breaks(VALUES, k=4) == [30.0, 32.0, 35.0]
    assert breaks(VALUES, k=4, decimals=1) == [30.0, 32.0, 35.0]


def test_breaks_are_rounded_to_nice_steps():
    # range 90, k = 5: step <= 9 -> 5; every break a multiple of 5
    values = [float(v) for v in range(100, 191)]
    result = breaks(values, k=5)
    assert result == [120.0, 135.0, 155.0, 170.0]
    assert all(b % 5 == 0 for b in result)


def test_breaks_never_need_more_decimals_than_shown():
    values = [11.5, 12.0, 12.4, 12.9, 13.3, 13.6, 13.9, 14.0, 14.1, 14.3, 15.2, 17.6]
    for b in breaks(values, k=5, decimals=1):
        assert round(b, 1) == b


def test_breaks_edge_cases():
    assert breaks([]) == []
    assert breaks([None, math.nan]) == []
    assert breaks([7.0, 7.0, 7.0]) == []  # all equal: one class
    # fewer distinct values than k: one class per value, a nice break between neighbours
    assert breaks([1, 1, 2, 2, 3], k=5) == [2.0, 3.0]
    assert breaks([5.0, 10.0, 10.0], k=5) == [10.0]
    assert breaks([None, 1.0, math.nan, 2.0, 3.0], k=5) == [2.0, 3.0]
    with pytest.raises(ValueError):
        breaks(VALUES, k=0)


def test_breaks_strictly_increasing_and_inside_the_data():
    values = [0.3, 0.5, 0.5, 0.5, 0.6, 0.6, 0.6, 0.6, 0.7, 2.9, 3.0]
    result = breaks(values, k=5, decimals=1)
    assert result == sorted(set(result))
    assert all(min(values) < b <= max(values) for b in result)


def test_breaks_stable_across_periods():
    """Breaks come from all periods pooled: whichever period is shown, the classes are the
    same, and a value has the same colour in every period."""
    by_period = {"2021": VALUES[:6], "2022": VALUES[6:]}
    pooled = [v for vals in by_period.values() for v in vals]
    classes = sequential_classes(pooled, 1, 4)
    assert breaks(list(reversed(pooled)), 4) == list(classes.breaks) == [30.0, 32.0, 35.0]
    assert classes.color(31.0) == classes.color(31.0)
    # the breaks of one period alone differ: that is why the caller pools
    assert breaks(by_period["2021"], 4) != list(classes.breaks)


def test_breaks_real_indicator_pooled(store):
    gemeenten = store.gemeente_codes(["PV22"])
    frame = store.frame("inkomen_gestandaardiseerd_mediaan")
    pooled = frame[frame["region_code"].isin(gemeenten)]["value"].tolist()
    ind = store.indicator("inkomen_gestandaardiseerd_mediaan")
    classes = indicator_classes(pooled, ind, store.catalog)
    assert classes.breaks == (24.0, 26.0, 27.0, 31.0)
    assert classes.labels["nl"][0] == "< € 24,0 duizend"
    assert classes.labels["nl"][1] == "€ 24,0 – 26,0 duizend"
    assert classes.labels["en"][-1] == "≥ €31.0 thousand"


def test_classify():
    b = [30.0, 32.0, 35.0]
    assert classify(29.99, b) == 0
    assert classify(30.0, b) == 1  # a break belongs to the class above it
    assert classify(34.9, b) == 2
    assert classify(35.0, b) == 3
    assert classify(99.0, b) == 3
    assert classify(None, b) is None
    assert classify(math.nan, b) is None
    assert classify(5.0, []) == 0


def test_labels_exact():
    classes = sequential_classes(VALUES, 1, 4, decimals=1, unit="percent")
    assert classes.labels["nl"] == ("< 30,0%", "30,0 – 32,0%", "32,0 – 35,0%", "≥ 35,0%")
    assert classes.labels["en"] == ("< 30.0%", "30.0 – 32.0%", "32.0 – 35.0%", "≥ 35.0%")
    assert class_labels([30.0, 32.5, 35.0], 1, "percent") == [
        "< 30,0%",
        "30,0 – 32,5%",
        "32,5 – 35,0%",
        "≥ 35,0%",
    ]
    # a break needing more decimals than the catalogue's gets them
    assert class_labels([0.75, 1.5], 1, "km", "km") == ["< 0,75 km", "0,75 – 1,50 km", "≥ 1,50 km"]
    assert class_labels([1000.0], 0, "m3", "m³") == ["< 1.000 m³", "≥ 1.000 m³"]


def test_direction_flips_palette_good_hue_constant():
    up = sequential_classes(VALUES, 1, 4)
    down = sequential_classes(VALUES, -1, 4)
    assert up.breaks == down.breaks
    assert up.colors == tuple(YLGNBU[4])
    assert down.colors == tuple(reversed(YLGNBU[4]))
    # "good" is dark blue in both: the highest value when higher is better, the lowest when
    # higher is worse
    assert up.color(max(VALUES)) == down.color(min(VALUES)) == "#225ea8"
    assert up.color(min(VALUES)) == down.color(max(VALUES)) == "#ffffcc"


def test_neutral_palette_single_hue():
    neutral = sequential_classes(VALUES, 0, 5)
    assert neutral.colors == tuple(PURPLES[5])
    assert NO_DATA_COLOR.lower() not in {c.lower() for c in neutral.colors}


def test_one_class_and_no_values():
    one = sequential_classes([7.0, 7.0], 1, decimals=0)
    assert one.breaks == ()
    assert len(one) == 1
    assert one.labels["nl"] == ("7",)
    assert one.color(7.0) == YLGNBU[3][1]
    empty = sequential_classes([], 1)
    assert len(empty) == 0
    assert empty.color(3.0) == NO_DATA_COLOR
    assert legend_items(empty) == [(NO_DATA_COLOR, "geen gegevens")]


def test_no_data_class():
    classes = sequential_classes(VALUES, 1, 4)
    assert classes.index(None) is None
    assert classes.color(None) == NO_DATA_COLOR == "#BDBDBD"
    assert classes.color(math.nan) == NO_DATA_COLOR
    assert classes.label(None) == "geen gegevens"
    assert classes.label(None, "en") == "no data"
    items = legend_items(classes, "nl")
    assert items[-1] == ("#BDBDBD", "geen gegevens")
    assert items[0] == ("#ffffcc", "< 30,0")
    assert legend_items(classes, "en")[-1] == ("#BDBDBD", "no data")
    assert len(items) == len(classes) + 1
    assert legend_items(classes, "nl", no_data=False) == items[:-1]


def test_diverging_centre_is_middle_break():
    classes = diverging_classes(VALUES, 31.2, 1, k=6, decimals=1, unit="percent")
    assert classes.breaks == (27.2, 29.2, 31.2, 33.2, 35.2)
    assert classes.breaks[2] == 31.2  # k/2 classes below, k/2 at or above the centre
    steps = {round(b - a, 6) for a, b in zip(classes.breaks, classes.breaks[1:], strict=False)}
    assert steps == {2.0}
    assert classes.colors == tuple(BRBG[6])
    assert classes.index(31.1) == 2 and classes.index(31.2) == 3
    assert classes.labels["nl"][3] == "31,2 – 33,2%"


def test_diverging_direction_and_neutral():
    better_high = diverging_classes(VALUES, 31.2, 1)
    better_low = diverging_classes(VALUES, 31.2, -1)
    assert better_low.colors == tuple(reversed(better_high.colors))
    # "better than the centre" is blue-green in both cases
    assert better_high.color(36.0) == better_low.color(27.0) == "#01665e"
    assert better_high.color(27.0) == better_low.color(36.0) == "#8c510a"
    assert diverging_classes(VALUES, 31.2, 0).colors == tuple(PUOR[6])


def test_diverging_rounds_centre_and_steps():
    classes = diverging_classes([10.0, 20.0, 30.0], 20.0449, 1, k=4, decimals=1)
    assert classes.breaks[1] == 20.0
    assert classes.centre == 20.0449
    # |deviations| 0.0449, 9.9551, 10.0449; 90% quantile 10.027; / 2 classes a side = 5.01
    # -> nice step 5 around the centre as shown (20.0)
    assert classes.breaks == (15.0, 20.0, 25.0)
    with pytest.raises(ValueError):
        diverging_classes(VALUES, 31.2, 1, k=5)
    with pytest.raises(ValueError):
        diverging_classes(VALUES, math.nan, 1)


def test_indicator_classes_diverging():
    catalog = load_catalog()
    ind = catalog.get("werkloosheid")  # direction -1
    classes = indicator_classes(VALUES, ind, catalog, k=5, centre=31.2)
    assert len(classes) == 6
    assert classes.color(27.0) == "#01665e"  # lower unemployment than the centre: better


def test_hex_to_rgba():
    assert hex_to_rgba("#BDBDBD") == [189, 189, 189, 255]
    assert hex_to_rgba("#253494", 128) == [37, 52, 148, 128]
    assert hex_to_rgba("abc") == [170, 187, 204, 255]
    with pytest.raises(ValueError):
        hex_to_rgba("#12345")
    with pytest.raises(ValueError):
        hex_to_rgba("#zzzzzz")
