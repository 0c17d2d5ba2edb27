"""`heygen webhooks ...`: a local receiver for deliveries, and endpoint management.

    heygen webhooks listen --port 8000 [--forward-to http://127.0.0.1:5000/hooks]
    heygen webhooks endpoints create --url https://example.com/hooks [--event TYPE ...]
    heygen webhooks endpoints list | delete ENDPOINT_ID | rotate-secret ENDPOINT_ID

`listen` needs only HEYGEN_WEBHOOK_SECRET; it receives what reaches it (from the local fake, or
from HeyGen through a tunnel of your own: HeyGen has no relay). `create` and `rotate-secret`
print the new secret on stdout, once, and nowhere else; their other output goes to stderr.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TextIO

from . import HeyGen, HeyGenError, _config
from ._constants import WEBHOOK_SECRET_ENV
from ._exceptions import ConfigurationError

EXIT_OK = 0
EXIT_USAGE = 2


@dataclass
class Context:
    """What a command gets: its arguments and the two streams (results on `out`)."""

    args: argparse.Namespace
    out: TextIO
    err: TextIO

    def client(self) -> HeyGen:
        return HeyGen()


def _positive_port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} must be from 0 to 65535 (0 picks a free port)")
    return port


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(f"{text!r} must be a positive number of seconds")
    return value


def add_to(commands: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    """Add `webhooks` to the `heygen` command's subparsers (`commands`)."""
    area = commands.add_parser("webhooks", help="receive webhook deliveries; manage endpoints")
    actions = area.add_subparsers(dest="webhooks_action", metavar="ACTION", parser_class=parser_class)

    def add(group: Any, name: str, handler: Callable[[Context], int], help: str) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = group.add_parser(
            name, help=help, description=help[:1].upper() + help[1:]
        )
        parser.set_defaults(webhooks_handler=handler)
        parser.add_argument("--json", action="store_true", help="print results as JSON on stdout")
        return parser

    listen = add(actions, "listen", _listen, "receive, verify and print webhook deliveries")
    listen.add_argument("--port", type=_positive_port, required=True, help="port to listen on (0: any free)")
    listen.add_argument("--host", default="127.0.0.1", help="address to listen on (default %(default)s)")
    listen.add_argument(
        "--forward-to", metavar="URL", help="also POST each verified delivery, unchanged, here"
    )
    listen.add_argument(
        "--tolerance",
        type=_seconds,
        default=300.0,
        metavar="S",
        help="timestamp window in seconds (default 300)",
    )
    endpoints = actions.add_parser("endpoints", help="manage webhook endpoints")
    verbs = endpoints.add_subparsers(dest="endpoints_action", metavar="ACTION", parser_class=parser_class)
    create = add(verbs, "create", _create, "register an endpoint; prints its secret once, on stdout")
    create.add_argument("--url", required=True, help="a public https URL")
    create.add_argument(
        "--event", action="append", dest="events", metavar="TYPE", help="an event type (repeat); default: all"
    )
    add(verbs, "list", _list, "list the registered endpoints")
    delete = add(verbs, "delete", _delete, "delete an endpoint")
    delete.add_argument("endpoint_id", metavar="ENDPOINT_ID")
    rotate = add(verbs, "rotate-secret", _rotate, "rotate an endpoint's secret; prints the new one once")
    rotate.add_argument("endpoint_id", metavar="ENDPOINT_ID")
    area.set_defaults(webhooks_help=area)
    endpoints.set_defaults(webhooks_help=endpoints)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run the parsed `webhooks` command; prints the group's help when none was named."""
    handler = getattr(args, "webhooks_handler", None)
    if handler is None:
        args.webhooks_help.print_help(err)
        return EXIT_USAGE
    result: int = handler(Context(args, out, err))
    return result


# --- endpoints -------------------------------------------------------------------------------


def _endpoint_dict(endpoint: Any) -> dict[str, object]:
    return {
        "endpoint_id": endpoint.endpoint_id,
        "url": endpoint.url,
        "status": endpoint.status,
        "events": None if endpoint.events is None else list(endpoint.events),
        "created_at": endpoint.created_at.isoformat(),
    }


def _create(ctx: Context) -> int:
    with ctx.client() as client:
        endpoint = client.webhooks.endpoints.create(url=ctx.args.url, events=ctx.args.events)
    secret = str(endpoint.secret or "")
    if ctx.args.json:
        ctx.out.write(json.dumps({**_endpoint_dict(endpoint), "secret": secret}) + "\n")
    else:
        ctx.err.write(
            f"Created endpoint {endpoint.endpoint_id} for {endpoint.url}. Its signing secret is on stdout, "
            "shown this once: store it (say, in HEYGEN_WEBHOOK_SECRET).\n"
        )
        ctx.out.write(secret + "\n")
    return EXIT_OK


def _list(ctx: Context) -> int:
    with ctx.client() as client:
        endpoints = [_endpoint_dict(e) for e in client.webhooks.endpoints.list()]
    if ctx.args.json:
        ctx.out.write(json.dumps(endpoints) + "\n")
        return EXIT_OK
    for row in endpoints:
        events = ", ".join(row["events"]) if isinstance(row["events"], list) else "all events"
        ctx.out.write(f"{row['endpoint_id']}  {row['status']}  {row['url']}  ({events})\n")
    if not endpoints:
        ctx.err.write("No webhook endpoints.\n")
    return EXIT_OK


def _delete(ctx: Context) -> int:
    with ctx.client() as client:
        client.webhooks.endpoints.delete(ctx.args.endpoint_id)
    ctx.err.write(f"Deleted endpoint {ctx.args.endpoint_id}.\n")
    return EXIT_OK


def _rotate(ctx: Context) -> int:
    with ctx.client() as client:
        rotated = client.webhooks.endpoints.rotate_secret(ctx.args.endpoint_id)
    if ctx.args.json:
        ctx.out.write(json.dumps({"endpoint_id": rotated.endpoint_id, "secret": str(rotated.secret)}) + "\n")
    else:
        ctx.err.write(
            f"Rotated the secret of {rotated.endpoint_id}; the old one no longer verifies. "
            "The new one is on stdout, shown this once.\n"
        )
        ctx.out.write(str(rotated.secret) + "\n")
    return EXIT_OK


# --- listen ----------------------------------------------------------------------------------


def _listen(ctx: Context) -> int:
    secret = _config.resolve_webhook_secret(None)
    if secret is None:
        raise ConfigurationError(
            f"No webhook secret: set {WEBHOOK_SECRET_ENV} to the endpoint's signing secret "
            "(shown when it was created or rotated).",
            setting="webhook_secret",
        )
    if ctx.args.forward_to:
        from ._webhook_ops import endpoint_url

        endpoint_url(ctx.args.forward_to)  # an absolute URL; http only to loopback
    from ._webhook_listener import Receiver

    try:
        server = Receiver(ctx, secret)
    except OSError as error:
        raise HeyGenError(f"cannot listen on {ctx.args.host}:{ctx.args.port}: {error.strerror}") from None
    port = server.server_address[1]
    ctx.err.write(f"Listening for HeyGen webhooks on http://{ctx.args.host}:{port}/ (Ctrl-C to stop)\n")
    ctx.err.flush()
    try:
        server.serve_forever(poll_interval=0.1)
    finally:
        server.server_close()
    return EXIT_OK  # pragma: no cover - serve_forever only ends by an exception (Ctrl-C)
