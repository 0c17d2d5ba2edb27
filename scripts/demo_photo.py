"""Draw the demo's photo: a small valid PNG (a face-like disc on a background), with the stdlib only.

`make demo` uploads it to the local fake, which reads its size from the PNG header, as HeyGen
reports the size of the photo behind a look.
"""

from __future__ import annotations

import struct
import sys
import zlib
from pathlib import Path

SIZE = 64


def _pixel(x: int, y: int) -> bytes:
    dx, dy = x - SIZE / 2, y - SIZE / 2
    if dx * dx + dy * dy < (SIZE * 0.35) ** 2:
        eye = abs(dy + 6) < 3 and abs(abs(dx) - 8) < 3
        mouth = abs(dy - 9) < 2 and abs(dx) < 10
        return b"\x30\x20\x20" if eye or mouth else b"\xe8\xbe\x9c"
    return b"\x3a\x6e\xa5"


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png() -> bytes:
    rows = b"".join(b"\x00" + b"".join(_pixel(x, y) for x in range(SIZE)) for y in range(SIZE))
    header = struct.pack(">IIBBBBB", SIZE, SIZE, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(rows))
        + _chunk(b"IEND", b"")
    )


if __name__ == "__main__":
    Path(sys.argv[1]).write_bytes(png())
