"""Page parts: each draws one part of a page from its view model (Streamlit only, no
decisions). Pages in app_pages/ call these."""
