"""Every document is valid OpenAPI 3.1; Spectral passes ours (the v2 corrected spec, the v3 document,
and their merge) and finds exactly the known defects in HeyGen's."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import _spec
import pytest
from openapi_spec_validator import OpenAPIV31SpecValidator, validate

from tests._openapi import pointer

SPECTRAL = _spec.ROOT / "node_modules" / ".bin" / "spectral"
RULESET = _spec.ROOT / "openapi" / ".spectral.yaml"
TRAIN_POST = ("paths", "/v2/photo_avatar/train", "post")

# (rule, JSON pointer) -> why HeyGen's document triggers it and which overlay action fixes it.
KNOWN_PROVIDED_FINDINGS = {
    ("operation-tags", pointer(*TRAIN_POST)): "no tag on the operation (overlay 10 adds photo_avatar)",
    (
        "oas3-valid-media-example",
        pointer(
            *TRAIN_POST,
            "responses",
            "200",
            "content",
            "application/json",
            "examples",
            "Result",
            "value",
            "error",
        ),
    ): "the Result example's `error: null` against `type: string` (overlay 10 makes it nullable)",
}
ERROR, WARN = 0, 1  # Spectral severities: 0 error, 1 warn, 2 info, 3 hint


@pytest.mark.parametrize("which", ["provided_spec", "corrected_spec", "v3_spec", "client_spec"])
def test_spec_is_valid_openapi_3_1(which: str, request: pytest.FixtureRequest) -> None:
    spec = request.getfixturevalue(which)
    assert str(spec["openapi"]).startswith("3.1."), spec["openapi"]
    validate(spec, cls=OpenAPIV31SpecValidator)


@pytest.fixture(scope="module")
def spectral_findings(
    corrected_spec_file: Path, v3_spec_file: Path, client_spec_file: Path
) -> dict[str, list[dict[str, Any]]]:
    """Spectral's findings per document, from one run over all of them."""
    if not SPECTRAL.exists():
        pytest.fail(f"{SPECTRAL} is missing: run `make setup` (npm ci installs the pinned Spectral).")
    documents = {
        "corrected": corrected_spec_file,
        "v3": v3_spec_file,
        "client": client_spec_file,
        "provided": _spec.PROVIDED_SPEC,
    }
    result = subprocess.run(
        [str(SPECTRAL), "lint", "--ruleset", str(RULESET), "--format", "json", "--quiet",
         "--fail-severity", "warn", *map(str, documents.values())],
        cwd=_spec.ROOT, capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    if result.returncode not in (0, 1):
        pytest.fail(f"spectral failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    findings: list[dict[str, Any]] = json.loads(result.stdout)
    by_document: dict[str, list[dict[str, Any]]] = {name: [] for name in documents}
    for finding in findings:
        name = next(n for n, p in documents.items() if Path(finding["source"]).resolve() == p.resolve())
        by_document[name].append(finding)
    return by_document


def _describe(finding: dict[str, Any]) -> str:
    return f"{finding['code']} at {pointer(*finding['path'])}: {finding['message']}"


@pytest.mark.parametrize(
    ("document", "fix_in"),
    [("corrected", "openapi/overlays/"), ("v3", "openapi/v3/"), ("client", "openapi/")],
)
def test_our_specs_lint_clean(
    spectral_findings: dict[str, list[dict[str, Any]]], document: str, fix_in: str
) -> None:
    failing = [f for f in spectral_findings[document] if f["severity"] in (ERROR, WARN)]
    assert not failing, f"Spectral findings in the {document} spec (fix them in {fix_in}):\n" + "\n".join(
        map(_describe, failing)
    )


def test_provided_spec_has_exactly_the_known_spectral_findings(
    spectral_findings: dict[str, list[dict[str, Any]]],
) -> None:
    found = {
        (f["code"], pointer(*f["path"])): f for f in spectral_findings["provided"] if f["severity"] <= WARN
    }
    fixed = set(KNOWN_PROVIDED_FINDINGS) - set(found)
    new = set(found) - set(KNOWN_PROVIDED_FINDINGS)
    assert not fixed, (
        "HeyGen fixed these defects; drop them from KNOWN_PROVIDED_FINDINGS and check the overlay:\n"
        + ("\n".join(f"{code} at {at}: {KNOWN_PROVIDED_FINDINGS[code, at]}" for code, at in sorted(fixed)))
    )
    assert not new, (
        "HeyGen's document has new Spectral findings (a new defect, or a new rule):\n"
        + "\n".join(_describe(found[key]) for key in sorted(new))
    )


def test_every_rule_turned_off_says_why() -> None:
    lines = RULESET.read_text(encoding="utf-8").splitlines()
    unexplained = [
        line.strip()
        for number, line in enumerate(lines)
        if re.match(r"^\s+[\w-]+:\s*(off|false)\s*$", line) and not _commented(lines, number)
    ]
    assert not unexplained, f"{RULESET.name}: rules turned off without a comment saying why: {unexplained}"


def _commented(lines: list[str], number: int) -> bool:
    """A comment on the lines right above, possibly above other turned-off rules."""
    for line in reversed(lines[:number]):
        if line.strip().startswith("#"):
            return True
        if not re.match(r"^\s+[\w-]+:\s*(off|false)\s*$", line):
            return False
    return False


# JSON Schema 2020-12 keywords plus OpenAPI's own; anything else in a schema is a typo or a
# flow-mapping comma that YAML read as a key (`description: When it was created, Unix seconds.`).
SCHEMA_KEYWORDS = frozenset(
    (  # noqa: SIM905
        "$ref $id $schema $defs $comment $anchor $dynamicRef $dynamicAnchor type enum const title "
        "description default examples example deprecated readOnly writeOnly format properties "
        "required additionalProperties patternProperties propertyNames minProperties maxProperties "
        "unevaluatedProperties items prefixItems contains minItems maxItems uniqueItems minContains "
        "maxContains unevaluatedItems allOf anyOf oneOf not if then else dependentRequired "
        "dependentSchemas minimum maximum exclusiveMinimum exclusiveMaximum multipleOf minLength "
        "maxLength pattern contentEncoding contentMediaType contentSchema discriminator xml "
        "externalDocs nullable"
    ).split()
)
SUBSCHEMA_MAPS = ("properties", "patternProperties", "$defs", "dependentSchemas")
SUBSCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")
SUBSCHEMAS = (
    "items", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames",
    "unevaluatedProperties", "unevaluatedItems", "contentSchema",
)  # fmt: skip


def _stray_schema_keys(schema: Any, where: str) -> list[str]:
    if not isinstance(schema, dict):
        return []
    found = [
        f"{where}: {key!r}" for key in schema if key not in SCHEMA_KEYWORDS and not str(key).startswith("x-")
    ]
    for keyword in SUBSCHEMA_MAPS:
        for name, sub in (schema.get(keyword) or {}).items():
            found += _stray_schema_keys(sub, f"{where}/{keyword}/{name}")
    for keyword in SUBSCHEMA_LISTS:
        for index, sub in enumerate(schema.get(keyword) or []):
            found += _stray_schema_keys(sub, f"{where}/{keyword}/{index}")
    for keyword in SUBSCHEMAS:
        found += _stray_schema_keys(schema.get(keyword), f"{where}/{keyword}")
    return found


def _schemas_of(node: Any, where: str) -> list[tuple[Any, str]]:
    """Every schema object in a document: components' and each inline `schema:`."""
    if isinstance(node, list):
        return [pair for index, item in enumerate(node) for pair in _schemas_of(item, f"{where}/{index}")]
    if not isinstance(node, dict):
        return []
    pairs: list[tuple[Any, str]] = []
    for key, value in node.items():
        if key in ("example", "examples"):
            continue
        if key == "schema":
            pairs.append((value, f"{where}/schema"))
        elif key == "schemas" and where.endswith("/components"):
            pairs += [(sub, f"{where}/schemas/{name}") for name, sub in value.items()]
        else:
            pairs += _schemas_of(value, f"{where}/{key}")
    return pairs


@pytest.mark.parametrize("which", ["corrected_spec", "v3_spec", "client_spec"])
def test_our_schemas_use_only_schema_keywords(which: str, request: pytest.FixtureRequest) -> None:
    spec = request.getfixturevalue(which)
    stray = [key for schema, where in _schemas_of(spec, "") for key in _stray_schema_keys(schema, where)]
    assert stray == [], "not a schema keyword (quote a description that holds a comma):\n" + "\n".join(stray)
