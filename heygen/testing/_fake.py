"""``FakeHeyGen``: the public face of the fake, its configuration and its test controls."""

from __future__ import annotations

import collections
import contextlib
import logging
import threading
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from heygen.testing._app import (
    DEFAULT_ERRORS,
    TRAIN,
    TRAINING_STATUS,
    App,
    DroppedResponse,
    FakeResponse,
    QueuedError,
)
from heygen.testing._clock import Clock, SystemClock
from heygen.testing._contract import shipped_contract
from heygen.testing._eras import V2Era, check_era
from heygen.testing._server import FakeServer
from heygen.testing._state import REFUSED_API_KEY, Accounts, GroupTemplate
from heygen.testing._transport import FakeTransport
from heygen.testing._v3 import Store
from heygen.testing._v3._controls import V3_DEFAULT_ERRORS, V3Controls, V3Operation
from heygen.testing._webhook_controls import WEBHOOKS_PREFIX, WebhookControls

if TYPE_CHECKING:
    from heygen import AsyncHeyGen, HeyGen

__all__ = [
    "DEMO_GROUP_ID",
    "FAKE_API_KEY",
    "REFUSED_API_KEY",
    "FakeHeyGen",
    "RecordedRequest",
    "SpecViolationError",
]

DEMO_GROUP_ID = "demo-group"
"""The group every account of a fake starts with, unless ``groups=`` says otherwise."""
FAKE_API_KEY = "fake-api-key"
"""The key ``client()`` and ``async_client()`` send unless given another (the fake takes any key)."""
_FAKE_BASE_URL = "https://api.heygen.com"
_OPERATIONS = {"train": TRAIN, "training_status": TRAINING_STATUS}
_logger = logging.getLogger("heygen.testing")


class SpecViolationError(AssertionError):
    """The fake sent a response its own spec does not allow: a bug in the fake, not in your code.

    Raised only by a fake made with ``strict=True``; every fake also appends the problem to
    ``FakeHeyGen.spec_violations``.
    """


@dataclass(frozen=True)
class RecordedRequest:
    """One request the fake answered, e.g. to count an SDK's retries."""

    method: str
    path: str
    status: int
    operation_id: str | None


class FakeHeyGen(V3Controls, WebhookControls):
    """A stateful, spec-checked stand-in for HeyGen's photo-avatar API, v2 and v3.

    It serves the operations of the corrected spec (train, training status), validates every
    request against it (a bad one gets HeyGen's 400) and checks every response it sends against
    it. The simplest use is a client wired to it in-process, sleeping on the fake's clock, so
    ``wait_for_training`` moves the fake's trainings forward and takes no real time::

        fake = FakeHeyGen(clock=FakeClock())
        with fake.client() as client:  # a heygen.HeyGen; fake.async_client() for AsyncHeyGen
            client.photo_avatars.train_and_wait("demo-group")

    Or hand it to any ``httpx`` client, or serve it over real HTTP on loopback::

        http = httpx.Client(transport=fake.transport(), base_url="https://api.heygen.com",
                            headers={"x-api-key": "any-key"})
        http.post("/v2/photo_avatar/train", json={"group_id": "demo-group"})
        fake.clock.advance(5)
        http.get("/v2/photo_avatar/train/status/demo-group").json()["data"]["status"]  # "ready"

        with fake.serve() as url:  # "http://127.0.0.1:PORT"
            ...

    **API keys.** With ``api_keys=None`` (the default) any non-empty key is valid and gets its own
    account on first use, so a demo works with whatever ``HEYGEN_API_KEY`` holds, except
    ``REFUSED_API_KEY`` (``"refused-api-key"``), which every fake answers with a 401: use it to
    test how your code handles a rejected key. Given keys, only those are valid; any other gets
    a 401. A missing key always gets a 401.

    **Groups.** Every account starts with the groups named in ``groups`` (by default
    ``"demo-group"``, 4 photos); add more with :meth:`add_group`. An unknown group is a 404
    ``photar_not_found``, unless ``auto_create_groups`` creates it on first use.

    **Training.** ``train`` starts a training that reports ``pending`` for ``pending_seconds``,
    then ``training``, then ``ready`` once ``training_seconds`` have passed since ``train``
    (measured on ``clock``). A group never trained reports ``empty``. Training a group whose
    training is in progress, or whose photos are still being processed (``add_group(...,
    processing_seconds=...)``), is answered as people observed HeyGen answer both: 400
    ``invalid_parameter`` "No valid image for training found in group ...".

    **v3.** The same accounts also hold assets, avatar groups and looks (``/v3/...``): a created
    avatar is ``processing`` for ``training_seconds``, then ``completed``, or what
    ``queue_avatar_outcome`` asked for; lists are cursor pages; an ``Idempotency-Key`` replays
    the first answer for 24 fake hours; errors use the v3 shape. See docs/guide/testing-v3.md.

    Args:
        api_keys: the valid keys, or ``None`` for any non-empty key.
        training_seconds: time from ``train`` to ``ready`` (or ``failed``), and from a v3
            creation (or consent) to ``completed``.
        pending_seconds: the first part of that time, reported as ``pending``.
        clock: a :class:`~heygen.testing.FakeClock` in tests; the system clocks by default.
        groups: the group ids every account starts with.
        auto_create_groups: create unknown groups on first use instead of answering 404.
        strict: raise :class:`SpecViolationError` (from ``handle``, so from the transport) when
            a response breaks the spec. Off by default; the pytest fixture turns it on.
        v2_era: ``"live"`` (default) answers as v2 did; ``"sunset"`` adds HeyGen's deprecation
            headers and body ``warning``; ``"retired"`` answers every v2 photo-avatar route with
            a bare 405 (see ``heygen.testing._eras`` for the evidence behind each).
    """

    def __init__(
        self,
        *,
        api_keys: Iterable[str] | None = None,
        training_seconds: float = 5.0,
        pending_seconds: float = 1.0,
        clock: Clock | None = None,
        groups: Iterable[str] = (DEMO_GROUP_ID,),
        auto_create_groups: bool = False,
        strict: bool = False,
        v2_era: V2Era = "live",
    ) -> None:
        #: The fake's time: ``fake.clock.advance(60)`` moves every training 60 s forward.
        self.clock: Clock = clock if clock is not None else SystemClock()
        self.strict = strict
        #: The last 10 000 requests answered, oldest first.
        self.requests: collections.deque[RecordedRequest] = collections.deque(maxlen=10_000)
        #: Every way a response sent so far broke the spec (empty when the fake is right).
        self.spec_violations: list[str] = []
        self._lock = threading.Lock()
        accounts = Accounts(
            self.clock,
            api_keys=None if api_keys is None else list(api_keys),
            groups={group_id: GroupTemplate() for group_id in groups},
            auto_create_groups=auto_create_groups,
            pending_seconds=pending_seconds,
            training_seconds=training_seconds,
        )
        self._app = App(shipped_contract(), accounts, check_era(v2_era), Store(self.clock, training_seconds))
        self._init_webhooks()

    def add_group(
        self,
        group_id: str,
        *,
        api_key: str | None = None,
        photos: int = 4,
        fail_with: str | None = None,
        processing_seconds: float = 0.0,
    ) -> None:
        """Create a group (replacing any group with that id, and its training).

        Args:
            group_id: the id clients will send.
            api_key: the account to create it in; ``None`` creates it in every account, present
                and future (each gets its own copy, trained independently).
            photos: the ``num_of_photar`` that train reports.
            fail_with: if given, every training of this group ends ``failed`` with this
                ``error_msg`` instead of ``ready``.
            processing_seconds: how long from now its photos are still being processed; a train
                before then gets the 400 a training in progress gets (see the class docs).
        """
        if processing_seconds < 0:
            raise ValueError("processing_seconds cannot be negative")
        ready_at = self.clock.monotonic() + processing_seconds if processing_seconds else float("-inf")
        with self._lock:
            self._app.accounts.add_group(group_id, GroupTemplate(photos, fail_with, ready_at), api_key)

    def fail_training(
        self, group_id: str, *, error_msg: str = "Training failed", api_key: str | None = None
    ) -> None:
        """Make the group's training in progress report ``failed`` from now on.

        Args:
            group_id: a group whose training is pending or training.
            error_msg: the ``error_msg`` the status will report.
            api_key: the account; ``None`` fails that group's training in every account.

        Raises:
            ValueError: no such training is in progress.
        """
        with self._lock:
            self._app.accounts.fail_training(group_id, error_msg, api_key)
        self._announce_due()  # its webhook event fires now

    def fail_avatar(
        self,
        avatar_id: str,
        *,
        code: str = "avatar_processing_failed",
        message: str = "The photo could not be turned into an avatar",
        api_key: str | None = None,
    ) -> None:
        """As ``V3Controls.fail_avatar``; the ``.fail`` webhook event fires now."""
        super().fail_avatar(avatar_id, code=code, message=message, api_key=api_key)
        self._announce_due()

    def give_consent(self, group_id: str, *, api_key: str | None = None) -> None:
        """As ``V3Controls.give_consent``; the event fires when the restarted processing ends."""
        super().give_consent(group_id, api_key=api_key)
        self._announce_due()

    def queue_error(
        self,
        status: int,
        *,
        code: str | None = None,
        message: str | None = None,
        headers: Mapping[str, str] | None = None,
        times: int = 1,
        operation: Literal["train", "training_status"] | V3Operation | None = None,
    ) -> None:
        """Answer the next ``times`` requests (for ``operation``, or any) with an error, e.g. a 429.

        Queued errors are answered before the API key is even looked at, as a gateway would, and
        in the order they were queued. Example: ``fake.queue_error(429, headers={"Retry-After":
        "1"}, times=2)`` rate-limits the next two requests.

        Args:
            status: an error status the spec documents for the operation(s).
            code: ``error.code``; by default the spec's example code for that status.
            message: ``error.message``; likewise.
            headers: extra response headers.
            times: how many requests get this error.
            operation: ``"train"``, ``"training_status"`` or a v3 operation (``"create_avatar"``,
                ``"upload_asset"``...: see docs/guide/testing-v3.md); ``None`` for whichever
                comes next. A v3 operation's error has the v3 shape and, by default, its code.

        Raises:
            ValueError: the spec does not document ``status`` for the operation(s), so no
                client could be expected to handle it.
        """
        names = {**_OPERATIONS, **self._app.v3.operation_names}
        if operation is not None and operation not in names:
            raise ValueError(f"operation must be one of {sorted(names)} or None, not {operation!r}")
        operation_id = None if operation is None else names[operation]
        targets = [op for op in self._app.contract.operations if operation_id in (None, op.operation_id)]
        allowed = set.intersection(*(set(op.documented_statuses) for op in targets))
        if status < 400 or status not in allowed:
            raise ValueError(
                f"status {status} is not a documented error of {operation or 'every operation'}; "
                f"choose one of {sorted(s for s in allowed if s >= 400)}"
            )
        if times < 1:
            raise ValueError("times must be at least 1")
        defaults = V3_DEFAULT_ERRORS if operation in self._app.v3.operation_names else DEFAULT_ERRORS
        default_code, default_message = defaults.get(status, ("error", "Error"))
        queued = QueuedError(
            status, code or default_code, message or default_message, dict(headers or {}), times, operation_id
        )
        with self._lock:
            self._app.queued_errors.append(queued)

    def handle(self, method: str, path: str, headers: Mapping[str, str], body: bytes = b"") -> FakeResponse:
        """Answer one HTTP request; what both the transport and the server call.

        Args:
            method: e.g. ``"GET"``.
            path: the request target as sent: percent-encoded path, maybe a query string.
            headers: request headers (any case).
            body: the raw request body.

        Raises:
            SpecViolationError: in strict mode, when the response breaks the spec.
            DroppedResponse: the request was done but its answer is to be lost
                (``drop_response``); the front ends then close the connection unanswered.
        """
        with self._lock:
            if path.startswith(WEBHOOKS_PREFIX):
                exchange = self._webhooks_exchange(method, path, headers, body)
            else:
                exchange = self._app.handle(method, path, headers, body)
                self._watch(exchange, headers, body)
            self.requests.append(
                RecordedRequest(method, path, exchange.response.status, exchange.operation_id)
            )
            if exchange.spec_problems:
                self.spec_violations.extend(exchange.spec_problems)
        if exchange.spec_problems:
            report = "the fake's response breaks the spec:\n  " + "\n  ".join(exchange.spec_problems)
            if self.strict:
                raise SpecViolationError(report)
            _logger.error("%s", report)
        if exchange.dropped:
            raise DroppedResponse(f"{method} {path}: answer lost on purpose (drop_response)")
        return exchange.response

    def client(self, api_key: str | None = None, **options: Any) -> HeyGen:
        """A ``heygen.HeyGen`` talking to this fake in-process and sleeping on its clock.

        Use it in a ``with`` block (or ``close()`` it). Its retries and ``wait_for_training``
        sleep on ``fake.clock``: under a :class:`FakeClock` they take no real time and move the
        fake's trainings forward as they wait.

        Args:
            api_key: the key to send; by default the fake's first key when it was given
                ``api_keys``, else ``FAKE_API_KEY``.
            options: other ``HeyGen`` arguments (``max_retries``, ``timeout``, ...).
        """
        import httpx

        from heygen import HeyGen

        client = HeyGen(
            api_key=self._client_key(api_key),
            base_url=options.pop("base_url", _FAKE_BASE_URL),
            http_client=httpx.Client(transport=self.transport()),
            clock=self.clock,
            **options,
        )
        client._owns_http_client = True  # the pool was made here: closing the client closes it
        return client

    def async_client(self, api_key: str | None = None, **options: Any) -> AsyncHeyGen:
        """A ``heygen.AsyncHeyGen`` talking to this fake in-process; see :meth:`client`.

        Use it in an ``async with`` block (or ``await client.aclose()``).
        """
        import httpx

        from heygen import AsyncHeyGen

        client = AsyncHeyGen(
            api_key=self._client_key(api_key),
            base_url=options.pop("base_url", _FAKE_BASE_URL),
            http_client=httpx.AsyncClient(transport=self.transport()),
            clock=self.clock,
            **options,
        )
        client._owns_http_client = True
        return client

    def _client_key(self, api_key: str | None) -> str:
        if api_key is not None:
            return api_key
        return self._app.accounts.first_key() or FAKE_API_KEY

    def transport(self) -> FakeTransport:
        """An httpx transport (sync and async) answering from this fake, with no network.

        Use it as ``httpx.Client(transport=fake.transport(), base_url=...)`` or the same with
        ``httpx.AsyncClient``; any base URL works.
        """
        return FakeTransport(self)

    @contextlib.contextmanager
    def serve(self, *, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
        """Serve this fake over HTTP/1.1 in a background thread; yields its URL.

        Args:
            host: the address to listen on (loopback by default).
            port: the port; 0 picks a free one.
        """
        server = FakeServer(self, host=host, port=port)
        server.start()
        try:
            yield server.url
        finally:
            server.stop()
