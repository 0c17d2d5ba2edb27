#!/usr/bin/env python3
"""Take a new version of HeyGen's spec: a gate, a regenerate, a report.

    scripts/update_spec.py NEW_SPEC [--accept-breaking]   (what `make update-spec SPEC=...` runs)

NEW_SPEC is the OpenAPI JSON document, or HeyGen's Markdown reference page with the document in a
```json block. The update, in order:

1. validate: an OpenAPI 3.1 document that openapi-spec-validator accepts, local $refs resolvable;
2. compare with openapi/provided/ using Optic (`optic diff --check`): every change in plain words,
   breaking ones marked by Optic's rules, and any changed server URL named explicitly;
3. check the overlays against the new document: an action whose target matches nothing is an
   error; an action that no longer changes anything is reported as redundant (HeyGen fixed it);
4. in a temporary copy of the repository: replace the provided document, regenerate generated/,
   run the contract suite and `mypy --strict heygen/`, and compare the generated client's models
   and functions with the current ones (the facade's view of the change);
5. only when everything passed: move the new document, generated/ and a CHANGELOG.md entry into
   the repository. Anything that fails on the way leaves the repository as it was.

Breaking changes (Optic's, or a facade that no longer type-checks) refuse the update unless
--accept-breaking is given. Overlay errors and contract failures always refuse it.

Exit status: 0 updated, or nothing to update; 1 refused (repository untouched); 2 NEW_SPEC is
unusable (unreadable, not OpenAPI 3.1, invalid).
"""

from __future__ import annotations

import argparse
import ast
import copy
import datetime
import filecmp
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if __name__ == "__main__":
    sys.dont_write_bytecode = True  # a refused update leaves no trace, not even __pycache__/
sys.path.insert(0, str(Path(__file__).resolve().parent))

import _spec
import yaml
from _changelog import insert_entry
from _spec import JSON, OverlayAction, OverlayError, apply_actions, load_actions
from openapi_spec_validator import OpenAPIV31SpecValidator

# Repository-relative paths, resolved against --root (the checkout this script lives in by default).
PROVIDED = _spec.PROVIDED_SPEC.relative_to(_spec.ROOT)
OVERLAYS = _spec.OVERLAYS_DIR.relative_to(_spec.ROOT)
CODEGEN = _spec.CODEGEN_CONFIG.relative_to(_spec.ROOT)
CLIENT = Path("generated") / _spec.PACKAGE_NAME
FACADE = Path("heygen")
CHANGELOG = Path("CHANGELOG.md")
# What the temporary copy needs to regenerate, run the contract suite and type-check the facade.
STAGED = [
    "openapi",
    "scripts",
    "generated",
    "heygen",
    "tests",
    "pyproject.toml",
]
# Installed tools the contract suite runs (Spectral), linked rather than copied.
LINKED = ["node_modules"]
TIMEOUT = 600  # seconds, for each tool run


class Refused(Exception):
    """The update cannot go ahead; the repository is untouched."""


class Unusable(Exception):
    """The new document cannot be read as an OpenAPI 3.1 document."""


# --- 1. Reading and validating the new document -----------------------------------------------


@dataclass(frozen=True)
class NewSpec:
    text: str  # exactly what becomes openapi/provided/ (HeyGen's bytes, not re-serialised)
    document: JSON
    from_markdown: bool


_FENCE = re.compile(r"^```json[ \t]*\n(.*?)^```[ \t]*$", re.DOTALL | re.MULTILINE)


def read_new_spec(path: Path) -> NewSpec:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise Unusable(f"cannot read {path}: {error}") from error
    try:
        document = json.loads(text)
        from_markdown = False
    except json.JSONDecodeError as json_error:
        blocks = []
        for block in _FENCE.findall(text):
            try:
                candidate = json.loads(block)
            except json.JSONDecodeError:
                continue
            if isinstance(candidate, dict) and "openapi" in candidate:
                blocks.append((block, candidate))
        if len(blocks) != 1:
            found = "no" if not blocks else str(len(blocks))
            raise Unusable(
                f"{path} is neither JSON ({json_error}) nor a Markdown page with exactly one ```json "
                f"block holding an OpenAPI document ({found} found)"
            ) from json_error
        text, document = blocks[0]
        from_markdown = True
    if not isinstance(document, dict):
        raise Unusable(f"{path}: the document is not a JSON object")
    return NewSpec(text if text.endswith("\n") else text + "\n", document, from_markdown)


def validation_errors(document: JSON) -> list[str]:
    version = str(document.get("openapi", ""))
    if not version.startswith("3.1."):
        return [f"`openapi` is {version or 'missing'!r}: this pipeline takes OpenAPI 3.1 documents"]
    try:
        errors = [
            f"{error.message} (at {error.json_path})"
            for error in OpenAPIV31SpecValidator(document).iter_errors()
        ]
    except Exception as error:  # the validator gives up on some malformed documents
        errors = [f"openapi-spec-validator failed: {error!r}"]
    # openapi-spec-validator does not resolve $refs inside schemas; Optic and the generator need them.
    for pointer, ref in _local_refs(document, ""):
        if resolve(document, ref[1:]) is _MISSING:
            errors.append(f"$ref {ref!r} at {pointer or '/'} resolves to nothing")
    return errors


def _local_refs(node: Any, pointer: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#"):
            yield pointer, ref
        for key, value in node.items():
            yield from _local_refs(value, f"{pointer}/{_escape(str(key))}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _local_refs(value, f"{pointer}/{index}")


# --- JSON pointers ----------------------------------------------------------------------------

_MISSING: Any = object()


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def tokens(pointer: str) -> list[str]:
    if not pointer:
        return []
    return [part.replace("~1", "/").replace("~0", "~") for part in pointer.lstrip("/").split("/")]


def _follow(document: JSON, node: Any) -> Any:
    seen = 0
    while isinstance(node, dict) and isinstance(node.get("$ref"), str) and node["$ref"].startswith("#"):
        seen += 1
        if seen > 20:
            break
        node = resolve(document, node["$ref"][1:], follow_refs=False)
    return node


def resolve(document: JSON, pointer: str, *, follow_refs: bool = True) -> Any:
    """The node a JSON pointer names (through local $refs, as Optic reads them), or _MISSING."""
    node: Any = document
    for token in tokens(pointer):
        if follow_refs:
            node = _follow(document, node)
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return _MISSING
    return _follow(document, node) if follow_refs else node


# --- 2. Comparing with Optic ------------------------------------------------------------------


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
    at = _locate(parts, new if diff.get("after") else old)
    kind = diff["change"]
    before = resolve(old, diff["before"]) if diff.get("before") else _MISSING
    after = resolve(new, diff["after"]) if diff.get("after") else _MISSING
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


def _locate(parts: list[str], document: JSON) -> Location:
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
        parameter = resolve(document, "/" + "/".join(_escape(p) for p in parts[:5]))
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
    parent = resolve(document, "/" + "/".join(_escape(p) for p in parts[:-2]))
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
            if key in _NESTED or old_node.get(key, _MISSING) == new_node.get(key, _MISSING):
                continue
            shown = _values(old_node.get(key, _MISSING), new_node.get(key, _MISSING))
            details.append(f"{key}: {shown}" if shown else f"{key} changed")
    was, now = _is_required(old, before), _is_required(new, after)
    if was is not None and now is not None and was != now:
        details.append(f"required: {'yes' if was else 'no'} → {'yes' if now else 'no'}")
    return "; ".join(details)


def _short(value: Any) -> str | None:
    if value is _MISSING:
        return "absent"
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= 60 else None


def _values(before: Any, after: Any) -> str | None:
    old, new = _short(before), _short(after)
    return f"{old} → {new}" if old is not None and new is not None else None


def server_changes(old: JSON, new: JSON) -> list[str]:
    """Changed `servers` URLs, at the top level and on paths and operations."""

    def urls(document: JSON) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {"the document": _urls(document.get("servers"))}
        for path, item in (document.get("paths") or {}).items():
            if isinstance(item, dict):
                found[f"path {path}"] = _urls(item.get("servers"))
                for method, operation in item.items():
                    if isinstance(operation, dict) and "responses" in operation:
                        found[f"{method.upper()} {path}"] = _urls(operation.get("servers"))
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


def _urls(servers: Any) -> list[str]:
    return [str(server.get("url")) for server in servers or [] if isinstance(server, dict)]


def _differing_pointers(old: Any, new: Any, pointer: str = "", depth: int = 5) -> Iterator[str]:
    """Where two documents differ (coarse): for changes Optic does not report, e.g. $ref layout."""
    if old == new:
        return
    if depth == 0 or not (isinstance(old, dict) and isinstance(new, dict)):
        yield pointer or "/"
        return
    for key in sorted(set(old) | set(new)):
        yield from _differing_pointers(
            old.get(key, _MISSING), new.get(key, _MISSING), f"{pointer}/{_escape(key)}", depth - 1
        )


# --- 3. The overlays against the new document -------------------------------------------------


@dataclass
class OverlayReport:
    errors: list[str] = field(default_factory=list)
    redundant: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    count: int = 0


def _walk_actions(
    provided: JSON, actions: list[OverlayAction]
) -> tuple[JSON, list[str], list[OverlayAction]]:
    """Apply the actions one by one: the corrected document, the failures, the no-op actions."""
    document = copy.deepcopy(provided)
    errors: list[str] = []
    no_ops: list[OverlayAction] = []
    for item in actions:
        try:
            result = apply_actions(document, [item])  # raises OverlayError naming overlay and action
        except OverlayError as error:
            errors.append(str(error))
            continue
        if _canonical(result) == _canonical(document):
            no_ops.append(item)
        document = result
    return document, errors, no_ops


def _canonical(node: Any) -> Any:
    """A document up to repeated list items: an overlay `update` appends to lists, so one that
    re-adds `required: [flow_id]` or `tags: [x]` already there changes nothing that matters."""
    if isinstance(node, dict):
        return {key: _canonical(value) for key, value in node.items()}
    if isinstance(node, list):
        unique: list[Any] = []
        for item in map(_canonical, node):
            if item not in unique:
                unique.append(item)
        return unique
    return node


def check_overlays(root: Path, old: JSON, new: JSON) -> OverlayReport:
    try:
        actions = load_actions(root / OVERLAYS)
    except OverlayError as error:
        return OverlayReport(errors=[str(error)])
    corrected_old, _, old_no_ops = _walk_actions(old, actions)
    corrected_new, errors, new_no_ops = _walk_actions(new, actions)
    already = {(item.overlay.name, item.index) for item in old_no_ops}
    redundant = [
        f"{item.label}: applying it to the new document changes nothing (HeyGen fixed the defect). "
        "Remove the action and its defect test in tests/contract/test_overlays.py."
        for item in new_no_ops
        if (item.overlay.name, item.index) not in already
    ]
    warnings = []
    for pointer, name in sorted(
        set(_dangling_required(corrected_new)) - set(_dangling_required(corrected_old))
    ):
        at = _locate(tokens(pointer), corrected_new)
        warnings.append(
            f"{at.where}: {at.subject} requires `{name}`, which the corrected document no longer defines "
            "(an overlay's `required` outlived the property?)"
        )
    return OverlayReport(errors, redundant, warnings, len(actions))


def _dangling_required(node: Any, pointer: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        properties, required = node.get("properties"), node.get("required")
        if isinstance(properties, dict) and isinstance(required, list):
            for name in required:
                if isinstance(name, str) and name not in properties:
                    yield pointer or "/", name
        for key, value in node.items():
            yield from _dangling_required(value, f"{pointer}/{_escape(str(key))}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _dangling_required(value, f"{pointer}/{index}")


# --- 4. Regenerating in a temporary copy ------------------------------------------------------


def _env() -> dict[str, str]:
    # The venv's tools (openapi-python-client, its ruff post-hooks) even without `uv run`.
    bin_dir = str(Path(sys.executable).parent)
    return {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        "PYTHONDONTWRITEBYTECODE": "1",
    }


def stage(root: Path, staging: Path, new_text: str) -> None:
    for name in STAGED:
        source = root / name
        if source.is_dir():
            shutil.copytree(source, staging / name, ignore=shutil.ignore_patterns("__pycache__", ".*_cache"))
        elif source.is_file():
            (staging / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, staging / name)
    for name in LINKED:
        if (root / name).exists():
            (staging / name).symlink_to((root / name).resolve(), target_is_directory=True)
    (staging / PROVIDED).write_text(new_text, encoding="utf-8")


def run_in(staging: Path, *command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *command],
        cwd=staging,
        env=_env(),
        capture_output=True,
        text=True,
        check=False,
        timeout=TIMEOUT,
    )


def _tail(result: subprocess.CompletedProcess[str], lines: int = 40) -> str:
    text = f"{result.stdout}\n{result.stderr}".strip().splitlines()
    return "\n".join(text[-lines:])


def typecheck_facade(staging: Path) -> list[str]:
    """mypy --strict errors in heygen/ against the regenerated client (pyproject's settings)."""
    if not any((staging / FACADE).rglob("*.py")):
        return []
    result = run_in(staging, "-m", "mypy", "--cache-dir", str(staging / ".mypy_cache"), str(FACADE))
    if result.returncode == 0:
        return []
    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    return errors or [_tail(result)]


# --- The generated client, before and after ---------------------------------------------------


@dataclass(frozen=True)
class Effect:
    text: str
    names: tuple[str, ...] = ()  # generated names the facade may use that this change takes away
    attribute: str = ""  # the model attribute gained, lost or retyped


@dataclass
class ModuleApi:
    classes: dict[str, dict[str, str]]  # class -> attribute -> annotation
    functions: dict[str, str]  # public function -> signature


def module_api(path: Path) -> ModuleApi:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    classes: dict[str, dict[str, str]] = {}
    functions: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            classes[node.name] = {
                item.target.id: ast.unparse(item.annotation)
                for item in node.body
                if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name)
            }
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and not node.name.startswith("_"):
            returns = f" -> {ast.unparse(node.returns)}" if node.returns else ""
            functions[node.name] = f"({ast.unparse(node.args)}){returns}"
    return ModuleApi(classes, functions)


def client_effects(old_package: Path, new_package: Path) -> list[Effect]:
    """How the generated client's modules, models and functions change, as the facade sees them."""
    old_files = {p.relative_to(old_package) for p in old_package.rglob("*") if p.is_file()}
    new_files = {p.relative_to(new_package) for p in new_package.rglob("*") if p.is_file()}
    old_files = {p for p in old_files if "__pycache__" not in p.parts}
    new_files = {p for p in new_files if "__pycache__" not in p.parts}
    effects: list[Effect] = []
    other: list[str] = []
    for rel in sorted(old_files | new_files):
        if rel.suffix != ".py":
            if (
                rel in old_files
                and rel in new_files
                and not filecmp.cmp(old_package / rel, new_package / rel)
            ):
                other.append(str(rel))
            continue
        module = ".".join(rel.with_suffix("").parts)
        if rel not in new_files:
            classes = tuple(module_api(old_package / rel).classes)
            effects.append(Effect(f"module `{module}` removed" + _naming(classes), (rel.stem, *classes)))
            continue
        if rel not in old_files:
            classes = tuple(module_api(new_package / rel).classes)
            effects.append(Effect(f"new module `{module}`" + _naming(classes)))
            continue
        if filecmp.cmp(old_package / rel, new_package / rel, shallow=False):
            continue
        found = _api_effects(module, module_api(old_package / rel), module_api(new_package / rel))
        if found:
            effects.extend(found)
        else:
            other.append(str(rel))
    if other:
        named = [
            f"{name} (the corrected spec)" if name == _spec.CORRECTED_SPEC_NAME else name for name in other
        ]
        effects.append(Effect("also changed (docstrings, serialisation): " + ", ".join(named)))
    return effects


def _naming(classes: tuple[str, ...]) -> str:
    return f" (class {', '.join(f'`{name}`' for name in classes)})" if classes else ""


def _api_effects(module: str, old: ModuleApi, new: ModuleApi) -> list[Effect]:
    effects: list[Effect] = []
    for name in sorted(set(old.classes) | set(new.classes)):
        if name not in new.classes:
            effects.append(Effect(f"model `{name}` (`{module}`) removed", (name,)))
        elif name not in old.classes:
            effects.append(Effect(f"new model `{name}` in `{module}`"))
        else:
            before, after = old.classes[name], new.classes[name]
            for attribute in before:
                if attribute not in after:
                    text = f"model `{name}` loses attribute `{attribute}` (was `{before[attribute]}`)"
                    effects.append(Effect(text, (attribute,), attribute))
                elif before[attribute] != after[attribute]:
                    was, now = before[attribute], after[attribute]
                    text = f"model `{name}` attribute `{attribute}`: `{was}` → `{now}`"
                    effects.append(Effect(text, (attribute,), attribute))
            for attribute in after:
                if attribute not in before:
                    text = f"model `{name}` gains attribute `{attribute}: {after[attribute]}`"
                    effects.append(Effect(text, attribute=attribute))
    for name in sorted(set(old.functions) | set(new.functions)):
        if name not in new.functions:
            effects.append(Effect(f"function `{module}.{name}` removed", (module.rsplit(".", 1)[-1],)))
        elif name not in old.functions:
            effects.append(Effect(f"new function `{module}.{name}`"))
        elif old.functions[name] != new.functions[name]:
            text = f"`{module}.{name}` signature: `{old.functions[name]}` → `{new.functions[name]}`"
            effects.append(Effect(text, (module.rsplit(".", 1)[-1],)))
    return effects


def facade_mentions(facade: Path, names: tuple[str, ...]) -> list[str]:
    """Lines of heygen/ that name any of the given generated names."""
    if not names or not facade.is_dir():
        return []
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")\b")
    hits = []
    for path in sorted(facade.rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line):
                hits.append(f"{FACADE / path.relative_to(facade)}:{number}")
    return hits


def facade_effects(root: Path, report: Report) -> None:
    """Each change of the generated client, the spec change behind it, and where heygen/ uses it."""
    lines: list[str] = []
    for effect in report.client:
        causes = [
            change.short
            for change in report.changes
            if effect.attribute
            and change.body_field
            and _snake(change.body_field.split(".")[-1]) == effect.attribute
        ]
        line = f"{'; '.join(dict.fromkeys(causes))}: {effect.text}" if causes else effect.text
        if effect.names:
            uses = facade_mentions(root / FACADE, effect.names)
            line += f"; heygen/ uses it at {', '.join(uses)}" if uses else "; heygen/ does not use it"
        lines.append(line)
    if report.facade_errors:
        lines.append("`mypy --strict heygen/` fails against the regenerated client; fix heygen/:")
        lines.extend(f"  {error}" for error in report.facade_errors)
    else:
        lines.append("`mypy --strict heygen/` passes against the regenerated client")
    report.facade = lines


def _snake(name: str) -> str:
    """A property name as openapi-python-client names the attribute (close enough to match)."""
    name = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name)
    return re.sub(r"\W+", "_", name).strip("_").lower()


# --- The report -------------------------------------------------------------------------------


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
            f"`make update-spec` replaced `{PROVIDED}` ({self.source}; sha256 `{digest[:12]}`).",
        ]
        for title, lines in self.sections(regenerated=True):
            if title == "Breaking changes" and lines and accepted:
                title += " (accepted with `--accept-breaking`)"
            out += ["", f"### {title}", ""]
            out += [f"- {line}" for line in lines]
        return "\n".join(out) + "\n\n"


# --- 5. Moving the result into the repository -------------------------------------------------


def install(root: Path, staging: Path, changelog: str) -> None:
    """Replace the provided document, generated/ and CHANGELOG.md; all of them or none."""
    backup = Path(tempfile.mkdtemp(prefix="heygen-update-backup-"))
    client, incoming = root / CLIENT, root / CLIENT.with_name(f".{CLIENT.name}.incoming")
    saved_client = root / CLIENT.with_name(f".{CLIENT.name}.previous")
    files = [root / PROVIDED, root / CHANGELOG]
    for stale in (incoming, saved_client):  # left by an update that was killed mid-way
        shutil.rmtree(stale, ignore_errors=True)
    moved = False
    try:
        for path in files:
            if path.exists():
                shutil.copy2(path, backup / path.name)
        shutil.copytree(staging / CLIENT, incoming, ignore=shutil.ignore_patterns("__pycache__"))
        if client.exists():
            client.rename(saved_client)
            moved = True
        incoming.rename(client)
        shutil.copyfile(staging / PROVIDED, root / PROVIDED)
        (root / CHANGELOG).write_text(changelog, encoding="utf-8")
    except BaseException:
        if moved:
            shutil.rmtree(client, ignore_errors=True)
            saved_client.rename(client)
        shutil.rmtree(incoming, ignore_errors=True)
        for path in files:
            if (backup / path.name).exists():
                shutil.copy2(backup / path.name, path)
            elif path.exists():
                path.unlink()
        raise
    finally:
        shutil.rmtree(backup, ignore_errors=True)
    shutil.rmtree(saved_client, ignore_errors=True)


# --- Putting it together ----------------------------------------------------------------------


def update(root: Path, spec_path: Path, optic: Path, accept_breaking: bool) -> int:
    new_spec = read_new_spec(spec_path)
    errors = validation_errors(new_spec.document)
    if errors:
        raise Unusable(f"{spec_path} is not a valid OpenAPI 3.1 document:\n  - " + "\n  - ".join(errors))
    old_text = (root / PROVIDED).read_text(encoding="utf-8")
    old = json.loads(old_text)
    new = new_spec.document
    source = f"`{spec_path.name}`" + (", extracted from a Markdown page" if new_spec.from_markdown else "")
    if new == old:
        print(f"{spec_path} has the same content as {PROVIDED}: nothing to update.")
        return 0
    report = Report(source, str(old.get("info", {}).get("version")), str(new.get("info", {}).get("version")))
    report.changes = run_optic(optic, old, old_text, new, new_spec.text)
    report.servers = server_changes(old, new)
    if not report.changes and not report.servers:
        report.other_differences = [
            f"{pointer} (not an API change Optic reports)"
            for pointer in list(_differing_pointers(old, new))[:12]
        ]
    report.overlays = check_overlays(root, old, new)
    pinned = str(
        (yaml.safe_load((root / CODEGEN).read_text(encoding="utf-8")) or {}).get("package_version_override")
    )
    if report.new_version != report.old_version and pinned != report.new_version:
        report.attention.append(
            f"{CODEGEN} pins package_version_override {pinned}; "
            f"HeyGen's info.version is now {report.new_version}"
        )
    if report.servers:
        old_urls = tuple(url for url in _urls(old.get("servers")) if url not in _urls(new.get("servers")))
        uses = facade_mentions(root / FACADE, old_urls)
        report.servers.append(
            "the generated client takes its base URL from the caller, never from `servers`: "
            + (
                f"heygen/ names the old URL at {', '.join(uses)}, update it there"
                if uses
                else "no heygen/ module names the old URL; check the facade's default base URL"
            )
        )

    refusals: list[str] = []
    if report.overlays.errors:
        refusals.append("overlay actions no longer apply: update or remove them in openapi/overlays/")
    if report.breaking and not accept_breaking:
        refusals.append("the new document has breaking changes: rerun with --accept-breaking to take them")
    if refusals:
        print(report.text(regenerated=False))
        raise Refused("; ".join(refusals))

    with tempfile.TemporaryDirectory(prefix="heygen-update-spec-") as tmp:
        staging = Path(tmp)
        stage(root, staging, new_spec.text)
        generated = run_in(staging, "scripts/generate.py")
        if generated.returncode != 0:
            print(report.text(regenerated=False))
            raise Refused(f"regenerating generated/ failed:\n{_tail(generated)}")
        report.client = client_effects(root / CLIENT, staging / CLIENT)
        contract = run_in(staging, "-m", "pytest", "-q", "--tb=no", "tests/contract")
        report.facade_errors = typecheck_facade(staging)
        facade_effects(root, report)
        print(report.text(regenerated=True))
        if contract.returncode != 0:
            raise Refused(f"the contract suite fails against the new document:\n{_tail(contract)}")
        if report.facade_errors and not accept_breaking:
            raise Refused("the facade no longer type-checks: rerun with --accept-breaking, then fix heygen/")
        digest = hashlib.sha256(new_spec.text.encode("utf-8")).hexdigest()
        existing = (root / CHANGELOG).read_text(encoding="utf-8") if (root / CHANGELOG).exists() else None
        entry = report.changelog_entry(accepted=accept_breaking, digest=digest)
        install(root, staging, insert_entry(existing, entry))
    print(f"Updated {PROVIDED}, {CLIENT}/ and {CHANGELOG}. Review with `git diff`, then commit.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("spec", type=Path, help="HeyGen's new OpenAPI JSON, or its Markdown reference page")
    parser.add_argument(
        "--accept-breaking", action="store_true", help="take the update despite breaking changes"
    )
    parser.add_argument(
        "--root", type=Path, default=_spec.ROOT, help="repository to update (default: this one)"
    )
    parser.add_argument("--optic", type=Path, help="optic binary (default: ROOT/node_modules/.bin/optic)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    optic = args.optic or root / "node_modules" / ".bin" / "optic"
    try:
        return update(root, args.spec, optic, args.accept_breaking)
    except Unusable as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except subprocess.TimeoutExpired as error:
        print(f"refused: {error}\nNothing in {root} was changed.", file=sys.stderr)
        return 1
    except Refused as error:
        print(f"refused: {error}\nNothing in {root} was changed.", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
