"""Defaults, in one place, with the reason for each."""

from __future__ import annotations

import httpx

DEFAULT_BASE_URL = "https://api.heygen.com"
API_KEY_ENV = "HEYGEN_API_KEY"
BASE_URL_ENV = "HEYGEN_BASE_URL"
LOG_ENV = "HEYGEN_LOG"
API_KEY_HEADER = "x-api-key"
REQUEST_ID_HEADER = "x-request-id"
IDEMPOTENCY_KEY_HEADER = "idempotency-key"

# 60 s for the whole call (and each read), 5 s to connect: a train call answers in well under
# a second, so a minute means something is wrong; connect failures should surface fast.
DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=5.0)
DEFAULT_MAX_RETRIES = 2

# Backoff: full jitter over an exponential ceiling, as in the AWS architecture blog's analysis
# and the Stainless SDKs' bounds.
INITIAL_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 8.0
# A Retry-After longer than this is not waited out inside one call: the error is raised with
# `retry_after` set so the caller can decide (Stainless silently ignores it instead).
MAX_RETRY_AFTER = 60.0

# HeyGen's JSON answers are a few hundred bytes; a body past this is not HeyGen talking.
MAX_RESPONSE_BYTES = 8 * 1024 * 1024

# Statuses worth another attempt. POST /train costs credits and has no idempotency key, so it is
# retried only where the server surely did no work (see README, "Retries").
RETRYABLE_STATUSES_IDEMPOTENT = frozenset({408, 429, 500, 502, 503, 504})
RETRYABLE_STATUSES_NON_IDEMPOTENT = frozenset({408, 429, 502, 503, 504})

# Training success code inside the train response's nested result.
TRAIN_SUCCESS_CODE = 100

# wait_for_training: first poll after 1 s, then x1.5 per poll up to the interval cap.
DEFAULT_WAIT_TIMEOUT = 30 * 60.0
DEFAULT_POLL_INTERVAL = 10.0
INITIAL_POLL_INTERVAL = 1.0
POLL_BACKOFF = 1.5
# A group still `empty` this long into a wait has no training (train was never called, or was
# refused): raise instead of polling to the deadline. [COMMUNITY, UNVERIFIED] meaning of `empty`.
EMPTY_GRACE = 60.0

# v3 (photo avatars after the v2 sunset).
# POST /v3/assets takes files up to 32 MB; bigger ones are refused here, before any byte is sent.
MAX_UPLOAD_BYTES = 32 * 1024 * 1024
# A local photo up to this size goes inline (base64) in the create request: one call, covered by
# its Idempotency-Key. Bigger photos are uploaded first (streamed) and sent by asset id.
INLINE_PHOTO_MAX_BYTES = 1024 * 1024
# Right after creation HeyGen may not find the new avatar yet (404 avatar_not_found): a wait
# keeps polling through that for this long before treating the 404 as real. [INF]
NOT_FOUND_GRACE = 30.0
