"""The README's Python blocks, each with the heading of the section it stands in."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"

_HEADING_OR_BLOCK = re.compile(r"^## (?P<heading>[^\n]+)$|^```python\n(?P<code>.*?)^```$", re.M | re.S)


def python_blocks(text: str | None = None) -> list[tuple[str, str]]:
    """Every ```python block of the README as (section heading, code), in order."""
    text = README.read_text(encoding="utf-8") if text is None else text
    blocks: list[tuple[str, str]] = []
    heading = ""
    for match in _HEADING_OR_BLOCK.finditer(text):
        if match["heading"] is not None:
            heading = match["heading"].strip()
        else:
            blocks.append((heading, match["code"]))
    return blocks


def block_under(heading: str) -> str:
    """The one Python block in the section whose heading starts with ``heading``."""
    found = [code for section, code in python_blocks() if section.startswith(heading)]
    assert len(found) == 1, f"README: expected one python block under '## {heading}', found {len(found)}"
    return found[0]
