"""A user's webhook receiver for tests: a real HTTP server on 127.0.0.1, in a thread."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

Handler = Callable[[bytes, Mapping[str, str]], int]


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    handler: Handler


class _RequestHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        status = self.server.handler(body, dict(self.headers.items()))
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def receiving(handler: Handler) -> Iterator[str]:
    """Serve `handler(body, headers) -> status` on a free port; yields the URL to register."""
    server = _Server(("127.0.0.1", 0), _RequestHandler)
    server.handler = handler
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/webhooks/heygen"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
