"""Progress lines on stderr while a command waits; shared by every command that polls."""

from __future__ import annotations

import time
from typing import TextIO


class Progress:
    """Status lines on stderr: rewritten in place on a terminal, one line per change otherwise."""

    def __init__(self, stream: TextIO, label: str) -> None:
        self._stream = stream
        self._label = label
        self._started = time.monotonic()
        self._live = stream.isatty()
        self._last: str | None = None

    def show(self, status: str, *, note: str = "") -> None:
        """Report `status` (with an optional `note` after it) for the thing being waited on."""
        elapsed = time.monotonic() - self._started
        line = f"[{elapsed:6.1f}s] {self._label}: {status}" + (f" ({note})" if note else "")
        if self._live:
            self._stream.write("\r\033[K" + line)
        elif status != self._last:
            self._stream.write(line + "\n")
        self._stream.flush()
        self._last = status

    def done(self) -> None:
        """End the live line, if one is being rewritten."""
        if self._live and self._last is not None:
            self._stream.write("\n")
            self._stream.flush()
