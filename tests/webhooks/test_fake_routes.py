"""The fake's /v3/webhooks routes: endpoint CRUD, rotate-secret, event types, fired events."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from heygen.testing import FakeClock, FakeHeyGen

KEY = "test-key"


@pytest.fixture
def fake() -> FakeHeyGen:
    return FakeHeyGen(clock=FakeClock(), training_seconds=5, strict=True)


@pytest.fixture
def http(fake: FakeHeyGen) -> Iterator[httpx.Client]:
    with httpx.Client(
        transport=fake.transport(), base_url="https://api.heygen.com/v3/webhooks", headers={"x-api-key": KEY}
    ) as client:
        yield client


def test_endpoint_lifecycle_shows_the_secret_only_on_create_and_rotate(http: httpx.Client) -> None:
    created = http.post("/endpoints", json={"url": "https://example.test/hook", "events": None}).json()[
        "data"
    ]
    assert created["secret"].startswith("whsec_")
    assert (created["status"], created["events"]) == ("enabled", None)
    endpoint_id = created["endpoint_id"]
    [listed] = http.get("/endpoints").json()["data"]
    assert listed["secret"] is None
    updated = http.patch(f"/endpoints/{endpoint_id}", json={"events": ["photo_avatar_train.success"]}).json()
    assert updated["data"]["events"] == ["photo_avatar_train.success"]
    assert updated["data"]["url"] == "https://example.test/hook"
    assert updated["data"]["secret"] is None
    rotated = http.post(f"/endpoints/{endpoint_id}/rotate-secret").json()["data"]
    assert rotated["endpoint_id"] == endpoint_id
    assert rotated["secret"].startswith("whsec_") and rotated["secret"] != created["secret"]
    assert http.delete(f"/endpoints/{endpoint_id}").json() == {"data": {}}
    assert http.get("/endpoints").json() == {"data": [], "has_more": False, "next_token": None}
    assert http.delete(f"/endpoints/{endpoint_id}").status_code == 404


def test_lists_are_cursor_pages(http: httpx.Client) -> None:
    for i in range(5):
        http.post("/endpoints", json={"url": f"https://example.test/{i}"})
    seen: list[str] = []
    token: str | None = None
    while True:
        page = http.get("/endpoints", params={"limit": 2, **({"token": token} if token else {})}).json()
        seen += [e["url"] for e in page["data"]]
        if not page["has_more"]:
            assert page["next_token"] is None
            break
        token = page["next_token"]
    assert seen == [f"https://example.test/{i}" for i in range(5)]
    assert http.get("/endpoints", params={"limit": 0}).status_code == 400


def test_events_are_listed_newest_first_with_filters(fake: FakeHeyGen, http: httpx.Client) -> None:
    fake.add_group("other-group")
    for group in ("demo-group", "other-group"):
        http.post("https://api.heygen.com/v2/photo_avatar/train", json={"group_id": group})
    fake.clock.advance(10)
    events = http.get("/events").json()["data"]
    assert [e["event_data"]["group_id"] for e in events] == ["other-group", "demo-group"]
    assert {e["event_type"] for e in events} == {"photo_avatar_train.success"}
    only = http.get("/events", params={"entity_id": "demo-group"}).json()["data"]
    assert [e["event_data"]["group_id"] for e in only] == ["demo-group"]
    assert http.get("/events", params={"event_type": "photo_avatar_train.fail"}).json()["data"] == []


def test_event_types_are_the_documented_ones(http: httpx.Client) -> None:
    types = [t["event_type"] for t in http.get("/event-types").json()["data"]]
    assert "photo_avatar_train.success" in types and "unknown" not in types
    assert len(types) == 30


@pytest.mark.parametrize(
    ("body", "param"),
    [
        ({"url": "not a url"}, "url"),
        ({}, "url"),
        ({"url": "ftp://example.test/"}, "url"),
        ({"url": "https://example.test/", "events": ["no_such.event"]}, "events"),
        ({"url": "https://example.test/", "events": "photo_avatar_train.success"}, "events"),
    ],
)
def test_bad_requests_are_400_naming_the_field(
    http: httpx.Client, body: dict[str, object], param: str
) -> None:
    answer = http.post("/endpoints", json=body)
    assert answer.status_code == 400
    assert answer.json()["error"]["param"].startswith(param)


def test_every_route_needs_a_valid_key(fake: FakeHeyGen) -> None:
    strict = FakeHeyGen(api_keys=["good"])
    with httpx.Client(transport=strict.transport(), base_url="https://api.heygen.com/v3/webhooks") as http:
        assert http.get("/endpoints").status_code == 401
        assert http.get("/endpoints", headers={"x-api-key": "bad"}).status_code == 401
        assert http.get("/endpoints", headers={"x-api-key": "good"}).status_code == 200


def test_accounts_do_not_see_each_others_endpoints(http: httpx.Client) -> None:
    http.post("/endpoints", json={"url": "https://example.test/mine"})
    theirs = http.get("/endpoints", headers={"x-api-key": "another-key"}).json()["data"]
    assert theirs == []


def test_unknown_routes_and_methods(http: httpx.Client) -> None:
    assert http.get("/nothing").status_code == 404
    assert http.get("/endpoints/ep_missing").status_code == 405  # the spec has no GET of one endpoint
    assert http.patch("/endpoints/ep_missing", json={"url": "https://example.test/"}).status_code == 404
    created = http.post("/endpoints", json={"url": "https://example.test/x"}).json()["data"]
    assert http.put(f"/endpoints/{created['endpoint_id']}").status_code == 405
