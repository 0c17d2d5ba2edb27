"""The `shipped_operations` list in openapi/codegen.yml, which `make update-spec` uses to cut
HeyGen's published v3 document down to ours, names exactly the operations of our specs."""

from __future__ import annotations

from typing import Any

import _spec
import pytest
import yaml
from _update_spec.v3 import select

from tests._openapi import operations


def _shipped() -> dict[str, list[str]]:
    config = yaml.safe_load(_spec.CODEGEN_CONFIG.read_text(encoding="utf-8"))
    return {version: list(items) for version, items in config["shipped_operations"].items()}


@pytest.mark.parametrize(("version", "spec"), [("v2", "corrected_spec"), ("v3", "v3_spec")])
def test_the_list_names_exactly_the_operations_of_the_spec(
    version: str, spec: str, request: pytest.FixtureRequest
) -> None:
    document: dict[str, Any] = request.getfixturevalue(spec)
    in_spec = sorted(f"{op.method.upper()} {op.path}" for op in operations(document))
    assert sorted(_shipped()[version]) == in_spec


def test_selecting_our_own_v3_document_keeps_all_of_it(v3_spec: dict[str, Any]) -> None:
    kept, missing = select(v3_spec, _shipped()["v3"])
    assert missing == []
    assert kept["paths"] == v3_spec["paths"]
    assert kept["components"]["schemas"] == v3_spec["components"]["schemas"]
    assert kept["components"]["securitySchemes"] == v3_spec["components"]["securitySchemes"]


def test_selecting_drops_what_no_shipped_operation_reaches(v3_spec: dict[str, Any]) -> None:
    only_assets = ["POST /v3/assets", "GET /v3/assets/{asset_id}", "GET /v3/nowhere"]
    kept, missing = select(v3_spec, only_assets)
    assert missing == ["GET /v3/nowhere"]
    assert sorted(kept["paths"]) == ["/v3/assets", "/v3/assets/{asset_id}"]
    assert sorted(kept["components"]["schemas"]) == [
        "Asset", "GetAssetResponse", "UploadAssetBody", "UploadAssetResponse", "UploadedAsset",
        "V3ErrorDetail", "V3ErrorEnvelope",
    ]  # fmt: skip
    assert [tag["name"] for tag in kept["tags"]] == ["assets"]
