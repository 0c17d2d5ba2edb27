"""How the fake answers in each era of HeyGen's v2 API: before, during and after its sunset.

``live``: as the v2 API answered before HeyGen announced its end (the default).
``sunset``: the same answers, marked as HeyGen marked them from mid-2026 until the sunset: a
``Deprecation: true`` header, ``Sunset: Sat, 31 Oct 2026 00:00:00 GMT`` and a top-level
``warning`` object in 2xx JSON bodies. [COMMUNITY] live checks of Aug-Sep 2026; for photo-avatar
routes the warning's text pointed to the docs and named no v3 endpoint.
``retired``: every v2 photo-avatar route answers ``405 Method Not Allowed`` with a plain-text,
non-HeyGen body. [COMMUNITY] a retired HeyGen route elsewhere was reported answering 405; what
the photo-avatar routes answer after 2026-10-31 is not known, so this is one plausible shape.
"""

from __future__ import annotations

import json
from typing import Literal

from heygen.testing._app import FakeResponse

__all__ = ["ERAS", "V2Era", "retired_answer", "sunset_answer"]

V2Era = Literal["live", "sunset", "retired"]
ERAS: tuple[V2Era, ...] = ("live", "sunset", "retired")

SUNSET_HEADERS = {"Deprecation": "true", "Sunset": "Sat, 31 Oct 2026 00:00:00 GMT"}
SUNSET_WARNING = {
    "message": (
        "This v2 endpoint is Legacy and will be removed on 2026-10-31. "
        "Please review the latest API documentation for replacement availability."
    ),
    "v3_endpoint": None,
    "sunset_date": "2026-10-31",
}


def check_era(era: str) -> V2Era:
    if era not in ERAS:
        raise ValueError(f"v2_era must be one of {', '.join(ERAS)}, not {era!r}")
    return era


def sunset_answer(response: FakeResponse) -> FakeResponse:
    """``response`` with the deprecation headers, and the ``warning`` object if it is a 2xx JSON."""
    headers = {**response.headers, **SUNSET_HEADERS}
    body = response.body
    if 200 <= response.status < 300:
        document = json.loads(body)
        if isinstance(document, dict):
            document["warning"] = SUNSET_WARNING
            body = json.dumps(document, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return FakeResponse(response.status, headers, body)


def retired_answer() -> FakeResponse:
    """What a retired v2 photo-avatar route answers in the fake: a bare 405."""
    return FakeResponse(405, {"Content-Type": "text/plain; charset=utf-8"}, b"Method Not Allowed")
