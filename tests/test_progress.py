"""Progress since the nulmeting (views/progress.py), worked out by hand: a rising, a falling and
a within-margin case, the rounding rule, one-sided margins and progress to a target."""

from __future__ import annotations

import math

import pytest

from dashboard.views.progress import Assessment, Point, assess, target_progress


def test_rising_figure_for_a_goal_that_wants_it_higher():
    # volunteering 52.6% in 2023, say 54.1% in 2025: +1.5, the way the goal wants
    verdict = assess(Point("2023", 52.6), Point("2025", 54.1), desired=1, decimals=1)
    assert verdict.status == "better"
    assert verdict.change == pytest.approx(1.5)


def test_rising_figure_for_a_goal_that_wants_it_lower():
    # trouble making ends meet: 9.5% (2020) -> 15.6% (2022), +6.1 against the goal
    verdict = assess(Point("2020", 9.5), Point("2022", 15.6), desired=-1, decimals=1)
    assert verdict == Assessment("worse", pytest.approx(6.1))


def test_falling_figure():
    # a falling share of households with problematic debts (6.6% -> 6.1%) is what the goal wants
    verdict = assess(Point("2024", 6.6), Point("2025", 6.1), desired=-1, decimals=1)
    assert verdict.status == "better"
    assert verdict.change == pytest.approx(-0.5)
    # and for a goal that wants it higher it is worse
    assert assess(Point("2024", 6.6), Point("2025", 6.1), desired=1, decimals=1).status == "worse"


def test_within_the_margin_when_the_intervals_overlap():
    # self-rated health, Drenthe (CBS 85563NED 2022: 70.2 [68.9, 71.5]); a later round of
    # 71.0 [69.6, 72.4] overlaps it: the rise of 0.8 may be chance
    baseline = Point("2022", 70.2, 68.9, 71.5)
    verdict = assess(baseline, Point("2024", 71.0, 69.6, 72.4), desired=1, decimals=1)
    assert verdict.status == "within_margin"
    assert verdict.change == pytest.approx(0.8)


def test_outside_the_margin_is_better_or_worse():
    # the real step 2020 -> 2022 of the same figure: 79.3 [78.1, 80.4] -> 70.2 [68.9, 71.5];
    # the intervals do not overlap (71.5 < 78.1), so it is worse, not chance
    verdict = assess(
        Point("2020", 79.3, 78.1, 80.4), Point("2022", 70.2, 68.9, 71.5), desired=1, decimals=1
    )
    assert verdict.status == "worse"
    assert verdict.change == pytest.approx(-9.1)
    # intervals that only touch count as overlapping: 47.5 is the baseline's upper bound
    touching = assess(
        Point("2022", 46.0, 44.6, 47.5), Point("2024", 48.9, 47.5, 50.2), desired=1, decimals=1
    )
    assert touching.status == "within_margin"
    apart = assess(
        Point("2022", 46.0, 44.6, 47.5), Point("2024", 48.9, 47.6, 50.2), desired=1, decimals=1
    )
    assert apart.status == "better"


def test_a_margin_on_one_side_only():
    # the newer figure without a margin counts as its own point: 46.5 lies in [45.0, 47.0]
    one_sided = assess(Point("2022", 46.0, 45.0, 47.0), Point("2024", 46.5), 1, 1)
    assert one_sided.status == "within_margin"
    assert assess(Point("2022", 46.0, 45.0, 47.0), Point("2024", 47.3), 1, 1).status == "better"
    # NaN margins (what the store holds for a figure without one) are no margin
    no_margin = assess(Point("2022", 46.0, math.nan, math.nan), Point("2024", 46.5), 1, 1)
    assert no_margin.status == "better"


def test_a_change_that_rounds_to_zero_is_the_same():
    # 7.0 -> 7.04 is shown as 7,0 -> 7,0: "gelijk", never "beter"
    assert assess(Point("2022", 7.0), Point("2023", 7.04), -1, 1) == Assessment(
        "same", pytest.approx(0.04)
    )
    # with no decimals 7 -> 7.4 is the same too, 7 -> 7.5 is not
    assert assess(Point("2022", 7.0), Point("2023", 7.4), -1, 0).status == "same"
    assert assess(Point("2022", 7.0), Point("2023", 7.5), -1, 0).status == "worse"


def test_no_new_measurement():
    assert assess(Point("2023", 80.0), None, 1, 0) == Assessment("no_new")
    # a figure of the same or an earlier period is not newer
    assert assess(Point("2023", 80.0), Point("2023", 82.0), 1, 0).status == "no_new"
    assert assess(Point("2023", 80.0), Point("2019", 82.0), 1, 0).status == "no_new"
    # school years sort with years: 2022/2023 -> 2023/2024 is newer
    newer = assess(Point("2022/2023", 2.8), Point("2023/2024", 2.5), -1, 1)
    assert newer.status == "better"


def test_progress_to_a_target():
    # from 80% to a target of 90%: 85% is half way, 78% is a fifth of the distance backwards
    assert target_progress(80.0, 85.0, 90.0) == pytest.approx(0.5)
    assert target_progress(80.0, 78.0, 90.0) == pytest.approx(-0.2)
    assert target_progress(80.0, 92.0, 90.0) == pytest.approx(1.2)
    # a falling target: from 15.6% to 10%, now 12.8%: half way
    assert target_progress(15.6, 12.8, 10.0) == pytest.approx(0.5)
    # nothing to say without a newer figure, without a target value, or at the target already
    assert target_progress(80.0, None, 90.0) is None
    assert target_progress(80.0, 85.0, None) is None
    assert target_progress(90.0, 85.0, 90.0) is None
