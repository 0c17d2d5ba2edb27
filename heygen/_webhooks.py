"""`client.webhooks`: verify deliveries with the client's signing secret.

The secret comes from `webhook_secret=` or `HEYGEN_WEBHOOK_SECRET`, read once when the client
is made; the time window is measured on the client's clock, so a test that drives a fake clock
verifies the fake's deliveries in fake time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._constants import WEBHOOK_SECRET_ENV
from ._exceptions import ConfigurationError

if TYPE_CHECKING:
    from ._client import _BaseClient
    from .webhooks import Headers, WebhookEvent


class Webhooks:
    """Webhook helpers on a `HeyGen` or `AsyncHeyGen` client (verification needs no I/O)."""

    def __init__(self, client: _BaseClient) -> None:
        self._client = client

    def verify(
        self,
        body: bytes,
        headers: Headers,
        *,
        secret: str | None = None,
        tolerance: float | None = None,
    ) -> WebhookEvent:
        """`heygen.webhooks.verify` with the client's secret and clock.

        Args:
            body: The raw request body, as bytes.
            headers: The request headers.
            secret: Overrides the client's secret (say, during a rotation, try the new one
                and then the old one).
            tolerance: Seconds the timestamp may be off, either way (default 300).

        Raises:
            heygen.WebhookVerificationError: the delivery failed a check (`reason` says which).
            heygen.ConfigurationError: no secret was given here, to the client, or in
                `HEYGEN_WEBHOOK_SECRET`.
        """
        from .webhooks import DEFAULT_TOLERANCE, verify

        key = secret if secret is not None else self._client._webhook_secret
        if key is None:
            raise ConfigurationError(
                f"No webhook secret: pass webhook_secret=... to the client or set {WEBHOOK_SECRET_ENV} "
                "(HeyGen shows the secret once, when the endpoint is created or its secret rotated).",
                setting="webhook_secret",
            )
        return verify(
            body,
            headers,
            secret=key,
            tolerance=DEFAULT_TOLERANCE if tolerance is None else tolerance,
            now=self._client._clock.time(),
        )
