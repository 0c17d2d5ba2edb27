"""What to tell a user when `train` fails in one of the two ways that need more than the error.

1. The request may have reached HeyGen (a 5xx, a timeout after sending, an unreadable 2xx):
   training may have started, so look before paying for another.
2. HeyGen's 400 `invalid_parameter` "No valid image for training found in group ...": reported
   (by people probing the live API) both for a group already training and for a group whose
   photos are still being processed just after it was created, so the advice names both.

The advice names how to check a group (a Python call, or a CLI command), so both can share it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from ._exceptions import APIError, BadRequestError
from ._retry import may_have_acted

NO_VALID_IMAGE = "no valid image for training found"


def python_check(group_id: str) -> str:
    return f"client.photo_avatars.training_status({group_id!r})"


def may_have_started(group_id: str, check: str) -> str:
    return (
        f"the train request was sent, so training of group {group_id!r} may have started: check "
        f"{check} before training again (each train costs 4 credits)"
    )


def is_no_valid_image(error: APIError) -> bool:
    return isinstance(error, BadRequestError) and NO_VALID_IMAGE in error.message.lower()


def no_valid_image(group_id: str, check: str) -> str:
    return (
        f"HeyGen answers this both when group {group_id!r} is already training (check {check}) "
        "and when its photos are still being processed, just after the group was created or "
        "photos were added (wait a minute or two, then train again)"
    )


def advice(error: APIError, group_id: str, check: str) -> str | None:
    """The advice for a failed train, given how to check the group; None if it needs none."""
    if error.training_may_have_started:
        return may_have_started(group_id, check)
    if is_no_valid_image(error):
        return no_valid_image(group_id, check)
    return None


@contextmanager
def explained(group_id: str) -> Iterator[None]:
    """Around a train: mark an error that may have started training, and add the advice."""
    try:
        yield
    except APIError as error:
        if may_have_acted(error):
            error.training_may_have_started = True
        error.hint = advice(error, group_id, python_check(group_id)) or error.hint
        raise
