"""Counts what the reliability suite tried, for the line it prints at the end of a run."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Tally:
    scenarios: set[str] = field(default_factory=set)  # fault x method
    runs: int = 0  # fault scenarios run, sync and async
    examples: int = 0  # hypothesis examples tried (v2)
    v3_examples: int = 0  # hypothesis examples tried on v3 operations
    webhook_examples: int = 0  # webhook deliveries tried
    concurrent_calls: int = 0
    secret_checks: int = 0  # texts searched for the key and the webhook secret

    def scenario(self, name: str) -> None:
        self.scenarios.add(name)
        self.runs += 1


TALLY = Tally()
