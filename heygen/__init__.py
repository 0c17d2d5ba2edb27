"""Typed Python SDK for HeyGen photo avatar training.

>>> from heygen import HeyGen
>>> with HeyGen() as client:  # reads HEYGEN_API_KEY
...     job = client.photo_avatars.train("my-group-id")
...     client.photo_avatars.wait_for_training(job.group_id)
"""

from importlib import import_module as _import_module
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
from ._response import RawResponse
from ._types import NOT_GIVEN, NotGiven
from ._version import __version__

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
    from ._polling import AsyncProgressCallback, ProgressCallback
    from .types import TrainingJob, TrainingResult, TrainingState, TrainingStatus

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

# The result types, and the callback types that name them, are imported when first used, here or
# by a call: building their frozen dataclasses is most of what `import heygen` costs beyond httpx
# (`heygen._avatar_types` names its types `heygen.X` itself; `heygen.types` is public).
_V3_RESULT_TYPES = frozenset(
    {
        "Asset", "AvatarConsent", "AvatarCreation", "AvatarGroup", "AvatarLook", "AvatarStatus",
        "AvatarType", "FailureReason", "UploadedAsset",
    }
)  # fmt: skip


_LAZY = {
    **dict.fromkeys(_V3_RESULT_TYPES, "._avatar_types"),
    **dict.fromkeys(("TrainingJob", "TrainingResult", "TrainingState", "TrainingStatus"), ".types"),
    **dict.fromkeys(("AsyncProgressCallback", "ProgressCallback"), "._polling"),
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'heygen' has no attribute {name!r}")
    value: object = getattr(_import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


# Show public names as `heygen.X`, not `heygen._client.X`, in reprs and tracebacks (as httpx does).
for _name in set(__all__) - set(_LAZY):
    _value = globals()[_name]
    if isinstance(_value, type) and _value.__module__.startswith("heygen._"):
        _value.__module__ = "heygen"
del _name, _value
