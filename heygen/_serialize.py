"""Results as plain, JSON-ready dicts: one conversion for every result class.

`to_dict()` on a result (via `DictMixin`) gives what `json.dumps` accepts as is: nested results
become dicts, enums their values, datetimes ISO 8601 strings, tuples lists. The keys are the
attribute names, so a script reading the CLI's `--json` and one using the Python result use the
same names.
"""

from __future__ import annotations

import dataclasses
import enum
import json
from datetime import date, datetime, time
from typing import Any

__all__ = ["DictMixin", "to_jsonable"]


def to_jsonable(value: object) -> Any:
    """`value` with every dataclass, enum, datetime and tuple turned into JSON's own types."""
    if isinstance(value, enum.Enum):
        return to_jsonable(value.value)
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {field.name: to_jsonable(getattr(value, field.name)) for field in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(key): to_jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [to_jsonable(item) for item in value]
    raise TypeError(f"cannot turn a {type(value).__name__} into JSON")


class DictMixin:
    """`to_dict()` and `to_json()` for a result dataclass (slots-friendly: adds no attribute)."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        """The result as a plain dict, ready for `json.dumps` (datetimes as ISO 8601 strings)."""
        converted = to_jsonable(self)
        assert isinstance(converted, dict)
        return converted

    def to_json(self, *, indent: int | None = None) -> str:
        """The result as a JSON string, with the same keys as `to_dict()`."""
        return json.dumps(self.to_dict(), indent=indent)
