"""Answers computed from each request, for the concurrency tests: every call can tell its own answer.

v2: the flow id and the training state follow from the group id; `missing-` groups get a 404 and
`flaky-` groups a 503 on their first attempt. v3: a created group's id follows from the avatar's
name, a list page from its token, and a group is `processing` at its first poll and `completed`
after. Every create's `Idempotency-Key` is kept, so a test can check each create had its own.

The server runs in a child process (`tests.support.remote`), so its work takes neither this
process's GIL, nor its file descriptors, nor memory that `tracemalloc` would count.
"""

from __future__ import annotations

import hashlib
import threading
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from tests.support.server import Received, Reply, error_body
from tests.support.v3 import GROUP, LOOK, v3_error

STATES = ["pending", "training", "ready", "failed"]
STATUS_PREFIX = "/v2/photo_avatar/train/status/"


def digest(group_id: str) -> str:
    return hashlib.sha256(group_id.encode()).hexdigest()


def expected_flow_id(group_id: str) -> str:
    return digest(group_id)[:32]


def expected_state(group_id: str) -> str:
    return STATES[int(digest(group_id)[:8], 16) % len(STATES)]


def request_id(group_id: str) -> str:
    return "req-" + digest(group_id)[32:48]


def group_id_of(name: str) -> str:
    return "ag_" + hashlib.sha256(name.encode()).hexdigest()[:16]


class Derived:
    """The v2 and v3 answers, by path; `state()` and `reset()` are for the test's control calls."""

    def __init__(self, api_key: str) -> None:
        self.api_key = api_key
        self._lock = threading.Lock()
        self._seen: dict[tuple[str, str], int] = {}
        self.polls: dict[str, int] = {}
        self.keys: list[str] = []

    def state(self) -> dict[str, Any]:
        with self._lock:
            return {"keys": list(self.keys)}

    def reset(self) -> None:
        with self._lock:
            self._seen.clear()
            self.polls.clear()
            self.keys.clear()

    def reply(self, received: Received) -> Reply:
        if received.path.startswith("/v3/"):
            return self._v3(received)
        return self._v2(received)

    def _v2(self, received: Received) -> Reply:
        if received.method == "POST":
            group_id = received.json()["group_id"]
        else:
            assert received.path.startswith(STATUS_PREFIX)
            group_id = unquote(received.path[len(STATUS_PREFIX) :])
        with self._lock:
            attempt = self._seen[received.method, group_id] = (
                self._seen.get((received.method, group_id), 0) + 1
            )
        headers = {"x-request-id": request_id(group_id)}
        if received.headers.get("x-api-key") != self.api_key:
            return Reply(401, error_body("unauthorized", "no key"), headers)
        if group_id.startswith("missing-"):
            return Reply(404, error_body("photar_not_found", f"no group {group_id}"), headers)
        if group_id.startswith("flaky-") and attempt == 1:
            return Reply(503, error_body("unavailable", "try again"), headers)
        if received.method == "POST":
            job = {"flow_id": expected_flow_id(group_id), "num_of_photar": len(group_id) % 7}
            return Reply(200, {"error": None, "data": {"code": 100, "data": job}}, headers)
        state = expected_state(group_id)
        data = {"status": state, "error_msg": f"why {group_id}" if state == "failed" else None}
        return Reply(200, {"error": None, "data": data}, headers)

    def _v3(self, received: Received) -> Reply:
        if received.headers.get("x-api-key") != self.api_key:
            return Reply(401, v3_error("unauthorized", "no key"))
        url = urlsplit(received.path)
        if received.method == "POST" and url.path == "/v3/avatars":
            name = received.json()["name"]
            with self._lock:
                self.keys.append(received.headers["idempotency-key"])
            group = {**GROUP, "id": group_id_of(name), "name": name}
            look = {**LOOK, "id": "look_" + group["id"][3:], "group_id": group["id"], "name": name}
            return Reply(200, {"data": {"avatar_item": look, "avatar_group": group}})
        if url.path == "/v3/avatars":
            token = parse_qs(url.query).get("token", ["0"])[0]
            page = int(token)
            items = [{**GROUP, "id": f"ag_page{page}_{i}"} for i in range(2)]
            more = page < 2
            return Reply(
                200, {"data": items, "has_more": more, "next_token": str(page + 1) if more else None}
            )
        group_id = url.path.rsplit("/", 1)[1]
        with self._lock:
            polls = self.polls[group_id] = self.polls.get(group_id, 0) + 1
        status = "processing" if polls == 1 else "completed"
        return Reply(200, {"data": {**GROUP, "id": group_id, "status": status}})
