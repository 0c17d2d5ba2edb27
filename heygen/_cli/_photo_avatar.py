"""`heygen photo-avatar ...`: train a group, read its training status, wait for its training."""

from __future__ import annotations

from .. import APIError, TrainingError, TrainingJob, TrainingState, TrainingStatus
from .._resources import PhotoAvatars, validate_group_id
from .._train_advice import advice
from ._base import CommandGroup, Commands, Context, add_wait_options
from ._errors import EXIT_OK, EXIT_TRAINING_FAILED, CommandError, cli_check, describe
from ._output import Progress


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


class _Interrupted(KeyboardInterrupt):
    """Ctrl-C while waiting: the training goes on at HeyGen, and the message says how to go back."""


def _wait(ctx: Context, resource: PhotoAvatars, group_id: str, job: TrainingJob | None) -> TrainingStatus:
    """Wait with progress on stderr. With --json, a wait that ends without success still prints
    what a script needs on stdout: the started job (if any), the last status and why it ended.
    """
    args = ctx.args
    progress = Progress(ctx.err, group_id)
    last: list[TrainingStatus] = []

    def show(status: TrainingStatus) -> None:
        last[:] = [status]
        progress.show(status.raw_status, note="unknown status; still waiting" if status.is_unknown else "")

    def report(error: str) -> None:
        if args.json:
            ctx.print_json(
                {**({"job": job} if job else {}), "status": last[0] if last else None, "error": error}
            )

    try:
        if job is not None:
            ctx.note(_describe_job(job))
        return resource.wait_for_training(
            group_id, timeout=args.timeout, poll_interval=args.poll_interval, on_progress=show
        )
    except TrainingError as error:
        report(error.message)
        raise
    except KeyboardInterrupt:
        message = (
            f"training of group {group_id} goes on at HeyGen: run `heygen photo-avatar wait {group_id}` "
            "to wait again"
        )
        report(f"interrupted; {message}")
        raise _Interrupted(message) from None
    finally:
        progress.done()


def _status(ctx: Context) -> int:
    group_id = validate_group_id(ctx.args.group_id)  # a usage error before any settings or network
    with ctx.client() as client:
        status = client.photo_avatars.training_status(group_id)
    if ctx.args.json:
        ctx.print_json(status)
    else:
        reason = f": {status.error_message}" if status.error_message else ""
        ctx.print(f"Group {status.group_id}: {status.raw_status}{reason}")
    return EXIT_OK


def _wait_command(ctx: Context) -> int:
    group_id = validate_group_id(ctx.args.group_id)
    with ctx.client() as client:
        resource = client.photo_avatars
        first = resource.training_status(group_id)
        if first.state is TrainingState.EMPTY:  # nothing to wait for: say so now, not in a minute
            raise CommandError(
                f"Group {group_id} has no training to wait for (status empty): "
                f"start one with `heygen photo-avatar train {group_id}`",
                EXIT_TRAINING_FAILED,
            )
        final = _wait(ctx, resource, group_id, None)
    if ctx.args.json:
        ctx.print_json(final)
    else:
        ctx.print(f"Group {final.group_id} is trained (status {final.raw_status}).")
    return EXIT_OK


def _train(ctx: Context) -> int:
    args = ctx.args
    group_id = validate_group_id(args.group_id)
    with ctx.client() as client:
        resource = client.photo_avatars
        try:
            job = resource.train(group_id)
        except APIError as error:
            hint = advice(error, group_id, cli_check(group_id))
            if hint is None:
                raise
            code, _ = describe(error)
            raise CommandError(error._text(hint), code) from error
        if not args.wait:
            ctx.print_json(job) if args.json else ctx.print(_describe_job(job))
            return EXIT_OK
        final = _wait(ctx, resource, group_id, job)
    if args.json:
        ctx.print_json({"job": job, "status": final})
    else:
        ctx.print(f"Group {final.group_id} is trained (status {final.raw_status}, flow {job.flow_id}).")
    return EXIT_OK


def _add_commands(commands: Commands) -> None:
    train = commands.add("train", _train, help="start training a group (costs 4 credits)")
    train.add_argument("group_id", metavar="GROUP_ID")
    train.add_argument("--wait", action="store_true", help="wait until training is ready or failed")
    add_wait_options(train, prefix="with --wait: ")

    status = commands.add("status", _status, help="show a group's training status")
    status.add_argument("group_id", metavar="GROUP_ID")

    wait = commands.add(
        "wait", _wait_command, help="wait for a training already started, without training again (free)"
    )
    wait.add_argument("group_id", metavar="GROUP_ID")
    add_wait_options(wait)


GROUP = CommandGroup(
    "photo-avatar", "photo avatar groups (HeyGen v2, being retired): train, status, wait", _add_commands
)
