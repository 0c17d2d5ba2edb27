"""Exit codes, and the one place that turns an exception into an exit code and a line for stderr.

Every command group shares this mapping, so `heygen avatars ...` and `heygen photo-avatar ...`
fail the same way for the same cause. A command with advice of its own raises `CommandError`.
"""

from __future__ import annotations

from .. import (
    APIConnectionError,
    APITimeoutError,
    AuthenticationError,
    ConfigurationError,
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
    EXIT_OK: "success (training ready, with --wait)",
    EXIT_TRAINING_FAILED: "training failed",
    EXIT_USAGE: "usage error: bad arguments or settings",
    EXIT_AUTH: "authentication error: no API key, or HeyGen refused it",
    EXIT_TIMEOUT: "timeout: the request or the wait ran out of time",
    EXIT_API_ERROR: "any other API error",
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


def describe(error: BaseException) -> tuple[int, str]:
    """The exit code and the one line to print for an error a command did not handle itself."""
    if isinstance(error, CommandError):
        return error.exit_code, str(error)
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
    return EXIT_USAGE, str(error)
