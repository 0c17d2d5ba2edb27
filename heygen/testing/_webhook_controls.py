"""The webhook side of ``FakeHeyGen``: its endpoint routes, its test controls, and when it fires.

Events fire when something the fake runs ends, checked on the fake's clock at the moment it
is due to end (``WebhookHub.schedule``):

* a v2 training: ``photo_avatar_train.success`` or ``.fail``, ``event_data``
  ``{"group_id", "flow_id", "status"}`` (plus ``"error_msg"``);
* a v3 avatar (a new group and its first look, or a look added to a group):
  [FAKE'S CHOICE] HeyGen does not say which event a v3 creation fires. The fake fires
  ``photo_avatar_train.success|fail`` for ``type: "photo"`` and
  ``photo_avatar_generation.success|fail`` for ``type: "prompt"``, with ``event_data``
  ``{"avatar_group_id", "avatar_id", "status"}`` (plus ``"error"`` on failure), where
  ``avatar_id`` is the look's id, as in HeyGen's create request.

A processing that waits for consent fires nothing until it ends after consent. The payloads
are the fake's own: HeyGen publishes none for avatar events.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from heygen.testing._app import TRAIN, Exchange, FakeResponse
from heygen.testing._webhooks import DeliveryAttempt, Endpoint, WebhookHub
from heygen.testing._webhooks_app import PREFIX as WEBHOOKS_PREFIX
from heygen.testing._webhooks_app import WebhooksApp

if TYPE_CHECKING:
    from heygen.testing._app import App
    from heygen.testing._clock import Clock

__all__ = ["WEBHOOKS_PREFIX", "WebhookControls"]

_CREATE_AVATAR = "create-avatar"
_CONSENT = "create-avatar-consent"
_EPSILON = 1e-6  # a hair past the end, so float rounding never finds it still running
_GIVE_UP = 24 * 3600.0  # stop watching something that has not ended after this long


class WebhookControls:
    """Endpoints and deliveries of a ``FakeHeyGen`` (see ``heygen.testing._webhooks``)."""

    _lock: threading.Lock
    _app: App
    clock: Clock

    def _init_webhooks(self) -> None:
        #: Webhook endpoints, fired events and delivery attempts.
        self.webhooks = WebhookHub(self.clock)
        self._webhooks_app = WebhooksApp(self.webhooks, self._app.accounts.accepts)
        self._flows: dict[tuple[str, str], str] = {}  # (key, group) -> flow_id of its last train
        self._announced: set[tuple[str, str, float | None]] = set()
        self._avatars: dict[tuple[str, str, str | None], tuple[str, float]] = {}  # -> (kind, since)

    def add_webhook_endpoint(
        self, url: str, *, api_key: str, events: Iterable[str] | None = None
    ) -> Endpoint:
        """Register an endpoint, as ``POST /v3/webhooks/endpoints`` does; its ``secret`` signs deliveries.

        Args:
            url: where to POST deliveries (plain http to 127.0.0.1 is fine here).
            api_key: the account whose events it receives.
            events: the event types to receive; ``None`` for all.
        """
        return self.webhooks.create(api_key, url, None if events is None else list(events), None)

    def drop_webhook_deliveries(self, times: int = 1) -> None:
        """Lose the next ``times`` delivery attempts in transit: never received, never retried."""
        if times < 1:
            raise ValueError("times must be at least 1")
        self.webhooks.drop_next(times)

    @property
    def webhook_deliveries(self) -> list[DeliveryAttempt]:
        """Every delivery attempt so far, oldest first (retries and dropped ones included)."""
        return list(self.webhooks.attempts)

    # --- called by FakeHeyGen.handle, under the lock -------------------------------------------
    def _webhooks_exchange(self, method: str, path: str, headers: Mapping[str, str], body: bytes) -> Exchange:
        """A ``/v3/webhooks`` answer: checked against the spec on the way in (key, path, query,
        headers, body, as every v3 request is) and on the way out."""
        from heygen.testing._v3._routes import _Request

        routed = self._app.contract.route(method, path.split("?", 1)[0].split("#", 1)[0])
        if isinstance(routed, list):
            return self._app.handle(method, path, headers, body)  # its v3 404 or 405
        operation, raw_params = routed
        lowered = {k.lower(): v for k, v in headers.items()}
        checked = self._app.v3._checked(operation, raw_params, path, lowered, body)
        if isinstance(checked, _Request):
            response = self._webhooks_app.handle(method, path, headers, body)
        else:
            response = FakeResponse(*checked)
        problems = operation.response_problems(response.status, response.headers, response.body)
        return Exchange(response, operation.operation_id, problems)

    def _watch(self, exchange: Exchange, headers: Mapping[str, str], body: bytes) -> None:
        """After a request that starts something, arrange to announce its end."""
        if exchange.response.status != 200 or exchange.operation_id not in (TRAIN, _CREATE_AVATAR, _CONSENT):
            return
        api_key = {k.lower(): v for k, v in headers.items()}.get("x-api-key", "")
        answer = json.loads(exchange.response.body)
        if exchange.operation_id == TRAIN:
            group_id = json.loads(body)["group_id"]
            self._flows[(api_key, group_id)] = answer["data"]["data"]["flow_id"]
            ends = self.clock.monotonic() + self._app.accounts.training_seconds + _EPSILON
            self.webhooks.schedule(ends, lambda: self._announce_training(api_key, group_id))
            return
        data = answer["data"]
        if exchange.operation_id == _CONSENT:  # processing starts again, for the group's first look
            kind, group_id, look_id = "photo", data["avatar_group"]["id"], None
        else:
            kind = json.loads(body).get("type", "photo")
            group_id, look_id = data["avatar_group"]["id"], data["avatar_item"]["id"]
        self._avatars[(api_key, group_id, look_id)] = (kind, self.clock.monotonic())
        self._watch_avatar(api_key, group_id, look_id, kind, self.clock.monotonic())

    # --- announcing ----------------------------------------------------------------------------
    def _announce_due(self) -> None:
        """Announce now what has ended early (``fail_training``, ``fail_avatar``); watch restarts."""
        for api_key, group_id in list(self._flows):
            self._announce_training(api_key, group_id)
        for (api_key, group_id, look_id), (kind, since) in list(self._avatars.items()):
            self._announce_avatar(api_key, group_id, look_id, kind, since)

    def _announce_training(self, api_key: str, group_id: str) -> None:
        with self._lock:
            status = self._app.accounts.status(api_key, group_id)
            key = (api_key, group_id, status.created_at)
            if status.status not in ("ready", "failed") or key in self._announced:
                return
            self._announced.add(key)
            flow_id = self._flows.get((api_key, group_id))
        data: dict[str, object] = {"group_id": group_id, "flow_id": flow_id, "status": status.status}
        if status.status == "failed":
            data["error_msg"] = status.error_msg
        kind = "photo_avatar_train.success" if status.status == "ready" else "photo_avatar_train.fail"
        self.webhooks.fire(api_key, kind, data, group_id)

    def _watch_avatar(
        self, api_key: str, group_id: str, look_id: str | None, kind: str, since: float
    ) -> None:
        """Check the avatar when its processing is due to end; again later if it has not."""
        ends = self.clock.monotonic() + self._app.v3.store.processing_seconds + _EPSILON
        self.webhooks.schedule(ends, lambda: self._announce_avatar(api_key, group_id, look_id, kind, since))

    def _announce_avatar(
        self, api_key: str, group_id: str, look_id: str | None, kind: str, since: float
    ) -> None:
        store = self._app.v3.store
        with self._lock:
            account = store.account(api_key)
            item = account.looks.get(look_id) if look_id else account.groups.get(group_id)
            processing = item.processing if item is not None else None
            if processing is None:
                return  # deleted meanwhile
            group = account.groups.get(group_id)
            shown_look = look_id or (group.look_ids[0] if group and group.look_ids else None)
            status, error = processing.status(self.clock.monotonic())
            key = (api_key, look_id or group_id, processing.started)
            if key in self._announced:
                return
            if status not in ("completed", "failed"):
                if self.clock.monotonic() - since < _GIVE_UP:
                    self._watch_avatar(api_key, group_id, look_id, kind, since)
                return
            self._announced.add(key)
        family = "photo_avatar_generation" if kind == "prompt" else "photo_avatar_train"
        data: dict[str, object] = {"avatar_group_id": group_id, "avatar_id": shown_look, "status": status}
        if error is not None:
            data["error"] = error
        outcome = "success" if status == "completed" else "fail"
        self.webhooks.fire(api_key, f"{family}.{outcome}", data, group_id)
