"""Count this process's open sockets, from /proc (Linux), without psutil."""

from __future__ import annotations

import gc
import os
from pathlib import Path

HAVE_PROC = Path("/proc/self/fd").is_dir() and Path("/proc/net/tcp").exists()


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def baseline_fds() -> int:
    """The fd count to come back to: taken after a collection, so that sockets an earlier test
    left to the garbage collector are not closed during this one (the count would then end below it)."""
    gc.collect()
    return open_fds()


# The kernel's TCP states, as /proc/net/tcp numbers them.
_STATES = {
    "01": "ESTABLISHED", "02": "SYN_SENT", "03": "SYN_RECV", "04": "FIN_WAIT1", "05": "FIN_WAIT2",
    "06": "TIME_WAIT", "07": "CLOSE", "08": "CLOSE_WAIT", "09": "LAST_ACK", "0A": "LISTEN", "0B": "CLOSING",
}  # fmt: skip


def at_most_pooled(expected: int) -> int:
    """The most connections a pool may hold where `expected` is what it should keep.

    httpcore can hand one idle connection to two waiting requests at once; the one that loses
    opens another, so a pool sometimes ends a busy run a few connections above the number of
    callers or its keep-alive limit. Twice that still catches a pool that does not reuse its
    connections (hundreds here); what must be exact, no socket left once the client is closed,
    is asserted separately.
    """
    return 2 * expected


def sockets_to(port: int) -> int:
    """File descriptors of this process that are TCP connections to `port` (the client ends)."""
    return sum(socket_states(port).values())


def socket_states(port: int) -> dict[str, int]:
    """`sockets_to(port)` by TCP state, for a failure message that says what the sockets were doing."""
    inodes: set[str] = set()
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:  # closed while we looked
            continue
        if target.startswith("socket:["):
            inodes.add(target[len("socket:[") : -1])
    states: dict[str, int] = {}
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            remote_port = int(fields[2].rsplit(":", 1)[1], 16)
            if remote_port == port and fields[9] in inodes:
                state = _STATES.get(fields[3], fields[3])
                states[state] = states.get(state, 0) + 1
    return states
