"""CHANGELOG.md in Keep a Changelog form, and how `make update-spec` records an accepted update.

An update's entry (a ``## title`` line, a paragraph, then ``### section`` headings over ``- item``
lists) becomes one nested list item under ``## [Unreleased]`` → ``### Changed``, newest first, so
the spec history reads like every other change and ships with the next release's notes.
"""

from __future__ import annotations

import re

HEADER = (
    "# Changelog\n\n"
    "All notable changes to heygen-sdk are recorded here, in the form of\n"
    "[Keep a Changelog](https://keepachangelog.com/en/1.1.0/); versions follow\n"
    "[Semantic Versioning](https://semver.org/spec/v2.0.0.html). `make update-spec` adds an entry\n"
    "under Unreleased / Changed for each update of HeyGen's spec it accepts.\n\n"
)
UNRELEASED = "## [Unreleased]"
CHANGED = "### Changed"


def as_list_item(entry: str) -> str:
    """One update's Markdown entry as a nested list item (continuation lines indented under it)."""
    lines = entry.strip("\n").splitlines()
    title = lines[0].removeprefix("## ").strip()
    intro: list[str] = []
    body: list[str] = []
    for line in lines[1:]:
        if line.startswith("### "):
            body.append(f"  - {line.removeprefix('### ').strip()}:")
        elif line.startswith("- "):
            body.append(f"    - {line[2:]}")
        elif line.strip() and not body:
            intro.append(line.strip())
        elif line.strip():
            body.append(f"      {line.strip()}")
    head = f"- {title}." + (f" {' '.join(intro)}" if intro else "")
    return "\n".join([head, *body]) + "\n"


def insert_entry(existing: str | None, entry: str) -> str:
    """The changelog with ``entry`` first under Unreleased / Changed (both made if missing)."""
    item = as_list_item(entry)
    text = existing if existing and existing.strip() else HEADER
    if UNRELEASED not in text:
        first_release = re.search(r"^## ", text, re.MULTILINE)
        at = first_release.start() if first_release else len(text.rstrip("\n")) + 1
        text = text[:at].rstrip("\n") + f"\n\n{UNRELEASED}\n\n" + text[at:].lstrip("\n")
    start = text.index(UNRELEASED) + len(UNRELEASED)
    next_release = re.compile(r"^## ", re.MULTILINE).search(text, start)
    end = next_release.start() if next_release else len(text)
    section = text[start:end]
    changed = re.search(rf"^{re.escape(CHANGED)}\n+", section, re.MULTILINE)
    if changed:
        section = section[: changed.end()] + item + section[changed.end() :]
    else:
        section = section.rstrip("\n") + f"\n\n{CHANGED}\n\n{item}"
    tail = text[end:]
    return text[:start] + section.rstrip("\n") + "\n" + ("\n" + tail if tail else "")
