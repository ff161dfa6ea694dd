"""Eigen gegevens in the app: one upload per browser session, in its memory only.

The file is read by :mod:`dashboard.model.upload` (the same reader as ``dashboard import``)
in the file uploader's callback; a valid file replaces the session's upload, an invalid one
leaves it as it was and shows the reader's message. Nothing is written to disk or logged:
the bytes are read from Streamlit's in-memory upload and the result kept in
``st.session_state``, which dies with the session.

The session sees a store of its own (:func:`session_store`): the shared store plus its upload,
a new :class:`~dashboard.model.store.Store` (the shared one is never changed). The cached
views of app/cache.py go through :func:`session_aware`: a call that may show the upload is
computed for this session and memoised in its state, never in the caches every session
shares; every other call uses the shared cache, computed from the shared store.
"""

from __future__ import annotations

import contextlib
import contextvars
import pickle
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from dashboard.app import keys
from dashboard.model import upload as reader
from dashboard.model.store import Store
from dashboard.publish import export, templates
from dashboard.state import DEFAULT_INDICATOR, Notice, ViewState
from dashboard.text.i18n import t
from dashboard.text.numbers import escape_markdown, period_label
from dashboard.vocabulary import DRENTHE_CODE

# the views that read every indicator (a profile, a comparison, the catalogue): with an
# upload in the session they include it, whatever indicator the view names
ALL_INDICATOR_VIEWS = frozenset(
    {"_profile_view", "_handout_image", "_comparison_view", "_comparison_table", "catalog_table"}
)
MEMO_LIMIT = 256  # views memoised per session; then the memo starts again

_SHARED_ONLY: contextvars.ContextVar[bool] = contextvars.ContextVar("shared_only", default=False)


@dataclass(frozen=True)
class SessionUpload:
    upload: reader.Upload
    meta: reader.Meta
    uploaded: date

    @property
    def token(self) -> tuple[str, reader.Meta, date]:
        return (self.upload.fingerprint, self.meta, self.uploaded)


def _in_session() -> bool:
    return get_script_run_ctx(suppress_warning=True) is not None


def active() -> SessionUpload | None:
    """This session's upload (None outside a session, e.g. the warm-up thread)."""
    if _SHARED_ONLY.get() or not _in_session():
        return None
    return st.session_state.get(keys.UPLOAD)


def session_store(shared: Store) -> Store:
    """The shared store, or a new store with this session's upload added (built once per
    upload and metadata, kept in the session)."""
    state = active()
    if state is None:
        return shared
    built = st.session_state.get(keys.UPLOAD_STORE)
    if built is not None and built[0] == state.token and built[1] == id(shared):
        return built[2]
    ind = reader.indicator_for(state.meta, reader.UPLOAD_ID, state.uploaded)
    store = reader.with_indicators(shared, [(ind, state.upload.observations)])
    st.session_state[keys.UPLOAD_STORE] = (state.token, id(shared), store)
    st.session_state[keys.UPLOAD_MEMO] = {}
    return store


@contextlib.contextmanager
def shared_only() -> Iterator[None]:
    """Inside, get_store() is the shared store even in a session with an upload."""
    token = _SHARED_ONLY.set(True)
    try:
        yield
    finally:
        _SHARED_ONLY.reset(token)


def _may_show(name: str, args: tuple, kwargs: dict) -> bool:
    if name in ALL_INDICATOR_VIEWS:
        return True
    for value in (*args, *kwargs.values()):
        if isinstance(value, ViewState) and value.indicator == reader.UPLOAD_ID:
            return True
        if value == reader.UPLOAD_ID:
            return True
    return False


def session_aware(name: str, cached: Any) -> Callable[..., Any]:
    """``cached`` (an st.cache_data/st.cache_resource function) for a session with an
    upload: memoised in the session where the call may show the upload, else the shared
    cache computed from the shared store."""
    raw = cached.__wrapped__
    copies = str(getattr(cached._info, "cache_type", "")).endswith("DATA")

    def call(*args: Any, **kwargs: Any) -> Any:
        if active() is None:
            return cached(*args, **kwargs)
        if not _may_show(name, args, kwargs):
            with shared_only():
                return cached(*args, **kwargs)
        memo = st.session_state.setdefault(keys.UPLOAD_MEMO, {})
        key = (name, args, tuple(sorted(kwargs.items())))
        if key not in memo:
            if len(memo) >= MEMO_LIMIT:
                memo.clear()
            value = raw(*args, **kwargs)
            memo[key] = pickle.dumps(value) if copies else value
        found = memo[key]
        return pickle.loads(found) if copies else found  # cache_data hands out copies

    call.__wrapped__ = raw  # type: ignore[attr-defined]
    call.cached = cached  # type: ignore[attr-defined]  (the shared cache; tests look inside)
    call.clear = cached.clear  # type: ignore[attr-defined]
    call.__doc__ = cached.__doc__
    return call


def wrap_cached(namespace: dict[str, Any], module: str) -> None:
    """Make every cached function defined in ``module`` session-aware (app/cache.py)."""
    from streamlit.runtime.caching.cache_utils import CachedFunc

    for name, value in list(namespace.items()):
        if isinstance(value, CachedFunc) and getattr(value, "__module__", "") == module:
            namespace[name] = session_aware(name, value)


# --- the sidebar panel --------------------------------------------------------------------

FILE = "w_eigen_bestand"
LABEL = "w_eigen_label"
UNIT = "w_eigen_eenheid"
DECIMALS = "w_eigen_decimalen"
DIRECTION = "w_eigen_richting"
AGGREGATION = "w_eigen_regel"
THEME = "w_eigen_thema"
META_WIDGETS = (LABEL, UNIT, DECIMALS, DIRECTION, AGGREGATION, THEME)


@st.cache_resource(show_spinner=False)
def _lookup(_shared: Store, shared_id: int) -> reader.AreaLookup:
    return reader.AreaLookup.of(_shared.names, _shared.gebieden)


def lookup(shared: Store) -> reader.AreaLookup:
    """The area names of the shared store (built once per server)."""
    return _lookup(shared, id(shared))


def _set_widgets(meta: reader.Meta) -> None:
    ss = st.session_state
    ss[LABEL], ss[UNIT], ss[DECIMALS] = meta.label, meta.unit, meta.decimals
    ss[DIRECTION], ss[AGGREGATION], ss[THEME] = meta.direction, meta.aggregation, meta.theme


def accept(shared: Store, data: bytes, filename: str, today: date | None = None) -> None:
    """Read a file into this session: the new upload, or the reader's error (the previous
    upload stays)."""
    ss = st.session_state
    try:
        up = reader.read_upload(data, filename, lookup(shared))
        meta = reader.check_meta(up.meta, shared.catalog, up.filename)
    except reader.UploadError as exc:
        ss[keys.UPLOAD_ERROR] = exc
        return
    ss[keys.UPLOAD] = SessionUpload(up, meta, today or date.today())
    ss[keys.UPLOAD_ERROR] = None
    _set_widgets(meta)
    ss[keys.VIEW["indicator"]] = reader.UPLOAD_ID  # show it at once
    ss[keys.PERIOD_EXPLICIT] = False


def _on_file(shared: Store) -> None:
    file = st.session_state.get(uploader_key())
    if file is not None:
        accept(shared, file.getvalue(), file.name)


def _on_meta() -> None:
    ss = st.session_state
    state: SessionUpload | None = ss.get(keys.UPLOAD)
    if state is None:
        return
    label = str(ss.get(LABEL) or "").strip() or state.upload.meta.label
    meta = reader.Meta(
        label=label[:120],
        unit=ss[UNIT],
        decimals=int(ss[DECIMALS]),
        direction=int(ss[DIRECTION]),
        theme=ss[THEME],
        aggregation=ss[AGGREGATION],
    )
    ss[keys.UPLOAD] = SessionUpload(state.upload, meta, state.uploaded)


def _on_remove() -> None:
    ss = st.session_state
    for key in (keys.UPLOAD, keys.UPLOAD_STORE, keys.UPLOAD_MEMO, keys.UPLOAD_ERROR):
        ss.pop(key, None)
    ss[keys.UPLOAD_GENERATION] = ss.get(keys.UPLOAD_GENERATION, 0) + 1  # an empty uploader
    if ss.get(keys.VIEW["indicator"]) == reader.UPLOAD_ID:
        ss[keys.VIEW["indicator"]] = DEFAULT_INDICATOR
        ss[keys.PERIOD_EXPLICIT] = False


def uploader_key() -> str:
    """The uploader's key; a new one after 'verwijderen', so that it shows no file."""
    generation = st.session_state.get(keys.UPLOAD_GENERATION, 0)
    return FILE if not generation else f"{FILE}_{generation}"


def url_notice(notice: Notice) -> Notice:
    """A link to a session's upload (someone copied the address bar) says so."""
    if notice.reason == "unknown_indicator" and notice.value == reader.UPLOAD_ID:
        return replace(notice, reason="upload_elsewhere")
    return notice


def keep_widgets() -> None:
    """The panel's widgets keep their values over page switches (like app/controls.py's)."""
    for key in META_WIDGETS:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def panel(shared: Store, lang: str) -> None:
    """'Eigen gegevens' in the sidebar: the privacy note, the file, what was read, the
    properties with their defaults, the templates."""
    ss = st.session_state
    state: SessionUpload | None = ss.get(keys.UPLOAD)
    error: reader.UploadError | None = ss.get(keys.UPLOAD_ERROR)
    box = st.sidebar.expander(
        t("upload_title", lang),
        icon=":material/upload_file:",
        expanded=False,  # a constant: a changed argument would make it a new, closed one
        key=keys.UPLOAD_OPEN,
        on_change="rerun",
    )
    if not (box.open or state or error):  # before any upload, its content only while open:
        return  # no hidden buttons on every page
    with box:
        st.caption(t("upload_private", lang))
        st.file_uploader(
            t("upload_file", lang),
            type=["csv", "xlsx"],
            key=uploader_key(),
            on_change=_on_file,
            args=(shared,),
            help=t("upload_file_help", lang),
            max_upload_size=max(1, reader.MAX_BYTES // (1024 * 1024)),
        )
        if error is not None:
            st.error(escape_markdown(error.message(lang), 400), icon="⚠️")
            if state is not None:
                st.caption(t("upload_kept", lang))
        if state is not None:
            _status(shared, state, lang)
        _templates(shared, lang)


def _status(shared: Store, state: SessionUpload, lang: str) -> None:
    up = state.upload
    periods = up.periods
    span = period_label(periods[0], lang)
    if len(periods) > 1:
        span += f"–{period_label(periods[-1], lang)}"
    regions = up.observations["region_code"].nunique()
    st.success(
        t(
            f"upload_read_{up.shape}",
            lang,
            file=escape_markdown(up.filename, 80),
            values=up.rows,
            regions=regions,
            periods=span,
        ),
        icon=":material/check_circle:",
    )
    if LABEL not in st.session_state:
        _set_widgets(state.meta)
    catalog = shared.catalog
    units = list(catalog.units)
    themes = [reader.OWN_THEME, *sorted(catalog.themes, key=lambda k: catalog.themes[k]["order"])]
    st.text_input(t("upload_label", lang), key=LABEL, on_change=_on_meta, max_chars=120)
    st.selectbox(
        t("upload_unit", lang), units, key=UNIT, on_change=_on_meta,
        format_func=lambda u: catalog.unit_label(u, lang),
    )  # fmt: skip
    st.number_input(
        t("upload_decimals", lang), min_value=0, max_value=4, step=1, key=DECIMALS,
        on_change=_on_meta,
    )  # fmt: skip
    st.selectbox(
        t("upload_direction", lang), [1, 0, -1], key=DIRECTION, on_change=_on_meta,
        format_func=lambda d: t(f"upload_direction_{d}", lang),
    )  # fmt: skip
    st.selectbox(
        t("upload_aggregation", lang), list(reader.AGGREGATION_CHOICES), key=AGGREGATION,
        on_change=_on_meta, format_func=lambda a: t(f"upload_agg_{a}", lang),
        help=t("upload_aggregation_help", lang),
    )  # fmt: skip
    st.selectbox(
        t("upload_theme", lang), themes, key=THEME, on_change=_on_meta,
        format_func=lambda k: t("upload_theme_own", lang) if k == reader.OWN_THEME
        else catalog.theme_label(k, lang),
    )  # fmt: skip
    st.button(t("upload_remove", lang), on_click=_on_remove, icon=":material/delete:")


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@st.cache_data(show_spinner=False)
def _template(gemeenten: tuple[tuple[str, str], ...], fmt: str, example: bool) -> bytes:
    make = templates.template_xlsx if fmt == "xlsx" else templates.template_csv
    return make(gemeenten, example)


def drenthe_gemeenten(store: Store) -> tuple[tuple[str, str], ...]:
    """(code, name) of the gemeenten of Drenthe, by name (the templates' rows)."""
    g = store.gebieden[store.gebieden["provincie_code"] == DRENTHE_CODE]
    return tuple(
        sorted(zip(g["gemeente_code"], g["gemeente_naam"], strict=True), key=lambda p: p[1])
    )


def _templates(shared: Store, lang: str) -> None:
    gemeenten = drenthe_gemeenten(shared)
    for example in (False, True):
        st.caption(t("upload_example" if example else "upload_templates", lang))
        cols = st.columns(2)
        name = "eigen-gegevens-" + ("voorbeeld" if example else "sjabloon")
        for col, fmt, mime in zip(cols, ("csv", "xlsx"), ("text/csv", XLSX), strict=True):
            col.download_button(
                "CSV" if fmt == "csv" else "Excel",
                _template(gemeenten, fmt, example),
                f"{name}.{fmt}",
                mime,
                on_click="ignore",
                type="tertiary",
                icon=":material/download:",
                key=f"dl-{name}-{fmt}",
            )


# --- sharing ------------------------------------------------------------------------------


def in_story(story: Any) -> bool:
    """Whether a story has a slide of this session's upload (then it has no link)."""
    return any(slide.view.indicator == reader.UPLOAD_ID for slide in story.slides)


def own_table(store: Store, lang: str) -> pd.DataFrame:
    """The upload as a tidy table (the CSV offered instead of a link)."""
    codes = sorted(store.frame(reader.UPLOAD_ID)["region_code"].unique())
    return export.observations_table(store, [reader.UPLOAD_ID], codes, None, lang)


def no_share(store: Store, view: ViewState) -> None:
    """Instead of a link: why there is none, and the figures as CSV."""
    lang = view.lang
    st.info(t("upload_no_share", lang), icon=":material/lock:")
    ind = store.indicator(view.indicator)
    meta = export.ExportMeta.for_indicators([ind], date.today(), lang, title=ind.label(lang))
    st.download_button(
        t("upload_csv", lang),
        export.to_csv(own_table(store, lang), meta),
        "eigen-gegevens.csv",
        "text/csv",
        on_click="ignore",
        icon=":material/download:",
        key=f"dl-eigen-share-{view.indicator}",
    )
