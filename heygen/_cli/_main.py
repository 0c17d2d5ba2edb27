"""The `heygen` parser, built from the registered command groups, and `main`.

`main` also turns HeyGen's deprecation of a v2 route into one `heygen: warning:` line naming
the v3 command to use instead (the SDK's `HeyGenDeprecationWarning` is silenced in the CLI).
"""

from __future__ import annotations

import argparse
import logging
import sys
import warnings
from collections.abc import Sequence
from typing import TextIO

from .. import HeyGenDeprecationWarning, HeyGenError, __version__
from ._base import Commands, Context, Parser
from ._errors import (
    EXIT_API_ERROR,
    EXIT_CODES,
    EXIT_INTERRUPTED,
    EXIT_USAGE,
    CommandError,
    UsageError,
    describe,
)
from ._groups import GROUPS


def _epilog() -> str:
    epilog = "exit codes:\n" + "\n".join(f"  {code:<4} {meaning}" for code, meaning in EXIT_CODES.items())
    epilog += "\n\nenvironment:\n  HEYGEN_API_KEY   your API key (or pass --api-key to type it)\n"
    epilog += "  HEYGEN_BASE_URL  API base URL (default https://api.heygen.com)\n"
    epilog += "  HEYGEN_LOG       debug or info, to log HTTP calls to stderr"
    return epilog


def build_parser() -> argparse.ArgumentParser:
    """The whole command line: `heygen GROUP ACTION ...` for every group in `GROUPS`."""
    epilog = _epilog()
    parser = Parser(
        prog="heygen",
        description="Create HeyGen photo avatars (v3) or train photo avatar groups (v2), and follow "
        "them; manage webhook endpoints and receive their deliveries.",
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"heygen-sdk {__version__}")
    groups = parser.add_subparsers(dest="area", metavar="COMMAND", parser_class=Parser)
    for group in GROUPS:
        area = groups.add_parser(
            group.name, help=group.help, epilog=epilog, formatter_class=argparse.RawDescriptionHelpFormatter
        )
        area.set_defaults(group_parser=area)
        group.add_commands(
            Commands(area.add_subparsers(dest="action", metavar="ACTION", parser_class=Parser))
        )
    return parser


class _DeprecationNotice(logging.Filter):
    """Shows HeyGen's deprecation of a v2 route once per run, naming the v3 command instead.

    The SDK logs each deprecated endpoint once on the `heygen` logger (and issues a
    `HeyGenDeprecationWarning`, which `main` silences); this filter turns the first such record
    into the CLI's own line and drops the record, so it is not printed twice.
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


def main(
    argv: Sequence[str] | None = None,
    *,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    stdin: TextIO | None = None,
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
            return _run(argv, out, err, stdin)
    finally:
        logger.removeFilter(notice)


def _run(argv: Sequence[str] | None, out: TextIO, err: TextIO, stdin: TextIO | None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    try:
        args = parser.parse_args(arguments)
        if getattr(args, "handler", None) is None:  # `heygen` or `heygen GROUP`: that level's help
            getattr(args, "group_parser", parser).print_help(err)
            return EXIT_USAGE
        return int(args.handler(Context(args, out, err, stdin)))
    except UsageError as error:
        message = str(error)
        if "--api-key" in arguments and "unrecognized arguments" in message:  # maybe the key itself
            message = (
                "--api-key takes no value: it reads the key from a prompt or stdin "
                "(the unexpected arguments are not shown, in case one is the key)"
            )
        err.write(f"heygen: error: {message}\n")
        return EXIT_USAGE
    except KeyboardInterrupt as error:
        detail = f"; {error}" if str(error) else ""
        err.write(f"\nheygen: interrupted{detail}\n")
        return EXIT_INTERRUPTED
    except (CommandError, HeyGenError, TypeError, ValueError) as error:
        code, line = describe(error)
        err.write(f"heygen: error: {' '.join(line.split())}\n")
        return code
    except Exception as error:  # never a traceback: one line, and where to report it
        err.write(f"heygen: unexpected error: {type(error).__name__}: {error} (please report this)\n")
        return EXIT_API_ERROR
