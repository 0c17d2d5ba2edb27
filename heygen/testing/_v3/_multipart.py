"""A small ``multipart/form-data`` reader for the fake's upload route (RFC 7578).

The stdlib has no multipart parser outside ``email``, which copies every part several times;
uploads reach 32 MB, so this one splits the body on its boundary and slices each part once.
"""

from __future__ import annotations

from dataclasses import dataclass
from email.message import Message

__all__ = ["FormPart", "MultipartError", "parse_form"]


class MultipartError(ValueError):
    """The body is not the multipart/form-data its Content-Type announces."""


@dataclass(frozen=True)
class FormPart:
    """One field of a form: its name, its file name if it is a file, its content type and bytes."""

    name: str
    filename: str | None
    content_type: str | None
    data: bytes


def parse_form(content_type: str | None, body: bytes) -> list[FormPart]:
    """The parts of a ``multipart/form-data`` body, in order.

    Raises:
        MultipartError: wrong content type, no boundary, or a malformed body.
    """
    header = Message()
    header["content-type"] = content_type or ""
    if header.get_content_type() != "multipart/form-data":
        raise MultipartError(f"expected multipart/form-data, not {content_type or 'no content type'!r}")
    boundary = header.get_param("boundary")
    if not isinstance(boundary, str) or not boundary:
        raise MultipartError("the multipart/form-data content type has no boundary")
    delimiter = b"--" + boundary.encode("latin-1")
    start = body.find(delimiter)
    if start < 0:
        raise MultipartError("the body does not contain its multipart boundary")
    parts: list[FormPart] = []
    position = start + len(delimiter)
    while True:
        if body.startswith(b"--", position):
            return parts  # the closing delimiter
        if not body.startswith(b"\r\n", position):
            raise MultipartError("malformed multipart body (no line break after a boundary)")
        end = body.find(b"\r\n" + delimiter, position)
        if end < 0:
            raise MultipartError("the multipart body is truncated (no closing boundary)")
        parts.append(_part(body[position + 2 : end]))
        position = end + 2 + len(delimiter)


def _part(raw: bytes) -> FormPart:
    head, separator, data = raw.partition(b"\r\n\r\n")
    if not separator:
        if not raw.startswith(b"\r\n"):
            raise MultipartError("malformed multipart part (no blank line after its headers)")
        head, data = b"", raw[2:]
    headers = Message()
    for line in head.decode("utf-8", errors="replace").split("\r\n"):
        name, colon, value = line.partition(":")
        if colon:
            headers[name.strip()] = value.strip()
    if headers.get_content_disposition() != "form-data":
        raise MultipartError("a multipart part has no Content-Disposition: form-data header")
    field_name = headers.get_param("name", header="content-disposition")
    if not isinstance(field_name, str):
        raise MultipartError("a multipart part has no field name")
    return FormPart(field_name, headers.get_filename(), headers.get("content-type"), data)
