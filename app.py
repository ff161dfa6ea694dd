"""Brede Welvaart Dashboard Drenthe: entry point (`streamlit run app.py`).

Declares the page config, the navigation and the shared controls once; every page reads
the view state these controls produce (see dashboard.app.controls and dashboard.state)."""

import streamlit as st

from dashboard import pages, urls
from dashboard.app import context, controls, guard, resources, sockets, warmup
from dashboard.app.widgets import a11y, common, present
from dashboard.text.i18n import t


def forward(target: st.Page):
    """A renamed path: open the page now there with the same query (urls.RENAMED_PATHS)."""
    return lambda: st.switch_page(target, query_params=urls.all_values(st.query_params))


def main() -> None:
    """One run of the app: the controls, the navigation and the page."""
    st.set_page_config(page_title="Brede welvaart Drenthe", page_icon="🌍", layout="wide")

    guard.refuse_client_cache_clear()  # no client empties the caches every session shares

    common.styles()
    a11y.styles()
    store = resources.store_or_stop()
    if context.embedded() and not context.embed_with_controls():
        view = controls.url_view(store)  # an embed: the view of its URL, no controls
        st.html(common.EMBED_CSS)
    else:
        view = controls.controls(store)
    controls.set_current_view(view)

    # The pages come from dashboard.pages (their paths are public: embeds and bookmarks use
    # them). The folder is app_pages/, not pages/: Streamlit treats a pages/ folder as a
    # legacy (v1) multipage app until the first st.navigation call of the server process, so
    # the very first visitor of /profiel after a restart would get that page without this
    # entry point.
    nav = {
        p.id: st.Page(
            p.file,
            title=t(p.title_key, view.lang),
            icon=p.icon,
            url_path=p.url_path or None,  # the default page is at the root whatever its path
            default=p is pages.DEFAULT,
        )
        for p in pages.PAGES
    }

    moved = [
        st.Page(forward(nav[page_id]), title=nav[page_id].title, url_path=path, visibility="hidden")
        for path, page_id in urls.moved_paths().items()
    ]
    page = st.navigation(
        [*nav.values(), *moved], position="hidden" if context.embedded() else "sidebar"
    )
    shown = pages.by_path(page.url_path)
    a11y.page_meta(view.lang, a11y.page_title(store, view, shown))
    if shown is not None and not context.embedded():
        present.add_to_story(view, shown)
    page.run()


sockets.enable()  # Nagle off (app/sockets.py): the first run's call covers later connections too
with warmup.VISITORS.run():  # the warm-up gives way while a visitor's page is being made
    main()
# Once per server process: the views a workshop asks for, in the background. Started after
# the first visitor's page, not before: beside it, the warm-up's views took the interpreter
# from that first page (a cold start 2.1 x a warm first map instead of 1.8 x, issue 17).
warmup.start()
