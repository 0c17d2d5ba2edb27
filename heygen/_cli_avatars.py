"""`heygen avatars ...` and `heygen assets ...`: photo avatars on HeyGen's v3 API, from a shell.

The same contract as `heygen photo-avatar`: results on stdout (`--json` for machines), progress
and errors on stderr, the exit codes of `heygen --help`. `heygen/_cli.py` registers these areas
and maps the errors this module does not (`error_line` here is asked first).
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TextIO

from . import (
    AvatarConsentRequiredError,
    AvatarCreation,
    AvatarError,
    AvatarFailedError,
    AvatarGroup,
    AvatarLook,
    AvatarStatus,
    AvatarTimeoutError,
    HeyGen,
    HeyGenError,
)
from ._cli import EXIT_OK, EXIT_TIMEOUT, EXIT_TRAINING_FAILED, _seconds
from ._constants import DEFAULT_POLL_INTERVAL, DEFAULT_WAIT_TIMEOUT

AREAS = ("avatars", "assets")

__all__ = ["AREAS", "add_commands", "error_line", "run", "with_retry_hint"]


class UsageError(ValueError):
    """Bad arguments found before any request (exit 2 through `_cli`'s ValueError branch)."""


def add_commands(commands: Any, parser_class: type[argparse.ArgumentParser], epilog: str) -> None:
    """Add the `avatars` and `assets` areas to the `heygen` parser's subcommands."""
    formatting: dict[str, Any] = {"epilog": epilog, "formatter_class": argparse.RawDescriptionHelpFormatter}
    avatars = commands.add_parser(
        "avatars", help="photo avatars (HeyGen v3): create, wait, list...", **formatting
    )
    actions = avatars.add_subparsers(dest="action", metavar="ACTION", parser_class=parser_class)

    create = actions.add_parser("create", help="create a photo avatar from one photo (a paid call)")
    create.add_argument("name", metavar="NAME", help="the avatar's name")
    source = create.add_mutually_exclusive_group(required=True)
    source.add_argument("--photo", metavar="PATH|URL", help="a local image, or an https:// URL")
    source.add_argument("--asset", metavar="ASSET_ID", help="an image uploaded with `heygen assets upload`")
    create.add_argument("--group", metavar="GROUP_ID", help="add the photo as a new look of this group")
    create.add_argument(
        "--idempotency-key",
        metavar="KEY",
        help="retry a create safely: the same key within 24 hours replays the first answer",
    )
    _wait_options(create, "with --wait: ")
    create.add_argument("--wait", action="store_true", help="wait until the avatar is completed or fails")
    _json_option(create)

    wait = actions.add_parser("wait", help="wait until an avatar group is completed (or fails)")
    wait.add_argument("group_id", metavar="GROUP_ID")
    _wait_options(wait, "")
    _json_option(wait)

    for name, text in (("get", "show an avatar group"), ("delete", "delete a group and all its looks")):
        command = actions.add_parser(name, help=text)
        command.add_argument("group_id", metavar="GROUP_ID")
        _json_option(command)

    listing = actions.add_parser("list", help="list your avatar groups, newest first")
    _limit_option(listing, "groups")
    _json_option(listing)

    looks = actions.add_parser("looks", help="the looks of avatar groups", **formatting)
    look_actions = looks.add_subparsers(dest="look_action", metavar="ACTION", parser_class=parser_class)
    look_list = look_actions.add_parser("list", help="list looks, newest first")
    look_list.add_argument("--group", metavar="GROUP_ID", help="only the looks of this group")
    _limit_option(look_list, "looks")
    _json_option(look_list)
    for name, text in (("get", "show a look"), ("delete", "delete a look")):
        command = look_actions.add_parser(name, help=text)
        command.add_argument("look_id", metavar="LOOK_ID")
        _json_option(command)
    rename = look_actions.add_parser("rename", help="rename a look")
    rename.add_argument("look_id", metavar="LOOK_ID")
    rename.add_argument("new_name", metavar="NAME")
    _json_option(rename)

    assets = commands.add_parser("assets", help="files uploaded to HeyGen (HeyGen v3)", **formatting)
    asset_actions = assets.add_subparsers(dest="action", metavar="ACTION", parser_class=parser_class)
    upload = asset_actions.add_parser("upload", help="upload a file (at most 32 MB) and print its asset id")
    upload.add_argument("path", metavar="PATH", type=Path)
    upload.add_argument("--content-type", metavar="TYPE", help="default: from the file name, else its bytes")
    _json_option(upload)


def _wait_options(parser: argparse.ArgumentParser, prefix: str) -> None:
    parser.add_argument(
        "--timeout",
        type=_seconds,
        default=DEFAULT_WAIT_TIMEOUT,
        metavar="S",
        help=f"{prefix}seconds to wait in all (default {DEFAULT_WAIT_TIMEOUT:g})",
    )
    parser.add_argument(
        "--poll-interval",
        type=_seconds,
        default=DEFAULT_POLL_INTERVAL,
        metavar="S",
        help=f"{prefix}longest pause between polls (default {DEFAULT_POLL_INTERVAL:g})",
    )


def _json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the result as JSON on stdout")


def _limit_option(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--limit", type=_count, metavar="N", help=f"print at most N {what} (default: all)")


def _count(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of 1 or more")
    return int(text)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run one `avatars` or `assets` command; errors propagate to `_cli.main` to be reported."""
    photo = _photo_argument(args.photo) if args.action == "create" and args.photo is not None else None
    if args.area == "assets" and not args.path.is_file():
        raise UsageError(f"no such file: {args.path}")
    emit = _Emitter(out, args.json)
    with HeyGen() as client:
        if args.area == "assets":
            asset = client.assets.upload(args.path, content_type=args.content_type)
            emit(
                asset.to_dict(),
                f"Uploaded {args.path}: asset {asset.asset_id} ({asset.mime_type}, "
                f"{asset.size_bytes} bytes) at {asset.url}",
            )
        elif args.action == "create":
            return _create(client, args, photo, emit, err)
        elif args.action == "wait":
            progress = _Progress(err)
            try:
                group = client.avatars.wait_until_ready(
                    args.group_id,
                    timeout=args.timeout,
                    poll_interval=args.poll_interval,
                    on_progress=progress,
                )
            finally:
                progress.done()
            emit(group.to_dict(), f"Avatar group {group.id} is ready (status {group.raw_status}).")
        elif args.action == "get":
            group = client.avatars.retrieve(args.group_id)
            emit(group.to_dict(), _describe_group(group))
        elif args.action == "delete":
            client.avatars.delete(args.group_id)
            emit(
                {"id": args.group_id, "deleted": True}, f"Deleted avatar group {args.group_id} and its looks."
            )
        elif args.action == "list":
            groups = list(_first(client.avatars.list(limit=_page_size(args.limit)), args.limit))
            emit(
                [group.to_dict() for group in groups],
                "\n".join(_group_row(group) for group in groups) or None,
            )
        else:
            _looks(client, args, emit)
    return EXIT_OK


def _looks(client: HeyGen, args: argparse.Namespace, emit: _Emitter) -> None:
    looks = client.avatars.looks
    if args.look_action == "list":
        found = list(_first(looks.list(group_id=args.group, limit=_page_size(args.limit)), args.limit))
        emit([look.to_dict() for look in found], "\n".join(_look_row(look) for look in found) or None)
    elif args.look_action == "get":
        look = looks.retrieve(args.look_id)
        emit(look.to_dict(), _describe_look(look))
    elif args.look_action == "rename":
        look = looks.update(args.look_id, name=args.new_name)
        emit(look.to_dict(), f"Renamed look {look.id} to {look.name!r}.")
    else:
        looks.delete(args.look_id)
        emit({"id": args.look_id, "deleted": True}, f"Deleted look {args.look_id}.")


def _create(client: HeyGen, args: argparse.Namespace, photo: object, emit: _Emitter, err: TextIO) -> int:
    if args.asset is not None:
        photo = client.assets.retrieve(args.asset)  # sent as its asset id; a typo fails here, unpaid
    creation = client.avatars.create_photo(
        name=args.name, photo=photo, group_id=args.group, idempotency_key=args.idempotency_key
    )
    summary = _describe_creation(creation)
    if not args.wait:
        emit(creation.to_dict(), summary)
        return EXIT_OK
    err.write(summary + "\n")
    progress = _Progress(err)
    try:
        final: AvatarGroup | AvatarLook
        if args.group is not None:  # a look added to a group: its own status is what to follow
            final = client.avatars.looks.wait_until_ready(
                creation.look.id, timeout=args.timeout, poll_interval=args.poll_interval, on_progress=progress
            )
            line = (
                f"Look {final.id} of avatar group {creation.group_id} is ready (status {final.raw_status})."
            )
        else:
            final = client.avatars.wait_until_ready(
                creation.group_id,
                timeout=args.timeout,
                poll_interval=args.poll_interval,
                on_progress=progress,
            )
            line = f"Avatar group {final.id} is ready (status {final.raw_status}, look {creation.look.id})."
    except AvatarError as error:
        if args.json:  # the avatar exists (and was paid for): a script still needs its ids
            last = error.avatar.to_dict() if error.avatar is not None else None
            emit({"creation": creation.to_dict(), "status": last, "error": error.message}, None)
        raise
    finally:
        progress.done()
    emit({"creation": creation.to_dict(), "status": final.to_dict()}, line)
    return EXIT_OK


def _photo_argument(text: str) -> object:
    """An `https://` URL stays a str (HeyGen downloads it); anything else must be a local file."""
    if text.startswith("https://"):
        return text
    if "://" in text:
        raise UsageError(f"--photo {text!r}: a URL must start with https://")
    path = Path(text)
    if not path.is_file():
        raise UsageError(f"--photo: no such file: {path}")
    return path


def _page_size(limit: int | None) -> int | None:
    return None if limit is None else min(limit, 50)


def _first(items: Any, limit: int | None) -> Iterator[Any]:
    for count, item in enumerate(items, start=1):
        yield item
        if limit is not None and count >= limit:
            return


class _Emitter:
    """Print a result: its JSON form with `--json`, else the human line (if any)."""

    def __init__(self, out: TextIO, as_json: bool) -> None:
        self._out = out
        self._json = as_json

    def __call__(self, document: object, line: str | None) -> None:
        if self._json:
            self._out.write(json.dumps(document) + "\n")
        elif line:
            self._out.write(line + "\n")


class _Progress:
    """Status lines on stderr: rewritten in place on a terminal, one line per change otherwise."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._started = time.monotonic()
        self._live = stream.isatty()
        self._last: str | None = None

    def __call__(self, avatar: AvatarGroup | AvatarLook) -> None:
        status = avatar.raw_status or "no status"
        line = f"[{time.monotonic() - self._started:6.1f}s] {avatar.id}: {status}"
        if avatar.status is AvatarStatus.UNKNOWN:
            line += " (unknown status; still waiting)"
        if self._live:
            self._stream.write("\r\033[K" + line)
        elif status != self._last:
            self._stream.write(line + "\n")
        self._stream.flush()
        self._last = status

    def done(self) -> None:
        if self._live and self._last is not None:
            self._stream.write("\n")
            self._stream.flush()


def _describe_creation(creation: AvatarCreation) -> str:
    status = creation.group.raw_status if creation.group is not None else creation.look.raw_status
    return (
        f"Created avatar group {creation.group_id}, look {creation.look.id} "
        f"(photo sent as {creation.photo_sent_as}; status {status})"
    )


def _reason(avatar: AvatarGroup | AvatarLook) -> str:
    return f" ({avatar.error.code}: {avatar.error.message})" if avatar.error is not None else ""


def _describe_group(group: AvatarGroup) -> str:
    looks = f"{group.looks_count} look" + ("" if group.looks_count == 1 else "s")
    return (
        f"Avatar group {group.id} {group.name!r}: {group.raw_status or 'no status'}{_reason(group)}, {looks}"
    )


def _describe_look(look: AvatarLook) -> str:
    return (
        f"Look {look.id} {look.name!r} of group {look.group_id}: "
        f"{look.raw_status or 'no status'}{_reason(look)}, {look.avatar_type.value}"
    )


def _group_row(group: AvatarGroup) -> str:
    return f"{group.id}  {group.raw_status or '-':<15}  {group.looks_count:>3} looks  {group.name}"


def _look_row(look: AvatarLook) -> str:
    return f"{look.id}  {look.raw_status or '-':<15}  group {look.group_id}  {look.name}"


def error_line(error: BaseException) -> tuple[int, str] | None:
    """The exit code and message for the errors of these commands, or None for `_cli` to map."""
    handlers: list[tuple[type[BaseException], Callable[[Any], tuple[int, str]]]] = [
        (
            AvatarFailedError,
            lambda e: (EXIT_TRAINING_FAILED, f"{e} (check the photo, then create the avatar again)"),
        ),
        (AvatarConsentRequiredError, lambda e: (EXIT_TRAINING_FAILED, str(e))),
        (AvatarTimeoutError, lambda e: (EXIT_TIMEOUT, f"{e}; {_resume(e)}")),
    ]
    for kind, describe in handlers:
        if isinstance(error, kind):
            return describe(error)
    return None


def _resume(error: AvatarTimeoutError) -> str:
    """How to go back to waiting: on the group, or on a look added to a group."""
    avatar = error.avatar
    if isinstance(avatar, AvatarLook):
        return f"check it later with `heygen avatars looks get {avatar.id}`, or raise --timeout"
    group_id = avatar.id if avatar is not None else error.creation.group_id if error.creation else "GROUP_ID"
    return f"run `heygen avatars wait {group_id}` later, or raise --timeout"


def with_retry_hint(error: BaseException, line: str) -> str:
    """Add how to retry a create or upload that may have happened without paying twice."""
    key = getattr(error, "idempotency_key", None)
    if isinstance(error, HeyGenError) and not isinstance(error, AvatarError) and key:
        line = line.replace(
            f" (retrying with idempotency_key={key!r} cannot do it twice)", ""
        )  # the SDK's form
        return f"{line} (to retry safely, without a second charge: --idempotency-key {key})"
    return line
