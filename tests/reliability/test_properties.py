"""Properties over generated input: whatever the server sends, and whatever id the caller passes.

1. Any status (100-599, non-IANA included), any headers, any body (JSON of any shape, the
   documented shape with wrong values, truncated JSON, bytes, compressed or claiming to be) from
   an `httpx.MockTransport` ends in a valid result or a `HeyGenError`: never a KeyError,
   TypeError, AttributeError, JSONDecodeError, RecursionError or raw httpx exception.
2. Any text group id is refused before the network (TypeError/ValueError) or arrives exactly as
   given: in the JSON body of train, and as one percent-encoded path segment of the status call.
3. Any extra header is refused before the network or sent as given, and never replaces the key.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

import httpx
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import heygen
from heygen import AsyncHeyGen, HeyGen, TrainingJob, TrainingState, TrainingStatus
from heygen.testing import FakeClock
from tests.support.server import TRAIN_OK, status_body
from tests.support.tally import TALLY
from tests.unit.conftest import CANARY_KEY

BASE_URL = "http://127.0.0.1:9"  # never dialled: every request goes to the MockTransport
STATUS_PREFIX = "/v2/photo_avatar/train/status/"
MAX_RETRIES = 2

SYNC_EXAMPLES = 300
ASYNC_EXAMPLES = 60
ID_EXAMPLES = 200

SETTINGS = settings(
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# --- what a server can send ----------------------------------------------------------------------

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)


def maybe(value: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """A plausible value most of the time, anything JSON otherwise."""
    return st.one_of(value, value, json_values)


@st.composite
def documented_shape(draw: st.DrawFn, *, train: bool) -> object:
    """The documented envelope with each field plausible, hostile or missing."""
    error = draw(maybe(st.none() | st.builds(dict, code=st.text(max_size=12), message=st.text(max_size=20))))
    if train:
        job = {
            "flow_id": draw(maybe(st.text(min_size=1, max_size=32))),
            "num_of_photar": draw(maybe(st.integers(0, 50))),
            "num_of_instant_avatar": draw(maybe(st.integers(0, 50))),
            "num_of_studio_avatar": draw(maybe(st.integers(0, 50))),
        }
        data: dict[str, Any] = {
            "code": draw(maybe(st.sampled_from([100, 100, 40119, 400]))),
            "data": draw(maybe(st.just(job))),
            "msg": draw(maybe(st.none() | st.text(max_size=20))),
            "message": draw(maybe(st.none() | st.text(max_size=20))),
        }
    else:
        data = {
            "status": draw(
                maybe(st.sampled_from(["pending", "training", "ready", "failed", "empty", "new"]))
            ),
            "error_msg": draw(maybe(st.none() | st.text(max_size=20))),
            "created_at": draw(maybe(st.floats(0, 2e9) | st.integers(0, 2**40))),
            "updated_at": draw(maybe(st.none() | st.floats(-1e20, 1e20))),
        }
    for key in draw(st.sets(st.sampled_from(sorted(data)))):
        del data[key]
    envelope = {"error": error, "data": draw(maybe(st.just(data)))}
    for key in draw(st.sets(st.sampled_from(["error", "data"]), max_size=1)):
        del envelope[key]
    return envelope


def encode(value: object) -> bytes:
    return json.dumps(value, allow_nan=True).encode()


@st.composite
def bodies(draw: st.DrawFn, *, train: bool) -> bytes:
    good = encode(TRAIN_OK if train else status_body("ready"))
    body: bytes = draw(
        st.one_of(
            st.just(good),
            documented_shape(train=train).map(encode),
            json_values.map(encode),
            st.integers(0, len(good)).map(lambda n: good[:n]),  # truncated
            st.binary(max_size=64),
            st.text(max_size=64).map(lambda text: text.encode("utf-8", "surrogatepass")),
        )
    )
    return body


header_names = st.one_of(
    st.sampled_from(
        [
            "content-type",
            "content-length",
            "content-encoding",
            "retry-after",
            "retry-after-ms",
            "location",
            "x-request-id",
            "x-should-retry",
            "transfer-encoding",
        ]
    ),
    st.from_regex(r"[A-Za-z][A-Za-z0-9-]{0,15}", fullmatch=True),
)
header_values = st.one_of(
    st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=40),
    st.integers(-(10**6), 10**20).map(str),
    st.floats().map(str),
    st.sampled_from(
        [
            "application/json",
            "application/json; charset=utf-16",
            "text/html",
            "gzip",
            "deflate",
            "br",
            "zstd",
            "gzip, deflate",
            "identity",
            "Wed, 21 Oct 2015 07:28:00 GMT",
            "Fri, 31 Dec 9999 23:59:59 GMT",
            "Mon, 01 Jan 99999 00:00:00 GMT",
            "86400",
            "1e400",
            "nan",
            "-1",
        ]
    ),
)
statuses = st.one_of(
    st.sampled_from([200, 200, 200, 204, 302, 400, 401, 402, 404, 408, 429, 500, 502, 503, 504, 520]),
    st.integers(100, 599),
)


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    def response(self) -> httpx.Response:
        # A stream, not content=: httpx would decode `content` in the constructor, before the SDK.
        return httpx.Response(self.status, headers=self.headers, stream=httpx.ByteStream(self.body))


@st.composite
def answers(draw: st.DrawFn, *, train: bool) -> Answer:
    status = draw(statuses)
    headers = draw(st.dictionaries(header_names, header_values, max_size=5))
    body = draw(bodies(train=train))
    if draw(st.booleans()) and draw(st.booleans()):  # a quarter of bodies really compressed
        encoding = draw(st.sampled_from(["gzip", "deflate"]))
        headers = {k: v for k, v in headers.items() if k.lower() != "content-encoding"}
        headers["content-encoding"] = encoding
        body = gzip.compress(body) if encoding == "gzip" else zlib.compress(body)
    return Answer(status, headers, body)


# --- the property --------------------------------------------------------------------------------


class Transport:
    """Answers every attempt with the same generated response, and counts the attempts."""

    def __init__(self, answer: Answer) -> None:
        self.answer = answer
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.answer.response()


def check_outcome(method: str, answer: Answer, outcome: object, attempts: int) -> None:
    """A valid result, or a HeyGenError that can be printed; nothing else."""
    assert 1 <= attempts <= MAX_RETRIES + 1
    if isinstance(outcome, BaseException):
        assert isinstance(outcome, heygen.HeyGenError), f"{type(outcome).__name__}: {outcome}"
        text = str(outcome) + repr(outcome)
        assert CANARY_KEY not in text
        if isinstance(outcome, heygen.APIStatusError):
            assert outcome.status_code == answer.status and not 200 <= answer.status < 300
        if isinstance(outcome, heygen.RateLimitError):
            assert answer.status == 429
        if isinstance(outcome, heygen.EnvelopeError):
            assert answer.status == 200
        return
    assert answer.status == 200, f"a result from HTTP {answer.status}"
    assert attempts == 1
    if method == "train":
        assert isinstance(outcome, TrainingJob)
        assert outcome.group_id == "group-1"
        assert isinstance(outcome.flow_id, str) and outcome.flow_id
        for count in (outcome.photo_avatar_count, outcome.instant_avatar_count, outcome.studio_avatar_count):
            assert count is None or (type(count) is int and count >= 0)
    else:
        assert isinstance(outcome, TrainingStatus)
        assert outcome.group_id == "group-1"
        assert isinstance(outcome.raw_status, str) and isinstance(outcome.state, TrainingState)
        for moment in (outcome.created_at, outcome.updated_at):
            assert moment is None or moment.tzinfo is not None


def run_sync(method: str, answer: Answer) -> None:
    TALLY.examples += 1
    transport = Transport(answer)
    with (
        httpx.Client(transport=httpx.MockTransport(transport)) as http,
        HeyGen(
            api_key=CANARY_KEY,
            base_url=BASE_URL,
            http_client=http,
            max_retries=MAX_RETRIES,
            clock=FakeClock(),
        ) as client,
    ):
        call: Callable[[str], object] = (
            client.photo_avatars.train if method == "train" else client.photo_avatars.training_status
        )
        try:
            outcome: object = call("group-1")
        except Exception as error:
            outcome = error
    check_outcome(method, answer, outcome, len(transport.requests))


def run_async(method: str, answer: Answer) -> None:
    TALLY.examples += 1
    transport = Transport(answer)

    async def main() -> object:
        async with (
            httpx.AsyncClient(transport=httpx.MockTransport(transport)) as http,
            AsyncHeyGen(
                api_key=CANARY_KEY,
                base_url=BASE_URL,
                http_client=http,
                max_retries=MAX_RETRIES,
                clock=FakeClock(),
            ) as client,
        ):
            try:
                if method == "train":
                    return await client.photo_avatars.train("group-1")
                return await client.photo_avatars.training_status("group-1")
            except Exception as error:
                return error

    check_outcome(method, answer, asyncio.run(main()), len(transport.requests))


GZIP_JUNK = Answer(200, {"content-encoding": "gzip"}, b"not gzip")
DEEP = Answer(200, {}, b"[" * 100_000 + b"]" * 100_000)


@settings(SETTINGS, max_examples=SYNC_EXAMPLES)
@given(answer=answers(train=True))
@example(answer=GZIP_JUNK)
@example(answer=DEEP)
def test_any_answer_to_train_is_a_result_or_a_heygen_error(answer: Answer) -> None:
    run_sync("train", answer)


@settings(SETTINGS, max_examples=SYNC_EXAMPLES)
@given(answer=answers(train=False))
@example(answer=GZIP_JUNK)
@example(answer=DEEP)
def test_any_answer_to_training_status_is_a_result_or_a_heygen_error(answer: Answer) -> None:
    run_sync("status", answer)


@settings(SETTINGS, max_examples=ASYNC_EXAMPLES)
@given(method=st.sampled_from(["train", "status"]), data=st.data())
def test_any_answer_async_is_a_result_or_a_heygen_error(method: str, data: st.DataObject) -> None:
    run_async(method, data.draw(answers(train=method == "train"), label="answer"))


# --- group ids -----------------------------------------------------------------------------------

any_text = st.text(st.characters(exclude_categories=()), max_size=40)  # surrogates included
group_ids = st.one_of(
    any_text,
    st.from_regex(r"[0-9a-f]{32}", fullmatch=True),
    st.sampled_from([".", "..", "a/b", "../x", "%2F", "a?b=c#d", " x", "x\n", "\u202e", "\x00", "ü" * 3]),
)


def _recording(requests: list[httpx.Request]) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        body = TRAIN_OK if request.method == "POST" else status_body("ready")
        return httpx.Response(200, json=body)

    return httpx.MockTransport(handler)


@settings(SETTINGS, max_examples=ID_EXAMPLES)
@given(group_id=group_ids)
@example(group_id="\ud800")
@example(group_id="x\udfffy")
def test_a_group_id_is_refused_before_the_network_or_arrives_exactly(group_id: str) -> None:
    TALLY.examples += 1
    requests: list[httpx.Request] = []
    with (
        httpx.Client(transport=_recording(requests)) as http,
        HeyGen(api_key=CANARY_KEY, base_url=BASE_URL, http_client=http, max_retries=0) as client,
    ):
        for method in ("train", "status"):
            requests.clear()
            try:
                if method == "train":
                    result: TrainingJob | TrainingStatus = client.photo_avatars.train(group_id)
                else:
                    result = client.photo_avatars.training_status(group_id)
            except (TypeError, ValueError):
                assert requests == [], "refused, but only after sending"
                continue
            assert result.group_id == group_id
            (request,) = requests
            if method == "train":
                assert json.loads(request.content) == {"group_id": group_id}
            else:
                path = request.url.raw_path.decode("ascii")
                assert path.startswith(STATUS_PREFIX)
                segment = path[len(STATUS_PREFIX) :]
                assert "/" not in segment and "?" not in segment and "#" not in segment
                assert unquote(segment, errors="strict") == group_id


@settings(SETTINGS, max_examples=ID_EXAMPLES // 4)
@given(group_id=st.one_of(st.integers(), st.binary(), st.none(), st.lists(st.text(), max_size=2)))
def test_a_group_id_that_is_not_text_is_a_type_error(group_id: object) -> None:
    TALLY.examples += 1
    requests: list[httpx.Request] = []
    with (
        httpx.Client(transport=_recording(requests)) as http,
        HeyGen(api_key=CANARY_KEY, base_url=BASE_URL, http_client=http) as client,
    ):
        for call in (client.photo_avatars.train, client.photo_avatars.training_status):
            try:
                call(group_id)  # type: ignore[arg-type]
            except TypeError:
                pass
            else:
                raise AssertionError(f"{group_id!r} was accepted")
    assert requests == []


# --- extra headers -------------------------------------------------------------------------------


@settings(SETTINGS, max_examples=ID_EXAMPLES // 2)
@given(
    headers=st.dictionaries(
        st.from_regex(r"[A-Za-z][A-Za-z0-9-]{0,15}", fullmatch=True) | st.just("X-Api-Key"),
        st.text(max_size=20),
        max_size=3,
    ).filter(lambda headers: len({name.lower() for name in headers}) == len(headers))
)
@example(headers={"x-note": "grüße"})
@example(headers={"X-API-KEY": "stolen"})
def test_extra_headers_are_refused_before_the_network_or_sent_and_never_replace_the_key(
    headers: dict[str, str],
) -> None:
    TALLY.examples += 1
    requests: list[httpx.Request] = []
    with (
        httpx.Client(transport=_recording(requests)) as http,
        HeyGen(api_key=CANARY_KEY, base_url=BASE_URL, http_client=http, max_retries=0) as client,
    ):
        for call in (client.photo_avatars.train, client.photo_avatars.training_status):
            requests.clear()
            try:
                call("group-1", extra_headers=headers)
            except (TypeError, ValueError):
                assert requests == []
                continue
            (request,) = requests
            assert request.headers.get_list("x-api-key") == [CANARY_KEY]
            for name, value in headers.items():
                if name.lower() != "x-api-key":
                    assert request.headers[name] == value


def test_an_unencodable_header_is_refused_before_the_network_async() -> None:
    requests: list[httpx.Request] = []

    async def main() -> None:
        async with (
            httpx.AsyncClient(transport=_recording(requests)) as http,
            AsyncHeyGen(api_key=CANARY_KEY, base_url=BASE_URL, http_client=http) as client,
        ):
            for call in (client.photo_avatars.train, client.photo_avatars.training_status):
                try:
                    await call("group-1", extra_headers={"x-note": "grüße"})
                except ValueError:
                    continue
                raise AssertionError("a header httpx cannot encode was accepted")

    asyncio.run(main())
    assert requests == []
