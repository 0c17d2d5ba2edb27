"""``python -m heygen.testing serve``: the fake over HTTP, for demos and out-of-process clients.

Once it accepts connections it prints its URL (e.g. ``http://127.0.0.1:54321``) as the only line
on stdout, flushed, so a parent process can read it. It serves until SIGINT or SIGTERM, then
closes its connections and exits 0. Logs, if any, go to stderr.

Defaults make the demo work out of the box: any non-empty API key is accepted (give
``--api-key`` to restrict), and every account has the group ``demo-group``::

    python -m heygen.testing serve --port 0 --training-seconds 3
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import signal
import sys
import time
from collections.abc import Iterator, Sequence
from types import FrameType

from heygen.testing._clock import Clock
from heygen.testing._fake import DEMO_GROUP_ID, FakeHeyGen
from heygen.testing._server import FakeServer


class _Stop(Exception):
    """Raised by the signal handler to unwind the main thread out of its wait."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit status (0 after a signal, 1 if it cannot listen, 2 on bad usage)."""
    with _stopped_by_signals():
        args = _parser().parse_args(argv)
        logging.basicConfig(stream=sys.stderr, level=logging.WARNING, format="heygen.testing: %(message)s")
        try:
            fake = _fake_from(args)
        except ValueError as invalid:
            print(f"heygen.testing: {invalid}", file=sys.stderr)
            return 2
        try:
            server = FakeServer(
                fake, host=args.host, port=args.port, log_requests=args.log_requests, poll_interval=0.05
            )
        except OSError as failure:
            print(f"heygen.testing: cannot listen on {args.host}:{args.port}: {failure}", file=sys.stderr)
            return 1
        try:
            server.start()
            print(server.url, flush=True)
            while True:
                time.sleep(3600)
        except _Stop:
            return 0
        finally:
            server.stop()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m heygen.testing", description="A local fake of HeyGen.")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser(
        "serve",
        help="serve the fake over HTTP until SIGINT/SIGTERM",
        description="Serve the fake over HTTP; print its URL on stdout; stop on SIGINT or SIGTERM.",
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: %(default)s)")
    serve.add_argument("--port", type=int, default=0, help="port; 0 picks a free one (default: %(default)s)")
    serve.add_argument(
        "--training-seconds",
        type=float,
        default=5.0,
        help="from train to ready, and from a v3 creation to completed (default: %(default)s)",
    )
    serve.add_argument(
        "--pending-seconds", type=float, default=1.0, help="of which reported pending (default: %(default)s)"
    )
    serve.add_argument(
        "--api-key",
        action="append",
        dest="api_keys",
        metavar="KEY",
        help="accept only this key (repeatable); by default any non-empty key is accepted",
    )
    serve.add_argument(
        "--group",
        action="append",
        dest="groups",
        metavar="GROUP_ID",
        help=f"a group every account starts with (repeatable; default: {DEMO_GROUP_ID})",
    )
    serve.add_argument(
        "--auto-create-groups", action="store_true", help="create unknown groups on first use instead of 404"
    )
    serve.add_argument("--log-requests", action="store_true", help="log each request to stderr")
    return parser


def _fake_from(args: argparse.Namespace, clock: Clock | None = None) -> FakeHeyGen:
    return FakeHeyGen(
        api_keys=args.api_keys,
        training_seconds=args.training_seconds,
        pending_seconds=args.pending_seconds,
        clock=clock,
        groups=args.groups or (DEMO_GROUP_ID,),
        auto_create_groups=args.auto_create_groups,
    )


@contextlib.contextmanager
def _stopped_by_signals() -> Iterator[None]:
    """Turn the first SIGINT or SIGTERM into ``_Stop``, raised wherever the main thread is.

    Installed before anything else, so a signal at any point ends in a clean exit; only the
    first one raises, so a second cannot interrupt the shutdown the first one started.
    """
    signalled = False

    def stop(signum: int, frame: FrameType | None) -> None:
        nonlocal signalled
        if not signalled:
            signalled = True
            raise _Stop

    previous = {signum: signal.signal(signum, stop) for signum in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    except _Stop:
        sys.exit(0)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


if __name__ == "__main__":
    sys.exit(main())
