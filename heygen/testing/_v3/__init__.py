"""The fake's v3 API (assets, avatar groups and looks), served beside v2 by the same fake.

``_state`` holds the items and their processing, ``_idempotency`` the remembered answers,
``_routes`` turns requests into replies, ``_render`` writes HeyGen's JSON shapes, ``_controls``
gives ``FakeHeyGen`` its v3 test controls.
"""

from heygen.testing._v3._routes import OPERATIONS, Drop, V3Api
from heygen.testing._v3._state import MAX_ASSET_BYTES, Outcome, Store

__all__ = ["MAX_ASSET_BYTES", "OPERATIONS", "Drop", "Outcome", "Store", "V3Api"]
