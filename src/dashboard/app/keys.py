"""Every session-state key the app uses, in one registry, so that no two page parts collide
and a newcomer sees what a session keeps. Widget keys start with ``w_``; Streamlit keeps
their values per session."""

from __future__ import annotations

from dashboard import urls

# the shared controls (app.py's sidebar), one per ViewState field, named after its parameter
VIEW = {field: f"w_{param}" for field, param in urls.VIEW_PARAMS.items()}
PERIOD_EXPLICIT = "_periode_explicit"  # the period was chosen (else: follow the latest)
SEEDED = "_view_seeded"  # the URL has been read into the controls once
WRITTEN = "_view_written"  # the query parameters the controls last wrote
NOTICES = "_view_notices"  # what could not be used of the URL
CURRENT = "_current_view"  # the view app.py's controls produced in this run

MAP_SELECTION = "kaart"  # the map page's pydeck chart (its click selection)
TIMELINE = "w_tijdlijn"  # the map's period slider
TIMELINE_PLAYING = "_tijdlijn_speelt"  # the timeline is playing
TIMELINE_STEPPED = "_tijdlijn_stap"  # when it last showed a new period (time.monotonic)
PERIOD_PENDING = "_periode_volgende"  # a period the timeline asks the controls to show
REGION_SET = "w_regio_set"
REGION_THEME = "w_regio_thema"
TREND_REGIONS = "w_trend_regios"
TREND_MEASURE = "w_trend_maat"
PROFILE_GEMEENTE = "w_profiel_gemeente"
PROFILE_OVERVIEW = "profiel_overzicht"
ABOUT_SEARCH = "w_over_zoek"
ABOUT_INDICATORS = "w_over_indicatoren"
MAP_STORIES = "w_kaart_verhalen"  # the map page's toggle: the stories as markers
MAP_STORY = "_kaart_verhaal"  # the story clicked on the map page

AGENDA_GOAL = "w_agenda_doel"  # the Sociale Agenda page's goal picker
AGENDA_LAST_GOAL = "_agenda_doel"  # the goal last shown (kept over page switches)
AGENDA_NOTICES = "_agenda_notices"  # what this run could not use of ?doel= / ?initiatief=
AGENDA_MAP = "agenda_kaart"  # its map (the click selection of a story), + a click count
AGENDA_MAP_CLICKS = "_agenda_kaart_klikken"  # clicks on that map so far (a fresh key each)

SLIDE = "w_dia"  # the slide number (0-based)
SLIDE_MAP = "dia_kaart"
SLIDE_AGENDA_MAP = "dia_agenda_kaart"
STORY = "w_verhaal"  # the chosen shipped story
DRAFT = "_story_draft"  # slides added with "voeg deze weergave toe"
DRAFT_PROBLEM = "_story_draft_problem"  # why the draft could not be kept in / read from the URL
PRESENTING = "w_presenteer"  # the presentation layout (F)
QR = "w_qr"

SHARE_OPEN = "x_share_open_"  # + page id: whether 'Delen en insluiten' is open
SHARE_MODE = "w_share_mode_"  # + page id
SHARE_SIZE = "w_share_size_"  # + page id

# Eigen gegevens (branch upload; app/uploads.py): this session's upload, never shared
UPLOAD = "_eigen_upload"  # the SessionUpload
UPLOAD_OPEN = "x_eigen_open"  # whether the sidebar's 'Eigen gegevens' is open
UPLOAD_ERROR = "_eigen_fout"  # the last file's UploadError (None: it was read)
UPLOAD_STORE = "_eigen_store"  # (token, shared store id, the session's store)
UPLOAD_MEMO = "_eigen_memo"  # the session's own cached views that show its upload
UPLOAD_GENERATION = "_eigen_generatie"  # uploads removed so far (the uploader's key)

# branch mapfirst
MAP_PAINTED = "_kaart_getekend"  # the browser reported the map painted in this session
MAP_SIGNAL_SESSION = "_kaart_signaal"  # a token of the session for the browser's report
