"""Part of the report: how the generated client changes, and where the facade (heygen/) is touched."""

from __future__ import annotations

import ast
import filecmp
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import _spec

from _update_spec.common import FACADE

if TYPE_CHECKING:
    from _update_spec.report import Report


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
