"""HeyGen's v2 sunset in one place: the legacy routes this SDK calls and what replaces each.

The v3 names below are the SDK's own v3 methods and commands. They are kept together here so
that renaming one touches a single file: warnings, errors, the CLI and the docs tests read them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Where HeyGen's docs point all v1/v2 traffic once the legacy endpoints are retired.
V3_DOCS_URL = "https://developers.heygen.com/endpoint-version-comparison"

# The v3 way to do what v2 train + training status did: creating a photo avatar starts its
# training, so there is no separate train call.
V3_CREATE_PYTHON = "client.avatars.create_photo(name=..., photo=...)"
V3_WAIT_PYTHON = "client.avatars.wait_until_ready(group_id)"
V3_STATUS_PYTHON = "client.avatars.retrieve(group_id)"
V3_CREATE_CLI = "heygen avatars create NAME --photo PATH"
V3_WAIT_CLI = "heygen avatars wait GROUP_ID"


@dataclass(frozen=True, slots=True)
class LegacyRoute:
    """One v2 photo-avatar route, named as a template so that one warning covers every group.

    Attributes:
        endpoint: `METHOD /path/{param}`, as it appears in warnings and errors.
        replacement: The v3 Python calls to use instead.
        cli_replacement: The v3 `heygen` commands to use instead.
    """

    endpoint: str
    replacement: str
    cli_replacement: str


TRAIN_ROUTE = LegacyRoute(
    "POST /v2/photo_avatar/train",
    f"{V3_CREATE_PYTHON} then {V3_WAIT_PYTHON}",
    f"`{V3_CREATE_CLI}` then `{V3_WAIT_CLI}`",
)
STATUS_ROUTE = LegacyRoute(
    "GET /v2/photo_avatar/train/status/{group_id}",
    f"{V3_STATUS_PYTHON} (or {V3_WAIT_PYTHON} to wait)",
    f"`{V3_WAIT_CLI}`",
)
# Any other route under /v2/photo_avatar/ (create group, add looks...): the same v3 workflow.
OTHER_PHOTO_AVATAR_ROUTE = LegacyRoute(
    "/v2/photo_avatar/*",
    f"{V3_CREATE_PYTHON} then {V3_WAIT_PYTHON}",
    f"`{V3_CREATE_CLI}` then `{V3_WAIT_CLI}`",
)

# The path may sit under a prefix (a proxy's base URL), so only its end is matched.
_PHOTO_AVATAR_PATH = re.compile(r"/v2/photo_avatar/(?P<rest>.*)\Z")


def legacy_route(method: str, path: str) -> LegacyRoute | None:
    """The v2 photo-avatar route a request went to, or None for any other path."""
    match = _PHOTO_AVATAR_PATH.search(path)
    if match is None:
        return None
    rest = match["rest"].rstrip("/")
    if method == "POST" and rest == "train":
        return TRAIN_ROUTE
    if method == "GET" and rest.startswith("train/status/") and "/" not in rest[len("train/status/") :]:
        return STATUS_ROUTE
    return OTHER_PHOTO_AVATAR_ROUTE


def generic_route(method: str, path: str) -> LegacyRoute:
    """A route outside the photo-avatar table (a warning elsewhere still names its endpoint)."""
    return LegacyRoute(f"{method} {path}", "HeyGen's v3 API (see its docs)", "HeyGen's v3 API")
