"""A local, stateful fake of HeyGen's photo-avatar API (v2 training, v3 avatars and assets).

Needs the ``testing`` extra (``pip install 'heygen-sdk[testing]'``) for ``jsonschema``, with
which the fake checks every request and response against the corrected spec. ``import heygen``
never imports this package.

Quick start::

    from heygen.testing import FakeClock, FakeHeyGen

    fake = FakeHeyGen(clock=FakeClock(), training_seconds=60)
    client = httpx.Client(transport=fake.transport(), base_url="https://api.heygen.com",
                          headers={"x-api-key": "test-key"})
    client.post("/v2/photo_avatar/train", json={"group_id": "demo-group"})
    fake.clock.advance(60)

The v3 side (``POST /v3/assets``, ``/v3/avatars``...) shares the accounts and the clock; its
test controls are ``queue_avatar_outcome``, ``fail_avatar``, ``give_consent``,
``drop_response``, ``add_public_avatar_group`` and ``asset_content`` (docs/guide/testing-v3.md).

Over HTTP: ``with fake.serve() as url: ...`` or ``python -m heygen.testing serve``. With pytest,
the ``heygen_fake`` fixture (``heygen.testing._pytest_plugin``) gives a fresh strict fake.
"""

from heygen.testing._app import FakeResponse
from heygen.testing._clock import Clock, FakeClock, SystemClock
from heygen.testing._fake import DEMO_GROUP_ID, FakeHeyGen, RecordedRequest, SpecViolationError
from heygen.testing._transport import FakeTransport

__all__ = [
    "DEMO_GROUP_ID",
    "Clock",
    "FakeClock",
    "FakeHeyGen",
    "FakeResponse",
    "FakeTransport",
    "RecordedRequest",
    "SpecViolationError",
    "SystemClock",
]

# Show the public names where users import them from, as httpx does.
for _name in __all__:
    _member = globals()[_name]
    if isinstance(_member, type):
        _member.__module__ = __name__
