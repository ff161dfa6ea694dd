"""The map first (issue 17): parts of the map page held back until the browser has painted
the map.

A browser builds every element of a script run as soon as it arrives, and they all arrive
within the same ~100 ms: the ranking (a Vega chart) and the table (a data grid) then compete
with the map for the browser's main thread and delay its first paint by about a second.
So on the map page the ranking chart, the table with its downloads and the image downloads
wait: each is a fragment whose first run writes only a light placeholder of about the same
height, which is also a signal (a custom component) that waits in the browser until the
map's canvas has painted, two animation frames more, and then reports it. That reruns only
the fragments (one key for all: the first report reruns every placeholder's fragment),
which write the real content in the placeholders' places. The signal gives up
waiting after ``WAIT_MS`` (no map canvas, no WebGL, a map slower than that): nothing the
page shows is ever lost, at worst it comes as it did before.

Nothing is held back (everything is written in the first run, as before):

- when the client is not a browser (:func:`runs_the_signal`): AppTest and the benchmark's
  websocket client run no JavaScript, so a signal would never come;
- once the map has painted in this session (``keys.MAP_PAINTED``): an indicator switch, a
  period, a selection or a return to the map page write everything at once. On a switch
  the parts are already on the screen and are updated in place beside a map that is
  already there; holding them back again would blank the ranking and the table to a
  placeholder for a moment on every switch (flicker) for a gain only the first paint of
  the map needs."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from contextlib import suppress

import streamlit as st
from streamlit.errors import StreamlitAPIException

from dashboard.app import keys
from dashboard.text.i18n import t

WAIT_MS = 5000  # the longest a part waits for the map, from the moment its placeholder shows
FRAGMENT = "bw_after_map"  # the key of the placeholders' fragments (one rerun for all)

# One watcher per page (a promise on window), shared by every placeholder: the first
# deck.gl canvas of the map that has opaque pixels (sampled at 32 x 20 every 50 ms), then
# two animation frames (the frame that showed it has been composited), or WAIT_MS.
_JS = """
export default function (component) {
  const { setTriggerValue, parentElement, data } = component;
  const box = parentElement.querySelector('.bw-held');
  if (box && data) {
    box.style.height = data.height + 'px';
    box.querySelector('span').textContent = data.text;
  }
  const w = window;
  // window.__bwMapWaitMs: a test's own limit (tests/browser/test_after_map_browser.py)
  const wait = w.__bwMapWaitMs || (data && data.wait) || 5000;
  if (!w.__bwMapPainted) {
    w.__bwMapPainted = new Promise((resolve) => {
      const until = performance.now() + wait;
      const probe = document.createElement('canvas');
      probe.width = 32; probe.height = 20;
      const ctx = probe.getContext('2d', { willReadFrequently: true });
      const painted = () => {
        const c = document.querySelector("[data-testid='stDeckGlJsonChart'] canvas");
        if (!c || !c.width || !c.height) return false;
        try {
          ctx.clearRect(0, 0, 32, 20);
          ctx.drawImage(c, 0, 0, 32, 20);
          const d = ctx.getImageData(0, 0, 32, 20).data;
          for (let i = 3; i < d.length; i += 4) if (d[i] > 0) return true;
          return false;
        } catch (e) {
          return true;  // an unreadable canvas: it exists, count it as drawn
        }
      };
      const done = (reason) => requestAnimationFrame(() => requestAnimationFrame(() => {
        w.__bwMapWait = { reason, at: performance.now() };  // for tests and benchmarks
        resolve(reason);
      }));
      const check = () => {
        if (painted()) done('painted');
        else if (performance.now() > until) done('timeout');
        else setTimeout(check, 50);
      };
      check();
    });
  }
  // one report per session (data.session), from whichever placeholder is still there: its
  // callback reruns them all (reports of several at once would arrive as one batch)
  let mounted = true;
  w.__bwMapPainted.then(() => {
    const sent = w.__bwMapReported || (w.__bwMapReported = new Set());
    if (!mounted || sent.has(data.session)) return;
    sent.add(data.session);
    setTriggerValue('painted', true);
  });
  return () => { mounted = false; };
}
"""

_HTML = '<div class="bw-held" aria-busy="true"><span></span></div>'

_CSS = """
.bw-held { border-radius: 0.5rem; opacity: 0.5;
           background: var(--st-secondary-background-color, #f2f5f8); }
.bw-held span { position: absolute; width: 1px; height: 1px; overflow: hidden;
                clip-path: inset(50%); white-space: nowrap; }
"""

_signal = st.components.v2.component("bw_after_map", html=_HTML, css=_CSS, js=_JS)


def runs_the_signal(user_agent: str | None) -> bool:
    """Whether the client will run the signal's JavaScript: a browser, whose user agent
    starts with "Mozilla/" (every browser's does, headless Chromium's too). AppTest sends no
    headers; the benchmark's websocket client sends "Python/… websockets/…"."""
    return bool(user_agent) and str(user_agent).startswith("Mozilla/")


def holding_back() -> bool:
    """Whether this run holds the map page's parts back (see the module's docstring)."""
    if st.session_state.get(keys.MAP_PAINTED, False):
        return False
    return runs_the_signal(st.context.headers.get("User-Agent"))


def after_map(place: str, height: int, lang: str, draw: Callable[[], None]) -> None:
    """``draw()`` now, or, while :func:`holding_back`, in a fragment of its own once the
    browser reports the map painted; until then a placeholder ``height`` pixels high.
    ``place``: a name unique on the page (the signal's key)."""
    if holding_back():
        _held(place, height, lang, draw)
    else:
        draw()


def _session() -> str:
    """A token of this session: the browser's report is sent once per session."""
    return st.session_state.setdefault(keys.MAP_SIGNAL_SESSION, secrets.token_hex(8))


def _painted() -> None:
    """The signal's callback: from now on nothing is held back, and every placeholder's
    fragment reruns (all call sites of ``_held`` share its key) and draws its part."""
    st.session_state[keys.MAP_PAINTED] = True
    with suppress(StreamlitAPIException):  # no placeholder left (another page by now)
        st.rerun(FRAGMENT)


@st.fragment(key=FRAGMENT)
def _held(place: str, height: int, lang: str, draw: Callable[[], None]) -> None:
    if not holding_back():  # the fragment's rerun after a signal (this one's or another's)
        draw()
        return
    # the place keeps its height while the fragment reruns (Streamlit hides the stale custom
    # component, display: none, until the part replaces it); style-only HTML takes no room
    st.html(
        f"<style>.st-key-bw_after_map_{place} "
        f"{{ display: block !important; min-height: {height}px; }}</style>"
    )
    _signal(
        key=f"bw_after_map_{place}",
        data={
            "wait": WAIT_MS,
            "height": height,
            "text": t("after_map_waiting", lang),
            "session": _session(),
        },
        height=height,
        on_painted_change=_painted,
    )
