"""Lets hypothesis-jsonschema 0.23.1 (its latest release) run on Hypothesis 6.170.

hypothesis-jsonschema builds objects with Hypothesis' private `cu.many(...)` helper and its old
`while elements.more():` protocol. Hypothesis has since turned `many` into a context manager that
is iterated (`with many(...) as elements: for _ in elements:`) and dropped `more()`, so every
object schema fails with "AttributeError: 'many' object has no attribute 'more'".

`install()` gives hypothesis-jsonschema, and nothing else, an adapter that speaks the old
protocol on top of the new one. It does nothing when the two libraries agree again, and
tests/contract/test_property.py fails then, asking to delete this module.
"""

from __future__ import annotations

import inspect
from types import SimpleNamespace
from typing import Any

import hypothesis_jsonschema._from_schema as from_schema_module
from hypothesis.internal.conjecture import utils as conjecture_utils


class LegacyMany:
    """`cu.many` with the `more()`/`reject()` protocol hypothesis-jsonschema 0.23.1 calls."""

    def __init__(self, data: Any, min_size: int, max_size: float, average_size: float) -> None:
        self._many = conjecture_utils.many(
            data, min_size=min_size, max_size=max_size, average_size=average_size
        )
        self._many.__enter__()
        self._elements = iter(self._many)

    def more(self) -> bool:
        if next(self._elements, StopIteration) is StopIteration:
            self._many.__exit__(None, None, None)
            return False
        return True

    def reject(self, why: str | None = None) -> None:
        self._many.reject(why)


def needed() -> bool:
    """hypothesis-jsonschema calls `more()`, which Hypothesis' `many` no longer has."""
    old_protocol = "elements.more()" in inspect.getsource(from_schema_module)
    return old_protocol and not hasattr(conjecture_utils.many, "more")


def install() -> bool:
    """Route hypothesis-jsonschema's `cu.many` through LegacyMany if needed; True if installed."""
    if not needed():
        return False
    helpers = {
        name: getattr(conjecture_utils, name) for name in dir(conjecture_utils) if not name.startswith("__")
    }
    # Replaces the module's `cu` global (its only use is `cu.many`); not an exported name.
    from_schema_module.cu = SimpleNamespace(**{**helpers, "many": LegacyMany})  # type: ignore[attr-defined,assignment]
    return True
