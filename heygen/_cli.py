"""The `heygen` command: train photo avatar groups and follow their training from a shell.

Results go to stdout (`--json` for machines); progress and errors go to stderr, errors as one
line saying what to do. Exit codes are documented in `EXIT_CODES` and `heygen --help`.
Only loaded when the command runs, so `import heygen` never pays for argparse.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
import warnings
from collections.abc import Sequence
from dataclasses import asdict
from datetime import datetime
from typing import Any, TextIO

from . import (
    APIConnectionError,
    APITimeoutError,
    AuthenticationError,
    ConfigurationError,
    EndpointRetiredError,
    HeyGen,
    HeyGenDeprecationWarning,
    HeyGenError,
    PermissionDeniedError,
    TrainingError,
    TrainingFailedError,
    TrainingJob,
    TrainingNotStartedError,
    TrainingStatus,
    TrainingTimeoutError,
    __version__,
    _cli_webhooks,
)
from ._constants import DEFAULT_POLL_INTERVAL, DEFAULT_WAIT_TIMEOUT
from ._resources import validate_group_id

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
    EXIT_API_ERROR: "any other API error (a retired HeyGen endpoint included)",
    EXIT_INTERRUPTED: "interrupted (Ctrl-C)",
}


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # one line, our exit code, no usage dump
        raise _UsageError(f"{message} (see `{self.prog} --help`)")


def _parser() -> argparse.ArgumentParser:
    epilog = "exit codes:\n" + "\n".join(f"  {code:<4} {meaning}" for code, meaning in EXIT_CODES.items())
    epilog += "\n\nenvironment:\n  HEYGEN_API_KEY   your API key (required)\n"
    epilog += "  HEYGEN_BASE_URL  API base URL (default https://api.heygen.com)\n"
    epilog += "  HEYGEN_LOG       debug or info, to log HTTP calls to stderr"
    parser = _Parser(
        prog="heygen",
        description="Create HeyGen photo avatars (v3) or train photo avatar groups (v2), and follow them.",
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"heygen-sdk {__version__}")
    commands = parser.add_subparsers(dest="area", metavar="COMMAND", parser_class=_Parser)
    area = commands.add_parser(
        "photo-avatar",
        help="photo avatar groups",
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = area.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)

    train = actions.add_parser("train", help="start training a group (costs 4 credits)")
    train.add_argument("group_id", metavar="GROUP_ID")
    train.add_argument("--wait", action="store_true", help="wait until training is ready or failed")
    train.add_argument(
        "--timeout",
        type=_seconds,
        default=DEFAULT_WAIT_TIMEOUT,
        metavar="S",
        help=f"with --wait: seconds to wait in all (default {DEFAULT_WAIT_TIMEOUT:g})",
    )
    train.add_argument(
        "--poll-interval",
        type=_seconds,
        default=DEFAULT_POLL_INTERVAL,
        metavar="S",
        help=f"with --wait: longest pause between polls (default {DEFAULT_POLL_INTERVAL:g})",
    )
    train.add_argument("--json", action="store_true", help="print the result as JSON on stdout")

    status = actions.add_parser("status", help="show a group's training status")
    status.add_argument("group_id", metavar="GROUP_ID")
    status.add_argument("--json", action="store_true", help="print the result as JSON on stdout")

    from . import _cli_avatars  # the v3 areas (avatars, assets); imported here: it imports this module

    _cli_avatars.add_commands(commands, _Parser, epilog)
    _cli_webhooks.add_to(commands, _Parser)
    return parser


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(f"{text!r} must be a positive number of seconds")
    return value


def _json_value(value: object) -> object:
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def _job_dict(job: TrainingJob) -> dict[str, object]:
    return asdict(job)


def _status_dict(status: TrainingStatus) -> dict[str, object]:
    return {
        "group_id": status.group_id,
        "status": status.state.value,
        "raw_status": status.raw_status,
        "error_message": status.error_message,
        "created_at": _json_value(status.created_at),
        "updated_at": _json_value(status.updated_at),
    }


class _Progress:
    """Status lines on stderr: rewritten in place on a terminal, one line per change otherwise."""

    def __init__(self, stream: TextIO, group_id: str) -> None:
        self._stream = stream
        self._group_id = group_id
        self._started = time.monotonic()
        self._live = stream.isatty()
        self._last: str | None = None

    def __call__(self, status: TrainingStatus) -> None:
        elapsed = time.monotonic() - self._started
        line = f"[{elapsed:6.1f}s] {self._group_id}: {status.raw_status}"
        if status.is_unknown:
            line += " (unknown status; still waiting)"
        if self._live:
            self._stream.write("\r\033[K" + line)
        elif status.raw_status != self._last:
            self._stream.write(line + "\n")
        self._stream.flush()
        self._last = status.raw_status

    def done(self) -> None:
        if self._live and self._last is not None:
            self._stream.write("\n")
            self._stream.flush()


def _describe_job(job: TrainingJob) -> str:
    counts = ", ".join(
        f"{count} {name}"
        for count, name in (
            (job.photo_avatar_count, "photo"),
            (job.instant_avatar_count, "instant"),
            (job.studio_avatar_count, "studio"),
        )
        if count is not None
    )
    return f"Training started for group {job.group_id}: flow {job.flow_id}" + (
        f" ({counts} avatars)" if counts else ""
    )


def _run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from . import _cli_avatars

    if args.area in _cli_avatars.AREAS:
        return _cli_avatars.run(args, out, err)
    validate_group_id(args.group_id)  # a usage error before any settings or network
    with HeyGen() as client:
        resource = client.photo_avatars
        if args.action == "status":
            status = resource.training_status(args.group_id)
            if args.json:
                out.write(json.dumps(_status_dict(status)) + "\n")
            else:
                reason = f": {status.error_message}" if status.error_message else ""
                out.write(f"Group {status.group_id}: {status.raw_status}{reason}\n")
            return EXIT_OK

        job = resource.train(args.group_id)
        if not args.wait:
            out.write(json.dumps(_job_dict(job)) + "\n" if args.json else _describe_job(job) + "\n")
            return EXIT_OK
        err.write(_describe_job(job) + "\n")
        progress = _Progress(err, job.group_id)
        try:
            final = resource.wait_for_training(
                job.group_id, timeout=args.timeout, poll_interval=args.poll_interval, on_progress=progress
            )
        except TrainingError as error:
            if args.json:  # the job started: a script still needs its flow_id and the last status
                last = error.last_status
                body = {"job": _job_dict(job), "status": _status_dict(last) if last else None}
                out.write(json.dumps({**body, "error": error.message}) + "\n")
            raise
        finally:
            progress.done()
        if args.json:
            out.write(json.dumps({"job": _job_dict(job), "status": _status_dict(final)}) + "\n")
        else:
            out.write(f"Group {final.group_id} is trained (status {final.raw_status}, flow {job.flow_id}).\n")
        return EXIT_OK


class _DeprecationNotice(logging.Filter):
    """Shows HeyGen's deprecation of a v2 route once per run, naming the v3 command instead.

    The SDK logs each deprecated endpoint once (and issues a `HeyGenDeprecationWarning`, which
    the CLI silences); this filter turns the first such log record into the CLI's own line.
    """

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self._stream = stream
        self._shown = False

    def filter(self, record: logging.LogRecord) -> bool:
        deprecation = getattr(record, "heygen_deprecation", None)
        if deprecation is None:
            return True
        if not self._shown:
            self._shown = True
            line = deprecation.describe(deprecation.cli_replacement or None)
            self._stream.write(f"heygen: warning: {line}\n")
            self._stream.flush()
        return False


def _error_line(error: BaseException) -> tuple[int, str]:
    if isinstance(error, EndpointRetiredError):
        return EXIT_API_ERROR, (
            f"HeyGen retired {error.endpoint} (HTTP {error.status_code}); use {error.cli_replacement} instead"
        )
    if isinstance(error, TrainingFailedError):
        return EXIT_TRAINING_FAILED, f"{error} (check the group's photos, then train again)"
    if isinstance(error, TrainingNotStartedError):
        return EXIT_TRAINING_FAILED, str(error)
    if isinstance(error, TrainingTimeoutError):
        return EXIT_TIMEOUT, f"{error}; run `heygen photo-avatar status GROUP_ID` later, or raise --timeout"
    if isinstance(error, APITimeoutError):
        return EXIT_TIMEOUT, f"{error} (HeyGen did not answer in time; try again)"
    if isinstance(error, ConfigurationError):
        return (EXIT_AUTH if error.setting == "api_key" else EXIT_USAGE), str(error)
    if isinstance(error, AuthenticationError | PermissionDeniedError):
        return EXIT_AUTH, str(error)
    if isinstance(error, APIConnectionError):
        return EXIT_API_ERROR, f"{error} (check HEYGEN_BASE_URL and your network, then try again)"
    if isinstance(error, HeyGenError):
        return EXIT_API_ERROR, str(error)
    return EXIT_USAGE, str(error)


def main(
    argv: Sequence[str] | None = None, *, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    """Run the CLI; returns the exit code."""
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    notice = _DeprecationNotice(err)
    logger = logging.getLogger("heygen")
    logger.addFilter(notice)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", HeyGenDeprecationWarning)
            return _main(argv, out, err)
    finally:
        logger.removeFilter(notice)


def _main(argv: Sequence[str] | None, out: TextIO, err: TextIO) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
        if args.area == "webhooks":
            return _cli_webhooks.run(args, out, err)
        if (
            args.area is None
            or getattr(args, "action", None) is None
            or getattr(args, "look_action", "") is None
        ):
            parser.print_help(err)
            return EXIT_USAGE
        return _run(args, out, err)
    except _UsageError as error:
        err.write(f"heygen: error: {error}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        err.write("\nheygen: interrupted\n")
        return EXIT_INTERRUPTED
    except (HeyGenError, TypeError, ValueError) as error:
        from . import _cli_avatars

        code, line = _cli_avatars.error_line(error) or _error_line(error)
        line = _cli_avatars.with_retry_hint(error, line)
        err.write(f"heygen: error: {' '.join(line.split())}\n")
        return code
    except Exception as error:  # never a traceback: one line, and where to report it
        err.write(f"heygen: unexpected error: {type(error).__name__}: {error} (please report this)\n")
        return EXIT_API_ERROR


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
