"""Recorded HTTP responses: `tests/fixtures/<operation-id>/<status>-<name>.json`.

Any suite can iterate them. The contract tests check them against the spec and the generated
models (tests/contract/test_fixtures.py); tests/contract/test_facade_fixtures.py replays them
through the facade with `httpx.MockTransport` and compares with `expect`:

    @pytest.mark.parametrize("path", fixture_paths(), ids=fixture_id)
    async def test_facade_yields_what_the_fixture_expects(path: Path, kind: str) -> None:
        fixture = load_fixture(path)
        async with open_facade(kind, handler=fixture.httpx_response, max_retries=0) as facade:
            ...

tests/fixtures/README.md describes the file format and what `expect` means.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import httpx

FIXTURES_DIR = Path(__file__).resolve().parent / "fixtures"
FIXTURE_SCHEMA = FIXTURES_DIR / "fixture.schema.json"
FILE_NAME = re.compile(r"^(?P<status>[1-5][0-9][0-9])-[a-z0-9]+(?:-[a-z0-9]+)*\.json$")

# `expect.result` names the facade's attributes; this says where each value comes from in the
# 200 body (a path of keys), so the typo guard in tests/contract/test_fixtures.py can find it.
# `state` is `status` as an enum value: the same string, or "unknown" for a value the SDK does
# not know (TrainingState.UNKNOWN). A datetime is compared as the Unix seconds HeyGen sent.
RESULT_FIELDS: dict[str, dict[str, tuple[str, ...]]] = {
    "train-photo-avatar-group": {
        "flow_id": ("data", "data", "flow_id"),
        "photo_avatar_count": ("data", "data", "num_of_photar"),
        "instant_avatar_count": ("data", "data", "num_of_instant_avatar"),
        "studio_avatar_count": ("data", "data", "num_of_studio_avatar"),
    },
    "get-training-job-status": {
        "state": ("data", "status"),
        "raw_status": ("data", "status"),
        "error_message": ("data", "error_msg"),
        "created_at": ("data", "created_at"),
        "updated_at": ("data", "updated_at"),
    },
}
# v3: the facade's names are not settled yet, so these keys are HeyGen's body names (with
# `look_id`/`look_status`/`error_code`/`error_message` where a name would be ambiguous).
Fields = dict[str, tuple[str, ...]]
_PAGE: Fields = {"has_more": ("has_more",), "next_token": ("next_token",)}
_GROUP: Fields = {
    "id": ("data", "id"),
    "status": ("data", "status"),
    "looks_count": ("data", "looks_count"),
    "consent_status": ("data", "consent_status"),
    "preview_image_url": ("data", "preview_image_url"),
    "error_code": ("data", "error", "code"),
    "error_message": ("data", "error", "message"),
}
_LOOK: Fields = {
    "id": ("data", "id"),
    "name": ("data", "name"),
    "group_id": ("data", "group_id"),
    "status": ("data", "status"),
    "avatar_type": ("data", "avatar_type"),
    "image_width": ("data", "image_width"),
    "image_height": ("data", "image_height"),
    "preferred_orientation": ("data", "preferred_orientation"),
    "error_code": ("data", "error", "code"),
    "error_message": ("data", "error", "message"),
}
_ENDPOINT: Fields = {
    "endpoint_id": ("data", "endpoint_id"),
    "url": ("data", "url"),
    "status": ("data", "status"),
    "secret": ("data", "secret"),
    "events": ("data", "events"),
    "created_at": ("data", "created_at"),
}
_DELETED: Fields = {"id": ("data", "id")}
_EMPTY: Fields = {"data": ("data",)}
_SECRET: Fields = {"endpoint_id": ("data", "endpoint_id"), "secret": ("data", "secret")}
_UPLOADED: Fields = {name: ("data", name) for name in ("asset_id", "url", "mime_type", "size_bytes")}
_ASSET: Fields = {name: ("data", name) for name in ("id", "name", "type", "uploaded_at", "url")}
_CREATED: Fields = {
    "look_id": ("data", "avatar_item", "id"),
    "look_status": ("data", "avatar_item", "status"),
    "group_id": ("data", "avatar_group", "id"),
    "status": ("data", "avatar_group", "status"),
}
_CONSENT: Fields = {
    "url": ("data", "url"),
    "group_id": ("data", "avatar_group", "id"),
    "status": ("data", "avatar_group", "status"),
}
RESULT_FIELDS.update(
    {
        "upload-asset": _UPLOADED,
        "get-asset": _ASSET,
        "create-avatar": _CREATED,
        "get-avatar-group": _GROUP,
        "list-avatar-groups": _PAGE,
        "delete-avatar-group": _DELETED,
        "create-avatar-consent": _CONSENT,
        "list-avatar-looks": _PAGE,
        "get-avatar-look": _LOOK,
        "update-avatar-look": _LOOK,
        "delete-avatar-look": _DELETED,
        "create-webhook-endpoint": _ENDPOINT,
        "list-webhook-endpoints": _PAGE,
        "update-webhook-endpoint": _ENDPOINT,
        "delete-webhook-endpoint": _EMPTY,
        "rotate-webhook-secret": _SECRET,
        "list-webhook-event-types": _PAGE,
        "list-webhook-events": _PAGE,
    }
)
UNKNOWN_STATE = "unknown"


@dataclass(frozen=True)
class Fixture:
    """One recorded response of one operation."""

    path: Path
    operation: str
    status: int
    headers: Mapping[str, str]
    body: Any
    """The JSON body; meaningless when `body_text` is set."""
    body_text: str | None
    """A body that is not JSON, or None when `body` holds JSON."""
    undocumented: str | None
    source: str
    expect: Mapping[str, Any]
    document: Mapping[str, Any]
    """The whole file, as parsed."""

    @property
    def id(self) -> str:
        return f"{self.operation}/{self.path.stem}"

    @property
    def is_json(self) -> bool:
        return self.body_text is None

    @property
    def content(self) -> bytes:
        """The body as sent: compact JSON in the file's key order, or the text."""
        if self.body_text is not None:
            return self.body_text.encode("utf-8")
        return json.dumps(self.body, separators=(",", ":"), ensure_ascii=False).encode("utf-8")

    @property
    def expected_result(self) -> Mapping[str, Any] | None:
        """Attributes of the object the facade returns, or None if it raises."""
        return cast("Mapping[str, Any] | None", self.expect.get("result"))

    @property
    def expected_error(self) -> str | None:
        """Name of the HeyGenError subclass the facade raises, or None if it returns."""
        return cast("str | None", self.expect.get("error"))

    def httpx_response(self, request: httpx.Request | None = None) -> httpx.Response:
        """The response as httpx would receive it (usable as a MockTransport handler)."""
        return httpx.Response(self.status, headers=dict(self.headers), content=self.content, request=request)


class FixtureError(Exception):
    """A fixture file cannot be read as a fixture."""


def fixture_paths(root: Path = FIXTURES_DIR) -> list[Path]:
    """Every fixture file, sorted by operation and name."""
    return sorted(root.glob("*/*.json"))


def fixture_id(path: Path) -> str:
    return f"{path.parent.name}/{path.stem}"


@functools.cache
def load_fixture(path: Path) -> Fixture:
    """Read one fixture file. Only the shape needed to build it is checked here; the contract
    tests validate every file against fixtures/fixture.schema.json."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise FixtureError(f"{path}: not readable JSON: {error}") from error
    if not isinstance(document, dict):
        raise FixtureError(f"{path}: a fixture is a JSON object")
    try:
        return Fixture(
            path=path,
            operation=str(document["operation"]),
            status=int(document["status"]),
            headers=dict(document["headers"]),
            body=document.get("body"),
            body_text=document.get("body_text"),
            undocumented=document.get("undocumented"),
            source=str(document["source"]),
            expect=dict(document["expect"]),
            document=document,
        )
    except (KeyError, TypeError, ValueError) as error:
        raise FixtureError(f"{path}: missing or malformed field: {error!r}") from error


def all_fixtures(root: Path = FIXTURES_DIR) -> list[Fixture]:
    return [load_fixture(path) for path in fixture_paths(root)]
