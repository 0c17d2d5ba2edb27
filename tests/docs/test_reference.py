"""The API reference lists every public name of ``heygen`` and ``heygen.testing``, documented.

The reference pages ask mkdocstrings for the modules, not for a list of names, so a name added
to ``__all__`` appears by itself; these tests fail when one is missing from the built pages or
has no docstring (MkDocs itself builds happily without one).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import griffe
import pytest

import heygen
import heygen.testing

ROOT = Path(__file__).resolve().parents[2]
PAGES = {heygen: "reference/heygen/index.html", heygen.testing: "reference/testing/index.html"}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return out


@pytest.mark.slow
@pytest.mark.parametrize("module", list(PAGES), ids=lambda module: module.__name__)
def test_every_exported_name_has_an_entry_in_the_reference(site: Path, module: ModuleType) -> None:
    page = (site / PAGES[module]).read_text(encoding="utf-8")
    missing = [name for name in module.__all__ if f'id="{module.__name__}.{name}"' not in page]
    assert missing == [], f"not in the API reference: {missing}"


@pytest.mark.parametrize("module", list(PAGES), ids=lambda module: module.__name__)
def test_every_exported_name_has_a_docstring_the_reference_can_read(module: ModuleType) -> None:
    loaded = griffe.load(module.__name__, search_paths=[str(ROOT), str(ROOT / "generated")])
    undocumented = []
    for name in module.__all__:
        member = loaded[name]
        target = member.final_target if isinstance(member, griffe.Alias) else member
        if target.docstring is None or not target.docstring.value.strip():
            undocumented.append(name)
    assert undocumented == [], f"exported without a docstring: {undocumented}"


def test_the_reference_pages_document_the_whole_modules() -> None:
    for module, page in PAGES.items():
        source = (ROOT / "docs" / page.replace("/index.html", ".md")).read_text(encoding="utf-8")
        assert f"::: {module.__name__}\n" in source
