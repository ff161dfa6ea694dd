"""The observation model and its loading: catalogue, area lists, boundaries, region sets, the
store and its sources. Raises DataError with messages for people; holds no display text."""
