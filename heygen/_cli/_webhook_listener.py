"""The receiver behind `heygen webhooks listen`: verify each delivery, print it, maybe forward it.

Loaded only when `listen` runs, so other commands do not pay for `http.server`.
"""

from __future__ import annotations

import http.server
import json
import threading
from typing import TYPE_CHECKING, Any

from .._exceptions import WebhookVerificationError
from .._types import SecretStr

if TYPE_CHECKING:
    from ._base import Context


class Receiver(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, ctx: Context, secret: SecretStr) -> None:
        self.ctx = ctx
        self.secret = secret
        self.print_lock = threading.Lock()
        super().__init__((ctx.args.host, ctx.args.port), _ReceiverHandler)


class _ReceiverHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: Receiver

    def do_POST(self) -> None:
        from ..webhooks import verify

        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        ctx = self.server.ctx
        try:
            event = verify(
                body, self.headers.items(), secret=self.server.secret, tolerance=ctx.args.tolerance
            )
        except WebhookVerificationError as error:
            with self.server.print_lock:
                ctx.err.write(f"refused a delivery to {self.path}: {error.reason}: {error}\n")
                ctx.err.flush()
            self._answer(400, {"error": error.reason})
            return
        status = 200
        if ctx.args.forward_to:
            status = self._forward(body)
        line: dict[str, object] = {
            "event_id": event.event_id,
            "event_type": event.raw_event_type,
            "created_at": event.created_at.isoformat(),
            "event_data": dict(event.data),
        }
        with self.server.print_lock:
            if ctx.args.json:
                ctx.out.write(json.dumps(line) + "\n")
            else:
                ctx.out.write(
                    f"{event.raw_event_type} {event.event_id} {json.dumps(line['event_data'])}"
                    + (f" -> forwarded: {status}" if ctx.args.forward_to else "")
                    + "\n"
                )
            ctx.out.flush()
        # Your app's failure becomes a 502, so that the sender retries as it would against your app.
        self._answer(200 if 200 <= status < 300 else 502, {"received": 200 <= status < 300})

    def _forward(self, body: bytes) -> int:
        import httpx

        headers = {k: v for k, v in self.headers.items() if k.lower().startswith("heygen-")}
        headers["Content-Type"] = self.headers.get("Content-Type", "application/json")
        try:
            with httpx.Client(timeout=10.0, follow_redirects=False) as http:
                return http.post(self.server.ctx.args.forward_to, content=body, headers=headers).status_code
        except httpx.HTTPError as error:
            with self.server.print_lock:
                self.server.ctx.err.write(
                    f"could not forward to {self.server.ctx.args.forward_to}: {error}\n"
                )
            return 502

    def _answer(self, status: int, document: object) -> None:
        payload = json.dumps(document).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # one line per delivery is printed by do_POST
