"""Peak extra memory of a v3 upload: `client.assets.upload(Path)` streams the file.

A loopback server (stdlib, a thread of this process) reads each upload in 64 KiB pieces and keeps
none of it; tracemalloc's peak over the call is what the client held at most, the file's own
bytes included if it read them whole. For contrast, the same upload of the file read into memory
first (`path.read_bytes()`), as a naive client would.
"""

from __future__ import annotations

import json
import tempfile
import threading
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import heygen

MIB = 1024 * 1024


class _Discard(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_POST(self) -> None:
        left = int(self.headers["content-length"])
        while left:
            left -= len(self.rfile.read(min(left, 64 * 1024)))
        asset = {"asset_id": "bench", "url": "https://x/bench", "mime_type": "image/jpeg", "size_bytes": 1}
        payload = json.dumps({"data": asset}).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


@contextmanager
def _server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Discard)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


def _peak_mib(action: Callable[[], object]) -> float:
    tracemalloc.start()
    try:
        action()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return round(peak / MIB, 2)


def run(smoke: bool) -> dict[str, Any]:
    size = (4 if smoke else 20) * MIB
    with tempfile.TemporaryDirectory() as scratch, _server() as url:
        path = Path(scratch) / "photo.jpg"
        path.write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * (size // 256 - 1) + b"\x00" * 252)
        with heygen.HeyGen(api_key="bench", base_url=url, timeout=120) as client:
            client.assets.upload(path)  # warm up: imports, connection
            streamed = _peak_mib(lambda: client.assets.upload(path))
            whole = _peak_mib(lambda: client.assets.upload(path.read_bytes(), content_type="image/jpeg"))
    return {"file_mib": size // MIB, "streamed_peak_mib": streamed, "read_whole_peak_mib": whole}


def table(result: dict[str, Any]) -> str:
    size = result["file_mib"]
    rows = [
        ("client.assets.upload(Path), streamed", result["streamed_peak_mib"]),
        ("the same, file read into memory first", result["read_whole_peak_mib"]),
    ]
    lines = [f"Upload of a {size} MiB file, peak memory the client held during the call (tracemalloc)"]
    lines += [f"  {'':<22}{label:<42}{peak:>8.2f} MiB" for label, peak in rows]
    return "\n".join(lines)
