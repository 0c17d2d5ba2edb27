"""A `ScriptedServer` answering with `tests.support.derived`, in a child process.

The concurrency tests measure the client: its threads or tasks, its sockets, its file
descriptors, its memory. A server in the same process would share its GIL (every request it
parses holds up the client), its descriptors and, under `tracemalloc`, its allocations. In a
child it runs on the other core, and the test reads what it saw through two control paths:
`GET /__test__/state` and `POST /__test__/reset`.

    with remote_server(api_key) as server:
        ...  # calls to server.url
        server.state()["keys"]

Run by `remote_server` as `python -m tests.support.remote API_KEY`: it prints its URL, then serves
until its standard input closes (so it ends with the test process, however that ends).
"""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit

from tests.support.children import ROOT, child_env

STATE, RESET = "/__test__/state", "/__test__/reset"


class RemoteServer:
    def __init__(self, process: subprocess.Popen[str], url: str) -> None:
        self.process = process
        self.url = url
        port = urlsplit(url).port
        assert port is not None
        self.port = port

    def _control(self, method: str, path: str) -> Any:
        # A connection of its own, closed before this returns: it is not the client's.
        request = urllib.request.Request(
            self.url + path, method=method, data=b"" if method == "POST" else None
        )
        with urllib.request.urlopen(request, timeout=10) as answer:
            return json.loads(answer.read())

    def state(self) -> dict[str, Any]:
        """What the server kept: `keys`, the Idempotency-Key of each v3 create, in arrival order."""
        state: dict[str, Any] = self._control("GET", STATE)
        return state

    def reset(self) -> None:
        self._control("POST", RESET)


@contextmanager
def remote_server(api_key: str) -> Iterator[RemoteServer]:
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.support.remote", api_key],
        cwd=ROOT,
        env=child_env(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        url = process.stdout.readline().strip()
        if not url.startswith("http://127.0.0.1:"):
            raise RuntimeError(f"the remote test server did not start (it printed {url!r})")
        yield RemoteServer(process, url)
    finally:
        assert process.stdin is not None
        process.stdin.close()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()


def main(api_key: str) -> None:
    from tests.support.derived import Derived
    from tests.support.server import Answer, Received, Reply, scripted_server

    derived = Derived(api_key)
    with scripted_server() as server:

        def reply(received: Received) -> Reply:
            if received.path == STATE:
                return Reply(200, derived.state())
            if received.path == RESET:
                derived.reset()
                server.received.clear()
                return Reply(200, {})
            return derived.reply(received)

        server.default = Answer(reply)
        print(server.url, flush=True)
        sys.stdin.read()  # until the test process closes it, or ends


if __name__ == "__main__":
    main(sys.argv[1])
