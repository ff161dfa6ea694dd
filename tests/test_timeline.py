"""The map's timeline steps (views.timeline)."""

from __future__ import annotations

from dashboard.views import timeline

PERIODS = ["2019", "2020", "2021"]


def test_next_period_steps_and_stops_at_the_last():
    assert timeline.next_period(PERIODS, "2019") == "2020"
    assert timeline.next_period(PERIODS, "2020") == "2021"
    assert timeline.next_period(PERIODS, "2021") is None
    assert timeline.next_period(PERIODS, "1999") is None


def test_play_starts_at_the_current_period_or_again_at_the_first():
    assert timeline.play_from(PERIODS, "2020") == "2020"
    assert timeline.play_from(PERIODS, "2021") == "2019"
    assert timeline.play_from(PERIODS, None) == "2019"
    assert timeline.play_from([], None) is None


def test_only_fixed_classes_over_two_periods_or_more_play():
    assert timeline.playable(PERIODS, "klassen")
    assert not timeline.playable(PERIODS, "periode")
    assert not timeline.playable(PERIODS, "drenthe")
    assert not timeline.playable(["2023"], "klassen")
