"""`heygen photo-avatar ...`: train a group and follow its training."""

from __future__ import annotations

from dataclasses import asdict

from .. import TrainingError, TrainingJob, TrainingStatus
from .._resources import validate_group_id
from ._base import CommandGroup, Commands, Context, add_wait_options
from ._errors import EXIT_OK
from ._output import Progress


def _job_dict(job: TrainingJob) -> dict[str, object]:
    return asdict(job)


def _status_dict(status: TrainingStatus) -> dict[str, object]:
    return {
        "group_id": status.group_id,
        "status": status.state.value,
        "raw_status": status.raw_status,
        "error_message": status.error_message,
        "created_at": status.created_at.isoformat() if status.created_at else None,
        "updated_at": status.updated_at.isoformat() if status.updated_at else None,
    }


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


def _status(ctx: Context) -> int:
    group_id = validate_group_id(ctx.args.group_id)  # a usage error before any settings or network
    with ctx.client() as client:
        status = client.photo_avatars.training_status(group_id)
    if ctx.args.json:
        ctx.print_json(_status_dict(status))
    else:
        reason = f": {status.error_message}" if status.error_message else ""
        ctx.print(f"Group {status.group_id}: {status.raw_status}{reason}")
    return EXIT_OK


def _train(ctx: Context) -> int:
    args = ctx.args
    group_id = validate_group_id(args.group_id)
    with ctx.client() as client:
        resource = client.photo_avatars
        job = resource.train(group_id)
        if not args.wait:
            ctx.print_json(_job_dict(job)) if args.json else ctx.print(_describe_job(job))
            return EXIT_OK
        ctx.note(_describe_job(job))
        progress = Progress(ctx.err, job.group_id)

        def show(status: TrainingStatus) -> None:
            progress.show(
                status.raw_status, note="unknown status; still waiting" if status.is_unknown else ""
            )

        try:
            final = resource.wait_for_training(
                job.group_id, timeout=args.timeout, poll_interval=args.poll_interval, on_progress=show
            )
        except TrainingError as error:
            if args.json:  # the job started: a script still needs its flow_id and the last status
                last = error.last_status
                body = {"job": _job_dict(job), "status": _status_dict(last) if last else None}
                ctx.print_json({**body, "error": error.message})
            raise
        finally:
            progress.done()
    if args.json:
        ctx.print_json({"job": _job_dict(job), "status": _status_dict(final)})
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


GROUP = CommandGroup("photo-avatar", "photo avatar groups", _add_commands)
