"""Accessibility parts every page shares (WCAG 2.1 AA, docs/accessibility.md): the page's
language and title, visible focus, Dutch names for Streamlit's own controls, a name for the
map's focusable element, and downloads that keep the keyboard focus.

Streamlit 1.67 has no setting for the document's ``lang``, for the labels of its own toolbar
and tooltips, or for the focus style of its widgets, so one small same-origin script
(``st.html(..., unsafe_allow_javascript=True)``: not iframed, run in the page itself) applies
them and keeps them applied as Streamlit redraws. It reads only this module's constants and
texts from dashboard.text.i18n, never user input (``json.dumps`` escapes them for the script).
"""

from __future__ import annotations

import json

import streamlit as st

from dashboard import pages
from dashboard.model.store import Store
from dashboard.state import ViewState
from dashboard.text.i18n import t
from dashboard.text.numbers import period_label

FOCUS_COLOR = "#1F5C8B"  # the theme's primary colour: 7.1:1 on white, 6.6:1 on the sidebar

# Focus visible everywhere, at least 3:1 against its surroundings (WCAG 2.4.7, 1.4.11): a
# 3px outline in FOCUS_COLOR with a white halo, so it shows on the blue of a selected radio
# too. Streamlit draws some focus rings as a faint box-shadow (nav links, radios: 1.5:1) and
# keeps the chart and table toolbars transparent until hovered, also when focused.
SIDEBAR_TEXT = "#1A1A1A"  # the theme's textColor (.streamlit/config.toml)
STYLES = f"""
<style>
:focus-visible {{ outline: 3px solid {FOCUS_COLOR} !important; outline-offset: 2px !important;
  box-shadow: 0 0 0 5px #ffffff !important; opacity: 1 !important; }}
[data-baseweb="select"]:focus-within > div, [data-baseweb="input"]:focus-within,
[data-baseweb="textarea"]:focus-within {{ outline: 3px solid {FOCUS_COLOR} !important;
  outline-offset: 1px; }}
[role="radiogroup"] label:focus-within > div:first-child,
[data-testid="stCheckbox"] label:focus-within > span:first-child {{
  outline: 3px solid {FOCUS_COLOR} !important; outline-offset: 2px; }}
[data-testid="stElementToolbar"]:focus-within {{ opacity: 1 !important; }}
[data-testid="stElementToolbar"] button:focus-visible {{ background: #ffffff !important; }}
[data-testid="stDeckGlJsonChart"] :focus-visible,
[data-testid="stDeckGlJsonChart"]:focus-within {{ outline: 3px solid {FOCUS_COLOR} !important;
  outline-offset: 2px; }}
/* the page script's element (page_meta) takes no room */
[data-testid="stElementContainer"]:has(> [data-testid="stHtml"] > script:only-child) {{
  display: none; }}
/* text on the sidebar's tinted background at >= 4.5:1: captions (Streamlit's grey is 4.4:1
   there) and the label of a disabled control, whose caption says why it is disabled */
[data-testid="stSidebar"] [data-testid="stCaptionContainer"],
[data-testid="stSidebar"] [data-testid="stCaptionContainer"] p {{ color: #555a63; opacity: 1; }}
[data-testid="stSidebar"] [data-testid="stWidgetLabel"] p {{ color: {SIDEBAR_TEXT} !important; }}
.bw-skip {{ position: absolute; left: -10000px; top: auto; width: 1px; height: 1px;
  overflow: hidden; }}
.bw-skip:focus, .bw-skip:focus-visible {{ position: static; width: auto; height: auto;
  display: inline-block; padding: 0.3rem 0.6rem; background: #ffffff; color: {FOCUS_COLOR};
  text-decoration: underline; }}
</style>
"""

# Streamlit's own English names, and the i18n key of each one's Dutch text. A name that
# starts with the English text (e.g. "Help for Indicator") keeps the rest.
STREAMLIT_LABELS = {
    "Select all": "a11y_select_all",
    "Fullscreen": "a11y_fullscreen",
    "Close fullscreen": "a11y_close_fullscreen",
    "Help for": "a11y_help_for",
    "Download as CSV": "a11y_download_csv",
    "Download as PNG": "a11y_download_png",
    "Download": "a11y_download",
    "Show data": "a11y_show_data",
    "Copy Vega-Lite spec": "a11y_copy_spec",
    "Show/hide columns": "a11y_columns",
    "Link to heading": "a11y_heading_link",
    "Search": "a11y_search",
    "Clear all": "a11y_clear_all",
}

SKIP_TARGET = "bw-table"  # the key of the container of the map page's table

_SCRIPT = """
<script>
(() => {
  const cfg = %s;
  window.__bwA11y = cfg;
  if (window.__bwA11yObserver) { window.__bwA11yApply(); return; }
  const apply = () => {
    const c = window.__bwA11y, doc = document;
    if (doc.documentElement.lang !== c.lang) doc.documentElement.lang = c.lang;
    if (c.title && doc.title !== c.title) doc.title = c.title;
    if (c.labels) {
      for (const el of doc.querySelectorAll('[aria-label], [title]')) {
        for (const attr of ['aria-label', 'title']) {
          const v = el.getAttribute(attr);
          if (!v) continue;
          for (const [en, nl] of c.labels) {
            if (en !== nl && v.startsWith(en) && !/^[A-Za-z]/.test(v.slice(en.length))) {
              el.setAttribute(attr, nl + v.slice(en.length));
              break;
            }
          }
        }
      }
    }
    if (c.skipText) {
      const skip = doc.querySelector('[data-testid="stSkipToContent"]');
      if (skip && skip.textContent !== c.skipText) skip.textContent = c.skipText;
    }
    // the map's focusable element: named "Kaart: " and its summary sentence (the figure's label)
    for (const chart of doc.querySelectorAll('[data-testid="stDeckGlJsonChart"]')) {
      const name = c.mapPrefix + (chart.getAttribute('aria-label') || '');
      for (const el of [chart, ...chart.querySelectorAll('[tabindex], canvas')]) {
        if (el.tabIndex < 0 && el.tagName !== 'CANVAS') continue;
        if (el === chart) continue;
        if (el.getAttribute('aria-label') !== name) el.setAttribute('aria-label', name);
      }
    }
  };
  window.__bwA11yApply = apply;
  let queued = false;
  window.__bwA11yObserver = new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; apply(); });
  });
  window.__bwA11yObserver.observe(document, {subtree: true, childList: true,
    attributes: true, attributeFilter: ['aria-label', 'title', 'lang']});
  // A download button is redrawn while its file is made: keep the keyboard focus on it.
  let pending = null;
  document.addEventListener('click', (e) => {
    const box = e.target.closest && e.target.closest('[data-testid="stDownloadButton"]');
    const holder = box && box.closest('[class*="st-key-"]');
    if (!holder) return;
    const key = [...holder.classList].find(k => k.startsWith('st-key-'));
    pending = {key, until: Date.now() + 15000};
    const keep = () => {
      if (!pending || Date.now() > pending.until) { pending = null; return; }
      const active = document.activeElement;
      if (!active || active === document.body) {
        const button = document.querySelector('.' + pending.key + ' button');
        if (button && !button.disabled) { button.focus(); pending = null; return; }
      } else if (active.closest && !active.closest('.' + pending.key)) {
        pending = null; return;
      }
      setTimeout(keep, 50);
    };
    setTimeout(keep, 50);
  }, true);
  // "Skip to the table": focus the first control of the table's container.
  document.addEventListener('click', (e) => {
    const link = e.target.closest && e.target.closest('a.bw-skip');
    if (!link) return;
    e.preventDefault();
    const box = document.querySelector('.st-key-' + link.dataset.target);
    if (!box) return;
    const details = box.querySelector('details');
    if (details && !details.open) details.open = true;
    const first = box.querySelector('summary, [tabindex="0"], button, a[href]');
    if (first) { first.focus(); first.scrollIntoView({block: 'center'}); }
  }, true);
  apply();
})();
</script>
"""


# Pages whose view is one indicator in one period: their title names both.
INDICATOR_PAGES = ("kaart", "regios", "trends")


def page_title(store: Store, view: ViewState, page: pages.Page | None) -> str:
    """The document title: the view, the page and the app ("Werkloosheid 2024 — Kaart —
    Brede welvaart Drenthe"), so that every page and view has its own (WCAG 2.4.2)."""
    parts = []
    if page is not None and page.id in INDICATOR_PAGES:
        ind = store.indicator(view.indicator)
        period = view.period or store.latest_period(ind.id)
        parts.append(f"{ind.label(view.lang)} {period_label(period, view.lang)}")
    if page is not None:
        parts.append(t(page.title_key, view.lang))
    parts.append(t("app_title", view.lang))
    return " — ".join(parts)


def page_meta(lang: str, title: str) -> None:
    """The document's language and title, Streamlit's own labels in the interface
    language, and the name of the map's focusable element (its summary sentence)."""
    labels = [[en, t(key, lang)] for en, key in STREAMLIT_LABELS.items()]
    cfg = {
        "lang": lang,
        "title": title,
        "labels": labels,
        "skipText": t("a11y_skip_main", lang),
        "mapPrefix": f"{t('page_map', lang)}: ",
    }
    st.html(script(cfg), unsafe_allow_javascript=True)


def script(cfg: dict) -> str:
    """The page script with its settings. Streamlit sanitises st.html with DOMPurify, which
    empties a script whose text looks like markup ("<" before a letter, "/" or "!"): the
    settings have every "<" escaped, and the script itself has none."""
    return _SCRIPT % json.dumps(cfg).replace("<", "\\u003c")


def styles() -> None:
    st.html(STYLES)


def skip_to_table(lang: str) -> None:
    """A link, visible when focused, from before the map to the table with the same
    figures (for keyboard and screen-reader users; the map itself is a canvas)."""
    st.html(
        f'<a class="bw-skip" href="#" data-target="{SKIP_TARGET}">{t("a11y_skip_table", lang)}</a>'
    )
