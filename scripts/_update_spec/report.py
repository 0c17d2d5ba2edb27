"""The report printed by every update, and the CHANGELOG.md entry of one that is taken."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

from _update_spec.common import PROVIDED
from _update_spec.diff import Change
from _update_spec.effects import Effect
from _update_spec.overlays import OverlayReport

CHANGELOG_HEADER = (
    "# Changelog\n\n"
    "Updates of HeyGen's OpenAPI document, newest first. Entries are written by `make update-spec`.\n\n"
)


@dataclass
class Report:
    source: str
    old_version: str
    new_version: str
    changes: list[Change] = field(default_factory=list)
    other_differences: list[str] = field(default_factory=list)
    servers: list[str] = field(default_factory=list)
    overlays: OverlayReport = field(default_factory=OverlayReport)
    client: list[Effect] = field(default_factory=list)
    facade: list[str] = field(default_factory=list)
    facade_errors: list[str] = field(default_factory=list)
    attention: list[str] = field(default_factory=list)
    target: Path = PROVIDED

    @property
    def breaking(self) -> list[Change]:
        return [change for change in self.changes if change.breaking]

    @property
    def non_breaking(self) -> list[Change]:
        return [change for change in self.changes if not change.breaking]

    def sections(self, *, regenerated: bool) -> list[tuple[str, list[str]]]:
        """The report's sections, empty ones left out (except the breaking changes)."""
        breaking = [f"{c.text}. Optic: {' '.join(dict.fromkeys(c.breaking))}" for c in self.breaking]
        sections = [
            ("Breaking changes", breaking or ["none"]),
            ("Other changes", [change.text for change in self.non_breaking] + self.other_differences),
            ("Server URL", self.servers),
            ("Overlays", self._overlay_lines()),
        ]
        if regenerated:
            sections.append(("Effect on the generated client and the facade (heygen/)", self.facade))
        sections.append(("Needs attention", self.attention))
        return [(title, lines) for title, lines in sections if lines]

    def _version(self) -> str:
        if self.old_version == self.new_version:
            return f"{self.new_version} (unchanged)"
        return f"{self.old_version} → {self.new_version}"

    def _overlay_lines(self) -> list[str]:
        report = self.overlays
        lines = [f"error: {error}" for error in report.errors]
        lines += [f"redundant: {line}" for line in report.redundant]
        lines += [f"warning: {line}" for line in report.warnings]
        return lines or [f"all {report.count} actions still apply and still change the document"]

    def text(self, *, regenerated: bool) -> str:
        out = [f"HeyGen spec update from {self.source}: info.version {self._version()}"]
        for title, lines in self.sections(regenerated=regenerated):
            out.append(f"\n{title}:")
            out.extend(f"  - {line}" for line in lines)
        return "\n".join(out) + "\n"

    def changelog_entry(self, *, accepted: bool, digest: str) -> str:
        out = [
            f"## {datetime.date.today().isoformat()}: HeyGen spec {self._version()}",
            "",
            f"`make update-spec` replaced `{self.target}` ({self.source}; sha256 `{digest[:12]}`).",
        ]
        for title, lines in self.sections(regenerated=True):
            if title == "Breaking changes" and lines and accepted:
                title += " (accepted with `--accept-breaking`)"
            out += ["", f"### {title}", ""]
            out += [f"- {line}" for line in lines]
        return "\n".join(out) + "\n\n"


def insert_entry(existing: str | None, entry: str) -> str:
    if not existing:
        return CHANGELOG_HEADER + entry
    match = re.search(r"^## ", existing, re.MULTILINE)
    if match is None:
        return existing.rstrip("\n") + "\n\n" + entry
    return existing[: match.start()] + entry + existing[match.start() :]
