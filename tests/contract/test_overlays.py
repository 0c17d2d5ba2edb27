"""Each overlay fix, proven both ways: the defect is in HeyGen's document and not in ours.

If HeyGen fixes a defect, the "still present" half fails and tells us which overlay can go.
If someone drops an overlay action, the "fixed" half fails and names the problem it fixed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from jsonschema import Draft202012Validator

Spec = dict[str, Any]
TRAIN = "/v2/photo_avatar/train"
STATUS = "/v2/photo_avatar/train/status/{group_id}"


def _train(spec: Spec) -> dict[str, Any]:
    return spec["paths"][TRAIN]["post"]  # type: ignore[no-any-return]


def _train_200(spec: Spec) -> dict[str, Any]:
    return _train(spec)["responses"]["200"]["content"]["application/json"]  # type: ignore[no-any-return]


def _schema_errors(spec: Spec, schema: dict[str, Any], instance: object) -> list[str]:
    resolvable = {**schema, "components": spec.get("components", {})}
    validator = Draft202012Validator(resolvable)
    return [error.message for error in validator.iter_errors(instance)]


def _example_is_invalid(spec: Spec) -> bool:
    media = _train_200(spec)
    example = media["examples"]["Result"]["value"]
    return bool(_schema_errors(spec, media["schema"], example))


def _failure_envelope_is_invalid(spec: Spec) -> bool:
    body = {"error": {"code": "photar_not_found", "message": "not found"}, "data": None}
    return bool(_schema_errors(spec, _train_200(spec)["schema"], body))


def _messages_not_where_the_example_puts_them(spec: Spec) -> bool:
    data = _train_200(spec)["schema"]["properties"]["data"]["properties"]
    return "message" not in data or "msg" not in data


def _missing_error_statuses(spec: Spec) -> bool:
    return not {"400", "401", "402", "403", "404", "429", "500"} <= set(_train(spec)["responses"])


@dataclass(frozen=True)
class Defect:
    problem: str
    present_in: Callable[[Spec], bool]


DEFECTS = [
    Defect(
        "the Result example's null error/msg/message do not match their `string` type",
        _example_is_invalid,
    ),
    Defect(
        "a failure body {error: {code, message}, data: null} does not match the 200 schema",
        _failure_envelope_is_invalid,
    ),
    Defect(
        "msg/message sit at the top level of the schema, not in `data` where the example has them",
        _messages_not_where_the_example_puts_them,
    ),
    Defect(
        "the request body is optional, so generated clients make `body` optional",
        lambda spec: not _train(spec)["requestBody"].get("required", False),
    ),
    Defect(
        "group_id may be an empty string",
        lambda spec: (
            "minLength"
            not in _train(spec)["requestBody"]["content"]["application/json"]["schema"]["properties"][
                "group_id"
            ]
        ),
    ),
    Defect(
        "the operation has no tag, so generated modules land in api/default/",
        lambda spec: not _train(spec).get("tags"),
    ),
    Defect(
        "only 200 is documented: no 400/401/402/403/404/429/500 error responses",
        _missing_error_statuses,
    ),
    Defect(
        "the training status operation (GET /v2/photo_avatar/train/status/{group_id}) is missing",
        lambda spec: STATUS not in spec["paths"],
    ),
]


@pytest.mark.parametrize("defect", DEFECTS, ids=lambda d: d.problem)
def test_defect_is_still_in_the_provided_spec(defect: Defect, provided_spec: Spec) -> None:
    assert defect.present_in(provided_spec), (
        f"HeyGen's document no longer has this defect: {defect.problem}. "
        "The overlay action fixing it is redundant: remove it from openapi/overlays/."
    )


@pytest.mark.parametrize("defect", DEFECTS, ids=lambda d: d.problem)
def test_defect_is_fixed_in_the_corrected_spec(defect: Defect, corrected_spec: Spec) -> None:
    assert not defect.present_in(corrected_spec), (
        f"The corrected spec still has this defect: {defect.problem}. "
        "An overlay action in openapi/overlays/ that fixed it is missing or no longer applies."
    )
