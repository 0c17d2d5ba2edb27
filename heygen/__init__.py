"""Typed Python SDK for HeyGen photo avatar training.

>>> from heygen import HeyGen
>>> with HeyGen() as client:  # reads HEYGEN_API_KEY
...     job = client.photo_avatars.train("my-group-id")
...     client.photo_avatars.wait_for_training(job.group_id)
"""

from typing import TYPE_CHECKING as _TYPE_CHECKING

from ._avatar_errors import AvatarConsentRequiredError, AvatarError, AvatarFailedError, AvatarTimeoutError
from ._client import AsyncHeyGen, HeyGen
from ._deprecation import Deprecation, HeyGenDeprecationWarning
from ._exceptions import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ClientClosedError,
    ConfigurationError,
    ConflictError,
    EndpointRetiredError,
    EnvelopeError,
    EventLoopError,
    HeyGenError,
    InternalServerError,
    NotFoundError,
    PageLoopError,
    PaymentRequiredError,
    PermissionDeniedError,
    RateLimitError,
    TrainingError,
    TrainingFailedError,
    TrainingNotStartedError,
    TrainingTimeoutError,
    UnprocessableEntityError,
    WaitTimeoutError,
    WebhookVerificationError,
)
from ._pages import AsyncPage, AsyncPager, Page
from ._polling import AsyncProgressCallback, ProgressCallback
from ._response import RawResponse
from ._types import NOT_GIVEN, NotGiven
from ._version import __version__
from .types import TrainingJob, TrainingResult, TrainingState, TrainingStatus

if _TYPE_CHECKING:
    from ._avatar_types import (
        Asset,
        AvatarConsent,
        AvatarCreation,
        AvatarGroup,
        AvatarLook,
        AvatarStatus,
        AvatarType,
        FailureReason,
        UploadedAsset,
    )

__all__ = [
    "NOT_GIVEN",
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "Asset",
    "AsyncHeyGen",
    "AsyncPage",
    "AsyncPager",
    "AsyncProgressCallback",
    "AuthenticationError",
    "AvatarConsent",
    "AvatarConsentRequiredError",
    "AvatarCreation",
    "AvatarError",
    "AvatarFailedError",
    "AvatarGroup",
    "AvatarLook",
    "AvatarStatus",
    "AvatarTimeoutError",
    "AvatarType",
    "BadRequestError",
    "ClientClosedError",
    "ConfigurationError",
    "ConflictError",
    "Deprecation",
    "EndpointRetiredError",
    "EnvelopeError",
    "EventLoopError",
    "FailureReason",
    "HeyGen",
    "HeyGenDeprecationWarning",
    "HeyGenError",
    "InternalServerError",
    "NotFoundError",
    "NotGiven",
    "Page",
    "PageLoopError",
    "PaymentRequiredError",
    "PermissionDeniedError",
    "ProgressCallback",
    "RateLimitError",
    "RawResponse",
    "TrainingError",
    "TrainingFailedError",
    "TrainingJob",
    "TrainingNotStartedError",
    "TrainingResult",
    "TrainingState",
    "TrainingStatus",
    "TrainingTimeoutError",
    "UnprocessableEntityError",
    "UploadedAsset",
    "WaitTimeoutError",
    "WebhookVerificationError",
    "__version__",
]

# The v3 result types are imported when first used, here or by a v3 call: building their frozen
# dataclasses is most of what `import heygen` costs beyond httpx (`heygen._avatar_types` names
# them `heygen.X` itself).
_V3_RESULT_TYPES = frozenset(
    {
        "Asset", "AvatarConsent", "AvatarCreation", "AvatarGroup", "AvatarLook", "AvatarStatus",
        "AvatarType", "FailureReason", "UploadedAsset",
    }
)  # fmt: skip


def __getattr__(name: str) -> object:
    if name not in _V3_RESULT_TYPES:
        raise AttributeError(f"module 'heygen' has no attribute {name!r}")
    from . import _avatar_types

    value: object = getattr(_avatar_types, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | _V3_RESULT_TYPES)


# Show public names as `heygen.X`, not `heygen._client.X`, in reprs and tracebacks (as httpx does).
for _name in set(__all__) - _V3_RESULT_TYPES:
    _value = globals()[_name]
    if isinstance(_value, type) and _value.__module__.startswith("heygen._"):
        _value.__module__ = "heygen"
del _name, _value
