"""Everything the app loads, loaded and checked at once: `python -m dashboard validate` and the
app's first run call the same :func:`check_everything`, so data that validates is data the
app shows, and a problem reaches a visitor as the one clear message `validate` prints.

The store (CBS tables, area lists, catalogue, vocabulary, the project's own figures) is
loaded by the caller; this adds every boundary file (the gemeenten of every map scope, every
COROP region and every province of gebieden_2025), the region sets of every scope with
their members' boundaries, the shipped Presenteren stories, and the Sociale Agenda's goals
and residents' stories. A problem of the data as a whole raises DataError or ConfigError;
a single bad story file is, as on the pages, a problem listed beside the rest (every other
story still loads).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dashboard.config import Settings, check_folder
from dashboard.model import geo
from dashboard.model.errors import DataError
from dashboard.model.store import Store
from dashboard.vocabulary import SCOPES


@dataclass(frozen=True)
class Checked:
    """What was loaded, for validate's summary; problems of single story files."""

    boundaries: dict[str, int]  # boundary file -> features read
    region_sets: int
    stories: int
    goals: int
    verhalen: int
    problems: list[str] = field(default_factory=list)


def check_boundaries(store: Store, settings: Settings) -> dict[str, int]:
    """Every boundary file the maps read, with every area the maps ask of it."""
    geo_dir = check_folder(settings, "geo_dir")
    g = store.gebieden
    counts = {geo.GEMEENTEN_FILE: len(geo.load_gemeenten(geo_dir, "nederland", g))}
    for scope in SCOPES[:-1]:  # the smaller scopes: the same file, their own members
        geo.load_gemeenten(geo_dir, scope, g)
    for kind, column in (("corop", "corop_code"), ("provincie", "provincie_code")):
        outlines = geo.load_outlines(geo_dir, kind, sorted(g[column].unique()))
        counts[geo.OUTLINE_FILES[kind]] = len(outlines)
    return counts


def check_region_sets(store: Store, settings: Settings) -> int:
    """The region sets of every scope, every member of each region with a boundary (what
    dissolving them for a map needs)."""
    from dashboard.views import compare

    geo_dir = check_folder(settings, "geo_dir")
    codes = geo.load_gemeenten(geo_dir, "nederland", store.gebieden)["region_code"]
    n = 0
    for scope in SCOPES:
        for region_set in compare.region_set_choices(store, scope).values():
            names = {r.code: r.name() for r in region_set.regions}
            geo.check_members(codes, region_set.membership(), names)
            n += 1
    return n


def check_everything(store: Store, settings: Settings) -> Checked:
    """Load and check everything the app loads beside the store (module docstring)."""
    from dashboard.views import agenda, stories

    boundaries = check_boundaries(store, settings)
    n_sets = check_region_sets(store, settings)
    geo_dir = check_folder(settings, "geo_dir")
    gemeenten = geo.load_gemeenten(geo_dir, "drenthe", store.gebieden)
    shapes = dict(zip(gemeenten["region_code"], gemeenten.geometry, strict=True))
    data = agenda.load_agenda(store, shapes)
    found, errors = stories.list_stories(stories.stories_dir(), store)
    problems = [str(e) for e in errors]
    # in the language a page shows them by default, so that validate says what the page says
    problems += [p.message("nl") for p in data.problems]
    return Checked(
        boundaries=boundaries,
        region_sets=n_sets,
        stories=len(found),
        goals=len(data.goals.goals),
        verhalen=len(data.verhalen),
        problems=problems,
    )


__all__ = ["Checked", "DataError", "check_boundaries", "check_everything", "check_region_sets"]
