"""Local files for `POST /v3/assets`: checked, sized and typed before anything is sent.

A file is streamed from where it lies (64 KiB at a time, by httpx's multipart encoder), never
read whole into memory; a retry starts again from the same place. Bytes are sent as they are.
A file over HeyGen's 32 MB limit is refused here, before any request. The content type is the
caller's, else what the file name says, else what the first bytes announce, else
`application/octet-stream`.
"""

from __future__ import annotations

import io
import mimetypes
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ._constants import MAX_UPLOAD_BYTES

ACCEPTED_FILES = "a pathlib.Path, bytes, or a file object opened in binary mode ('rb')"


def _sniff(head: bytes) -> str | None:
    """The content type the first bytes of a file announce, for the formats HeyGen takes."""
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in (b"heic", b"heix", b"heim", b"heis"):
            return "image/heic"
        if brand in (b"mif1", b"msf1"):
            return "image/heif"
        if brand == b"avif":
            return "image/avif"
        if brand == b"qt  ":
            return "video/quicktime"
        return "video/mp4"
    if head[:4] == b"\x1aE\xdf\xa3":
        return "video/webm"
    if head.startswith(b"ID3") or head[:2] in (b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"):
        return "audio/mpeg"
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "audio/wav"
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    return None


def _changed(size: int, now: str) -> ValueError:
    """The file was not the size it had when measured: the request is cut off, not completed."""
    return ValueError(
        f"the file changed while it was being uploaded: it was {size} bytes when the upload began "
        f"and is now {now}; the request was cut off, so HeyGen stored nothing. Upload a file that "
        "nothing is writing to (or a copy of it)"
    )


class _Window(io.RawIOBase):
    """A read-only view of a file from one offset to its end, as httpx's encoder reads it.

    httpx seeks to 0 before sending a file (so each retry sends it all again) and measures it
    by seeking to its end; this view makes "0" the caller's position and "end" the file's end,
    so a file handed over mid-way is sent from where it stood, on every attempt.
    """

    def __init__(self, file: IO[bytes], start: int, size: int) -> None:
        super().__init__()
        self._file = file
        self._start = start
        self._size = size
        self._position = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        base = {os.SEEK_SET: 0, os.SEEK_CUR: self._position, os.SEEK_END: self._size}[whence]
        self._position = min(max(0, base + offset), self._size)
        self._file.seek(self._start + self._position)
        return self._position

    def read(self, size: int = -1) -> bytes:
        left = self._size - self._position
        wanted = left if size is None or size < 0 else min(size, left)
        if not wanted:
            # The end as measured: a file that still has bytes here grew while being sent.
            if left == 0 and size != 0 and self._file.read(1):
                raise _changed(self._size, "longer")
            return b""
        parts: list[bytes] = []
        got = 0
        while got < wanted:  # a raw file may return fewer bytes than asked; only b"" is its end
            part = self._file.read(wanted - got)
            if not part:
                raise _changed(self._size, "shorter")
            parts.append(part)
            got += len(part)
        self._position += got
        return parts[0] if len(parts) == 1 else b"".join(parts)

    def readinto(self, buffer: Any) -> int:
        chunk = self.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


@dataclass
class UploadFile:
    """A file ready to send: its content (a stream or bytes), size, name and content type."""

    content: _Window
    size: int
    filename: str
    content_type: str
    close: Callable[[], None]

    def head(self, count: int = 16) -> bytes:
        self.content.seek(0)
        head = self.content.read(count)
        self.content.seek(0)
        return head

    def read_all(self) -> bytes:
        """The whole content (for a small photo sent inline)."""
        self.content.seek(0)
        return self.content.read()


def _too_large(size: int | str, what: str) -> ValueError:
    return ValueError(
        f"{what} is {size} bytes; HeyGen takes files up to {MAX_UPLOAD_BYTES} bytes (32 MB): "
        "send a smaller file, or pass a public https:// URL instead"
    )


def _name_of(file: object) -> str | None:
    name = getattr(file, "name", None)
    return Path(name).name if isinstance(name, str) and name else None


def open_upload(file: object, *, content_type: str | None = None, what: str = "file") -> UploadFile:
    """`file` ready to send, or TypeError/ValueError saying what was wrong (nothing is sent)."""
    if content_type is not None and (not isinstance(content_type, str) or "/" not in content_type):
        raise ValueError(f"content_type must look like 'image/jpeg', got {content_type!r}")
    if isinstance(file, str):
        raise TypeError(
            f"{what} is a str; pass {ACCEPTED_FILES}. For a file on disk use pathlib.Path({file[:60]!r})"
        )
    if isinstance(file, os.PathLike):
        upload = _open_path(Path(os.fspath(file)), what)
    elif isinstance(file, bytes | bytearray | memoryview):
        data = bytes(file)
        if len(data) > MAX_UPLOAD_BYTES:
            raise _too_large(len(data), what)
        upload = _from_memory(data)
    elif callable(getattr(file, "read", None)):
        upload = _open_stream(file, what)
    else:
        raise TypeError(f"{what} must be {ACCEPTED_FILES}; got {type(file).__name__}")
    if not upload.size:
        upload.close()
        raise ValueError(f"{what} is empty (0 bytes): nothing to upload")
    try:
        upload.content_type = (
            content_type
            or (mimetypes.guess_type(upload.filename)[0] if upload.filename else None)
            or _sniff(upload.head())
            or "application/octet-stream"
        )
        if not upload.filename:
            upload.filename = "upload" + (mimetypes.guess_extension(upload.content_type) or "")
    except BaseException:
        upload.close()
        raise
    return upload


def _open_path(path: Path, what: str) -> UploadFile:
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise ValueError(f"{what} {str(path)!r} is a directory, not a file")
        if size > MAX_UPLOAD_BYTES:
            raise _too_large(size, f"{what} {str(path)!r}")
        handle = path.open("rb")
    except FileNotFoundError:
        raise ValueError(f"{what} {str(path)!r} does not exist") from None
    except PermissionError:
        raise ValueError(f"{what} {str(path)!r} cannot be read (permission denied)") from None
    return UploadFile(_Window(handle, 0, size), size, path.name, "", handle.close)


def _open_stream(file: Any, what: str) -> UploadFile:
    if isinstance(file, io.TextIOBase):
        raise TypeError(f"{what} is a text file; open it in binary mode ('rb')")
    seekable = False
    try:
        seekable = bool(file.seekable()) if callable(getattr(file, "seekable", None)) else False
    except (OSError, ValueError):
        seekable = False
    if seekable:
        start = file.tell()
        end = file.seek(0, os.SEEK_END)
        file.seek(start)
        size = max(0, end - start)
        if size > MAX_UPLOAD_BYTES:
            raise _too_large(size, what)
        probe = file.read(0)
        if not isinstance(probe, bytes):
            raise TypeError(f"{what} is a text file; open it in binary mode ('rb')")
        return UploadFile(_Window(file, start, size), size, _name_of(file) or "", "", lambda: None)
    # A pipe or socket: it cannot be measured or re-read for a retry, so it is read here,
    # stopping one byte past the limit.
    parts: list[bytes] = []
    total = 0
    while total <= MAX_UPLOAD_BYTES:
        part = file.read(MAX_UPLOAD_BYTES + 1 - total)
        if not isinstance(part, bytes | bytearray):
            raise TypeError(f"{what} is a text stream; pass a binary one")
        if not part:
            break
        parts.append(bytes(part))
        total += len(part)
    data = b"".join(parts)
    if len(data) > MAX_UPLOAD_BYTES:
        raise _too_large(f"more than {MAX_UPLOAD_BYTES}", what)
    upload = _from_memory(data)
    upload.filename = _name_of(file) or ""
    return upload


def _from_memory(data: bytes) -> UploadFile:
    """Bytes sent in 64 KiB pieces too: as one piece, the transport would copy them whole."""
    return UploadFile(_Window(io.BytesIO(data), 0, len(data)), len(data), "", "", lambda: None)
