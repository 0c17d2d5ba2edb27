"""`heygen avatars` and `heygen assets` (HeyGen v3), run for real in subprocesses against the fake
over HTTP: the results, the progress, the JSON and every exit code a user can meet."""

from __future__ import annotations

import json
import os
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from heygen.testing import FakeHeyGen
from tests.cli.test_cli import HEYGEN, KEY, run
from tests.support.children import sigint_as_from_a_terminal
from tests.testing.test_v3_state import JPEG, png

pytestmark = pytest.mark.slow


@pytest.fixture
def fake() -> FakeHeyGen:
    # The real clock: the CLI runs in another process and waits in real time.
    return FakeHeyGen(api_keys=[KEY], training_seconds=1.0, pending_seconds=0.0)


@pytest.fixture
def url(fake: FakeHeyGen) -> Iterator[str]:
    with fake.serve() as url:
        yield url


@pytest.fixture
def photo(tmp_path: Path) -> Path:
    path = tmp_path / "face.png"
    path.write_bytes(png(6, 8))
    return path


def test_create_wait_prints_progress_on_stderr_and_the_result_on_stdout(url: str, photo: Path) -> None:
    result = run(
        "avatars", "create", "Anna", "--photo", str(photo), "--wait", "--poll-interval", "0.3", url=url
    )
    assert result.code == 0, result.stderr
    lines = result.stderr.splitlines()
    assert (
        lines[0].startswith("Created avatar group ")
        and "(photo sent as base64; status processing)" in lines[0]
    )
    assert lines[1].endswith(": processing") and lines[-1].endswith(": completed")
    assert "\r" not in result.stderr
    assert result.stdout.startswith("Avatar group ") and "is ready (status completed, look " in result.stdout


def test_json_results_are_machine_readable_and_wait_resumes_later(url: str, photo: Path) -> None:
    created = run("avatars", "create", "Anna", "--photo", str(photo), "--json", url=url)
    assert created.code == 0 and created.stderr == ""
    creation = json.loads(created.stdout)
    group_id = creation["group"]["id"]
    assert creation["look"]["group_id"] == group_id and creation["photo_sent_as"] == "base64"
    assert creation["look"]["image_width"] == 6 and creation["look"]["preferred_orientation"] == "portrait"
    waited = run("avatars", "wait", group_id, "--poll-interval", "0.3", "--json", url=url)
    assert waited.code == 0 and json.loads(waited.stdout)["status"] == "completed"
    shown = run("avatars", "get", group_id, url=url)
    assert shown.stdout == f"Avatar group {group_id} 'Anna': completed, 1 look\n"


def test_an_https_photo_is_sent_as_a_url_and_a_look_added_to_a_group_is_waited_for(
    url: str, fake: FakeHeyGen
) -> None:
    first = json.loads(
        run("avatars", "create", "A", "--photo", "https://example.test/a.jpg", "--json", url=url).stdout
    )
    assert first["photo_sent_as"] == "url"
    group_id = first["group"]["id"]
    added = run(
        "avatars", "create", "A at work", "--photo", "https://example.test/b.jpg", "--group", group_id,
        "--wait", "--poll-interval", "0.3", "--json", url=url,
    )  # fmt: skip
    assert added.code == 0, added.stderr
    document = json.loads(added.stdout)
    assert document["status"]["group_id"] == group_id and document["status"]["status"] == "completed"
    assert document["creation"]["group"]["looks_count"] == 2


def test_a_failed_avatar_exits_1_with_heygens_reason_and_json_keeps_the_ids(
    url: str, fake: FakeHeyGen, photo: Path
) -> None:
    fake.queue_avatar_outcome("failed", code="face_not_detected", message="No face was found")
    result = run(
        "avatars", "create", "A", "--photo", str(photo), "--wait", "--poll-interval", "0.3", "--json", url=url
    )
    assert result.code == 1
    assert "failed (face_not_detected: No face was found) (check the photo" in result.stderr
    document = json.loads(result.stdout)
    assert document["status"]["status"] == "failed" and document["creation"]["group"]["id"]


def test_an_avatar_waiting_for_consent_exits_1_saying_how_to_give_it(
    url: str, fake: FakeHeyGen, photo: Path
) -> None:
    fake.queue_avatar_outcome("pending_consent")
    result = run("avatars", "create", "A", "--photo", str(photo), "--wait", "--poll-interval", "0.3", url=url)
    assert result.code == 1
    last = result.stderr.splitlines()[-1]
    group_id = result.stderr.split("Created avatar group ", 1)[1].split(",", 1)[0]
    assert last.startswith("heygen: error: Avatar group ") and "needs consent" in last
    assert last.endswith(f"give consent in HeyGen's app, then run `heygen avatars wait {group_id}`")
    assert "client.avatars" not in last  # advice in commands, not the Python calls


def test_a_wait_that_runs_out_exits_4_naming_the_command_to_resume(url: str, photo: Path) -> None:
    result = run("avatars", "create", "A", "--photo", str(photo), "--wait", "--timeout", "0.2", url=url)
    assert result.code == 4
    group_id = result.stderr.split("Created avatar group ", 1)[1].split(",", 1)[0]
    last = result.stderr.splitlines()[-1]
    assert last.startswith(f"heygen: error: Avatar group {group_id!r} was not ready within 0.2 s")
    assert f"run `heygen avatars wait {group_id}` to wait again (with a longer --timeout" in last
    assert f"`heygen avatars get {group_id}`" in last
    assert "retrieve()" not in last  # advice in commands, not the Python calls


@pytest.mark.parametrize(
    ("photo_argument", "message"),
    [
        ("missing.png", "--photo: no such file: missing.png"),
        ("http://x.test/a.png", "must start with https://"),
    ],
)
def test_a_bad_photo_is_a_usage_error_before_any_request(
    url: str, fake: FakeHeyGen, photo_argument: str, message: str
) -> None:
    result = run("avatars", "create", "A", "--photo", photo_argument, url=url)
    assert (result.code, result.stdout) == (2, "")
    assert message in result.stderr
    assert not fake.requests


def test_a_refused_key_exits_3(url: str) -> None:
    result = run("avatars", "list", url=url, key="not-the-key")
    assert result.code == 3 and "authentication_failed" in result.stderr


def test_a_create_that_failed_names_the_key_that_retries_it_safely(
    url: str, fake: FakeHeyGen, photo: Path
) -> None:
    fake.queue_error(500, operation="create_avatar", times=3)  # the first try and both retries
    failed = run("avatars", "create", "A", "--photo", str(photo), url=url)
    assert failed.code == 5
    assert failed.stderr.count(" idempotency") == 0  # the SDK's own hint is replaced by the CLI's flag
    key = failed.stderr.rsplit("--idempotency-key ", 1)[1].rstrip(")\n")
    again = run("avatars", "create", "A", "--photo", str(photo), "--idempotency-key", key, "--json", url=url)
    assert again.code == 0
    replay = run("avatars", "create", "A", "--photo", str(photo), "--idempotency-key", key, "--json", url=url)
    assert json.loads(replay.stdout)["group"]["id"] == json.loads(again.stdout)["group"]["id"]
    assert len(json.loads(run("avatars", "list", "--json", url=url).stdout)) == 1


def test_lists_renames_and_deletes(url: str) -> None:
    ids = [
        json.loads(
            run("avatars", "create", f"g{i}", "--photo", "https://x.test/a.jpg", "--json", url=url).stdout
        )
        for i in range(3)
    ]
    listed = run("avatars", "list", "--limit", "2", url=url).stdout.splitlines()
    assert [line.split()[0] for line in listed] == [ids[2]["group"]["id"], ids[1]["group"]["id"]]
    look_id = ids[0]["look"]["id"]
    looks = json.loads(
        run("avatars", "looks", "list", "--group", ids[0]["group"]["id"], "--json", url=url).stdout
    )
    assert [look["id"] for look in looks] == [look_id]
    renamed = run("avatars", "looks", "rename", look_id, "Anna (studio)", url=url)
    assert renamed.stdout == f"Renamed look {look_id} to 'Anna (studio)'.\n"
    assert (
        json.loads(run("avatars", "looks", "get", look_id, "--json", url=url).stdout)["name"]
        == "Anna (studio)"
    )
    assert run("avatars", "looks", "delete", look_id, url=url).stdout == f"Deleted look {look_id}.\n"
    group_id = ids[1]["group"]["id"]
    assert run("avatars", "delete", group_id, url=url).code == 0
    gone = run("avatars", "get", group_id, url=url)
    assert gone.code == 5 and "avatar_not_found" in gone.stderr


def test_assets_upload_stores_the_file_and_create_takes_its_id(
    url: str, fake: FakeHeyGen, tmp_path: Path
) -> None:
    path = tmp_path / "me.jpg"
    path.write_bytes(JPEG)
    result = run("assets", "upload", str(path), "--json", url=url)
    assert result.code == 0
    asset = json.loads(result.stdout)
    assert (asset["mime_type"], asset["size_bytes"]) == ("image/jpeg", len(JPEG))
    assert fake.asset_content(asset["asset_id"]) == (JPEG, "image/jpeg")
    created = run("avatars", "create", "A", "--asset", asset["asset_id"], "--json", url=url)
    assert created.code == 0 and json.loads(created.stdout)["photo_sent_as"] == "asset_id"
    unknown = run("avatars", "create", "A", "--asset", "nope", url=url)
    assert unknown.code == 5 and "asset_not_found" in unknown.stderr
    missing = run("assets", "upload", str(tmp_path / "nope.jpg"), url=url)
    assert missing.code == 2 and "no such file" in missing.stderr


def test_an_area_without_an_action_prints_its_own_help_and_exits_2(url: str) -> None:
    for area, action in ((("avatars",), "create"), (("avatars", "looks"), "rename"), (("assets",), "upload")):
        result = run(*area, url=url)
        assert result.code == 2 and result.stderr.startswith(f"usage: heygen {' '.join(area)} ")
        assert f"    {action} " in result.stderr


def test_ctrl_c_during_create_wait_json_still_prints_the_new_ids(photo: Path) -> None:
    """The avatar was paid for: a script stopped while waiting must not lose its ids."""
    with FakeHeyGen(api_keys=[KEY], training_seconds=60.0, pending_seconds=0.0).serve() as url:
        env = {**os.environ, "HEYGEN_BASE_URL": url, "HEYGEN_API_KEY": KEY}
        with subprocess.Popen(
            [HEYGEN, "avatars", "create", "A", "--photo", str(photo), "--wait", "--json"],
            stderr=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
            preexec_fn=sigint_as_from_a_terminal,
        ) as process:
            try:
                assert process.stderr is not None
                assert process.stderr.readline().startswith("Created avatar group ")  # waiting now
                process.send_signal(signal.SIGINT)
                stdout, stderr = process.communicate(timeout=10)
            finally:
                process.kill()  # never leave it waiting: the `with` block waits for it to exit
    assert process.returncode == 130
    report = json.loads(stdout)
    group_id = report["creation"]["group"]["id"]
    assert report["status"] is None or report["status"]["id"] == group_id
    assert report["error"].startswith(f"interrupted; avatar group {group_id} goes on at HeyGen")
    assert stderr.strip().endswith(f"run `heygen avatars wait {group_id}` to wait again")
    assert "Traceback" not in stderr


def test_a_bad_idempotency_key_names_the_option_before_any_request(
    url: str, fake: FakeHeyGen, photo: Path
) -> None:
    result = run("avatars", "create", "A", "--photo", str(photo), "--idempotency-key", "not ok", url=url)
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr.startswith("heygen: error: --idempotency-key 'not ok' ")
    assert not fake.requests


def test_an_upload_that_failed_names_the_key_that_retries_it(
    url: str, fake: FakeHeyGen, tmp_path: Path
) -> None:
    path = tmp_path / "me.jpg"
    path.write_bytes(JPEG)
    fake.queue_error(500, operation="upload_asset", times=3)  # the first try and both retries
    failed = run("assets", "upload", str(path), url=url)
    assert failed.code == 5
    assert "idempotency_key=" not in failed.stderr  # the option, not the Python argument
    key = failed.stderr.rsplit("--idempotency-key ", 1)[1].rstrip(")\n")
    again = run("assets", "upload", str(path), "--idempotency-key", key, "--json", url=url)
    assert again.code == 0, again.stderr
    assert json.loads(again.stdout)["size_bytes"] == len(JPEG)
