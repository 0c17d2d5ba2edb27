"""Uploads under faults, against a raw loopback server that can drop a request halfway through its body.

A connection reset halfway through a 20 MB upload is retried with the same Idempotency-Key and the
file read again from its start: the server sees one half and then one whole body, never two
halves. A server that stops reading cannot hold the call past its deadline; a 413 is an error at
once; a file that shrinks or grows while being sent is refused, its request cut off; a file object
that cannot seek is read into memory first (up to the 32 MB limit), so it too can be retried.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import socket
import struct
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import heygen
from tests.support.server import Reply, ScriptedServer
from tests.support.tally import TALLY
from tests.support.v3 import JPEG, call, upload_body, v3_error
from tests.unit.conftest import ClientFactory

MB = 1_000_000
SIZE = 20 * MB


@dataclass
class Attempt:
    headers: dict[str, str]
    declared: int  # Content-Length
    read: int = 0  # body bytes the server took in
    body: bytes = b""  # kept only when whole

    @property
    def whole(self) -> bool:
        return self.read == self.declared


class UploadServer:
    """Each connection gets the next behaviour: "reset-half", "stop-reading" or "ok" (the last repeats)."""

    def __init__(self, *behaviours: str) -> None:
        self.behaviours = list(behaviours)
        self.attempts: list[Attempt] = []
        self._stop = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self._threads: list[threading.Thread] = []
        self._accept = threading.Thread(target=self._serve, daemon=True)
        self._accept.start()

    def _serve(self) -> None:
        self._listener.settimeout(0.02)  # how soon `close` is noticed
        while not self._stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            behaviour = self.behaviours[min(len(self.attempts), len(self.behaviours) - 1)]
            thread = threading.Thread(target=self._handle, args=(conn, behaviour), daemon=True)
            self._threads.append(thread)
            thread.start()

    def _handle(self, conn: socket.socket, behaviour: str) -> None:
        with conn:
            stream = conn.makefile("rb")
            lines = []
            while (line := stream.readline()) not in (b"\r\n", b""):
                lines.append(line.decode("latin-1").rstrip("\r\n"))
            headers = {k.strip().lower(): v.strip() for k, _, v in (x.partition(":") for x in lines[1:])}
            attempt = Attempt(headers, int(headers.get("content-length", "0")))
            self.attempts.append(attempt)
            if behaviour == "stop-reading":
                self._stop.wait(10)
                return
            limit = attempt.declared // 2 if behaviour == "reset-half" else attempt.declared
            body = bytearray()
            while len(body) < limit:
                piece = stream.read1(min(1 << 16, limit - len(body)))
                if not piece:
                    break
                body += piece
            attempt.read = len(body)
            if behaviour == "reset-half":
                conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                return
            if not attempt.whole:
                return
            attempt.body = bytes(body)
            payload = json.dumps(upload_body(size=attempt.declared)).encode()
            conn.sendall(
                b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nconnection: close\r\n"
                + f"content-length: {len(payload)}\r\n\r\n".encode()
                + payload
            )

    def close(self) -> None:
        self._stop.set()
        self._accept.join(5)
        self._listener.close()
        for thread in self._threads:
            thread.join(5)


@pytest.fixture
def uploads() -> Iterator[list[UploadServer]]:
    made: list[UploadServer] = []
    yield made
    for server in made:
        server.close()


def _serve(made: list[UploadServer], *behaviours: str) -> UploadServer:
    server = UploadServer(*behaviours)
    made.append(server)
    return server


_DATA: list[bytes] = []


def _data() -> bytes:
    """20 MB that no part of the multipart framing can be mistaken for (made once)."""
    if not _DATA:
        _DATA.append(JPEG + os.urandom(SIZE - len(JPEG)))
    return _DATA[0]


class Pipe(io.RawIOBase):
    """A file object that cannot seek (a pipe's read end), fed by a thread."""

    def __init__(self, data: bytes) -> None:
        read, write = os.pipe()
        self._file = os.fdopen(read, "rb")
        self._writer = threading.Thread(target=self._feed, args=(write, data), daemon=True)
        self._writer.start()

    @staticmethod
    def _feed(fd: int, data: bytes) -> None:
        with os.fdopen(fd, "wb") as out:
            out.write(data)

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def read(self, size: int = -1) -> bytes:
        return self._file.read(size)

    def close(self) -> None:
        self._file.close()
        self._writer.join(5)
        super().close()


@pytest.mark.parametrize("source", ["path", "bytes", "non-seekable"])
async def test_a_reset_halfway_through_20_mb_is_retried_whole_with_the_same_key(
    make_api: ClientFactory, uploads: list[UploadServer], tmp_path: Path, source: str
) -> None:
    server = _serve(uploads, "reset-half", "ok")
    data = _data()
    file: Any
    if source == "path":
        file = tmp_path / "face.jpg"
        file.write_bytes(data)
    elif source == "bytes":
        file = data
    else:
        file = Pipe(data)
    client = make_api(base_url=server.url, timeout=30.0, max_retries=2).client
    started = time.monotonic()
    try:
        asset = await call(client, "assets.upload", file)
    finally:
        if isinstance(file, Pipe):
            file.close()
    elapsed = time.monotonic() - started

    assert isinstance(asset, heygen.UploadedAsset)
    first, second = server.attempts
    assert not first.whole and SIZE // 2 - MB < first.read <= first.declared // 2
    assert second.whole and second.declared == first.declared > SIZE
    assert first.headers["idempotency-key"] == second.headers["idempotency-key"]
    # The whole file, from its first byte, exactly once: read again from the start, not resumed.
    assert second.body.count(data[:64]) == 1
    start = second.body.index(data[:64])
    assert hashlib.sha256(second.body[start : start + SIZE]).digest() == hashlib.sha256(data).digest()
    assert elapsed < 20.0, f"took {elapsed:.1f} s"
    TALLY.scenario(f"v3-upload-reset-halfway/{source}")


async def test_a_server_that_stops_reading_cannot_hold_the_call_past_its_deadline(
    make_api: ClientFactory, uploads: list[UploadServer]
) -> None:
    server = _serve(uploads, "stop-reading")
    client = make_api(base_url=server.url, timeout=0.5, max_retries=2).client
    started = time.monotonic()
    with pytest.raises(heygen.APITimeoutError) as caught:
        await call(client, "assets.upload", _data())
    elapsed = time.monotonic() - started
    assert 0.45 <= elapsed <= 1.5, f"took {elapsed:.2f} s"
    assert len(server.attempts) == 1
    assert caught.value.idempotency_key == server.attempts[0].headers["idempotency-key"]
    TALLY.scenario("v3-upload-server-stops-reading")


async def test_413_is_an_error_at_once(make_api: ClientFactory, server: ScriptedServer) -> None:
    server.default = Reply(413, v3_error("file_too_large", "The file is too large", param="file"))
    client = make_api(max_retries=2).client
    with pytest.raises(heygen.APIStatusError) as caught:
        await call(client, "assets.upload", JPEG)
    assert caught.value.status_code == 413 and caught.value.param == "file"
    assert "file_too_large" in str(caught.value) and caught.value.idempotency_key
    assert len(server.received) == 1
    TALLY.scenario("v3-upload-413")


class Changing(io.BytesIO):
    """A seekable file that shrinks or grows once its third read has begun."""

    def __init__(self, data: bytes, change: str) -> None:
        super().__init__(data)
        self.change = change
        self.reads = 0

    def read(self, size: int | None = -1) -> bytes:
        self.reads += 1
        if self.reads == 3:
            if self.change == "shrinks":
                self.truncate(len(JPEG) * 2)
            else:
                position = self.tell()
                self.seek(0, os.SEEK_END)
                self.write(b"\0" * MB)
                self.seek(position)
        return super().read(size)


@pytest.mark.parametrize("change", ["shrinks", "grows"])
async def test_a_file_that_changes_size_while_sent_is_refused_and_its_request_cut_off(
    make_api: ClientFactory, uploads: list[UploadServer], change: str
) -> None:
    server = _serve(uploads, "ok")
    client = make_api(base_url=server.url, max_retries=2).client
    now = {"shrinks": "shorter", "grows": "longer"}[change]
    with pytest.raises(ValueError, match=f"changed while it was being uploaded.*is now {now}"):
        await call(client, "assets.upload", Changing(JPEG + b"\0" * (4 * MB), change))
    deadline = time.monotonic() + 5
    while not server.attempts and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.1)
    assert len(server.attempts) == 1 and not server.attempts[0].whole  # never a complete request
    TALLY.scenario(f"v3-upload-file-{change}")
