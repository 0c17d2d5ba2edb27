"""Sentinels and type aliases shared by the public signatures."""

from __future__ import annotations

from typing import Final, Literal, TypeAlias

import httpx


class NotGiven:
    """Marks an argument that was not passed, where None means something (`timeout=None`: none).

    >>> client.photo_avatars.train("g", timeout=None)  # no timeout at all, not "the default"
    """

    __slots__ = ()

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Final = NotGiven()
"""The default of per-call options: "not given, use the client's setting" (``None`` means no limit)."""

Timeout: TypeAlias = float | httpx.Timeout | None
"""Seconds for every phase and for the whole call, an `httpx.Timeout`, or None for no limit."""


class SecretStr(str):
    """A string that never shows itself in a repr (so not in dicts, logs or tracebacks either)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "'<redacted>'"
