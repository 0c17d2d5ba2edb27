"""Results returned by the SDK: frozen, typed, with names that say what they are."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from ._serialize import DictMixin

__all__ = ["TrainingJob", "TrainingResult", "TrainingState", "TrainingStatus"]


def __dir__() -> list[str]:
    """The public names only, not what this module imports to define them."""
    return list(__all__)


@dataclass(frozen=True, slots=True)
class TrainingJob(DictMixin):
    """A training HeyGen has accepted for a photo avatar group.

    Flattened out of HeyGen's nested `{"data": {"code": 100, "data": {...}}}` answer.

    Attributes:
        group_id: The group being trained; poll its status with this id, not the flow_id.
        flow_id: HeyGen's id for this training run; quote it to HeyGen support.
        photo_avatar_count: `num_of_photar`, photo avatars in the group (None if not sent).
        instant_avatar_count: `num_of_instant_avatar` (None if not sent).
        studio_avatar_count: `num_of_studio_avatar`, public and custom (None if not sent).
    """

    group_id: str
    flow_id: str
    photo_avatar_count: int | None
    instant_avatar_count: int | None
    studio_avatar_count: int | None


class TrainingState(enum.StrEnum):
    """Training states HeyGen is known to report, plus UNKNOWN for anything new.

    `ready` is success (not `completed` or `success`: those belong to other endpoints).
    """

    PENDING = "pending"
    TRAINING = "training"
    READY = "ready"
    FAILED = "failed"
    EMPTY = "empty"
    UNKNOWN = "unknown"

    @property
    def is_terminal(self) -> bool:
        """True for `ready` and `failed`: polling can stop."""
        return self in (TrainingState.READY, TrainingState.FAILED)


@dataclass(frozen=True, slots=True)
class TrainingStatus(DictMixin):
    """The training state of a group, as HeyGen reported it.

    Attributes:
        group_id: The group asked about.
        state: The state; `TrainingState.UNKNOWN` when HeyGen sent a value this SDK does not know.
        raw_status: HeyGen's status string, exactly as sent (kept for unknown values).
        error_message: HeyGen's `error_msg` (why training failed), or None.
        created_at: When training was requested (aware, UTC), if sent.
        updated_at: The last change (aware, UTC), if sent.
    """

    group_id: str
    state: TrainingState
    raw_status: str
    error_message: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None

    @property
    def is_terminal(self) -> bool:
        """True when training succeeded or failed."""
        return self.state.is_terminal

    @property
    def is_unknown(self) -> bool:
        """True when HeyGen sent a status value this SDK does not know."""
        return self.state is TrainingState.UNKNOWN


@dataclass(frozen=True, slots=True)
class TrainingResult(DictMixin):
    """What `train_and_wait` returns: the accepted job and its final, successful status."""

    job: TrainingJob
    status: TrainingStatus

    @property
    def group_id(self) -> str:
        """The trained group."""
        return self.job.group_id

    @property
    def flow_id(self) -> str:
        """HeyGen's id for this training run."""
        return self.job.flow_id
