"""Sociale Agenda: tellen én vertellen. Per goal of the Sociale Agenda Drenthe its figures
since the nulmeting, a map of Drenthe with its residents' stories, and one plain sentence;
then every goal by theme."""

from dashboard.app import cache, context, controls, resources
from dashboard.app.widgets import agenda as parts

store = resources.store_or_stop()
view = controls.current_view(store)
lang = view.lang
data = parts.data_or_stop(lang)
goal, story = parts.goal_from_url(data)
av = cache.agenda_view(view, goal, story)

parts.header(data, lang)
if not context.embedded():
    parts.goal_picker(data, goal, lang)
parts.goal_head(av, lang)
parts.map_and_stories(av, data)
parts.figures(av, view, data)
if not context.embedded():
    parts.overview(av, view, data)
parts.footer(av)
parts.end(store, view, av, data)
