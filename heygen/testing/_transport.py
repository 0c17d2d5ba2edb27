"""The in-process front end: an httpx transport that answers from the fake, with no network.

One class serves both ``httpx.Client`` and ``httpx.AsyncClient``, so a sync and an async SDK
client can share one fake (and its state) in the same test.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

import httpx

from heygen.testing._app import DroppedResponse, FakeResponse

__all__ = ["FakeTransport"]


class _Handler(Protocol):
    def handle(
        self, method: str, path: str, headers: Mapping[str, str], body: bytes = b""
    ) -> FakeResponse: ...


class FakeTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Answers httpx requests with ``FakeHeyGen.handle``; get one from ``FakeHeyGen.transport()``.

    The host of the URL is ignored: any ``base_url`` reaches the fake.
    """

    def __init__(self, fake: _Handler) -> None:
        self._fake = fake

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return self._respond(request, request.read())

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return self._respond(request, await request.aread())

    def _respond(self, request: httpx.Request, body: bytes) -> httpx.Response:
        # raw_path is the target exactly as it goes on the wire: still percent-encoded, with
        # the query, so the fake decodes the path parameters once, as a server would.
        target = request.url.raw_path.decode("ascii")
        try:
            reply = self._fake.handle(request.method, target, request.headers, body)
        except DroppedResponse:
            # What httpx raises when a server closes the connection instead of answering.
            raise httpx.RemoteProtocolError(
                "Server disconnected without sending a response.", request=request
            ) from None
        return httpx.Response(reply.status, headers=reply.headers, content=reply.body, request=request)
