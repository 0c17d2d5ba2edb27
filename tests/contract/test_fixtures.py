"""The recorded responses in tests/fixtures/ against our specs (v2 corrected and v3, merged) and the
generated client.

Driven by the folder: a new fixture file is checked by adding it, and an operation in the spec
without fixtures for its documented statuses fails, naming the files to add.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import httpx
import pytest
from heygen_api_client import errors
from jsonschema import Draft202012Validator

from heygen import TrainingState
from tests._fixtures import (
    FILE_NAME,
    FIXTURE_SCHEMA,
    FIXTURES_DIR,
    RESULT_FIELDS,
    UNKNOWN_STATE,
    Fixture,
    fixture_id,
    fixture_paths,
    load_fixture,
)
from tests._openapi import JSON_MEDIA_TYPE, Operation, SchemaValidators, operations, resolve
from tests.contract._generated import model_name, parse_response

PATHS = fixture_paths()
KNOWN_STATES = {state.value for state in TrainingState if state is not TrainingState.UNKNOWN}


@pytest.fixture(scope="module")
def validators(client_spec: dict[str, Any]) -> SchemaValidators:
    return SchemaValidators(client_spec)


@pytest.fixture(scope="module")
def spec_operations(client_spec: dict[str, Any]) -> dict[str, Operation]:
    return {operation.operation_id: operation for operation in operations(client_spec)}


def _operation_of(fixture: Fixture, spec_operations: dict[str, Operation]) -> Operation:
    if fixture.operation not in spec_operations:
        pytest.fail(
            f"{fixture.path}: operation {fixture.operation!r} is in neither spec "
            f"(they have {sorted(spec_operations)}): rename the folder, or add the operation "
            "(an overlay for v2, openapi/v3/ for v3)."
        )
    return spec_operations[fixture.operation]


def test_there_are_fixtures() -> None:
    assert PATHS, f"no fixtures under {FIXTURES_DIR}"


def test_no_stray_files_in_the_fixtures_folder() -> None:
    allowed = {FIXTURE_SCHEMA, FIXTURES_DIR / "README.md"}
    stray = [
        path
        for path in FIXTURES_DIR.rglob("*")
        if path.is_file() and path not in allowed and path not in PATHS and "__pycache__" not in path.parts
    ]
    assert not stray, (
        f"files the fixture tests would not read (want <operation-id>/<status>-<name>.json): {stray}"
    )


@pytest.mark.parametrize("path", PATHS, ids=fixture_id)
def test_fixture_file_is_well_formed(path: Path) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    schema = json.loads(FIXTURE_SCHEMA.read_text(encoding="utf-8"))
    problems = [f"{e.json_path}: {e.message}" for e in Draft202012Validator(schema).iter_errors(document)]
    assert not problems, f"{path} does not match {FIXTURE_SCHEMA.name}:\n" + "\n".join(problems)
    fixture = load_fixture(path)
    match = FILE_NAME.match(path.name)
    assert match, f"{path.name}: name it <status>-<lower-case-words>.json"
    assert int(match["status"]) == fixture.status, f"{path.name}: the name says {match['status']}"
    assert path.parent.name == fixture.operation, f"{path}: the folder must be named after its operation"
    if fixture.content:
        assert "content-type" in fixture.headers, f"{path}: a body needs a content-type header"
    if fixture.is_json:
        assert JSON_MEDIA_TYPE.match(fixture.headers.get("content-type", "").split(";")[0].strip()), (
            f"{path}: a JSON body needs a JSON content-type"
        )


@pytest.mark.parametrize("path", PATHS, ids=fixture_id)
def test_fixture_matches_the_spec(
    path: Path, spec_operations: dict[str, Operation], validators: SchemaValidators
) -> None:
    fixture = load_fixture(path)
    operation = _operation_of(fixture, spec_operations)
    key = operation.response_key(fixture.status)
    if key is None:
        assert fixture.undocumented, (
            f"{path}: {operation} documents no {fixture.status} response. Either document it (an overlay) "
            f'or mark the fixture "undocumented": "<why it is kept>".'
        )
        return
    documented_json = operation.json_schema_pointer(fixture.status)
    if not fixture.is_json:
        assert documented_json is None or fixture.undocumented, (
            f"{path}: the spec documents {fixture.status} as {documented_json and documented_json[0]}, but "
            'this body is not JSON. Mark it "undocumented": "<why>" (e.g. a gateway page) if it is real.'
        )
        return
    assert fixture.undocumented is None, (
        f"{path}: marked undocumented, but the spec documents this JSON response: drop the marker."
    )
    assert documented_json is not None, f"{path}: the spec documents {fixture.status} without JSON content"
    media_type, schema_pointer = documented_json
    assert fixture.headers["content-type"].split(";")[0].strip() == media_type
    assert validators.errors(schema_pointer, fixture.body) == [], f"{path}: body does not match the spec"


@pytest.mark.parametrize("path", PATHS, ids=fixture_id)
def test_generated_client_parses_fixture_and_round_trips(
    path: Path, spec_operations: dict[str, Operation], client_spec: dict[str, Any]
) -> None:
    """Documented JSON: parsed into the documented model, and `to_dict()` gives the body back.
    Anything else: the generated client cannot parse it, so the facade must handle it first."""
    fixture = load_fixture(path)
    operation = _operation_of(fixture, spec_operations)
    response = fixture.httpx_response(httpx.Request(operation.method.upper(), "http://127.0.0.1/"))
    documented_json = operation.json_schema_pointer(fixture.status)
    if operation.response_key(fixture.status) is None:
        with pytest.raises(errors.UnexpectedStatus):
            parse_response(operation, response)
        return
    if not fixture.is_json or documented_json is None:
        with pytest.raises(ValueError):
            parse_response(operation, response)
        return
    parsed = parse_response(operation, response)
    expected = model_name(resolve(client_spec, documented_json[1]))
    if expected is not None:
        assert type(parsed).__name__ == expected
    assert type(parsed).__module__.startswith("heygen_api_client.models.")
    assert parsed.to_dict() == fixture.body


@pytest.mark.parametrize("path", PATHS, ids=fixture_id)
def test_fixture_expectation_agrees_with_its_response(path: Path) -> None:
    """A typo guard for `expect`: what it names must be in the response it describes."""
    fixture = load_fixture(path)
    scalars = _scalars(fixture.body) if fixture.is_json else []
    if fixture.expected_result is not None:
        assert 200 <= fixture.status < 300, f"{path}: a result from HTTP {fixture.status}"
        fields = RESULT_FIELDS.get(fixture.operation)
        assert fields is not None, (
            f"{path}: add {fixture.operation!r} to RESULT_FIELDS in tests/_fixtures.py (where each "
            "attribute of the facade's result comes from in the body)"
        )
        for name, value in fixture.expected_result.items():
            assert name in fields, (
                f"{path}: expect.result.{name} is not an attribute of the facade's result "
                f"(it has {sorted(fields)}; the body's names are mapped in tests/_fixtures.py RESULT_FIELDS)"
            )
            sent = _at(fixture.body, fields[name])
            dotted = ".".join(fields[name])
            if name == "state" and value == UNKNOWN_STATE:
                assert sent not in KNOWN_STATES, f"{path}: state {value!r}, but the body sends {sent!r}"
            else:
                assert sent == value, f"{path}: expect.result.{name}={value!r}, but {dotted} is {sent!r}"
        return
    assert fixture.expected_error is not None
    for field in ("code", "message"):
        value = fixture.expect[field]
        assert value is None or value in scalars, f"{path}: expect.{field}={value!r} is not in the body"
    if "retry_after" in fixture.expect:
        assert float(fixture.headers["retry-after"]) == fixture.expect["retry_after"]
    if "request_id" in fixture.expect:
        assert fixture.headers["x-request-id"] == fixture.expect["request_id"]


def test_every_operation_has_fixtures_for_each_documented_status(
    spec_operations: dict[str, Operation],
) -> None:
    statuses: dict[str, set[int]] = defaultdict(set)
    results: dict[str, int] = defaultdict(int)
    for path in PATHS:
        fixture = load_fixture(path)
        statuses[fixture.operation].add(fixture.status)
        results[fixture.operation] += fixture.expected_result is not None
    missing: list[str] = []
    for operation_id, operation in spec_operations.items():
        needed = {"200": "the success response", **{
            key: operation.node["responses"][key].get("description", "")
            for key in operation.documented_statuses if key != "default"
        }}  # fmt: skip
        for key, description in needed.items():
            covered = any(
                str(status) == key or f"{str(status)[0]}XX" == key for status in statuses[operation_id]
            )
            if not covered:
                missing.append(f"tests/fixtures/{operation_id}/{key}-<name>.json  ({description})")
        if not results[operation_id]:
            missing.append(f'tests/fixtures/{operation_id}/200-<name>.json with "expect": {{"result": ...}}')
    orphans = sorted(set(statuses) - set(spec_operations))
    assert not missing, (
        "Operations in the specs need a fixture for each documented status "
        "(see tests/fixtures/README.md). Add:\n  " + "\n  ".join(missing)
    )
    assert not orphans, f"fixture folders for operations in neither spec: {orphans}"


def _scalars(node: Any) -> list[Any]:
    if isinstance(node, dict):
        return [scalar for value in node.values() for scalar in _scalars(value)]
    if isinstance(node, list):
        return [scalar for value in node for scalar in _scalars(value)]
    return [node]


_MISSING = object()


def _at(body: Any, keys: tuple[str, ...]) -> Any:
    """The value at a path of keys, or a marker that equals nothing when it is absent."""
    for key in keys:
        if not isinstance(body, dict) or key not in body:
            return _MISSING
        body = body[key]
    return body
