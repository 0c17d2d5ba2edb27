"""The public surface is exactly `heygen.__all__`, each name presented as `heygen.X`."""

from __future__ import annotations

import subprocess
import sys

import heygen


def test_all_is_sorted_and_complete() -> None:
    public = {n for n in dir(heygen) if n.isidentifier() and not n.startswith("_")} - {
        "types",
        "testing",
        "webhooks",
    }
    assert set(heygen.__all__) - {"__version__"} == public
    assert heygen.__all__ == sorted(
        heygen.__all__, key=lambda n: (n != "NOT_GIVEN", n.lower() if n.startswith("_") else n)
    )


def test_public_classes_live_in_the_heygen_namespace() -> None:
    for name in heygen.__all__:
        value = getattr(heygen, name)
        if isinstance(value, type) and name != "TrainingJob":
            assert value.__module__ in ("heygen", "heygen.types"), name


def test_every_error_derives_from_heygen_error() -> None:
    errors = [getattr(heygen, n) for n in heygen.__all__ if n.endswith("Error")]
    assert len(errors) == 31
    assert all(issubclass(e, heygen.HeyGenError) for e in errors)


def test_import_is_lean() -> None:
    """`import heygen` loads neither the generated client nor CLI/testing/validation libraries."""
    probe = (
        "import sys, heygen; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('heygen_api_client', 'jsonschema', 'argparse', 'asyncio', 'http', 'heygen') and m != 'heygen'))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    loaded = eval(out)
    assert not [
        m for m in loaded if m.startswith(("heygen_api_client", "jsonschema", "argparse", "heygen.testing"))
    ]


def test_the_result_types_are_built_when_first_used() -> None:
    """Their frozen dataclasses are most of what `import heygen` costs beyond httpx."""
    probe = (
        "import sys, heygen; "
        "lazy = ('heygen._avatar_types', 'heygen.types', 'heygen._resources'); "
        "before = [m for m in lazy if m in sys.modules]; "
        "group, status = heygen.AvatarGroup, heygen.TrainingStatus; "
        "after = [m for m in lazy if m in sys.modules]; "
        "print(before, after, group.__module__, status.__module__, group is heygen.AvatarGroup)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.split() == [
        "[]", "['heygen._avatar_types',", "'heygen.types']", "heygen", "heygen.types", "True"
    ]  # fmt: skip


def test_every_v3_result_type_is_exported_lazily() -> None:
    from heygen import _avatar_types

    assert set(_avatar_types.__all__) == heygen._V3_RESULT_TYPES <= set(heygen.__all__)
