"""docs/guide/api-versions.md names the SDK's real v3 replacements, and its silencing recipe works."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import httpx

from heygen import HeyGen
from heygen._sunset import V3_CREATE_CLI, V3_CREATE_PYTHON, V3_STATUS_PYTHON, V3_WAIT_CLI, V3_WAIT_PYTHON
from heygen.testing import FakeClock, FakeHeyGen

PAGE = Path(__file__).resolve().parents[2] / "docs" / "guide" / "api-versions.md"


def test_the_page_names_the_replacements_the_sdk_names() -> None:
    text = PAGE.read_text(encoding="utf-8")
    for name in (V3_CREATE_PYTHON, V3_WAIT_PYTHON, V3_STATUS_PYTHON, V3_CREATE_CLI, V3_WAIT_CLI):
        assert name in text, f"docs/guide/api-versions.md does not mention {name!r}"
    assert "November 1, 2026" in text and "October 1, 2026" in text


def test_the_silencing_recipe_silences_the_warning() -> None:
    text = PAGE.read_text(encoding="utf-8")
    section = text.split("## Silencing the warning", 1)[1]
    recipe = re.search(r"```python\n(.*?)```", section, re.S)
    assert recipe is not None
    fake = FakeHeyGen(clock=FakeClock(), v2_era="sunset")
    http = httpx.Client(transport=fake.transport(), base_url="https://api.heygen.com")
    with warnings.catch_warnings(record=True) as seen, HeyGen(api_key="k", http_client=http) as client:
        warnings.simplefilter("always")
        exec(recipe.group(1), {})
        assert client.photo_avatars.train("demo-group").flow_id
    http.close()
    assert seen == []
