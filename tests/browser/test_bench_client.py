"""The benchmark's websocket-level client (bench/wsclient.py) speaks Streamlit's protocol:
if Streamlit changes it, the concurrency benchmark must fail here, not measure nothing."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from bench.common import catalog_labels
from bench.wsclient import StreamlitSession


async def switches(url: str) -> list:
    labels = catalog_labels()
    # Nederland: its maps (colours and tooltips of 342 gemeenten) are larger than Streamlit's
    # smallest cached message (10 KB), so going back to one is sent as a reference
    async with StreamlitSession.open(url, "/", "indicator=werkloosheid&schaal=nederland") as s:
        runs = [await s.run_initial()]
        widget = s.widget("w_indicator")
        assert widget.kind == "selectbox"
        assert len(widget.options) == len(labels)
        for ind in ("woz_waarde", "werkloosheid", "woz_waarde"):
            runs.append(await s.set_widget(widget.id, string_value=labels[ind][1]))
            runs[-1].query = s.query
    return runs


def test_a_websocket_session_switches_indicators_like_a_browser(app_url):
    # in a thread of its own: Playwright's sync API holds this thread's event loop
    with ThreadPoolExecutor(1) as pool:
        first, woz, back, woz_again = pool.submit(asyncio.run, switches(app_url)).result()
    for run in (first, woz, back, woz_again):
        assert run.ok, (run.status, run.exceptions)
        assert run.errors == []
    assert first.headings[:2] == ["Werkloosheid", "Rangorde"]
    assert woz.headings[:2] == ["Gemiddelde WOZ-waarde", "Rangorde"]
    assert woz.query == "indicator=woz_waarde&schaal=nederland"
    assert back.headings[0] == "Werkloosheid"
    assert back.query == "indicator=werkloosheid&schaal=nederland"
    # a new map is sent whole (the deck's JSON: colours; the geometry is in static files);
    # going back to one the client still holds, as a reference
    assert first.map_bytes > 5_000 and woz.map_bytes > 5_000
    assert woz_again.headings[0] == "Gemiddelde WOZ-waarde"
    assert woz_again.map_bytes == 0 and woz_again.cache_refs >= 1
