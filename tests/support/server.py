"""A scriptable, fault-injecting HTTP server on 127.0.0.1, in a thread, for tests with real sockets.

Tests queue what the server should do with each next request (`Reply`, or a fault such as
`Reset`, `Stall`, `Drip`, `Flood`), or set `default` (an `Answer` computes a reply from the request
itself), then read back what it received. Unscripted requests get a 599, so a test that sends more
than it expects fails loudly.
"""

from __future__ import annotations

import json
import socket
import struct
import threading
import time
import zlib
from collections import deque
from collections.abc import Callable, Iterator
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
    """Send 200 headers (chunked, no length), then one body byte every `interval` s, for `total` s.

    No length is declared, so only the client's deadline can end it (a declared length over the
    body limit would be refused before the first byte).
    """

    interval: float = 0.05
    total: float = 30.0
    headers: bool = False  # drip the header block instead (status line, then one header, slowly)


@dataclass
class Flood:
    """Send a 200 whose body is `size` bytes of JSON-looking filler, in 64 KiB writes.

    `declare_length` sends a Content-Length (else the body is chunked); `gzip` sends it
    gzip-compressed (a small download that inflates to `size` bytes). Bytes written are counted
    in `Received.sent`, so a test can tell whether the client stopped reading.
    """

    size: int
    declare_length: bool = True
    gzip: bool = False


Behaviour = Reply | Reset | Stall | Drip | Flood


@dataclass
class Answer:
    """Compute the behaviour from the request (for `default`, when each request needs its own)."""

    reply: Callable[[Received], Behaviour]


Action = Behaviour | Answer


@dataclass
class Received:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    sent: int = 0  # response body bytes the server managed to write
    done: threading.Event = field(default_factory=threading.Event, repr=False)

    def json(self) -> Any:
        return json.loads(self.body)


_CHUNK = 64 * 1024


def _filler(size: int) -> Iterator[bytes]:
    """`size` bytes that start like a HeyGen answer and never finish: `{"data": "xxxx...`."""
    head = b'{"error": null, "data": "'
    yield head[:size]
    left = size - len(head)
    block = b"x" * _CHUNK
    while left > 0:
        yield block[: min(left, _CHUNK)]
        left -= _CHUNK


_gzip_cache: dict[int, bytes] = {}


def _gzipped(size: int) -> bytes:
    if size not in _gzip_cache:
        compressor = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: gzip container
        _gzip_cache[size] = b"".join(compressor.compress(part) for part in _filler(size)) + compressor.flush()
    return _gzip_cache[size]


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 512  # many clients connect at once in the concurrency tests

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client hanging up mid-answer is what the fault tests do; stay quiet


class ScriptedServer:
    def __init__(self) -> None:
        self.script: deque[Action] = deque()
        self.received: list[Received] = []
        self.default: Action | None = None
        self._lock = threading.Lock()
        self._stop = threading.Event()
        handler = self._handler_class()
        self.httpd = _Server(("127.0.0.1", 0), handler)
        self.port = self.httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        # `shutdown` waits for the serve loop to notice, which it does once per poll interval
        # (0.5 s by default): every server a test starts and stops would cost up to that.
        self._thread = threading.Thread(
            target=self.httpd.serve_forever,
            kwargs={"poll_interval": 0.02},
            name="scripted-server",
            daemon=True,
        )

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

    def _next(self, received: Received) -> Behaviour:
        with self._lock:
            self.received.append(received)
            action: Action
            if self.script:
                action = self.script.popleft()
            elif self.default is not None:
                action = self.default
            else:
                action = Reply(
                    599, {"error": {"code": "unscripted", "message": "no reply queued"}, "data": None}
                )
        return action.reply(received) if isinstance(action, Answer) else action

    def wait_done(self, timeout: float = 5.0) -> None:
        """Wait until the server has finished answering every request it received."""
        for received in list(self.received):
            assert received.done.wait(timeout), f"the server is still answering {received.path}"

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Headers and body go out in two writes; with Nagle on, the body waits for the
            # client's delayed ACK (40 ms) on every request.
            disable_nagle_algorithm = True

            def log_message(self, format: str, *args: Any) -> None:  # silence stderr
                pass

            def _serve(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length) if length else b""
                received = Received(
                    self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, body
                )
                action = server._next(received)
                try:
                    if isinstance(action, Reply):
                        self._reply(action)
                    elif isinstance(action, Reset):
                        self._reset(action)
                    elif isinstance(action, Stall):
                        server._stop.wait(action.seconds)
                        self.close_connection = True
                    elif isinstance(action, Flood):
                        self._flood(action, received)
                    else:
                        self._drip(action)
                except OSError:  # the client hung up: the point of most faults
                    self.close_connection = True
                finally:
                    received.done.set()

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _serve

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
                self.close_connection = True
                if drip.headers:
                    self.wfile.write(b"HTTP/1.1 200 OK\r\nX-Slow: ")
                    piece = b"a"
                else:
                    self.send_response(200)
                    self.send_header("content-type", "application/json")
                    self.send_header("transfer-encoding", "chunked")
                    self.end_headers()
                    piece = b"1\r\n \r\n"
                started = time.monotonic()
                while time.monotonic() - started < drip.total and not server._stop.is_set():
                    self.wfile.write(piece)
                    self.wfile.flush()
                    server._stop.wait(drip.interval)

            def _flood(self, flood: Flood, received: Received) -> None:
                self.close_connection = True
                parts: Iterator[bytes]
                if flood.gzip:
                    payload = _gzipped(flood.size)
                    parts = iter([payload[i : i + _CHUNK] for i in range(0, len(payload), _CHUNK)])
                    length = len(payload)
                else:
                    parts, length = _filler(flood.size), flood.size
                self.send_response(200)
                self.send_header("content-type", "application/json")
                if flood.gzip:
                    self.send_header("content-encoding", "gzip")
                if flood.declare_length:
                    self.send_header("content-length", str(length))
                else:
                    self.send_header("transfer-encoding", "chunked")
                self.end_headers()
                for part in parts:
                    if flood.declare_length:
                        self.wfile.write(part)
                    else:
                        self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
                    received.sent += len(part)
                if not flood.declare_length:
                    self.wfile.write(b"0\r\n\r\n")
                self.wfile.flush()

        return Handler


@contextmanager
def scripted_server() -> Iterator[ScriptedServer]:
    server = ScriptedServer().start()
    try:
        yield server
    finally:
        server.stop()
