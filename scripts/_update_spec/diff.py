"""Step 2: every difference between two documents in plain words, from Optic and our own walks."""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from _spec import JSON

from _update_spec.common import MISSING, TIMEOUT, Refused, escape, resolve, tokens


@dataclass
class Change:
    text: str
    breaking: list[str] = field(default_factory=list)  # Optic's reasons, empty if not breaking
    body_field: str | None = None  # `data.data.flow_id`, when a request or response field changed
    kind: str = "changed"  # Optic's: added, removed, changed
    place: str = ""  # "request", "response 200"

    @property
    def short(self) -> str:
        return f"{self.place} field `{self.body_field}` {self.kind}"


def run_optic(optic: Path, old: JSON, old_text: str, new: JSON, new_text: str) -> list[Change]:
    """Every change Optic sees, in plain words, with the reasons its checks give for breaking ones.

    `optic diff --json` leaves the check results out, so Optic runs in CI mode, where it writes
    everything (changes grouped by endpoint, and each check's result) to ci-run-details.json in
    its working directory. Telemetry and the update check are switched off: it runs offline.
    """
    if not optic.exists():
        raise Refused(f"Optic is not installed at {optic}: run `make setup`")
    with tempfile.TemporaryDirectory(prefix="heygen-optic-") as tmp:
        workdir = Path(tmp)
        (workdir / "provided.json").write_text(old_text, encoding="utf-8")
        (workdir / "new.json").write_text(new_text, encoding="utf-8")
        env = {
            **os.environ,
            "CI": "true",
            "OPTIC_TELEMETRY_LEVEL": "off",
            "NO_UPDATE_NOTIFIER": "1",
            "NO_COLOR": "1",
            "FORCE_COLOR": "0",
        }
        command = [str(optic), "diff", "provided.json", "new.json", "--check"]
        result = subprocess.run(
            command, cwd=workdir, env=env, capture_output=True, text=True, check=False, timeout=TIMEOUT
        )
        details_path = workdir / "ci-run-details.json"
        output = f"{result.stdout}\n{result.stderr}".strip()
        if not details_path.exists():
            raise Refused(f"optic diff failed (exit {result.returncode}):\n{output}")
        details = json.loads(details_path.read_text(encoding="utf-8"))
    if details.get("failed"):
        raise Refused(f"optic diff failed: {details['failed']}\n{output}")
    if not details.get("completed"):
        return []  # Optic's "noop": no change it can see
    comparison = details["completed"][0]["comparison"]
    changes = _changes(comparison["groupedDiffs"], old, new)
    failed = [rule for rule in comparison["results"] if _is_breaking(rule)]
    # Optic exits 1 exactly when a check at severity "error" fails; a disagreement means this
    # script misreads its output (a new Optic version?), and then nothing it says can be trusted.
    if (result.returncode == 1) != bool(failed) or result.returncode not in (0, 1):
        raise Refused(
            f"optic exited {result.returncode} but its results list {len(failed)} failed checks: "
            f"is this the pinned Optic (package-lock.json)? Its output:\n{output}"
        )
    reported = {reason for change in changes for reason in change.breaking}
    for rule in failed:  # a failed check the grouped changes did not carry
        if rule["error"] not in reported:
            changes.append(Change(str(rule.get("where", "")), [rule["error"]]))
    return changes


def _is_breaking(rule: JSON) -> bool:
    return not rule.get("passed", True) and not rule.get("exempted", False) and rule.get("severity", 2) >= 2


def _changes(grouped: JSON, old: JSON, new: JSON) -> list[Change]:
    changes: list[Change] = []
    for node in _diff_nodes(grouped):
        reasons = [rule["error"] for rule in node.get("rules", []) if _is_breaking(rule)]
        for diff in node["diffs"]:
            change = describe(diff, old, new)
            if change is not None:
                change.breaking = reasons
                changes.append(change)
    return changes


def _diff_nodes(node: Any) -> Iterator[JSON]:
    if isinstance(node, dict):
        if isinstance(node.get("diffs"), list):
            yield node
        for key, value in node.items():
            if key not in ("diffs", "rules"):
                yield from _diff_nodes(value)


_SCHEMA_CONTAINERS = {"properties", "patternProperties", "$defs"}
_SCHEMA_LISTS = {"anyOf", "oneOf", "allOf", "prefixItems"}
_NESTED = {"properties", "items", "additionalProperties", "anyOf", "oneOf", "allOf", "prefixItems"}


def describe(diff: JSON, old: JSON, new: JSON) -> Change | None:
    """One Optic diff in plain words; None for server URLs, which are reported on their own."""
    pointer = diff.get("after") or diff.get("before") or ""
    parts = tokens(pointer)
    if parts[:1] == ["servers"] or "servers" in parts[2:4]:
        return None
    at = locate(parts, new if diff.get("after") else old)
    kind = diff["change"]
    before = resolve(old, diff["before"]) if diff.get("before") else MISSING
    after = resolve(new, diff["after"]) if diff.get("after") else MISSING
    if at.body_field and not at.attribute and kind == "changed":
        details = _field_details(old, new, diff["before"], diff["after"])
    elif at.body_field and not at.attribute:
        details = _field_summary(new if kind == "added" else old, pointer)
    elif kind == "changed":
        details = _values(before, after) or ""
    else:
        shown = _short(after if kind == "added" else before)
        details = f"{'now' if kind == 'added' else 'was'} {shown}" if shown else ""
    text = f"{at.where}: {at.subject} {kind}" + (f" ({details})" if details else "")
    return Change(text, body_field=at.body_field, kind=kind, place=at.place)


@dataclass(frozen=True)
class Location:
    where: str  # "POST /v2/photo_avatar/train, response 200 (application/json)"
    subject: str  # "field `data.flow_id`: `type`"
    place: str = ""  # "request", "response 200"
    body_field: str | None = None
    attribute: str = ""


def locate(parts: list[str], document: JSON) -> Location:
    """Where a JSON pointer into an OpenAPI document points, in words."""
    if parts[:1] != ["paths"] or len(parts) < 2:
        return Location("document", f"`{'.'.join(parts) or '/'}`")
    path = parts[1]
    if len(parts) == 2:
        return Location(f"path {path}", "path")
    method = parts[2]
    if method in ("parameters", "summary", "description", "servers"):
        return Location(f"path {path}", f"`{'.'.join(parts[2:])}`")
    where = f"{method.upper()} {path}"
    rest = parts[3:]
    place = ""
    if not rest:
        return Location(where, "operation")
    if rest[0] == "requestBody":
        where, place, rest = f"{where}, request body", "request", rest[1:]
    elif rest[0] == "responses" and len(rest) > 1:
        where, place, rest = f"{where}, response {rest[1]}", f"response {rest[1]}", rest[2:]
        if rest[:1] == ["headers"] and len(rest) > 1:
            where, place, rest = f"{where} header {rest[1]}", "", rest[2:]
    elif rest[0] == "parameters" and len(rest) > 1:
        parameter = resolve(document, "/" + "/".join(escape(p) for p in parts[:5]))
        if isinstance(parameter, dict):
            where += f", {parameter.get('in', '')} parameter `{parameter.get('name', '?')}`"
        rest = rest[2:]
    if rest[:1] == ["content"] and len(rest) > 1:
        where += f" ({rest[1]})"
        rest = rest[2:]
    if rest[:1] != ["schema"]:
        return Location(where, f"`{'.'.join(rest)}`" if rest else "")
    body_field, attribute = _schema_field(rest[1:])
    if not body_field:
        return Location(where, f"schema `{attribute}`" if attribute else "schema")
    subject = f"field `{body_field}`" + (f": `{attribute}`" if attribute else "")
    return Location(where, subject, place, body_field if place else None, attribute)


def _schema_field(parts: list[str]) -> tuple[str, str]:
    """('data.data.flow_id', 'type') for properties/data/properties/data/properties/flow_id/type."""
    names: list[str] = []
    index = 0
    while index < len(parts):
        token = parts[index]
        if token in _SCHEMA_CONTAINERS and index + 1 < len(parts):
            names.append(parts[index + 1])
            index += 2
        elif token in _SCHEMA_LISTS and index + 1 < len(parts):
            names.append(f"<{token} #{int(parts[index + 1]) + 1}>")
            index += 2
        elif token == "items":
            names.append("[]")
            index += 1
        elif token == "additionalProperties":
            names.append("{*}")
            index += 1
        else:
            break
    return ".".join(names).replace(".[]", "[]"), "/".join(parts[index:])


def _is_required(document: JSON, pointer: str) -> bool | None:
    parts = tokens(pointer)
    if len(parts) < 2 or parts[-2] != "properties":
        return None
    parent = resolve(document, "/" + "/".join(escape(p) for p in parts[:-2]))
    return isinstance(parent, dict) and parts[-1] in parent.get("required", [])


def _field_summary(document: JSON, pointer: str) -> str:
    node = resolve(document, pointer)
    kind = node.get("type", "untyped") if isinstance(node, dict) else "untyped"
    kind = " | ".join(map(str, kind)) if isinstance(kind, list) else str(kind)
    required = _is_required(document, pointer)
    return kind + ("" if required is None else ", required" if required else ", optional")


def _field_details(old: JSON, new: JSON, before: str, after: str) -> str:
    old_node, new_node = resolve(old, before), resolve(new, after)
    details: list[str] = []
    if isinstance(old_node, dict) and isinstance(new_node, dict):
        for key in sorted(set(old_node) | set(new_node)):
            if key in _NESTED or old_node.get(key, MISSING) == new_node.get(key, MISSING):
                continue
            shown = _values(old_node.get(key, MISSING), new_node.get(key, MISSING))
            details.append(f"{key}: {shown}" if shown else f"{key} changed")
    was, now = _is_required(old, before), _is_required(new, after)
    if was is not None and now is not None and was != now:
        details.append(f"required: {'yes' if was else 'no'} → {'yes' if now else 'no'}")
    return "; ".join(details)


def _short(value: Any) -> str | None:
    if value is MISSING:
        return "absent"
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= 60 else None


def _values(before: Any, after: Any) -> str | None:
    old, new = _short(before), _short(after)
    return f"{old} → {new}" if old is not None and new is not None else None


def server_changes(old: JSON, new: JSON) -> list[str]:
    """Changed `servers` URLs, at the top level and on paths and operations."""

    def urls(document: JSON) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {"the document": urls_of(document.get("servers"))}
        for path, item in (document.get("paths") or {}).items():
            if isinstance(item, dict):
                found[f"path {path}"] = urls_of(item.get("servers"))
                for method, operation in item.items():
                    if isinstance(operation, dict) and "responses" in operation:
                        found[f"{method.upper()} {path}"] = urls_of(operation.get("servers"))
        return found

    before, after = urls(old), urls(new)
    lines = []
    for where in [*before, *(key for key in after if key not in before)]:
        was, now = before.get(where, []), after.get(where, [])
        if was != now:
            lines.append(
                f"server URL of {where} changed: {', '.join(was) or '(none)'} → {', '.join(now) or '(none)'}"
            )
    return lines


def urls_of(servers: Any) -> list[str]:
    return [str(server.get("url")) for server in servers or [] if isinstance(server, dict)]


def differing_pointers(old: Any, new: Any, pointer: str = "", depth: int = 5) -> Iterator[str]:
    """Where two documents differ (coarse): for changes Optic does not report, e.g. $ref layout."""
    if old == new:
        return
    if depth == 0 or not (isinstance(old, dict) and isinstance(new, dict)):
        yield pointer or "/"
        return
    for key in sorted(set(old) | set(new)):
        yield from differing_pointers(
            old.get(key, MISSING), new.get(key, MISSING), f"{pointer}/{escape(key)}", depth - 1
        )
