"""A scriptable HTTP server on 127.0.0.1, in a thread, for tests that need real sockets.

Tests queue what the server should do with each next request (`Reply`, or a fault such as
`Reset`, `Stall`, `Drip`), then read back what it received. Unscripted requests get a 599, so a
test that sends more than it expects fails loudly.
"""

from __future__ import annotations

import json
import socket
import struct
import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

TRAIN_OK: dict[str, Any] = {
    "error": None,
    "data": {
        "code": 100,
        "data": {
            "num_of_photar": 4,
            "num_of_instant_avatar": 0,
            "num_of_studio_avatar": 0,
            "flow_id": "46b0c8af19ea12eabbd86a3cc8abeb17",
        },
        "msg": None,
        "message": None,
    },
}


def status_body(status: str, error_msg: str | None = None) -> dict[str, Any]:
    return {
        "error": None,
        "data": {
            "status": status,
            "error_msg": error_msg,
            "created_at": 1737662355.643309,
            "updated_at": None,
        },
    }


def error_body(code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message}, "data": None}


@dataclass
class Reply:
    """Answer with this status, headers and body (a dict/list is sent as JSON)."""

    status: int = 200
    body: Any = field(default_factory=lambda: TRAIN_OK)
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Reset:
    """Close the connection with a TCP reset: before any response, or after `after_bytes` of body."""

    after_bytes: int | None = None


@dataclass
class Stall:
    """Send nothing for `seconds` (longer than the client's read timeout), then close."""

    seconds: float


@dataclass
class Drip:
    """Send headers, then one body byte every `interval` seconds, up to `total` seconds."""

    interval: float = 0.05
    total: float = 30.0


Action = Reply | Reset | Stall | Drip


@dataclass
class Received:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


class ScriptedServer:
    def __init__(self) -> None:
        self.script: deque[Action] = deque()
        self.received: list[Received] = []
        self.default: Action | None = None
        self._lock = threading.Lock()
        self._stop = threading.Event()
        handler = self._handler_class()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="scripted-server", daemon=True)

    def start(self) -> ScriptedServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self._thread.join(5)

    def queue(self, *actions: Action) -> None:
        with self._lock:
            self.script.extend(actions)

    def reset(self) -> None:
        with self._lock:
            self.script.clear()
            self.received.clear()
            self.default = None

    def _next(self, received: Received) -> Action:
        with self._lock:
            self.received.append(received)
            if self.script:
                return self.script.popleft()
            if self.default is not None:
                return self.default
        return Reply(599, {"error": {"code": "unscripted", "message": "no reply queued"}, "data": None})

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # silence stderr
                pass

            def _serve(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length) if length else b""
                received = Received(
                    self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, body
                )
                action = server._next(received)
                if isinstance(action, Reply):
                    self._reply(action)
                elif isinstance(action, Reset):
                    self._reset(action)
                elif isinstance(action, Stall):
                    server._stop.wait(action.seconds)
                    self.close_connection = True
                else:
                    self._drip(action)

            do_GET = do_POST = do_PUT = do_DELETE = _serve

            def _reply(self, reply: Reply) -> None:
                if isinstance(reply.body, bytes):
                    payload = reply.body
                elif isinstance(reply.body, str):
                    payload = reply.body.encode()
                else:
                    payload = json.dumps(reply.body).encode()
                self.send_response(reply.status)
                headers = {"content-type": "application/json", **reply.headers}
                for key, value in headers.items():
                    self.send_header(key, value)
                if "content-length" not in {k.lower() for k in headers}:
                    self.send_header("content-length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def _reset(self, reset: Reset) -> None:
                if reset.after_bytes is not None:
                    self.send_response(200)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(reset.after_bytes * 10 + 10))
                    self.end_headers()
                    self.wfile.write(b"{" + b" " * max(0, reset.after_bytes - 1))
                    self.wfile.flush()
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                self.close_connection = True
                self.connection.close()

            def _drip(self, drip: Drip) -> None:
                self.send_response(200)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", "100000000")
                self.end_headers()
                started = time.monotonic()
                try:
                    while time.monotonic() - started < drip.total and not server._stop.is_set():
                        self.wfile.write(b" ")
                        self.wfile.flush()
                        server._stop.wait(drip.interval)
                except OSError:
                    pass
                self.close_connection = True

        return Handler


@contextmanager
def scripted_server() -> Iterator[ScriptedServer]:
    server = ScriptedServer().start()
    try:
        yield server
    finally:
        server.stop()
