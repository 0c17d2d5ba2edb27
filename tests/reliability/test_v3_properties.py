"""Properties over generated input for v3 and webhooks.

1. Any answer (status, headers, body: the documented shape with fields changed or missing, any
   JSON, truncated JSON, bytes, compressed or claiming to be) to any v3 operation, sync or async,
   ends in that operation's result or a `HeyGenError`, never another exception, and no text of it
   shows the API key.
2. Any webhook delivery (any body, signature, timestamp, extra headers, secret) verifies only when
   it is genuinely signed with that secret, timestamped within the tolerance and an event; else it
   is a `WebhookVerificationError` whose text never shows the secret.
"""

from __future__ import annotations

import asyncio
import gzip
import json
from typing import Any

import httpx
from hypothesis import example, given, settings
from hypothesis import strategies as st

import heygen
from heygen import AsyncHeyGen, HeyGen
from heygen.testing import FakeClock
from heygen.webhooks import WebhookEvent, sign, verify
from tests.reliability.test_properties import (
    SETTINGS,
    Answer,
    Transport,
    header_names,
    header_values,
    json_values,
)
from tests.support.tally import TALLY
from tests.support.v3 import call
from tests.support.v3_ops import V3_OPS, Op
from tests.unit.conftest import CANARY_KEY
from tests.webhooks._deliveries import EVENT, body_of

BASE_URL = "http://127.0.0.1:9"  # never dialled
MAX_RETRIES = 2
V3_STATUSES = st.one_of(
    st.sampled_from([200, 200, 200, 201, 204, 400, 401, 402, 404, 409, 413, 422, 429, 500, 502, 503]),
    st.integers(100, 599),
)


@st.composite
def mutated(draw: st.DrawFn, value: Any, depth: int = 0) -> Any:
    """`value` with some fields replaced by any JSON, some removed, the rest as documented."""
    choice = draw(st.integers(0, 9))
    if choice == 0 or depth > 4:
        return draw(json_values)
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if draw(st.integers(0, 7)) == 0:
                continue  # missing
            out[key] = draw(mutated(item, depth + 1))
        return out
    if isinstance(value, list):
        return [draw(mutated(item, depth + 1)) for item in value]
    return value


def v3_error_bodies() -> st.SearchStrategy[Any]:
    return st.fixed_dictionaries(
        {
            "error": st.fixed_dictionaries(
                {"code": json_values, "message": json_values},
                optional={"param": json_values, "doc_url": json_values},
            )
        }
    )


@st.composite
def v3_answers(draw: st.DrawFn, op: Op) -> Answer:
    good = json.dumps(op.ok).encode()
    body: bytes = draw(
        st.one_of(
            st.just(good),
            mutated(op.ok).map(lambda value: json.dumps(value, allow_nan=True).encode()),
            v3_error_bodies().map(lambda value: json.dumps(value, allow_nan=True).encode()),
            json_values.map(lambda value: json.dumps(value, allow_nan=True).encode()),
            st.integers(0, len(good)).map(lambda n: good[:n]),
            st.binary(max_size=64),
        )
    )
    headers = draw(st.dictionaries(header_names, header_values, max_size=4))
    if draw(st.integers(0, 5)) == 0:
        headers = {k: v for k, v in headers.items() if k.lower() != "content-encoding"}
        headers["content-encoding"] = "gzip"
        body = gzip.compress(body)
    return Answer(draw(V3_STATUSES), headers, body)


def _check(op: Op, answer: Answer, outcome: object, attempts: int) -> None:
    assert 1 <= attempts <= MAX_RETRIES + 1
    if isinstance(outcome, BaseException):
        assert isinstance(outcome, heygen.HeyGenError), f"{op.path}: {type(outcome).__name__}: {outcome}"
        assert CANARY_KEY not in str(outcome) + repr(outcome)
        if isinstance(outcome, heygen.APIStatusError):
            assert outcome.status_code == answer.status
        return
    assert 200 <= answer.status < 300, f"{op.path}: a result from HTTP {answer.status}"
    assert attempts == 1


def _client_kwargs(http: httpx.Client | httpx.AsyncClient) -> dict[str, Any]:
    return {"api_key": CANARY_KEY, "base_url": BASE_URL, "http_client": http, "max_retries": MAX_RETRIES}


async def _one(op: Op, answer: Answer, is_async: bool) -> None:
    TALLY.v3_examples += 1
    transport = Transport(answer)
    outcome: object
    if is_async:
        async with (
            httpx.AsyncClient(transport=httpx.MockTransport(transport)) as http,
            AsyncHeyGen(**_client_kwargs(http), clock=FakeClock()) as async_client,
        ):
            try:
                outcome = await call(async_client, op.path, *op.args, **op.kwargs)
            except Exception as error:
                outcome = error
    else:
        with (
            httpx.Client(transport=httpx.MockTransport(transport)) as sync_http,
            HeyGen(**_client_kwargs(sync_http), clock=FakeClock()) as client,
        ):
            try:
                outcome = await call(client, op.path, *op.args, **op.kwargs)
            except Exception as error:
                outcome = error
    _check(op, answer, outcome, len(transport.requests))


@settings(SETTINGS, max_examples=300)
@given(op=st.sampled_from(V3_OPS), is_async=st.booleans(), data=st.data())
def test_any_answer_to_any_v3_operation_is_a_result_or_a_heygen_error(
    op: Op, is_async: bool, data: st.DataObject
) -> None:
    answer = data.draw(v3_answers(op), label="answer")
    asyncio.run(_one(op, answer, is_async))


# --- webhook deliveries --------------------------------------------------------------------------

NOW = 1_774_440_300
TOLERANCE = 300.0
secrets = st.one_of(
    st.just("whsec_test_7f3a9c1e5b2d4a68"),
    st.text(st.characters(codec="utf-8", exclude_categories=("Zs", "Cc")), min_size=8, max_size=40).map(
        lambda text: "whsec_" + text
    ),
)
event_bodies = st.one_of(
    st.just(body_of()),
    mutated(EVENT).map(lambda value: json.dumps(value, allow_nan=True).encode()),
    st.binary(max_size=80),
    json_values.map(lambda value: json.dumps(value, allow_nan=True).encode()),
)


@st.composite
def deliveries(draw: st.DrawFn) -> tuple[bytes, list[tuple[str, str]], str]:
    """(body, headers, the secret the receiver holds): genuinely signed, or wrong in some way."""
    secret = draw(secrets)
    body = draw(event_bodies)
    signer = draw(st.one_of(st.just(secret), secrets))
    signed = draw(st.one_of(st.just(body), event_bodies))
    signature = draw(
        st.one_of(
            st.just(sign(signed, signer)),
            st.just(sign(signed, signer).upper()),
            st.from_regex(r"[0-9a-f]{64}", fullmatch=True),
            st.text(max_size=70),
        )
    )
    timestamp = draw(
        st.one_of(
            st.floats(-2 * TOLERANCE, 2 * TOLERANCE).map(lambda skew: str(int(NOW + skew))),
            st.text(max_size=14),
            st.just(f"{NOW}.5"),
        )
    )
    headers = [("Heygen-Signature", signature), ("Heygen-Timestamp", timestamp)]
    headers += draw(st.lists(st.tuples(header_names, header_values), max_size=3))
    if draw(st.booleans()):
        headers.append(("Heygen-Event-Id", draw(st.text(max_size=20))))
    names = [name.lower() for name, _ in headers]
    if draw(st.integers(0, 9)) == 0:
        headers = [pair for pair in headers if pair[0] != draw(st.sampled_from(names))]
    headers = [(name.upper() if draw(st.booleans()) else name, value) for name, value in headers]
    return body, headers, secret


@settings(SETTINGS, max_examples=300)
@given(delivery=deliveries())
@example(
    delivery=(
        body_of(),
        [("heygen-signature", sign(body_of(), "whsec_x1234567")), ("heygen-timestamp", str(NOW))],
        "whsec_x1234567",
    )
)
def test_a_delivery_verifies_only_when_genuinely_signed(
    delivery: tuple[bytes, list[tuple[str, str]], str],
) -> None:
    TALLY.webhook_examples += 1
    body, headers, secret = delivery
    try:
        outcome: object = verify(body, headers, secret=secret, tolerance=TOLERANCE, now=NOW)
    except heygen.WebhookVerificationError as error:
        outcome = error
        text = str(error) + repr(error) + repr(vars(error))
        assert secret not in text
    by_name: dict[str, list[str]] = {}
    for name, value in headers:
        by_name.setdefault(name.lower(), []).append(value.strip())
    signatures = by_name.get("heygen-signature", [])
    stamps = by_name.get("heygen-timestamp", [])
    genuine = len(signatures) == 1 and signatures[0].lower() == sign(body, secret)
    timely = False
    if len(stamps) == 1:
        try:
            timely = abs(float(stamps[0]) - NOW) <= TOLERANCE and stamps[0].replace(".", "", 1).isdigit()
        except ValueError:
            timely = False
    if isinstance(outcome, WebhookEvent):
        assert genuine and timely, (signatures, stamps)
    else:
        assert isinstance(outcome, heygen.WebhookVerificationError)
        if genuine and timely and body == body_of() and len(by_name.get("heygen-event-id", [])) <= 1:
            raise AssertionError(f"a genuine delivery was refused: {outcome}")
