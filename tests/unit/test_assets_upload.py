"""`client.assets.upload` over real sockets: size limit before sending, content types, streaming."""

from __future__ import annotations

import io
import json
import threading
import tracemalloc
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

import heygen
from heygen._constants import MAX_UPLOAD_BYTES
from tests.support.server import Reply, ScriptedServer
from tests.support.v3 import JPEG, call, upload_body
from tests.unit.conftest import ClientFactory

MB = 1024 * 1024
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40


def _sparse(path: Path, size: int) -> Path:
    with path.open("wb") as file:
        file.truncate(size)
    return path


class _Endless(io.RawIOBase):
    """A stream that cannot seek and never ends (a pipe from a camera, say)."""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        buffer[:] = b"x" * len(buffer)
        return len(buffer)


def _part_headers(body: bytes) -> str:
    """The headers of the first multipart part."""
    return body.split(b"\r\n\r\n", 1)[0].decode()


@pytest.mark.parametrize("form", ["path", "bytes", "file", "stream"])
async def test_sixty_megabytes_are_refused_before_any_request(
    make_api: ClientFactory, server: ScriptedServer, tmp_path: Path, form: str
) -> None:
    client = make_api().client
    big = _sparse(tmp_path / "big.jpg", 60 * MB)
    with big.open("rb") as handle:
        value: object = {"path": big, "bytes": b"\x00" * (60 * MB), "file": handle, "stream": _Endless()}[
            form
        ]
        with pytest.raises(ValueError, match="32 MB") as caught:
            await call(client, "assets.upload", value)
        with pytest.raises(ValueError, match="32 MB"):
            await call(client, "avatars.create_photo", name="Anna", photo=value)
    assert server.received == []
    assert "https://" in str(caught.value)  # says what to do instead


async def test_exactly_the_limit_is_sent(
    make_api: ClientFactory, server: ScriptedServer, tmp_path: Path
) -> None:
    client = make_api().client
    server.queue(Reply(200, upload_body(MAX_UPLOAD_BYTES)))
    asset = await call(client, "assets.upload", _sparse(tmp_path / "limit.bin", MAX_UPLOAD_BYTES))
    assert asset.size_bytes == MAX_UPLOAD_BYTES
    assert len(server.received[0].body) > MAX_UPLOAD_BYTES  # the whole file, plus the multipart framing


@pytest.mark.parametrize(
    ("name", "content", "argument", "expected"),
    [
        ("face.png", JPEG, "image/webp", "image/webp"),  # the argument wins
        ("face.png", JPEG, None, "image/png"),  # then the file name
        ("face", JPEG, None, "image/jpeg"),  # then the first bytes
        ("face", PNG, None, "image/png"),
        ("notes", b"plain words here", None, "application/octet-stream"),
    ],
)
async def test_the_content_type_comes_from_the_argument_the_name_or_the_bytes(
    make_api: ClientFactory,
    server: ScriptedServer,
    tmp_path: Path,
    name: str,
    content: bytes,
    argument: str | None,
    expected: str,
) -> None:
    client = make_api().client
    server.queue(Reply(200, upload_body()))
    path = tmp_path / name
    path.write_bytes(content)
    await call(client, "assets.upload", path, content_type=argument)
    (received,) = server.received
    assert received.headers["content-type"].startswith("multipart/form-data; boundary=")
    headers = _part_headers(received.body.split(b"\r\n", 1)[1])
    assert 'name="file"' in headers and f'filename="{name}"' in headers
    assert f"Content-Type: {expected}" in headers


async def test_bytes_get_a_name_from_their_type(make_api: ClientFactory, server: ScriptedServer) -> None:
    client = make_api().client
    server.queue(Reply(200, upload_body()))
    await call(client, "assets.upload", PNG)
    headers = _part_headers(server.received[0].body.split(b"\r\n", 1)[1])
    assert 'filename="upload.png"' in headers and "Content-Type: image/png" in headers


async def test_a_file_is_sent_from_where_it_stands(
    make_api: ClientFactory, server: ScriptedServer, tmp_path: Path
) -> None:
    client = make_api().client
    path = tmp_path / "two.bin"
    path.write_bytes(b"HEADER--" + JPEG)
    server.queue(Reply(500, {"error": {"code": "internal_error", "message": "x"}}), Reply(200, upload_body()))
    with path.open("rb") as handle:
        handle.read(8)
        await call(client, "assets.upload", handle)
    for received in server.received:  # both attempts: from byte 8 on, not from the start
        assert JPEG in received.body and b"HEADER--" not in received.body


@pytest.mark.parametrize(
    ("value", "error", "match"),
    [
        ("face.jpg", TypeError, r"pathlib.Path\('face.jpg'\)"),
        (io.StringIO("text"), TypeError, "binary"),
        (12, TypeError, "Path, bytes"),
        (b"", ValueError, "empty"),
    ],
)
async def test_what_cannot_be_uploaded_is_refused_before_sending(
    make_api: ClientFactory, server: ScriptedServer, value: object, error: type[Exception], match: str
) -> None:
    client = make_api().client
    with pytest.raises(error, match=match):
        await call(client, "assets.upload", value)
    assert server.received == []


async def test_a_missing_file_says_so(
    make_api: ClientFactory, server: ScriptedServer, tmp_path: Path
) -> None:
    client = make_api().client
    with pytest.raises(ValueError, match="does not exist"):
        await call(client, "assets.upload", tmp_path / "nope.jpg")
    assert server.received == []


class _Discard(BaseHTTPRequestHandler):
    """Reads an upload in small pieces and keeps none of it, so the test measures only the client."""

    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_POST(self) -> None:
        left = int(self.headers["content-length"])
        while left:
            left -= len(self.rfile.read(min(left, 64 * 1024)))
        payload = json.dumps(upload_body(20 * MB)).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


@pytest.fixture
def discard_url() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Discard)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join(5)


@pytest.mark.parametrize("form", ["path", "bytes"])
async def test_a_twenty_megabyte_file_is_streamed_not_held(
    make_api: ClientFactory, discard_url: str, tmp_path: Path, form: str
) -> None:
    client = make_api(base_url=discard_url, timeout=30.0).client
    path = _sparse(tmp_path / "twenty.bin", 20 * MB)
    value = path if form == "path" else path.read_bytes()  # bytes: already held, not counted
    tracemalloc.start()
    try:
        asset = await call(client, "assets.upload", value)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert asset.size_bytes == 20 * MB
    assert peak < 4 * MB, f"peak traced memory {peak / MB:.1f} MiB for a 20 MiB upload"


def test_results_are_frozen_and_plain() -> None:
    asset = heygen.UploadedAsset(asset_id="a", url="https://x/a", mime_type="image/png", size_bytes=3)
    with pytest.raises(AttributeError):
        asset.asset_id = "b"  # type: ignore[misc]
    assert asset.to_dict() == {
        "asset_id": "a",
        "url": "https://x/a",
        "mime_type": "image/png",
        "size_bytes": 3,
    }
