"""The over-the-wire front end: a small HTTP/1.1 server around ``FakeHeyGen.handle``.

It exists so that anything speaking HTTP (the SDK in another process, the CLI, curl) can use the
fake. The stdlib server is enough, given three adjustments that keep it fast on loopback:

* HTTP/1.1 with ``Content-Length`` on every response, so clients keep connections alive;
* each response leaves in one buffered write, with ``TCP_NODELAY``, so it is not held back by
  Nagle's algorithm waiting for a delayed ACK (a 40 ms stall per request otherwise);
* no reverse DNS lookup of the bound address at start-up (``HTTPServer.server_bind`` does one).

Stopping closes idle keep-alive connections too, so no handler thread outlives the server.
"""

from __future__ import annotations

import contextlib
import http.server
import logging
import socket
import socketserver
import sys
import threading
from collections.abc import Mapping
from typing import Any, Protocol

from heygen.testing._app import DroppedResponse, FakeResponse, request_error

__all__ = ["FakeServer"]

_logger = logging.getLogger("heygen.testing")
_MAX_BODY = 33 << 20  # a 32 MiB upload and its multipart framing


class _Handler(Protocol):
    def handle(
        self, method: str, path: str, headers: Mapping[str, str], body: bytes = b""
    ) -> FakeResponse: ...


class _BadRequestBody(Exception):
    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


class _HTTPServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, fake: _Handler, host: str, port: int, log_requests: bool) -> None:
        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self.fake = fake
        self.log_requests = log_requests
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        super().__init__((host, port), _RequestHandler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind resolves the host's FQDN, which can block on DNS; skip it.
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name, self.server_port = str(host), int(port)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._connections_lock:
            self._connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._connections_lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def close_connections(self) -> None:
        """Wake every handler thread blocked reading an idle keep-alive connection."""
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):  # already closed by the client
                connection.shutdown(socket.SHUT_RDWR)

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # the client went away; nothing to report
        super().handle_error(request, client_address)


class _RequestHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "heygen-fake"
    disable_nagle_algorithm = True
    wbufsize = -1  # buffered: headers and body leave in one send, flushed after each request
    server: _HTTPServer

    def _serve(self) -> None:
        try:
            body = self._read_body()
        except _BadRequestBody as problem:
            self.close_connection = True
            code = "payload_too_large" if problem.status == 413 else "invalid_parameter"
            self._send(request_error(self.path, problem.status, code, str(problem)))
            return
        try:
            reply = self.server.fake.handle(self.command, self.path, dict(self.headers.items()), body)
        except DroppedResponse:
            self.close_connection = True  # done, but unanswered: the client sees the connection close
            return
        except Exception:
            _logger.exception("the fake failed to answer %s %s", self.command, self.path)
            reply = request_error(self.path, 500, "internal_error", "The fake failed; see its log")
        self._send(reply)

    def __getattr__(self, name: str) -> Any:
        # Any other method (TRACE, PROPFIND, ...) goes to the fake too, which answers it in
        # HeyGen's JSON (405 on a known path), where the standard library would send an HTML 501.
        if name.startswith("do_") and name[3:].isupper():
            return self._serve
        raise AttributeError(name)

    def _read_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            return self._read_chunked()
        length_header = self.headers.get("Content-Length")
        if length_header is None:
            return b""
        try:
            length = int(length_header)
        except ValueError:
            raise _BadRequestBody(f"invalid Content-Length {length_header!r}") from None
        if length < 0:
            raise _BadRequestBody(f"invalid Content-Length {length_header!r}")
        if length > _MAX_BODY:
            raise _BadRequestBody(f"the body is larger than {_MAX_BODY} bytes", 413)
        return self.rfile.read(length)

    def _read_chunked(self) -> bytes:
        chunks: list[bytes] = []
        total = 0
        while True:
            size_line = self.rfile.readline(1024).split(b";", 1)[0].strip()
            try:
                size = int(size_line, 16)
            except ValueError:
                raise _BadRequestBody("malformed chunked body") from None
            total += size
            if total > _MAX_BODY:
                raise _BadRequestBody(f"the body is larger than {_MAX_BODY} bytes", 413)
            if size == 0:
                while self.rfile.readline(1024).strip():  # trailers, up to the blank line
                    pass
                return b"".join(chunks)
            chunks.append(self.rfile.read(size))
            self.rfile.readline(3)  # the CRLF after each chunk

    def _send(self, reply: FakeResponse) -> None:
        self.send_response(reply.status)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(reply.body)))
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(reply.body)

    def version_string(self) -> str:
        return self.server_version

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.log_requests:
            sys.stderr.write(f"{self.address_string()} - {format % args}\n")


class FakeServer:
    """A loopback HTTP server answering from a fake, in a background thread.

    Args:
        fake: anything with ``FakeHeyGen.handle``'s signature.
        host: the address to listen on.
        port: the port; 0 picks a free one (read it back from ``url``).
        log_requests: write one line per request to stderr.
        poll_interval: how often the accept loop checks for ``stop``, so an upper bound on how
            long stopping takes. Short by default, for tests that start and stop many servers.
    """

    def __init__(
        self,
        fake: _Handler,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        log_requests: bool = False,
        poll_interval: float = 0.01,
    ) -> None:
        self._server = _HTTPServer(fake, host, port, log_requests)
        self._poll_interval = poll_interval
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self._server.socket.getsockname()[:2]
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{port}"

    def start(self) -> None:
        """Serve in a background (daemon) thread until ``stop``."""
        if self._thread is not None:
            raise RuntimeError("the server is already started")
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": self._poll_interval},
            name="heygen-fake",
            daemon=True,
        )
        self._thread.start()

    def stop(self) -> None:
        """Stop accepting, close open connections, release the port and wait for the thread."""
        if self._thread is not None:
            self._server.shutdown()
        self._server.close_connections()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
