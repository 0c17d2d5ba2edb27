"""The generated client as the contract tests use it: its own status dispatch and models.

`parse_response` calls the generated `_parse_response` of the operation's module, the function
behind its `sync`/`asyncio` calls, so a fixture is parsed exactly as the client would parse it.
"""

from __future__ import annotations

import importlib
import re
from types import ModuleType
from typing import Any

import httpx
from heygen_api_client.client import Client

from tests._openapi import Operation

PACKAGE = "heygen_api_client"


def _snake(name: str) -> str:
    """openapi-python-client's module naming: words split on case changes and punctuation."""
    name = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    return re.sub(r"[^0-9A-Za-z]+", "_", name).strip("_").lower()


def api_module(operation: Operation) -> ModuleType:
    tag = operation.tags[0] if operation.tags else "default"
    name = f"{PACKAGE}.api.{_snake(tag)}.{_snake(operation.operation_id)}"
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as error:
        raise AssertionError(
            f"{operation}: the generated client has no module {name}. Run `make generate`."
        ) from error


def parse_response(operation: Operation, response: httpx.Response) -> Any:
    """What the generated client makes of `response`. Raises errors.UnexpectedStatus for a
    status the spec does not document."""
    client = Client(base_url="http://127.0.0.1", raise_on_unexpected_status=True)
    return api_module(operation)._parse_response(client=client, response=response)


def model_name(schema: dict[str, Any]) -> str | None:
    """The generated class a `$ref`'d response schema becomes (inline schemas: None)."""
    reference = schema.get("$ref", "")
    if reference.startswith("#/components/schemas/"):
        return str(reference.rsplit("/", 1)[1])
    return None
