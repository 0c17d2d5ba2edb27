"""An async connection pool belongs to the event loop it was first used in; say so when it is not.

httpx's pooled connections are bound to the loop that opened them. Used from a second loop (a
second `asyncio.run()`, another thread's loop) they fail deep inside with "Event loop is closed"
or worse; checking the loop at the start of each call turns that into an `EventLoopError`.
"""

from __future__ import annotations

import sys
import weakref

import httpx

from ._exceptions import EventLoopError

# The loop each pool was first used in, weakly held on both sides: being here keeps neither alive.
_POOL_LOOPS: weakref.WeakKeyDictionary[httpx.AsyncClient, weakref.ref[object]] = weakref.WeakKeyDictionary()


def check_event_loop(pool: httpx.AsyncClient) -> None:
    """Refuse a pool first used in another asyncio loop, before httpx fails on its connections.

    Under trio (no asyncio loop running) there is nothing to compare, and nothing is checked.
    """
    asyncio = sys.modules.get("asyncio")
    if asyncio is None:
        return
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return
    first = _POOL_LOOPS.get(pool)
    if first is None:
        _POOL_LOOPS[pool] = weakref.ref(loop)
    elif first() is not loop:  # another loop, or the first one is gone (closed and collected)
        raise EventLoopError(
            "This AsyncHeyGen client was first used in another event loop, which its connections "
            "belong to (each asyncio.run() starts a new loop): create the client inside the loop "
            "that uses it, e.g. one client per asyncio.run(), made in the coroutine it runs."
        )
