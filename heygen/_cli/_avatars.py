"""`heygen avatars ...`: photo avatars on HeyGen's v3 API (create, wait, get, list, delete, looks).

Creating an avatar is a paid call, so `create` sends an idempotency key (yours with
`--idempotency-key`, else a fresh one) and a failure names the key that retries it safely.
With `--wait --json`, a wait that ends without success still prints the new ids on stdout.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TypeVar

from .. import AvatarCreation, AvatarError, AvatarGroup, AvatarLook, AvatarStatus
from ._base import CommandGroup, Commands, Context, add_idempotency_option, add_wait_options, count
from ._errors import EXIT_OK, UsageError
from ._output import Progress

T = TypeVar("T")
A = TypeVar("A", AvatarGroup, AvatarLook)
# HeyGen's largest page: `--limit` above it is read a page at a time.
_MAX_PAGE = 50


class _Interrupted(KeyboardInterrupt):
    """Ctrl-C while waiting: the avatar goes on at HeyGen, and the message says how to go back."""


def _wait(
    ctx: Context,
    subject: str,
    wait: Callable[..., A],
    avatar_id: str,
    creation: AvatarCreation | None,
    resume: str,
) -> A:
    """Wait with progress on stderr. With --json, a wait that ends without success still prints
    what a script needs on stdout: the creation (if any), the last status and why it ended.

    The creation is announced inside the `try`: a Ctrl-C just after the line still reports it.
    """
    args = ctx.args
    progress = Progress(ctx.err, subject)
    last: list[AvatarGroup | AvatarLook] = []

    def show(avatar: A) -> None:
        last[:] = [avatar]
        unknown = avatar.status is AvatarStatus.UNKNOWN
        progress.show(
            avatar.raw_status or "no status", note="unknown status; still waiting" if unknown else ""
        )

    def report(error: str, avatar: object) -> None:
        if args.json:
            ctx.print_json({**({"creation": creation} if creation else {}), "status": avatar, "error": error})

    try:
        if creation is not None:
            ctx.note(_describe_creation(creation))
        return wait(avatar_id, timeout=args.timeout, poll_interval=args.poll_interval, on_progress=show)
    except AvatarError as error:
        report(error.message, error.avatar)
        raise
    except KeyboardInterrupt:
        message = f"{subject} goes on at HeyGen: {resume}"
        report(f"interrupted; {message}", last[0] if last else None)
        raise _Interrupted(message) from None
    finally:
        progress.done()


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
    status = group.raw_status or "no status"
    return f"Avatar group {group.id} {group.name!r}: {status}{_reason(group)}, {looks}"


def _describe_look(look: AvatarLook) -> str:
    return (
        f"Look {look.id} {look.name!r} of group {look.group_id}: "
        f"{look.raw_status or 'no status'}{_reason(look)}, {look.avatar_type.value}"
    )


def _first(items: Iterable[T], limit: int | None) -> Iterator[T]:
    """At most `limit` items (all without one), reading no further page than needed."""
    for number, item in enumerate(items, start=1):
        yield item
        if limit is not None and number >= limit:
            return


def _page_size(limit: int | None) -> int | None:
    return None if limit is None else min(limit, _MAX_PAGE)


def _create(ctx: Context) -> int:
    args = ctx.args
    photo = _photo_argument(args.photo) if args.photo is not None else None  # before any request
    with ctx.client() as client:
        if args.asset is not None:
            photo = client.assets.retrieve(args.asset)  # sent as its asset id; a typo fails here, unpaid
        creation = client.avatars.create_photo(
            name=args.name, photo=photo, group_id=args.group, idempotency_key=args.idempotency_key
        )
        if not args.wait:
            ctx.print_json(creation) if args.json else ctx.print(_describe_creation(creation))
            return EXIT_OK
        final: AvatarGroup | AvatarLook
        if args.group is not None:  # a look added to a group: its own status is what to follow
            look_id = creation.look.id
            final = _wait(
                ctx,
                f"look {look_id}",
                client.avatars.looks.wait_until_ready,
                look_id,
                creation,
                f"check it with `heygen avatars looks get {look_id}`",
            )
            line = (
                f"Look {final.id} of avatar group {creation.group_id} is ready (status {final.raw_status})."
            )
        else:
            group_id = creation.group_id
            final = _wait(
                ctx,
                f"avatar group {group_id}",
                client.avatars.wait_until_ready,
                group_id,
                creation,
                f"run `heygen avatars wait {group_id}` to wait again",
            )
            line = f"Avatar group {final.id} is ready (status {final.raw_status}, look {creation.look.id})."
    ctx.print_json({"creation": creation, "status": final}) if args.json else ctx.print(line)
    return EXIT_OK


def _wait_command(ctx: Context) -> int:
    group_id = ctx.args.group_id
    with ctx.client() as client:
        group = _wait(
            ctx,
            f"avatar group {group_id}",
            client.avatars.wait_until_ready,
            group_id,
            None,
            f"run `heygen avatars wait {group_id}` to wait again",
        )
    if ctx.args.json:
        ctx.print_json(group)
    else:
        ctx.print(f"Avatar group {group.id} is ready (status {group.raw_status}).")
    return EXIT_OK


def _get(ctx: Context) -> int:
    with ctx.client() as client:
        group = client.avatars.retrieve(ctx.args.group_id)
    ctx.print_json(group) if ctx.args.json else ctx.print(_describe_group(group))
    return EXIT_OK


def _delete(ctx: Context) -> int:
    group_id = ctx.args.group_id
    with ctx.client() as client:
        client.avatars.delete(group_id)
    if ctx.args.json:
        ctx.print_json({"id": group_id, "deleted": True})
    else:
        ctx.print(f"Deleted avatar group {group_id} and its looks.")
    return EXIT_OK


def _list(ctx: Context) -> int:
    limit = ctx.args.limit
    with ctx.client() as client:
        groups = list(_first(client.avatars.list(limit=_page_size(limit)), limit))
    if ctx.args.json:
        ctx.print_json(groups)
        return EXIT_OK
    for group in groups:
        looks = f"{group.looks_count:>3} look" + ("" if group.looks_count == 1 else "s")
        ctx.print(f"{group.id}  {group.raw_status or '-':<15}  {looks:<9}  {group.name}")
    return EXIT_OK


def _looks_list(ctx: Context) -> int:
    limit = ctx.args.limit
    with ctx.client() as client:
        looks = list(
            _first(client.avatars.looks.list(group_id=ctx.args.group, limit=_page_size(limit)), limit)
        )
    if ctx.args.json:
        ctx.print_json(looks)
        return EXIT_OK
    for look in looks:
        ctx.print(f"{look.id}  {look.raw_status or '-':<15}  group {look.group_id}  {look.name}")
    return EXIT_OK


def _looks_get(ctx: Context) -> int:
    with ctx.client() as client:
        look = client.avatars.looks.retrieve(ctx.args.look_id)
    ctx.print_json(look) if ctx.args.json else ctx.print(_describe_look(look))
    return EXIT_OK


def _looks_rename(ctx: Context) -> int:
    with ctx.client() as client:
        look = client.avatars.looks.update(ctx.args.look_id, name=ctx.args.new_name)
    ctx.print_json(look) if ctx.args.json else ctx.print(f"Renamed look {look.id} to {look.name!r}.")
    return EXIT_OK


def _looks_delete(ctx: Context) -> int:
    look_id = ctx.args.look_id
    with ctx.client() as client:
        client.avatars.looks.delete(look_id)
    ctx.print_json({"id": look_id, "deleted": True}) if ctx.args.json else ctx.print(
        f"Deleted look {look_id}."
    )
    return EXIT_OK


def _add_commands(commands: Commands) -> None:
    create = commands.add("create", _create, help="create a photo avatar from one photo (a paid call)")
    create.add_argument("name", metavar="NAME", help="the avatar's name")
    source = create.add_mutually_exclusive_group(required=True)
    source.add_argument("--photo", metavar="PATH|URL", help="a local image, or an https:// URL")
    source.add_argument("--asset", metavar="ASSET_ID", help="an image uploaded with `heygen assets upload`")
    create.add_argument("--group", metavar="GROUP_ID", help="add the photo as a new look of this group")
    add_idempotency_option(create, "create")
    create.add_argument("--wait", action="store_true", help="wait until the avatar is completed or fails")
    add_wait_options(create, prefix="with --wait: ")

    wait = commands.add("wait", _wait_command, help="wait until an avatar group is completed or fails (free)")
    wait.add_argument("group_id", metavar="GROUP_ID")
    add_wait_options(wait)

    get = commands.add("get", _get, help="show an avatar group")
    get.add_argument("group_id", metavar="GROUP_ID")
    listing = commands.add("list", _list, help="list your avatar groups, newest first")
    listing.add_argument("--limit", type=count, metavar="N", help="print at most N groups (default: all)")
    delete = commands.add("delete", _delete, help="delete an avatar group and all its looks")
    delete.add_argument("group_id", metavar="GROUP_ID")

    looks = commands.group("looks", help="the looks of your avatar groups: list, get, rename, delete")
    look_list = looks.add("list", _looks_list, help="list looks, newest first")
    look_list.add_argument("--group", metavar="GROUP_ID", help="only the looks of this group")
    look_list.add_argument("--limit", type=count, metavar="N", help="print at most N looks (default: all)")
    look_get = looks.add("get", _looks_get, help="show a look")
    look_get.add_argument("look_id", metavar="LOOK_ID")
    rename = looks.add("rename", _looks_rename, help="rename a look")
    rename.add_argument("look_id", metavar="LOOK_ID")
    rename.add_argument("new_name", metavar="NAME")
    look_delete = looks.add("delete", _looks_delete, help="delete a look")
    look_delete.add_argument("look_id", metavar="LOOK_ID")


GROUP = CommandGroup(
    "avatars", "photo avatars (HeyGen v3): create, wait, get, list, delete, looks", _add_commands
)
