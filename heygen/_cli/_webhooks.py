"""`heygen webhooks ...`: a local receiver for deliveries, and endpoint management.

    heygen webhooks listen --port 8000 [--forward-to http://127.0.0.1:5000/hooks]
    heygen webhooks endpoints create --url https://example.com/hooks [--event TYPE ...]
    heygen webhooks endpoints list | delete ENDPOINT_ID | rotate-secret ENDPOINT_ID

`listen` needs only HEYGEN_WEBHOOK_SECRET; it receives what reaches it (from the local fake, or
from HeyGen through a tunnel of your own: HeyGen has no relay). `create` and `rotate-secret`
print the new secret on stdout, once, and nowhere else; their other output goes to stderr, so
`$(heygen webhooks endpoints create ...)` captures just the secret.
"""

from __future__ import annotations

import argparse

from .. import HeyGenError, _config
from .._constants import WEBHOOK_SECRET_ENV
from .._exceptions import ConfigurationError
from .._serialize import to_jsonable
from ._base import CommandGroup, Commands, Context, add_idempotency_option, seconds
from ._errors import EXIT_OK


def _port(text: str) -> int:
    """An argparse type: a TCP port, 0 for any free one."""
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} must be from 0 to 65535 (0 picks a free port)")
    return port


# --- endpoints -------------------------------------------------------------------------------


def _create(ctx: Context) -> int:
    args = ctx.args
    with ctx.client() as client:
        endpoint = client.webhooks.endpoints.create(
            url=args.url, events=args.events, idempotency_key=args.idempotency_key
        )
    if args.json:  # one object on stdout, the secret in it
        ctx.print_json(endpoint)
        return EXIT_OK
    ctx.note(
        f"Created endpoint {endpoint.endpoint_id} for {endpoint.url}. Its signing secret is on stdout, "
        "shown this once: store it (say, in HEYGEN_WEBHOOK_SECRET)."
    )
    ctx.print(str(endpoint.secret or ""))
    return EXIT_OK


def _list(ctx: Context) -> int:
    with ctx.client() as client:
        endpoints = list(client.webhooks.endpoints.list())
    if ctx.args.json:
        # HeyGen sends no secret when listing; the key is left out so no one looks for one.
        ctx.print_json([{k: v for k, v in to_jsonable(e).items() if k != "secret"} for e in endpoints])
        return EXIT_OK
    for endpoint in endpoints:
        events = ", ".join(endpoint.events) if endpoint.events is not None else "all events"
        ctx.print(f"{endpoint.endpoint_id}  {endpoint.status}  {endpoint.url}  ({events})")
    if not endpoints:
        ctx.note("No webhook endpoints.")
    return EXIT_OK


def _delete(ctx: Context) -> int:
    endpoint_id = ctx.args.endpoint_id
    with ctx.client() as client:
        client.webhooks.endpoints.delete(endpoint_id)
    if ctx.args.json:
        ctx.print_json({"endpoint_id": endpoint_id, "deleted": True})
    else:
        ctx.note(f"Deleted endpoint {endpoint_id}.")
    return EXIT_OK


def _rotate(ctx: Context) -> int:
    with ctx.client() as client:
        rotated = client.webhooks.endpoints.rotate_secret(
            ctx.args.endpoint_id, idempotency_key=ctx.args.idempotency_key
        )
    if ctx.args.json:
        ctx.print_json(rotated)
        return EXIT_OK
    ctx.note(
        f"Rotated the secret of {rotated.endpoint_id}; the old one no longer verifies. "
        "The new one is on stdout, shown this once."
    )
    ctx.print(str(rotated.secret))
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
        from .._webhook_ops import endpoint_url

        endpoint_url(ctx.args.forward_to)  # an absolute URL; http only to loopback
    from ._webhook_listener import Receiver

    try:
        server = Receiver(ctx, secret)
    except OSError as error:
        raise HeyGenError(f"cannot listen on {ctx.args.host}:{ctx.args.port}: {error.strerror}") from None
    port = server.server_address[1]
    ctx.note(f"Listening for HeyGen webhooks on http://{ctx.args.host}:{port}/ (Ctrl-C to stop)")
    ctx.err.flush()
    try:
        server.serve_forever(poll_interval=0.1)
    finally:
        server.server_close()
    return EXIT_OK  # pragma: no cover - serve_forever only ends by an exception (Ctrl-C)


def _add_commands(commands: Commands) -> None:
    listen = commands.add(
        "listen", _listen, help="receive, verify and print webhook deliveries", client=False
    )
    listen.add_argument("--port", type=_port, required=True, help="port to listen on (0: any free)")
    listen.add_argument("--host", default="127.0.0.1", help="address to listen on (default %(default)s)")
    listen.add_argument(
        "--forward-to", metavar="URL", help="also POST each verified delivery, unchanged, here"
    )
    listen.add_argument(
        "--tolerance",
        type=seconds,
        default=300.0,
        metavar="S",
        help="timestamp window in seconds (default 300)",
    )

    endpoints = commands.group(
        "endpoints", help="manage webhook endpoints: create, list, delete, rotate-secret"
    )
    create = endpoints.add("create", _create, help="register an endpoint; prints its secret once, on stdout")
    create.add_argument("--url", required=True, help="a public https URL")
    create.add_argument(
        "--event", action="append", dest="events", metavar="TYPE", help="an event type (repeat); default: all"
    )
    add_idempotency_option(create, "create")
    endpoints.add("list", _list, help="list the registered endpoints (never their secrets)")
    delete = endpoints.add("delete", _delete, help="delete an endpoint")
    delete.add_argument("endpoint_id", metavar="ENDPOINT_ID")
    rotate = endpoints.add(
        "rotate-secret", _rotate, help="rotate an endpoint's secret; prints the new one once"
    )
    rotate.add_argument("endpoint_id", metavar="ENDPOINT_ID")
    add_idempotency_option(rotate, "rotation")


GROUP = CommandGroup("webhooks", "webhooks (v3): receive deliveries locally; manage endpoints", _add_commands)
