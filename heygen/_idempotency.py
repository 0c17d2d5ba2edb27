"""Idempotency keys for the v3 calls that create something (avatars, looks, assets, consent).

A key makes a create safe to retry: HeyGen answers a repeat with the same key within 24 hours by
replaying the first answer, so a retry after a lost response cannot create (or charge) twice.
That replay holds even when the body differs, so a key must name one logical request: the SDK
makes a fresh one per call unless the caller brings their own (to retry a call across runs).
"""

from __future__ import annotations

import re
import uuid

# HeyGen's rule for keys: 1 to 255 characters from this set.
_KEY = re.compile(r"[A-Za-z0-9_:.\-]{1,255}")


def resolve_key(key: object) -> str:
    """The caller's key, checked before anything is sent; or a fresh UUID for this call."""
    if key is None:
        return str(uuid.uuid4())
    if not isinstance(key, str):
        raise TypeError(f"idempotency_key must be a str, got {type(key).__name__}")
    if not _KEY.fullmatch(key):
        shown = key if len(key) <= 40 else key[:37] + "..."
        raise ValueError(
            f"idempotency_key {shown!r} ({len(key)} characters) is not one HeyGen accepts: use 1 to 255 "
            "characters from A-Z, a-z, 0-9 and _ : . - (a UUID is a good choice)"
        )
    return key


def sub_key(key: str, index: int) -> str:
    """A key of its own for part `index` of a call (one of several uploads), derived from `key`."""
    suffix = f".{index}"
    return key[: 255 - len(suffix)] + suffix
