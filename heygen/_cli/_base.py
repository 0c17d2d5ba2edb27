"""What every command group builds on: how to declare commands, and what a command gets to run.

A command group (`heygen photo-avatar`, `heygen avatars`, ...) is one module that defines a
`CommandGroup` and is listed in `_groups.GROUPS`. Its `add_commands` declares each command with
`Commands.add(name, handler, help=...)`; a handler takes a `Context` and returns an exit code:

    def _status(ctx: Context) -> int:
        with ctx.client() as client:
            status = client.photo_avatars.training_status(ctx.args.group_id)
        ctx.print_json(status) if ctx.args.json else ctx.print(f"{status.group_id}: {status.raw_status}")
        return EXIT_OK

    def _add_commands(commands: Commands) -> None:
        status = commands.add("status", _status, help="show a group's training status")
        status.add_argument("group_id", metavar="GROUP_ID")

    GROUP = CommandGroup("photo-avatar", "photo avatar groups", _add_commands)

Errors need no handling in the command: `heygen.HeyGenError`, `TypeError` and `ValueError` become
one line on stderr and an exit code in `_errors.describe`; raise `CommandError` for advice of your
own, `UsageError` for bad arguments.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TextIO

from .. import HeyGen
from .._constants import API_KEY_ENV, DEFAULT_POLL_INTERVAL, DEFAULT_WAIT_TIMEOUT
from .._serialize import to_jsonable
from ._errors import EXIT_AUTH, CommandError, UsageError

Handler = Callable[["Context"], int]


class Parser(argparse.ArgumentParser):
    """argparse, failing with one line and our exit code instead of a usage dump and exit 2."""

    def error(self, message: str) -> Any:
        raise UsageError(f"{message} (see `{self.prog} --help`)")


@dataclass
class Context:
    """What a command handler gets: its parsed arguments, the output streams, and a client."""

    args: argparse.Namespace
    out: TextIO
    err: TextIO
    stdin: TextIO | None = None

    def client(self) -> HeyGen:
        """A client configured from the environment and the client options (use it in a `with`)."""
        api_key = self._read_api_key() if getattr(self.args, "api_key", False) else None
        return HeyGen(api_key, allow_insecure_http=getattr(self.args, "allow_insecure_http", False))

    def _read_api_key(self) -> str:
        """`--api-key`: the key from a prompt on a terminal, else the first line of stdin.

        Never from the command line, where shell history and process lists would keep it.
        """
        stdin = self.stdin or sys.stdin
        key = getpass.getpass("HeyGen API key: ", stream=self.err) if stdin.isatty() else stdin.readline()
        key = key.strip()
        if not key:
            raise CommandError(
                "--api-key read no key: type it at the prompt, or pipe it on stdin "
                f"(or set {API_KEY_ENV} instead)",
                EXIT_AUTH,
            )
        return key

    def print(self, line: str) -> None:
        """A result line on stdout."""
        self.out.write(line + "\n")

    def print_json(self, value: object) -> None:
        """A result as one line of JSON on stdout: results via `to_dict()`, so with their own names."""
        self.out.write(json.dumps(to_jsonable(value)) + "\n")

    def note(self, line: str) -> None:
        """A progress or information line on stderr (never part of the result)."""
        self.err.write(line + "\n")


class Commands:
    """Declares the commands of one group: `add` returns the command's parser for its arguments."""

    def __init__(self, actions: argparse._SubParsersAction[Parser]) -> None:
        self._actions = actions

    def add(
        self, name: str, handler: Handler, *, help: str, json: bool = True, client: bool = True
    ) -> argparse.ArgumentParser:
        """A command `name` run by `handler`, returning its parser for the command's own arguments.

        With `json`, it takes `--json` (`ctx.args.json`); with `client`, the client options
        `--api-key` and `--allow-insecure-http`, which `ctx.client()` applies.
        """
        parser = self._actions.add_parser(name, help=help, description=help[:1].upper() + help[1:] + ".")
        parser.set_defaults(handler=handler)
        if json:
            parser.add_argument("--json", action="store_true", help="print the result as JSON on stdout")
        if client:
            add_client_options(parser)
        return parser

    def group(self, name: str, *, help: str) -> Commands:
        """A nested group `name` (`heygen avatars looks ...`): declare its commands on the result.

        Named alone, it prints its own help and exits 2, as a top-level group does.
        """
        parser = self._actions.add_parser(name, help=help, description=help[:1].upper() + help[1:] + ".")
        parser.set_defaults(group_parser=parser)
        return Commands(parser.add_subparsers(dest=f"{name}_action", metavar="ACTION", parser_class=Parser))


@dataclass(frozen=True)
class CommandGroup:
    """`heygen NAME ACTION ...`: a name, its one-line help, and the function declaring its actions."""

    name: str
    help: str
    add_commands: Callable[[Commands], None]


def seconds(text: str) -> float:
    """An argparse type: a positive, finite number of seconds."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(f"{text!r} must be a positive number of seconds")
    return value


def count(text: str) -> int:
    """An argparse type: a whole number of 1 or more (`--limit`)."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of 1 or more")
    return int(text)


def add_idempotency_option(parser: argparse.ArgumentParser, what: str) -> None:
    """`--idempotency-key`, for a command whose call HeyGen must not do twice when retried."""
    parser.add_argument(
        "--idempotency-key",
        metavar="KEY",
        help=f"retry a {what} safely: the same key within 24 hours replays the first answer "
        "(default: a new key; a failure prints the key to retry with)",
    )


def add_client_options(parser: argparse.ArgumentParser) -> None:
    """`--api-key` (read from a prompt or stdin, never argv) and `--allow-insecure-http`."""
    options = parser.add_argument_group("client options")
    options.add_argument(
        "--api-key",
        action="store_true",
        help=f"read the API key from a prompt (or the first line of stdin) instead of {API_KEY_ENV}; "
        "it takes no value, so the key never appears on the command line",
    )
    options.add_argument(
        "--allow-insecure-http",
        action="store_true",
        help="allow a plain http HEYGEN_BASE_URL to a non-loopback host (sends the key unencrypted)",
    )


def add_wait_options(parser: argparse.ArgumentParser, *, prefix: str = "") -> None:
    """`--timeout` and `--poll-interval`, for commands that wait for something to finish."""
    parser.add_argument(
        "--timeout",
        type=seconds,
        default=DEFAULT_WAIT_TIMEOUT,
        metavar="S",
        help=f"{prefix}seconds to wait in all (default {DEFAULT_WAIT_TIMEOUT:g})",
    )
    parser.add_argument(
        "--poll-interval",
        type=seconds,
        default=DEFAULT_POLL_INTERVAL,
        metavar="S",
        help=f"{prefix}longest pause between polls (default {DEFAULT_POLL_INTERVAL:g})",
    )
