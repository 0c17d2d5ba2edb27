"""The HTTP server front end: HTTP/1.1 keep-alive, fast on loopback, clean to stop, thread-safe."""

from __future__ import annotations

import http.client
import json
import socket
import threading
import time
import urllib.parse
from collections.abc import Iterator

import httpx
import pytest

from heygen.testing import DEMO_GROUP_ID, FakeHeyGen
from heygen.testing._server import FakeServer
from tests.testing.conftest import KEY, STATUS, TRAIN


@pytest.fixture
def address(fake: FakeHeyGen) -> Iterator[tuple[str, int]]:
    with fake.serve() as url:
        parsed = urllib.parse.urlsplit(url)
        assert parsed.hostname is not None and parsed.port is not None
        yield parsed.hostname, parsed.port


@pytest.fixture
def connection(address: tuple[str, int]) -> Iterator[http.client.HTTPConnection]:
    connection = http.client.HTTPConnection(*address, timeout=5)
    yield connection
    connection.close()


def test_serve_yields_a_loopback_url(fake: FakeHeyGen) -> None:
    with fake.serve() as url:
        assert urllib.parse.urlsplit(url).hostname == "127.0.0.1"
        assert urllib.parse.urlsplit(url).port


def test_requests_share_one_kept_alive_connection(connection: http.client.HTTPConnection) -> None:
    sockets = set()
    for _ in range(3):
        connection.request("GET", STATUS + DEMO_GROUP_ID, headers={"x-api-key": KEY})
        response = connection.getresponse()
        assert response.status == 200 and response.version == 11
        assert not response.will_close
        assert int(response.headers["Content-Length"]) == len(response.read())
        sockets.add(connection.sock)
    assert len(sockets) == 1


def test_sequential_requests_are_not_held_back_by_nagle(address: tuple[str, int]) -> None:
    """Without TCP_NODELAY each response would wait ~40 ms for a delayed ACK."""
    with httpx.Client(base_url=f"http://{address[0]}:{address[1]}", verify=False) as client:
        client.get(STATUS + DEMO_GROUP_ID, headers={"x-api-key": KEY})
        started = time.perf_counter()
        for _ in range(50):
            client.post(TRAIN, json={"group_id": "nope"}, headers={"x-api-key": KEY})
        elapsed = time.perf_counter() - started
    assert elapsed < 1.0, f"50 requests took {elapsed:.2f}s"


def test_a_chunked_request_body_is_read(connection: http.client.HTTPConnection) -> None:
    body = iter([b'{"group_id": ', b'"demo-group"}'])
    connection.request(
        "POST",
        TRAIN,
        body=body,
        headers={"x-api-key": KEY, "Content-Type": "application/json"},
        encode_chunked=True,
    )
    response = connection.getresponse()
    assert response.status == 200, response.read()
    assert json.loads(response.read())["data"]["code"] == 100


def _raw_exchange(address: tuple[str, int], request: bytes) -> tuple[bytes, bytes]:
    """Send bytes, read until the server closes; the response's head and body."""
    with socket.create_connection(address, timeout=5) as raw:
        raw.sendall(request)
        raw.shutdown(socket.SHUT_WR)
        reply = b""
        while chunk := raw.recv(65536):
            reply += chunk
    head, _, body = reply.partition(b"\r\n\r\n")
    return head, body


def test_a_chunked_body_with_trailers_is_read(address: tuple[str, int]) -> None:
    body = b'{"group_id": "demo-group"}'
    head, _ = _raw_exchange(
        address,
        b"POST "
        + TRAIN.encode()
        + f" HTTP/1.1\r\nHost: x\r\nx-api-key: {KEY}\r\nTransfer-Encoding: chunked\r\n\r\n".encode()
        + f"{len(body):x}".encode()
        + b"\r\n"
        + body
        + b"\r\n0\r\nX-Trailer: 1\r\n\r\n",
    )
    assert head.startswith(b"HTTP/1.1 200")


@pytest.mark.parametrize(
    ("raw_headers", "raw_body", "status", "code", "message"),
    [
        (b"Content-Length: nope\r\n", b"", 400, "invalid_parameter", "invalid Content-Length 'nope'"),
        (b"Content-Length: -1\r\n", b"", 400, "invalid_parameter", "invalid Content-Length '-1'"),
        (
            b"Content-Length: 99999999\r\n",
            b"",
            413,
            "payload_too_large",
            "the body is larger than 34603008 bytes",
        ),
        (b"Transfer-Encoding: chunked\r\n", b"zz\r\n", 400, "invalid_parameter", "malformed chunked body"),
        (
            b"Transfer-Encoding: chunked\r\n",
            b"FFFFFFFF\r\n",
            413,
            "payload_too_large",
            "the body is larger than 34603008 bytes",
        ),
    ],
)
def test_an_unreadable_or_oversized_body_is_refused_and_closes_the_connection(
    address: tuple[str, int], raw_headers: bytes, raw_body: bytes, status: int, code: str, message: str
) -> None:
    head, body = _raw_exchange(
        address,
        b"POST "
        + TRAIN.encode()
        + b" HTTP/1.1\r\nHost: x\r\nx-api-key: k\r\n"
        + raw_headers
        + b"\r\n"
        + raw_body,
    )
    assert head.startswith(f"HTTP/1.1 {status}".encode())
    assert b"Connection: close" in head
    assert json.loads(body) == {"error": {"code": code, "message": message}, "data": None}


def test_head_gets_the_headers_of_the_answer_without_a_body(connection: http.client.HTTPConnection) -> None:
    connection.request("HEAD", TRAIN)
    response = connection.getresponse()
    assert response.status == 405
    assert int(response.headers["Content-Length"]) > 0
    assert response.read() == b""


def test_stopping_closes_idle_kept_alive_connections_promptly(fake: FakeHeyGen) -> None:
    with fake.serve() as url:
        parsed = urllib.parse.urlsplit(url)
        assert parsed.hostname is not None and parsed.port is not None
        connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=5)
        connection.request("GET", "/v2/x")
        assert connection.getresponse().read()
        assert connection.sock is not None
        idle = connection.sock
        started = time.perf_counter()
    assert time.perf_counter() - started < 1.0
    assert idle.recv(1) == b""  # closed by the server
    connection.close()
    with pytest.raises(httpx.ConnectError):
        httpx.get(url, timeout=1)


def test_concurrent_clients_are_served_consistently(fake: FakeHeyGen) -> None:
    statuses: list[int] = []
    lock = threading.Lock()
    with fake.serve() as url:

        def client() -> None:
            with httpx.Client(base_url=url, headers={"x-api-key": KEY}, verify=False) as http:
                codes = [http.post(TRAIN, json={"group_id": DEMO_GROUP_ID}).status_code for _ in range(10)]
            with lock:
                statuses.extend(codes)

        threads = [threading.Thread(target=client) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    # The fake clock never moves, so exactly one train starts; every other one finds it in progress.
    assert sorted(statuses) == [200] + [400] * 79
    assert len(fake.requests) == 80


def test_a_server_can_only_be_started_once(fake: FakeHeyGen) -> None:
    server = FakeServer(fake)
    server.start()
    try:
        with pytest.raises(RuntimeError, match="already started"):
            server.start()
    finally:
        server.stop()


def test_a_server_never_started_can_be_stopped(fake: FakeHeyGen) -> None:
    FakeServer(fake).stop()


def test_serve_can_log_requests(fake: FakeHeyGen, capsys: pytest.CaptureFixture[str]) -> None:
    server = FakeServer(fake, log_requests=True)
    server.start()
    try:
        httpx.get(server.url + "/v2/x", verify=False)
    finally:
        server.stop()
    assert '"GET /v2/x HTTP/1.1" 404' in capsys.readouterr().err


def test_ipv6_loopback(fake: FakeHeyGen) -> None:
    if not socket.has_ipv6:
        pytest.skip("no IPv6")
    try:
        server = FakeServer(fake, host="::1")
    except OSError:
        pytest.skip("no IPv6 loopback here")
    server.start()
    try:
        assert server.url.startswith("http://[::1]:")
        assert httpx.get(server.url + STATUS + DEMO_GROUP_ID, headers={"x-api-key": KEY}).status_code == 200
    finally:
        server.stop()
