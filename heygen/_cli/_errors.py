"""Exit codes, and the one place that turns an exception into an exit code and a line for stderr.

Every command group shares this mapping, so `heygen avatars ...` and `heygen photo-avatar ...`
fail the same way for the same cause. A command with advice of its own raises `CommandError`.
The advice is in CLI terms (commands and options), never the Python calls the SDK's own
messages name: the errors' `summary` is what happened, and the next step is added here.
"""

from __future__ import annotations

from .. import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    AuthenticationError,
    AvatarConsentRequiredError,
    AvatarFailedError,
    AvatarTimeoutError,
    ConfigurationError,
    EndpointRetiredError,
    HeyGenError,
    PermissionDeniedError,
    TrainingFailedError,
    TrainingNotStartedError,
    TrainingTimeoutError,
)
from .._envelope import _HINTS

EXIT_OK = 0
EXIT_TRAINING_FAILED = 1
EXIT_USAGE = 2
EXIT_AUTH = 3
EXIT_TIMEOUT = 4
EXIT_API_ERROR = 5
EXIT_INTERRUPTED = 130

EXIT_CODES = {
    EXIT_OK: "success (with --wait: the avatar or the training is ready)",
    EXIT_TRAINING_FAILED: "the avatar or the training failed, or the avatar needs consent",
    EXIT_USAGE: "usage error: bad arguments or settings",
    EXIT_AUTH: "authentication error: no API key, or HeyGen refused it",
    EXIT_TIMEOUT: "timeout: the request or the wait ran out of time",
    EXIT_API_ERROR: "any other API error (a retired HeyGen endpoint included)",
    EXIT_INTERRUPTED: "interrupted (Ctrl-C)",
}


class UsageError(Exception):
    """Bad arguments: exit 2 with the message, before any settings are read or requests sent."""


class CommandError(Exception):
    """A failure a command explains itself: `message` goes to stderr, `exit_code` is returned."""

    def __init__(self, message: str, exit_code: int = EXIT_API_ERROR) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def cli_check(group_id: str) -> str:
    """How to check a group from a shell, for the train advice in `heygen._train_advice`."""
    return f"`heygen photo-avatar status {group_id}` (or `heygen photo-avatar wait {group_id}`)"


def _configuration(error: ConfigurationError) -> str:
    """The settings advice in CLI terms: options and environment variables, not Python arguments."""
    if error.setting == "api_key" and error.reason == "missing":
        return (
            "No API key: set the HEYGEN_API_KEY environment variable, or pass --api-key to type it "
            "at a prompt or pipe it on stdin (find your key in HeyGen's app under Settings > API)."
        )
    if error.setting == "api_key" and error.reason == "invalid" and str(error).startswith("api_key "):
        return "The key read by --api-key" + str(error).removeprefix("api_key")
    if error.setting == "base_url" and error.reason == "insecure":
        return str(error).replace("pass allow_insecure_http=True", "pass --allow-insecure-http")
    return str(error)


def _avatar_timeout(error: AvatarTimeoutError) -> str:
    """How to go back to a v3 wait: on the group, or (a look added to a group) on the look."""
    still = f"{error.summary}; it may still be processing"
    if error.kind == "Look":
        return f"{still}: check it with `heygen avatars looks get {error.avatar_id}`"
    group = error.avatar_id
    return (
        f"{still}: run `heygen avatars wait {group}` to wait again "
        f"(with a longer --timeout if needed), or `heygen avatars get {group}`"
    )


def _retry_in_cli_terms(error: BaseException, line: str) -> str:
    """A call that sent an idempotency key names the option that retries it safely, not Python's."""
    key = error.idempotency_key if isinstance(error, APIError) else None
    if not key:
        return line
    python_advice = f"(retrying with idempotency_key={key!r} cannot do it twice)"
    return line.replace(
        python_advice, f"(to retry safely, never done or paid for twice: --idempotency-key {key})"
    )


def describe(error: BaseException) -> tuple[int, str]:
    """The exit code and the one line to print for an error a command did not handle itself."""
    code, line = _describe(error)
    return code, _retry_in_cli_terms(error, line)


def _describe(error: BaseException) -> tuple[int, str]:
    if isinstance(error, CommandError):
        return error.exit_code, str(error)
    if isinstance(error, EndpointRetiredError):
        return EXIT_API_ERROR, (
            f"HeyGen retired {error.endpoint} (HTTP {error.status_code}); use {error.cli_replacement} instead"
        )
    if isinstance(error, AvatarFailedError):
        return EXIT_TRAINING_FAILED, f"{error} (check the photo, then create the avatar again)"
    if isinstance(error, AvatarConsentRequiredError):
        return EXIT_TRAINING_FAILED, (
            f"{error.summary}: give consent in HeyGen's app, "
            f"then run `heygen avatars wait {error.group_id or 'GROUP_ID'}`"
        )
    if isinstance(error, AvatarTimeoutError):
        return EXIT_TIMEOUT, _avatar_timeout(error)
    if isinstance(error, TrainingFailedError):
        return EXIT_TRAINING_FAILED, f"{error} (check the group's photos, then train again)"
    if isinstance(error, TrainingNotStartedError):
        return EXIT_TRAINING_FAILED, (
            f"{error.summary}: start one with `heygen photo-avatar train {error.group_id}`"
        )
    if isinstance(error, TrainingTimeoutError):
        group = error.group_id
        return EXIT_TIMEOUT, (
            f"{error.summary}; it may still be running: run `heygen photo-avatar wait {group}` "
            f"to wait again (with a longer --timeout if needed), or `heygen photo-avatar status {group}`"
        )
    if isinstance(error, APITimeoutError):
        return EXIT_TIMEOUT, f"{error} (HeyGen did not answer in time; try again)"
    if isinstance(error, ConfigurationError):
        return (EXIT_AUTH if error.setting == "api_key" else EXIT_USAGE), _configuration(error)
    if isinstance(error, AuthenticationError):
        python_hint = _HINTS[401]
        return EXIT_AUTH, str(error).replace(python_hint, python_hint.replace("api_key=", "--api-key"))
    if isinstance(error, PermissionDeniedError):
        return EXIT_AUTH, str(error)
    if isinstance(error, APIConnectionError):
        return EXIT_API_ERROR, f"{error} (check HEYGEN_BASE_URL and your network, then try again)"
    if isinstance(error, HeyGenError):
        return EXIT_API_ERROR, str(error)
    message = str(error)
    if message.startswith("idempotency_key "):  # the option's name, not the Python argument's
        message = "--idempotency-key " + message.removeprefix("idempotency_key ")
    return EXIT_USAGE, message
