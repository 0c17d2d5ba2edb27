"""The corrected spec as the fake enforces it: routes, request checks, response self-checks.

Everything here is read from the spec shipped in the wheel (``heygen_api_client/openapi.json``),
never restated by hand, so the fake cannot drift from the spec the client was generated from:
a path, a method, the API-key header, a request schema or a documented response status changes
in the fake the moment the overlays change it.

Schemas are checked with ``jsonschema`` (Draft 2020-12, the dialect of OpenAPI 3.1). The whole
spec is registered as one resource so each schema's ``#/components/...`` references resolve
against it; validators are built once per operation, not per request. ``jsonschema`` (the
``testing`` extra) is imported when the first contract is built, not with this module, so that
importing ``heygen.testing`` (as pytest does for the plugin) works without the extra.
"""

from __future__ import annotations

import functools
import importlib.resources
import json
import re
import urllib.parse
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from heygen.testing._parameters import Parameter, make_parameter, parameters

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

__all__ = ["Contract", "Operation", "Problem", "shipped_contract"]

JSON = dict[str, Any]
_SPEC_URI = "urn:heygen-sdk:corrected-openapi"
_HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_TEMPLATE_PARAM = re.compile(r"\{([^{}/]+)\}")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a request, phrased for the ``message`` of a 400 body."""

    message: str
    param: str | None = None


@dataclass(frozen=True)
class _ResponseRule:
    body: Any  # a jsonschema validator, or None when the response has no JSON body
    headers: Mapping[str, Parameter]  # by lower-case name


@dataclass(frozen=True)
class Operation:
    """One method + path of the spec, with the validators the fake applies to it."""

    operation_id: str
    method: str
    template: str
    api_key_header: str | None
    responses: Mapping[str, _ResponseRule]
    _pattern: re.Pattern[str]
    _param_names: tuple[str, ...]
    _param_validators: Mapping[str, Any]
    _body_validator: Any
    _body_required: bool
    _query_params: tuple[Parameter, ...] = ()
    _header_params: tuple[Parameter, ...] = ()

    @property
    def documented_statuses(self) -> frozenset[int]:
        return frozenset(int(status) for status in self.responses if status.isdigit())

    def match(self, raw_path: str) -> dict[str, str] | None:
        """The still percent-encoded path parameters if ``raw_path`` is this operation's path."""
        found = self._pattern.fullmatch(raw_path)
        if found is None:
            return None
        return dict(zip(self._param_names, found.groups(), strict=True))

    def path_params(self, raw_params: Mapping[str, str]) -> tuple[dict[str, str], Problem | None]:
        """The path parameters percent-decoded, and what is wrong with them, if anything."""
        params: dict[str, str] = {}
        for name, raw in raw_params.items():
            try:
                params[name] = urllib.parse.unquote(raw, errors="strict")
            except UnicodeDecodeError:
                return params, Problem(f"{name}: {raw!r} is not percent-encoded UTF-8", name)
        return params, self.path_problem(params)

    def path_problem(self, params: Mapping[str, str]) -> Problem | None:
        """What is wrong with the (decoded) path parameters, if anything."""
        for name, validator in self._param_validators.items():
            error = _best_match(validator.iter_errors(params[name]))
            if error is not None:
                return Problem(f"{name}: {error.message}", name)
        return None

    def query_problem(self, query: str) -> tuple[dict[str, Any], Problem | None]:
        """The query parameters the spec declares, typed and defaulted, and what is wrong, if anything."""
        given = urllib.parse.parse_qs(query, keep_blank_values=True)
        values: dict[str, Any] = {}
        for parameter in self._query_params:
            raw = given.get(parameter.name)
            if raw is None:
                if parameter.required:
                    return values, Problem(f"{parameter.name} is required", parameter.name)
                if parameter.default is not None:
                    values[parameter.name] = parameter.default
                continue
            if len(raw) > 1:
                return values, Problem(f"{parameter.name} is given more than once", parameter.name)
            value = parameter.coerce(raw[0])
            error = _best_match(parameter.validator.iter_errors(value))
            if error is not None:
                return values, Problem(f"{parameter.name}: {error.message}", parameter.name)
            values[parameter.name] = value
        return values, None

    def takes_header(self, name: str) -> bool:
        """Whether the spec declares this (lower-case) header parameter for the operation."""
        return any(parameter.name.lower() == name for parameter in self._header_params)

    def header_problem(self, headers: Mapping[str, str]) -> Problem | None:
        """What is wrong with the header parameters the spec declares (lower-case ``headers``)."""
        for parameter in self._header_params:
            value = headers.get(parameter.name.lower())
            if value is None:
                if parameter.required:
                    return Problem(f"the {parameter.name} header is required", parameter.name)
                continue
            error = _best_match(parameter.validator.iter_errors(value))
            if error is not None:
                return Problem(f"{parameter.name} header: {error.message}", parameter.name)
        return None

    def body_problem(self, body: bytes, content_type: str | None) -> tuple[object, Problem | None]:
        """The decoded JSON body and what is wrong with it, if anything."""
        if self._body_validator is None:
            return None, None
        if not body.strip():
            if self._body_required:
                return None, Problem("request body is required (a JSON object)")
            return None, None
        if content_type is not None and not _is_json_media_type(content_type):
            return None, Problem(f"unsupported content type {content_type!r}; send application/json")
        try:
            instance = json.loads(body)
        except (UnicodeDecodeError, json.JSONDecodeError) as not_json:
            return None, Problem(f"request body is not valid JSON: {not_json}")
        violation = _best_match(self._body_validator.iter_errors(instance))
        if violation is None:
            return instance, None
        return instance, _body_problem(violation)

    def response_problems(self, status: int, headers: Mapping[str, str], body: bytes) -> list[str]:
        """Ways a response breaks this operation's documented responses (empty when it conforms)."""
        rule = self.responses.get(str(status)) or self.responses.get(f"{status // 100}XX")
        rule = rule or self.responses.get("default")
        where = f"{self.method.upper()} {self.template} -> {status}"
        if rule is None:
            return [f"{where}: status {status} is not documented for {self.operation_id}"]
        lowered = {name.lower(): value for name, value in headers.items()}
        problems: list[str] = []
        for name, header in rule.headers.items():
            if name not in lowered:
                if header.required:
                    problems.append(f"{where}: required header {name} is missing")
                continue
            value = header.coerce(lowered[name])  # header values are text, typed by their schema
            problems += [f"{where}: header {name}: {e.message}" for e in header.validator.iter_errors(value)]
        return problems + [f"{where}: {problem}" for problem in _json_body_problems(rule.body, body)]


MISSING_EXTRA = (
    "heygen.testing checks traffic against the spec with jsonschema; "
    "install it with: pip install 'heygen-sdk[testing]'"
)


def missing_extra() -> str | None:
    """What to install when the ``testing`` extra is absent, or None when the fake can run here."""
    try:
        import jsonschema  # noqa: F401
        import referencing  # noqa: F401
    except ImportError:
        return MISSING_EXTRA
    return None


class Contract:
    """The operations of a spec, ready to route and check traffic."""

    def __init__(self, document: JSON) -> None:
        try:
            from jsonschema import Draft202012Validator
            from referencing import Registry
            from referencing.jsonschema import DRAFT202012
        except ImportError as missing:
            raise ImportError(MISSING_EXTRA) from missing

        registry: Registry[Any] = Registry().with_resource(_SPEC_URI, DRAFT202012.create_resource(document))

        def validator(pointer: str) -> Any:
            return Draft202012Validator({"$ref": f"{_SPEC_URI}#{pointer}"}, registry=registry)

        self.operations = tuple(_operations(document, validator))
        self._error_envelope = validator("/components/schemas/ApiErrorEnvelope")
        has_v3 = "V3ErrorEnvelope" in document.get("components", {}).get("schemas", {})
        self._v3_error_envelope = validator("/components/schemas/V3ErrorEnvelope") if has_v3 else None

    def route(self, method: str, raw_path: str) -> tuple[Operation, dict[str, str]] | list[str]:
        """The operation and its raw path parameters, or the methods the path allows (maybe none).

        As OpenAPI requires, a concrete path wins over a templated one that also matches
        (``/v3/avatars/looks`` is not the group ``looks``); among templates, the one with
        fewer parameters wins.
        """
        matches = [(op, params) for op in self.operations if (params := op.match(raw_path)) is not None]
        if not matches:
            return []
        fewest = min(len(params) for _, params in matches)
        template = next(op.template for op, params in matches if len(params) == fewest)
        allowed: list[str] = []
        for operation, params in matches:
            if operation.template != template:
                continue
            if operation.method == method.lower():
                return operation, params
            allowed.append(operation.method.upper())
        return allowed

    def error_envelope_problems(self, body: bytes, *, v3: bool = False) -> list[str]:
        """Ways an error body for a request outside the spec breaks HeyGen's error envelope (v2 or v3)."""
        if v3 and self._v3_error_envelope is not None:
            problems = _json_body_problems(self._v3_error_envelope, body)
            return [f"V3ErrorEnvelope: {problem}" for problem in problems]
        return [f"ApiErrorEnvelope: {problem}" for problem in _json_body_problems(self._error_envelope, body)]


@functools.cache
def shipped_contract() -> Contract:
    """The contract of the corrected spec shipped inside the generated package (built once)."""
    text = (importlib.resources.files("heygen_api_client") / "openapi.json").read_text(encoding="utf-8")
    return Contract(cast(JSON, json.loads(text)))


def _operations(document: JSON, validator: Any) -> list[Operation]:
    operations: list[Operation] = []
    for template, path_item in document.get("paths", {}).items():
        for method in _HTTP_METHODS:
            if method not in path_item:
                continue
            operation = path_item[method]
            base = f"/paths/{_escape(template)}/{method}"
            if any(p.get("in") == "path" for p in path_item.get("parameters", [])):
                # They would need another pointer below; the spec declares none there.
                raise ValueError(f"{template}: declare path parameters on the operation")
            names = tuple(_TEMPLATE_PARAM.findall(template))
            pieces = _TEMPLATE_PARAM.split(template)
            pattern = "".join(re.escape(piece) if i % 2 == 0 else "([^/]*)" for i, piece in enumerate(pieces))
            param_validators = {
                parameter["name"]: validator(f"{base}/parameters/{index}/schema")
                for index, parameter in enumerate(operation.get("parameters", []))
                if parameter.get("in") == "path" and "schema" in parameter
            }
            body = operation.get("requestBody", {})
            body_validator = (
                validator(f"{base}/requestBody/content/application~1json/schema")
                if "schema" in body.get("content", {}).get("application/json", {})
                else None
            )
            operations.append(
                Operation(
                    operation_id=operation["operationId"],
                    method=method,
                    template=template,
                    api_key_header=_api_key_header(document, operation),
                    responses={
                        status: _response_rule(response, f"{base}/responses/{_escape(status)}", validator)
                        for status, response in operation.get("responses", {}).items()
                    },
                    _pattern=re.compile(pattern),
                    _param_names=names,
                    _param_validators=param_validators,
                    _body_validator=body_validator,
                    _body_required=bool(body.get("required", False)),
                    _query_params=parameters(operation, "query", base, validator),
                    _header_params=parameters(operation, "header", base, validator),
                )
            )
    return operations


def _response_rule(response: JSON, pointer: str, validator: Any) -> _ResponseRule:
    if "$ref" in response:
        raise ValueError(f"{pointer}: referenced responses are not supported by the fake")
    media = response.get("content", {}).get("application/json", {})
    headers = {
        name.lower(): make_parameter(name, header, validator(f"{pointer}/headers/{_escape(name)}/schema"))
        for name, header in response.get("headers", {}).items()
        if "schema" in header
    }
    body = validator(f"{pointer}/content/application~1json/schema") if "schema" in media else None
    return _ResponseRule(body=body, headers=headers)


def _api_key_header(document: JSON, operation: JSON) -> str | None:
    """The header carrying the API key, or None when the operation needs no credentials."""
    requirements = operation.get("security", document.get("security", []))
    if not requirements or {} in requirements:
        return None
    schemes = document.get("components", {}).get("securitySchemes", {})
    for requirement in requirements:
        for scheme_name in requirement:
            scheme = schemes.get(scheme_name, {})
            if scheme.get("type") == "apiKey" and scheme.get("in") == "header":
                return cast(str, scheme["name"]).lower()
    raise ValueError(f"{operation.get('operationId')}: only header API keys are supported by the fake")


def _json_body_problems(validator: Any, body: bytes) -> list[str]:
    if validator is None:
        return [] if not body else ["a body was sent where none is documented"]
    try:
        instance = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        return [f"body is not JSON: {error}"]
    # One message per failing location; best_match picks the deepest cause inside an anyOf.
    causes = [best for error in validator.iter_errors(instance) if (best := _best_match([error])) is not None]
    return [f"body at {e.json_path}: {e.message}" for e in sorted(causes, key=lambda e: str(e.json_path))]


def _best_match(errors: Iterable[ValidationError]) -> ValidationError | None:
    """The most relevant error, descending into anyOf/oneOf; jsonschema is loaded by now."""
    from jsonschema.exceptions import best_match

    return cast("ValidationError | None", best_match([_discriminated(error) for error in errors]))


def _discriminated(error: ValidationError) -> ValidationError:
    """For a oneOf/anyOf with an OpenAPI discriminator, the error of the branch the instance names.

    jsonschema ignores ``discriminator``, so without this a ``{"type": "photo"}`` body missing its
    name would be reported against whichever branch looks closest (maybe ``prompt``).
    """
    from jsonschema.exceptions import ValidationError, best_match

    schema = error.schema
    if (
        error.validator not in ("oneOf", "anyOf")
        or not isinstance(schema, dict)
        or "discriminator" not in schema
        or not isinstance(error.instance, dict)
    ):
        return error
    name = schema["discriminator"]["propertyName"]
    mapping: dict[str, str] = schema["discriminator"].get("mapping", {})
    value = error.instance.get(name)
    target = mapping.get(value) if isinstance(value, str) else None
    branches = schema[str(error.validator)]
    index = next((i for i, branch in enumerate(branches) if branch.get("$ref") == target), None)
    if index is None:
        return ValidationError(
            f"{value!r} is not one of {sorted(mapping)}"
            if name in error.instance
            else f"{name!r} is required",
            validator="enum" if name in error.instance else "required",
            validator_value=sorted(mapping) if name in error.instance else [name],
            instance=value if name in error.instance else error.instance,
            path=[*error.absolute_path, name] if name in error.instance else list(error.absolute_path),
        )
    chosen = [
        _discriminated(sub) for sub in error.context or () if sub.schema_path and sub.schema_path[0] == index
    ]
    return cast("ValidationError", best_match(chosen)) if chosen else error


def _body_problem(error: ValidationError) -> Problem:
    path = [str(part) for part in error.absolute_path]
    if error.validator == "required" and isinstance(error.instance, dict):
        missing = [name for name in error.validator_value if name not in error.instance]
        name = ".".join([*path, missing[0]]) if missing else None
        return Problem(f"{name} is required" if name else error.message, name)
    if path:
        name = ".".join(path)
        return Problem(f"{name}: {error.message}", name)
    return Problem(f"request body: {error.message}")


def _is_json_media_type(content_type: str) -> bool:
    media_type = content_type.split(";", 1)[0].strip().lower()
    return media_type == "application/json" or media_type.endswith("+json")


def _escape(token: str) -> str:
    """A JSON Pointer reference token (RFC 6901)."""
    return token.replace("~", "~0").replace("/", "~1")
