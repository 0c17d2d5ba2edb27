"""Signed deliveries as HeyGen would send them, for the webhook tests."""

from __future__ import annotations

import json
from typing import Any

from heygen.webhooks import sign

SECRET = "whsec_test_7f3a9c1e5b2d4a68"
OTHER_SECRET = "whsec_other_0000000000000000"
NOW = 1_774_440_300  # 2026-03-25T12:05:00Z

EVENT: dict[str, Any] = {
    "event_id": "evt_abc123",
    "event_type": "photo_avatar_train.success",
    "event_data": {"group_id": "group-1", "flow_id": "flow-9"},
    "created_at": "2026-03-25T12:05:00Z",
}


def body_of(event: dict[str, Any] | None = None) -> bytes:
    return json.dumps(EVENT if event is None else event, separators=(",", ":")).encode()


def headers_for(
    body: bytes, *, secret: str = SECRET, timestamp: float = NOW, event_id: str = "evt_abc123"
) -> dict[str, str]:
    return {
        "Heygen-Signature": sign(body, secret),
        "Heygen-Timestamp": str(int(timestamp)),
        "Heygen-Event-Id": event_id,
    }
