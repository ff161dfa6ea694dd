"""Boundaries from PDOK's CBS gebiedsindelingen service (OGC API Features), as the GeoJSON files
:mod:`dashboard.model.geo` reads.

A collection (``gemeente_gegeneraliseerd``, ``coropgebied_gegeneraliseerd``,
``provincie_gegeneraliseerd``: data/sources.toml) holds the areas of every year; its items
are asked for one year with the ``jaarcode`` property:
``GET {base}/collections/{collection}/items?f=json&limit=1000&jaarcode=2025``. The answer is a
GeoJSON FeatureCollection in CRS84 (the OGC API default: lon/lat, as RFC 7946 wants; the
``Content-Crs`` header says so) with ``links``; the next page is the link with ``rel`` "next"
(PDOK pages with a cursor, at most 1,000 features a page). Features keep their properties
(``statcode``, ``statnaam``, ``jaarcode`` ...); only those of the year are kept, in case a
server ignores the filter.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

import requests

from dashboard.config import Settings
from dashboard.model.sources.statline import OFFLINE_HINT, PullError

PAGE_SIZE = 1000
CRS84 = (
    "http://www.opengis.net/def/crs/OGC/1.3/CRS84",
    "http://www.opengis.net/def/crs/EPSG/0/4326",
)
CHUNK = 1 << 16


def _get(
    session: requests.Session,
    url: str,
    params: dict[str, Any] | None,
    settings: Settings,
    what: str,
    on_bytes: Callable[[int], None],
    sleep: Callable[[float], None] = time.sleep,
) -> tuple[dict[str, Any], requests.Response]:
    """One page, with retries on 5xx, timeouts, dropped connections and cut-off bodies."""
    attempts = settings.retries + 1
    delay = settings.backoff
    hint = ""
    full = requests.Request("GET", url, params=params).prepare().url
    for attempt in range(1, attempts + 1):
        try:
            with session.get(url, params=params, stream=True, timeout=settings.timeout) as resp:
                if resp.status_code == 404:
                    raise PullError(
                        f"{what} does not exist at {full} (404 Not Found); "
                        "see data/sources.toml [boundaries]."
                    )
                if resp.status_code >= 400:
                    problem = f"the service answered {resp.status_code} {resp.reason} for {full}"
                    if resp.status_code < 500:
                        raise PullError(f"{what}: {problem}.")
                else:
                    body = bytearray()
                    for chunk in resp.iter_content(CHUNK):
                        body.extend(chunk)
                        on_bytes(len(chunk))
                    try:
                        return json.loads(body), resp
                    except json.JSONDecodeError as exc:
                        problem = f"the response of {full} is cut off or not JSON ({exc})"
        except requests.Timeout:
            problem = f"no answer within {settings.timeout:g} s from {full}"
        except requests.ConnectionError as exc:
            if "Read timed out" in str(exc):
                problem = f"no answer within {settings.timeout:g} s from {full}"
            else:
                problem, hint = f"cannot reach {full}", OFFLINE_HINT
        if attempt < attempts:
            sleep(delay)
            delay *= 2
    raise PullError(
        f"{what}: {problem}; gave up after {attempts} attempt{'s' if attempts > 1 else ''}.{hint}"
    )


def fetch_collection(
    settings: Settings,
    collection: str,
    year: int,
    on_bytes: Callable[[int], None] = lambda n: None,
    sleep: Callable[[float], None] = time.sleep,
) -> dict[str, Any]:
    """Every feature of ``collection`` for ``year`` as one FeatureCollection (no crs member)."""
    what = f"PDOK collection {collection}"
    url: str | None = f"{settings.pdok_url}/collections/{collection}/items"
    params: dict[str, Any] | None = {"f": "json", "limit": PAGE_SIZE, "jaarcode": year}
    first = requests.Request("GET", url, params=params).prepare().url
    features: list[dict[str, Any]] = []
    seen: set[str] = set()
    with requests.Session() as session:
        while url:
            data, resp = _get(session, url, params, settings, what, on_bytes, sleep)
            crs = resp.headers.get("Content-Crs", "").strip("<> ")
            if crs and crs not in CRS84:
                raise PullError(f"{what}: the answer is in {crs}, not CRS84 (lon/lat) ({first}).")
            if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
                raise PullError(
                    f"{what}: the answer of {resp.url} is not a GeoJSON FeatureCollection."
                )
            page = data.get("features")
            if not isinstance(page, list):
                raise PullError(f"{what}: the answer of {resp.url} has no list of features.")
            features += [
                f
                for f in page
                if str((f.get("properties") or {}).get("jaarcode", year)) == str(year)
            ]
            following = next(
                (
                    link.get("href")
                    for link in data.get("links", [])
                    if link.get("rel") == "next" and link.get("href")
                ),
                None,
            )
            if following in seen:  # a server that links a page to itself would loop forever
                raise PullError(f"{what}: the next page of {resp.url} is a page already read.")
            if following:
                seen.add(following)
            url, params = following, None
    if not features:
        raise PullError(f"{what} has no features for jaarcode {year} ({first}).")
    return {"type": "FeatureCollection", "features": features}


def write_collection(collection: dict[str, Any], path) -> int:
    """Write compact GeoJSON (UTF-8); return its size in bytes."""
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    path.write_text(text, encoding="utf-8")
    return path.stat().st_size
