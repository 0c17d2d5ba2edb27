"""`make update-spec`: variants of HeyGen's document, each given to the real script in a subprocess.

Each variant runs against its own copy of the repository files the update reads and writes, so the
checkout is never touched. Optic spawns Node.js and a passing update regenerates the client and
runs the contract suite (about 2 s and 8 s of CPU), so the module runs every variant once, in
parallel, and each test reads its variant's result; one passing variant serves three tests.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import _spec
import pytest
from _update_spec.overlays import canonical
from _update_spec.report import CHANGELOG_HEADER, insert_entry

pytestmark = pytest.mark.slow

ROOT = _spec.ROOT
OPTIC = ROOT / "node_modules" / ".bin" / "optic"
COPIED = ["openapi", "scripts", "generated", "heygen", "tests", "pyproject.toml"]
PROVIDED = Path("openapi/provided/train-photo-avatar-group.json")
JOB_MODEL = Path("generated/heygen_api_client/models/train_photo_avatar_group_job.py")
Spec = dict[str, Any]


def _train(spec: Spec) -> Spec:
    return spec["paths"]["/v2/photo_avatar/train"]["post"]  # type: ignore[no-any-return]


def _envelope(spec: Spec) -> Spec:
    return _train(spec)["responses"]["200"]["content"]["application/json"]["schema"]  # type: ignore[no-any-return]


def _job_fields(spec: Spec) -> Spec:
    return _envelope(spec)["properties"]["data"]["properties"]["data"]["properties"]  # type: ignore[no-any-return]


def _add_optional_field(spec: Spec) -> None:
    _job_fields(spec)["estimated_minutes"] = {"type": "integer", "description": "Expected training time."}


def _remove_flow_id(spec: Spec) -> None:
    del _job_fields(spec)["flow_id"]


def _retype_group_id(spec: Spec) -> None:
    _train(spec)["requestBody"]["content"]["application/json"]["schema"]["properties"]["group_id"]["type"] = (
        "integer"
    )


def _add_field_and_move_server(spec: Spec) -> None:
    _add_optional_field(spec)
    spec["servers"] = [{"url": "https://api2.heygen.com"}]


def _drop_error_type(spec: Spec) -> None:
    # Not breaking for Optic (the response widens), but overlay 10's action #5 removes this very key.
    del _envelope(spec)["properties"]["error"]["type"]


def _fix_optional_body(spec: Spec) -> None:
    # HeyGen fixes the defect overlay 10's action #1 corrects.
    _train(spec)["requestBody"]["required"] = True


def _remove_studio_count(spec: Spec) -> None:
    del _job_fields(spec)["num_of_studio_avatar"]


def _downgrade_to_30(spec: Spec) -> None:
    spec["openapi"] = "3.0.3"


# HeyGen's v3 document stands in as ours plus what theirs would have besides: an operation we do
# not ship (with a schema only it uses), a field ours lacks, another operationId.
def _v3_published(spec: Spec) -> None:
    spec["paths"]["/v3/videos"] = {
        "get": {
            "operationId": "listVideos",
            "tags": ["videos"],
            "responses": {
                "200": {
                    "description": "Videos.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/VideoPage"}}},
                }
            },
        }
    }
    spec["components"]["schemas"]["VideoPage"] = {"type": "object", "properties": {"data": {"type": "array"}}}
    spec["tags"].append({"name": "videos", "description": "Videos."})
    group = spec["components"]["schemas"]["AvatarGroup"]
    group["properties"]["thumbnail_url"] = {"type": ["string", "null"]}
    spec["paths"]["/v3/assets"]["post"]["operationId"] = "uploadAsset"


def _v3_without_delete_look(spec: Spec) -> None:
    del spec["paths"]["/v3/avatars/looks/{look_id}"]["delete"]


# A facade module using the attribute the accepted breaking change removes.
@dataclass(frozen=True)
class Variant:
    change: Callable[[Spec], None]
    args: tuple[str, ...] = ()
    markdown: bool = False  # given as HeyGen's reference page rather than JSON
    v3: bool = False  # HeyGen's v3 document (external-api.json), built from ours


VARIANTS = {
    # One passing update covers three behaviours: each full run costs about 8 s of CPU.
    "added_field_page": Variant(_add_field_and_move_server, markdown=True),
    "removed_flow_id": Variant(_remove_flow_id),
    "retyped_group_id": Variant(_retype_group_id),
    "overlay_target_gone": Variant(_drop_error_type),
    "overlay_redundant": Variant(_fix_optional_body),
    "accepted_breaking": Variant(_remove_studio_count, ("--accept-breaking",)),
    "not_openapi_31": Variant(_downgrade_to_30),
    "v3_published": Variant(_v3_published, v3=True),
    "v3_missing_operation": Variant(_v3_without_delete_look, v3=True),
}
REFUSED = [
    "removed_flow_id",
    "retyped_group_id",
    "overlay_target_gone",
    "overlay_redundant",
    "not_openapi_31",
    "v3_missing_operation",
]


@dataclass(frozen=True)
class Run:
    checkout: Path
    new_text: str  # the JSON document given (inside the page, for a Markdown variant)
    before: dict[str, bytes]
    after: dict[str, bytes]
    returncode: int
    output: str

    def read(self, path: Path | str) -> str:
        return (self.checkout / path).read_text(encoding="utf-8")


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def _run(variant: Variant, workdir: Path) -> Run:
    checkout = workdir / "checkout"
    for name in COPIED:
        source, target = ROOT / name, checkout / name
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    (checkout / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    spec = _spec.v3_spec() if variant.v3 else json.loads((ROOT / PROVIDED).read_text(encoding="utf-8"))
    variant.change(spec)
    new_text = json.dumps(spec, indent=2) + "\n"
    if variant.markdown:
        given = workdir / "train-photo-avatar-group.md"
        prose = "# Train Photo Avatar Group\n\nInitiates training.\n\n# OpenAPI definition\n\n"
        page = f"{prose}```json\n{new_text}```\n"
        given.write_text(page, encoding="utf-8")
    else:
        given = workdir / ("external-api.json" if variant.v3 else "new-spec.json")
        given.write_text(new_text, encoding="utf-8")
    before = _snapshot(checkout)
    command = [
        sys.executable,
        str(checkout / "scripts" / "update_spec.py"),
        str(given),
        "--optic",
        str(OPTIC),
    ]
    result = subprocess.run(
        [*command, *variant.args], cwd=workdir, capture_output=True, text=True, check=False, timeout=900
    )
    output = result.stdout + result.stderr
    return Run(checkout, new_text, before, _snapshot(checkout), result.returncode, output)


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Run]:
    assert OPTIC.exists(), "Optic is missing: run through `make test` (or `make setup`)"
    workers = max(2, os.cpu_count() or 2)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = {
            name: pool.submit(_run, variant, tmp_path_factory.mktemp(name))
            for name, variant in VARIANTS.items()
        }
        return {name: future.result() for name, future in futures.items()}


def test_an_added_optional_response_field_passes_and_regenerates(runs: dict[str, Run]) -> None:
    run = runs["added_field_page"]
    assert run.returncode == 0, run.output
    assert "Breaking changes:\n  - none" in run.output
    assert "field `data.data.estimated_minutes` added (integer, optional)" in run.output
    assert run.read(PROVIDED) == run.new_text
    assert "estimated_minutes: int | Unset = UNSET" in run.read(JOB_MODEL)
    assert "estimated_minutes" in run.read("generated/heygen_api_client/openapi.json")
    changelog = run.read("CHANGELOG.md")
    assert changelog.startswith("# Changelog\n")
    assert "model `TrainPhotoAvatarGroupJob` gains attribute `estimated_minutes: int | Unset`" in changelog
    check = subprocess.run(
        [sys.executable, str(run.checkout / "scripts" / "generate.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stderr


def test_a_removed_flow_id_is_refused_naming_it(runs: dict[str, Run]) -> None:
    run = runs["removed_flow_id"]
    assert run.returncode == 1, run.output
    assert "field `data.data.flow_id` removed" in run.output
    assert "cannot remove response property 'flow_id'" in run.output
    assert "refused: the new document has breaking changes: rerun with --accept-breaking" in run.output


def test_a_retyped_group_id_is_refused(runs: dict[str, Run]) -> None:
    run = runs["retyped_group_id"]
    assert run.returncode == 1, run.output
    assert 'field `group_id`: `type` changed ("string" → "integer")' in run.output
    assert "request body property 'group_id' not to be narrowed" in run.output
    assert "refused:" in run.output


def test_a_changed_server_url_is_reported(runs: dict[str, Run]) -> None:
    run = runs["added_field_page"]
    assert run.returncode == 0, run.output
    line = "server URL of the document changed: https://api.heygen.com → https://api2.heygen.com"
    assert line in run.output
    assert line in run.read("CHANGELOG.md")


def test_a_markdown_reference_page_is_extracted(runs: dict[str, Run]) -> None:
    run = runs["added_field_page"]
    assert run.returncode == 0, run.output
    assert "extracted from a Markdown page" in run.output
    assert run.read(PROVIDED) == run.new_text  # the JSON block verbatim, not the page


def test_an_overlay_whose_target_is_gone_is_reported_by_name(runs: dict[str, Run]) -> None:
    run = runs["overlay_target_gone"]
    assert run.returncode == 1, run.output
    assert "Breaking changes:\n  - none" in run.output
    assert "error: 10-train-operation.yaml action #5" in run.output
    assert "matches nothing in the spec" in run.output
    assert "refused: overlay actions no longer apply" in run.output


def test_an_overlay_that_became_redundant_is_reported(runs: dict[str, Run]) -> None:
    run = runs["overlay_redundant"]
    assert "redundant: 10-train-operation.yaml action #1 (The request body is required.)" in run.output
    # The contract suite's "defect is still in the provided spec" test then fails: refused.
    assert run.returncode == 1, run.output
    assert "refused: the contract suite fails against the new document" in run.output
    assert "the request body is optional" in run.output


def test_an_accepted_breaking_change_lists_its_effect_on_the_facade(runs: dict[str, Run]) -> None:
    run = runs["accepted_breaking"]
    assert run.returncode == 0, run.output
    assert "num_of_studio_avatar" not in run.read(JOB_MODEL)
    changelog = run.read("CHANGELOG.md")
    assert "### Breaking changes (accepted with `--accept-breaking`)" in changelog
    # The facade reads the removed count in its adapter: the entry says where, and mypy agrees.
    used_at = (
        f"heygen/_adapters.py:{_line_using(ROOT / 'heygen' / '_adapters.py', 'job.num_of_studio_avatar')}"
    )
    assert (
        "response 200 field `data.data.num_of_studio_avatar` removed: model `TrainPhotoAvatarGroupJob` "
        f"loses attribute `num_of_studio_avatar` (was `int | Unset`); heygen/ uses it at {used_at}"
    ) in changelog
    assert "`mypy --strict heygen/` fails against the regenerated client" in changelog
    assert f'{used_at}: error: "TrainPhotoAvatarGroupJob" has no attribute' in changelog


def _line_using(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def test_a_document_that_is_not_openapi_31_is_unusable(runs: dict[str, Run]) -> None:
    run = runs["not_openapi_31"]
    assert run.returncode == 2, run.output
    assert "`openapi` is '3.0.3': this pipeline takes OpenAPI 3.1 documents" in run.output


@pytest.mark.parametrize("name", REFUSED)
def test_a_refused_update_leaves_every_file_byte_identical(runs: dict[str, Run], name: str) -> None:
    run = runs[name]
    assert run.returncode != 0
    assert run.after == run.before


def test_changelog_entries_go_newest_first_under_the_header() -> None:
    first = insert_entry(None, "## 2026-01-01: one\n\n")
    assert first == CHANGELOG_HEADER + "## 2026-01-01: one\n\n"
    second = insert_entry(first, "## 2026-02-01: two\n\n")
    assert second == CHANGELOG_HEADER + "## 2026-02-01: two\n\n## 2026-01-01: one\n\n"


def test_an_update_that_re_adds_list_items_counts_as_unchanged() -> None:
    # oas-patch appends `update` lists, so re-adding `required: [flow_id]` doubles the item.
    assert canonical({"required": ["flow_id", "flow_id"]}) == {"required": ["flow_id"]}


# --- HeyGen's published v3 document ------------------------------------------------------------

PROVIDED_V3 = "openapi/provided/heygen-v3.json"


def test_a_v3_document_keeps_only_the_shipped_operations_and_reports_differences(
    runs: dict[str, Run],
) -> None:
    run = runs["v3_published"]
    assert run.returncode == 0, run.output
    assert "kept 18 of 19 operations" in run.output
    assert "thumbnail_url" in run.output
    assert "uploadAsset" in run.output
    stored = json.loads(run.read(PROVIDED_V3))
    assert "/v3/videos" not in stored["paths"]
    assert "VideoPage" not in stored["components"]["schemas"]
    assert "AvatarGroup" in stored["components"]["schemas"]
    assert [tag["name"] for tag in stored["tags"]] == ["assets", "avatars", "webhooks"]
    assert len([m for item in stored["paths"].values() for m in item]) == 18
    changelog = run.read("CHANGELOG.md")
    assert "HeyGen v3 document" in changelog and "thumbnail_url" in changelog


def test_a_v3_document_changes_nothing_the_client_is_generated_from(runs: dict[str, Run]) -> None:
    run = runs["v3_published"]
    changed = sorted(
        name for name in set(run.before) | set(run.after) if run.before.get(name) != run.after.get(name)
    )
    assert changed == ["CHANGELOG.md", PROVIDED_V3]


def test_a_v3_document_without_a_shipped_operation_is_refused_naming_it(runs: dict[str, Run]) -> None:
    run = runs["v3_missing_operation"]
    assert run.returncode == 1, run.output
    assert "DELETE /v3/avatars/looks/{look_id}" in run.output
    assert "refused: HeyGen's document lacks 1 operation(s) we ship" in run.output
