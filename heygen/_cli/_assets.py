"""`heygen assets upload`: put a local file on HeyGen, to create an avatar from its asset id."""

from __future__ import annotations

from pathlib import Path

from ._base import CommandGroup, Commands, Context, add_idempotency_option
from ._errors import EXIT_OK, UsageError


def _upload(ctx: Context) -> int:
    path: Path = ctx.args.path
    if not path.is_file():
        raise UsageError(f"no such file: {path}")
    with ctx.client() as client:
        asset = client.assets.upload(
            path, content_type=ctx.args.content_type, idempotency_key=ctx.args.idempotency_key
        )
    if ctx.args.json:
        ctx.print_json(asset)
    else:
        ctx.print(
            f"Uploaded {path}: asset {asset.asset_id} ({asset.mime_type}, {asset.size_bytes} bytes) "
            f"at {asset.url}"
        )
    return EXIT_OK


def _add_commands(commands: Commands) -> None:
    upload = commands.add("upload", _upload, help="upload a file (at most 32 MB) and print its asset id")
    upload.add_argument("path", metavar="PATH", type=Path)
    upload.add_argument("--content-type", metavar="TYPE", help="default: from the file name, else its bytes")
    add_idempotency_option(upload, "upload")


GROUP = CommandGroup("assets", "files uploaded to HeyGen (v3), to make avatars from: upload", _add_commands)
