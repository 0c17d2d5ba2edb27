"""Cursor pages as the v3 lists answer them: newest first, ``limit`` items, an opaque token.

The token is the position after the last item sent (a creation sequence number), so pages never
overlap or skip an item when others are created or deleted meanwhile.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from heygen.testing._v3._items import Invalid

__all__ = ["Page", "paginate"]

_T = TypeVar("_T")


class _Listed(Protocol):
    @property
    def seq(self) -> int: ...


_L = TypeVar("_L", bound=_Listed)


@dataclass(frozen=True)
class Page(Generic[_T]):
    items: list[_T]
    has_more: bool
    next_token: str | None


def paginate(items: Iterable[_L], limit: int, token: str | None, keep: Callable[[_L], bool]) -> Page[_L]:
    """Newest first; the token is the position after the last item sent, so pages never overlap."""
    after = _decode_token(token) if token is not None else None
    ordered = sorted((item for item in items if keep(item)), key=lambda item: item.seq, reverse=True)
    if after is not None:
        ordered = [item for item in ordered if item.seq < after]
    page = ordered[:limit]
    has_more = len(ordered) > limit
    return Page(page, has_more, _encode_token(page[-1].seq) if has_more else None)


def _encode_token(seq: int) -> str:
    return base64.urlsafe_b64encode(f"after:{seq}".encode()).decode("ascii").rstrip("=")


def _decode_token(token: str) -> int:
    try:
        text = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode("ascii")
        prefix, _, number = text.partition(":")
        if prefix != "after" or not number.isdigit():
            raise ValueError(text)
        return int(number)
    except (ValueError, UnicodeDecodeError, binascii.Error):
        raise Invalid("token is not a page token this API returned", "token") from None
