"""A `train` that failed after its request was sent says training may have started."""

from __future__ import annotations

import pytest

import heygen
from tests.support.server import Reply, Reset, ScriptedServer, Stall, error_body
from tests.unit.conftest import ClientFactory

ADVICE = (
    "the train request was sent, so training of group 'group-1' may have started: check "
    "client.photo_avatars.training_status('group-1') before training again (each train costs 4 credits)"
)


@pytest.mark.parametrize(
    "behaviour",
    [
        Reply(500, error_body("internal_error", "Internal server error")),
        Reply(520, "<html>origin error</html>", {"content-type": "text/html"}),
        Reply(200, {"error": None, "data": {"code": 100, "data": {}}}),  # accepted, but no flow_id
        Reset(),
        Stall(2.0),
    ],
    ids=["500", "520", "unreadable-2xx", "reset-after-sending", "read-timeout"],
)
async def test_a_failure_after_sending_says_training_may_have_started(
    make_api: ClientFactory, server: ScriptedServer, behaviour: Reply | Reset | Stall
) -> None:
    api = make_api(max_retries=0, timeout=0.5)
    server.queue(behaviour)
    with pytest.raises(heygen.APIError) as caught:
        await api.train("group-1")
    assert caught.value.training_may_have_started
    assert str(caught.value).endswith(ADVICE)
    assert len(server.received) == 1  # and never retried


@pytest.mark.parametrize(
    "reply",
    [
        Reply(400, error_body("invalid_parameter", "bad group")),
        Reply(402, error_body("insufficient_credit", "Insufficient credit")),
        Reply(200, {"error": "quota exceeded", "data": None}),
        Reply(503, error_body("unavailable", "Service unavailable")),  # retried as surely not done
    ],
    ids=["400", "402", "refused-in-a-200", "503"],
)
async def test_a_clear_refusal_does_not(
    make_api: ClientFactory, server: ScriptedServer, reply: Reply
) -> None:
    api = make_api(max_retries=0)
    server.queue(reply)
    with pytest.raises(heygen.APIError) as caught:
        await api.train("group-1")
    assert not caught.value.training_may_have_started
    assert "may have started" not in str(caught.value)


async def test_a_connection_never_made_does_not(make_api: ClientFactory) -> None:
    api = make_api(max_retries=0, base_url="http://127.0.0.1:9")
    with pytest.raises(heygen.APIConnectionError) as caught:
        await api.train("group-1")
    assert not caught.value.training_may_have_started


async def test_a_status_call_never_says_so(make_api: ClientFactory, server: ScriptedServer) -> None:
    api = make_api(max_retries=0)
    server.queue(Reply(500, error_body("internal_error", "Internal server error")))
    with pytest.raises(heygen.InternalServerError) as caught:
        await api.status("group-1")
    assert "may have started" not in str(caught.value)
