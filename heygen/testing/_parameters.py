"""Parameters (query, header, response header) as the fake checks them: typed from text first.

Query strings and headers are text, so a value is given the type its schema asks for (``limit=5``
is the integer 5) before it is validated; a value that cannot be converted stays text and fails
validation with a message saying what type was expected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

__all__ = ["Parameter", "make_parameter", "parameters"]

JSON = dict[str, Any]


@dataclass(frozen=True)
class Parameter:
    """A query or header parameter: query strings are text, so values are typed by the schema first."""

    name: str
    required: bool
    validator: Any
    types: frozenset[str]
    default: Any

    def coerce(self, text: str) -> Any:
        try:
            if "integer" in self.types and re.fullmatch(r"-?[0-9]+", text):
                return int(text)
            if "number" in self.types:
                return float(text)
        except ValueError:
            return text
        if "boolean" in self.types and text in ("true", "false"):
            return text == "true"
        return text


def parameters(operation: JSON, where: str, base: str, validator: Any) -> tuple[Parameter, ...]:
    """The operation's parameters declared ``in: where``; ``validator(pointer)`` builds their checks."""
    found: list[Parameter] = []
    for index, declared in enumerate(operation.get("parameters", [])):
        if declared.get("in") != where or "schema" not in declared:
            continue
        found.append(
            make_parameter(declared["name"], declared, validator(f"{base}/parameters/{index}/schema"))
        )
    return tuple(found)


def make_parameter(name: str, declared: JSON, validator: Any) -> Parameter:
    """One parameter or header object of the spec (``declared``), with its schema's validator."""
    schema = declared["schema"]
    types = schema.get("type", [])
    return Parameter(
        name=name,
        required=bool(declared.get("required", False)),
        validator=validator,
        types=frozenset([types] if isinstance(types, str) else types),
        default=schema.get("default"),
    )
