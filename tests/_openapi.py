"""Reading an OpenAPI 3.1 document: operations, responses, examples and schema validators.

Everything is driven by the document, so a new operation is covered by the contract and Prism
tests as soon as it is in the corrected spec (and has fixtures).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, cast
from urllib.parse import quote

from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

Spec = Mapping[str, Any]
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
JSON_MEDIA_TYPE = re.compile(r"^application/(?:[A-Za-z0-9.+-]+\+)?json$")


def pointer(*tokens: str | int) -> str:
    """A JSON pointer (RFC 6901) from unescaped tokens."""
    return "".join("/" + str(token).replace("~", "~0").replace("/", "~1") for token in tokens)


def resolve(spec: Spec, json_pointer: str) -> Any:
    """The node at a JSON pointer ("" is the whole document; a leading "#" is allowed)."""
    node: Any = spec
    for token in json_pointer.removeprefix("#").split("/")[1:]:
        token = token.replace("~1", "/").replace("~0", "~")
        node = node[int(token)] if isinstance(node, list) else node[token]
    return node


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method: str
    path: str
    node: Mapping[str, Any]

    @property
    def pointer(self) -> str:
        return pointer("paths", self.path, self.method)

    @property
    def tags(self) -> list[str]:
        return list(self.node.get("tags", []))

    @property
    def documented_statuses(self) -> list[str]:
        """Response keys as written: "200", "4XX", "default"."""
        return list(self.node.get("responses", {}))

    def response_key(self, status: int) -> str | None:
        """The response that documents `status`: exact code, then range ("4XX"), then default."""
        responses = self.node.get("responses", {})
        for key in (str(status), f"{str(status)[0]}XX", "default"):
            if key in responses:
                return key
        return None

    def json_schema_pointer(self, status: int) -> tuple[str, str] | None:
        """(media type, pointer to its schema) of the JSON content documented for `status`."""
        key = self.response_key(status)
        if key is None:
            return None
        content = self.node["responses"][key].get("content", {})
        for media_type, media in content.items():
            if JSON_MEDIA_TYPE.match(media_type.split(";")[0].strip()) and "schema" in media:
                schema = pointer(
                    "paths", self.path, self.method, "responses", key, "content", media_type, "schema"
                )
                return media_type, schema
        return None

    def __str__(self) -> str:
        return f"{self.operation_id} ({self.method.upper()} {self.path})"


def operations(spec: Spec) -> list[Operation]:
    """Every operation, in document order."""
    found: list[Operation] = []
    for path, item in spec.get("paths", {}).items():
        for method in HTTP_METHODS:
            if method in item:
                node = item[method]
                operation_id = node.get("operationId") or f"{method} {path}"
                found.append(Operation(operation_id, method, path, node))
    return found


def operation(spec: Spec, operation_id: str) -> Operation:
    for candidate in operations(spec):
        if candidate.operation_id == operation_id:
            return candidate
    raise KeyError(f"no operation {operation_id!r} in the spec")


class SchemaValidators:
    """JSON Schema 2020-12 validators for any schema in the document, `$ref`s resolved."""

    def __init__(self, spec: Spec, uri: str = "urn:heygen-sdk:openapi") -> None:
        self.spec = spec
        self.uri = uri
        self.registry: Registry[Any] = Registry().with_resource(
            uri, DRAFT202012.create_resource(cast(Any, spec))
        )
        self._validators: dict[str, Draft202012Validator] = {}

    def validator(self, schema_pointer: str) -> Draft202012Validator:
        if schema_pointer not in self._validators:
            reference = {"$ref": f"{self.uri}#{quote(schema_pointer, safe='/~')}"}
            self._validators[schema_pointer] = Draft202012Validator(reference, registry=self.registry)
        return self._validators[schema_pointer]

    def errors(self, schema_pointer: str, instance: object) -> list[str]:
        """Each violation as "<JSON path>: <message>"; empty when valid."""
        return [
            f"{error.json_path}: {error.message}"
            for error in sorted(self.validator(schema_pointer).iter_errors(instance), key=str)
        ]

    def inline(self, schema_pointer: str) -> dict[str, Any]:
        """The schema with every `$ref` replaced by its target, for tools that take one
        self-contained schema (hypothesis-jsonschema). Recursive schemas are refused."""
        return cast("dict[str, Any]", self._inline(resolve(self.spec, schema_pointer), ()))

    def _inline(self, node: Any, seen: tuple[str, ...]) -> Any:
        if isinstance(node, list):
            return [self._inline(item, seen) for item in node]
        if not isinstance(node, dict):
            return node
        if "$ref" in node:
            target = node["$ref"]
            if not target.startswith("#/"):
                raise ValueError(f"only local $refs are supported, not {target}")
            if target in seen:
                raise ValueError(f"recursive schema through {target}")
            resolved = self._inline(copy.deepcopy(resolve(self.spec, target)), (*seen, target))
            siblings = {key: value for key, value in node.items() if key != "$ref"}
            if not siblings:
                return resolved
            return {"allOf": [resolved, self._inline(siblings, seen)]}
        return {key: self._inline(value, seen) for key, value in node.items()}


@dataclass(frozen=True)
class Example:
    """One example value and the schema it claims to satisfy."""

    pointer: str
    schema_pointer: str
    value: Any


def examples(spec: Spec) -> list[Example]:
    """Every example in the document: `example`/`examples` of media types, parameters and
    headers (validated against their `schema`), and the `examples` list of schemas."""
    return list(_walk_examples(spec, spec, (), None))


def _walk_examples(
    spec: Spec, node: Any, tokens: tuple[str | int, ...], parent_key: str | int | None
) -> Iterator[Example]:
    if isinstance(node, list):
        for index, item in enumerate(node):
            yield from _walk_examples(spec, item, (*tokens, index), index)
        return
    if not isinstance(node, dict):
        return
    in_property_map = parent_key == "properties"
    if not in_property_map:
        if "schema" in node and "example" in node:
            yield Example(pointer(*tokens, "example"), pointer(*tokens, "schema"), node["example"])
        if "schema" in node and isinstance(node.get("examples"), dict):
            for name, example in node["examples"].items():
                if "$ref" in example:
                    example = resolve(spec, example["$ref"])
                if "value" in example:
                    where = pointer(*tokens, "examples", name)
                    yield Example(where, pointer(*tokens, "schema"), example["value"])
        if isinstance(node.get("examples"), list):
            for index, value in enumerate(node["examples"]):
                yield Example(pointer(*tokens, "examples", index), pointer(*tokens), value)
    for key, value in node.items():
        if key in ("example", "examples") and not in_property_map:
            continue
        yield from _walk_examples(spec, value, (*tokens, key), key)
