"""What the fake remembers: accounts (one per API key), their groups, and each group's training.

A training is not a background task: it records when it started, and its status is computed from
the clock whenever it is asked for. That makes the fake deterministic under a
:class:`~heygen.testing.FakeClock` and free of threads.

    train ──▶ pending ──(pending_seconds)──▶ training ──(training_seconds in all)──▶ ready
                   └───────────────── fail_training() or fail_with ─────────────────▶ failed

A group that was never trained reports ``empty``. A finished training (ready or failed) may be
started again; one in progress may not. Nothing here is thread-safe: the fake holds a lock
around every call.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from heygen.testing._clock import Clock

__all__ = [
    "REFUSED_API_KEY",
    "Accounts",
    "GroupNotFoundError",
    "GroupTemplate",
    "PhotosProcessingError",
    "StartedTraining",
    "TrainingInProgressError",
    "TrainingStatus",
]

PENDING, TRAINING, READY, FAILED, EMPTY = "pending", "training", "ready", "failed", "empty"
REFUSED_API_KEY = "refused-api-key"
"""The one key every fake refuses with a 401, even one that accepts any key, so that code
handling a rejected key can be tested against a fake as convenient as the default."""
_IN_PROGRESS = frozenset({PENDING, TRAINING})


class GroupNotFoundError(LookupError):
    """The account has no group with this id."""


class TrainingInProgressError(Exception):
    """The group is already pending or training."""


class PhotosProcessingError(Exception):
    """The group's photos are still being processed (just after it was created)."""


@dataclass(frozen=True)
class GroupTemplate:
    """How to create a group: its photo count, and whether its trainings fail (and why)."""

    photos: int = 4
    fail_with: str | None = None
    ready_at: float = float("-inf")  # clock.monotonic() when its photos are processed


@dataclass(frozen=True)
class TrainingStatus:
    """The ``data`` of a training-status response."""

    status: str
    error_msg: str | None = None
    created_at: float | None = None
    updated_at: float | None = None


@dataclass(frozen=True)
class StartedTraining:
    """The inner ``data`` of a train response."""

    flow_id: str
    num_of_photar: int


@dataclass
class _Training:
    started: float  # clock.monotonic() when train was called
    created_at: float  # clock.time() at the same moment
    pending_seconds: float
    training_seconds: float
    fail_with: str | None
    failed_after: float | None = None  # seconds after start, once fail_training() was called

    def status(self, now: float) -> TrainingStatus:
        elapsed = now - self.started
        if self.failed_after is not None and elapsed >= self.failed_after:
            return self._at(FAILED, self.failed_after, self.fail_with)
        if elapsed < self.pending_seconds:
            return TrainingStatus(PENDING, None, self.created_at, None)
        if elapsed < self.training_seconds:
            return self._at(TRAINING, self.pending_seconds)
        if self.fail_with is not None:
            return self._at(FAILED, self.training_seconds, self.fail_with)
        return self._at(READY, self.training_seconds)

    def _at(self, status: str, seconds_after_start: float, error_msg: str | None = None) -> TrainingStatus:
        return TrainingStatus(status, error_msg, self.created_at, self.created_at + seconds_after_start)


@dataclass
class _Group:
    template: GroupTemplate
    training: _Training | None = None


@dataclass
class _Account:
    groups: dict[str, _Group] = field(default_factory=dict)


class Accounts:
    """Every account the fake knows, keyed by API key.

    Args:
        clock: where time comes from.
        api_keys: the keys that exist; ``None`` means any non-empty key does, each getting its
            own account on first use.
        groups: the groups every account starts with.
        auto_create_groups: create an unknown group (with 4 photos) on first use instead of
            answering "not found".
        pending_seconds: how long a training reports ``pending`` (at most ``training_seconds``).
        training_seconds: how long from ``train`` to ``ready``.
    """

    def __init__(
        self,
        clock: Clock,
        *,
        api_keys: Iterable[str] | None,
        groups: dict[str, GroupTemplate],
        auto_create_groups: bool,
        pending_seconds: float,
        training_seconds: float,
    ) -> None:
        if training_seconds < 0 or pending_seconds < 0:
            raise ValueError("training_seconds and pending_seconds cannot be negative")
        self._clock = clock
        self._fixed_keys = api_keys is not None
        self._templates = dict(groups)
        self._auto_create = auto_create_groups
        self._pending_seconds = min(pending_seconds, training_seconds)
        self._training_seconds = training_seconds
        self._accounts: dict[str, _Account] = {}
        for key in api_keys or ():
            if not key:
                raise ValueError("an API key cannot be empty")
            if key == REFUSED_API_KEY:
                raise ValueError(f"{REFUSED_API_KEY!r} is the key every fake refuses; choose another")
            self._account(key)

    @property
    def training_seconds(self) -> float:
        """How long a training takes from ``train`` to its end."""
        return self._training_seconds

    def accepts(self, api_key: str) -> bool:
        """Whether requests with this key are authenticated."""
        if not api_key or api_key == REFUSED_API_KEY:
            return False
        return not self._fixed_keys or api_key in self._accounts

    def first_key(self) -> str | None:
        """The first of a fixed set of keys; None when any key is accepted."""
        return next(iter(self._accounts), None) if self._fixed_keys else None

    def add_group(self, group_id: str, template: GroupTemplate, api_key: str | None) -> None:
        """Create (or replace) a group in one account, or in every account present and future."""
        if not group_id:
            raise ValueError("group_id cannot be empty")
        if template.photos < 1:
            raise ValueError("a group needs at least one photo to be trained")
        if api_key is None:
            self._templates[group_id] = template
            for account in self._accounts.values():
                account.groups[group_id] = _Group(template)
            return
        if not self.accepts(api_key):
            raise ValueError(f"unknown API key {api_key!r}: the fake was given a fixed set of keys")
        self._account(api_key).groups[group_id] = _Group(template)

    def train(self, api_key: str, group_id: str) -> StartedTraining:
        group = self._group(api_key, group_id)
        if self._clock.monotonic() < group.template.ready_at:
            raise PhotosProcessingError(group_id)
        if (
            group.training is not None
            and group.training.status(self._clock.monotonic()).status in _IN_PROGRESS
        ):
            raise TrainingInProgressError(group_id)
        group.training = _Training(
            started=self._clock.monotonic(),
            created_at=self._clock.time(),
            pending_seconds=self._pending_seconds,
            training_seconds=self._training_seconds,
            fail_with=group.template.fail_with,
        )
        return StartedTraining(flow_id=uuid.uuid4().hex, num_of_photar=group.template.photos)

    def status(self, api_key: str, group_id: str) -> TrainingStatus:
        group = self._group(api_key, group_id)
        if group.training is None:
            return TrainingStatus(EMPTY)
        return group.training.status(self._clock.monotonic())

    def fail_training(self, group_id: str, error_msg: str, api_key: str | None) -> None:
        """Fail, from now on, the training in progress of this group (in one account or all)."""
        accounts = self._accounts.values() if api_key is None else [self._accounts.get(api_key, _Account())]
        now = self._clock.monotonic()
        failed = 0
        for account in accounts:
            group = account.groups.get(group_id)
            training = group.training if group is not None else None
            if training is not None and training.status(now).status in _IN_PROGRESS:
                training.fail_with = error_msg
                training.failed_after = now - training.started
                failed += 1
        if not failed:
            raise ValueError(
                f"group {group_id!r} has no training in progress to fail; "
                "to make its next training fail, add it with fail_with=..."
            )

    def _account(self, api_key: str) -> _Account:
        account = self._accounts.get(api_key)
        if account is None:
            groups = {group_id: _Group(template) for group_id, template in self._templates.items()}
            account = self._accounts[api_key] = _Account(groups)
        return account

    def _group(self, api_key: str, group_id: str) -> _Group:
        account = self._account(api_key)
        group = account.groups.get(group_id)
        if group is None:
            if not self._auto_create:
                raise GroupNotFoundError(group_id)
            group = account.groups[group_id] = _Group(GroupTemplate())
        return group
