"""`make update-spec` records an accepted update under Unreleased / Changed in CHANGELOG.md."""

from __future__ import annotations

import difflib
from pathlib import Path

import _changelog

ENTRY = (
    "## 2026-03-01: HeyGen spec 4.0.9\n\n"
    "`make update-spec` replaced `openapi/provided/spec.json` (new.json; sha256 `0123456789ab`).\n\n"
    "### Breaking changes\n\n- none\n\n"
    "### Other changes\n\n- field `data.eta` added\n- server URL changed\n\n"
)
ITEM = (
    "- 2026-03-01: HeyGen spec 4.0.9. `make update-spec` replaced `openapi/provided/spec.json` "
    "(new.json; sha256 `0123456789ab`).\n"
    "  - Breaking changes:\n    - none\n"
    "  - Other changes:\n    - field `data.eta` added\n    - server URL changed\n"
)


def test_entries_go_newest_first_under_unreleased_changed() -> None:
    first = _changelog.insert_entry(None, "## 2026-01-01: one\n\n")
    assert first == _changelog.HEADER + "## [Unreleased]\n\n### Changed\n\n- 2026-01-01: one.\n"
    second = _changelog.insert_entry(first, "## 2026-02-01: two\n\n")
    assert second == _changelog.HEADER + (
        "## [Unreleased]\n\n### Changed\n\n- 2026-02-01: two.\n- 2026-01-01: one.\n"
    )


def test_an_entry_becomes_one_nested_list_item() -> None:
    assert _changelog.as_list_item(ENTRY) == ITEM


def test_unreleased_is_added_above_the_latest_release_and_releases_stay_untouched() -> None:
    released = "# Changelog\n\nIntro.\n\n## [0.1.0] - 2026-01-01\n\n### Added\n\n- the client\n"
    updated = _changelog.insert_entry(released, ENTRY)
    assert updated == (
        "# Changelog\n\nIntro.\n\n## [Unreleased]\n\n### Changed\n\n"
        + ITEM
        + "\n## [0.1.0] - 2026-01-01\n\n### Added\n\n- the client\n"
    )


def test_the_repositorys_changelog_keeps_its_entries_and_gains_the_update_under_changed() -> None:
    current = (Path(__file__).resolve().parents[2] / "CHANGELOG.md").read_text(encoding="utf-8")
    assert current.startswith("# Changelog\n") and "\n## [Unreleased]\n" in current
    updated = _changelog.insert_entry(current, ENTRY)
    unreleased = updated.split("\n## [Unreleased]\n", 1)[1].split("\n## [", 1)[0]
    assert "\n### Changed\n\n" + ITEM in unreleased
    removed = [line for line in difflib.ndiff(current.splitlines(), updated.splitlines()) if line[0] == "-"]
    assert removed == []
