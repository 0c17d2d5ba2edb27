#!/usr/bin/env python3
"""Run the pinned Prism mock server (package-lock.json) on a free loopback port.

Used by tests/mock/conftest.py (one server per spec for the test session) and by scripts/mock:

    scripts/mock                 the corrected spec, in the foreground until Ctrl-C
    scripts/mock --provided      HeyGen's document as published
    scripts/mock --daemon        start, print the URL and the pid, and return

Prism validates every request (security, parameters, body) and, with --errors, answers with an
error whenever a request or the response it would send violates the spec.
"""

from __future__ import annotations

import argparse
import contextlib
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _spec import CORRECTED_SPEC, PROVIDED_SPEC, ROOT

PRISM = ROOT / "node_modules" / ".bin" / "prism"
HOST = "127.0.0.1"
READY_LINE = "Prism is listening on"
READY_TIMEOUT = 30.0
POLL_INTERVAL = 0.05
STOP_TIMEOUT = 5.0


class PrismError(Exception):
    """Prism could not be started."""


@dataclass
class PrismServer:
    spec: Path
    port: int
    log_path: Path
    process: subprocess.Popen[bytes]
    startup_seconds: float

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(
                self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:]
            )
        except OSError:
            return "(no log)"

    def stop(self) -> None:
        """Terminate, then kill if it has not exited within STOP_TIMEOUT."""
        if self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=STOP_TIMEOUT)


def free_port() -> int:
    """A port nobody listens on right now (Prism binds it a moment later; start() retries)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def launch(spec: Path, log_path: Path, *, port: int | None = None, errors: bool = True) -> PrismServer:
    """Start Prism without waiting for it (see wait_ready)."""
    if not PRISM.exists():
        raise PrismError(f"{PRISM} is missing: run `make setup` (npm ci installs the pinned Prism).")
    port = port or free_port()
    command = [str(PRISM), "mock", str(spec), "--host", HOST, "--port", str(port)]
    if errors:
        command.append("--errors")
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # Ctrl-C in a terminal goes to us; we stop it ourselves
        )
    return PrismServer(spec, port, log_path, process, startup_seconds=0.0)


def wait_ready(server: PrismServer, *, started: float, timeout: float = READY_TIMEOUT) -> None:
    """Poll the log and the port until Prism answers, it exits, or `timeout` passes."""
    deadline = started + timeout
    while True:
        if server.process.poll() is not None:
            raise PrismError(
                f"Prism exited with {server.process.returncode} before it was ready "
                f"({server.log_path}):\n{server.log_tail()}"
            )
        if READY_LINE in server.log_path.read_text(encoding="utf-8", errors="replace") and _accepts(server):
            server.startup_seconds = time.monotonic() - started
            return
        if time.monotonic() > deadline:
            server.stop()
            raise PrismError(
                f"Prism was not ready within {timeout:.0f} s ({server.log_path}):\n{server.log_tail()}"
            )
        time.sleep(POLL_INTERVAL)


def _accepts(server: PrismServer) -> bool:
    with contextlib.suppress(OSError), socket.create_connection((HOST, server.port), timeout=POLL_INTERVAL):
        return True
    return False


def start_many(
    specs: dict[str, Path],
    log_dir: Path,
    *,
    errors: bool = True,
    without_errors: Collection[str] = (),
    attempts: int = 3,
) -> dict[str, PrismServer]:
    """Start one Prism per spec, all at once, and wait until each is ready. A server whose port
    was taken in the meantime is restarted on another port (up to `attempts` times). Servers
    named in `without_errors` run without --errors whatever `errors` says."""
    started = time.monotonic()

    def errors_for(name: str) -> bool:
        return errors and name not in without_errors

    servers = {
        name: launch(spec, log_dir / f"prism-{name}.log", errors=errors_for(name))
        for name, spec in specs.items()
    }
    try:
        for name, spec in specs.items():
            for attempt in range(1, attempts + 1):
                try:
                    wait_ready(servers[name], started=started)
                    break
                except PrismError:
                    if attempt == attempts or "EADDRINUSE" not in servers[name].log_tail():
                        raise
                    servers[name] = launch(spec, servers[name].log_path, errors=errors_for(name))
    except BaseException:
        for server in servers.values():
            server.stop()
        raise
    return servers


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--provided", action="store_true", help="serve HeyGen's document as published")
    parser.add_argument("--port", type=int, default=None, help="port on 127.0.0.1 (default: a free one)")
    parser.add_argument("--daemon", action="store_true", help="leave Prism running in the background")
    parser.add_argument("--no-errors", action="store_true", help="do not turn spec violations into errors")
    args = parser.parse_args(argv)
    spec = PROVIDED_SPEC if args.provided else CORRECTED_SPEC
    name = "provided" if args.provided else "corrected"
    log_path = ROOT / "run" / f"prism-{name}.log"
    server = launch(spec, log_path, port=args.port, errors=not args.no_errors)
    wait_ready(server, started=time.monotonic())
    print(
        f"Prism ({name} spec {spec.relative_to(ROOT)}) at {server.base_url}, log {log_path.relative_to(ROOT)}"
    )
    body = '{"group_id": "g1"}'
    print(f"  try: curl -s {server.base_url}/v2/photo_avatar/train -H 'x-api-key: any' --json '{body}'")
    if args.daemon:
        pid_file = ROOT / "run" / f"prism-{name}.pid"
        pid_file.write_text(f"{server.process.pid}\n", encoding="utf-8")
        print(
            f"  pid {server.process.pid} (in {pid_file.relative_to(ROOT)}); "
            f"stop it with: kill {server.process.pid}"
        )
        return 0
    print("  Ctrl-C stops it.")
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        returncode = server.process.wait()
    except KeyboardInterrupt:
        returncode = 0
    finally:
        server.stop()
    return returncode


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


if __name__ == "__main__":
    raise SystemExit(main())
