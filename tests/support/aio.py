"""Run a coroutine from a test, also when an event loop is running in this thread."""

from __future__ import annotations

import asyncio
import concurrent.futures
from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


def run(coro: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run(coro)`` in a thread of its own: Playwright's sync API (the browser tests'
    session fixtures) keeps a loop running in the main thread for the rest of the session,
    and ``asyncio.run`` refuses to start inside a running loop."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()
