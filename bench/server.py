"""A fast loopback HTTP server for the benchmark: uvicorn running a bare ASGI app, no framework.

It answers the two v2 HeyGen operations with the examples from the corrected spec; the v3 ones
(create, get and list avatars, upload an asset) with the bodies of the contract fixtures, the
list in `V3_PAGES` pages; and OpenAI's `GET /v1/models/{id}` with a model object, so the OpenAI
SDK can be measured on the same server. Request bodies (uploads too) are read and dropped.

    python -m bench.server   # prints "port N" on stdout once listening, serves until killed
"""

from __future__ import annotations

import json
import socket
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "generated" / "heygen_api_client" / "openapi.json"
FIXTURES = ROOT / "tests" / "fixtures"
TRAIN_PATH = "/v2/photo_avatar/train"
STATUS_PREFIX = "/v2/photo_avatar/train/status/"
MODEL_PREFIX = "/v1/models/"
AVATARS_PATH = "/v3/avatars"
ASSETS_PATH = "/v3/assets"
V3_PAGES = 3
V3_PAGE_SIZE = 10

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


def spec_example(path: str, method: str, name: str) -> bytes:
    """The named 200 example of one operation in the corrected spec, as compact JSON."""
    spec = json.loads(SPEC.read_text())
    content = spec["paths"][path][method]["responses"]["200"]["content"]["application/json"]
    return json.dumps(content["examples"][name]["value"], separators=(",", ":")).encode()


def model_body(model_id: str) -> bytes:
    """What OpenAI's `GET /v1/models/{id}` answers."""
    model = {"id": model_id, "object": "model", "created": 1686935002, "owned_by": "openai"}
    return json.dumps(model, separators=(",", ":")).encode()


def fixture_body(operation: str, name: str) -> Any:
    """The body of one contract fixture (`tests/fixtures/<operation>/<name>.json`)."""
    return json.loads((FIXTURES / operation / f"{name}.json").read_text())["body"]


def _compact(value: object) -> bytes:
    return json.dumps(value, separators=(",", ":")).encode()


def v3_list_pages() -> dict[str, bytes]:
    """`GET /v3/avatars` answers by page token ("" for the first): `V3_PAGES` pages of groups."""
    group = fixture_body("get-avatar-group", "200-completed")["data"]
    pages = {}
    for page in range(V3_PAGES):
        items = [{**group, "id": f"ag_{page}_{i}"} for i in range(V3_PAGE_SIZE)]
        last = page == V3_PAGES - 1
        token = "" if page == 0 else f"p{page}"
        pages[token] = _compact(
            {"data": items, "has_more": not last, "next_token": None if last else f"p{page + 1}"}
        )
    return pages


def make_app() -> Callable[[Scope, Receive, Send], Awaitable[None]]:
    train = spec_example(TRAIN_PATH, "post", "Result")
    status = spec_example(STATUS_PREFIX + "{group_id}", "get", "Ready")
    created = _compact(fixture_body("create-avatar", "200-photo-processing"))
    group = _compact(fixture_body("get-avatar-group", "200-completed"))
    uploaded = _compact(fixture_body("upload-asset", "200-uploaded"))
    pages = v3_list_pages()
    not_found = b'{"error":{"code":"not_found","message":"no such route"},"data":null}'
    models: dict[str, bytes] = {}

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        method: str = scope["method"]
        path: str = scope["path"]
        more = method == "POST"
        while more:  # drain the request body
            message = await receive()
            more = message.get("more_body", False)
        code = 200
        if method == "GET" and path.startswith(STATUS_PREFIX):
            body = status
        elif method == "POST" and path == TRAIN_PATH:
            body = train
        elif method == "POST" and path == AVATARS_PATH:
            body = created
        elif method == "POST" and path == ASSETS_PATH:
            body = uploaded
        elif method == "GET" and path == AVATARS_PATH:
            token = parse_qs(scope["query_string"].decode()).get("token", [""])[0]
            body = pages.get(token, not_found)
        elif method == "GET" and path.startswith(AVATARS_PATH + "/"):
            body = group
        elif method == "GET" and path.startswith(MODEL_PREFIX):
            model_id = path[len(MODEL_PREFIX) :]
            body = models.get(model_id) or models.setdefault(model_id, model_body(model_id))
        elif path == "/health":
            body = b"{}"
        else:
            code, body = 404, not_found
        await send(
            {
                "type": "http.response.start",
                "status": code,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})

    return app


def main() -> None:
    import uvicorn

    # IPPROTO_TCP explicitly: asyncio sets TCP_NODELAY on accepted sockets only when proto says TCP
    # (with proto 0, Nagle plus delayed ACKs adds 40 ms to every response).
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(1024)
    config = uvicorn.Config(
        make_app(),
        lifespan="off",
        access_log=False,
        log_level="warning",
        http="h11",
        loop="asyncio",
        backlog=1024,
        # Keep idle connections open between rounds: uvicorn's default 5 s would close a pool's
        # connections while the other contenders run, and the next round would pay to reopen them.
        timeout_keep_alive=600,
    )
    print(f"port {sock.getsockname()[1]}", flush=True)
    uvicorn.Server(config).run(sockets=[sock])


if __name__ == "__main__":
    main()
