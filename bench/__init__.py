"""Benchmarks for the SDK: overhead next to raw httpx, cold import, memory, and polling.

`make bench` runs them all (`python -m bench`); `python -m bench --smoke` is the short run that CI
does so the benchmark cannot rot. Results go to `bench/results/latest.json`.
"""

SECTIONS = ("sync", "async", "v3", "upload", "memory", "in_process", "imports", "wait", "webhooks")
