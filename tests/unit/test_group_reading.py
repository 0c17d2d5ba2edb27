"""A group is read the same whichever way it is read: the one-pass reading that lists use for
the usual answer, and the field-by-field reading that names the field at fault."""

from __future__ import annotations

from collections import UserDict
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import heygen
from heygen import _v3_parse as parse
from heygen._avatar_types import AvatarGroup
from tests.support.v3 import GROUP

TEXT = st.text(max_size=8)
ODD = st.one_of(
    st.none(), st.booleans(), st.floats(allow_nan=False), st.integers(), TEXT,
    st.lists(TEXT, max_size=2), st.dictionaries(TEXT, TEXT, max_size=2),
)  # fmt: skip
OPTIONAL_TEXT = st.one_of(st.none(), TEXT)
USUAL = st.fixed_dictionaries(
    {
        "id": TEXT,
        "name": TEXT,
        "created_at": st.one_of(st.integers(0, 2**34), st.just(253402300799)),
        "looks_count": st.integers(0, 100),
    },
    optional={
        "status": st.one_of(
            st.none(), st.sampled_from(["processing", "pending_consent", "failed", "completed"])
        ),
        "error": st.none(),
        "consent_status": OPTIONAL_TEXT,
        "gender": OPTIONAL_TEXT,
        "default_voice_id": OPTIONAL_TEXT,
        "preview_image_url": OPTIONAL_TEXT,
        "preview_video_url": OPTIONAL_TEXT,
    },
)
UNUSUAL = {
    "created_at": st.one_of(st.integers(), st.just(253402300800), st.floats(0, 2**31), ODD),
    "status": st.one_of(st.just("queued"), ODD),
    "error": st.one_of(st.fixed_dictionaries({"code": TEXT, "message": TEXT}), ODD),
}
# The usual answer, then none, one or two fields changed to anything (or removed).
GROUPS = st.builds(
    lambda usual, changes, removed: {k: v for k, v in {**usual, **changes}.items() if k not in removed},
    USUAL,
    st.dictionaries(
        st.sampled_from(["id", "name", "created_at", "looks_count", "status", "error", "gender"]),
        ODD,
        max_size=2,
    )
    | st.one_of(*(st.fixed_dictionaries({key: values}) for key, values in UNUSUAL.items())),
    st.sets(st.sampled_from(["id", "name", "created_at", "looks_count"]), max_size=1),
)


def _outcome(read: Any, value: object) -> AvatarGroup | str:
    try:
        result: AvatarGroup = read(value, "data")
    except parse.ShapeError as error:
        return f"ShapeError: {error}"
    return result


@settings(max_examples=400, deadline=None, database=None)
@given(body=GROUPS, as_mapping=st.booleans())
def test_any_group_object_reads_the_same_both_ways(body: dict[str, Any], as_mapping: bool) -> None:
    value: object = UserDict(body) if as_mapping else body
    assert _outcome(parse.group, value) == _outcome(parse._checked_group, value)


def test_the_usual_group_takes_the_one_pass_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    def careful(value: object, path: str) -> AvatarGroup:
        raise AssertionError("read field by field")

    monkeypatch.setattr(parse, "_checked_group", careful)
    group = parse.group({**GROUP, "status": "completed", "consent_status": "approved"})
    assert (group.id, group.status, group.consent_status) == (
        "ag_abc123",
        heygen.AvatarStatus.COMPLETED,
        "approved",
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"created_at": True}, "data.created_at is True, not Unix seconds"),
        ({"created_at": 10**20}, "data.created_at is 100000000000000000000, not Unix seconds"),
        ({"looks_count": "1"}, "data.looks_count is '1', not a whole number"),
        ({"gender": 1}, "data.gender is 1, not text"),
    ],
)
def test_a_wrong_field_is_named_whichever_reading_meets_it(change: dict[str, object], message: str) -> None:
    with pytest.raises(parse.ShapeError, match=message):
        parse.group({**GROUP, **change})
