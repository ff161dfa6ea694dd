"""The page shown when the data cannot be loaded: what is missing, and a way to get it.

A fresh installation has no CBS tables or boundaries (they are never in the repository). This
page says what the dashboard needs and where, and offers to fetch it ("Gegevens ophalen bij
CBS": the same `pull` as the command line, with a progress bar per table and file), or to copy
it from the configured mirror when that folder exists; then it loads the dashboard. When the
services cannot be reached (offline, a firewall) it says so and names ``pull --from``. Dutch
by default, English with ``?taal=en``.
"""

from __future__ import annotations

from pathlib import Path
from typing import NoReturn

import streamlit as st

from dashboard import urls, vocabulary
from dashboard.config import ConfigError, Settings, load_settings, public_paths
from dashboard.model import pull as pulling
from dashboard.model.catalog import load_catalog
from dashboard.model.errors import DataError
from dashboard.text.i18n import t
from dashboard.text.numbers import escape_markdown, format_number


@st.cache_data(ttl=60, show_spinner=False)
def _unreachable(cbs_url: str, pdok_url: str) -> list[str]:
    # a firewall that drops packets makes each try wait for its timeout: once a minute
    return pulling.unreachable(Settings(Path(), Path(), cbs_url=cbs_url, pdok_url=pdok_url))


def _lang() -> str:
    lang = st.query_params.get(urls.VIEW_PARAMS["lang"], vocabulary.DEFAULT_LANGUAGE)
    return vocabulary.language(str(lang).strip().lower())


class StreamlitProgress:
    """pull's Progress as Streamlit bars: one per table and file, and one for them all."""

    def __init__(self, lang: str, total: int) -> None:
        self.lang, self.total, self.done = lang, total, 0
        self.overall = st.progress(0.0, text=t("fetch_progress", lang, done="0", total=str(total)))
        self.bars: dict[str, tuple[object, str]] = {}
        self.counts: dict[str, int] = {}

    def begin(self, name: str, unit: str) -> None:
        self.bars[name] = (st.progress(0.0, text=f"{name}: {t('fetch_busy', self.lang)}"), unit)
        self.counts[name] = 0

    def advance(self, name: str, amount: int) -> None:
        # the size is known only at the end: the bar approaches full as requests or bytes come
        self.counts[name] += amount
        bar, unit = self.bars[name]
        scale = 4 if unit == "rows" else 250_000
        bar.progress(min(0.95, self.counts[name] / (self.counts[name] + scale)))

    def end(self, name: str, size: int) -> None:
        bar, unit = self.bars[name]
        if unit == "rows":
            text = t("fetch_rows", self.lang, n=format_number(size, 0, self.lang))
        else:
            text = t("fetch_megabytes", self.lang, n=format_number(size / 1e6, 2, self.lang))
        bar.progress(1.0, text=f"{name}: {text}")
        self.done += 1
        self.overall.progress(
            min(1.0, self.done / self.total),
            text=t("fetch_progress", self.lang, done=str(self.done), total=str(self.total)),
        )


def _fetch(settings: Settings, lang: str, mirror, online: bool) -> None:
    catalog = load_catalog()
    progress = StreamlitProgress(lang, pulling.total_items(catalog))
    try:
        pulling.pull(settings, catalog, mirror=mirror, online=online, progress=progress)
    except (DataError, ConfigError) as exc:
        text = public_paths(str(exc), settings)
        st.error(f"{t('fetch_failed', lang)}\n\n{escape_markdown(text, max_len=800)}")
        st.stop()
    # everything cached was made from the data there was (or its absence)
    st.cache_resource.clear()
    st.cache_data.clear()
    st.success(t("fetch_done", lang))
    st.rerun()


def no_data_page(problem: Exception) -> NoReturn:
    """Explain ``problem`` (the loader's DataError or ConfigError), offer to fetch the data,
    and stop the script (or rerun it once the data is in)."""
    lang = _lang()
    try:
        settings = load_settings()
    except ConfigError as exc:
        st.title(t("data_error", lang))
        text = public_paths(str(exc))
        st.error(f"{t('fetch_settings', lang)}\n\n{escape_markdown(text, max_len=800)}")
        st.stop()
    missing = not pulling.data_present(settings)
    st.title(t("fetch_title_missing", lang) if missing else t("data_error", lang))
    st.markdown(t("fetch_intro", lang))
    # no folder of the server on a public page: the project's relative paths, or the setting
    st.warning(escape_markdown(public_paths(str(problem), settings), max_len=800))
    cbs, geo = (public_paths(str(f), settings) for f in (settings.cbs_dir, settings.geo_dir))
    st.markdown(t("fetch_where", lang, cbs=cbs, geo=geo))
    mirror = settings.mirror if settings.mirror is not None and settings.mirror.is_dir() else None
    try:
        n = str(pulling.total_items(load_catalog()))
    except DataError:  # the catalogue itself is broken: nothing to fetch until it is fixed
        st.stop()
    down = _unreachable(settings.cbs_url, settings.pdok_url)
    online = False
    if down:
        st.info(t("fetch_offline", lang, hosts=", ".join(down)))
    else:
        online = st.button(
            t("fetch_button", lang),
            type="primary",
            key="fetch_online",
            help=t("fetch_button_help", lang, n=n),
        )
    from_mirror = mirror is not None and st.button(
        t("fetch_mirror_button", lang, mirror=public_paths(str(mirror), settings)),
        key="fetch_mirror",
    )
    if online or from_mirror:
        _fetch(settings, lang, mirror if from_mirror else None, online=bool(online))
    st.stop()
    raise AssertionError("unreachable: st.stop() raises")
