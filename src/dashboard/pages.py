"""The public pages of the dashboard, once: id, file, URL path, title and icon (pure, no Streamlit).

app.py builds its navigation from :data:`PAGES`; stories name a slide's page by its id (only
the pages with ``slides=True`` can be shown on a slide); :mod:`dashboard.urls` turns an id into
the path of a link, a QR code or an embed; the benchmarks and tests read the same table. The
URL paths are public (bookmarks, embeds, printed QR codes): renaming one needs an entry in
:data:`dashboard.urls.RENAMED_PATHS`, renaming an id one in :data:`dashboard.urls.RENAMED_PAGES`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    id: str  # the page's name in code and in story files ("kaart", "regios", ...)
    file: str  # the page script, relative to app.py
    url_path: str  # the public path without its slash; "" for the default page
    title_key: str  # key of its title in dashboard.text.i18n
    icon: str  # a Material icon, as st.Page takes it
    slides: bool = False  # a slide of a story may show this page's view


# In navigation order; the first is the default page (the app's root URL).
PAGES: tuple[Page, ...] = (
    Page("kaart", "app_pages/kaart.py", "", "page_map", ":material/map:", slides=True),
    Page(
        "regios",
        "app_pages/regios.py",
        "regios",
        "page_regions",
        ":material/compare_arrows:",
        slides=True,
    ),
    Page(
        "trends",
        "app_pages/trends.py",
        "trends",
        "page_trends",
        ":material/show_chart:",
        slides=True,
    ),
    Page(
        "profiel",
        "app_pages/profiel.py",
        "profiel",
        "page_profile",
        ":material/location_city:",
        slides=True,
    ),
    Page(
        "agenda",
        "app_pages/agenda.py",
        "agenda",
        "page_agenda",
        ":material/diversity_3:",
        slides=True,
    ),
    Page(
        "presenteren",
        "app_pages/presenteren.py",
        "presenteren",
        "page_present",
        ":material/co_present:",
    ),
    Page("over", "app_pages/over.py", "over", "page_about", ":material/info:"),
)
DEFAULT = PAGES[0]  # the map
BY_ID: dict[str, Page] = {p.id: p for p in PAGES}
SLIDE_PAGES: tuple[str, ...] = tuple(p.id for p in PAGES if p.slides)


def page(page_id: str) -> Page:
    """The page with this id; KeyError for an unknown one (a typo in code, not user input)."""
    return BY_ID[page_id]


def by_path(url_path: str) -> Page | None:
    """The page at this public path ("" or "/" is the map), None for an unknown path."""
    path = url_path.strip("/")
    return next((p for p in PAGES if p.url_path == path), None)
