"""Status calls and lateness of `wait_for_training` with and without webhook events, side by side.

The same 10-minute training as `bench.wait`, on a fake clock: ready at many times spread over
600 s ± 60 s. Three ways to wait for it:

* polling alone, on the default schedule;
* with `events=`: the success event is published the moment training ends (the local fake's
  deliveries behave so), and the wait polls at once;
* with `events=` but the delivery lost: only the safety-net polls (every 60 s) find it.

    python -m bench.webhooks [--smoke]
"""

from __future__ import annotations

import argparse
import json
import statistics
from datetime import UTC, datetime
from typing import Any

import httpx

import heygen
from bench.wait import PENDING_FOR, READY_AT, _status_body
from heygen.testing import FakeClock
from heygen.webhooks import EventFeed, WebhookEvent, WebhookEventType

SPREAD = 60.0
MODES = ("polling", "events", "events, delivery lost")


def _event() -> WebhookEvent:
    return WebhookEvent(
        event_id="evt-bench",
        event_type=WebhookEventType.PHOTO_AVATAR_TRAIN_SUCCESS,
        raw_event_type="photo_avatar_train.success",
        created_at=datetime.now(UTC),
        data={"group_id": "group-1"},
    )


def one_wait(mode: str, ready_at: float) -> tuple[int, float]:
    """(status calls, seconds between turning ready and the wait returning) for one training."""
    clock = FakeClock()
    started = clock.monotonic()
    calls = 0

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        elapsed = clock.monotonic() - started
        status = "pending" if elapsed < PENDING_FOR else "training" if elapsed < ready_at else "ready"
        return httpx.Response(200, json=_status_body(status))

    feed = EventFeed()
    if mode == "events":
        clock.call_at(started + ready_at, lambda: feed.publish(_event()))
    with (
        httpx.Client(transport=httpx.MockTransport(handler)) as http_client,
        heygen.HeyGen(api_key="bench", http_client=http_client, clock=clock) as client,
    ):
        client.photo_avatars.wait_for_training("group-1", events=None if mode == "polling" else feed)
    return calls, clock.monotonic() - started - ready_at


def run(*, smoke: bool = False) -> dict[str, Any]:
    count = 11 if smoke else 121
    times = [READY_AT - SPREAD + i * 2 * SPREAD / (count - 1) for i in range(count)]
    rows = []
    for mode in MODES:
        outcomes = [one_wait(mode, ready_at) for ready_at in times]
        calls = [c for c, _ in outcomes]
        late = [s for _, s in outcomes]
        rows.append(
            {
                "mode": mode,
                "calls_median": statistics.median(calls),
                "calls_max": max(calls),
                "late_median_s": statistics.median(late),
                "late_max_s": max(late),
            }
        )
    return {"ready_at_s": READY_AT, "spread_s": SPREAD, "ready_times": count, "modes": rows}


def table(result: dict[str, Any]) -> str:
    lines = [
        f"wait_for_training with webhook events, 10-minute training on a fake clock: ready at "
        f"{result['ready_times']} times over {result['ready_at_s']:g} ± {result['spread_s']:g} s",
        f"  {'how it waits':<42}{'status calls':>16}{'late (s)':>16}",
        f"  {'':<42}{'median   max':>16}{'median   max':>16}",
    ]
    for row in result["modes"]:
        lines.append(
            f"  {row['mode']:<42}{row['calls_median']:>9g}{row['calls_max']:>7g}"
            f"{row['late_median_s']:>10.1f}{row['late_max_s']:>6.1f}"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="11 ready times instead of 121")
    parser.add_argument("--json", action="store_true", help="print JSON instead of the table")
    args = parser.parse_args()
    result = run(smoke=args.smoke)
    print(json.dumps(result, indent=2) if args.json else table(result))


if __name__ == "__main__":
    main()
